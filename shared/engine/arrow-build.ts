import { Bool, Float64, Int32, Int64, makeData, makeVector, TimestampMillisecond, Utf8, type Vector } from 'apache-arrow';

/**
 * Arrow vectors from plain JS values without apache-arrow's builders. The builders compile their
 * null check with `new Function`, which the app's Content-Security-Policy forbids (no
 * 'unsafe-eval'), so everything the renderer builds goes through these instead: the buffers are
 * laid out directly (validity bitmap, offsets, values) as the Arrow format specifies.
 */

function validity(values: ArrayLike<unknown>): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nullCount };
}

/** UTF-8 strings; null/undefined become nulls. */
export function utf8Vector(values: ArrayLike<string | null | undefined>): Vector<Utf8> {
  const encoder = new TextEncoder();
  const { bitmap, nullCount } = validity(values);
  const offsets = new Int32Array(values.length + 1);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      const bytes = encoder.encode(v);
      parts.push(bytes);
      size += bytes.length;
    }
    offsets[i + 1] = size;
  }
  const data = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, valueOffsets: offsets, data }));
}

/** 64-bit floats; null/undefined become nulls (NaN stays NaN). */
export function float64Vector(values: ArrayLike<number | null | undefined>): Vector<Float64> {
  const { bitmap, nullCount } = validity(values);
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? 0;
  return makeVector(makeData({ type: new Float64(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data }));
}

/** 32-bit integers; null/undefined become nulls. */
export function int32Vector(values: ArrayLike<number | null | undefined>): Vector<Int32> {
  const { bitmap, nullCount } = validity(values);
  const data = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? 0;
  return makeVector(makeData({ type: new Int32(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data }));
}

/** 64-bit integers from bigint values; null/undefined become nulls. */
export function int64Vector(values: ArrayLike<bigint | null | undefined>): Vector<Int64> {
  const { bitmap, nullCount } = validity(values);
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? 0n;
  return makeVector(makeData({ type: new Int64(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data }));
}

/** Booleans; null/undefined become nulls. */
export function boolVector(values: ArrayLike<boolean | null | undefined>): Vector<Bool> {
  const { bitmap, nullCount } = validity(values);
  const data = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) if (values[i]) data[i >> 3]! |= 1 << (i & 7);
  return makeVector(makeData({ type: new Bool(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data }));
}

/** Timestamps in milliseconds since the epoch (naive local wall-clock times in this app). */
export function timestampMsVector(values: ArrayLike<number | null | undefined>): Vector<TimestampMillisecond> {
  const { bitmap, nullCount } = validity(values);
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(Math.round(values[i] ?? 0));
  return makeVector(makeData({ type: new TimestampMillisecond(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data: data as unknown as Int32Array }));
}

/** UTF-8 strings given as their bytes (e.g. straight from a Parquet reader): no decode/encode. */
export function utf8VectorFromBytes(values: ArrayLike<Uint8Array | null | undefined>): Vector<Utf8> {
  const { bitmap, nullCount } = validity(values);
  const offsets = new Int32Array(values.length + 1);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    size += values[i]?.length ?? 0;
    offsets[i + 1] = size;
  }
  const data = new Uint8Array(size);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v) data.set(v, offsets[i]!);
  }
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, valueOffsets: offsets, data }));
}

/**
 * The UTF-8 bytes of each value of a string vector, as views into Arrow's own buffer (no copy, no
 * decoding); null for nulls. Works on every chunk of a Utf8 vector.
 */
export function utf8BytesOf(vector: { data: readonly { length: number; offset: number; valueOffsets: Int32Array; values: Uint8Array; nullBitmap: Uint8Array | undefined; nullCount: number }[] }): (Uint8Array | null)[] {
  const out: (Uint8Array | null)[] = [];
  for (const chunk of vector.data) {
    const { valueOffsets, values, nullBitmap, offset } = chunk;
    for (let i = 0; i < chunk.length; i++) {
      const j = offset + i;
      const valid = !nullBitmap || chunk.nullCount === 0 || (nullBitmap[j >> 3]! & (1 << (j & 7))) !== 0;
      out.push(valid ? values.subarray(valueOffsets[j]!, valueOffsets[j + 1]!) : null);
    }
  }
  return out;
}
