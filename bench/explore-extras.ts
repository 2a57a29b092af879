// `node --import tsx bench/explore-extras.ts [--rows 1000000] [--runs 5]`: the explore extras'
// query side at agency scale, in the Node engine (duckdb-wasm, one thread): building the incident
// table's order (rowid order and sorted by a text column), fetching a 100-row page at the top,
// the middle and the end, CompStat by beat, and the aoristic histogram and hour x day grid.
// Prints medians in ms; the last line is JSON.
import { parseArgs } from 'node:util';
import { openNodeEngine } from '../electron/services/duckdb-node';
import { queryAoristicHistogram, queryAoristicHourDow, queryHourDow, queryTimeHistogram } from '../shared/domain/explore/chart-queries';
import { comparisonPeriod } from '../shared/domain/explore/compstat';
import { queryCompstat } from '../shared/domain/explore/compstat-query';
import { detectExtraColumns } from '../shared/domain/explore/extra-columns';
import { NORMALIZED_COLUMNS } from '../shared/domain/explore/filters';
import { buildOrderTableSql, buildPageSql, buildPositionOfSql, ROW_ORDER, tableColumnsOf } from '../shared/domain/explore/table-query';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);

const engine = await openNodeEngine();
const must = async (sql: string) => {
  const r = await engine.query(sql);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
// Normalized-like incidents over 3 years: windows of 0-48 hours, 60 beats, 6 districts.
await must(`CREATE TABLE inc AS SELECT
  'C' || i AS case_id,
  ['220', '120', '13A', '23F', '35A', '520', '90C'][(1 + hash(i) % 7)::BIGINT] AS offense_code,
  TIMESTAMP '2022-01-01' + to_minutes((hash(i * 3) % (3 * 365 * 1440))::BIGINT) AS occurred_from,
  TIMESTAMP '2022-01-01' + to_minutes((hash(i * 3) % (3 * 365 * 1440))::BIGINT) + to_minutes((hash(i * 5) % 2880)::BIGINT) AS occurred_to,
  (100 + hash(i * 7) % 60)::VARCHAR AS beat,
  'D' || (hash(i * 7) % 6) AS district,
  (hash(i * 11) % 9999)::VARCHAR || ' BLOCK MAIN ST' AS address,
  -90.0 + (hash(i * 13) % 10000) / 1e5 AS lon, 35.0 + (hash(i * 17) % 10000) / 1e5 AS lat
FROM range(${rows}) r(i)`);
const header = ['case_id', 'offense_code', 'occurred_from', 'occurred_to', 'beat', 'district', 'address', 'lon', 'lat'];
const extra = detectExtraColumns(header);
const shown = tableColumnsOf(header);

async function median(label: string, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(44)} ${m.toFixed(1).padStart(9)} ms`);
  return m;
}

const out: Record<string, number> = {};
out.orderRowid = await median('order table, rowid order, no filter', () => must(buildOrderTableSql('inc', 'TRUE', ROW_ORDER, shown)));
out.orderSorted = await median('order table, sorted by address (text)', () => must(buildOrderTableSql('inc', 'TRUE', { column: 'address', descending: false }, shown)));
out.pageTop = await median('page of 100 rows at the top', () => must(buildPageSql('inc', 0, 100)));
out.pageMiddle = await median('page of 100 rows in the middle', () => must(buildPageSql('inc', Math.floor(rows / 2), 100)));
out.pageEnd = await median('page of 100 rows at the end', () => must(buildPageSql('inc', rows - 100, 100)));
const current = { from: '2024-12-04', to: '2024-12-31' };
out.positionOf = await median('position of a row (map click -> table)', () => must(buildPositionOfSql('inc', 654_321)));
out.compstatBeat = await median('CompStat by beat, last 28 vs previous 28', () => queryCompstat(engine, { table: 'inc', columns: NORMALIZED_COLUMNS, extra, where: 'TRUE', current, previous: comparisonPeriod(current, 'previous'), compare: 'previous', by: 'beat' }));
out.histogram = await median('weekly histogram (occurred from)', () => queryTimeHistogram(engine, 'inc', NORMALIZED_COLUMNS, 'TRUE', 'week'));
out.histogramAoristic = await median('weekly histogram (aoristic)', () => queryAoristicHistogram(engine, 'inc', NORMALIZED_COLUMNS, extra.occurredTo, 'TRUE', 'week'));
out.hourDow = await median('hour x day grid (occurred from)', () => queryHourDow(engine, 'inc', NORMALIZED_COLUMNS, 'TRUE'));
out.hourDowAoristic = await median('hour x day grid (aoristic)', () => queryAoristicHourDow(engine, 'inc', NORMALIZED_COLUMNS, extra.occurredTo, 'TRUE'));
await engine.close();
console.log(JSON.stringify({ bench: 'explore-extras', rows, runs, medianMs: out }));
