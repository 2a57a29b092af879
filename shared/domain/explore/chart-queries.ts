/**
 * SQL for the explore charts and counts. Each takes the incident table, its column map and a
 * `WHERE` predicate from {@link buildFilterWhereSql}. Charts are cross-filters: the caller passes
 * the filter WITHOUT the chart's own dimension (the time histogram ignores the date range, the
 * hour x day grid ignores hours and days) and highlights the selection instead, so a chart never
 * collapses to the bars that are already chosen.
 */
import type { Table } from 'apache-arrow';
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import type { ExploreColumns } from './filters';

/** Histogram bucket: ISO weeks start on Monday (DuckDB `date_trunc('week')`), months on the 1st. */
export type TimeBucket = 'week' | 'month';

/** `SELECT count(*) AS n` of the rows that pass `where` (INTEGER). */
export function buildCountSql(table: string, where: string): string {
  return `SELECT count(*)::INTEGER AS n FROM ${quoteIdent(table)} WHERE ${where}`;
}

/** The rowids (UINTEGER, ascending) of the rows that pass `where`: the map keeps these points. */
export function buildRowIdsSql(table: string, where: string): string {
  return `SELECT rowid::UINTEGER AS row_id FROM ${quoteIdent(table)} WHERE ${where} ORDER BY rowid`;
}

/**
 * Incidents per week or month of occurred-from: `bucket` (DATE, the bucket's first day) and `n`
 * (INTEGER), ascending; buckets without incidents are absent (the chart fills them with 0).
 * Rows whose date does not parse are not counted.
 */
export function buildTimeHistogramSql(table: string, columns: ExploreColumns, where: string, bucket: TimeBucket): string {
  return `SELECT date_trunc('${bucket}', occ)::DATE AS bucket, count(*)::INTEGER AS n
FROM (SELECT ${columns.occurred} AS occ FROM ${quoteIdent(table)} WHERE ${where})
WHERE occ IS NOT NULL GROUP BY 1 ORDER BY 1`;
}

/**
 * Counts by day of week (`dow`, 0 = Sunday, DuckDB `dayofweek`) and hour of day (`hour`, 0..23)
 * of occurred-from; combinations without incidents are absent. Occurred-from only: no aoristic
 * spreading over the occurred-from/to window (the chart says so).
 */
export function buildHourDowSql(table: string, columns: ExploreColumns, where: string): string {
  return `SELECT dayofweek(occ)::INTEGER AS dow, hour(occ)::INTEGER AS hour, count(*)::INTEGER AS n
FROM (SELECT ${columns.occurred} AS occ FROM ${quoteIdent(table)} WHERE ${where})
WHERE occ IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** Distinct non-empty beats, sorted as text; empty when the column map has no beat. */
export function buildBeatsSql(table: string, columns: ExploreColumns): string | null {
  if (columns.beat === null) return null;
  return `SELECT DISTINCT b AS beat FROM (SELECT ${columns.beat} AS b FROM ${quoteIdent(table)}) WHERE b IS NOT NULL AND trim(b) <> '' ORDER BY 1`;
}

/** The histogram as columns: bucket start (ms since epoch, UTC) and count. */
export interface TimeHistogram {
  readonly bucket: TimeBucket;
  readonly start: Float64Array;
  readonly count: Int32Array;
}

/**
 * Runs {@link buildTimeHistogramSql} and fills empty buckets with 0 so bars are evenly spaced
 * (weeks step 7 days; months step one calendar month).
 */
export async function queryTimeHistogram(
  engine: SqlEngine,
  table: string,
  columns: ExploreColumns,
  where: string,
  bucket: TimeBucket,
): Promise<Result<TimeHistogram, AppError>> {
  const r = await engine.query(buildTimeHistogramSql(table, columns, where, bucket));
  if (!r.ok) return r;
  const got = new Map<number, number>();
  const b = r.value.getChild('bucket');
  const n = r.value.getChild('n');
  for (let i = 0; i < r.value.numRows; i++) got.set(toMs(b?.get(i)), Number(n?.get(i) ?? 0));
  const keys = [...got.keys()];
  if (keys.length === 0) return ok({ bucket, start: new Float64Array(0), count: new Int32Array(0) });
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const starts: number[] = [];
  for (let t = first; t <= last; t = nextBucket(t, bucket)) starts.push(t);
  return ok({ bucket, start: Float64Array.from(starts), count: Int32Array.from(starts, (t) => got.get(t) ?? 0) });
}

/** Start of the bucket after the one starting at `t` (ms, UTC). */
export function nextBucket(t: number, bucket: TimeBucket): number {
  if (bucket === 'week') return t + 7 * 86_400_000;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** Runs {@link buildHourDowSql} into a 7 x 24 matrix: `counts[dow * 24 + hour]`. */
export async function queryHourDow(engine: SqlEngine, table: string, columns: ExploreColumns, where: string): Promise<Result<Int32Array, AppError>> {
  const r = await engine.query(buildHourDowSql(table, columns, where));
  if (!r.ok) return r;
  return ok(hourDowMatrix(r.value));
}

function hourDowMatrix(t: Table): Int32Array {
  const out = new Int32Array(7 * 24);
  const dow = t.getChild('dow');
  const hour = t.getChild('hour');
  const n = t.getChild('n');
  for (let i = 0; i < t.numRows; i++) out[Number(dow?.get(i)) * 24 + Number(hour?.get(i))] = Number(n?.get(i) ?? 0);
  return out;
}

/** Arrow DATE values arrive as ms numbers (or Date): normalize to ms since epoch. */
function toMs(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  return Number(v);
}
