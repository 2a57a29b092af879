/**
 * The explore filter: one model shared by the map, the legend counts and the charts, turned into
 * a DuckDB `WHERE` predicate. Every value is validated (integers in range, ISO dates) and every
 * string quoted with {@link quoteLiteral}; column references come from an {@link ExploreColumns}
 * map of SQL expressions, so the same builder runs on the normalized incidents table and on a raw
 * RMS export whose dates are text in mixed formats.
 */
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { buildFieldFilterSql, buildPolygonFilterSql, parseFieldFilters, parseFilterPolygon, type FieldFilter, type FilterPolygon } from './area-field-filters';
import { buildGroupFilterSql, guessPointColumns } from './incident-points';

/**
 * What to keep. `null` means "no condition"; an empty list keeps nothing. Days of week follow
 * DuckDB's `dayofweek` (0 = Sunday .. 6 = Saturday); hours are 0..23 of the occurred-from time.
 * Dates are calendar days `YYYY-MM-DD`, both ends inclusive, on occurred-from.
 */
export interface ExploreFilter {
  readonly dateFrom: string | null;
  readonly dateTo: string | null;
  /** Offense group indices (OFFENSE_GROUPS order, then the "unmapped" index). */
  readonly groups: readonly number[] | null;
  /** Offense codes as written in the data (compared upper-cased and trimmed). */
  readonly codes: readonly string[] | null;
  readonly daysOfWeek: readonly number[] | null;
  readonly hours: readonly number[] | null;
  readonly beats: readonly string[] | null;
  /** A drawn area (lon/lat ring): only incidents inside it. Absent in filters saved before it existed. */
  readonly polygon?: FilterPolygon | null;
  /** Conditions on any column, all of which must hold. */
  readonly fields?: readonly FieldFilter[] | null;
}

/** The filter that keeps everything. */
export const EMPTY_FILTER: ExploreFilter = { dateFrom: null, dateTo: null, groups: null, codes: null, daysOfWeek: null, hours: null, beats: null, polygon: null, fields: null };

/**
 * SQL expressions for the columns the filter reads, evaluated in the scope of the incident table:
 * `occurred` must give a TIMESTAMP (or NULL), `code` a VARCHAR offense code, `beat` a VARCHAR
 * (null when the table has no beat: the beat filter is then ignored and the beat list empty).
 */
export interface ExploreColumns {
  readonly occurred: string;
  readonly code: string;
  readonly beat: string | null;
  /**
   * DOUBLE longitude and latitude in degrees, for the drawn-area filter; absent or null when the
   * table has no coordinates (a drawn area then keeps nothing).
   */
  readonly lon?: string | null;
  readonly lat?: string | null;
}

/** Columns of the normalized incidents table written by `spi ingest`. */
export const NORMALIZED_COLUMNS: ExploreColumns = {
  occurred: 'TRY_CAST("occurred_from" AS TIMESTAMP)',
  code: 'upper(trim(CAST("offense_code" AS VARCHAR)))',
  beat: 'CAST("beat" AS VARCHAR)',
  lon: 'TRY_CAST("lon" AS DOUBLE)',
  lat: 'TRY_CAST("lat" AS DOUBLE)',
};

/**
 * Formats tried, in order, on text dates of a raw export: ISO with and without seconds, US with
 * AM/PM and 24-hour clocks, and a bare ISO day.
 */
export const RAW_DATE_FORMATS: readonly string[] = ['%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S', '%m/%d/%Y %I:%M %p', '%m/%d/%Y %H:%M', '%Y-%m-%d'];

/**
 * Column map of a raw export: the date column is parsed with `try_strptime` over
 * {@link RAW_DATE_FORMATS} (a value no format reads becomes NULL and is dropped by date, day and
 * hour filters), the code is upper-cased and trimmed like the point query does.
 */
export function rawColumns(occurred: string, code: string, beat: string | null): ExploreColumns {
  const formats = `[${RAW_DATE_FORMATS.map(quoteLiteral).join(', ')}]`;
  return {
    occurred: `try_strptime(trim(CAST(${quoteIdent(occurred)} AS VARCHAR)), ${formats})`,
    code: `upper(trim(CAST(${quoteIdent(code)} AS VARCHAR)))`,
    beat: beat === null ? null : `CAST(${quoteIdent(beat)} AS VARCHAR)`,
  };
}

/**
 * Picks the column map for a table from its header: the normalized names when `occurred_from`
 * and `offense_code` are present, else the usual raw spellings ("Occurred From", "Offense Code",
 * "Beat", case-insensitive). Null when no date or code column is found.
 */
export function detectExploreColumns(header: readonly string[]): ExploreColumns | null {
  const has = (name: string) => header.includes(name);
  if (has('occurred_from') && has('offense_code')) {
    if (has('beat') && has('lon') && has('lat')) return NORMALIZED_COLUMNS;
    return { ...NORMALIZED_COLUMNS, beat: has('beat') ? NORMALIZED_COLUMNS.beat : null, ...(has('lon') && has('lat') ? {} : { lon: null, lat: null }) };
  }
  const find = (patterns: RegExp[]) => {
    for (const p of patterns) {
      const hit = header.find((h) => p.test(h.trim()));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const occurred = find([/^occurred[ _]?from$/i, /^(occurred|offense)[ _]?(date|datetime|time)$/i, /occur/i, /^(incident|report(ed)?)[ _]?date/i]);
  const code = find([/^offense[ _]?code$/i, /^(nibrs|ucr)[ _]?code$/i, /code/i]);
  const beat = find([/^beat$/i, /beat/i]) ?? null;
  if (occurred === undefined || code === undefined) return null;
  return { ...rawColumns(occurred, code, beat), ...rawLonLat(header) };
}

/**
 * Longitude/latitude expressions of a raw export, found like the map's points
 * ({@link guessPointColumns}) and cleaned the same way: text cast with TRY_CAST, a pair valid
 * only when swapped (|lat| > 90, |lon| <= 90) swapped back, so the drawn-area filter keeps the
 * points the map shows inside it.
 */
export function rawLonLat(header: readonly string[]): { lon: string | null; lat: string | null } {
  const p = guessPointColumns(header);
  if (!p) return { lon: null, lat: null };
  const x = `TRY_CAST(${quoteIdent(p.lon)} AS DOUBLE)`;
  const y = `TRY_CAST(${quoteIdent(p.lat)} AS DOUBLE)`;
  const swapped = `(abs(${y}) > 90 AND abs(${x}) <= 90)`;
  return { lon: `CASE WHEN ${swapped} THEN ${y} ELSE ${x} END`, lat: `CASE WHEN ${swapped} THEN ${x} ELSE ${y} END` };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when `s` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function intList(values: readonly number[], min: number, max: number): number[] {
  return [...new Set(values.filter((v) => Number.isInteger(v) && v >= min && v <= max))].sort((a, b) => a - b);
}

/**
 * The `WHERE` predicate of `filter` (without the keyword): conditions joined by AND, `TRUE` for
 * the empty filter. Out-of-range numbers and malformed dates are left out (the parser of saved
 * filters drops them too), so the SQL is always valid; an empty list gives `FALSE`.
 */
export function buildFilterWhereSql(filter: ExploreFilter, columns: ExploreColumns): string {
  const parts: string[] = [];
  const occ = `(${columns.occurred})`;
  if (filter.dateFrom !== null && isIsoDay(filter.dateFrom)) parts.push(`${occ} >= CAST(${quoteLiteral(filter.dateFrom)} AS TIMESTAMP)`);
  if (filter.dateTo !== null && isIsoDay(filter.dateTo)) {
    parts.push(`${occ} < CAST(${quoteLiteral(filter.dateTo)} AS DATE) + INTERVAL 1 DAY`);
  }
  const inList = (expr: string, items: readonly string[]) => (items.length === 0 ? 'FALSE' : `${expr} IN (${items.join(', ')})`);
  if (filter.groups !== null) parts.push(buildGroupFilterSql(`(${columns.code})`, intList(filter.groups, 0, 255)));
  if (filter.codes !== null) parts.push(inList(`(${columns.code})`, [...new Set(filter.codes.map((c) => c.trim().toUpperCase()))].map(quoteLiteral)));
  if (filter.daysOfWeek !== null) parts.push(inList(`dayofweek(${occ})`, intList(filter.daysOfWeek, 0, 6).map(String)));
  if (filter.hours !== null) parts.push(inList(`hour(${occ})`, intList(filter.hours, 0, 23).map(String)));
  if (filter.beats !== null && columns.beat !== null) parts.push(inList(`(${columns.beat})`, [...new Set(filter.beats)].map(quoteLiteral)));
  if (filter.polygon) parts.push(columns.lon && columns.lat ? buildPolygonFilterSql(filter.polygon, columns.lon, columns.lat) : 'FALSE');
  for (const f of filter.fields ?? []) parts.push(buildFieldFilterSql(f));
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}

/** True when the filter keeps everything (every field null or absent, no field conditions). */
export function isEmptyFilter(filter: ExploreFilter): boolean {
  return Object.entries(filter).every(([k, v]) => v === null || v === undefined || (k === 'fields' && Array.isArray(v) && v.length === 0));
}

/**
 * Reads a saved filter (from a project's map document): unknown input -> a valid filter, keeping
 * the fields that check out (ISO days, integer lists in range, string lists, a valid polygon,
 * well-formed field conditions) and nulling the rest.
 */
export function parseExploreFilter(value: unknown): ExploreFilter {
  if (!value || typeof value !== 'object') return EMPTY_FILTER;
  const v = value as Record<string, unknown>;
  const day = (x: unknown) => (typeof x === 'string' && isIsoDay(x) ? x : null);
  const ints = (x: unknown, min: number, max: number) => (Array.isArray(x) ? intList(x.filter((n): n is number => typeof n === 'number'), min, max) : null);
  const strs = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : null);
  return {
    dateFrom: day(v.dateFrom),
    dateTo: day(v.dateTo),
    groups: ints(v.groups, 0, 255),
    codes: strs(v.codes),
    daysOfWeek: ints(v.daysOfWeek, 0, 6),
    hours: ints(v.hours, 0, 23),
    beats: strs(v.beats),
    polygon: parseFilterPolygon(v.polygon),
    fields: parseFieldFilters(v.fields),
  };
}
