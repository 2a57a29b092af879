// `node --import tsx bench/explore.ts [--incidents 1000000] [--runs 3]`: the explore view's
// query and layer side at agency scale (issue 5), in Node with the same code the app runs:
//   - filter: a date range (the last 12 of 24 months) plus two offense groups, run the way
//     renderer/features/explore/use-explore.ts runs it (queryExploreFilter: map points, the count,
//     the weekly histogram and the hour x weekday grid), once through the four DuckDB queries
//     (each also timed alone) and once through the in-memory filter index (filter-index*.ts,
//     built once per dataset: its build time is reported), checked equal, against a reference:
//     a plain SQL count over the same rows (date range and the groups' codes, no CASE mapping);
//   - the same filter plus a drawn area (8 and 100 corners, a new area every run, so no kept
//     mask helps), plus a field condition `offense_code = <a code>` (a new value every run), and
//     the aoristic charts (occurred_to: up to a day after occurred_from), index vs SQL in
//     alternating pairs (bench/explore-filter-pairs.ts); the one-off loads (the area's lon/lat
//     columns, the field's text dictionary, the aoristic window numbers) are reported apart, and
//     so is a change of another filter while the area stays (its mask kept);
//   - KDE at the default radius and cell (ArcGIS rules) on the filtered points, through
//     prepareKdeLayer (the explore worker's code: surface, classes, image);
//   - KDE of all points on a 500 x 500 grid: stats/kde.ts against a straightforward per-point
//     reference (every point adds the quartic kernel to every cell within the radius).
// Data: seeded, generated inside DuckDB (2 years, 40 beats, clustered around a city centre).
// Medians of `runs`; the last line is JSON. `--only filter` skips the KDE parts.
import { parseArgs } from 'node:util';
import { unwrap } from '../shared/base/result';
import { chooseExploreCrs, projectLonLat } from '../shared/domain/explore/analysis-crs';
import { buildCountSql, buildRowIdsSql, queryHourDow, queryTimeHistogram } from '../shared/domain/explore/chart-queries';
import { buildFilterIndex, type FilterIndex } from '../shared/domain/explore/filter-index';
import { queryExploreFilter, type ExploreFilterOutput } from '../shared/domain/explore/filter-index-query';
import { PAIR_FIGURES, PAIRS, prepareConditionPairs, runConditionPairs, type PairContext } from './explore-filter-pairs';
import { prepareKdeLayer } from '../shared/domain/explore/density-layer';
import { selectPointIndices, subsetPoints } from '../shared/domain/explore/filtered-points';
import { buildFilterWhereSql, EMPTY_FILTER, NORMALIZED_COLUMNS, type ExploreFilter } from '../shared/domain/explore/filters';
import { computeExtent } from '../shared/domain/geo/grid';
import { computeDefaultKdeRadius } from '../shared/domain/stats/bandwidth';
import { computeKde, createRaster, type Raster } from '../shared/domain/stats/kde';
import { openNodeEngine } from '../electron/services/duckdb-node';
import { OFFENSE_GROUPS, offenseGroupOf } from '../shared/domain/ingest/nibrs';

const { values } = parseArgs({ options: { incidents: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, only: { type: 'string' } } });
const n = Number(values.incidents);
const runs = Number(values.runs);
if (values.only !== undefined && values.only !== 'filter') throw new Error(`--only: "${values.only}" is not a part (filter)`);
const filterOnly = values.only === 'filter';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
async function time<T>(f: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [(performance.now() - t0) / 1000, v];
}
/** CPU seconds (user + system) of this process, which a shared machine distorts less than wall time. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Straightforward quartic KDE: each point adds K(d) = 3/(pi r^2) (1 - d^2/r^2)^2 to every cell centre within r. Per km^2. */
function referenceKde(x: Float64Array, y: Float64Array, raster: Raster, r: number): Float64Array {
  const { minX, maxY, cellSize: c, cols, rows } = raster;
  const out = new Float64Array(cols * rows);
  const k = (3 / (Math.PI * r * r)) * 1e6;
  for (let i = 0; i < x.length; i++) {
    const px = x[i]!;
    const py = y[i]!;
    const c0 = Math.max(0, Math.floor((px - r - minX) / c));
    const c1 = Math.min(cols - 1, Math.floor((px + r - minX) / c));
    const r0 = Math.max(0, Math.floor((maxY - py - r) / c));
    const r1 = Math.min(rows - 1, Math.floor((maxY - py + r) / c));
    for (let row = r0; row <= r1; row++) {
      const dy = maxY - (row + 0.5) * c - py;
      for (let col = c0; col <= c1; col++) {
        const dx = minX + (col + 0.5) * c - px;
        const u = (dx * dx + dy * dy) / (r * r);
        if (u < 1) out[row * cols + col]! += k * (1 - u) * (1 - u);
      }
    }
  }
  return out;
}

const engine = await openNodeEngine();
const codes = ['13A', '13B', '120', '220', '23F', '23H', '240', '290', '35A', '520', '90Z', '26A'];
unwrap(await engine.query('SELECT setseed(0.42)'));
const setup = await engine.query(`
  CREATE TABLE incidents AS
  SELECT
    TIMESTAMP '2023-01-01' + to_seconds((random() * 730 * 86400)::BIGINT) AS occurred_from,
    (['${codes.join("','")}'])[1 + (random() * ${codes.length - 1})::INTEGER] AS offense_code,
    'B' || (1 + (random() * 39)::INTEGER) AS beat,
    -90.05 + 0.12 * (CASE WHEN random() < 0.6 THEN (random() + random() + random() - 1.5) / 1.5 ELSE random() * 2 - 1 END) AS lon,
    35.12 + 0.09 * (CASE WHEN random() < 0.6 THEN (random() + random() + random() - 1.5) / 1.5 ELSE random() * 2 - 1 END) AS lat
  FROM range(${n});`);
if (!setup.ok) throw new Error(JSON.stringify(setup.error));
// An occurred-to for the aoristic charts, added after the fact so the columns above stay as they were.
unwrap(await engine.query('ALTER TABLE incidents ADD COLUMN occurred_to TIMESTAMP'));
unwrap(await engine.query('UPDATE incidents SET occurred_to = occurred_from + to_seconds((hash(rowid) % 86400)::BIGINT)'));
const pts = unwrap(await engine.query('SELECT rowid::UINTEGER AS row_id, lon, lat FROM incidents ORDER BY rowid'));
const lon = Float64Array.from(pts.getChild('lon')!.toArray() as Float64Array);
const lat = Float64Array.from(pts.getChild('lat')!.toArray() as Float64Array);
const rowId = Uint32Array.from(pts.getChild('row_id')!.toArray() as Uint32Array);
const crs = chooseExploreCrs(lon, lat);
const { x, y } = projectLonLat(lon, lat, crs);
const base = { lon, lat, x, y, group: new Uint8Array(n), rowId };

// violent (0) and property (1) groups over the second year
const filter: ExploreFilter = { ...EMPTY_FILTER, dateFrom: '2024-01-01', dateTo: '2024-12-31', groups: [0, 1] };
const where = buildFilterWhereSql(filter, NORMALIZED_COLUMNS);
const violentOrProperty = codes.filter((c) => ['violent', 'property'].includes(offenseGroupOf(c)));
const referenceSql = `SELECT count(*)::INTEGER AS n FROM incidents WHERE occurred_from >= TIMESTAMP '2024-01-01' AND occurred_from < TIMESTAMP '2025-01-01' AND offense_code IN ('${violentOrProperty.join("','")}')`;

if (OFFENSE_GROUPS[0]?.id !== 'violent' || OFFENSE_GROUPS[1]?.id !== 'property') throw new Error('group order changed: fix the filter');
const fig: Record<string, number[]> = {
  referenceCount: [],
  sqlRowIdsToPoints: [],
  sqlCount: [],
  sqlHistogram: [],
  sqlHourDow: [],
  filterAllSql: [],
  filterAllIndex: [],
  filterAllSqlCpu: [],
  filterAllIndexCpu: [],
  ...Object.fromEntries(PAIR_FIGURES.map((k) => [k, []])),
  ...(filterOnly ? {} : { kdeDefault: [], kde500: [], kde500Reference: [] }),
};
// Element by element, without building strings (their garbage would be collected inside the next timing).
const sameArray = (a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined) => {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
const same = (a: ExploreFilterOutput, b: ExploreFilterOutput) =>
  a.count === b.count &&
  sameArray(a.points.rowId, b.points.rowId) &&
  sameArray(a.histogram?.start, b.histogram?.start) &&
  sameArray(a.histogram?.count, b.histogram?.count) &&
  sameArray(a.hourDow ?? undefined, b.hourDow ?? undefined);
// The index is built once per dataset (in the app: in the background after the dataset loads).
const buildCpu0 = cpuSeconds();
const [indexBuild, built] = await time(async () => unwrap(await buildFilterIndex(engine, 'incidents', NORMALIZED_COLUMNS)));
const indexBuildCpu = cpuSeconds() - buildCpu0;
if (!built) throw new Error('the bench table could not be indexed');
const index: FilterIndex = built;
const pairs: PairContext = { engine, base, filter, index, codes, fig, same, time };
const { areaLoad, fieldFirstUse, aoristicFirstUse } = await prepareConditionPairs(pairs);
const kept: Record<string, number> = {};
let filtered = 0;
let referenceRows = 0;
let kdeInfo = { cols: 0, rows: 0, radius: 0, cell: 0 };
for (let run = 0; run < runs; run++) {
  // Reference and both paths interleaved, so drift hits all of them.
  const [ref, refN] = await time(async () => Number(unwrap(await engine.query(referenceSql)).getChild('n')!.get(0)));
  fig.referenceCount!.push(ref);
  referenceRows = refN;
  // The two paths in alternating order (A B, B A, ...), so the garbage one leaves for the
  // collector, and background compilation, fall on both. Blocking duckdb-wasm runs on this
  // thread, so CPU time covers the engine too.
  const timed = async (viaIndex: boolean): Promise<ExploreFilterOutput> => {
    const c0 = cpuSeconds();
    const [t, out] = await time(async () => unwrap(await queryExploreFilter(engine, 'incidents', NORMALIZED_COLUMNS, base, filter, 'week', viaIndex ? index : null)));
    fig[viaIndex ? 'filterAllIndexCpu' : 'filterAllSqlCpu']!.push(cpuSeconds() - c0);
    fig[viaIndex ? 'filterAllIndex' : 'filterAllSql']!.push(t);
    return out;
  };
  const viaSql = run % 2 === 0 ? await timed(false) : null;
  const viaIndex = await timed(true);
  const viaSqlOut = viaSql ?? (await timed(false));
  if (viaSqlOut.path !== 'sql' || viaIndex.path !== 'index' || !same(viaSqlOut, viaIndex)) throw new Error('the filter index and the SQL path disagree');
  filtered = viaIndex.points.x.length;
  // The SQL path's queries one by one (as the app runs them, without the index).
  const [tPoints] = await time(async () => {
    const ids = unwrap(await engine.query(buildRowIdsSql('incidents', where)));
    return subsetPoints(base, selectPointIndices(base.rowId, ids.getChild('row_id')!.toArray() as Uint32Array));
  });
  fig.sqlRowIdsToPoints!.push(tPoints);
  fig.sqlCount!.push((await time(async () => unwrap(await engine.query(buildCountSql('incidents', where)))))[0]);
  const noDates = buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, NORMALIZED_COLUMNS);
  fig.sqlHistogram!.push((await time(async () => unwrap(await queryTimeHistogram(engine, 'incidents', NORMALIZED_COLUMNS, noDates, 'week'))))[0]);
  const noDayHour = buildFilterWhereSql({ ...filter, daysOfWeek: null, hours: null }, NORMALIZED_COLUMNS);
  fig.sqlHourDow!.push((await time(async () => unwrap(await queryHourDow(engine, 'incidents', NORMALIZED_COLUMNS, noDayHour))))[0]);
  await runConditionPairs(pairs, run, kept);
  if (filterOnly) continue;
  const subset = viaIndex.points;
  const [tKde, layer] = await time(() => unwrap(prepareKdeLayer(subset.x, subset.y, crs, { kernel: 'quartic', radius: null, cell: null, classing: 'quantile', classes: 5 })));
  fig.kdeDefault!.push(tKde);
  kdeInfo = { cols: layer.width, rows: layer.height, radius: layer.radius, cell: layer.cell };
}

// 500 x 500 grid over all points: stats/kde.ts vs the per-point reference (radius: ArcGIS default).
const ext = computeExtent(x, y)!;
const radius = unwrap(computeDefaultKdeRadius(x, y)).radius;
const cell = Math.max(ext.maxX - ext.minX + 2 * radius, ext.maxY - ext.minY + 2 * radius) / 500;
const raster = unwrap(createRaster({ minX: ext.minX - radius, minY: ext.minY - radius, maxX: ext.minX - radius + 500 * cell - 1e-6, maxY: ext.minY - radius + 500 * cell - 1e-6 }, cell));
let maxRelDiff = 0;
for (let run = 0; run < (filterOnly ? 0 : runs); run++) {
  const [tRef, ref] = await time(() => referenceKde(x, y, raster, radius));
  fig.kde500Reference!.push(tRef);
  const [tKde, kde] = await time(() => unwrap(computeKde(x, y, raster, { radius, kernel: 'quartic', areaUnit: 'km2' })));
  fig.kde500!.push(tKde);
  let peak = 0;
  for (const v of ref) peak = Math.max(peak, v);
  for (let i = 0; i < ref.length; i += 97) maxRelDiff = Math.max(maxRelDiff, Math.abs(kde.density[i]! - ref[i]!) / peak);
}

const m = Object.fromEntries(Object.entries(fig).map(([k, v]) => [k, median(v)])) as Record<string, number>;
const sqlSum = m.sqlRowIdsToPoints! + m.sqlCount! + m.sqlHistogram! + m.sqlHourDow!;
// Per-run pairs (SQL and index back to back, order alternating): the ratio a shared machine distorts least.
const pairRatio = (a: number[], b: number[]) => median(a.map((v, i) => v / b[i]!));
const pairWall = pairRatio(fig.filterAllSql!, fig.filterAllIndex!);
const pairCpu = pairRatio(fig.filterAllSqlCpu!, fig.filterAllIndexCpu!);
const conditionPairs = Object.fromEntries(
  PAIRS.map((k) => [k, { sql: m[`${k}Sql`]!, index: m[`${k}Index`]!, sqlOverIndexPerPair: pairRatio(fig[`${k}Sql`]!, fig[`${k}Index`]!), kept: kept[k] }]),
);
const out = {
  incidents: n,
  filteredPoints: filtered,
  referenceRows,
  runs,
  medianSeconds: m,
  indexBuildSeconds: indexBuild,
  indexBuildCpuSeconds: indexBuildCpu,
  filterSqlSumOfQueries: sqlSum,
  filterAllSqlVsIndex: m.filterAllSql! / m.filterAllIndex!,
  filterAllSqlVsReferenceCount: m.filterAllSql! / m.referenceCount!,
  filterAllIndexVsReferenceCount: m.filterAllIndex! / m.referenceCount!,
  filterAllSqlVsIndexCpu: m.filterAllSqlCpu! / m.filterAllIndexCpu!,
  filterAllSqlVsIndexPerPair: { wall: pairWall, cpu: pairCpu },
  conditionPairs,
  areaColumnsLoadSeconds: areaLoad,
  fieldDictionaryFirstUseSeconds: fieldFirstUse,
  aoristicFirstUseSeconds: aoristicFirstUse,
  ...(filterOnly
    ? {}
    : {
        kdeDefault: { ...kdeInfo, crs },
        kde500: { cols: raster.cols, rows: raster.rows, radius, cell, speedupVsReference: m.kde500Reference! / m.kde500!, maxDifferenceShareOfPeak: maxRelDiff },
      }),
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};
console.log(`SPI Workbench explore benchmark: ${n.toLocaleString('en-US')} incidents, median of ${runs}, node ${process.version}, duckdb-wasm`);
console.log('| step | median | runs |\n|---|---|---|');
for (const [k, v] of Object.entries(fig)) console.log(`| ${k} | ${(m[k]! * 1000).toFixed(0)} ms | ${v.map((s) => (s * 1000).toFixed(0)).join(', ')} |`);
console.log(`| filterIndexBuild (once per dataset) | ${(indexBuild * 1000).toFixed(0)} ms (CPU ${(indexBuildCpu * 1000).toFixed(0)} ms) | 1 |`);
console.log(
  `filter -> ${filtered.toLocaleString('en-US')} map points (reference count ${referenceRows.toLocaleString('en-US')}); full update: SQL path ${(m.filterAllSql! * 1000).toFixed(0)} ms ` +
    `(${out.filterAllSqlVsReferenceCount.toFixed(1)}x the plain SQL count), filter index ${(m.filterAllIndex! * 1000).toFixed(0)} ms (${out.filterAllIndexVsReferenceCount.toFixed(2)}x the count, ` +
    `SQL / index per run pair: ${pairWall.toFixed(1)}x wall, ${pairCpu.toFixed(1)}x CPU); results identical`,
);
console.log('| filter plus | SQL path | index path | SQL / index (median of per-run pairs) | rows kept (aoristic: incidents in the grid) |\n|---|---|---|---|---|');
for (const [k, v] of Object.entries(conditionPairs)) {
  console.log(`| ${k} | ${(v.sql * 1000).toFixed(0)} ms | ${(v.index * 1000).toFixed(0)} ms | ${v.sqlOverIndexPerPair.toFixed(1)}x | ${v.kept?.toLocaleString('en-US')} |`);
}
console.log(
  `one-off: area lon/lat columns ${(areaLoad * 1000).toFixed(0)} ms (background, after the index); first condition on offense_code (text dictionary + pass) ${(fieldFirstUse * 1000).toFixed(0)} ms; ` +
    `first aoristic charts from the index (loads the window numbers; in the app loaded in the background after the first SQL answer) ${(aoristicFirstUse * 1000).toFixed(0)} ms; ` +
    `another filter change with the 8-corner area kept ${(m.area8IndexOtherFilterChange! * 1000).toFixed(0)} ms`,
);
if (!filterOnly) {
  console.log(
    `KDE default: ${kdeInfo.cols} x ${kdeInfo.rows} cells of ${kdeInfo.cell.toFixed(1)} m, radius ${kdeInfo.radius.toFixed(0)} m; KDE 500 x 500 on all points: ${(m.kde500Reference! / m.kde500!).toFixed(1)}x the per-point reference`,
  );
}
console.log(JSON.stringify({ explore: out }));
process.exit(0);
