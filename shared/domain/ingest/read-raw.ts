/**
 * Opens any supported file as a row source (raw-table.ts): delimited text through DuckDB's CSV
 * reader; Excel, GeoJSON, zipped shapefiles and Parquet in JS (there is no offline DuckDB
 * extension for them), inserted as Arrow with every column as text.
 */
import { makeData, makeVector, Table, Utf8, type Vector } from 'apache-arrow';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { openCsv, tooLarge } from './read-csv';
import { parseGeoJsonTable } from './read-geojson';
import { parseShapefileTable, zipEntryNames } from './read-shapefile';
import { parseXlsxTable } from './read-xlsx';
import { parseParquet } from './parquet';
import type { IngestError, RowNumbering, RowSource } from './raw-table';
import { sniffFormat } from './sniff';
import type { CancelToken, IngestSource } from './source';

/** A table parsed in JS: column-major text values plus where each row came from. */
export interface TabularData {
  readonly columns: readonly string[];
  /** values[column][row]: original text, null for an empty cell. */
  readonly values: readonly (readonly (string | null)[])[];
  readonly sourceRows: Int32Array;
  readonly rowNumbering: RowNumbering;
  readonly declaredCrs?: { code: string; how: string };
  readonly crsProblem?: string;
}

export interface ReadRawOptions {
  /** Name (prefix) for the tables and buffers the source makes. */
  readonly table: string;
  readonly maxBytes: number;
  readonly cancel: CancelToken;
  readonly delimiter?: ',' | '\t' | '|' | ';';
  readonly sheet?: string | number;
}

/** Sniffs `source` and opens it; errors name the file (and row/column where known). */
export async function openRowSource(engine: SqlEngine, source: IngestSource, options: ReadRawOptions): Promise<Result<RowSource, IngestError>> {
  const path = source.fileName;
  const sniffed = sniffFormat(source.fileName, source.head);
  switch (sniffed.format) {
    case 'empty':
      return err({ kind: 'file-format', path, reason: 'the file is empty' });
    case 'binary':
      return err({ kind: 'file-format', path, reason: `this is not a text table, spreadsheet, GeoJSON, shapefile or Parquet file (${sniffed.reason})` });
    case 'csv':
      return openCsv(engine, source, { name: options.table, delimiter: options.delimiter ?? sniffed.delimiter, maxBytes: options.maxBytes, cancel: options.cancel });
    default:
      break;
  }
  if (source.size > options.maxBytes) return err(tooLarge(path, source.size, options.maxBytes));
  const bytes = await source.readAll();
  if (options.cancel.aborted) return err({ kind: 'cancelled' });
  if (sniffed.format === 'parquet') return readParquetRaw(engine, bytes, path, options.table);
  let parsed: Result<TabularData, IngestError>;
  let format: RowSource['format'];
  if (sniffed.format === 'geojson') {
    format = 'geojson';
    parsed = parseGeoJsonTable(bytes, path);
  } else {
    // A zip: the content decides, not the name (.xlsx renamed .zip, or a shapefile).
    const names = zipEntryNames(bytes);
    if (names.includes('xl/workbook.xml')) {
      format = 'xlsx';
      parsed = await parseXlsxTable(bytes, path, options.sheet);
    } else if (names.some((n) => /\.shp$/i.test(n))) {
      format = 'shapefile';
      parsed = await parseShapefileTable(bytes, path);
    } else {
      return err({ kind: 'file-format', path, reason: `a zip archive that is neither an Excel workbook nor a shapefile (it holds ${names.slice(0, 5).join(', ') || 'nothing readable'})` });
    }
  }
  if (!parsed.ok) return parsed;
  return insertTabular(engine, parsed.value, format, options.table, path);
}

async function insertTabular(engine: SqlEngine, data: TabularData, format: RowSource['format'], table: string, path: string): Promise<Result<RowSource, IngestError>> {
  const rows = data.sourceRows.length;
  if (rows === 0) return err({ kind: 'file-format', path, reason: format === 'xlsx' ? 'the sheet has a header row but no data rows' : 'the file has no records' });
  const vectors: Record<string, Vector> = {};
  data.columns.forEach((c, j) => {
    vectors[c] = utf8Vector(data.values[j] as (string | null)[]);
  });
  const inserted = await engine.insertArrowTable(table, new Table(vectors));
  if (!inserted.ok) return inserted;
  return ok(tableSource(engine, table, {
    columns: data.columns,
    format,
    rowNumbering: data.rowNumbering,
    rowOffset: 1,
    sourceRows: data.sourceRows,
    ...(data.declaredCrs ? { declaredCrs: data.declaredCrs } : {}),
    ...(data.crsProblem ? { crsProblem: data.crsProblem } : {}),
  }));
}

/** A row source over a raw table already in the engine (formats parsed in JS). */
function tableSource(engine: SqlEngine, table: string, meta: Omit<RowSource, 'query' | 'create' | 'dispose' | 'previewRows'>): RowSource {
  const from = quoteIdent(table);
  return {
    ...meta,
    async previewRows(limit) {
      const t = await engine.query(`SELECT * FROM ${from} LIMIT ${limit}`);
      if (!t.ok) return t;
      const cols = meta.columns.map((c) => t.value.getChild(c));
      const rows: (string | null)[][] = [];
      for (let i = 0; i < t.value.numRows; i++) rows.push(cols.map((c) => (c?.get(i) ?? null) as string | null));
      return ok(rows);
    },
    query: (sql) => engine.query(sql(from)),
    async create(sql, control) {
      const r = await engine.query(sql(from), control);
      if (!r.ok) return r;
      // The stage holds every original column: the raw copy can go now (memory).
      await engine.query(`DROP TABLE IF EXISTS ${from}`);
      return ok({ count: 0, rows: new Int32Array(0) });
    },
    async dispose() {
      await engine.query(`DROP TABLE IF EXISTS ${from}`);
    },
  };
}

/** Parquet: decoded by hyparquet, inserted typed, then cast to text in DuckDB (dates as YYYY-MM-DD HH:MM:SS). */
async function readParquetRaw(engine: SqlEngine, bytes: Uint8Array, path: string, table: string): Promise<Result<RowSource, IngestError>> {
  const parsed = await parseParquet(bytes, path);
  if (!parsed.ok) return parsed;
  if (parsed.value.numRows === 0) return err({ kind: 'file-format', path, reason: 'the file has no records' });
  const typed = `${table}_typed`;
  const inserted = await engine.insertArrowTable(typed, parsed.value);
  if (!inserted.ok) return inserted;
  const columns = parsed.value.schema.fields.map((f) => f.name);
  const cast = await engine.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT ${columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}`).join(', ')} FROM ${quoteIdent(typed)}; DROP TABLE ${quoteIdent(typed)}`,
  );
  if (!cast.ok) return cast;
  return ok(tableSource(engine, table, { columns, format: 'parquet', rowNumbering: 'record number', rowOffset: 1 }));
}

/**
 * A text column as an Arrow Utf8 vector, built from its buffers (offsets, bytes, null bitmap).
 * Not `vectorFromArray`: its builder compiles the null test with `new Function`, which the app's
 * Content-Security-Policy (no 'unsafe-eval') refuses in the browser build, so Excel, GeoJSON and
 * shapefile imports failed there.
 */
function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const encoder = new TextEncoder();
  const encoded: Uint8Array[] = new Array(n);
  const offsets = new Int32Array(n + 1);
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nulls++;
      encoded[i] = new Uint8Array(0);
    } else {
      bitmap[i >> 3]! |= 1 << (i & 7);
      encoded[i] = encoder.encode(v);
    }
    offsets[i + 1] = offsets[i]! + encoded[i]!.length;
  }
  const bytes = new Uint8Array(offsets[n]!);
  for (let i = 0; i < n; i++) bytes.set(encoded[i]!, offsets[i]!);
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, valueOffsets: offsets, data: bytes }));
}
