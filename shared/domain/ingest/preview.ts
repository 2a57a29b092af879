/**
 * A quick look at a file before importing it, without an engine: format, columns, the first rows
 * as text, the detected column mapping and a guess at the coordinate system. The import dialog
 * shows it; `spi ingest --print-mapping` prints its mapping.
 */
import { err, ok, type Result } from '../../base/result';
import { toPlainValue } from '../../engine/arrow-values';
import { guessCrs, type CrsGuess } from '../geo/crs-suggest';
import { headerOf, parseDelimited, uniqueColumnNames } from './csv-text';
import { detectMapping, type DetectedMapping } from './detect-mapping';
import { decodeHead, detectEncoding, type TextEncoding } from './encoding';
import type { DatasetKind } from './mapping';
import { parseParquet } from './parquet';
import type { IngestError } from './raw-table';
import { delimiterName, tooLarge } from './read-csv';
import { parseGeoJsonTable } from './read-geojson';
import type { TabularData } from './read-raw';
import { parseShapefileTable, zipEntryNames } from './read-shapefile';
import { parseXlsxTable } from './read-xlsx';
import { sniffFormat } from './sniff';
import type { IngestSource } from './source';

export interface SourcePreview {
  readonly file: string;
  readonly format: 'csv' | 'xlsx' | 'geojson' | 'shapefile' | 'parquet';
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly columns: readonly string[];
  /** The first rows, values in column order. */
  readonly rows: readonly (readonly (string | null)[])[];
  readonly detected: DetectedMapping;
  /** What the X/Y (or lat/lon) values of the preview say about the CRS. */
  readonly crsGuess?: CrsGuess;
  readonly declaredCrs?: { code: string; how: string };
  readonly crsProblem?: string;
}

export interface PreviewOptions {
  readonly kind?: DatasetKind;
  readonly delimiter?: ',' | '\t' | '|' | ';';
  readonly sheet?: string | number;
  /** Rows to keep (default 200). */
  readonly maxRows?: number;
  /** Largest file parsed in JS for a preview (xlsx, GeoJSON, shapefile, Parquet), bytes. */
  readonly maxBytes: number;
}

/** Previews `source` (see module comment). Errors are those the import would report. */
export async function previewSource(source: IngestSource, options: PreviewOptions): Promise<Result<SourcePreview, IngestError>> {
  const path = source.fileName;
  const maxRows = options.maxRows ?? 200;
  const sniffed = sniffFormat(source.fileName, source.head);
  let base: Omit<SourcePreview, 'detected' | 'crsGuess'>;
  if (sniffed.format === 'empty') return err({ kind: 'file-format', path, reason: 'the file is empty' });
  if (sniffed.format === 'binary') return err({ kind: 'file-format', path, reason: `this is not a text table, spreadsheet, GeoJSON, shapefile or Parquet file (${sniffed.reason})` });
  if (sniffed.format === 'csv') {
    const delimiter = options.delimiter ?? sniffed.delimiter;
    const encoding = detectEncoding(source.head);
    const whole = source.size <= source.head.length;
    const text = decodeHead(source.head, encoding);
    const header = headerOf(text, delimiter, whole);
    if (!header || header.every((h) => h.trim() === '')) return err({ kind: 'file-format', path, row: 1, reason: 'no header line: the first line of a table export must name its columns' });
    if (header.length === 1) return err({ kind: 'file-format', path, row: 1, reason: `only one column ("${header[0]?.slice(0, 60)}") in the header: the values are not separated by ${delimiterName(delimiter)}; check the delimiter (comma, tab, pipe or semicolon)` });
    const records = parseDelimited(text, delimiter, maxRows + 1, !whole).slice(1);
    base = { file: path, format: 'csv', encoding, delimiter, columns: uniqueColumnNames(header), rows: records.map((r) => header.map((_h, j) => (r[j] === undefined || r[j] === '' ? null : (r[j] as string)))) };
  } else {
    if (source.size > options.maxBytes) return err(tooLarge(path, source.size, options.maxBytes));
    const bytes = await source.readAll();
    let data: Result<TabularData, IngestError>;
    let format: SourcePreview['format'];
    if (sniffed.format === 'parquet') {
      const parsed = await parseParquet(bytes, path);
      if (!parsed.ok) return parsed;
      const t = parsed.value;
      const columns = t.schema.fields.map((f) => f.name);
      const rows: (string | null)[][] = [];
      for (let i = 0; i < Math.min(maxRows, t.numRows); i++) {
        rows.push(t.schema.fields.map((f) => {
          const v = toPlainValue(t.getChild(f.name)?.get(i), f.type);
          return v === null ? null : String(v);
        }));
      }
      base = { file: path, format: 'parquet', columns, rows };
      return ok(finish(base, options));
    } else if (sniffed.format === 'geojson') {
      format = 'geojson';
      data = parseGeoJsonTable(bytes, path);
    } else {
      const names = zipEntryNames(bytes);
      if (names.includes('xl/workbook.xml')) {
        format = 'xlsx';
        data = await parseXlsxTable(bytes, path, options.sheet);
      } else if (names.some((n) => /\.shp$/i.test(n))) {
        format = 'shapefile';
        data = await parseShapefileTable(bytes, path);
      } else return err({ kind: 'file-format', path, reason: 'a zip archive that is neither an Excel workbook nor a shapefile' });
    }
    if (!data.ok) return data;
    const d = data.value;
    const n = Math.min(maxRows, d.sourceRows.length);
    const rows: (string | null)[][] = [];
    for (let i = 0; i < n; i++) rows.push(d.columns.map((_c, j) => (d.values[j] as (string | null)[])[i] ?? null));
    base = { file: path, format, columns: d.columns, rows, ...(d.declaredCrs ? { declaredCrs: d.declaredCrs } : {}), ...(d.crsProblem ? { crsProblem: d.crsProblem } : {}) };
  }
  return ok(finish(base, options));
}

function finish(base: Omit<SourcePreview, 'detected' | 'crsGuess'>, options: PreviewOptions): SourcePreview {
  const detected = detectMapping(base.columns, base.rows, options.kind ?? 'incidents');
  const numbers = (column: string | undefined) => {
    const j = column === undefined ? -1 : base.columns.indexOf(column);
    return Float64Array.from(base.rows, (r) => (j < 0 ? Number.NaN : Number(r[j] ?? Number.NaN)));
  };
  const roles = detected.mapping.roles;
  let crsGuess: CrsGuess | undefined;
  if (roles.x && roles.y) {
    crsGuess = guessCrs(numbers(roles.x), numbers(roles.y), roles.lon && roles.lat ? { lonLat: { lon: numbers(roles.lon), lat: numbers(roles.lat) } } : {});
  } else if (roles.lon && roles.lat) crsGuess = guessCrs(numbers(roles.lon), numbers(roles.lat));
  return { ...base, detected, ...(crsGuess ? { crsGuess } : {}) };
}
