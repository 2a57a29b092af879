/**
 * The last statements of an import: the normalized dataset (loaded rows: normalized columns,
 * then every original column) and the quarantine (rows set aside: source row, reason, all
 * reasons, a detail naming the bad values, the original text). Both read the stage and facts
 * tables side by side (POSITIONAL JOIN: both are in read order).
 */
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { COORD_OUTSIDE, NOTE_FROM_LATLON, NOTE_SWAPPED_LATLON, NOTE_SWAPPED_XY } from './coordinates';
import type { ColumnMapping, Role } from './mapping';
import { dateChecksOf, IMPLAUSIBLE_FROM, IMPLAUSIBLE_REPORTED, IMPLAUSIBLE_TO, INTERNAL_COLUMNS, STAGE_COLUMNS, TO_BEFORE_FROM } from './normalize-sql';
import { allReasonsSql, COORD_BITS, primaryReasonSql, R_DATE_IMPLAUSIBLE, R_DATE_MISSING, R_DATE_UNPARSEABLE, R_DUPLICATE, R_GEOMETRY } from './reasons';

/** The normalized columns, in output order. Originals follow under their own names. */
export const NORMALIZED_COLUMNS = [
  'source_row',
  'case_id',
  'case_row',
  'case_rows',
  'offense_code',
  'offense_code_source',
  'offense_description',
  'offense_group',
  'ucr_part1',
  'occurred_from',
  'occurred_to',
  'reported_at',
  'occurred_hours',
  'address',
  'beat',
  'district',
  'lon',
  'lat',
  'x',
  'y',
  'geo_status',
] as const;

/** Columns the quarantine table puts before the original columns. */
export const QUARANTINE_COLUMNS = ['source_row', 'reason', 'reasons', 'detail', 'raw_text'] as const;

/**
 * Output names for the original columns: unchanged, except a name equal (ignoring case, as
 * DuckDB compares identifiers) to one of `reserved` gets `_original` appended (then
 * `_original_2`, ...). "Beat" in a file becomes "Beat_original" beside the normalized "beat".
 */
export function outputNames(columns: readonly string[], reserved: readonly string[]): string[] {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  const out: string[] = [];
  for (const c of columns) {
    let name = c;
    if (taken.has(name.toLowerCase())) {
      name = `${c}_original`;
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${c}_original_${k}`;
    }
    taken.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/** Every name an original column must not take (output, stage and inner statement names). */
export const RESERVED_NAMES: readonly string[] = [...NORMALIZED_COLUMNS, ...QUARANTINE_COLUMNS, ...STAGE_COLUMNS, ...INTERNAL_COLUMNS];

/** Original columns with the names they carry in the stage and in both outputs. */
export function originalsOf(columns: readonly string[]): { source: string; out: string }[] {
  const names = outputNames(columns, RESERVED_NAMES);
  return columns.map((c, i) => ({ source: c, out: names[i] as string }));
}

export interface AssembleInput {
  readonly stage: string;
  readonly facts: string;
  readonly final: string;
  readonly quarantine: string;
  readonly rejects?: string;
  readonly originals: readonly { source: string; out: string }[];
  readonly mapping: ColumnMapping;
  /** Bit mask of accepted reasons. */
  readonly accepted: number;
  /** Output name of the GeoJSON/shapefile geometry_error column, when there is one. */
  readonly geometryErrorColumn?: string;
}

const GEO_STATUS =
  `CASE WHEN (f.__mask & ${COORD_BITS}) <> 0 THEN ${primaryReasonSql(`(f.__mask & ${COORD_BITS})`, 0)} ` +
  `WHEN f.__note = ${NOTE_SWAPPED_LATLON} THEN 'swapped lat/lon repaired' WHEN f.__note = ${NOTE_SWAPPED_XY} THEN 'swapped x/y repaired' ` +
  `WHEN f.__note = ${NOTE_FROM_LATLON} THEN 'from lat/lon (x/y missing)' WHEN f.lon IS NULL THEN 'no coordinates' ELSE 'ok' END`;

/**
 * SQL creating the normalized dataset table from every row; the caller then deletes the
 * quarantined rows (cheaper than filtering while copying a million rows of text).
 */
export function buildFinalSql(a: AssembleInput): string {
  const keepOutside = (a.accepted & COORD_OUTSIDE) !== 0;
  const coord = (c: string) => (keepOutside ? `f.${c}` : `CASE WHEN (f.__mask & ${COORD_BITS}) <> 0 THEN NULL ELSE f.${c} END`);
  const select = [
    'f.source_row',
    's.case_id',
    'NULLIF(f.case_row, 0) AS case_row',
    'NULLIF(f.case_rows, 0) AS case_rows',
    's.offense_code',
    's.offense_code_source',
    's.offense_description',
    's.offense_group',
    's.ucr_part1',
    's.occurred_from',
    's.occurred_to',
    's.reported_at',
    'CASE WHEN s.occurred_to IS NULL THEN NULL ELSE (epoch_us(s.occurred_to) - epoch_us(s.occurred_from)) / 3600000000.0 END AS occurred_hours',
    's.address',
    's.beat',
    's.district',
    `${coord('lon')} AS lon`,
    `${coord('lat')} AS lat`,
    `${coord('x')} AS x`,
    `${coord('y')} AS y`,
    `${GEO_STATUS} AS geo_status`,
    ...a.originals.map((o) => `s.${quoteIdent(o.out)}`),
  ];
  return `CREATE OR REPLACE TABLE ${quoteIdent(a.final)} AS SELECT ${select.join(', ')} FROM ${quoteIdent(a.stage)} s POSITIONAL JOIN ${quoteIdent(a.facts)} f`;
}

/** SQL deleting the quarantined rows from the freshly built final table (rowid = stage position). */
export function buildDeleteQuarantinedSql(final: string, facts: string): string {
  return `DELETE FROM ${quoteIdent(final)} WHERE rowid IN (SELECT rid FROM (SELECT rowid AS rid, __q FROM ${quoteIdent(facts)}) WHERE __q = 1)`;
}

/** SQL creating the quarantine table, ordered by source row. */
export function buildQuarantineSql(a: AssembleInput): string {
  const r = a.mapping.roles;
  const outOf = new Map(a.originals.map((o) => [o.source, o.out]));
  const original = (role: Role) => `s.${quoteIdent(outOf.get(r[role] as string) ?? (r[role] as string))}`;
  const shown = (label: string, expr: string) => `${quoteLiteral(`${label} "`)} || coalesce(${expr}, '') || '"'`;
  const coordText = (['x', 'y', 'lon', 'lat'] as Role[]).filter((role) => r[role] !== undefined).map((role) => shown(r[role] as string, original(role)));
  const dateText = dateChecksOf(a.mapping).map(
    (c, k) => `CASE WHEN (s.__date_bad & ${1 << k}) <> 0 THEN ${shown(c.label, c.roles.length === 1 ? original(c.roles[0] as Role) : `concat_ws(' ', ${c.roles.map(original).join(', ')})`)} END`,
  );
  const implausible = [
    [IMPLAUSIBLE_FROM, "'occurred from ' || CAST(s.occurred_from AS VARCHAR) || ' is outside 1900-2099'"],
    [IMPLAUSIBLE_TO, "'occurred to ' || CAST(s.occurred_to AS VARCHAR) || ' is outside 1900-2099'"],
    [IMPLAUSIBLE_REPORTED, "'reported ' || CAST(s.reported_at AS VARCHAR) || ' is outside 1900-2099'"],
    [TO_BEFORE_FROM, "'occurred to ' || CAST(s.occurred_to AS VARCHAR) || ' is before occurred from ' || CAST(s.occurred_from AS VARCHAR)"],
  ].map(([bit, text]) => `CASE WHEN (s.__date_implausible & ${bit}) <> 0 THEN ${text} END`);
  const detail = [
    `CASE WHEN (f.__mask & ${R_DUPLICATE}) <> 0 THEN 'exact copy of an earlier row' END`,
    a.geometryErrorColumn ? `CASE WHEN (f.__mask & ${R_GEOMETRY}) <> 0 THEN s.${quoteIdent(a.geometryErrorColumn)} END` : 'NULL',
    `CASE WHEN (f.__mask & ${R_DATE_UNPARSEABLE}) <> 0 THEN concat_ws(', ', 'cannot read', ${dateText.join(', ') || 'NULL'}) END`,
    `CASE WHEN (f.__mask & ${R_DATE_IMPLAUSIBLE}) <> 0 THEN concat_ws('; ', ${implausible.join(', ')}) END`,
    `CASE WHEN (f.__mask & ${R_DATE_MISSING}) <> 0 THEN 'no occurred or reported date' END`,
    coordText.length ? `CASE WHEN (f.__mask & ${COORD_BITS}) <> 0 THEN concat_ws(', ', ${coordText.join(', ')}) END` : 'NULL',
  ];
  const rows = [
    'f.source_row',
    `${primaryReasonSql('f.__mask', a.accepted)} AS reason`,
    `${allReasonsSql('f.__mask')} AS reasons`,
    `NULLIF(concat_ws('; ', ${detail.join(', ')}), '') AS detail`,
    'CAST(NULL AS VARCHAR) AS raw_text',
    ...a.originals.map((o) => `s.${quoteIdent(o.out)}`),
  ];
  const fromRows = `SELECT ${rows.join(', ')} FROM ${quoteIdent(a.stage)} s POSITIONAL JOIN ${quoteIdent(a.facts)} f WHERE f.__q = 1`;
  const fromRejects = a.rejects
    ? ` UNION ALL SELECT source_row, 'malformed row' AS reason, 'malformed row' AS reasons, detail, raw_text, ${a.originals.map((o) => `CAST(NULL AS VARCHAR) AS ${quoteIdent(o.out)}`).join(', ')} FROM ${quoteIdent(a.rejects)}`
    : '';
  return `CREATE OR REPLACE TABLE ${quoteIdent(a.quarantine)} AS SELECT * FROM (${fromRows}${fromRejects}) ORDER BY source_row`;
}
