/**
 * The one normalization statement: source rows (the raw table, or DuckDB's CSV reader directly)
 * -> typed, cleaned columns, the flags that decide quarantine, and every original column. A pure
 * projection (no joins, no windows), so DuckDB keeps the row order and later steps pair rows by
 * position. Expressions are computed on three query levels (clean, parse, decide) so each
 * expensive parse runs once per row.
 */
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { cleanTextSql, combineDateTimeSql, datePartsSql, dateShapeSql, implausibleDateSql, parseDateShapeSql, parseTimeSql } from './dates-sql';
import type { ColumnMapping, Role } from './mapping';
import type { OffenseDictionary } from './offense-dictionary';
import { normalizeOffenseCode } from './nibrs';

/** Bits of `__date_bits`. */
export const DATE_MISSING = 1;
export const DATE_UNPARSEABLE = 2;
export const DATE_IMPLAUSIBLE = 4;
/** Not a problem: occurred_from was empty and reported_at stands in for it. */
export const DATE_FROM_REPORTED = 8;

/** Bits of `__coord_bad_text`: a mapped coordinate pair has text that is not a number. */
export const XY_TEXT_BAD = 1;
export const LATLON_TEXT_BAD = 2;

/** Bits of `__date_implausible`. */
export const IMPLAUSIBLE_FROM = 1;
export const IMPLAUSIBLE_TO = 2;
export const IMPLAUSIBLE_REPORTED = 4;
export const TO_BEFORE_FROM = 8;

/** Stage columns other than the originals (the originals follow under their output names). */
export const STAGE_COLUMNS = [
  'case_id',
  'offense_code',
  'offense_code_source',
  'offense_description',
  'offense_group',
  'ucr_part1',
  'occurred_from',
  'occurred_to',
  'reported_at',
  'address',
  'beat',
  'district',
  '__x',
  '__y',
  '__lon',
  '__lat',
  '__date_bits',
  '__date_bad',
  '__date_implausible',
  '__coord_bad_text',
] as const;

/** Names the statement uses on its inner levels; originals with these names are renamed. */
export const INTERNAL_COLUMNS: readonly string[] = [
  ...['from', 'to', 'rep'].flatMap((m) => [`__t_${m}`, `__s_${m}`, `__p_${m}`, `__tt_${m}`, `__pt_${m}`]),
  '__x_t',
  '__y_t',
  '__lon_t',
  '__lat_t',
  '__code_idx',
  '__bad',
  '__implausible',
];

/** One date text the stage checks; bit k of `__date_bad` is set when check k could not be read. */
export interface DateCheck {
  readonly label: string;
  /** Role(s) whose original text the quarantine detail shows. */
  readonly roles: readonly Role[];
}

/** The date checks of a mapping, in the order of their `__date_bad` bits. */
export function dateChecksOf(mapping: ColumnMapping): DateCheck[] {
  const r = mapping.roles;
  const has = (role: Role) => r[role] !== undefined;
  const out: DateCheck[] = [];
  const moment = (full: Role, date: Role, time: Role, parts: boolean) => {
    if (has(full)) out.push({ label: r[full] as string, roles: [full] });
    else if (has(date)) {
      out.push({ label: r[date] as string, roles: [date] });
      if (has(time)) out.push({ label: r[time] as string, roles: [time] });
    } else if (parts && has('year') && has('month') && has('day')) {
      const present = (['year', 'month', 'day', 'hour', 'minute'] as Role[]).filter(has);
      out.push({ label: present.map((p) => r[p]).join('/'), roles: present });
    }
  };
  moment('occurred_from', 'occurred_date', 'occurred_time', true);
  moment('occurred_to', 'occurred_to_date', 'occurred_to_time', false);
  moment('reported_at', 'reported_date', 'reported_time', false);
  return out;
}

export interface StageSqlInput {
  /** FROM clause that yields the original columns under alias `r` ("raw" r, or read_csv(...) r). */
  readonly from: string;
  readonly stage: string;
  /** Original columns and the names they get in the stage (see assemble-sql outputNames). */
  readonly originals: readonly { source: string; out: string }[];
  readonly mapping: ColumnMapping;
  readonly dictionary: OffenseDictionary;
  /** Cleaned description (upper case, single spaces) -> inferred code, when there is no code column. */
  readonly inferredCodes?: ReadonlyMap<string, string>;
}

/**
 * Upper case, trimmed, runs of white space as one space; empty -> NULL. The regex only runs on
 * text that has a run to collapse (it costs ~4x the rest on a million rows).
 */
export function cleanUpperSql(expr: string): string {
  const runs = [`'  '`, 'chr(9)', 'chr(10)', 'chr(13)'].map((c) => `contains(${expr}, ${c})`).join(' OR ');
  return `NULLIF(upper(trim(CASE WHEN ${runs} THEN regexp_replace(${expr}, '\\s+', ' ', 'g') ELSE ${expr} END)), '')`;
}

/** DOUBLE from number text; accepts thousands separators ("2,274,315.00"); NULL otherwise. */
export function parseNumberSql(t: string): string {
  return `COALESCE(TRY_CAST(${t} AS DOUBLE), CASE WHEN regexp_full_match(${t}, '[-+]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?') THEN TRY_CAST(replace(${t}, ',', '') AS DOUBLE) END)`;
}

/**
 * Dictionary lookup by list position (one hash-free scan of a constant list per row, the code
 * expression evaluated once): `__code_idx` is computed one level down.
 */
function lookupSql(dictionary: OffenseDictionary, field: 'group' | 'ucr'): string {
  const values = dictionary.offenses.map((o) => (field === 'group' ? quoteLiteral(o.group) : o.ucrPart1 === null ? 'NULL' : quoteLiteral(o.ucrPart1)));
  const fallback = field === 'group' ? `CASE WHEN offense_code IS NULL THEN NULL ELSE 'unmapped' END` : 'NULL';
  return `CASE WHEN __code_idx > 0 THEN ([${values.join(', ')}]::VARCHAR[])[__code_idx] ELSE ${fallback} END`;
}

/** SQL that creates the stage table: {@link STAGE_COLUMNS}, then the originals. */
export function buildStageSql(input: StageSqlInput): string {
  const { mapping, dictionary } = input;
  const r = mapping.roles;
  const has = (role: Role) => r[role] !== undefined;
  const col = (role: Role) => `r.${quoteIdent(r[role] as string)}`;
  const text = (role: Role) => (has(role) ? cleanTextSql(col(role)) : 'CAST(NULL AS VARCHAR)');
  const order = mapping.dateOrder;
  const level1: string[] = input.originals.map((o) => `r.${quoteIdent(o.source)} AS ${quoteIdent(o.out)}`);
  const level2: string[] = [];

  level1.push(`${text('case_id')} AS case_id`);
  const descText = has('offense_description') ? cleanUpperSql(col('offense_description')) : 'CAST(NULL AS VARCHAR)';
  level1.push(`${descText} AS offense_description`);
  if (has('offense_code')) level1.push(`upper(${text('offense_code')}) AS offense_code`);
  else if (input.inferredCodes && input.inferredCodes.size > 0) {
    const keys = [...input.inferredCodes.keys()];
    const codes = keys.map((k) => quoteLiteral(input.inferredCodes?.get(k) as string));
    level1.push(`([${codes.join(', ')}]::VARCHAR[])[list_position([${keys.map(quoteLiteral).join(', ')}]::VARCHAR[], ${descText})] AS offense_code`);
  } else level1.push('CAST(NULL AS VARCHAR) AS offense_code');
  const dictCodes = dictionary.offenses.map((o) => quoteLiteral(normalizeOffenseCode(o.code)));
  level2.push(`coalesce(list_position([${dictCodes.join(', ')}]::VARCHAR[], offense_code), 0) AS __code_idx`);

  // Date texts (L1: cleaned text + shape), parsed values (L2); `checks` mirrors dateChecksOf.
  const checks: { text: string; parsed: string }[] = [];
  const dateText = (name: string, role: Role, asDate: boolean): string => {
    level1.push(`${text(role)} AS __t_${name}`, `${dateShapeSql(text(role))} AS __s_${name}`);
    const value = parseDateShapeSql(`__t_${name}`, `__s_${name}`, order);
    level2.push(`${asDate ? `CAST(${value} AS DATE)` : value} AS __p_${name}`);
    checks.push({ text: `__t_${name}`, parsed: `__p_${name}` });
    return `__p_${name}`;
  };
  const moment = (name: string, full: Role, date: Role, time: Role, parts: boolean): string | undefined => {
    if (has(full)) return dateText(name, full, false);
    if (has(date)) {
      const d = dateText(name, date, true);
      if (!has(time)) return combineDateTimeSql(d, undefined, undefined);
      level1.push(`${text(time)} AS __tt_${name}`);
      level2.push(`${parseTimeSql(`__tt_${name}`)} AS __pt_${name}`);
      checks.push({ text: `__tt_${name}`, parsed: `__pt_${name}` });
      return combineDateTimeSql(d, `__tt_${name}`, `__pt_${name}`);
    }
    if (parts && has('year') && has('month') && has('day')) {
      const present = (['year', 'month', 'day', 'hour', 'minute'] as Role[]).filter(has);
      level1.push(`NULLIF(concat_ws(' ', ${present.map(text).join(', ')}), '') AS __t_${name}`);
      level1.push(`${datePartsSql({ year: text('year'), month: text('month'), day: text('day'), ...(has('hour') ? { hour: text('hour') } : {}), ...(has('minute') ? { minute: text('minute') } : {}) })} AS __p_${name}`);
      checks.push({ text: `__t_${name}`, parsed: `__p_${name}` });
      return `__p_${name}`;
    }
    return undefined;
  };
  const from = moment('from', 'occurred_from', 'occurred_date', 'occurred_time', true);
  const to = moment('to', 'occurred_to', 'occurred_to_date', 'occurred_to_time', false);
  const reported = moment('rep', 'reported_at', 'reported_date', 'reported_time', false);

  for (const role of ['address', 'beat', 'district'] as Role[]) level1.push(`${has(role) ? cleanUpperSql(col(role)) : 'CAST(NULL AS VARCHAR)'} AS ${role}`);
  for (const [role, name] of [['x', '__x'], ['y', '__y'], ['lon', '__lon'], ['lat', '__lat']] as [Role, string][]) {
    level1.push(`${text(role)} AS ${name}_t`, `${has(role) ? parseNumberSql(text(role)) : 'CAST(NULL AS DOUBLE)'} AS ${name}`);
  }

  // Level 3: final values and integer flags (the quarantine renders details from the bits).
  const occurredFrom = from ? (reported ? `CASE WHEN __t_from IS NULL THEN ${reported} ELSE ${from} END` : from) : 'CAST(NULL AS TIMESTAMP)';
  const bad = checks.map((c, k) => `CASE WHEN ${c.text} IS NOT NULL AND ${c.parsed} IS NULL THEN ${1 << k} ELSE 0 END`);
  const badSum = bad.length ? `(${bad.join(' + ')})` : '0';
  const implausible = [
    from ? `CASE WHEN coalesce(${implausibleDateSql(from)}, false) THEN ${IMPLAUSIBLE_FROM} ELSE 0 END` : '0',
    to ? `CASE WHEN coalesce(${implausibleDateSql(to)}, false) THEN ${IMPLAUSIBLE_TO} ELSE 0 END` : '0',
    reported ? `CASE WHEN coalesce(${implausibleDateSql(reported)}, false) THEN ${IMPLAUSIBLE_REPORTED} ELSE 0 END` : '0',
    from && to ? `CASE WHEN coalesce(${to} < ${from}, false) THEN ${TO_BEFORE_FROM} ELSE 0 END` : '0',
  ].join(' + ');
  const anyDateRole = from !== undefined || reported !== undefined;
  const level3 = [
    'case_id',
    'offense_code',
    `CASE WHEN offense_code IS NULL THEN NULL ELSE ${quoteLiteral(has('offense_code') ? 'code' : 'description')} END AS offense_code_source`,
    'offense_description',
    `${lookupSql(dictionary, 'group')} AS offense_group`,
    `${lookupSql(dictionary, 'ucr')} AS ucr_part1`,
    `${occurredFrom} AS occurred_from`,
    `${to ?? 'CAST(NULL AS TIMESTAMP)'} AS occurred_to`,
    `${reported ?? 'CAST(NULL AS TIMESTAMP)'} AS reported_at`,
    'address',
    'beat',
    'district',
    '__x',
    '__y',
    '__lon',
    '__lat',
    `CAST((CASE WHEN __bad <> 0 THEN ${DATE_UNPARSEABLE} WHEN ${anyDateRole ? `(${occurredFrom}) IS NULL` : 'false'} THEN ${DATE_MISSING} ELSE 0 END) + ` +
      `(CASE WHEN __implausible <> 0 THEN ${DATE_IMPLAUSIBLE} ELSE 0 END) + ` +
      `(CASE WHEN ${from && reported ? `__t_from IS NULL AND ${reported} IS NOT NULL` : 'false'} THEN ${DATE_FROM_REPORTED} ELSE 0 END) AS INTEGER) AS __date_bits`,
    'CAST(__bad AS INTEGER) AS __date_bad',
    'CAST(__implausible AS INTEGER) AS __date_implausible',
    `CAST(${has('x') ? `CASE WHEN (__x_t IS NOT NULL AND __x IS NULL) OR (__y_t IS NOT NULL AND __y IS NULL) THEN ${XY_TEXT_BAD} ELSE 0 END` : '0'} + ` +
      `${has('lat') ? `CASE WHEN (__lon_t IS NOT NULL AND __lon IS NULL) OR (__lat_t IS NOT NULL AND __lat IS NULL) THEN ${LATLON_TEXT_BAD} ELSE 0 END` : '0'} AS INTEGER) AS __coord_bad_text`,
    ...input.originals.map((o) => quoteIdent(o.out)),
  ];
  const l1 = `SELECT ${level1.join(',\n  ')} FROM ${input.from}`;
  const l2 = `SELECT *, ${level2.join(',\n  ')} FROM (${l1})`;
  const l2b = `SELECT *, ${badSum} AS __bad, ${implausible} AS __implausible FROM (${l2})`;
  return `CREATE OR REPLACE TABLE ${quoteIdent(input.stage)} AS SELECT ${level3.join(',\n  ')}\nFROM (${l2b})`;
}
