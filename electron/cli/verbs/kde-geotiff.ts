import { formatAppError } from '../../../shared/base/errors';
import type { AnalysisRun } from '../../../shared/domain/analysis/result';
import { encodeGeoTiff } from '../../../shared/domain/geo/geotiff-write';
import { CliInputError } from '../io';
import { metadataOutput, type OutputFile } from './analysis-output';
import type { LoadedSource } from './analysis-source';

/**
 * `spi kde --out FILE.tif`: the density raster as a Float32 GeoTIFF in the analysis CRS
 * (shared/domain/geo/geotiff-write.ts), and FILE.meta.json with the method, parameters and
 * conventions. The raster's grid comes from the run's summary (west, north, cols, rows, cell),
 * the same grid the CSV's cell centres describe.
 */
export function kdeGeoTiffOutputs(out: string, run: AnalysisRun, density: Float64Array, source: LoadedSource): OutputFile[] {
  if (!source.crs) throw new CliInputError(`--out: "${out}" needs the data's CRS for the GeoTIFF's GeoKeys (give --crs EPSG:N)`);
  const s = run.summary as Record<string, number>;
  const tif = encodeGeoTiff({
    width: s.cols as number,
    height: s.rows as number,
    values: density,
    west: s.west as number,
    north: s.north as number,
    cellX: s.cellM as number,
    cellY: s.cellM as number,
    crs: source.crs,
    description: `${run.method}, ${String(s.densityUnit)}, radius ${s.radiusM} m, cell ${s.cellM} m`,
  });
  if (!tif.ok) throw new CliInputError(`--out: ${formatAppError(tif.error)}`);
  const meta = metadataOutput(out, run, source);
  return [
    { arg: out, bytes: tif.value, what: `${(s.cols as number).toLocaleString('en-US')} x ${(s.rows as number).toLocaleString('en-US')} Float32 GeoTIFF, ${source.crs}` },
    { ...meta, arg: `${out.replace(/\.tiff?$/i, '')}.meta.json` },
  ];
}
