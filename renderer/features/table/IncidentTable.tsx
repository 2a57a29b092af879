import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { HostApi } from '../../../shared/contract/host-api';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import { ROW_ORDER, scrollTopForRow, virtualWindow, type TableSort } from '../../../shared/domain/explore/table-query';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { selectIncident } from './select-incident';
import type { TableInfo } from './table-info';
import { copyTableCsv, exportTableCsv } from './table-export';
import { useTablePages } from './use-table-pages';
import { MASK } from '../../../shared/domain/privacy/sensitive';
import { sensitiveColumnsOf } from '../ingest/sensitive-view';

const ROW_H = 24;
const HEAD_H = 26;
const OVERSCAN = 8;
const fmt = (n: number) => n.toLocaleString('en-US');

/** Column width in px by name: dates and descriptions wider. */
function widthOf(name: string): number {
  if (/occurred|reported|date|time/i.test(name)) return 150;
  if (/description|address|location/i.test(name)) return 220;
  return 110;
}

/**
 * The filtered incidents as a table that scrolls through a million rows: only the rows in view
 * (plus a few) are in the DOM, fetched from DuckDB by 100-row pages of a numbered order table.
 * Click a column heading to sort (ascending, descending, then back to the file's order); click a
 * row to select the incident and fly the map to it; a map click scrolls here to the row.
 */
export function IncidentTable(props: {
  engine: Promise<SqlEngine>;
  host: HostApi;
  store: Store;
  dataset: DatasetView;
  info: TableInfo;
  filter: ExploreFilter;
  /** The app's selection (by identity: selecting the same incident again on the map scrolls again). */
  selection: { rowId: number } | null;
  onClose: () => void;
}) {
  const { engine, host, store, dataset, info, filter, selection, onClose } = props;
  const selectedRowId = selection?.rowId ?? null;
  const [sort, setSort] = useState<TableSort>(ROW_ORDER);
  const pages = useTablePages(engine, info, filter, sort, true);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(300);
  const [message, setMessage] = useState<string | null>(null);
  const clicked = useRef<number | null>(null);
  const section = useRef<HTMLElement>(null);
  // Sensitive fields (privacy/sensitive.ts): masked here, left out of copies and exports unless included.
  const sensitive = sensitiveColumnsOf(dataset, info.shown);
  const [includeSensitive, setIncludeSensitive] = useState(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(Math.max(ROW_H, el.clientHeight - HEAD_H));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new order starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [pages.version]);

  const w = virtualWindow(scrollTop, viewport, pages.total, ROW_H);
  const count = Math.min(pages.total - w.first, Math.ceil(viewport / ROW_H) + OVERSCAN);
  const last = w.first + Math.max(0, count) - 1;
  const { ensure } = pages;
  useEffect(() => ensure(w.first, last), [ensure, w.first, last]);

  // A selection made elsewhere (a map click) scrolls its row into view.
  const { positionOf, status } = pages;
  useEffect(() => {
    if (selection === null || status !== 'ready') return;
    if (clicked.current === selection.rowId) {
      // The table's own click: the row is in view already (consumed once).
      clicked.current = null;
      return;
    }
    let live = true;
    void positionOf(selection.rowId).then((pos) => {
      if (!live || pos === null || !scroller.current) return;
      const top = scrollTopForRow(Math.max(0, pos - 2), viewport, pages.total, ROW_H);
      scroller.current.scrollTop = top;
      setScrollTop(top);
    });
    return () => {
      live = false;
    };
  }, [selection, status, positionOf, viewport, pages.total]);

  const onSort = (column: string) =>
    setSort((s) => (s.column !== column ? { column, descending: false } : !s.descending ? { column, descending: true } : ROW_ORDER));
  const totalWidth = info.shown.reduce((a, c) => a + widthOf(c), 64);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const pos = w.first + i;
    const row = pages.rowAt(pos);
    const top = w.top + i * ROW_H;
    const selected = row !== undefined && row.rid === selectedRowId;
    rows.push(
      <div
        key={pos}
        className={selected ? 'itable-row selected' : 'itable-row'}
        style={{ top, height: ROW_H, width: totalWidth }}
        data-testid="table-row"
        data-rowid={row?.rid}
        aria-selected={selected}
        role="row"
        onClick={() => {
          if (!row) return;
          clicked.current = row.rid;
          // The drawer covers the bottom of the map: show the incident in the middle of the rest.
          void selectIncident(store, engine, dataset, row.rid, { above: (section.current?.offsetHeight ?? 0) / 2 });
        }}
      >
        <span className="itable-cell num" style={{ width: 64 }}>{fmt(pos + 1)}</span>
        {info.shown.map((c, j) => (
          <span key={c} className="itable-cell" style={{ width: widthOf(c) }} title={row && !sensitive.includes(c) ? String(row.cells[j] ?? '') : undefined}>
            {row ? (row.cells[j] === null ? '' : sensitive.includes(c) ? MASK : String(row.cells[j])) : '…'}
          </span>
        ))}
      </div>,
    );
  }

  return (
    <section className="itable" aria-label="Incident table" data-testid="incident-table" ref={section}>
      <div className="itable-bar">
        <strong>Incidents</strong>
        <span data-testid="table-count" role="status">
          {pages.status === 'building' ? 'Preparing rows…' : pages.status === 'error' ? pages.error : `${fmt(pages.total)} rows${sort.column ? ` · sorted by ${sort.column} ${sort.descending ? '↓' : '↑'}` : ''}`}
        </span>
        <span className="itable-actions">
          {message && <span className="note">{message}</span>}
          <button type="button" disabled={pages.status !== 'ready'} title="Copy up to 10,000 rows (the columns shown) to the clipboard as CSV"
            onClick={() => void copyTableCsv(engine, info, sensitive).then(setMessage)}>Copy CSV</button>
          <button type="button" disabled={pages.status !== 'ready'} title="Save every filtered row, all columns, as CSV (text cells never start a formula); the export is logged"
            onClick={() => void exportTableCsv(engine, host, info, dataset.name, { sensitive, includeSensitive, log: (entry) => store.dispatch({ type: 'append-log', entry }) }).then(setMessage)}>Export CSV…</button>
          {sensitive.length > 0 && (
            <label className="note" title={`Sensitive: ${sensitive.join(', ')}. Including them is recorded in the project log.`}>
              <input type="checkbox" checked={includeSensitive} onChange={(e) => setIncludeSensitive(e.target.checked)} /> include sensitive fields
            </label>
          )}
          <button type="button" onClick={onClose} aria-label="Close the table">×</button>
        </span>
      </div>
      <div className="itable-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="itable-head" style={{ width: totalWidth, height: HEAD_H }} role="row">
          <span className="itable-cell num" style={{ width: 64 }}>#</span>
          {info.shown.map((c) => (
            <button key={c} type="button" className="itable-cell itable-sort" style={{ width: widthOf(c) }} onClick={() => onSort(c)} data-testid={`table-sort-${c}`}
              aria-sort={sort.column === c ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
              {c}
              {sort.column === c ? (sort.descending ? ' ↓' : ' ↑') : ''}
            </button>
          ))}
        </div>
        <div className="itable-body" style={{ height: w.height, width: totalWidth }}>
          {rows}
        </div>
      </div>
    </section>
  );
}
