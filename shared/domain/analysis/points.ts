/**
 * Incident points for the analyses, read through the SqlEngine port (so the CLI's Node engine
 * and the app's worker engine run the same SQL): x, y (analysis CRS, metres), optional dates as
 * days since 1970-01-01 of naive local time, optional weights and ids, after an optional
 * analyst-written filter. The filter is a WHERE predicate against the dataset's columns; it runs
 * inside one SELECT (`SELECT ... FROM t WHERE (<predicate>)`), and text containing `;` is
 * refused, so a filter can read but never change anything.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';

/** Date column names looked for, in order, when none is named. */
export const DATE_COLUMN_CANDIDATES: readonly string[] = ['occurred_from', 'date', 'day'];

/** What a runner needs from the dataset. */
export interface PointRequest {
  /** 'required': rows without a usable date are skipped, a missing column is an error. */
  readonly dates: 'none' | 'optional' | 'required';
  /** Name of the date column (default: the first of DATE_COLUMN_CANDIDATES present). */
  readonly dateColumn?: string;
  /** Numeric weight column (e.g. a victim count); rows with a missing or negative weight are skipped. */
  readonly weightColumn?: string;
  /** Column copied as text into per-point outputs (e.g. case_id), when present. */
  readonly idColumn?: string;
  /** The analyst's WHERE predicate, or undefined for all rows. */
  readonly filter?: string;
  /**
   * Count each incident once: when the dataset has `case_row` (1, 2, ... for the rows of one
   * case number, as "spi ingest" writes), rows with case_row > 1 are left out and counted.
   * Default true: an incident exported on one row per offense would otherwise count several
   * times (and pair with itself at distance 0, day 0 in a Knox test).
   */
  readonly onePerCase?: boolean;
}

/** The resolved source columns (as spelled in the dataset). */
export interface PointColumns {
  readonly x: string;
  readonly y: string;
  readonly date: { readonly name: string; readonly type: string } | null;
  readonly weight: string | null;
  readonly id: string | null;
  /** The `case_row` column when incidents are counted once per case, else null. */
  readonly caseRow: string | null;
}

/** Points as columns plus an account of every row left out. */
export interface AnalysisPoints {
  readonly columns: PointColumns;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Days since the epoch (fractions = time of day); numeric date columns are taken as days. */
  readonly days: Float64Array | null;
  readonly weights: Float64Array | null;
  readonly ids: (string | null)[] | null;
  /** Rows in the table, and rows the filter kept. */
  readonly totalRows: number;
  readonly matchedRows: number;
  readonly skipped: { readonly noCoordinates: number; readonly noDate: number; readonly badWeight: number; readonly extraCaseRows: number };
}

/** Checks an analyst's filter: non-empty, a single predicate (no `;`). Returns it trimmed. */
export function checkFilterPredicate(text: string): Result<string, AppError> {
  const t = text.trim();
  if (t === '') return err({ kind: 'invalid-argument', name: '--filter', value: text, expected: 'a SQL predicate such as "offense_group = \'Burglary\'"' });
  if (t.includes(';')) return err({ kind: 'invalid-argument', name: '--filter', value: text, expected: 'one SQL predicate without ";" (filters are read-only)' });
  return ok(t);
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL)/i;

/** SQL for a date column as days since the epoch (DOUBLE), by its DuckDB type. */
export function buildDaysSql(column: string, type: string): string {
  const c = quoteIdent(column);
  if (NUMERIC.test(type)) return `TRY_CAST(${c} AS DOUBLE)`;
  if (/^(DATE|TIMESTAMP)/i.test(type) && !/TIME ZONE/i.test(type)) return `epoch(CAST(${c} AS TIMESTAMP)) / 86400.0`;
  return `epoch(TRY_CAST(${c} AS TIMESTAMP)) / 86400.0`;
}

/**
 * Finds the columns (case-insensitively) in a header of {name, type}. Errors name the missing
 * column and list what the dataset has.
 */
export function resolvePointColumns(header: readonly { name: string; type: string }[], request: PointRequest, file: string): Result<PointColumns, AppError> {
  const find = (name: string) => header.find((h) => h.name.toLowerCase() === name.toLowerCase());
  const have = header.map((h) => h.name).join(', ');
  const x = find('x');
  const y = find('y');
  if (!x || !y) return err({ kind: 'column-missing', file, column: `${!x ? 'x' : 'y'} (projected metres; the dataset has: ${have})` });
  let date: PointColumns['date'] = null;
  if (request.dates !== 'none') {
    const named = request.dateColumn ? find(request.dateColumn) : DATE_COLUMN_CANDIDATES.map(find).find(Boolean);
    if (request.dateColumn && !named) return err({ kind: 'column-missing', file, column: `${request.dateColumn} (--date-column; the dataset has: ${have})` });
    if (!named && request.dates === 'required') {
      return err({ kind: 'column-missing', file, column: `a date column (looked for ${DATE_COLUMN_CANDIDATES.join(', ')}; name one with --date-column)` });
    }
    date = named ? { name: named.name, type: named.type } : null;
  }
  let weight: string | null = null;
  if (request.weightColumn) {
    const w = find(request.weightColumn);
    if (!w) return err({ kind: 'column-missing', file, column: `${request.weightColumn} (--weight-column; the dataset has: ${have})` });
    weight = w.name;
  }
  const id = request.idColumn ? (find(request.idColumn)?.name ?? null) : null;
  const caseRow = (request.onePerCase ?? true) ? (find('case_row')?.name ?? null) : null;
  return ok({ x: x.name, y: y.name, date, weight, id, caseRow });
}

/** The one read-only SELECT that pulls the point columns (NaN for missing numbers), in row order. */
export function buildAnalysisPointsSql(table: string, columns: PointColumns, filter?: string): string {
  const num = (expr: string) => `COALESCE(${expr}, 'NaN'::DOUBLE)`;
  const parts = [`${num(`TRY_CAST(${quoteIdent(columns.x)} AS DOUBLE)`)} AS x`, `${num(`TRY_CAST(${quoteIdent(columns.y)} AS DOUBLE)`)} AS y`];
  if (columns.date) parts.push(`${num(buildDaysSql(columns.date.name, columns.date.type))} AS d`);
  if (columns.weight) parts.push(`${num(`TRY_CAST(${quoteIdent(columns.weight)} AS DOUBLE)`)} AS w`);
  if (columns.id) parts.push(`CAST(${quoteIdent(columns.id)} AS VARCHAR) AS id`);
  if (columns.caseRow) parts.push(`COALESCE(TRY_CAST(${quoteIdent(columns.caseRow)} AS DOUBLE), 1) AS case_row`);
  return `SELECT ${parts.join(', ')} FROM ${quoteIdent(table)}${filter ? ` WHERE (${filter})` : ''} ORDER BY rowid`;
}

function floats(table: { getChild(name: string): { toArray(): unknown } | null }, name: string): Float64Array {
  const a = table.getChild(name)?.toArray();
  return a instanceof Float64Array ? a : Float64Array.from((a ?? []) as ArrayLike<number>);
}

/**
 * Reads the points of `table`. Rows without finite x/y, without a date (when dates are
 * required), with a missing/negative weight, or (with `onePerCase`) a case's second and later
 * rows are left out and counted. A filter the engine
 * rejects comes back as `{kind: 'invalid-argument', name: '--filter'}` with the SQL message.
 */
export async function queryAnalysisPoints(engine: SqlEngine, table: string, request: PointRequest, file: string): Promise<Result<AnalysisPoints, AppError>> {
  let filter: string | undefined;
  if (request.filter !== undefined) {
    const f = checkFilterPredicate(request.filter);
    if (!f.ok) return f;
    filter = f.value;
  }
  const described = await engine.query(`SELECT column_name::VARCHAR AS name, column_type::VARCHAR AS type FROM (DESCRIBE ${quoteIdent(table)})`);
  if (!described.ok) return described;
  const header = described.value.toArray().map((r) => ({ name: String(r.name), type: String(r.type) }));
  const cols = resolvePointColumns(header, request, file);
  if (!cols.ok) return cols;
  const counted = await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
  if (!counted.ok) return counted;
  const result = await engine.query(buildAnalysisPointsSql(table, cols.value, filter));
  if (!result.ok) {
    const message = result.error.kind === 'sql' ? (result.error.message.split('\n').find((l) => l.trim()) ?? '').trim() : 'rejected';
    return err({ kind: 'invalid-argument', name: '--filter', value: filter ?? '', expected: `a predicate the engine accepts (${message})` });
  }
  const t = result.value;
  const rx = floats(t, 'x');
  const ry = floats(t, 'y');
  const rd = cols.value.date ? floats(t, 'd') : null;
  const rw = cols.value.weight ? floats(t, 'w') : null;
  const idVector = cols.value.id ? t.getChild('id') : null;
  const rc = cols.value.caseRow ? floats(t, 'case_row') : null;
  const keep = new Uint8Array(t.numRows);
  let noCoordinates = 0;
  let noDate = 0;
  let badWeight = 0;
  let extraCaseRows = 0;
  let kept = 0;
  for (let i = 0; i < t.numRows; i++) {
    if (rc && (rc[i] as number) > 1) extraCaseRows++;
    else if (!Number.isFinite(rx[i] as number) || !Number.isFinite(ry[i] as number)) noCoordinates++;
    else if (rd && request.dates === 'required' && !Number.isFinite(rd[i] as number)) noDate++;
    else if (rw && !((rw[i] as number) >= 0 && Number.isFinite(rw[i] as number))) badWeight++;
    else {
      keep[i] = 1;
      kept++;
    }
  }
  const x = new Float64Array(kept);
  const y = new Float64Array(kept);
  const days = rd ? new Float64Array(kept) : null;
  const weights = rw ? new Float64Array(kept) : null;
  const ids: (string | null)[] | null = idVector ? new Array<string | null>(kept) : null;
  for (let i = 0, k = 0; i < t.numRows; i++) {
    if (!keep[i]) continue;
    x[k] = rx[i] as number;
    y[k] = ry[i] as number;
    if (days && rd) days[k] = rd[i] as number;
    if (weights && rw) weights[k] = rw[i] as number;
    if (ids && idVector) ids[k] = (idVector.get(i) as string | null) ?? null;
    k++;
  }
  return ok({
    columns: cols.value,
    x,
    y,
    days,
    weights,
    ids,
    totalRows: Number(counted.value.getChild('n')?.get(0) ?? 0),
    matchedRows: t.numRows,
    skipped: { noCoordinates, noDate, badWeight, extraCaseRows },
  });
}
