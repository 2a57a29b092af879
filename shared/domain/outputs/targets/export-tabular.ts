/**
 * CSV and XLSX of a target list (bytes out, no file system). Both carry {@link targetTable}:
 * text cleaned and formula-neutralized, small counts suppressed under the privacy profile.
 */
import writeXlsxFile from 'write-excel-file/universal';
import type { TargetList } from './build';
import { cleanText, targetTable, type TargetCell } from './rows';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; numbers as `String(v)`. */
export function csvField(v: TargetCell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * The list as CSV text: a UTF-8 byte order mark (so Excel reads non-Latin text correctly), the
 * header, one line per area, CRLF line ends (RFC 4180).
 */
export function formatTargetsCsv(list: TargetList): string {
  const t = targetTable(list);
  const lines = [t.header, ...t.rows].map((r) => r.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The list as an .xlsx workbook: sheet "Targets" (header in bold, then the rows; numbers as
 * numbers, text as text, never formulas) and sheet "About" (handling caveat, privacy profile,
 * source, period and the conventions), as bytes.
 */
export async function formatTargetsXlsx(list: TargetList, handling: string): Promise<Uint8Array> {
  const t = targetTable(list);
  const cell = (v: TargetCell, bold = false) => (typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, ...(bold ? { fontWeight: 'bold' as const } : {}) });
  const targets = [t.header.map((h) => cell(h, true)), ...t.rows.map((r) => r.map((v) => cell(v)))];
  const about = [
    handling,
    list.privacy,
    `Source: ${list.source}`,
    `Period: ${list.period ? `${list.period.from}..${list.period.to}` : 'all dates'}`,
    `Generated: ${list.generatedAt}`,
    ...list.conventions,
    ...list.warnings.map((w) => `Warning: ${w}`),
  ].map((line) => [cell(cleanText(line).replace(/^[=+\-@\t\r]/, "'$&"))]);
  const blob = await writeXlsxFile(
    [
      { data: targets as never, sheet: 'Targets', columns: t.header.map((h) => ({ width: Math.min(60, Math.max(8, h.length + 2)) })) },
      { data: about as never, sheet: 'About', columns: [{ width: 120 }] },
    ] as never,
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
