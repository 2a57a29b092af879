import { useEffect, useRef } from 'react';
import { buildFilterIndex, type FilterIndex } from '../../../shared/domain/explore/filter-index';
import type { ExploreColumns } from '../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../shared/engine/sql-engine';

/** The index of one dataset base (compare `base` with the current one before using it). */
export interface BaseFilterIndex {
  readonly base: object;
  readonly index: FilterIndex;
}

/**
 * Builds the in-memory filter index (shared/domain/explore/filter-index.ts) of `table` in the
 * background whenever `base` (the loaded dataset) changes, and keeps it in a ref: its arrival does
 * not re-run the filter (the answer would be the same), the next filter change simply uses it.
 * Until then, and when the table cannot be indexed or the build fails, filters run in SQL.
 * Call it after the filter effect so the first filter's queries reach the engine first.
 */
export function useFilterIndex(enginePromise: Promise<SqlEngine>, table: string | null, base: { readonly columns: ExploreColumns | null } | null): { readonly current: BaseFilterIndex | null } {
  const ref = useRef<BaseFilterIndex | null>(null);
  useEffect(() => {
    ref.current = null;
    const columns = base?.columns ?? null;
    if (!base || !columns || table === null) return;
    let live = true;
    void enginePromise
      .then((engine) => buildFilterIndex(engine, table, columns))
      .then((r) => {
        if (live && r.ok && r.value) ref.current = { base, index: r.value };
      });
    return () => {
      live = false;
    };
  }, [enginePromise, table, base]);
  return ref;
}
