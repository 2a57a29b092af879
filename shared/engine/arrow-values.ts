import { DataType, type Field, type Table } from 'apache-arrow';

/** A JSON-safe cell: what the CLI's `--json`, popups and CSV writers show. */
export type PlainValue = string | number | boolean | null;

/**
 * Converts one Arrow cell to a plain value, by the column's type:
 * - TIMESTAMP (DuckDB's naive local time) -> `YYYY-MM-DD HH:MM:SS` (no zone: none is implied);
 * - DATE -> `YYYY-MM-DD`;
 * - 64-bit integers (BigInt) -> number when exactly representable, else decimal string;
 * - DECIMAL / HUGEINT -> number (cast in SQL when you need exact digits);
 * - nested types -> JSON text.
 */
export function toPlainValue(value: unknown, type: DataType): PlainValue {
  if (value === null || value === undefined) return null;
  if (DataType.isTimestamp(type) || DataType.isDate(type)) {
    const ms = typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.getTime() : Number(value);
    if (!Number.isFinite(ms)) return null;
    const iso = new Date(ms).toISOString();
    return DataType.isDate(type) ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (DataType.isDecimal(type)) {
    const scale = (type as unknown as { scale: number }).scale;
    const digits = String(value);
    const raw = Number(digits);
    if (scale === 0 && !Number.isSafeInteger(raw)) return digits;
    return Number.isFinite(raw) ? raw / 10 ** scale : digits;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify((value as { toJSON(): unknown }).toJSON());
  return String(value);
}

/** Rows of plain values, at most `limit` of them (row objects only at the edge: CLI, popups). */
export function toPlainRows(table: Table, limit = Number.POSITIVE_INFINITY): Record<string, PlainValue>[] {
  const fields: Field[] = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const n = Math.min(table.numRows, limit);
  const rows: Record<string, PlainValue>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, PlainValue> = {};
    fields.forEach((f, j) => {
      row[f.name] = toPlainValue(columns[j]?.get(i), f.type);
    });
    rows[i] = row;
  }
  return rows;
}
