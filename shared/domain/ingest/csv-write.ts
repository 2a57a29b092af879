/**
 * CSV output of an engine table (quarantine.csv): RFC 4180 quoting, CRLF line ends, UTF-8, and
 * formula-safe cells. A spreadsheet treats a cell that starts with = + - @ (or a tab or CR,
 * which some strip first) as a formula, so such cells get a leading apostrophe, which
 * spreadsheets show as text and hide (OWASP "CSV injection"). Plain numbers ("-97.5", "+3",
 * "1e-5") are left alone: they are not formulas, and coordinates must stay numbers.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { toPlainValue } from '../../engine/arrow-values';
import type { ByteSink } from './source';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A cell made safe for spreadsheets (see module comment). */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: formula-safe, then quoted when it holds a delimiter, quote, CR, LF or edge spaces. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = formulaSafe(value);
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Writes table `table` (every column, in table order; TIMESTAMPs as "YYYY-MM-DD HH:MM:SS") as
 * CSV with a header row to `sink`, `batchRows` rows per query (default 50,000).
 */
export async function writeTableAsCsv(engine: SqlEngine, table: string, sink: ByteSink, options: { batchRows?: number; orderBy?: string } = {}): Promise<Result<{ rows: number }, AppError>> {
  const encoder = new TextEncoder();
  const batch = options.batchRows ?? 50_000;
  let rows = 0;
  let header: string[] | undefined;
  for (let offset = 0; ; offset += batch) {
    const r = await engine.query(`SELECT * FROM ${quoteIdent(table)}${options.orderBy ? ` ORDER BY ${options.orderBy}` : ''} LIMIT ${batch} OFFSET ${offset}`);
    if (!r.ok) return r;
    const t = r.value;
    const fields = t.schema.fields;
    if (!header) {
      header = fields.map((f) => f.name);
      await sink.write(encoder.encode(`${header.map(csvCell).join(',')}\r\n`));
    }
    if (t.numRows === 0) break;
    const columns = fields.map((f) => t.getChild(f.name));
    const lines: string[] = [];
    for (let i = 0; i < t.numRows; i++) {
      lines.push(
        fields
          .map((f, j) => {
            const v = toPlainValue(columns[j]?.get(i), f.type);
            return csvCell(v === null ? null : String(v));
          })
          .join(','),
      );
    }
    await sink.write(encoder.encode(`${lines.join('\r\n')}\r\n`));
    rows += t.numRows;
    if (t.numRows < batch) break;
  }
  return ok({ rows });
}
