/**
 * A fast Parquet -> Arrow decoder for the simple layout the app's own writer produces
 * (shared/domain/ingest/parquet-write.ts): a flat schema, DATA_PAGE (v1) pages with PLAIN values
 * (text also DELTA_LENGTH_BYTE_ARRAY), RLE definition levels, UNCOMPRESSED or SNAPPY pages. Arrow
 * buffers are filled straight from the page bytes: text offsets and bytes, fixed-width values
 * copied, the validity bitmap from the definition levels — no per-value JS objects. hyparquet's
 * generic path (one JS value per cell, then an Arrow build) is 5-10x slower on the same files
 * (bench/project-stages.ts). Any file outside the subset (dictionary or other delta encodings,
 * other codecs, nested columns, INT96, unannotated binary, ...) returns null and the caller uses
 * the generic reader (shared/domain/ingest/parquet.ts), so every valid Parquet file still opens.
 */
import { Bool, Float64, Int32, Int64, makeData, makeVector, Table, TimestampMillisecond, Utf8, type Vector } from 'apache-arrow';
import { parquetMetadata, snappyUncompress, type ColumnChunk, type FileMetaData, type SchemaElement } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';

type Kind = 'text' | 'double' | 'int32' | 'int64' | 'bool' | 'date' | 'ts-millis' | 'ts-micros';

interface Column {
  name: string;
  kind: Kind;
  optional: boolean;
  /** Validity bitmap (1 = value present), filled as pages are read. */
  valid: Uint8Array;
  nulls: number;
  /** Fixed-width values (8 bytes per row; 4 for int32, 1 bit for bool), by row. */
  fixed: Uint8Array;
  /** Text: offsets by row, and the value bytes (grown as needed). */
  offsets: Int32Array;
  bytes: Uint8Array;
  size: number;
}

/** The Arrow kind a schema element decodes to here, or null when this reader does not handle it. */
function kindOf(e: SchemaElement): Kind | null {
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (e.type === 'BYTE_ARRAY') return converted === 'UTF8' || logical === 'STRING' ? 'text' : null;
  if (e.type === 'DOUBLE') return logical || converted ? null : 'double';
  if (e.type === 'BOOLEAN') return 'bool';
  if (e.type === 'INT32') {
    if (converted === 'DATE' || logical === 'DATE') return 'date';
    return logical || converted ? null : 'int32';
  }
  if (e.type === 'INT64') {
    if (logical === 'TIMESTAMP') {
      const unit = (e.logical_type as { unit?: string }).unit;
      return unit === 'MILLIS' ? 'ts-millis' : unit === 'MICROS' ? 'ts-micros' : null;
    }
    if (converted === 'TIMESTAMP_MILLIS') return 'ts-millis';
    if (converted === 'TIMESTAMP_MICROS') return 'ts-micros';
    return logical || converted ? null : 'int64';
  }
  return null;
}

const WIDTH: Record<Kind, number> = { text: 0, double: 8, int32: 4, int64: 8, bool: 0, date: 4, 'ts-millis': 8, 'ts-micros': 8 };

/**
 * Decodes `bytes` (a whole Parquet file) into an Arrow table when the file uses only the simple
 * layout described in the module comment; null otherwise (nothing is thrown for an unsupported
 * layout). Types: text -> Utf8, DOUBLE -> Float64, INT32 -> Int32, INT64 -> Int64 (bigint),
 * BOOLEAN -> Bool, DATE and TIMESTAMP (millis/micros) -> Timestamp in milliseconds (micros
 * truncated toward zero, as hyparquet does). Nulls are kept. Throws only on corrupt data
 * (a page running past the file, a bad Snappy stream): callers treat that as unreadable.
 */
export function readParquetFast(bytes: Uint8Array): Table | null {
  let meta: FileMetaData;
  try {
    meta = parquetMetadata(bytes);
  } catch {
    return null;
  }
  const leaves = meta.schema.slice(1);
  if (leaves.length !== (meta.schema[0]?.num_children ?? -1)) return null;
  const rows = Number(meta.num_rows);
  const columns: Column[] = [];
  for (const e of leaves) {
    const kind = kindOf(e);
    if (!kind || e.num_children || e.repetition_type === 'REPEATED') return null;
    columns.push({
      name: e.name,
      kind,
      optional: e.repetition_type !== 'REQUIRED',
      valid: new Uint8Array(Math.ceil(rows / 8)),
      nulls: 0,
      fixed: new Uint8Array(kind === 'bool' ? Math.ceil(rows / 8) : rows * WIDTH[kind]),
      offsets: kind === 'text' ? new Int32Array(rows + 1) : new Int32Array(0),
      bytes: new Uint8Array(kind === 'text' ? Math.max(1024, rows * 16) : 0),
      size: 0,
    });
  }
  let rowStart = 0;
  for (const group of meta.row_groups) {
    if (group.columns.length !== columns.length) return null;
    const groupRows = Number(group.num_rows);
    for (let c = 0; c < columns.length; c++) {
      if (!readChunk(bytes, group.columns[c]!, columns[c]!, rowStart, groupRows)) return null;
    }
    rowStart += groupRows;
  }
  if (rowStart !== rows) return null;
  const vectors: Record<string, Vector> = {};
  for (const col of columns) vectors[col.name] = toVector(col, rows);
  return new Table(vectors);
}

/** Reads one column chunk's pages into `col` at rows [rowStart, rowStart + groupRows). */
function readChunk(file: Uint8Array, chunk: ColumnChunk, col: Column, rowStart: number, groupRows: number): boolean {
  const m = chunk.meta_data;
  if (!m || chunk.file_path || m.dictionary_page_offset !== undefined) return false;
  if (m.codec !== 'UNCOMPRESSED' && m.codec !== 'SNAPPY') return false;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const reader = { view, offset: Number(m.data_page_offset) };
  const end = reader.offset + Number(m.total_compressed_size);
  if (end > file.length) throw new Error(`column ${col.name}: chunk runs past the end of the file`);
  let row = rowStart;
  while (row < rowStart + groupRows) {
    if (reader.offset >= end) throw new Error(`column ${col.name}: chunk ends after ${row - rowStart} of ${groupRows} rows`);
    const header = parquetHeader(reader);
    const start = reader.offset;
    reader.offset += header.compressed_page_size;
    if (reader.offset > end) throw new Error(`column ${col.name}: page runs past its chunk`);
    const d = header.data_page_header;
    if (header.type !== 'DATA_PAGE' || !d || (col.optional && d.definition_level_encoding !== 'RLE')) return false;
    const deltaText = d.encoding === 'DELTA_LENGTH_BYTE_ARRAY' && col.kind === 'text';
    if (d.encoding !== 'PLAIN' && !deltaText) return false;
    let page = file.subarray(start, start + header.compressed_page_size);
    if (m.codec === 'SNAPPY') {
      const out = new Uint8Array(header.uncompressed_page_size);
      snappyUncompress(page, out);
      page = out;
    }
    const n = Number(d.num_values);
    if (row + n > rowStart + groupRows) throw new Error(`column ${col.name}: more values than rows`);
    let at = 0;
    if (col.optional) {
      const length = new DataView(page.buffer, page.byteOffset, page.byteLength).getUint32(0, true);
      readValidity(page.subarray(4, 4 + length), col.valid, row, n);
      at = 4 + length;
    } else setValid(col.valid, row, n);
    if (deltaText) readDeltaText(page, at, col, row, n);
    else readValues(page, at, col, row, n);
    row += n;
  }
  return true;
}

function setValid(valid: Uint8Array, from: number, n: number): void {
  for (let i = from; i < from + n; i++) valid[i >> 3] = (valid[i >> 3] as number) | (1 << (i & 7));
}

/** Definition levels (bit width 1, RLE/bit-packed hybrid) -> validity bits at rows [from, from+n). */
function readValidity(levels: Uint8Array, valid: Uint8Array, from: number, n: number): void {
  let p = 0;
  let row = from;
  const stop = from + n;
  while (row < stop && p < levels.length) {
    let header = 0;
    let shift = 0;
    let b: number;
    do {
      b = levels[p++] as number;
      header += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    if (header & 1) {
      const groups = Math.floor(header / 2);
      for (let k = 0; k < groups * 8 && row < stop; k++, row++) {
        if (((levels[p + (k >> 3)] as number) >> (k & 7)) & 1) valid[row >> 3] = (valid[row >> 3] as number) | (1 << (row & 7));
      }
      p += groups;
    } else {
      const count = Math.floor(header / 2);
      const value = levels[p++] as number;
      const last = Math.min(stop, row + count);
      if (value & 1) setValid(valid, row, last - row);
      row = last;
    }
  }
  if (row < stop) throw new Error('definition levels end early');
}

/**
 * PLAIN byte arrays (4-byte little-endian length, then the bytes) into the column's offsets and
 * bytes. Two passes: lengths first (offsets, total size: one allocation), then the copy.
 */
function readText(page: Uint8Array, at: number, col: Column, from: number, n: number): void {
  const valid = col.valid;
  const offsets = col.offsets;
  const stop = page.length;
  let p = at;
  let size = col.size;
  let nulls = 0;
  for (let row = from; row < from + n; row++) {
    if ((((valid[row >> 3] as number) >> (row & 7)) & 1) === 1) {
      if (p + 4 > stop) throw new Error(`column ${col.name}: values end early`);
      const len = ((page[p] as number) | ((page[p + 1] as number) << 8) | ((page[p + 2] as number) << 16) | ((page[p + 3] as number) << 24)) >>> 0;
      p += 4 + len;
      size += len;
    } else nulls++;
    offsets[row + 1] = size;
  }
  if (p > stop) throw new Error(`column ${col.name}: a value runs past its page`);
  let bytes = col.bytes;
  if (size > bytes.length) {
    const grown = new Uint8Array(Math.max(size, Math.floor(bytes.length * 1.5)));
    grown.set(bytes.subarray(0, col.size));
    bytes = grown;
  }
  p = at;
  let q = col.size;
  for (let row = from; row < from + n; row++) {
    const len = (offsets[row + 1] as number) - q;
    if (len === 0 && (((valid[row >> 3] as number) >> (row & 7)) & 1) === 0) continue;
    p += 4;
    if (len > 24) bytes.set(page.subarray(p, p + len), q);
    else for (let k = 0; k < len; k++) bytes[q + k] = page[p + k] as number;
    p += len;
    q += len;
  }
  col.nulls += nulls;
  col.size = size;
  col.bytes = bytes;
}

/**
 * DELTA_LENGTH_BYTE_ARRAY text: the lengths (DELTA_BINARY_PACKED) then every value's bytes back to
 * back — Arrow's own layout, so the bytes are copied in one call and offsets are a running sum.
 */
function readDeltaText(page: Uint8Array, at: number, col: Column, from: number, n: number): void {
  const valid = col.valid;
  let present = 0;
  for (let row = from; row < from + n; row++) present += ((valid[row >> 3] as number) >> (row & 7)) & 1;
  const lengths = new Int32Array(present);
  const reader = { view: new DataView(page.buffer, page.byteOffset + at, page.byteLength - at), offset: 0 };
  deltaBinaryUnpack(reader, present, lengths);
  const start = at + reader.offset;
  let size = col.size;
  const offsets = col.offsets;
  let k = 0;
  for (let row = from; row < from + n; row++) {
    if ((((valid[row >> 3] as number) >> (row & 7)) & 1) === 1) {
      const len = lengths[k++] as number;
      if (len < 0) throw new Error(`column ${col.name}: negative value length`);
      size += len;
    }
    offsets[row + 1] = size;
  }
  const total = size - col.size;
  if (start + total > page.length) throw new Error(`column ${col.name}: values run past their page`);
  let bytes = col.bytes;
  if (size > bytes.length) {
    const grown = new Uint8Array(Math.max(size, Math.floor(bytes.length * 1.5)));
    grown.set(bytes.subarray(0, col.size));
    bytes = grown;
  }
  bytes.set(page.subarray(start, start + total), col.size);
  col.nulls += n - present;
  col.size = size;
  col.bytes = bytes;
}

const isSet = (bits: Uint8Array, i: number) => (((bits[i >> 3] as number) >> (i & 7)) & 1) === 1;

/** PLAIN values of the present rows in [from, from+n), placed by row (nulls get zero / empty). */
function readValues(page: Uint8Array, at: number, col: Column, from: number, n: number): void {
  const valid = col.valid;
  if (col.kind === 'text') {
    readText(page, at, col, from, n);
    return;
  }
  if (col.kind === 'bool') {
    let k = 0;
    for (let row = from; row < from + n; row++) {
      if (!isSet(valid, row)) {
        col.nulls++;
        continue;
      }
      if (((page[at + (k >> 3)] as number) >> (k & 7)) & 1) col.fixed[row >> 3] = (col.fixed[row >> 3] as number) | (1 << (row & 7));
      k++;
    }
    return;
  }
  const width = WIDTH[col.kind];
  let present = 0;
  for (let row = from; row < from + n; row++) if (isSet(valid, row)) present++;
  if (at + present * width > page.length) throw new Error(`column ${col.name}: values end early`);
  if (present === n) {
    col.fixed.set(page.subarray(at, at + n * width), from * width);
    return;
  }
  for (let row = from; row < from + n; row++) {
    if (!isSet(valid, row)) {
      col.nulls++;
      continue;
    }
    col.fixed.set(page.subarray(at, at + width), row * width);
    at += width;
  }
}

function toVector(col: Column, rows: number): Vector {
  const nullBitmap = col.nulls ? col.valid : null;
  const base = { length: rows, nullCount: col.nulls, nullBitmap };
  const buf = col.fixed.buffer;
  switch (col.kind) {
    case 'text':
      return makeVector(makeData({ type: new Utf8(), ...base, valueOffsets: col.offsets, data: col.bytes.subarray(0, col.size) }));
    case 'double':
      return makeVector(makeData({ type: new Float64(), ...base, data: new Float64Array(buf, 0, rows) }));
    case 'int32':
      return makeVector(makeData({ type: new Int32(), ...base, data: new Int32Array(buf, 0, rows) }));
    case 'int64':
      return makeVector(makeData({ type: new Int64(), ...base, data: new BigInt64Array(buf, 0, rows) }));
    case 'bool':
      return makeVector(makeData({ type: new Bool(), ...base, data: col.fixed }));
    default:
      return makeVector(makeData({ type: new TimestampMillisecond(), ...base, data: toMillis(col, rows) as unknown as Int32Array }));
  }
}

/**
 * DATE (days) and TIMESTAMP (millis/micros) values as 64-bit milliseconds, computed in doubles on
 * the two 32-bit halves (exact below 2^53, i.e. for any date within ±285,000 years; BigInt
 * arithmetic per value was the slowest part of a decode).
 */
function toMillis(col: Column, rows: number): BigInt64Array {
  if (col.kind === 'ts-millis') return new BigInt64Array(col.fixed.buffer, 0, rows);
  const out = new BigInt64Array(rows);
  const words = new Int32Array(out.buffer);
  const put = (i: number, ms: number) => {
    const hi = Math.floor(ms / 4294967296);
    words[2 * i] = ms - hi * 4294967296;
    words[2 * i + 1] = hi;
  };
  if (col.kind === 'date') {
    const days = new Int32Array(col.fixed.buffer, 0, rows);
    for (let i = 0; i < rows; i++) put(i, (days[i] as number) * 86_400_000);
    return out;
  }
  const src = new Int32Array(col.fixed.buffer, 0, rows * 2);
  for (let i = 0; i < rows; i++) {
    const micros = (src[2 * i + 1] as number) * 4294967296 + ((src[2 * i] as number) >>> 0);
    put(i, Math.trunc(micros / 1000));
  }
  return out;
}
