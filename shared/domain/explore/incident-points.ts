import { NIBRS_OFFENSES, OFFENSE_GROUPS, normalizeOffenseCode } from '../ingest/nibrs';
import { quoteIdent, quoteLiteral } from '../../engine/sql';

/** Which columns of a raw table hold the point and its offense code. */
export interface PointColumns {
  lon: string;
  lat: string;
  code: string;
}

/** Index used for codes not in the offense dictionary: one past the last group. */
export const UNMAPPED_GROUP_INDEX = OFFENSE_GROUPS.length;

/**
 * SQL that turns a raw incident table into map points: `lon`, `lat` (DOUBLE, WGS84 degrees),
 * `group_index` (UTINYINT index into OFFENSE_GROUPS, or UNMAPPED_GROUP_INDEX) and `row_id` (the
 * raw table's rowid, to look the record up when a point is clicked), in rowid order.
 *
 * Cleaning here is only what a map needs and is deliberately conservative (the ingest step does
 * the full accounting): text is cast with TRY_CAST, rows with missing or (0,0) coordinates are
 * left out, and a pair that is only valid when swapped (|lat| > 90, |lon| <= 90) is swapped back.
 * Duplicate rows of one incident are kept (each is an offense).
 */
export function buildIncidentPointsSql(table: string, columns: PointColumns): string {
  const lon = `TRY_CAST(${quoteIdent(columns.lon)} AS DOUBLE)`;
  const lat = `TRY_CAST(${quoteIdent(columns.lat)} AS DOUBLE)`;
  return `WITH raw AS (
  SELECT rowid AS row_id, ${lon} AS x, ${lat} AS y, upper(trim(CAST(${quoteIdent(columns.code)} AS VARCHAR))) AS code
  FROM ${quoteIdent(table)}
), fixed AS (
  SELECT CASE WHEN abs(y) > 90 AND abs(x) <= 90 THEN y ELSE x END AS lon,
         CASE WHEN abs(y) > 90 AND abs(x) <= 90 THEN x ELSE y END AS lat,
         code, row_id
  FROM raw
  WHERE x IS NOT NULL AND y IS NOT NULL AND NOT (x = 0 AND y = 0)
)
SELECT lon, lat, ${buildGroupIndexSql('code')}::UTINYINT AS group_index, row_id::UINTEGER AS row_id
FROM fixed
WHERE lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90
ORDER BY row_id`;
}

/** A `CASE` expression mapping a normalized offense code column to its group index. */
export function buildGroupIndexSql(codeExpr: string): string {
  const index = new Map(OFFENSE_GROUPS.map((g, i) => [g.id, i]));
  const whens = NIBRS_OFFENSES.map(
    (o) => `WHEN ${quoteLiteral(normalizeOffenseCode(o.code))} THEN ${index.get(o.group) ?? UNMAPPED_GROUP_INDEX}`,
  );
  return `(CASE ${codeExpr} ${whens.join(' ')} ELSE ${UNMAPPED_GROUP_INDEX} END)`;
}

/**
 * The SQL condition "the offense group of `codeExpr` is one of `groups`" (indices into
 * OFFENSE_GROUPS, UNMAPPED_GROUP_INDEX for codes outside the dictionary and NULL codes), equal to
 * `buildGroupIndexSql(codeExpr) IN (groups)` but written as an IN list of the groups' codes, which
 * DuckDB evaluates several times faster than the CASE over every NIBRS code (a filter change on
 * 1M incidents). An empty `groups` gives FALSE.
 */
export function buildGroupFilterSql(codeExpr: string, groups: readonly number[]): string {
  const wanted = new Set(groups);
  const index = new Map(OFFENSE_GROUPS.map((g, i) => [g.id, i]));
  const all = [...new Set(NIBRS_OFFENSES.map((o) => normalizeOffenseCode(o.code)))];
  const chosen = [...new Set(NIBRS_OFFENSES.filter((o) => wanted.has(index.get(o.group) ?? UNMAPPED_GROUP_INDEX)).map((o) => normalizeOffenseCode(o.code)))];
  const parts: string[] = [];
  if (chosen.length > 0) parts.push(`${codeExpr} IN (${chosen.map(quoteLiteral).join(', ')})`);
  if (wanted.has(UNMAPPED_GROUP_INDEX)) parts.push(`${codeExpr} IS NULL`, `${codeExpr} NOT IN (${all.map(quoteLiteral).join(', ')})`);
  return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
}

/**
 * Guesses the point and code columns from a header by name: the usual vendor spellings
 * (Longitude/Lon/Long/X_WGS84, Latitude/Lat, Offense Code/UCR/NIBRS...). Returns null when a role
 * has no candidate; the import dialog (ingest) is the full, editable version of this.
 */
export function guessPointColumns(header: readonly string[]): PointColumns | null {
  const find = (patterns: RegExp[]) => {
    for (const p of patterns) {
      const hit = header.find((h) => p.test(h.trim()));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const lon = find([/^(longitude|lon|long|lng)$/i, /longitude/i, /^x_?wgs/i]);
  const lat = find([/^(latitude|lat)$/i, /latitude/i, /^y_?wgs/i]);
  const code = find([/^offense[ _]?code$/i, /^(nibrs|ucr)[ _]?code$/i, /code/i, /offense|crime[ _]?type|ucr|nibrs/i]);
  if (lon === undefined || lat === undefined || code === undefined) return null;
  return { lon, lat, code };
}
