import { useEffect, useState } from 'react';
import { buildFilterWhereSql, type ExploreFilter } from '../../../shared/domain/explore/filters';
import { queryTopValues, type RankedCounts } from '../../../shared/domain/explore/ranked-charts';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { ExploreBase } from './use-explore';

/** Which ranking the chart shows. */
export type RankedKind = 'offense' | 'address' | 'beat';

/** How many bars a ranked chart shows. */
export const RANKED_LIMIT = 10;

/**
 * The filter a ranked chart counts under: the SQL filter without the chart's own dimension
 * (offense codes, the address conditions, beats), so it highlights its choice instead of
 * collapsing to it.
 */
export function rankedFilter(kind: RankedKind, filter: ExploreFilter, address: string | null): ExploreFilter {
  if (kind === 'offense') return { ...filter, codes: null };
  if (kind === 'beat') return { ...filter, beats: null };
  const fields = (filter.fields ?? []).filter((f) => !(f.column === address && f.op === 'eq'));
  return { ...filter, fields: fields.length ? fields : null };
}

/** Runs the chosen ranking on the filtered rows; null while counting or when the table lacks the column. */
export function useRankedChart(enginePromise: Promise<SqlEngine>, dataset: DatasetView | null, base: ExploreBase | null, filter: ExploreFilter, kind: RankedKind): RankedCounts | null {
  const [out, setOut] = useState<RankedCounts | null>(null);
  useEffect(() => {
    const cols = base?.columns;
    if (!dataset || !cols) {
      setOut(null);
      return;
    }
    const key = kind === 'offense' ? cols.code : kind === 'beat' ? cols.beat : base.address === null ? null : quoteIdent(base.address);
    if (key === null) {
      setOut(null);
      return;
    }
    let live = true;
    const where = buildFilterWhereSql(rankedFilter(kind, filter, base.address), cols);
    void enginePromise
      .then((e) => queryTopValues(e, dataset.table, key, where, RANKED_LIMIT))
      .then((r) => live && setOut(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [enginePromise, dataset, base, filter, kind]);
  return out;
}
