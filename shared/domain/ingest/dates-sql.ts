/**
 * SQL expressions that turn RMS date/time text into DuckDB TIMESTAMPs (naive local time: no
 * time zone is implied or applied; DuckDB's ICU time-zone functions hang offline and are never
 * used). Every expression yields NULL for text it cannot read, so the caller can tell "empty"
 * from "unparseable" and quarantine the row with the reason.
 */
import { quoteLiteral } from '../../engine/sql';

/**
 * Month/day/year with slashes or dashes, optional time with optional seconds and AM/PM: the
 * regular expression whose groups a date's "shape" holds (see {@link dateShapeSql}). Parsing
 * these with a regex and make_timestamp is ~100x cheaper in DuckDB than trying strptime formats
 * (a failed strptime attempt costs microseconds).
 */
const SLASH_DATE = String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*([AaPp])?\.?[Mm]?\.?)?$`;

/** Rarer layouts, each tried only on text of its shape. */
const COMPACT_FORMATS = ['%Y%m%d%H%M%S', '%Y%m%d %H%M', '%Y%m%d'];
const YMD_SLASH_FORMATS = ['%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d %I:%M %p', '%Y/%m/%d'];
const MONTH_NAME_FORMATS = ['%d-%b-%Y %H:%M', '%d-%b-%Y %H:%M:%S', '%d-%b-%Y', '%d-%b-%y', '%b %d %Y %I:%M%p', '%b %d, %Y %I:%M %p', '%b %d, %Y', '%B %d, %Y %I:%M %p', '%B %d, %Y', '%d %B %Y', '%d %b %Y'];
const DOT_FORMATS = ['%d.%m.%Y %H:%M', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y'];
/** 12-hour times for a separate time column. */
const TIME_FORMATS = ['%I:%M %p', '%I:%M:%S %p', '%I:%M%p', '%I %p'];

/** All layouts the parser reads, for documentation and the import dialog's help text. */
export const DATE_LAYOUTS: readonly string[] = [
  'ISO 8601: 2024-03-01, 2024-03-01 14:05, 2024-03-01T14:05:33.5 (a UTC offset is ignored)',
  'US: 3/1/2024, 3/1/2024 2:05 PM, 03/01/2024 14:05:33, 3-1-24 (two-digit years: 00-68 -> 2000s, 69-99 -> 1900s)',
  'day first (dateOrder dmy): 1/3/2024 14:05, and 01.03.2024 14:05',
  `compact: ${COMPACT_FORMATS.join(', ')}`,
  `year first with slashes: ${YMD_SLASH_FORMATS.join(', ')}`,
  `month names: ${MONTH_NAME_FORMATS.join(', ')}`,
  'Excel serial day numbers: 45352.75 (days since 1899-12-30)',
];

const list = (formats: readonly string[]) => `[${formats.map(quoteLiteral).join(', ')}]`;

/**
 * The "shape" of cleaned date text `t`: the regex groups of a slash date (a STRUCT of strings a,
 * b, y, h, mi, s, p), NULL for ISO text. Computed one query level below
 * {@link parseDateShapeSql}, which reads its fields (DuckDB would otherwise run the regex once
 * per field).
 */
export function dateShapeSql(t: string): string {
  return `CASE WHEN ${t} IS NOT NULL AND substr(${t}, 5, 1) <> '-' THEN regexp_extract(${t}, ${quoteLiteral(SLASH_DATE)}, ['a', 'b', 'y', 'h', 'mi', 's', 'p']) END`;
}

/**
 * TIMESTAMP from cleaned date-time text `t` and its shape `s` ({@link dateShapeSql}); NULL when
 * unreadable. See {@link DATE_LAYOUTS}. DuckDB's ISO cast only sees text shaped YYYY-...: it
 * casts "3/1/24" to the year 3 otherwise.
 */
export function parseDateShapeSql(t: string, s: string, order: 'mdy' | 'dmy'): string {
  const int = (f: string) => `TRY_CAST(${s}.${f} AS INTEGER)`;
  const year = `CASE WHEN length(${s}.y) = 2 THEN ${int('y')} + CASE WHEN ${int('y')} < 69 THEN 2000 ELSE 1900 END ELSE ${int('y')} END`;
  const [month, day] = order === 'mdy' ? [int('a'), int('b')] : [int('b'), int('a')];
  const hour = `(COALESCE(${int('h')}, 0) % CASE WHEN ${s}.p = '' THEN 24 ELSE 12 END + CASE WHEN upper(${s}.p) = 'P' THEN 12 ELSE 0 END)`;
  const badHour = `(${s}.p <> '' AND (${int('h')} > 12 OR ${int('h')} = 0))`;
  const slash = `CASE WHEN ${badHour} THEN NULL ELSE try(make_timestamp(${year}, ${month}, ${day}, ${hour}, COALESCE(${int('mi')}, 0), COALESCE(TRY_CAST(NULLIF(${s}.s, '') AS DOUBLE), 0))) END`;
  return (
    `CASE WHEN ${t} IS NULL THEN NULL ` +
    `WHEN substr(${t}, 5, 1) = '-' THEN TRY_CAST(${t} AS TIMESTAMP) ` +
    `WHEN ${s}.y <> '' THEN ${slash} ` +
    `WHEN length(${t}) <= 16 AND TRY_CAST(${t} AS DOUBLE) BETWEEN 10000 AND 99999.999999 THEN ${excelSerialSql(t)} ` +
    `WHEN regexp_full_match(${t}, '[12][0-9]{7}([0-9]{6}| [0-9]{4})?') THEN try_strptime(${t}, ${list(COMPACT_FORMATS)}) ` +
    `WHEN substr(${t}, 5, 1) = '/' THEN try_strptime(${t}, ${list(YMD_SLASH_FORMATS)}) ` +
    `WHEN regexp_matches(${t}, '[A-Za-z]{3}') THEN try_strptime(${t}, ${list(MONTH_NAME_FORMATS)}) ` +
    `WHEN regexp_matches(${t}, '^[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}') THEN try_strptime(${t}, ${list(DOT_FORMATS)}) END`
  );
}

function excelSerialSql(t: string): string {
  return `TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(TRY_CAST(${t} AS DOUBLE) * 86400000) * 1000 AS BIGINT))`;
}

/** `trim(col)` with empty text as NULL: the form every role expression starts from. */
export function cleanTextSql(column: string): string {
  return `NULLIF(trim(${column}), '')`;
}

/**
 * TIMESTAMP from cleaned date-time text in one expression (shape computed inline). For single
 * values and tests; the stage statement uses {@link dateShapeSql} + {@link parseDateShapeSql} on
 * two query levels, which is several times faster on large tables.
 */
export function parseDateTimeSql(t: string, order: 'mdy' | 'dmy'): string {
  return `(SELECT ${parseDateShapeSql('__t', '__s', order)} FROM (SELECT __t, ${dateShapeSql('__t')} AS __s FROM (SELECT ${t} AS __t)))`;
}

/**
 * TIME from time-of-day text: ISO (`14:05`, `14:05:33`), 12-hour (`2:05 PM`), military without
 * colon (`1405`, `905`), or an Excel day fraction (`0.5868`).
 */
export function parseTimeSql(t: string): string {
  return (
    `CASE WHEN ${t} IS NULL THEN NULL ` +
    `WHEN regexp_full_match(${t}, '[0-9]{3,4}') THEN CASE WHEN TRY_CAST(${t} AS INTEGER) // 100 < 24 AND TRY_CAST(${t} AS INTEGER) % 100 < 60 ` +
    `THEN make_time(TRY_CAST(${t} AS INTEGER) // 100, TRY_CAST(${t} AS INTEGER) % 100, 0) END ` +
    `WHEN regexp_full_match(${t}, '0?\\.[0-9]+') THEN CAST(TIMESTAMP '2000-01-01' + to_microseconds(CAST(round(TRY_CAST(${t} AS DOUBLE) * 86400000) * 1000 AS BIGINT)) AS TIME) ` +
    `WHEN regexp_matches(${t}, '[AaPp]\\.?[Mm]\\.?$') THEN CAST(try_strptime(replace(upper(${t}), '.', ''), ${list(TIME_FORMATS)}) AS TIME) ` +
    `ELSE TRY_CAST(${t} AS TIME) END`
  );
}

/**
 * TIMESTAMP from a parsed DATE plus an optional time column (its cleaned text and parsed TIME):
 * the date at the time, midnight when the time text is empty, NULL when the time text is present
 * but unreadable (so the row is reported).
 */
export function combineDateTimeSql(date: string, timeText: string | undefined, time: string | undefined): string {
  if (!timeText || !time) return `CAST(${date} AS TIMESTAMP)`;
  return `CASE WHEN ${timeText} IS NULL THEN CAST(${date} AS TIMESTAMP) ELSE ${date} + ${time} END`;
}

/** TIMESTAMP from parts (year, month, day required; hour and minute default 0); NULL when any part is not a valid number or the date does not exist. */
export function datePartsSql(parts: { year: string; month: string; day: string; hour?: string; minute?: string }): string {
  const int = (t: string) => `TRY_CAST(TRY_CAST(${t} AS DOUBLE) AS INTEGER)`;
  const month = `COALESCE(${int(parts.month)}, ${monthNameSql(parts.month)})`;
  const hour = parts.hour ? `COALESCE(${int(parts.hour)}, 0)` : '0';
  const minute = parts.minute ? `COALESCE(${int(parts.minute)}, 0)` : '0';
  return `try(make_timestamp(${int(parts.year)}, ${month}, ${int(parts.day)}, ${hour}, ${minute}, 0))`;
}

function monthNameSql(t: string): string {
  const names = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  return `NULLIF(list_position([${names.map(quoteLiteral).join(', ')}], lower(left(${t}, 3))), 0)`;
}

/** Whether a parsed TIMESTAMP is plausible for a police record: years 1900-2099. */
export function implausibleDateSql(ts: string): string {
  return `(${ts} < TIMESTAMP '1900-01-01' OR ${ts} >= TIMESTAMP '2100-01-01')`;
}
