/**
 * The explore filter evaluated on a {@link FilterIndex}: one pass over the dictionary-coded rows
 * gives the kept rows, their count, the weekly/monthly histogram (without the date range) and the
 * hour x weekday grid (without days and hours), equal to the SQL of chart-queries.ts with the
 * predicate of {@link buildFilterWhereSql}. The drawn area and field conditions come in as one
 * per-row mask (filter-index-conditions.ts); filters with fields this pass does not know (new
 * filter kinds) are refused, so the caller falls back to SQL for them.
 */
import { NIBRS_OFFENSES, OFFENSE_GROUPS, normalizeOffenseCode } from '../ingest/nibrs';
import { nextBucket, type TimeBucket, type TimeHistogram } from './chart-queries';
import type { FilterIndex } from './filter-index';
import type { PointColumnsView } from './filtered-points';
import { lowerBound } from './filter-index';
import { isIsoDay, type ExploreFilter } from './filters';
import { UNMAPPED_GROUP_INDEX } from './incident-points';

/** The filter fields the index evaluates from its own columns. */
export const INDEXED_FILTER_FIELDS: readonly string[] = ['dateFrom', 'dateTo', 'groups', 'codes', 'daysOfWeek', 'hours', 'beats'];

/** The filter fields the index evaluates through a per-row mask (filter-index-conditions.ts). */
export const MASKED_FILTER_FIELDS: readonly string[] = ['polygon', 'fields'];

/** Fields whose empty list is no condition at all (the any-field filter: all of none must hold). */
const EMPTY_LIST_IS_NO_CONDITION: readonly string[] = ['fields'];

/** True when `filter` sets a drawn area or at least one field condition (it then needs a row mask). */
export function hasMaskedConditions(filter: ExploreFilter): boolean {
  return Boolean(filter.polygon) || (filter.fields ?? []).length > 0;
}

/**
 * True when every field of `filter` that sets a condition is one {@link runFilterIndex}
 * evaluates: other fields must be null, absent, or (for `fields`) an empty list. With
 * `withRowMask`, the drawn area and field conditions count as evaluated (the mask carries them).
 */
export function isIndexableFilter(filter: ExploreFilter, withRowMask = false): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined || INDEXED_FILTER_FIELDS.includes(key)) continue;
    if (EMPTY_LIST_IS_NO_CONDITION.includes(key) && Array.isArray(value) && value.length === 0) continue;
    if (withRowMask && MASKED_FILTER_FIELDS.includes(key)) continue;
    return false;
  }
  return true;
}

/** What one filter change produces, as the SQL path does. */
export interface IndexedFilterResult {
  /** `pass[rowid]` is 1 when that row passes the whole filter. */
  readonly pass: Uint8Array;
  /** Rows that pass (`SELECT count(*) ... WHERE filter`). */
  readonly count: number;
  /** Rows passing the filter without its date range, per bucket (as queryTimeHistogram). */
  readonly histogram: TimeHistogram;
  /** Rows passing the filter without days and hours: `counts[dow * 24 + hour]` (as queryHourDow). */
  readonly hourDow: Int32Array;
}

/** Valid, distinct integers of `values` in min..max as a 0/1 table (the SQL builder's rule). */
function allowed(values: readonly number[], min: number, max: number): Uint8Array {
  const out = new Uint8Array(max + 1);
  for (const v of values) if (Number.isInteger(v) && v >= min && v <= max) out[v] = 1;
  return out;
}

/** `codeOk[i]` for every code slot (dictionary, NULL, absent row) under the group and code filters. */
function codeMask(index: FilterIndex, filter: ExploreFilter): Uint8Array {
  const n = index.codes.length;
  const ok = new Uint8Array(n + 2);
  let groupOk: ((c: string | null) => boolean) | null = null;
  if (filter.groups !== null) {
    // buildGroupFilterSql: the code is one of the wanted groups' codes, or (unmapped wanted) NULL or no dictionary code.
    const wanted = allowed(filter.groups, 0, 255);
    const groupIndex = new Map(OFFENSE_GROUPS.map((g, i) => [g.id, i]));
    const all = new Set(NIBRS_OFFENSES.map((o) => normalizeOffenseCode(o.code)));
    const chosen = new Set(NIBRS_OFFENSES.filter((o) => wanted[groupIndex.get(o.group) ?? UNMAPPED_GROUP_INDEX]).map((o) => normalizeOffenseCode(o.code)));
    const unmapped = wanted[UNMAPPED_GROUP_INDEX] === 1;
    groupOk = (c) => (c === null ? unmapped : chosen.has(c) || (unmapped && !all.has(c)));
  }
  const codeSet = filter.codes === null ? null : new Set(filter.codes.map((c) => c.trim().toUpperCase()));
  for (let i = 0; i <= n; i++) {
    const c = i < n ? (index.codes[i] as string) : null;
    const byGroup = groupOk === null || groupOk(c);
    const byCode = codeSet === null || (c !== null && codeSet.has(c));
    ok[i] = byGroup && byCode ? 1 : 0;
  }
  return ok; // ok[n + 1] (no such row) stays 0
}

/** `beatOk[i]` for every beat slot; all 1 when there is no beat filter or no beat column. */
function beatMask(index: FilterIndex, filter: ExploreFilter): Uint8Array {
  if (index.beats === null || filter.beats === null) return new Uint8Array((index.beats?.length ?? 0) + 1).fill(1);
  const wanted = new Set(filter.beats);
  const ok = new Uint8Array(index.beats.length + 1);
  for (let i = 0; i < index.beats.length; i++) ok[i] = wanted.has(index.beats[i] as string) ? 1 : 0;
  return ok; // NULL beat: `NULL IN (...)` keeps nothing
}

/** `dowHourOk[dowHour]` under the day and hour filters (slot 255: no time, kept only without them). */
function dowHourMask(filter: ExploreFilter): Uint8Array {
  const days = filter.daysOfWeek === null ? null : allowed(filter.daysOfWeek, 0, 6);
  const hours = filter.hours === null ? null : allowed(filter.hours, 0, 23);
  const ok = new Uint8Array(256);
  for (let dh = 0; dh < 168; dh++) ok[dh] = (days === null || days[Math.floor(dh / 24)] === 1) && (hours === null || hours[dh % 24] === 1) ? 1 : 0;
  ok[255] = days === null && hours === null ? 1 : 0;
  return ok;
}

/**
 * `dateOk[dayIndex + 1]` under the date filter (slot 0: no time, kept only without a date filter).
 * Days are whole: `occ >= from 00:00` and `occ < to + 1 day` keep exactly the days from..to.
 */
function dateMask(index: FilterIndex, filter: ExploreFilter): Uint8Array {
  const from = filter.dateFrom !== null && isIsoDay(filter.dateFrom) ? Date.parse(`${filter.dateFrom}T00:00:00Z`) / 86_400_000 : null;
  const to = filter.dateTo !== null && isIsoDay(filter.dateTo) ? Date.parse(`${filter.dateTo}T00:00:00Z`) / 86_400_000 : null;
  const ok = new Uint8Array(index.days.length + 1);
  if (from === null && to === null) return ok.fill(1);
  const lo = from === null ? 0 : lowerBound(index.days, from);
  const hi = to === null ? index.days.length - 1 : lowerBound(index.days, to + 1) - 1;
  if (hi >= lo) ok.fill(1, lo + 1, hi + 2);
  return ok;
}

/**
 * Evaluates `filter` on `index` in one pass (O(rows), a few ms per million rows): the kept rows,
 * their count, the time histogram in `bucket`s without the date range and the hour x weekday
 * grid without days and hours. Null when the filter has fields the index does not cover (see
 * {@link isIndexableFilter}), or a drawn area / field conditions without `rowMask`: run the SQL
 * path then. Results equal chart-queries.ts exactly (test/shared/domain/explore/filter-index*.test.ts
 * compare them on the real engine).
 * @param rowMask per rowid, 1 when the row passes the filter's drawn area and field conditions
 *   (filterConditionMask); it applies to the count, the map and both charts, as in the SQL.
 */
export function runFilterIndex(index: FilterIndex, filter: ExploreFilter, bucket: TimeBucket, rowMask: Uint8Array | null = null): IndexedFilterResult | null {
  if (!isIndexableFilter(filter, rowMask !== null)) return null;
  if (hasMaskedConditions(filter) && (rowMask === null || rowMask.length !== index.size)) return null;
  const codeOk = codeMask(index, filter);
  const beatOk = beatMask(index, filter);
  const dhOk = dowHourMask(filter);
  const dateOk = dateMask(index, filter);
  const { code, beat, dayIndex, dowHour, size } = index;
  const pass = new Uint8Array(size);
  // Branch-free: every row adds 0 or 1; rows without a time land in slots that are dropped
  // (perDay[0], hourDow[255]), which is what `WHERE occ IS NOT NULL` does in the SQL.
  const perDay = new Int32Array(index.days.length + 1);
  const grid = new Int32Array(256);
  let count = 0;
  const extra = rowMask ?? new Uint8Array(size).fill(1);
  for (let r = 0; r < size; r++) {
    const cb = (codeOk[code[r] as number] as number) & (beatOk[beat[r] as number] as number) & (extra[r] as number);
    const d = (dayIndex[r] as number) + 1;
    const dh = dowHour[r] as number;
    const inDowHour = dhOk[dh] as number;
    const keep = cb & (dateOk[d] as number);
    const p = keep & inDowHour;
    pass[r] = p;
    count += p;
    grid[dh]! += keep;
    perDay[d]! += cb & inDowHour;
  }
  return { pass, count, histogram: foldHistogram(index, perDay.subarray(1), bucket), hourDow: grid.slice(0, 168) };
}

/** Per-day counts -> evenly spaced buckets from the first to the last non-empty one (as fillBuckets). */
function foldHistogram(index: FilterIndex, perDay: Int32Array, bucket: TimeBucket): TimeHistogram {
  const startOf = bucket === 'week' ? index.weekStart : index.monthStart;
  const got = new Map<number, number>();
  for (let i = 0; i < perDay.length; i++) {
    const n = perDay[i] as number;
    if (n > 0) got.set(startOf[i] as number, (got.get(startOf[i] as number) ?? 0) + n);
  }
  if (got.size === 0) return { bucket, start: new Float64Array(0), count: new Int32Array(0), weighting: 'from' };
  let first = Infinity;
  let last = -Infinity;
  for (const k of got.keys()) {
    if (k < first) first = k;
    if (k > last) last = k;
  }
  const starts: number[] = [];
  for (let s = first; s <= last; s = nextBucket(s, bucket)) starts.push(s);
  return { bucket, start: Float64Array.from(starts), count: Int32Array.from(starts, (s) => got.get(s) ?? 0), weighting: 'from' };
}

/**
 * The points whose rowid passed (`pass` from {@link runFilterIndex}), as new columns in point
 * order: equal to `subsetPoints(points, selectPointIndices(points.rowId, keptRowIds))`, in one
 * counting pass and one copying pass without an index array.
 */
export function subsetPassingPoints(points: PointColumnsView, pass: Uint8Array): PointColumnsView {
  const { lon, lat, x, y, group, rowId } = points;
  const n = rowId.length;
  let kept = 0;
  for (let i = 0; i < n; i++) kept += (pass[rowId[i] as number] ?? 0) as number;
  const out = {
    lon: new Float64Array(kept),
    lat: new Float64Array(kept),
    x: new Float64Array(kept),
    y: new Float64Array(kept),
    group: new Uint8Array(kept),
    rowId: new Uint32Array(kept),
  };
  for (let i = 0, k = 0; i < n; i++) {
    const r = rowId[i] as number;
    if (pass[r] !== 1) continue;
    out.lon[k] = lon[i] as number;
    out.lat[k] = lat[i] as number;
    out.x[k] = x[i] as number;
    out.y[k] = y[i] as number;
    out.group[k] = group[i] as number;
    out.rowId[k] = r;
    k++;
  }
  return out;
}
