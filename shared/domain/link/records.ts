/**
 * The columns of a dataset that linking reads, pulled through the SqlEngine port from a
 * normalized dataset table ("spi ingest" output or a project dataset): the record id (case_id),
 * the case it refers to (related_case, else its own case_id), person_id, x/y (analysis CRS,
 * metres), the time (occurred_from, as days since 1970-01-01 of naive local time) and the
 * address. Missing columns read as empty. A case exported on several rows (case_row > 1) is read
 * once.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { checkFilterPredicate } from '../analysis/points';

/** One source's link columns; row k of every array is record k. */
export interface LinkRecords {
  /** Name shown in output (dataset id or file name). */
  readonly name: string;
  readonly ids: (string | null)[];
  readonly cases: (string | null)[];
  readonly persons: (string | null)[];
  readonly addresses: (string | null)[];
  /** Metres; NaN when missing. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Days since the epoch (fraction = time of day); NaN when missing. */
  readonly t: Float64Array;
  /** Every time is a midnight: the source has dates only, compared by calendar day. */
  readonly dateOnly: boolean;
}

/** Builds LinkRecords from plain arrays (tests and callers holding data already). */
export function makeLinkRecords(name: string, cols: Partial<Omit<LinkRecords, 'name' | 'dateOnly'>> & { n: number }): LinkRecords {
  const n = cols.n;
  const nulls = () => new Array<string | null>(n).fill(null);
  const nan = () => new Float64Array(n).fill(Number.NaN);
  const t = cols.t ?? nan();
  let dateOnly = false;
  for (let i = 0; i < n; i++) {
    const v = t[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v !== Math.floor(v)) {
      dateOnly = false;
      break;
    }
    dateOnly = true;
  }
  return {
    name,
    ids: cols.ids ?? Array.from({ length: n }, (_, i) => String(i + 1)),
    cases: cols.cases ?? nulls(),
    persons: cols.persons ?? nulls(),
    addresses: cols.addresses ?? nulls(),
    x: cols.x ?? nan(),
    y: cols.y ?? nan(),
    t,
    dateOnly,
  };
}

/**
 * Reads the link columns of `table` (see module comment), after an optional read-only filter
 * (a WHERE predicate, as `--filter` of the analyses). Errors name the file and the filter.
 */
export async function queryLinkRecords(engine: SqlEngine, table: string, name: string, filter?: string): Promise<Result<LinkRecords, AppError>> {
  if (filter !== undefined) {
    const f = checkFilterPredicate(filter);
    if (!f.ok) return f;
  }
  const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(table)})`);
  if (!described.ok) return described;
  const have = described.value.toArray().map((r) => String(r.name));
  const find = (c: string) => have.find((h) => h.toLowerCase() === c);
  const text = (c: string) => (find(c) ? `CAST(${quoteIdent(find(c) as string)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)');
  const num = (c: string) => (find(c) ? `COALESCE(TRY_CAST(${quoteIdent(find(c) as string)} AS DOUBLE), 'NaN'::DOUBLE)` : `'NaN'::DOUBLE`);
  const when = find('occurred_from');
  const t = when ? `COALESCE(epoch(TRY_CAST(${quoteIdent(when)} AS TIMESTAMP)) / 86400.0, 'NaN'::DOUBLE)` : `'NaN'::DOUBLE`;
  const where = [find('case_row') ? `COALESCE(TRY_CAST(${quoteIdent(find('case_row') as string)} AS INTEGER), 1) <= 1` : 'true', filter ? `(${filter.trim()})` : 'true'];
  const sql =
    `SELECT ${text('case_id')} AS id, COALESCE(${text('related_case')}, ${text('case_id')}) AS case_ref, ${text('person_id')} AS person, ` +
    `${text('address')} AS address, ${num('x')} AS x, ${num('y')} AS y, ${t} AS t FROM ${quoteIdent(table)} WHERE ${where.join(' AND ')} ORDER BY rowid`;
  const result = await engine.query(sql);
  if (!result.ok) {
    if (!filter) return result;
    const message = result.error.kind === 'sql' ? (result.error.message.split('\n').find((l) => l.trim()) ?? '').trim() : 'rejected';
    return err({ kind: 'invalid-argument', name: 'filter', value: filter, expected: `a predicate the engine accepts on ${name} (${message})` });
  }
  const r = result.value;
  const strings = (c: string) => {
    const v = r.getChild(c);
    return Array.from({ length: r.numRows }, (_, i) => (v?.get(i) as string | null) ?? null);
  };
  const floats = (c: string) => {
    const a = r.getChild(c)?.toArray();
    return a instanceof Float64Array ? a : Float64Array.from((a ?? []) as ArrayLike<number>);
  };
  return ok(makeLinkRecords(name, { n: r.numRows, ids: strings('id'), cases: strings('case_ref'), persons: strings('person'), addresses: strings('address'), x: floats('x'), y: floats('y'), t: floats('t') }));
}
