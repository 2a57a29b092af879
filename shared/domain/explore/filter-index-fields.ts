/**
 * Field conditions ({@link FieldFilter}) on a {@link FilterIndex}, where memory is exact and cheap:
 *   - text `=`, `≠`, `contains` and `is empty` (any kind, for `contains`/`is empty`): a dictionary
 *     of `CAST(col AS VARCHAR)` built by DuckDB once per column, with DuckDB's own `lower(v)` and
 *     `trim(v) = ''` per distinct value; JS then compares strings, which for well-formed Unicode
 *     is DuckDB's byte comparison (`=`) and substring test (`contains`);
 *   - numbers `=`, `≠`, `<`, `>`, `between`: `TRY_CAST(col AS DOUBLE)` per rowid from DuckDB,
 *     compared with the literals DuckDB reads from the SQL builder's text, NaN ordered above
 *     every number as DuckDB orders it, NULL failing all but `≠` (IS DISTINCT FROM).
 * Dates, text `<`/`>`/`between` (DuckDB orders UTF-8 bytes, JS UTF-16 units) and values with
 * lone surrogates return null: the caller asks DuckDB for that condition's rowids instead.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { buildFieldFilterSql, checkFieldFilter, type FieldFilter } from './area-field-filters';
import { decodeDictionary } from './filter-index';
import { duckDoubles } from './filter-index-area';

/** One column as text: distinct values with DuckDB's lower() and blank test, and per-rowid codes. */
export interface TextColumn {
  readonly values: readonly string[];
  readonly lower: readonly string[];
  /** 1 when DuckDB's `trim(v) = ''`. */
  readonly blank: Uint8Array;
  /** Per rowid: index into `values`; `values.length` = NULL; `values.length + 1` = no such row. */
  readonly code: Uint16Array | Uint32Array;
}

/** One column as numbers: `TRY_CAST(col AS DOUBLE)` per rowid (0 where NULL) and the NULL flags. */
export interface NumberColumn {
  readonly value: Float64Array;
  readonly isNull: Uint8Array;
}

/** Most distinct values a text dictionary keeps (beyond it, the column's conditions run in SQL). */
export const MAX_TEXT_DICTIONARY = 200_000;

/** The dictionary query of a column as text: value, DuckDB lower(), blank flag, rowids. */
export function buildTextColumnSql(table: string, column: string): string {
  return `SELECT v, lower(v) AS lv, (trim(v) = '')::UTINYINT AS blank, list(rowid::UINTEGER) AS rs
FROM (SELECT rowid, CAST(${quoteIdent(column)} AS VARCHAR) AS v FROM ${quoteIdent(table)}) GROUP BY v`;
}

/** Builds a {@link TextColumn} (one GROUP BY scan); ok(null) when it has more than {@link MAX_TEXT_DICTIONARY} values. */
export async function loadTextColumn(engine: SqlEngine, table: string, column: string, size: number): Promise<Result<TextColumn | null, AppError>> {
  const t = await engine.query(buildTextColumnSql(table, column));
  if (!t.ok) return t;
  if (t.value.numRows > MAX_TEXT_DICTIONARY) return ok(null);
  const { values, code } = decodeDictionary(t.value as never, size);
  const v = t.value.getChild('v');
  const lv = t.value.getChild('lv');
  const bl = t.value.getChild('blank');
  const lower: string[] = [];
  const blank = new Uint8Array(values.length);
  for (let i = 0; i < t.value.numRows; i++) {
    const s = v?.get(i);
    if (s === null || s === undefined) continue; // decodeDictionary skips NULL the same way
    blank[lower.length] = Number(bl?.get(i) ?? 0);
    lower.push(String(lv?.get(i) ?? ''));
  }
  return ok({ values, lower, blank, code });
}

/** Builds a {@link NumberColumn} (one scan, 9 bytes per row). */
export async function loadNumberColumn(engine: SqlEngine, table: string, column: string, size: number): Promise<Result<NumberColumn, AppError>> {
  const e = `TRY_CAST(${quoteIdent(column)} AS DOUBLE)`;
  const t = await engine.query(`SELECT rowid::UINTEGER AS r, coalesce(${e}, 0) AS v, (${e} IS NULL)::UTINYINT AS n FROM ${quoteIdent(table)}`);
  if (!t.ok) return t;
  const r = (t.value.getChild('r')?.toArray() as Uint32Array | undefined) ?? new Uint32Array(0);
  const v = (t.value.getChild('v')?.toArray() as Float64Array | undefined) ?? new Float64Array(0);
  const n = (t.value.getChild('n')?.toArray() as Uint8Array | undefined) ?? new Uint8Array(0);
  const value = new Float64Array(size);
  const isNull = new Uint8Array(size).fill(1);
  for (let i = 0; i < r.length; i++) {
    const row = r[i] as number;
    if (row >= size) continue;
    value[row] = v[i] as number;
    isNull[row] = n[i] as number;
  }
  return ok({ value, isNull });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Which in-memory column a condition needs, or null when it must run in SQL. */
export function fieldConditionNeeds(f: FieldFilter): 'text' | 'number' | null {
  if (f.column.length === 0 || LONE_SURROGATE.test(f.value) || f.value.includes('\0')) return null;
  if (f.op === 'empty') return 'text';
  if (checkFieldFilter(f) !== null) return null; // the SQL is FALSE: cheaper to let SQL say so than to special-case
  if (f.op === 'contains') return 'text';
  if (f.kind === 'text') return f.op === 'eq' || f.op === 'ne' ? 'text' : null;
  if (f.kind === 'number') return 'number';
  return null;
}

/** `mask[rowid]` of a text condition (`eq`, `ne`, `contains`, `empty`); `needleLower` = DuckDB's lower(value) for contains. */
export function textConditionMask(col: TextColumn, f: FieldFilter, needleLower: string): Uint8Array {
  const n = col.values.length;
  const ok = new Uint8Array(n + 2); // slot n + 1 (no row) stays 0
  for (let i = 0; i < n; i++) {
    const v = col.values[i] as string;
    ok[i] = (f.op === 'eq' ? v === f.value : f.op === 'ne' ? v !== f.value : f.op === 'contains' ? (col.lower[i] as string).includes(needleLower) : col.blank[i] === 1) ? 1 : 0;
  }
  ok[n] = f.op === 'ne' || f.op === 'empty' ? 1 : 0; // NULL IS DISTINCT FROM v; NULL is empty
  const { code } = col;
  const mask = new Uint8Array(code.length);
  for (let r = 0; r < code.length; r++) mask[r] = ok[code[r] as number] as number;
  return mask;
}

/**
 * The literal numbers of a number condition's SQL (after `TRY_CAST(col AS DOUBLE)`), read from
 * the builder's own text: `= a`, `IS DISTINCT FROM a`, `< a`, `> a`, `BETWEEN a AND b`. Null when
 * the text has another shape.
 */
export function numberConditionLiterals(f: FieldFilter): number[] | null {
  const prefix = `TRY_CAST(${quoteIdent(f.column)} AS DOUBLE) `;
  const sql = buildFieldFilterSql(f);
  if (!sql.startsWith(prefix)) return null;
  const lit = '([-+0-9.eE]+)::DOUBLE';
  const rest = sql.slice(prefix.length);
  const m = new RegExp(`^(?:=|IS DISTINCT FROM|<|>) ${lit}$`).exec(rest) ?? new RegExp(`^BETWEEN ${lit} AND ${lit}$`).exec(rest);
  if (!m) return null;
  const nums = m.slice(1).filter((s) => s !== undefined).map(Number);
  return nums.every(Number.isFinite) ? nums : null;
}

/** `mask[rowid]` of a number condition with the DuckDB-read constants `a` (and `b` for between). */
export function numberConditionMask(col: NumberColumn, f: FieldFilter, a: number, b: number): Uint8Array {
  const { value, isNull } = col;
  const size = value.length;
  const mask = new Uint8Array(size);
  for (let r = 0; r < size; r++) {
    const v = value[r] as number;
    if (isNull[r] === 1) {
      mask[r] = f.op === 'ne' ? 1 : 0;
      continue;
    }
    // DuckDB: NaN = NaN, NaN above every number; a and b are finite.
    const nan = v !== v;
    const keep = f.op === 'eq' ? v === a : f.op === 'ne' ? v !== a : f.op === 'lt' ? v < a : f.op === 'gt' ? nan || v > a : !nan && v >= a && v <= b;
    mask[r] = keep ? 1 : 0;
  }
  return mask;
}

/** DuckDB's `lower(value)` (one tiny query), for `contains`. */
export async function duckLower(engine: SqlEngine, value: string): Promise<Result<string, AppError>> {
  const t = await engine.query(`SELECT lower(${quoteLiteral(value)}) AS l`);
  if (!t.ok) return t;
  return ok(String(t.value.getChild('l')?.get(0) ?? ''));
}

/** The DuckDB doubles of a number condition's literals, or null when its SQL has another shape. */
export async function numberConditionConstants(engine: SqlEngine, f: FieldFilter): Promise<Result<Float64Array | null, AppError>> {
  const lits = numberConditionLiterals(f);
  if (!lits) return ok(null);
  return duckDoubles(engine, lits);
}
