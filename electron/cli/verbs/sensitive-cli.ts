/**
 * Sensitive fields in the CLI: detecting them in an engine table (names and the first rows'
 * values), masking them before user SQL runs (`spi sql`), and reading the `sensitive.json` that
 * `spi ingest` writes beside its outputs.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatAppError } from '../../../shared/base/errors';
import { toPlainRows } from '../../../shared/engine/arrow-values';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { buildMaskSensitiveSql, detectSensitiveColumns, type SensitiveColumn } from '../../../shared/domain/privacy/sensitive';
import { CliInputError } from '../io';

/** Rows of a table read to judge its columns by their values. */
const SAMPLE_ROWS = 200;

/**
 * The sensitive columns of engine table `table`: by name, else by the values of its first 200
 * rows; columns in `exclude` (normalized or role-mapped columns) are judged by name only.
 */
export async function detectTableSensitive(engine: SqlEngine, table: string, exclude: ReadonlySet<string> = new Set()): Promise<SensitiveColumn[]> {
  const r = await engine.query(`SELECT * FROM ${quoteIdent(table)} LIMIT ${SAMPLE_ROWS}`);
  if (!r.ok) throw new Error(formatAppError(r.error));
  const columns = r.value.schema.fields.map((f) => f.name);
  const rows = toPlainRows(r.value).map((row) => columns.map((c) => (row[c] === null || row[c] === undefined ? null : String(row[c]))));
  return detectSensitiveColumns(columns, rows, exclude);
}

/** Masks `columns` of `table` in the engine (see buildMaskSensitiveSql). */
export async function maskTable(engine: SqlEngine, table: string, columns: readonly string[]): Promise<void> {
  const sql = buildMaskSensitiveSql(table, columns);
  if (!sql) return;
  const r = await engine.query(sql);
  if (!r.ok) throw new Error(formatAppError(r.error));
}

/**
 * The columns listed in `sensitive.json` beside `file` (written by `spi ingest`), or null when
 * there is none or it is not such a file.
 */
export async function readSensitiveSidecar(file: string): Promise<string[] | null> {
  const text = await readFile(path.join(path.dirname(file), 'sensitive.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const json = JSON.parse(text) as { columns?: unknown };
    return Array.isArray(json.columns) ? json.columns.filter((c): c is string => typeof c === 'string') : null;
  } catch {
    return null;
  }
}

/**
 * Applies `--sensitive A,B` (add) and `--not-sensitive C` (remove) to a detected list; every name
 * must be a column of the table (CliInputError naming the option and the value otherwise).
 */
export function applySensitiveOverrides(detected: readonly string[], columns: readonly string[], add: readonly string[] = [], remove: readonly string[] = []): string[] {
  const split = (list: readonly string[]) => list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const check = (option: string, name: string) => {
    if (!columns.includes(name)) throw new CliInputError(`${option}: "${name}" is not a column of the dataset (${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', ...' : ''})`);
  };
  const out = new Set(detected);
  for (const c of split(add)) {
    check('--sensitive', c);
    out.add(c);
  }
  for (const c of split(remove)) {
    check('--not-sensitive', c);
    out.delete(c);
  }
  return columns.filter((c) => out.has(c));
}
