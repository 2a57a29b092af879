/**
 * Sensitive fields: columns that identify a person (names, dates of birth, phone numbers, SSN and
 * driver-licence numbers, e-mail, victim/suspect/witness details, juvenile flags) or may name one
 * in free text (narratives). They are detected at import from the column names and the preview's
 * values, recorded in the dataset's metadata (`DatasetMeta.sensitive`), editable by the analyst,
 * masked wherever a value is shown and left out of every export unless explicitly included.
 * Detection is a suggestion: it errs toward marking, and the analyst has the last word.
 */

import { quoteIdent } from '../../engine/sql';

/** Why a column was marked; shown next to its checkbox. */
export type SensitiveCategory = 'name' | 'birth-date' | 'phone' | 'ssn' | 'licence' | 'email' | 'person' | 'juvenile' | 'narrative';

/** One detected column: the category and the evidence in plain words. */
export interface SensitiveColumn {
  readonly column: string;
  readonly category: SensitiveCategory;
  readonly why: string;
}

/** What a masked value shows. */
export const MASK = '••••';

/** Words of a column name: camelCase split, separators removed, lower case ("VictimDOB" -> victim dob). */
export function nameTokens(column: string): string[] {
  return column
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** Words that make "name" mean a place or a thing, not a person ("street name", "offense name"). */
const NOT_A_PERSON = new Set(['street', 'st', 'road', 'offense', 'offence', 'crime', 'beat', 'district', 'precinct', 'agency', 'place', 'business', 'location', 'loc', 'premise', 'premises', 'file', 'layer', 'city', 'county', 'state', 'school', 'facility', 'hospital', 'dataset', 'table', 'charge', 'statute', 'call', 'type', 'unit', 'zone', 'sector', 'area', 'common', 'landmark', 'block', 'org', 'organization', 'company', 'employer', 'officer', 'reporting', 'dept', 'department', 'station']);
/** Words that mark a person's role in an incident. */
const PERSON_ROLES = ['victim', 'vict', 'suspect', 'susp', 'witness', 'wit', 'complainant', 'comp', 'offender', 'arrestee', 'subject', 'rp', 'parent', 'guardian', 'driver', 'owner', 'person', 'persons', 'people'];
/** Words that make a person-role column an aggregate, not a person's detail ("victim count"). */
const AGGREGATE = new Set(['count', 'counts', 'num', 'number', 'total', 'n', 'qty', 'quantity']);

/** The category a column NAME suggests, or null. */
export function sensitiveByName(column: string): { category: SensitiveCategory; why: string } | null {
  const t = nameTokens(column);
  const joined = t.join('_');
  const has = (w: string) => t.includes(w);
  if (has('ssn') || /social_?sec/.test(joined) || /soc_sec/.test(joined)) return { category: 'ssn', why: 'the name says Social Security number' };
  if (has('dob') || has('birth') || has('birthdate') || has('birthday') || /date_of_birth|birth_?date|born/.test(joined)) return { category: 'birth-date', why: 'the name says date of birth' };
  if (has('phone') || has('telephone') || has('tel') || has('mobile') || has('cellphone') || /cell_phone/.test(joined)) return { category: 'phone', why: 'the name says phone number' };
  if (has('email') || has('e') && has('mail')) return { category: 'email', why: 'the name says e-mail address' };
  if (has('dl') || has('dln') || has('oln') || /drivers?_(?:s_)?licen[cs]e|licen[cs]e_(number|no|num)|dl_(number|no|num|state)/.test(joined)) return { category: 'licence', why: "the name says driver's licence number" };
  if (has('juvenile') || has('juv') || has('minor')) return { category: 'juvenile', why: 'the name says juvenile' };
  if (has('narrative') || has('synopsis') || has('remarks') || has('comments') || has('notes') || has('note')) return { category: 'narrative', why: 'the name says free-text narrative' };
  const nameWord = t.findIndex((w) => w === 'name' || w === 'fname' || w === 'lname' || w === 'surname' || w === 'firstname' || w === 'lastname' || w === 'fullname' || w === 'middlename' || w === 'nickname' || w === 'alias' || w === 'aka');
  if (nameWord >= 0 && !t.some((w) => NOT_A_PERSON.has(w))) return { category: 'name', why: "the name says a person's name" };
  const role = PERSON_ROLES.find((r) => has(r) || t.some((w) => w === `${r}s`));
  if (role && !t.some((w) => AGGREGATE.has(w))) return { category: 'person', why: `the name says ${role} details` };
  return null;
}

const SSN = /^\d{3}-\d{2}-\d{4}$/;
// Separators are required: ten bare digits are as likely a case number as a phone number.
const PHONE = /^(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;
// "SMITH, JOHN" / "Smith, John A." / "O'NEIL, MARY-KATE": the RMS way to write a person.
const LAST_FIRST = /^[A-Za-z][A-Za-z'-]+,\s?[A-Za-z][A-Za-z'-]+(?:\s[A-Za-z]\.?)?$/;

/**
 * The category the VALUES of a column suggest, or null: at least half of the non-empty preview
 * values (and at least 2 of them, or the only one) look like SSNs, phone numbers, e-mail
 * addresses or "LAST, FIRST" names; or the values are free text (mean length >= 60 characters
 * and >= 8 words). `values` are the preview's text cells (null = empty).
 */
export function sensitiveByValues(values: readonly (string | null)[]): { category: SensitiveCategory; why: string } | null {
  const filled = values.map((v) => (v ?? '').trim()).filter((v) => v !== '');
  if (filled.length === 0) return null;
  const enough = (n: number) => n >= Math.max(filled.length === 1 ? 1 : 2, Math.ceil(filled.length / 2));
  const count = (re: RegExp) => filled.filter((v) => re.test(v)).length;
  const share = (n: number) => `${n} of ${filled.length} values`;
  let n = count(SSN);
  if (enough(n)) return { category: 'ssn', why: `${share(n)} look like Social Security numbers` };
  n = count(PHONE);
  if (enough(n)) return { category: 'phone', why: `${share(n)} look like phone numbers` };
  n = count(EMAIL);
  if (enough(n)) return { category: 'email', why: `${share(n)} look like e-mail addresses` };
  n = count(LAST_FIRST);
  if (enough(n)) return { category: 'name', why: `${share(n)} look like "LAST, FIRST" names` };
  const meanLength = filled.reduce((s, v) => s + v.length, 0) / filled.length;
  const meanWords = filled.reduce((s, v) => s + v.split(/\s+/).length, 0) / filled.length;
  if (meanLength >= 60 && meanWords >= 8) return { category: 'narrative', why: `free text (${Math.round(meanLength)} characters on average)` };
  return null;
}

/**
 * Columns to mark sensitive, in column order: by name first (the stronger evidence), else by the
 * preview values of `rows` (rows of text cells in `columns` order). Columns in `exclude` (those
 * the mapping gives an analysis role such as the offense description or address) are judged by
 * name only, so "ASSAULT, SIMPLE" in an offense column is not taken for a person's name.
 */
export function detectSensitiveColumns(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  exclude: ReadonlySet<string> = new Set(),
): SensitiveColumn[] {
  const out: SensitiveColumn[] = [];
  columns.forEach((column, j) => {
    const hit = sensitiveByName(column) ?? (exclude.has(column) ? null : sensitiveByValues(rows.map((r) => r[j] ?? null)));
    if (hit) out.push({ column, ...hit });
  });
  return out;
}

/**
 * The sensitive columns of a dataset as recorded in its metadata. Datasets saved before the field
 * existed have none recorded (`undefined`): the caller may detect them from the names with
 * {@link detectSensitiveColumns}; an empty array means the analyst cleared them all.
 */
export function recordedSensitive(meta: { readonly sensitive?: readonly string[] | undefined } | null | undefined): readonly string[] | undefined {
  return meta?.sensitive;
}

/** True when `column` is in `sensitive` (exact name). */
export function isSensitive(sensitive: readonly string[] | ReadonlySet<string>, column: string): boolean {
  return sensitive instanceof Set ? sensitive.has(column) : (sensitive as readonly string[]).includes(column);
}

/**
 * A value as shown when masked: {@link MASK} for any non-empty value, null for an empty one (an
 * empty cell discloses nothing and masking it would suggest there was something).
 */
export function maskValue<T>(value: T): string | null {
  return value === null || value === undefined || value === '' ? null : MASK;
}

/**
 * A record with its sensitive fields masked (see {@link maskValue}); other fields keep their
 * values. A new object; the input is not changed.
 */
export function maskRecord<T>(record: Readonly<Record<string, T>>, sensitive: readonly string[] | ReadonlySet<string>): Record<string, T | string | null> {
  const out: Record<string, T | string | null> = {};
  for (const [k, v] of Object.entries(record)) out[k] = isSensitive(sensitive, k) ? maskValue(v) : v;
  return out;
}

/**
 * The columns an export writes: `columns` without the sensitive ones, unless `includeSensitive`.
 * Columns that repeat whole source lines (`raw_text` of a quarantine) carry every field of the
 * line, sensitive ones included: they are left out too whenever any column is sensitive.
 */
export function exportColumns(columns: readonly string[], sensitive: readonly string[], includeSensitive: boolean, rawColumns: readonly string[] = ['raw_text']): { columns: string[]; omitted: string[] } {
  if (includeSensitive || sensitive.length === 0) return { columns: [...columns], omitted: [] };
  const drop = new Set([...sensitive, ...rawColumns]);
  return { columns: columns.filter((c) => !drop.has(c)), omitted: columns.filter((c) => drop.has(c)) };
}

/**
 * The sensitive columns of an imported table, from the source columns the analyst marked: each
 * source column under its name in the table (itself, or `<name>_original[_k]` when it clashed
 * with a normalized column), plus the normalized column a sensitive source column fills through
 * its role (a "Victim Name" mapped to the role `name` makes `name` sensitive too). `roles` is the
 * mapping's role -> source column; `tableColumns` the table's columns. Table order, no repeats.
 */
export function sensitiveTableColumns(tableColumns: readonly string[], sensitiveSource: readonly string[], roles: Readonly<Partial<Record<string, string>>> = {}): string[] {
  const marked = new Set(sensitiveSource.map((s) => s.toLowerCase()));
  const viaRole = new Set(Object.entries(roles).filter(([, source]) => source !== undefined && marked.has(source.toLowerCase())).map(([role]) => role.toLowerCase()));
  return tableColumns.filter((c) => {
    const lower = c.toLowerCase();
    if (marked.has(lower) || viaRole.has(lower)) return true;
    const m = /^(.*)_original(?:_\d+)?$/.exec(lower);
    return m !== null && marked.has(m[1]!);
  });
}

/**
 * SQL that masks `columns` of `table` in place: each non-empty value becomes {@link MASK} (as
 * text), NULL and '' stay as they are; other columns and the row order are unchanged. Used where
 * a query may read the table (`spi sql` without --include-sensitive): the values are gone before
 * any user SQL runs, so no alias or expression can bring them back. Null when nothing to mask.
 */
export function buildMaskSensitiveSql(table: string, columns: readonly string[]): string | null {
  if (columns.length === 0) return null;
  const replace = columns.map((c) => `CASE WHEN ${quoteIdent(c)} IS NULL OR CAST(${quoteIdent(c)} AS VARCHAR) = '' THEN NULL ELSE '${MASK}' END AS ${quoteIdent(c)}`);
  return `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * REPLACE (${replace.join(', ')}) FROM ${quoteIdent(table)}`;
}
