/**
 * The aoristic time charts (chart-queries.ts: {@link queryAoristicHistogram} and
 * {@link queryAoristicHourDow}) answered from a {@link FilterIndex}: the rows passing the filter
 * come from the index's pass (filter-index-run.ts, with the drawn-area and field mask), and each
 * row's window numbers are computed once per dataset by DuckDB with the SQL path's own
 * expressions and kept per rowid. The results are bit for bit the SQL path's: the grid is the same
 * {@link computeAoristicGrid} over the same rows in the same (rowid = scan) order; the histogram
 * adds the same `k0 / k` and `(k - k0) / k` doubles per bucket as DuckDB's plain `sum` does
 * (one partial sum per UNION branch, each in rowid order, then added). This relies on DuckDB
 * running single-threaded, as duckdb-wasm does here; with threads the SQL sums themselves
 * would depend on scheduling. The tests compare both bit for bit on the real engine.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { DEFAULT_CAP_HOURS, computeAoristicGrid } from '../outputs/targets/aoristic';
import { nextBucket, sundayFirst, type AoristicHourDow, type TimeBucket, type TimeHistogram } from './chart-queries';
import type { FilterIndex } from './filter-index';
import { filterConditionMask } from './filter-index-conditions';
import { runFilterIndex } from './filter-index-run';
import type { ExploreColumns, ExploreFilter } from './filters';

/** Occurred windows per rowid, as {@link buildOccurredWindowsSql} gives them; `dated[r]` 0 when occurred-from is NULL. */
interface Windows {
  readonly f: Float64Array;
  readonly t: Float64Array;
  readonly dated: Uint8Array;
}
/** Per rowid, the histogram SQL's k (hours spread over), k0 (hours in the first bucket) and the two buckets (days since 1970). */
interface BucketRows {
  readonly k: Int32Array;
  readonly k0: Int32Array;
  readonly d0: Int32Array;
  readonly d1: Int32Array;
  /** Smallest d0 and largest d1 over the dated rows (0 and -1 when none). */
  readonly minDay: number;
  readonly maxDay: number;
}

const caches = new WeakMap<FilterIndex, Map<string, Promise<Result<Windows | BucketRows, AppError>>>>();
/** Keys whose load finished well, per index. */
const loaded = new WeakMap<FilterIndex, Set<string>>();
const keyOf = (occurredTo: string | null, what: 'windows' | TimeBucket) => `${occurredTo ?? ''}\u0000${what}`;

function source(table: string, columns: ExploreColumns, occurredTo: string | null): string {
  return `(SELECT rowid::UINTEGER AS r, ${columns.occurred} AS occ, ${occurredTo ?? 'CAST(NULL AS TIMESTAMP)'} AS occ_to FROM ${quoteIdent(table)})`;
}

/** The window query of {@link buildOccurredWindowsSql} over every row, with its rowid. */
export function buildWindowsByRowSql(table: string, columns: ExploreColumns, occurredTo: string | null): string {
  return `SELECT r, epoch_ms(occ)::DOUBLE AS f, coalesce(epoch_ms(occ_to)::DOUBLE, 'NaN'::DOUBLE) AS t FROM ${source(table, columns, occurredTo)} WHERE occ IS NOT NULL`;
}

/** The per-row part of {@link buildAoristicHistogramSql} (same expressions, same 168-hour cap) with rowids. */
export function buildBucketRowsSql(table: string, columns: ExploreColumns, occurredTo: string | null, bucket: TimeBucket, capHours = DEFAULT_CAP_HOURS): string {
  const cap = Math.max(1, Math.floor(capHours));
  const next = `date_trunc('${bucket}', occ) + INTERVAL 1 ${bucket.toUpperCase()}`;
  return `SELECT r, k::INTEGER AS k, least(k, epoch_ms(${next}) // 3600000 - h0)::INTEGER AS k0,
  (date_trunc('${bucket}', occ)::DATE - DATE '1970-01-01')::INTEGER AS d0, ((${next})::DATE - DATE '1970-01-01')::INTEGER AS d1
FROM (SELECT r, occ, h0, least(${cap}, CASE WHEN t IS NULL OR t < occ THEN 1 ELSE greatest(1, ceil(epoch_ms(t) / 3600000.0)::BIGINT - h0) END) AS k
  FROM (SELECT r, occ, occ_to AS t, floor(epoch_ms(occ) / 3600000.0)::BIGINT AS h0 FROM ${source(table, columns, occurredTo)} WHERE occ IS NOT NULL))`;
}

function column<T>(t: { getChild(name: string): { toArray(): unknown } | null }, name: string, empty: T): T {
  return (t.getChild(name)?.toArray() as T | undefined) ?? empty;
}

async function load(engine: SqlEngine, table: string, columns: ExploreColumns, occurredTo: string | null, index: FilterIndex, what: 'windows' | TimeBucket): Promise<Result<Windows | BucketRows, AppError>> {
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new Map()));
  const key = keyOf(occurredTo, what);
  let p = cache.get(key);
  if (!p) {
    p = (async (): Promise<Result<Windows | BucketRows, AppError>> => {
      const size = index.size;
      const q = await engine.query(what === 'windows' ? buildWindowsByRowSql(table, columns, occurredTo) : buildBucketRowsSql(table, columns, occurredTo, what));
      if (!q.ok) return q;
      const r = column(q.value, 'r', new Uint32Array(0));
      if (what === 'windows') {
        const f = column(q.value, 'f', new Float64Array(0));
        const t = column(q.value, 't', new Float64Array(0));
        const out = { f: new Float64Array(size).fill(NaN), t: new Float64Array(size).fill(NaN), dated: new Uint8Array(size) };
        for (let i = 0; i < r.length; i++) {
          const row = r[i] as number;
          if (row >= size) continue;
          out.f[row] = f[i] as number;
          out.t[row] = t[i] as number;
          out.dated[row] = 1;
        }
        return ok(out);
      }
      const names = ['k', 'k0', 'd0', 'd1'] as const;
      const src = names.map((n) => column(q.value, n, new Int32Array(0)));
      const out = names.map(() => new Int32Array(size));
      let minDay = Infinity;
      let maxDay = -Infinity;
      for (let i = 0; i < r.length; i++) {
        const row = r[i] as number;
        if (row >= size) continue;
        for (let c = 0; c < 4; c++) (out[c] as Int32Array)[row] = (src[c] as Int32Array)[i] as number;
        minDay = Math.min(minDay, (src[2] as Int32Array)[i] as number);
        maxDay = Math.max(maxDay, (src[3] as Int32Array)[i] as number);
      }
      const [k, k0, d0, d1] = out as [Int32Array, Int32Array, Int32Array, Int32Array];
      return ok(minDay <= maxDay ? { k, k0, d0, d1, minDay, maxDay } : { k, k0, d0, d1, minDay: 0, maxDay: -1 });
    })();
    cache.set(key, p);
    void p.then((res) => {
      if (!res.ok) return void cache.delete(key); // try again next time
      let done = loaded.get(index);
      if (!done) loaded.set(index, (done = new Set()));
      done.add(key);
    });
  }
  return p;
}

/**
 * True when the per-row numbers {@link aoristicFromIndex} needs for `occurredTo` and `bucket` are
 * loaded: it then answers from memory alone. (The first load costs about two SQL chart queries,
 * so a caller may answer that first request through SQL and {@link preloadAoristic} after it.)
 */
export function isAoristicLoaded(index: FilterIndex, occurredTo: string | null, bucket: TimeBucket): boolean {
  const done = loaded.get(index);
  return done !== undefined && done.has(keyOf(occurredTo, 'windows')) && done.has(keyOf(occurredTo, bucket));
}

/** Starts (or joins) loading what {@link aoristicFromIndex} needs; resolves when done (errors are dropped: the SQL path stays). */
export async function preloadAoristic(engine: SqlEngine, table: string, columns: ExploreColumns, occurredTo: string | null, index: FilterIndex, bucket: TimeBucket): Promise<void> {
  await Promise.all([load(engine, table, columns, occurredTo, index, 'windows'), load(engine, table, columns, occurredTo, index, bucket)]);
}

/** Rowids with `pass[r] = 1` and a dated window, ascending (the SQL path's scan order). */
function passingRows(pass: Uint8Array, dated: Uint8Array): Uint32Array {
  let n = 0;
  for (let r = 0; r < pass.length; r++) n += pass[r]! & dated[r]!;
  const rows = new Uint32Array(n);
  for (let r = 0, k = 0; r < pass.length; r++) if (pass[r]! & dated[r]!) rows[k++] = r;
  return rows;
}

/** Most calendar days the histogram's per-day sums cover (11,000 years); wider data uses SQL. */
const MAX_DAY_SPAN = 1 << 22;

/**
 * The fractional histogram of the rows in `rows` (ascending), summed as DuckDB sums the UNION of
 * buildAoristicHistogramSql: each branch is its own pipeline with its own partial sums (plain
 * adds in rowid order), and a bucket holding both is their sum. Buckets filled as fillBuckets does.
 */
function histogramOf(b: BucketRows, rows: Uint32Array, bucket: TimeBucket): TimeHistogram | null {
  const span = b.maxDay - b.minDay + 1;
  if (span > MAX_DAY_SPAN) return null;
  const first = new Float64Array(span);
  const second = new Float64Array(span);
  const has = new Uint8Array(span); // bit 1: first branch, bit 2: second
  const { k, k0, d0, d1, minDay } = b;
  for (const r of rows) {
    const d = (d0[r] as number) - minDay;
    first[d]! += (k0[r] as number) / (k[r] as number);
    has[d]! |= 1;
  }
  for (const r of rows) {
    const kr = k[r] as number;
    const k0r = k0[r] as number;
    if (kr <= k0r) continue;
    const d = (d1[r] as number) - minDay;
    second[d]! += (kr - k0r) / kr;
    has[d]! |= 2;
  }
  const got = new Map<number, number>();
  for (let d = 0; d < span; d++) {
    const h = has[d] as number;
    if (h !== 0) got.set((d + minDay) * 86_400_000, h === 3 ? (first[d] as number) + (second[d] as number) : h === 1 ? (first[d] as number) : (second[d] as number));
  }
  if (got.size === 0) return { bucket, start: new Float64Array(0), count: new Float64Array(0), weighting: 'aoristic' };
  const keys = [...got.keys()];
  const last = Math.max(...keys);
  const starts: number[] = [];
  for (let s = Math.min(...keys); s <= last; s = nextBucket(s, bucket)) starts.push(s);
  return { bucket, start: Float64Array.from(starts), count: Float64Array.from(starts, (s) => got.get(s) ?? 0), weighting: 'aoristic' };
}

/**
 * The aoristic histogram (filter without its dates, in `bucket`s) and hour x day grid (filter
 * without days and hours) of `filter` on `index`, equal to the SQL path's. The first call per
 * dataset and bucket loads the per-row window numbers (one scan each; 8-16 bytes per row).
 * ok(null) when the index does not cover the filter (an unknown filter kind) or the dates span
 * more than 11,000 years; an error when a query fails: the caller then runs the SQL path.
 * @param occurredTo the occurred-to expression (extra-columns.ts), null when the table has none.
 */
export async function aoristicFromIndex(
  engine: SqlEngine,
  table: string,
  columns: ExploreColumns,
  occurredTo: string | null,
  index: FilterIndex,
  filter: ExploreFilter,
  bucket: TimeBucket,
): Promise<Result<{ histogram: TimeHistogram; hourDow: AoristicHourDow } | null, AppError>> {
  const [mask, windows, rowsOfBucket] = await Promise.all([
    filterConditionMask(engine, table, columns, index, filter),
    load(engine, table, columns, occurredTo, index, 'windows'),
    load(engine, table, columns, occurredTo, index, bucket),
  ]);
  if (!mask.ok) return err(mask.error);
  if (!windows.ok) return err(windows.error);
  if (!rowsOfBucket.ok) return err(rowsOfBucket.error);
  const noDates = runFilterIndex(index, { ...filter, dateFrom: null, dateTo: null }, bucket, mask.value.mask);
  const noDayHour = runFilterIndex(index, { ...filter, daysOfWeek: null, hours: null }, bucket, mask.value.mask);
  if (!noDates || !noDayHour) return ok(null);
  const w = windows.value as Windows;
  const histogram = histogramOf(rowsOfBucket.value as BucketRows, passingRows(noDates.pass, w.dated), bucket);
  if (!histogram) return ok(null);
  const grid = computeAoristicGrid(w.f, w.t, passingRows(noDayHour.pass, w.dated));
  return ok({
    histogram,
    hourDow: { counts: sundayFirst(grid.weights), total: grid.total, capped: grid.capped },
  });
}
