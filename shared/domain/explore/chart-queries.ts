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
import { computeAoristicGrid, DEFAULT_CAP_HOURS } from '../outputs/targets/aoristic';

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

/** How an incident is counted in time: once at occurred-from, or spread over its window (aoristic). */
export type TimeWeighting = 'from' | 'aoristic';

/** The histogram as columns: bucket start (ms since epoch, UTC) and count (fractional when aoristic). */
export interface TimeHistogram {
  readonly bucket: TimeBucket;
  readonly start: Float64Array;
  readonly count: Int32Array | Float64Array;
  /** 'from' unless made by {@link queryAoristicHistogram}. */
  readonly weighting?: TimeWeighting;
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
  return ok(fillBuckets(r.value, bucket, false));
}

/** Bucket/n rows -> evenly spaced buckets, empty ones 0. */
function fillBuckets(t: Table, bucket: TimeBucket, fractional: boolean): TimeHistogram {
  const got = new Map<number, number>();
  const b = t.getChild('bucket');
  const n = t.getChild('n');
  for (let i = 0; i < t.numRows; i++) got.set(toMs(b?.get(i)), Number(n?.get(i) ?? 0));
  const keys = [...got.keys()];
  const weighting: TimeWeighting = fractional ? 'aoristic' : 'from';
  if (keys.length === 0) return { bucket, start: new Float64Array(0), count: fractional ? new Float64Array(0) : new Int32Array(0), weighting };
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const starts: number[] = [];
  for (let s = first; s <= last; s = nextBucket(s, bucket)) starts.push(s);
  const count = fractional ? Float64Array.from(starts, (s) => got.get(s) ?? 0) : Int32Array.from(starts, (s) => got.get(s) ?? 0);
  return { bucket, start: Float64Array.from(starts), count, weighting };
}

/**
 * Aoristic incidents per week or month: each incident's weight is spread over the clock hours
 * of its occurred-from..occurred-to window by the convention of {@link computeAoristicGrid}
 * (hours floor(from) .. ceil(to) - 1, at least the from hour; a missing or reversed `to` means
 * the from hour alone; windows over `capHours`, default 168, spread over their first `capHours`
 * hours) and each bucket gets (hours of the window inside it) / k. As k <= 168 hours and a
 * week is 168 hours, a window touches at most two buckets. `bucket` DATE, `n` DOUBLE; buckets
 * sum to the number of dated incidents. `occurredTo` null: every incident at its from hour.
 */
export function buildAoristicHistogramSql(table: string, columns: ExploreColumns, occurredTo: string | null, where: string, bucket: TimeBucket, capHours = DEFAULT_CAP_HOURS): string {
  const cap = Math.max(1, Math.floor(capHours));
  const next = `date_trunc('${bucket}', occ) + INTERVAL 1 ${bucket.toUpperCase()}`;
  return `WITH w AS (
  SELECT occ, h0, least(${cap}, CASE WHEN t IS NULL OR t < occ THEN 1 ELSE greatest(1, ceil(epoch_ms(t) / 3600000.0)::BIGINT - h0) END) AS k
  FROM (SELECT occ, occ_to AS t, floor(epoch_ms(occ) / 3600000.0)::BIGINT AS h0
        FROM (SELECT ${columns.occurred} AS occ, ${occurredTo ?? 'CAST(NULL AS TIMESTAMP)'} AS occ_to FROM ${quoteIdent(table)} WHERE ${where})
        WHERE occ IS NOT NULL)
), s AS (
  SELECT date_trunc('${bucket}', occ)::DATE AS b0, (${next})::DATE AS b1, k, least(k, epoch_ms(${next}) // 3600000 - h0) AS k0 FROM w
)
SELECT bucket, sum(wt)::DOUBLE AS n FROM (
  SELECT b0 AS bucket, k0 / k AS wt FROM s
  UNION ALL
  SELECT b1 AS bucket, (k - k0) / k AS wt FROM s WHERE k > k0
) GROUP BY 1 ORDER BY 1`;
}

/** Runs {@link buildAoristicHistogramSql}: evenly spaced buckets like {@link queryTimeHistogram}, fractional counts. */
export async function queryAoristicHistogram(
  engine: SqlEngine,
  table: string,
  columns: ExploreColumns,
  occurredTo: string | null,
  where: string,
  bucket: TimeBucket,
): Promise<Result<TimeHistogram, AppError>> {
  const r = await engine.query(buildAoristicHistogramSql(table, columns, occurredTo, where, bucket));
  if (!r.ok) return r;
  return ok(fillBuckets(r.value, bucket, true));
}

/**
 * Occurred windows of the rows passing `where`: `f` and `t` as DOUBLE wall-clock epoch ms (the
 * TIMESTAMP read as UTC, as ingest stores naive local times), NaN for a missing `t`; rows without
 * a from time are left out.
 */
export function buildOccurredWindowsSql(table: string, columns: ExploreColumns, occurredTo: string | null, where: string): string {
  return `SELECT epoch_ms(occ)::DOUBLE AS f, coalesce(epoch_ms(occ_to)::DOUBLE, 'NaN'::DOUBLE) AS t
FROM (SELECT ${columns.occurred} AS occ, ${occurredTo ?? 'CAST(NULL AS TIMESTAMP)'} AS occ_to FROM ${quoteIdent(table)} WHERE ${where})
WHERE occ IS NOT NULL`;
}

/** The aoristic hour x day grid in this module's order (`counts[dow * 24 + hour]`, dow 0 = Sunday). */
export interface AoristicHourDow {
  readonly counts: Float64Array;
  /** Incidents counted (weights sum to this). */
  readonly total: number;
  /** Incidents whose window was longer than 7 days (spread over their first 168 hours). */
  readonly capped: number;
}

/**
 * Runs {@link buildOccurredWindowsSql} and spreads each incident with {@link computeAoristicGrid}
 * (Ratcliffe 2000; 7-day cap), then reorders its Monday-first rows to DuckDB's Sunday-first
 * `dayofweek` order used by {@link queryHourDow}.
 */
export async function queryAoristicHourDow(engine: SqlEngine, table: string, columns: ExploreColumns, occurredTo: string | null, where: string): Promise<Result<AoristicHourDow, AppError>> {
  const r = await engine.query(buildOccurredWindowsSql(table, columns, occurredTo, where));
  if (!r.ok) return r;
  const f = (r.value.getChild('f')?.toArray() as Float64Array | undefined) ?? new Float64Array(0);
  const t = (r.value.getChild('t')?.toArray() as Float64Array | undefined) ?? new Float64Array(0);
  const grid = computeAoristicGrid(f, t);
  return ok({ counts: sundayFirst(grid.weights), total: grid.total, capped: grid.capped });
}

/** Monday-first 7 x 24 weights (aoristic.ts) -> Sunday-first (DuckDB dayofweek). */
export function sundayFirst(mondayFirst: Float64Array): Float64Array {
  const out = new Float64Array(168);
  for (let dow = 0; dow < 7; dow++) out.set(mondayFirst.subarray(((dow + 6) % 7) * 24, ((dow + 6) % 7) * 24 + 24), dow * 24);
  return out;
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
