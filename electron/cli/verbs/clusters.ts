import { parseArgs } from 'node:util';
import { topIndices, type JsonValue } from '../../../shared/domain/analysis/result';
import { runClusters, toHullFeatureCollection } from '../../../shared/domain/analysis/run-clusters';
import { createTransform, getCrsDefinition } from '../../../shared/domain/geo/crs';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis, type OutputFile } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';

const HELP = `spi clusters SRC --eps 100 --min-points 10 [options]

DBSCAN density clusters (Ester et al. 1996, with scikit-learn's conventions): the
eps-neighbourhood of a point is every point within eps metres (inclusive, Euclidean, itself
included); a core point has at least --min-points points in it; clusters grow from core points,
border points join the first cluster that reaches them, the rest is noise (-1). Each cluster
gets its count, mean centre and convex hull (area in m^2). Also the Clark-Evans nearest
neighbour index R = observed / expected mean nearest-neighbour distance, with its z-score
(R < 1 clustered); it depends on the study area (--area-km2; default the bounding rectangle).

Options:
  --eps M               neighbourhood radius in metres
  --min-points K        points in a core point's neighbourhood, itself included
  --area-km2 A          study area for the nearest neighbour index
  --out FILE.csv        every point with x, y, cluster (-1 noise), core (1/0) and case_id
  --out FILE.geojson    the hulls as polygons (cluster, points, area_m2) in WGS 84
                        longitude/latitude (RFC 7946), plus FILE.projected.geojson in the
                        ANALYSIS CRS in metres (named in its "crs" member). When the source
                        CRS is unknown, FILE.geojson holds the source coordinates.

${SOURCE_HELP}
`;

const OPTIONS = { ...SOURCE_OPTIONS, eps: { type: 'string' }, 'min-points': { type: 'string' }, 'area-km2': { type: 'string' } } as const;

export const clustersVerb: Verb = {
  name: 'clusters',
  summary: 'DBSCAN clusters with hulls and the Clark-Evans nearest neighbour index',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (values['weight-column'] !== undefined) throw new CliInputError('--weight-column does not apply to spi clusters (every incident counts once)');
    if (values.eps === undefined) throw new CliInputError('--eps is required: the neighbourhood radius in metres, e.g. --eps 100');
    if (values['min-points'] === undefined) throw new CliInputError('--min-points is required, e.g. --min-points 10');
    const eps = parseNumberOption('--eps', values.eps, { min: 0, exclusive: true, what: 'a distance in metres > 0' });
    const minPoints = parseNumberOption('--min-points', values['min-points'], { min: 1, integer: true, what: 'a whole number >= 1' });
    const areaKm2 = values['area-km2'] === undefined ? undefined : parseNumberOption('--area-km2', values['area-km2'], { min: 0, exclusive: true, what: 'an area in km^2 > 0' });
    const ext = checkOutExtension(values.out, ['.csv', '.geojson'], 'clusters');

    const loaded = await loadAnalysisSource(src, values, { dates: 'none', idColumn: 'case_id' }, io.cwd);
    const p = loaded.points;
    const run = runClusters(p.x, p.y, { eps, minPoints, areaKm2 }, p.ids ?? undefined);
    if (!run.ok) fail(run.error);
    const r = run.value;
    const def = loaded.crs ? getCrsDefinition(loaded.crs) : undefined;
    const toLonLat = def ? createTransform(def.code, 'EPSG:4326') : undefined;
    const hulls = toHullFeatureCollection(r, loaded.crs);
    const hullsLonLat = toLonLat ? toHullFeatureCollection(r, loaded.crs, (x, y) => toLonLat(x, y)) : null;
    const outputs: OutputFile[] = [];
    if (values.out && ext === '.csv') outputs.push({ ...csvOutput(values.out, r.points), what: `${r.points.rows.toLocaleString('en-US')} points with cluster labels` });
    if (values.out && ext === '.geojson') {
      const encode = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v)}\n`);
      if (hullsLonLat) {
        outputs.push({ arg: values.out, bytes: encode(hullsLonLat), what: `${r.table.rows} hulls in WGS 84 lon/lat (RFC 7946)` });
        outputs.push({ arg: values.out.replace(/\.geojson$/i, '.projected.geojson'), bytes: encode(hulls), what: `${r.table.rows} hulls in ${loaded.crs} (metres)` });
      } else {
        outputs.push({ arg: values.out, bytes: encode(hulls), what: `${r.table.rows} hulls in the source coordinates (CRS unknown)` });
      }
    }
    const points = r.table.columns.find((c) => c.name === 'points')?.values as Int32Array;
    return emitAnalysis(r, {
      io,
      values,
      source: loaded,
      outputs,
      textRows: { caption: 'Largest clusters (hull areas in m^2; --json for all)', indices: topIndices(points, 20) },
      documentExtra: { hulls: hulls as unknown as JsonValue, hullsLonLat: hullsLonLat as unknown as JsonValue },
      jsonExtra: { hulls, hullsLonLat, hullCrs: loaded.crs },
    });
  },
};
