/**
 * Excel .xlsx sheets as raw text tables (read-excel-file, pure JS). The header is the first
 * non-empty row; empty rows are skipped but keep their sheet row numbers. Cells become text as
 * the analyst sees them: dates "YYYY-MM-DD HH:MM:SS" (Excel stores naive local times), numbers
 * in JS notation. Merged cells in the header make column names ambiguous, so they are refused
 * with the cell range named.
 */
import { strFromU8 } from 'fflate';
import { unzipImport } from './safe-unzip';
import { readSheet } from 'read-excel-file/universal';
import { messageOf } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { uniqueColumnNames } from './csv-text';
import type { IngestError } from './raw-table';
import type { TabularData } from './read-raw';

/** Column letters for a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Sheet names in workbook order and the XML path of each, read from the package. */
function workbookSheets(files: Record<string, Uint8Array>): { name: string; path: string }[] {
  const wb = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (!wb) return [];
  const targets = new Map<string, string>();
  for (const m of strFromU8(rels ?? new Uint8Array()).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, '').replace(/^\//, ''));
  }
  const out: { name: string; path: string }[] = [];
  for (const m of strFromU8(wb).matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? '';
    out.push({ name: decodeXml(name), path: `xl/${targets.get(rid) ?? ''}` });
  }
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Merged ranges of a sheet ("B1:C1"), with their first and last row. */
function mergedRanges(xml: string): { ref: string; firstRow: number; lastRow: number; firstCol: string }[] {
  const out: { ref: string; firstRow: number; lastRow: number; firstCol: string }[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    out.push({ ref: `${m[1]}${m[2]}:${m[3]}${m[4]}`, firstRow: Number(m[2]), lastRow: Number(m[4]), firstCol: m[1] as string });
  }
  return out;
}

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  const s = String(v);
  return s.trim() === '' ? null : s;
}

/** Parses sheet `sheet` (name or 1-based number; default the first) of an .xlsx file. */
export async function parseXlsxTable(bytes: Uint8Array, path: string, sheet?: string | number): Promise<Result<TabularData, IngestError>> {
  // Checked before read-excel-file unzips it again: a zip bomb or hostile member is refused here.
  const unzipped = unzipImport(bytes, path, (name) => name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || /^xl\/worksheets\/[^/]+\.xml$/.test(name));
  if (!unzipped.ok) {
    const reason = unzipped.error.kind === 'file-format' ? unzipped.error.reason : 'unreadable';
    return err({ kind: 'file-format', path, reason: reason.replace('not a readable zip archive', 'not a readable .xlsx package') });
  }
  const files = unzipped.value;
  const sheets = workbookSheets(files);
  const chosen = sheet === undefined ? sheets[0] : typeof sheet === 'number' ? sheets[sheet - 1] : sheets.find((s) => s.name === sheet);
  if (!chosen) {
    return err({ kind: 'file-format', path, reason: `no sheet ${JSON.stringify(sheet ?? 1)} in the workbook (sheets: ${sheets.map((s) => `"${s.name}"`).join(', ') || 'none'})` });
  }
  let rows: unknown[][];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = (await readSheet(buffer, sheets.indexOf(chosen) + 1)) as unknown[][];
  } catch (e) {
    return err({ kind: 'file-format', path, reason: `cannot read sheet "${chosen.name}" (${messageOf(e)})` });
  }
  const headerIndex = rows.findIndex((r) => r.some((v) => cellText(v) !== null));
  if (headerIndex < 0) return err({ kind: 'file-format', path, reason: `sheet "${chosen.name}" is empty` });
  const headerRow = headerIndex + 1;
  const xml = files[chosen.path] ? strFromU8(files[chosen.path] as Uint8Array) : '';
  const merged = mergedRanges(xml).find((m) => m.firstRow <= headerRow && m.lastRow >= headerRow);
  const rawHeader = (rows[headerIndex] ?? []).map((v) => cellText(v) ?? '');
  if (merged) {
    const col = merged.firstCol;
    const name = rawHeader[letterIndex(col)] ?? '';
    return err({
      kind: 'file-format',
      path,
      row: headerRow,
      column: name || col,
      reason: `header cells ${merged.ref} of sheet "${chosen.name}" are merged, so the columns under them have no names of their own; unmerge them and give every column a one-row header`,
    });
  }
  const width = Math.max(...rows.slice(headerIndex).map((r) => r.length));
  while (rawHeader.length < width) rawHeader.push('');
  const columns = uniqueColumnNames(rawHeader);
  const values: (string | null)[][] = columns.map(() => []);
  const sourceRows: number[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const cells = columns.map((_, j) => cellText(r[j]));
    if (cells.every((c) => c === null)) continue;
    cells.forEach((c, j) => (values[j] as (string | null)[]).push(c));
    sourceRows.push(i + 1);
  }
  return ok({ columns, values, sourceRows: Int32Array.from(sourceRows), rowNumbering: 'sheet row' });
}

function letterIndex(col: string): number {
  let n = 0;
  for (const ch of col) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
