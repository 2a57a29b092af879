/**
 * A table of units given as CSV text (one row per unit, a header row), for matching or
 * randomizing places defined elsewhere (`spi design match --units`, `spi design randomize`),
 * so results can be compared with other tools (R's MatchIt). Values are read column by column
 * into typed arrays; every error names the file, the data row (1 = the first row after the
 * header) and the column.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { parseDelimited } from '../ingest/csv-text';

export interface UnitsTable {
  /** The file name used in messages. */
  readonly file: string;
  readonly header: readonly string[];
  /** Data rows (strings, as read; unquoted). */
  readonly rows: readonly (readonly string[])[];
}

const fmt = (file: string, reason: string, row?: number, column?: string): AppError => ({ kind: 'file-format', path: file, reason, ...(row !== undefined ? { row } : {}), ...(column !== undefined ? { column } : {}) });

/**
 * Parses comma-separated text with a header row (RFC 4180 quoting). Errors: no header, a
 * repeated or empty column name, no data rows, a row with a different number of fields.
 */
export function parseUnitsCsv(text: string, file: string): Result<UnitsTable, AppError> {
  const records = parseDelimited(text.replace(/^\uFEFF/, ''), ',', Number.POSITIVE_INFINITY, false);
  const header = records[0]?.map((h) => h.trim());
  if (!header || header.length === 0 || (header.length === 1 && header[0] === '')) return err(fmt(file, 'no header row (expected column names on the first line)'));
  const seen = new Set<string>();
  for (const [k, h] of header.entries()) {
    if (h === '') return err(fmt(file, `column ${k + 1} of the header has no name`));
    if (seen.has(h)) return err(fmt(file, `column name "${h}" appears twice in the header`));
    seen.add(h);
  }
  const rows = records.slice(1);
  if (rows.length === 0) return err(fmt(file, 'no data rows after the header'));
  for (let r = 0; r < rows.length; r++) {
    if (rows[r]!.length !== header.length) return err(fmt(file, `${rows[r]!.length} fields where the header has ${header.length}`, r + 1));
  }
  return ok({ file, header, rows });
}

function columnIndex(t: UnitsTable, column: string, option: string): Result<number, AppError> {
  const k = t.header.indexOf(column);
  if (k < 0) return err({ kind: 'invalid-argument', name: option, value: column, expected: `a column of ${t.file}: ${t.header.join(', ')}` });
  return ok(k);
}

/** A numeric column (decimal text; empty or non-numeric cells are errors naming row and column). */
export function readNumericColumn(t: UnitsTable, column: string, option = '--covariates'): Result<Float64Array, AppError> {
  const k = columnIndex(t, column, option);
  if (!k.ok) return k;
  const out = new Float64Array(t.rows.length);
  for (let r = 0; r < t.rows.length; r++) {
    const text = t.rows[r]![k.value]!.trim();
    const v = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(v)) return err(fmt(t.file, text === '' ? 'empty cell (every unit needs a value)' : `"${text}" is not a number`, r + 1, column));
    out[r] = v;
  }
  return ok(out);
}

/** A 0/1 treatment column (also true/false, yes/no, t/f); at least one of each is not checked here. */
export function readTreatmentColumn(t: UnitsTable, column: string, option = '--treat-column'): Result<Uint8Array, AppError> {
  const k = columnIndex(t, column, option);
  if (!k.ok) return k;
  const out = new Uint8Array(t.rows.length);
  for (let r = 0; r < t.rows.length; r++) {
    const text = t.rows[r]![k.value]!.trim().toLowerCase();
    if (text === '1' || text === 'true' || text === 'yes' || text === 't') out[r] = 1;
    else if (!(text === '0' || text === 'false' || text === 'no' || text === 'f')) return err(fmt(t.file, `"${t.rows[r]![k.value]}" is not a treatment indicator (expected 0 or 1)`, r + 1, column));
  }
  return ok(out);
}

/** A category column as integer codes (in order of first appearance) and its labels; empty cells are an error. */
export function readCategoryColumn(t: UnitsTable, column: string, option: string): Result<{ codes: Int32Array; labels: string[] }, AppError> {
  const k = columnIndex(t, column, option);
  if (!k.ok) return k;
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(t.rows.length);
  for (let r = 0; r < t.rows.length; r++) {
    const text = t.rows[r]![k.value]!.trim();
    if (text === '') return err(fmt(t.file, 'empty category (every unit needs one)', r + 1, column));
    let c = index.get(text);
    if (c === undefined) {
      c = labels.length;
      labels.push(text);
      index.set(text, c);
    }
    codes[r] = c;
  }
  return ok({ codes, labels });
}

/**
 * Unit ids: the named column (values must be unique and non-empty), else a column "id" or
 * "unit_id" when present, else the data row numbers "1", "2", ...
 */
export function readIdColumn(t: UnitsTable, column?: string, option = '--id-column'): Result<string[], AppError> {
  const name = column ?? t.header.find((h) => h.toLowerCase() === 'id' || h.toLowerCase() === 'unit_id');
  if (name === undefined) return ok(t.rows.map((_, r) => String(r + 1)));
  const k = columnIndex(t, name, option);
  if (!k.ok) return k;
  const ids: string[] = [];
  const seen = new Map<string, number>();
  for (let r = 0; r < t.rows.length; r++) {
    const id = t.rows[r]![k.value]!.trim();
    if (id === '') return err(fmt(t.file, 'empty unit id', r + 1, name));
    const before = seen.get(id);
    if (before !== undefined) return err(fmt(t.file, `unit id "${id}" repeats row ${before}`, r + 1, name));
    seen.set(id, r + 1);
    ids.push(id);
  }
  return ok(ids);
}
