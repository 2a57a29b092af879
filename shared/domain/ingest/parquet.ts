import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { makeVector, Table, type Vector } from 'apache-arrow';
import { boolVector, float64Vector, int32Vector, int64Vector, timestampMsVector, utf8Vector, utf8VectorFromBytes } from '../../engine/arrow-build';
import { messageOf, type AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/**
 * Reads a Parquet file (bytes) into an Arrow table with hyparquet, a pure-JS reader. DuckDB's own
 * parquet reader is an extension that duckdb-wasm would download at run time, which an air-gapped
 * workstation cannot do (README, "DuckDB extensions offline").
 *
 * Codecs: UNCOMPRESSED and SNAPPY natively, plus GZIP, ZSTD, BROTLI and LZ4 through
 * hyparquet-compressors. Anything else fails with a message naming the file.
 * @param fileName used only in error messages.
 */
export async function parseParquet(bytes: Uint8Array, fileName: string): Promise<Result<Table, AppError>> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let columnNames: string[];
  let rowCount: number;
  const textColumns = new Set<string>();
  try {
    const metadata = parquetMetadata(file);
    const children = parquetSchema(metadata).children;
    columnNames = children.map((c) => c.element.name);
    for (const c of children) {
      const e = c.element;
      if (e.converted_type === 'UTF8' || e.logical_type?.type === 'STRING' || e.logical_type?.type === 'ENUM' || e.logical_type?.type === 'JSON') textColumns.add(e.name);
    }
    rowCount = Number(metadata.num_rows);
  } catch (e) {
    return err({ kind: 'file-format', path: fileName, reason: `not a readable Parquet file (${messageOf(e)})` });
  }
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>();
  try {
    await parquetRead({
      file,
      compressors,
      // Keep text as UTF-8 bytes: the Arrow vector is built from them directly (decoding to JS
      // strings and encoding again costs ~10x on a million rows).
      parsers: { stringFromBytes: (b: Uint8Array) => b as unknown as string },
      onChunk: ({ columnName, columnData, rowStart }) => {
        const list = chunks.get(columnName) ?? [];
        list.push({ rowStart, data: columnData as ArrayLike<unknown> });
        chunks.set(columnName, list);
      },
    });
  } catch (e) {
    return err({ kind: 'file-format', path: fileName, reason: `cannot decode Parquet data (${messageOf(e)})` });
  }
  const vectors: Record<string, Vector> = {};
  for (const name of columnNames) {
    const parts = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    vectors[name] = textColumns.has(name) ? textVector(parts.map((p) => p.data), rowCount) : toVector(parts.map((p) => p.data), rowCount);
  }
  return ok(new Table(vectors));
}

/** A Utf8 vector from chunks of UTF-8 byte arrays (nulls as null/undefined). */
function textVector(parts: ArrayLike<unknown>[], rowCount: number): Vector {
  const values: (Uint8Array | null)[] = new Array(rowCount);
  let i = 0;
  for (const part of parts) for (let j = 0; j < part.length; j++) values[i++] = (part[j] as Uint8Array | null | undefined) ?? null;
  values.length = i;
  return utf8VectorFromBytes(values);
}

/**
 * Builds one Arrow vector from hyparquet's decoded chunks. Types are explicit (never arrow's
 * inference): inferred strings become Dictionary vectors, which duckdb-wasm cannot insert.
 */
function toVector(parts: ArrayLike<unknown>[], rowCount: number): Vector {
  const first = parts[0];
  if (parts.length === 1 && first && (first instanceof Float64Array || first instanceof Int32Array || first instanceof Float32Array)) {
    return makeVector(first);
  }
  const values: unknown[] = new Array(rowCount);
  let i = 0;
  for (const part of parts) for (let j = 0; j < part.length; j++) values[i++] = part[j] ?? null;
  values.length = i;
  const sample = values.find((v) => v !== null);
  // Vectors are laid out directly (shared/engine/arrow-build.ts): arrow's builders use
  // `new Function`, which the renderer's CSP forbids.
  if (typeof sample === 'string') return utf8Vector(values as (string | null)[]);
  if (typeof sample === 'bigint') return int64Vector(values as (bigint | null)[]);
  if (typeof sample === 'boolean') return boolVector(values as (boolean | null)[]);
  if (sample instanceof Date) return timestampMsVector(values.map((v) => (v instanceof Date ? v.getTime() : null)));
  if (typeof sample === 'number' || sample === undefined) {
    const ints = parts.every((p) => p instanceof Int32Array);
    return ints ? int32Vector(values as (number | null)[]) : float64Vector(values as (number | null)[]);
  }
  // Nested or binary values: keep them readable as JSON text.
  return utf8Vector(values.map((v) => (v === null ? null : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)))));
}
