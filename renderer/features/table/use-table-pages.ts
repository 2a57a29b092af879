import { useCallback, useEffect, useRef, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import { buildFilterWhereSql, type ExploreFilter } from '../../../shared/domain/explore/filters';
import { buildOrderCountSql, buildOrderTableSql, buildPageSql, buildPositionOfSql, type TableSort } from '../../../shared/domain/explore/table-query';
import { toPlainRows, type PlainValue } from '../../../shared/engine/arrow-values';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { TableInfo } from './table-info';

/** Rows fetched per query. */
export const PAGE_SIZE = 100;
/** Pages kept in memory (older ones are dropped and fetched again when scrolled back to). */
const MAX_PAGES = 60;

/** A fetched row: its position, the incident's rowid and the shown columns' values. */
export interface TableRow {
  readonly pos: number;
  readonly rid: number;
  readonly cells: readonly PlainValue[];
}

/** The table's data: the order (count, status) and a page cache read by row position. */
export interface TablePages {
  readonly status: 'building' | 'ready' | 'error';
  readonly error: string | null;
  readonly total: number;
  /** Changes when the order is rebuilt (new filter or sort). */
  readonly version: number;
  /** The row at `pos`, or undefined while its page loads (call `ensure`). */
  rowAt(pos: number): TableRow | undefined;
  /** Fetches the pages holding positions [first, last] that are not loaded yet. */
  ensure(first: number, last: number): void;
  /** Position of incident `rowId` in the current order, null when filtered out. */
  positionOf(rowId: number): Promise<number | null>;
}

/**
 * Keeps the incident table's order table in step with the filter and sort (rebuilt in DuckDB
 * when either changes, only while `enabled`) and fetches 100-row pages on demand: the component
 * renders only the rows in view, so a million filtered rows cost one order table and a few pages.
 */
export function useTablePages(enginePromise: Promise<SqlEngine>, info: TableInfo | null, filter: ExploreFilter, sort: TableSort, enabled: boolean): TablePages {
  const [state, setState] = useState<{ status: TablePages['status']; error: string | null; total: number; version: number }>({ status: 'building', error: null, total: 0, version: 0 });
  const pages = useRef(new Map<number, TableRow[]>());
  const pending = useRef(new Set<number>());
  const version = useRef(0);
  const [, setTick] = useState(0);

  useEffect(() => {
    if (!enabled || !info) return;
    let live = true;
    const v = ++version.current;
    setState((s) => ({ ...s, status: 'building', error: null }));
    void (async () => {
      const engine = await enginePromise;
      const where = info.columns ? buildFilterWhereSql(filter, info.columns) : 'TRUE';
      const built = await engine.query(buildOrderTableSql(info.table, where, sort, info.shown));
      const counted = built.ok ? await engine.query(buildOrderCountSql(info.table)) : built;
      if (!live || v !== version.current) return;
      pages.current = new Map();
      pending.current = new Set();
      if (!counted.ok) {
        setState({ status: 'error', error: `The table could not be built: ${formatAppError(counted.error)}`, total: 0, version: v });
        return;
      }
      setState({ status: 'ready', error: null, total: Number(counted.value.getChild('n')?.get(0) ?? 0), version: v });
    })();
    return () => {
      live = false;
    };
  }, [enginePromise, info, filter, sort, enabled]);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (!info || state.status !== 'ready') return;
      const v = state.version;
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(Math.max(0, last) / PAGE_SIZE); p++) {
        if (p * PAGE_SIZE >= state.total || pages.current.has(p) || pending.current.has(p)) continue;
        pending.current.add(p);
        void enginePromise.then(async (engine) => {
          const r = await engine.query(buildPageSql(info.table, p * PAGE_SIZE, PAGE_SIZE));
          if (v !== version.current) return;
          pending.current.delete(p);
          if (!r.ok) return;
          const rows = toPlainRows(r.value).map((o) => ({ pos: Number(o.pos), rid: Number(o.rid), cells: info.shown.map((c) => o[c] ?? null) }));
          if (pages.current.size >= MAX_PAGES) pages.current.delete(pages.current.keys().next().value as number);
          pages.current.set(p, rows);
          setTick((t) => t + 1);
        });
      }
    },
    [enginePromise, info, state.status, state.version, state.total],
  );

  const rowAt = useCallback((pos: number) => pages.current.get(Math.floor(pos / PAGE_SIZE))?.[pos % PAGE_SIZE], []);

  const positionOf = useCallback(
    async (rowId: number) => {
      if (!info || state.status !== 'ready') return null;
      const r = await (await enginePromise).query(buildPositionOfSql(info.table, rowId));
      if (!r.ok || r.value.numRows === 0) return null;
      return Number(r.value.getChild('pos')?.get(0));
    },
    [enginePromise, info, state.status],
  );

  return { ...state, rowAt, ensure, positionOf };
}
