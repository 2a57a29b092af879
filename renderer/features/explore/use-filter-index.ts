import { useEffect, useRef } from 'react';
import { buildFilterIndex, type FilterIndex } from '../../../shared/domain/explore/filter-index';
import { preloadAreaColumns } from '../../../shared/domain/explore/filter-index-conditions';
import type { ExploreColumns } from '../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../shared/engine/sql-engine';

/** The index of one dataset base (compare `base` with the current one before using it). */
export interface BaseFilterIndex {
  readonly base: object;
  readonly index: FilterIndex;
}

/** Built indexes by the loaded dataset's rowid array (ExploreBase.points.rowId is DatasetView.points.rowId). */
const byRowIds = new WeakMap<Uint32Array, { readonly table: string; readonly columns: ExploreColumns; readonly index: FilterIndex }>();

/**
 * The built filter index of `dataset` as explore loaded it (null until built, or when the table
 * cannot be indexed): for hooks that see the dataset but not the explore base, such as the
 * aoristic charts. Keyed by the dataset's points array, so a reloaded dataset never meets the
 * index of the previous one; `columns` is the column map the index was built with.
 */
export function filterIndexOfDataset(dataset: { readonly table: string; readonly points: { readonly rowId: Uint32Array } } | null): { readonly columns: ExploreColumns; readonly index: FilterIndex } | null {
  const hit = dataset ? byRowIds.get(dataset.points.rowId) : undefined;
  return hit && dataset && hit.table === dataset.table ? hit : null;
}

/**
 * Builds the in-memory filter index (shared/domain/explore/filter-index.ts) of `table` in the
 * background whenever `base` (the loaded dataset) changes, and keeps it in a ref: its arrival does
 * not re-run the filter (the answer would be the same), the next filter change simply uses it.
 * Until then, and when the table cannot be indexed or the build fails, filters run in SQL. Once
 * built, the longitude/latitude columns the drawn-area filter reads are loaded in the background
 * too (16 bytes per row), so the first drawn area is answered in memory without waiting for them.
 * Call it after the filter effect so the first filter's queries reach the engine first.
 */
export function useFilterIndex(
  enginePromise: Promise<SqlEngine>,
  table: string | null,
  base: { readonly columns: ExploreColumns | null; readonly points?: { readonly rowId: Uint32Array } } | null,
): { readonly current: BaseFilterIndex | null } {
  const ref = useRef<BaseFilterIndex | null>(null);
  useEffect(() => {
    ref.current = null;
    const columns = base?.columns ?? null;
    if (!base || !columns || table === null) return;
    let live = true;
    let built: FilterIndex | null = null;
    const key = base.points?.rowId ?? null;
    void enginePromise.then(async (engine) => {
      const r = await buildFilterIndex(engine, table, columns);
      if (!live || !r.ok || !r.value) return;
      built = r.value;
      ref.current = { base, index: built };
      if (key) byRowIds.set(key, { table, columns, index: built });
      await preloadAreaColumns(engine, table, columns, built);
    });
    return () => {
      live = false;
      if (key && built && byRowIds.get(key)?.index === built) byRowIds.delete(key);
    };
  }, [enginePromise, table, base]);
  return ref;
}
