/**
 * The offense code of each design point, for harm weights by code: read with the same query as
 * the design points (shared/domain/analysis/points.ts: same filters, each case once, rowid
 * order), so index i is the same incident as `data.points` index i. Checked: a dataset without
 * an `offense_code` column, or a read that does not line up with the points, gives null (the
 * weights then go by offense group).
 */
import { queryAnalysisPoints } from '../../../shared/domain/analysis/points';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DesignData } from '../design/design-points';
import type { PointCodes } from './evaluation-task';

/** Codes of `data`'s points, or null when the dataset has none (or they cannot be matched to the points). */
export async function loadPointCodes(engine: SqlEngine, data: DesignData): Promise<PointCodes> {
  const cols = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(data.table)})`);
  if (!cols.ok || !cols.value.toArray().some((r) => String(r.name) === 'offense_code')) return null;
  const p = await queryAnalysisPoints(engine, data.table, { dates: 'required', idColumn: 'offense_code', onePerCase: true }, data.dataset);
  if (!p.ok || !p.value.ids || p.value.x.length !== data.points.x.length) return null;
  const x = data.points.x;
  for (let i = 0; i < x.length; i++) if (p.value.x[i] !== x[i] || p.value.y[i] !== data.points.y[i]) return null;
  return p.value.ids;
}
