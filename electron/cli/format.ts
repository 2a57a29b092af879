import type { PlainValue } from '../../shared/engine/arrow-values';

/**
 * A plain-text table: a header, a rule, aligned columns (numbers right-aligned), cells cut at
 * 40 characters, and a footer saying how many rows were not shown.
 */
export function formatTextTable(columns: string[], rows: Record<string, PlainValue>[], totalRows: number): string {
  const cell = (v: PlainValue): string => {
    const s = v === null ? 'NULL' : typeof v === 'number' ? formatNumber(v) : String(v);
    return s.length > 40 ? `${s.slice(0, 39)}…` : s.replace(/\s+/g, ' ');
  };
  const body = rows.map((r) => columns.map((c) => cell(r[c] ?? null)));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || typeof r[c] === 'number'));
  const widths = columns.map((c, j) => Math.max(c.length, ...body.map((r) => (r[j] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((s, j) => (numeric[j] ? s.padStart(widths[j] ?? 0) : s.padEnd(widths[j] ?? 0))).join('  ').trimEnd();
  const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  const hidden = totalRows - rows.length;
  out.push(hidden > 0 ? `(${totalRows.toLocaleString('en-US')} rows, ${hidden.toLocaleString('en-US')} not shown; --max-rows or --json for more)` : `(${totalRows.toLocaleString('en-US')} row${totalRows === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}
