import { parquetWriteBuffer } from 'hyparquet-writer';
import { DataType, type Field, type Table, type Vector } from 'apache-arrow';
import { toPlainValue } from '../../engine/arrow-values';
import { utf8BytesOf } from '../../engine/arrow-build';

type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];

/**
 * Serializes an Arrow table to Parquet bytes (hyparquet-writer, SNAPPY) so any tool can read it:
 * DuckDB, R `arrow::read_parquet`, Python `pandas.read_parquet`. Type mapping:
 * floats -> DOUBLE; 8/16/32-bit integers -> INT32; 64-bit and unsigned 32-bit -> INT64;
 * strings -> STRING (UTF-8); booleans -> BOOLEAN; DATE/TIMESTAMP -> TIMESTAMP (milliseconds;
 * the app's times are naive local wall-clock times, so readers show them labelled UTC: read the
 * clock value, not the zone); DECIMAL -> DOUBLE; anything nested -> its JSON text. Nulls are kept.
 */
export function toParquetBytes(table: Table): Uint8Array {
  const columnData: ColumnSource[] = table.schema.fields.map((field) => toColumn(field, table.getChild(field.name)!));
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 250_000 }));
}

function toColumn(field: Field, vector: Vector): ColumnSource {
  const t = field.type;
  const n = vector.length;
  const hasNulls = vector.nullCount > 0;
  if (DataType.isFloat(t) || DataType.isDecimal(t)) {
    if (!hasNulls && DataType.isFloat(t)) return { name: field.name, data: Float64Array.from(vector.toArray() as ArrayLike<number>), type: 'DOUBLE', nullable: false };
    return { name: field.name, data: plain(vector, t, n), type: 'DOUBLE' };
  }
  if (DataType.isInt(t)) {
    const wide = t.bitWidth === 64 || (t.bitWidth === 32 && !t.isSigned);
    if (wide) {
      const values: (bigint | null)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const v = vector.get(i);
        values[i] = v === null || v === undefined ? null : BigInt(v);
      }
      return { name: field.name, data: values, type: 'INT64' };
    }
    if (!hasNulls) return { name: field.name, data: Int32Array.from(vector.toArray() as ArrayLike<number>), type: 'INT32', nullable: false };
    return { name: field.name, data: plain(vector, t, n), type: 'INT32' };
  }
  if (DataType.isBool(t)) return { name: field.name, data: plain(vector, t, n), type: 'BOOLEAN' };
  if (DataType.isTimestamp(t) || DataType.isDate(t)) {
    const values: (number | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = vector.get(i);
      values[i] = v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Number(v);
    }
    return { name: field.name, data: values, type: 'TIMESTAMP' };
  }
  if (DataType.isUtf8(t)) {
    // Hand the writer the UTF-8 bytes as views into Arrow's buffer: no decode and re-encode.
    return { name: field.name, data: utf8BytesOf(vector as unknown as Parameters<typeof utf8BytesOf>[0]), type: 'STRING' };
  }
  const values: (string | null)[] = new Array(n);
  const isText = DataType.isLargeUtf8(t) || DataType.isDictionary(t);
  for (let i = 0; i < n; i++) {
    const v = vector.get(i);
    values[i] = v === null || v === undefined ? null : isText ? String(v) : String(toPlainValue(v, t));
  }
  return { name: field.name, data: values, type: 'STRING' };
}

function plain(vector: Vector, type: DataType, n: number): unknown[] {
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = toPlainValue(vector.get(i), type);
  return out;
}
