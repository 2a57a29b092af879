/**
 * The incident table's SQL: the filtered rows in a chosen order are numbered once into a
 * temporary "order" table (position, rowid and the displayed columns, stored in position order),
 * then any page of rows is a range of positions, which DuckDB answers from one row group through
 * its min/max zone maps. So scrolling to row 900,000 of a million costs the same as row 0: no
 * OFFSET re-sorting and no join per page (measured in bench/explore-extras.ts: a join back to a
 * 1M-row table by rowid costs a full scan, ~130-390 ms in duckdb-wasm). Also CSV of the filtered
 * rows with formula-safe text.
 */
import type { Table } from 'apache-arrow';
import { toPlainValue } from '../../engine/arrow-values';
import { quoteIdent } from '../../engine/sql';
import { csvField } from '../outputs/targets/export-tabular';
import { safeText } from '../outputs/targets/rows';

/** A sort: a column of the incident table (or null for the table's own row order) and a direction. */
export interface TableSort {
  readonly column: string | null;
  readonly descending: boolean;
}

/** The table's own row order (rowid ascending). */
export const ROW_ORDER: TableSort = { column: null, descending: false };

/** Name of the order table of incident table `table`. */
export function orderTableName(table: string): string {
  return `${table}__table_order`;
}

/**
 * Replaces the order table of `table`: `pos` (0-based position, BIGINT), `rid` (the incident
 * table's rowid) and `columns` (all when empty) of the rows that pass `where`, in `sort` order.
 * NULLs sort last in both directions; ties keep rowid order, so the order is total and stable.
 */
export function buildOrderTableSql(table: string, where: string, sort: TableSort, columns: readonly string[] = []): string {
  const dir = sort.descending ? 'DESC' : 'ASC';
  const by = sort.column === null ? `rowid ${dir}` : `${quoteIdent(sort.column)} ${dir} NULLS LAST, rowid ASC`;
  const cols = columns.length === 0 ? '*' : columns.map(quoteIdent).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${quoteIdent(orderTableName(table))} AS
SELECT (row_number() OVER (ORDER BY ${by}) - 1)::BIGINT AS pos, rowid AS rid, ${cols}
FROM ${quoteIdent(table)} WHERE ${where} ORDER BY pos`;
}

/** Normalized columns the table shows first (when present); a raw table shows its own columns. */
export const TABLE_COLUMNS: readonly string[] = ['case_id', 'offense_code', 'offense_description', 'offense_group', 'occurred_from', 'occurred_to', 'reported_at', 'address', 'beat', 'district', 'geo_status'];

/**
 * The columns the table shows for a header: the normalized ones of {@link TABLE_COLUMNS} when the
 * table has `occurred_from` and `offense_code`, else the first `max` (default 16) columns.
 */
export function tableColumnsOf(header: readonly string[], max = 16): string[] {
  if (header.includes('occurred_from') && header.includes('offense_code')) return TABLE_COLUMNS.filter((c) => header.includes(c));
  return header.slice(0, max);
}

/** Rows in the order table (the filtered count), as `n` INTEGER. */
export function buildOrderCountSql(table: string): string {
  return `SELECT count(*)::INTEGER AS n FROM ${quoteIdent(orderTableName(table))}`;
}

/**
 * One page: positions [first, first + size) of the order table: `pos`, `rid`, then the columns
 * it holds, in position order. `first` and `size` are clamped to whole numbers >= 0.
 */
export function buildPageSql(table: string, first: number, size: number): string {
  const a = Math.max(0, Math.floor(first));
  const n = Math.max(0, Math.floor(size));
  return `SELECT * FROM ${quoteIdent(orderTableName(table))} WHERE pos >= ${a} AND pos < ${a + n} ORDER BY pos`;
}

/** Position of incident `rowId` in the order table (`pos`), no rows when it is filtered out. */
export function buildPositionOfSql(table: string, rowId: number): string {
  return `SELECT pos FROM ${quoteIdent(orderTableName(table))} WHERE rid = ${Math.max(0, Math.floor(rowId))}`;
}

/**
 * Every filtered row in the order table's order (for CSV export): the incident table's columns
 * only (no position or rowid), or `columns` when given.
 */
export function buildOrderedRowsSql(table: string, columns: readonly string[] = []): string {
  const cols = columns.length === 0 ? 't.*' : columns.map((c) => `t.${quoteIdent(c)}`).join(', ');
  return `SELECT ${cols} FROM ${quoteIdent(orderTableName(table))} o JOIN ${quoteIdent(table)} t ON t.rowid = o.rid ORDER BY o.pos`;
}

/** A cell as the CSV writes it: numbers as numbers, dates as ISO text, everything else as text. */
export type CsvValue = string | number | boolean | bigint | Date | null | undefined;

/** Text of one cell: null/undefined empty, Dates in ISO `YYYY-MM-DD HH:MM:SS` (UTC wall-clock). */
function cellText(v: CsvValue): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  return safeText(v);
}

/**
 * CSV text (RFC 4180) of a header and rows: a UTF-8 byte order mark (Excel reads non-Latin text
 * right), CRLF line ends, quoted fields where needed, and every text cell (header included)
 * cleaned and formula-neutralized (a leading = + - @ tab or CR gets an apostrophe; OWASP "CSV
 * injection"). Numbers stay numbers, so "-5" as a number is not touched but "-5" as text is.
 */
export function formatRowsCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines: string[] = [header.map((h) => csvField(safeText(h))).join(',')];
  for (const r of rows) lines.push(r.map((v) => csvField(cellText(v))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * CSV of an Arrow table ({@link formatRowsCsv} rules), without the columns named in `skip`
 * (e.g. the order table's `pos` and `rid`). Cells go through the app's plain-value rules
 * (timestamps `YYYY-MM-DD HH:MM:SS`, 64-bit integers as numbers); one reused row array, no row
 * objects.
 */
export function formatArrowCsv(table: Table, skip: readonly string[] = []): string {
  const fields = table.schema.fields.filter((f) => !skip.includes(f.name));
  const vectors = fields.map((f) => table.getChild(f.name));
  const row: CsvValue[] = new Array(fields.length);
  function* rows(): Generator<readonly CsvValue[]> {
    for (let i = 0; i < table.numRows; i++) {
      for (let j = 0; j < fields.length; j++) row[j] = toPlainValue(vectors[j]?.get(i), (fields[j] as (typeof fields)[number]).type);
      yield row;
    }
  }
  return formatRowsCsv(fields.map((f) => f.name), rows());
}

/**
 * The first row shown and the row offset in pixels for a scroll position, when the scroll
 * height is capped: browsers cap an element's height (about 33 million px in Chromium), so a
 * million 24 px rows (24 million px) fit, but more do not. With `total * rowHeight` above
 * `maxHeight` the spacer is `maxHeight` tall and scrolling maps linearly onto rows.
 * Returns the spacer height, the first visible row and the pixel top of that row in the spacer.
 */
export function virtualWindow(scrollTop: number, viewport: number, total: number, rowHeight: number, maxHeight = 15_000_000): { height: number; first: number; top: number } {
  const natural = total * rowHeight;
  if (natural <= maxHeight) {
    const first = Math.max(0, Math.min(Math.max(0, total - 1), Math.floor(scrollTop / rowHeight)));
    return { height: natural, first, top: first * rowHeight };
  }
  const scrollable = maxHeight - viewport;
  const rowsScrollable = total - Math.floor(viewport / rowHeight);
  const frac = scrollable > 0 ? Math.max(0, Math.min(1, scrollTop / scrollable)) : 0;
  const first = Math.max(0, Math.min(total - 1, Math.floor(frac * rowsScrollable)));
  return { height: maxHeight, first, top: scrollTop };
}

/** The scroll position that shows row `index` at the top (inverse of {@link virtualWindow}). */
export function scrollTopForRow(index: number, viewport: number, total: number, rowHeight: number, maxHeight = 15_000_000): number {
  const natural = total * rowHeight;
  if (natural <= maxHeight) return index * rowHeight;
  const rowsScrollable = total - Math.floor(viewport / rowHeight);
  return rowsScrollable > 0 ? ((index + 0.5) / rowsScrollable) * (maxHeight - viewport) : 0;
}
