/**
 * A compact, dictionary-coded copy of the columns the explore filter reads, built once per
 * dataset so that a filter change is one pass over small integer arrays instead of four DuckDB
 * scans that each re-evaluate `upper(trim(code))` and the date parse on every row (issue 5: at
 * 1M incidents those string functions were ~90% of the ~0.8 s a filter change cost).
 *
 * Every value is computed by DuckDB with the SAME column expressions the SQL path uses
 * ({@link ExploreColumns}), so the fast path ({@link runFilterIndex} in filter-index-run.ts)
 * reproduces the SQL results exactly: codes and beats become dictionary indices, the occurred
 * time becomes (calendar day, day-of-week x hour). Arrays are indexed by the table's rowid.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import type { ExploreColumns } from './filters';

/** Dictionary-coded filter columns of one table, indexed by rowid (`0 .. size - 1`). */
export interface FilterIndex {
  /** Rows in the table (slots without a row, if rowids have gaps, never pass). */
  readonly rows: number;
  /** max(rowid) + 1: the length of every per-row array. */
  readonly size: number;
  /** Distinct code values (the column map's code expression), in no particular order. */
  readonly codes: readonly string[];
  /** Per row: index into `codes`; `codes.length` = NULL code; `codes.length + 1` = no such row. */
  readonly code: Uint16Array | Uint32Array;
  /** Distinct beat values, or null when the column map has no beat (the beat filter is ignored). */
  readonly beats: readonly string[] | null;
  /** Per row: index into `beats`; `beats.length` = NULL beat (all 0 when `beats` is null). */
  readonly beat: Uint16Array | Uint32Array | Uint8Array;
  /** Sorted distinct occurred days (days since 1970-01-01, UTC calendar of the naive timestamp). */
  readonly days: Int32Array;
  /** Per row: index into `days`, -1 when occurred-from is NULL. */
  readonly dayIndex: Int32Array;
  /** Per row: DuckDB `dayofweek` (0 = Sunday) * 24 + `hour`, 255 when occurred-from is NULL. */
  readonly dowHour: Uint8Array;
  /** Per distinct day: the start (ms, UTC) of its ISO week (Monday) and of its calendar month. */
  readonly weekStart: Float64Array;
  readonly monthStart: Float64Array;
}

const MS_PER_DAY = 86_400_000;
/** JS Date covers +-1e8 days; DuckDB timestamps reach a little further: such tables use SQL. */
const MAX_ABS_DAY = 99_999_999;
/** The null-time sentinel sent by the SQL (no real timestamp is this many hours before 1970). */
const NULL_HOUR = -1e15;

/** The per-row time query: rowid and the occurred hour (hours since 1970, floor), NaN for +-infinity. */
export function buildFilterIndexTimeSql(table: string, columns: ExploreColumns): string {
  return `SELECT rowid::UINTEGER AS r,
  CASE WHEN occ IS NULL THEN ${NULL_HOUR}::DOUBLE WHEN isfinite(occ) THEN (epoch_ms(date_trunc('hour', occ)) // 3600000)::DOUBLE ELSE 'NaN'::DOUBLE END AS h
FROM (SELECT rowid, ${columns.occurred} AS occ FROM ${quoteIdent(table)})`;
}

/** Distinct values of `expr` with the rowids holding each (one group for NULL). */
export function buildFilterIndexDictionarySql(table: string, expr: string): string {
  return `SELECT v, list(rowid::UINTEGER) AS rs FROM (SELECT rowid, ${expr} AS v FROM ${quoteIdent(table)}) GROUP BY v`;
}

/** An Arrow List<UINTEGER> chunk: apache-arrow slices `valueOffsets` and primitive `values` with the data, so both index from 0. */
interface ListChunk {
  readonly length: number;
  readonly valueOffsets: Int32Array;
  readonly children: readonly { readonly values: Uint32Array }[];
}

/**
 * Dictionary strings and per-row codes from a {@link buildFilterIndexDictionarySql} answer (or
 * any answer with a `v` column and a `rs` List<UINTEGER> of rowids): `values` are the non-NULL
 * `v`s in answer order, `code[rowid]` their index, `values.length` for NULL and
 * `values.length + 1` for a rowid no group holds; `rows` counts the rowids seen.
 */
export function decodeDictionary(
  t: { numRows: number; getChild(name: string): { get(i: number): unknown; data: readonly unknown[] } | null },
  size: number,
): { values: string[]; code: Uint16Array | Uint32Array; rows: number } {
  const v = t.getChild('v');
  const rs = t.getChild('rs');
  const values: string[] = [];
  const slotOfRow: number[] = [];
  let nullSlot = -1;
  for (let i = 0; i < t.numRows; i++) {
    const s = v?.get(i);
    if (s === null || s === undefined) nullSlot = i;
    else values.push(String(s));
    slotOfRow.push(s === null || s === undefined ? -1 : values.length - 1);
  }
  const nullCode = values.length;
  const code = values.length + 2 <= 0xffff ? new Uint16Array(size) : new Uint32Array(size);
  code.fill(nullCode + 1);
  let rows = 0;
  let g = 0;
  for (const chunk of (rs?.data ?? []) as ListChunk[]) {
    const child = chunk.children[0];
    for (let i = 0; i < chunk.length; i++, g++) {
      const c = g === nullSlot ? nullCode : (slotOfRow[g] as number);
      if (!child) continue;
      const from = chunk.valueOffsets[i] as number;
      const to = chunk.valueOffsets[i + 1] as number;
      for (let k = from; k < to; k++) code[child.values[k] as number] = c;
      rows += to - from;
    }
  }
  return { values, code, rows };
}

/** Monday (DuckDB `date_trunc('week')`) of day `d` (days since 1970-01-01, a Thursday). */
function weekStartDay(d: number): number {
  return d - ((((d + 3) % 7) + 7) % 7);
}

/**
 * Builds the index of `table` through the engine: three queries (occurred hour per row, and the
 * code and beat dictionaries with their rowid lists), then a pass in JS. About a second of
 * engine time at 1M rows, once per dataset; run it in the background and keep the SQL path until
 * it is ready. `ok(null)` when the table cannot be indexed exactly (rowids far from dense,
 * infinite or out-of-range timestamps): the caller keeps the SQL path.
 */
export async function buildFilterIndex(engine: SqlEngine, table: string, columns: ExploreColumns): Promise<Result<FilterIndex | null, AppError>> {
  const time = await engine.query(buildFilterIndexTimeSql(table, columns));
  if (!time.ok) return time;
  const r = (time.value.getChild('r')?.toArray() as Uint32Array | undefined) ?? new Uint32Array(0);
  const h = (time.value.getChild('h')?.toArray() as Float64Array | undefined) ?? new Float64Array(0);
  const rows = r.length;
  let maxId = -1;
  for (let i = 0; i < rows; i++) if ((r[i] as number) > maxId) maxId = r[i] as number;
  const size = maxId + 1;
  if (size > 2 * rows + 1024) return ok(null);

  const rowDay = new Int32Array(size);
  const dowHour = new Uint8Array(size).fill(255);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < rows; i++) {
    const hour = h[i] as number;
    if (hour === NULL_HOUR) continue;
    const day = Math.floor(hour / 24);
    if (!(Math.abs(day) <= MAX_ABS_DAY)) return ok(null); // NaN (infinite timestamp) or beyond Date
    const row = r[i] as number;
    rowDay[row] = day;
    dowHour[row] = ((((day + 4) % 7) + 7) % 7) * 24 + (hour - day * 24);
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const { days, dayIndex } = rankDays(rowDay, dowHour, minDay, maxDay);

  const codes = await engine.query(buildFilterIndexDictionarySql(table, columns.code));
  if (!codes.ok) return codes;
  const code = decodeDictionary(codes.value as never, size);
  if (code.rows !== rows) return ok(null);
  let beats: string[] | null = null;
  let beat: Uint16Array | Uint32Array | Uint8Array = new Uint8Array(size);
  if (columns.beat !== null) {
    const b = await engine.query(buildFilterIndexDictionarySql(table, columns.beat));
    if (!b.ok) return b;
    const decoded = decodeDictionary(b.value as never, size);
    if (decoded.rows !== rows) return ok(null);
    beats = decoded.values;
    beat = decoded.code;
  }

  const weekStart = new Float64Array(days.length);
  const monthStart = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    weekStart[i] = weekStartDay(d) * MS_PER_DAY;
    const date = new Date(d * MS_PER_DAY);
    monthStart[i] = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  return ok({ rows, size, codes: code.values, code: code.code, beats, beat, days, dayIndex, dowHour, weekStart, monthStart });
}

/** Sorted distinct days and each row's rank among them (-1 for rows without a time). */
function rankDays(rowDay: Int32Array, dowHour: Uint8Array, minDay: number, maxDay: number): { days: Int32Array; dayIndex: Int32Array } {
  const size = rowDay.length;
  const dayIndex = new Int32Array(size).fill(-1);
  if (minDay > maxDay) return { days: new Int32Array(0), dayIndex };
  if (maxDay - minDay < 1 << 20) {
    // Dense calendar (the usual case: a few years): rank through a lookup table.
    const rank = new Int32Array(maxDay - minDay + 1).fill(-1);
    for (let row = 0; row < size; row++) if (dowHour[row] !== 255) rank[(rowDay[row] as number) - minDay] = 0;
    let n = 0;
    for (let k = 0; k < rank.length; k++) if (rank[k] === 0) rank[k] = n++;
    const days = new Int32Array(n);
    for (let k = 0; k < rank.length; k++) if ((rank[k] as number) >= 0) days[rank[k] as number] = minDay + k;
    for (let row = 0; row < size; row++) if (dowHour[row] !== 255) dayIndex[row] = rank[(rowDay[row] as number) - minDay] as number;
    return { days, dayIndex };
  }
  const all: number[] = [];
  for (let row = 0; row < size; row++) if (dowHour[row] !== 255) all.push(rowDay[row] as number);
  const sorted = Int32Array.from(all).sort();
  let n = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k] as number;
  const days = sorted.slice(0, n);
  for (let row = 0; row < size; row++) if (dowHour[row] !== 255) dayIndex[row] = lowerBound(days, rowDay[row] as number);
  return { days, dayIndex };
}

/** First index `i` with `sorted[i] >= value` (`sorted.length` when none). */
export function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
