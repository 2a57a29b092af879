import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runKde } from '../../../shared/domain/analysis/run-kde';
import { CliInputError, type CliIo, type Verb } from '../io';
import { kdeGeoTiffOutputs as geoTiffOutputs } from './kde-geotiff';
import { csvOutput, emitAnalysis, metadataOutput } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';

const HELP = `spi kde SRC [--radius M] [--cell M] [--kernel quartic|gaussian] --out kde.csv [options]

Kernel density estimate (the ArcGIS Kernel Density estimate for points), a true density, not a
pixel-radius heat map:
  density(c) = sum_i K(d(c, x_i)) at every cell centre c
  quartic (default; Silverman 1986): K(d) = (3 / (pi r^2)) (1 - (d/r)^2)^2 for d < r, else 0
  gaussian: K(d) = exp(-d^2 / (2 h^2)) / (2 pi h^2), h = the radius, evaluated out to 5 h
Units: incidents per square kilometre (--per mi2: per square mile); the surface integrates to
the number of incidents (weights with --weight-column).
Default radius (ArcGIS): 0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2, SD the standard distance, Dm the
median distance to the mean centre. Default cell: the shorter side of the incidents' extent / 250.
Cells: squares of --cell metres; the raster covers the incidents' extent grown by the kernel's
reach (r, or 5 h), its west and south edges at multiples of the cell size from the CRS origin;
x, y are cell CENTRES in the analysis CRS (metres); row 0 is the northernmost row, col 0 the
westernmost. These conventions are repeated in the output: "convention" in --json, and with
--out kde.csv a kde.meta.json beside it (method, parameters, convention, CRS, source).

Options:
  --radius M            search radius (quartic) or bandwidth h (gaussian), metres
  --cell M              cell size, metres
  --kernel K            quartic (default) or gaussian
  --per km2|mi2         density unit (default km2)
  --out FILE.csv        every cell: x, y, row, col, density, plus FILE.meta.json
  --out FILE.tif        the surface as a single-band Float32 GeoTIFF (uncompressed; GeoKeys with
                        the analysis CRS's EPSG code; ModelTiepoint at the north-west corner of
                        cell (row 0, col 0), ModelPixelScale = the cell size; RasterPixelIsArea),
                        plus FILE.meta.json

${SOURCE_HELP}
`;

const OPTIONS = { ...SOURCE_OPTIONS, radius: { type: 'string' }, cell: { type: 'string' }, kernel: { type: 'string' }, per: { type: 'string' } } as const;

/**
 * Before any work: the folder of --out must exist, so a typo in it is reported as the analyst's
 * folder (`--out: x/kde.csv: the folder x does not exist`) at once, not after the analysis as a
 * failed write of the writer's temporary file.
 */
async function checkOutFolder(out: string, cwd: string): Promise<void> {
  const folder = path.dirname(path.resolve(cwd, out));
  const info = await stat(folder).catch(() => null);
  const shown = path.dirname(out) === '.' ? folder : path.dirname(out);
  if (!info) throw new CliInputError(`--out: ${out}: the folder ${shown} does not exist`);
  if (!info.isDirectory()) throw new CliInputError(`--out: ${out}: ${shown} is not a folder`);
}

export const kdeVerb: Verb = {
  name: 'kde',
  summary: 'kernel density surface (quartic or gaussian) in incidents per km^2, as CSV',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    const radius = values.radius === undefined ? undefined : parseNumberOption('--radius', values.radius, { min: 0, exclusive: true, what: 'a radius in metres > 0' });
    const cell = values.cell === undefined ? undefined : parseNumberOption('--cell', values.cell, { min: 0, exclusive: true, what: 'a cell size in metres > 0' });
    const kernel = (values.kernel ?? 'quartic').toLowerCase();
    if (kernel !== 'quartic' && kernel !== 'gaussian') throw new CliInputError(`--kernel: "${values.kernel}" is not valid (expected quartic or gaussian)`);
    const per = (values.per ?? 'km2').toLowerCase();
    if (per !== 'km2' && per !== 'mi2') throw new CliInputError(`--per: "${values.per}" is not valid (expected km2 or mi2)`);
    const ext = checkOutExtension(values.out, ['.csv', '.tif', '.tiff'], 'kde');
    if (values.out) await checkOutFolder(values.out, io.cwd);
    const loaded = await loadAnalysisSource(src, values, { dates: 'none' }, io.cwd);
    const p = loaded.points;
    const run = runKde(p.x, p.y, { radius, cell, kernel, areaUnit: per }, p.weights ?? undefined);
    if (!run.ok) fail(run.error);
    const density = run.value.table.columns.find((c) => c.name === 'density')?.values as Float64Array;
    return emitAnalysis(run.value, {
      io,
      values,
      source: loaded,
      outputs: !values.out ? [] : ext === '.csv' ? [csvOutput(values.out, run.value.table), metadataOutput(values.out, run.value, loaded)] : geoTiffOutputs(values.out, run.value, density, loaded),
      textRows: values.out || values.json ? null : { caption: 'Densest cells (use --out kde.csv for every cell)', indices: topIndices(density, 10) },
    });
  },
};
