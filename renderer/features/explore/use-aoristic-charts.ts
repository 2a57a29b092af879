import { useEffect, useState } from 'react';
import { queryAoristicHistogram, queryAoristicHourDow, type AoristicHourDow, type TimeBucket, type TimeHistogram, type TimeWeighting } from '../../../shared/domain/explore/chart-queries';
import { detectExtraColumns } from '../../../shared/domain/explore/extra-columns';
import { aoristicFromIndex, isAoristicLoaded, preloadAoristic } from '../../../shared/domain/explore/filter-index-aoristic';
import { buildFilterWhereSql, detectExploreColumns, type ExploreFilter } from '../../../shared/domain/explore/filters';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import { filterIndexOfDataset } from './use-filter-index';

/** The aoristic versions of the two time charts, and whether the data has an occurred-to column. */
export interface AoristicCharts {
  readonly histogram: TimeHistogram | null;
  readonly hourDow: AoristicHourDow | null;
  /** False when the table has no occurred-to column (every incident then counts at its from hour). */
  readonly hasWindow: boolean;
  readonly busy: boolean;
}

const NONE: AoristicCharts = { histogram: null, hourDow: null, hasWindow: false, busy: false };

/**
 * When `weighting` is 'aoristic', runs the aoristic histogram (filter without dates) and hour x
 * day grid (filter without days and hours) for the dataset: the same cross-filter rule as the
 * plain charts. Once explore's filter index is built (use-filter-index.ts) and the per-row
 * window numbers are loaded (started after the first SQL answer, in the background), both come
 * from the index in memory (filter-index-aoristic.ts: bit for bit the SQL's answer); until
 * then, or if that fails, from DuckDB. Nothing runs while weighting is 'from'.
 */
export function useAoristicCharts(enginePromise: Promise<SqlEngine>, dataset: DatasetView | null, filter: ExploreFilter, bucket: TimeBucket, weighting: TimeWeighting): AoristicCharts {
  const [out, setOut] = useState<AoristicCharts>(NONE);
  useEffect(() => {
    if (!dataset || weighting !== 'aoristic') {
      setOut(NONE);
      return;
    }
    let live = true;
    setOut((o) => ({ ...o, busy: true }));
    void (async () => {
      const engine = await enginePromise;
      const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(dataset.table)})`);
      const header = described.ok ? described.value.toArray().map((r) => String(r.name)) : [];
      const cols = detectExploreColumns(header);
      if (!cols) {
        if (live) setOut(NONE);
        return;
      }
      const to = detectExtraColumns(header).occurredTo;
      const found = filterIndexOfDataset(dataset);
      const indexed = found && JSON.stringify(found.columns) === JSON.stringify(cols) ? found : null;
      if (indexed && isAoristicLoaded(indexed.index, to, bucket)) {
        const fast = await aoristicFromIndex(engine, dataset.table, cols, to, indexed.index, filter, bucket);
        if (fast.ok && fast.value) {
          if (live) setOut({ histogram: fast.value.histogram, hourDow: fast.value.hourDow, hasWindow: to !== null, busy: false });
          return;
        }
      }
      const [h, g] = await Promise.all([
        queryAoristicHistogram(engine, dataset.table, cols, to, buildFilterWhereSql({ ...filter, dateFrom: null, dateTo: null }, cols), bucket),
        queryAoristicHourDow(engine, dataset.table, cols, to, buildFilterWhereSql({ ...filter, daysOfWeek: null, hours: null }, cols)),
      ]);
      if (live) setOut({ histogram: h.ok ? h.value : null, hourDow: g.ok ? g.value : null, hasWindow: to !== null, busy: false });
      // After this answer, so it did not wait: the numbers the next filter change reads from memory.
      if (indexed) void preloadAoristic(engine, dataset.table, cols, to, indexed.index, bucket);
    })();
    return () => {
      live = false;
    };
  }, [enginePromise, dataset, filter, bucket, weighting]);
  return out;
}
