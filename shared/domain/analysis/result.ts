/**
 * The shape every analysis runner returns, whoever shows it: the CLI (text, --json, --out CSV),
 * the UI panel (map + table) and the project document (--save). Results stay columnar: a
 * ResultTable holds typed arrays; row objects are made only at the edge (JSON rows, a text
 * table of 20 lines).
 */

/** A value JSON can hold. Non-finite numbers are not JSON: {@link toJsonNumber} maps them to null. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One column: numbers in a typed array (NaN = empty) or text (null = empty). */
export type ResultColumnValues = Float64Array | Int32Array | Int8Array | Uint8Array | readonly (string | null)[];

/** A named column of a result table. */
export interface ResultColumn {
  readonly name: string;
  readonly values: ResultColumnValues;
}

/** A named table of equally long columns. */
export interface ResultTable {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly ResultColumn[];
}

/** What a runner returns: the method, its parameters and stated convention, figures and tables. */
export interface AnalysisRun {
  /** The CLI verb and document kind: 'hotspots', 'moran', 'emerging', ... */
  readonly verb: string;
  /** The method's name as a reader would cite it ("Getis-Ord Gi*"). */
  readonly method: string;
  readonly parameters: { readonly [key: string]: JsonValue };
  /** Lines that state formula, weights, units, band edges and seed (conventions.ts). */
  readonly convention: readonly string[];
  readonly summary: { readonly [key: string]: JsonValue };
  /** The main result: one row per unit, band pair, cluster or raster cell. */
  readonly table: ResultTable;
  /** Secondary tables (a P(M) table, a cross-tabulation), small. */
  readonly tables: readonly ResultTable[];
  /** Caveats the analyst must see (few time steps, points outside the grid, ...). */
  readonly warnings: readonly string[];
}

/** Builds a table, checking (as a programming error) that every column has `rows` values. */
export function makeTable(name: string, columns: readonly ResultColumn[]): ResultTable {
  const rows = columns[0]?.values.length ?? 0;
  for (const c of columns) {
    if (c.values.length !== rows) throw new RangeError(`table ${name}: column ${c.name} has ${c.values.length} values, expected ${rows}`);
  }
  return { name, rows, columns };
}

/** A finite number, or null for NaN/Infinity (JSON has no such values). */
export function toJsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The cell (row i) of a column as a JSON value. */
export function cellValue(column: ResultColumn, i: number): string | number | null {
  const v = column.values[i];
  if (typeof v === 'number') return toJsonNumber(v);
  return v ?? null;
}

/** Row objects for JSON output, at most `limit` (row objects only at the edge). */
export function tableToRows(table: ResultTable, limit = Number.POSITIVE_INFINITY): Record<string, string | number | null>[] {
  const n = Math.min(table.rows, limit);
  const out: Record<string, string | number | null>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, string | number | null> = {};
    for (const c of table.columns) row[c.name] = cellValue(c, i);
    out[i] = row;
  }
  return out;
}

/** Rows of chosen indices (e.g. the top 20 by z), for a text table. */
export function tableRowsAt(table: ResultTable, indices: ArrayLike<number>): Record<string, string | number | null>[] {
  const out: Record<string, string | number | null>[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const row: Record<string, string | number | null> = {};
    for (const c of table.columns) row[c.name] = cellValue(c, i);
    out.push(row);
  }
  return out;
}

/** Columns as JSON arrays (non-finite numbers -> null): the compact form stored in projects. */
export function tableToColumnArrays(table: ResultTable): Record<string, (string | number | null)[]> {
  const out: Record<string, (string | number | null)[]> = {};
  for (const c of table.columns) {
    const a: (string | number | null)[] = new Array(table.rows);
    for (let i = 0; i < table.rows; i++) a[i] = cellValue(c, i);
    out[c.name] = a;
  }
  return out;
}

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV text cell, safe to open in a spreadsheet: a cell starting with = + - @ tab or CR is
 * prefixed with `'` (so it can never run as a formula), then quoted when it holds a comma, a
 * quote or a line break (RFC 4180). Empty for null.
 */
export function formatCsvText(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A number as CSV: shortest exact form (`String(v)`), empty for NaN/Infinity. A number literal
 * (also a negative one) is read by spreadsheets as a number, never as a formula, so numeric
 * columns are not prefixed: R, Python and a GIS still read them as numbers.
 */
export function formatCsvNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : '';
}

/**
 * The table as CSV text (header + one line per row, `\n` line ends). Header names are text cells
 * (formula-safe too). Text columns go through {@link formatCsvText}.
 */
export function formatCsv(table: ResultTable): string {
  const lines: string[] = [table.columns.map((c) => formatCsvText(c.name)).join(',')];
  const cells: string[] = new Array(table.columns.length);
  for (let i = 0; i < table.rows; i++) {
    for (let j = 0; j < table.columns.length; j++) {
      const v = (table.columns[j] as ResultColumn).values[i];
      cells[j] = typeof v === 'number' ? formatCsvNumber(v) : formatCsvText(v ?? null);
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Indices 0..n-1 sorted by `key` descending (ties: lower index first), the first `limit`. */
export function topIndices(key: ArrayLike<number>, limit: number, filter?: (i: number) => boolean): Int32Array {
  const ids: number[] = [];
  for (let i = 0; i < key.length; i++) if (!filter || filter(i)) ids.push(i);
  ids.sort((a, b) => (key[b] as number) - (key[a] as number) || a - b);
  return Int32Array.from(ids.slice(0, limit));
}
