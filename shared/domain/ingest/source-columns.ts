/**
 * Normalized columns of the source kinds beyond incidents (calls for service, arrests, field
 * interviews, probation/parole, hospital, facilities): call_type, priority, received_at,
 * dispatched_at, arrived_at, cleared_at, disposition, person_id, charge, related_case, category,
 * name. They are added to the finished dataset table after the standard normalized columns and
 * before the original columns, only for the roles the mapping gives (plus, derived, received_at
 * and call_type for calls from occurred_from and offense_description, and charge for arrests
 * from the offense code and description). A mapping without any of
 * these roles, such as every incident mapping, leaves the table untouched, byte for byte.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { NORMALIZED_COLUMNS } from './assemble-sql';
import { cleanTextSql, dateShapeSql, parseDateShapeSql } from './dates-sql';
import type { ColumnMapping, Role } from './mapping';
import { cleanUpperSql } from './normalize-sql';

/** The added columns, in output order, with the role each comes from and its SQL type. */
export const SOURCE_COLUMNS: readonly { column: string; role: Role | null; type: 'text' | 'timestamp' | 'integer' }[] = [
  { column: 'related_case', role: 'related_case', type: 'text' },
  { column: 'person_id', role: 'person_id', type: 'text' },
  { column: 'call_type', role: 'call_type', type: 'text' },
  { column: 'priority', role: 'priority', type: 'integer' },
  { column: 'received_at', role: null, type: 'timestamp' },
  { column: 'dispatched_at', role: 'dispatched_at', type: 'timestamp' },
  { column: 'arrived_at', role: 'arrived_at', type: 'timestamp' },
  { column: 'cleared_at', role: 'cleared_at', type: 'timestamp' },
  { column: 'disposition', role: 'disposition', type: 'text' },
  { column: 'charge', role: 'charge', type: 'text' },
  { column: 'category', role: 'category', type: 'text' },
  { column: 'name', role: 'name', type: 'text' },
];

/** Which SOURCE_COLUMNS a mapping produces (empty for an incident mapping). */
export function sourceColumnsOf(mapping: ColumnMapping): string[] {
  const r = mapping.roles;
  return SOURCE_COLUMNS.filter((c) => {
    if (c.column === 'received_at') return mapping.kind === 'calls' && (r.occurred_from !== undefined || r.occurred_date !== undefined);
    if (c.column === 'call_type' && r.call_type === undefined) return mapping.kind === 'calls' && r.offense_description !== undefined;
    if (c.column === 'charge' && r.charge === undefined) return mapping.kind === 'arrests' && (r.offense_description !== undefined || r.offense_code !== undefined);
    return c.role !== null && r[c.role] !== undefined;
  }).map((c) => c.column);
}

/**
 * SQL that rebuilds `table` with the source columns (see module comment), or null when the
 * mapping has none. `originals` maps each mapped source column to its name in `table`; an
 * original whose name equals an added column (ignoring case, "Disposition" vs disposition) is
 * renamed `<name>_original`, as assemble-sql does for the standard columns.
 */
export function buildSourceColumnsSql(table: string, mapping: ColumnMapping, originals: readonly { source: string; out: string }[]): string | null {
  const added = sourceColumnsOf(mapping);
  if (added.length === 0) return null;
  const outOf = new Map(originals.map((o) => [o.source, o.out]));
  const taken = new Set([...NORMALIZED_COLUMNS, ...added].map((c) => c.toLowerCase()));
  const col = (role: Role) => `t.${quoteIdent(outOf.get(mapping.roles[role] as string) ?? (mapping.roles[role] as string))}`;
  const inner: string[] = [];
  const select: string[] = NORMALIZED_COLUMNS.map((c) => `t.${quoteIdent(c)}`);
  for (const name of added) {
    const spec = SOURCE_COLUMNS.find((c) => c.column === name)!;
    if (name === 'received_at') select.push('t.occurred_from AS received_at');
    else if (name === 'call_type' && mapping.roles.call_type === undefined) select.push('t.offense_description AS call_type');
    else if (name === 'charge' && mapping.roles.charge === undefined) select.push(`NULLIF(concat_ws(' ', t.offense_code, t.offense_description), '') AS charge`);
    else if (spec.type === 'timestamp') {
      const text = cleanTextSql(col(spec.role as Role));
      inner.push(`${text} AS __t_${name}`, `${dateShapeSql(text)} AS __s_${name}`);
      select.push(`${parseDateShapeSql(`__t_${name}`, `__s_${name}`, mapping.dateOrder)} AS ${name}`);
    } else if (spec.type === 'integer') select.push(`TRY_CAST(NULLIF(regexp_extract(${cleanTextSql(col(spec.role as Role))}, '[0-9]+'), '') AS INTEGER) AS ${name}`);
    else if (name === 'related_case' || name === 'person_id') select.push(`upper(${cleanTextSql(col(spec.role as Role))}) AS ${name}`);
    else select.push(`${cleanUpperSql(col(spec.role as Role))} AS ${name}`);
  }
  for (const o of originals) {
    let out = o.out;
    if (taken.has(out.toLowerCase())) {
      out = `${o.out}_original`;
      for (let k = 2; taken.has(out.toLowerCase()); k++) out = `${o.out}_original_${k}`;
    }
    taken.add(out.toLowerCase());
    select.push(`t.${quoteIdent(o.out)}${out === o.out ? '' : ` AS ${quoteIdent(out)}`}`);
  }
  const from = inner.length ? `(SELECT *, ${inner.join(', ')} FROM ${quoteIdent(table)} t) t` : `${quoteIdent(table)} t`;
  return `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT ${select.join(', ')} FROM ${from}`;
}

/** Adds the source columns to a finished dataset table (no-op for incident mappings). */
export async function addSourceColumns(engine: SqlEngine, table: string, mapping: ColumnMapping, originals: readonly { source: string; out: string }[]): Promise<Result<void, AppError>> {
  const sql = buildSourceColumnsSql(table, mapping, originals);
  if (sql === null) return ok(undefined);
  const done = await engine.query(sql);
  return done.ok ? ok(undefined) : done;
}
