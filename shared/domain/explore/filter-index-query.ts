/**
 * One filter change of the explore view: the map points, the count, the time histogram and the
 * hour x weekday grid. With a {@link FilterIndex}, one pass in memory (filter-index-run.ts), the
 * drawn area and field conditions first made into one row mask (filter-index-conditions.ts: in
 * memory where exact, else one DuckDB scan of that condition); without an index, or when a
 * condition's query fails, the four DuckDB queries of chart-queries.ts. Both give the
 * same answer (test/shared/domain/explore/filter-index.test.ts), so callers need not care which.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { buildCountSql, buildRowIdsSql, queryHourDow, queryTimeHistogram, type TimeBucket, type TimeHistogram } from './chart-queries';
import { selectPointIndices, subsetPoints, type PointColumnsView } from './filtered-points';
import type { FilterIndex } from './filter-index';
import { filterConditionMask, type ConditionPath } from './filter-index-conditions';
import { runFilterIndex, subsetPassingPoints } from './filter-index-run';
import { buildFilterWhereSql, type ExploreColumns, type ExploreFilter } from './filters';

/** What the map, the legend count and the two charts show for a filter. */
export interface ExploreFilterOutput {
  /** The points that pass (new columns, in point order). */
  readonly points: PointColumnsView;
  /** Rows (mapped or not) that pass. */
  readonly count: number;
  /** Null when its query failed (SQL path only). */
  readonly histogram: TimeHistogram | null;
  readonly hourDow: Int32Array | null;
  /** Which path answered: 'index' (in memory, perhaps with a condition's own scan) or 'sql'. */
  readonly path: 'index' | 'sql';
  /** Index path: how each drawn-area/field condition's mask was made ('sql' = one DuckDB scan of it). */
  readonly conditionPaths?: readonly ConditionPath[];
}

/**
 * Runs `filter` on `table`: through `index` when given and the filter is one it covers (every
 * kind of today's filter, see the module comment), else through DuckDB (rowids -> points,
 * count, histogram without the date range, grid without days and hours). An error only when the SQL path's rowid or count query fails; a failed chart query
 * gives a null chart, as before.
 * @param points the dataset's map points (rowid-ordered); the kept ones are copied out.
 * @param bucket histogram bucket ('week' | 'month').
 */
export async function queryExploreFilter(
  engine: SqlEngine,
  table: string,
  columns: ExploreColumns,
  points: PointColumnsView,
  filter: ExploreFilter,
  bucket: TimeBucket,
  index: FilterIndex | null,
): Promise<Result<ExploreFilterOutput, AppError>> {
  const conditions = index ? await filterConditionMask(engine, table, columns, index, filter) : null;
  const fast = index && conditions?.ok ? runFilterIndex(index, filter, bucket, conditions.value.mask) : null;
  if (fast && conditions?.ok) {
    const { pass, count, histogram, hourDow } = fast;
    return ok({ points: subsetPassingPoints(points, pass), count, histogram, hourDow, path: 'index', conditionPaths: conditions.value.paths });
  }
  const where = buildFilterWhereSql(filter, columns);
  const [ids, count, histogram, hourDow] = await Promise.all([
    engine.query(buildRowIdsSql(table, where)),
    engine.query(buildCountSql(table, where)),
    queryTimeHistogram(engine, table, columns, buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, columns), bucket),
    queryHourDow(engine, table, columns, buildFilterWhereSql({ ...filter, daysOfWeek: null, hours: null }, columns)),
  ]);
  if (!ids.ok) return err(ids.error);
  if (!count.ok) return err(count.error);
  const idColumn = (ids.value.getChild('row_id')?.toArray() as Uint32Array | undefined) ?? new Uint32Array(0);
  return ok({
    points: subsetPoints(points, selectPointIndices(points.rowId, idColumn)),
    count: Number(count.value.getChild('n')?.get(0) ?? 0),
    histogram: histogram.ok ? histogram.value : null,
    hourDow: hourDow.ok ? hourDow.value : null,
    path: 'sql',
  });
}
