/**
 * A file's records as rows DuckDB can select from, every column VARCHAR holding the original
 * text (so a quarantined row can be shown and exported exactly as it was), in file order.
 * Delimited text is read by DuckDB's CSV reader inside the normalization statement itself (no
 * intermediate copy of a million rows); other formats are parsed in JS and inserted as a raw
 * table first. Records the CSV parser cannot split into the header's columns go to a rejects
 * table with their original line, so every record is accounted for.
 */
import type { Table } from 'apache-arrow';
import type { AppError } from '../../base/errors';
import type { Result } from '../../base/result';
import type { TextEncoding } from './encoding';
import type { QueryControl } from '../../engine/sql-engine';

/** The error union of the ingest pipeline: the app's errors plus "which CRS is this?". */
export type IngestError =
  | AppError
  | {
      kind: 'crs-required';
      path: string;
      /** Why the CRS could not be settled ("the shapefile has no .prj", ...). */
      reason: string;
      /** Candidates from the value ranges, best first. */
      candidates: readonly { code: string; name: string }[];
    };

/** How `source_row` numbers a format's records (shown next to every quarantined row). */
export type RowNumbering = 'spreadsheet row (header = 1)' | 'sheet row' | 'feature number' | 'record number';

/** What the parser rejected while a statement read the rows. */
export interface Rejects {
  /** Table (source_row INTEGER, raw_text VARCHAR, detail VARCHAR), or undefined when nothing was rejected. */
  readonly table?: string;
  readonly count: number;
  /** source_row of every rejected record, ascending. */
  readonly rows: Int32Array;
}

/** A readable set of rows (see module comment). */
export interface RowSource {
  /** Original column names, de-duplicated (csv-text.ts uniqueColumnNames). */
  readonly columns: readonly string[];
  readonly format: 'csv' | 'xlsx' | 'geojson' | 'shapefile' | 'parquet';
  /** Text encoding; may change once the whole file is read (a late Windows-1252 byte). */
  encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly rowNumbering: RowNumbering;
  /** CRS the file declares (GeoJSON `crs`/RFC 7946, shapefile .prj), if any. */
  readonly declaredCrs?: { code: string; how: string };
  /** A shapefile's .prj that matched no bundled CRS, or a missing .prj: settled later. */
  readonly crsProblem?: string;
  /**
   * source_row of row i in read order: `rowOffset + i` plus the number of rejected records before
   * it, or `sourceRows[i]` when given (formats parsed in JS).
   */
  readonly rowOffset: number;
  readonly sourceRows?: Int32Array;
  /** The first rows as text (for detecting the mapping): parsed from the file's head for CSV. */
  previewRows(limit: number): Promise<Result<(string | null)[][], IngestError>>;
  /** Runs a query reading the rows through `from(r)`: the FROM clause with alias `r`. */
  query(sql: (from: string) => string): Promise<Result<Table, IngestError>>;
  /**
   * Runs the statement that reads every row once (the stage), collecting what the parser
   * rejects. Call once. `control` reports the engine's progress through the file and cancels
   * the statement (the result is then `{kind:'cancelled'}`).
   */
  create(sql: (from: string) => string, control?: QueryControl): Promise<Result<Rejects, IngestError>>;
  /** Drops everything the source made in the engine (raw table, buffers, rejects table). */
  dispose(): Promise<void>;
}

/**
 * source_row for `rows` rows read in order (see {@link RowSource}): a linear pass that skips the
 * numbers of rejected records.
 */
export function computeSourceRows(rows: number, rowOffset: number, rejected: Int32Array, sourceRows?: Int32Array): Int32Array {
  if (sourceRows) return sourceRows;
  const out = new Int32Array(rows);
  let next = rowOffset;
  let r = 0;
  for (let i = 0; i < rows; i++) {
    while (r < rejected.length && (rejected[r] as number) <= next) {
      if (rejected[r] === next) next++;
      r++;
    }
    out[i] = next++;
  }
  return out;
}

let counter = 0;
/** Prefix for an import's working tables, unique within the engine: `_ingest_<time>_<n>`. */
export function workTablePrefix(): string {
  counter = (counter + 1) % 1_000_000;
  return `_ingest_${Date.now().toString(36)}_${counter}`;
}
