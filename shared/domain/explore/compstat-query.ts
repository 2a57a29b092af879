/**
 * The SQL side of CompStat: counts per offense group, beat or district in two periods, in one
 * pass over the incident table, then {@link computeCompstat}. Shared by `spi compstat` and the
 * CompStat panel, so both give the same numbers.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { OFFENSE_GROUPS } from '../ingest/nibrs';
import { computeCompstat, type CompareMode, type CompstatBy, type CompstatResult, type Period } from './compstat';
import type { ExploreColumns } from './filters';
import type { ExtraColumns } from './extra-columns';
import { buildGroupIndexSql, UNMAPPED_GROUP_INDEX } from './incident-points';

/** Label of a group index (OFFENSE_GROUPS order, then "Unmapped"). */
export function groupLabel(index: number): string {
  return index === UNMAPPED_GROUP_INDEX ? 'Unmapped' : (OFFENSE_GROUPS[index]?.label ?? `Group ${index}`);
}

/** Rows with no beat/district text are counted under this key. */
export const NO_KEY = '(none)';

/**
 * The key expression of `by`, or an error naming the missing column: offense group index (as
 * text), beat or district (trimmed; empty or NULL -> {@link NO_KEY}).
 */
export function compstatKeySql(by: CompstatBy, columns: ExploreColumns, extra: ExtraColumns): Result<string, AppError> {
  if (by === 'group') return ok(`CAST(${buildGroupIndexSql(`(${columns.code})`)} AS VARCHAR)`);
  const expr = by === 'beat' ? columns.beat : extra.district;
  if (expr === null) return err({ kind: 'column-missing', column: by === 'beat' ? 'beat (or "Beat")' : 'district (or "District", "Precinct", "Division")' });
  return ok(`coalesce(nullif(trim(${expr}), ''), ${quoteLiteral(NO_KEY)})`);
}

const inPeriod = (p: Period) => `occ >= CAST(${quoteLiteral(p.from)} AS TIMESTAMP) AND occ < CAST(${quoteLiteral(p.to)} AS DATE) + INTERVAL 1 DAY`;

/**
 * `key`, `cur`, `prev` (INTEGER counts) of the rows passing `where`, one row per key seen in
 * either period. A row in both periods (overlapping periods) counts in both. Rows whose date does
 * not parse count in neither.
 */
export function buildCompstatSql(table: string, occurred: string, keySql: string, where: string, current: Period, previous: Period): string {
  return `SELECT k AS key,
  count(*) FILTER (WHERE ${inPeriod(current)})::INTEGER AS cur,
  count(*) FILTER (WHERE ${inPeriod(previous)})::INTEGER AS prev
FROM (SELECT ${keySql} AS k, ${occurred} AS occ FROM ${quoteIdent(table)} WHERE ${where})
WHERE (${inPeriod(current)}) OR (${inPeriod(previous)})
GROUP BY 1 ORDER BY 1`;
}

/** The last occurred day in the rows passing `where` (`YYYY-MM-DD`), or null when none has a date. */
export async function queryLatestDay(engine: SqlEngine, table: string, occurred: string, where: string): Promise<Result<string | null, AppError>> {
  const r = await engine.query(`SELECT strftime(max(${occurred}), '%Y-%m-%d') AS d FROM ${quoteIdent(table)} WHERE ${where}`);
  if (!r.ok) return r;
  const d = r.value.getChild('d')?.get(0);
  return ok(typeof d === 'string' ? d : null);
}

/** Everything one comparison needs. */
export interface CompstatRequest {
  readonly table: string;
  readonly columns: ExploreColumns;
  readonly extra: ExtraColumns;
  /** Predicate of the other filters (no dates: the periods set those). */
  readonly where: string;
  readonly current: Period;
  readonly previous: Period;
  readonly compare: CompareMode;
  readonly by: CompstatBy;
  readonly alpha?: number;
}

/** Runs {@link buildCompstatSql} and {@link computeCompstat}; group keys become their labels. */
export async function queryCompstat(engine: SqlEngine, q: CompstatRequest): Promise<Result<CompstatResult, AppError>> {
  const key = compstatKeySql(q.by, q.columns, q.extra);
  if (!key.ok) return key;
  const r = await engine.query(buildCompstatSql(q.table, q.columns.occurred, key.value, q.where, q.current, q.previous));
  if (!r.ok) return r;
  const cur = new Map<string, number>();
  const prev = new Map<string, number>();
  const keys = r.value.getChild('key');
  const c = r.value.getChild('cur');
  const p = r.value.getChild('prev');
  for (let i = 0; i < r.value.numRows; i++) {
    const raw = String(keys?.get(i));
    const name = q.by === 'group' ? groupLabel(Number(raw)) : raw;
    cur.set(name, (cur.get(name) ?? 0) + Number(c?.get(i) ?? 0));
    prev.set(name, (prev.get(name) ?? 0) + Number(p?.get(i) ?? 0));
  }
  return ok(computeCompstat(cur, prev, { current: q.current, previous: q.previous, compare: q.compare, by: q.by }, q.alpha));
}

/** The result as a table: header + rows (total last), numbers rounded for reading (p to 4 places). */
export function compstatTable(r: CompstatResult): { header: string[]; rows: (string | number | null)[][] } {
  const header = [r.by === 'group' ? 'offense_group' : r.by, 'current', 'previous', 'change', 'pct_change', 'z', 'p', 'flag'];
  const line = (x: CompstatResult['total']) => [
    x.key,
    x.current,
    x.previous,
    x.change,
    x.pctChange === null ? null : Math.round(x.pctChange * 10) / 10,
    Math.round(x.z * 1000) / 1000,
    Number(x.p.toPrecision(4)),
    x.flag ?? '',
  ];
  return { header, rows: [...r.rows.map(line), line(r.total)] };
}
