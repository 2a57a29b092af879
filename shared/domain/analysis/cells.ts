/**
 * Reads given units of analysis (`--cells cells.csv`: id,x,y,count or id,row,col,count, as
 * another tool exported them) from a table loaded in the engine, so our Gi* or Moran's I can be
 * compared with that tool's on exactly the same units and counts.
 */
import type { AppError } from '../../base/errors';
import { err, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { buildGivenUnits, type AnalysisUnits, type CellColumns } from './units';

const CELL_COLUMNS = ['id', 'x', 'y', 'row', 'col', 'count'] as const;

/**
 * Parses the text cells of one column as numbers: empty -> null; text that is not a number is
 * an error naming the file, the 1-based data row, the column and the text.
 */
function parseNumbers(file: string, column: string, texts: readonly (string | null)[]): Result<(number | null)[], AppError> {
  const out: (number | null)[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]?.trim() ?? '';
    if (t === '') {
      out[i] = null;
      continue;
    }
    const v = Number(t);
    if (!Number.isFinite(v)) return err({ kind: 'file-format', path: file, row: i + 1, column, reason: `"${t}" is not a number` });
    out[i] = v;
  }
  return { ok: true, value: out };
}

/**
 * Units from table `table` (columns matched case-insensitively; extra columns ignored). Errors
 * (naming file, row and value): no count column, neither x,y nor row,col, a non-numeric or
 * negative count, non-integer row/col, duplicate ids or cells.
 */
export async function queryGivenUnits(engine: SqlEngine, table: string, file: string): Promise<Result<AnalysisUnits, AppError>> {
  const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(table)})`);
  if (!described.ok) return described;
  const names = described.value.toArray().map((r) => String(r.name));
  const present = new Map<string, string>();
  for (const want of CELL_COLUMNS) {
    const found = names.find((n) => n.toLowerCase() === want);
    if (found) present.set(want, found);
  }
  const select = [...present].map(([want, actual]) => `CAST(${quoteIdent(actual)} AS VARCHAR) AS ${quoteIdent(want)}`);
  if (select.length === 0) return err({ kind: 'column-missing', file, column: `id,x,y,count or id,row,col,count (found: ${names.join(', ')})` });
  const result = await engine.query(`SELECT ${select.join(', ')} FROM ${quoteIdent(table)} ORDER BY rowid`);
  if (!result.ok) return result;
  const t = result.value;
  const text = (name: string): (string | null)[] | null => {
    const v = present.has(name) ? t.getChild(name) : null;
    if (!v) return null;
    const out: (string | null)[] = new Array(t.numRows);
    for (let i = 0; i < t.numRows; i++) out[i] = (v.get(i) as string | null) ?? null;
    return out;
  };
  const numeric: Record<string, (number | null)[] | null> = {};
  for (const name of ['x', 'y', 'row', 'col', 'count']) {
    const texts = text(name);
    if (!texts) {
      numeric[name] = null;
      continue;
    }
    const parsed = parseNumbers(file, present.get(name) ?? name, texts);
    if (!parsed.ok) return parsed;
    numeric[name] = parsed.value;
  }
  const columns: CellColumns = {
    id: text('id'),
    x: numeric.x ?? null,
    y: numeric.y ?? null,
    row: numeric.row ?? null,
    col: numeric.col ?? null,
    count: numeric.count ?? null,
  };
  return buildGivenUnits(file, columns);
}
