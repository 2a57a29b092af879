import type { AppError } from '../base/errors';
import { err, ok, type Result } from '../base/result';
import { parseParquet } from '../domain/ingest/parquet';
import { sniffFormat } from '../domain/ingest/sniff';
import type { SqlEngine } from './sql-engine';
import { quoteIdent, quoteLiteral } from './sql';

/**
 * A file to load. `sqlSource` is how the engine can read it: an absolute path (Node engine reads
 * disk directly, no copy in JS memory) or the name of a buffer registered with the engine.
 * `head` is its first bytes (for sniffing); `readAll` gives the whole file when a JS-side reader
 * is needed (Parquet).
 */
export interface TableSource {
  fileName: string;
  head: Uint8Array;
  sqlSource: string;
  readAll(): Promise<Uint8Array>;
}

/** What was loaded. */
export interface LoadedTable {
  table: string;
  rows: number;
  columns: { name: string; type: string }[];
}

/**
 * Loads one CSV/TSV/pipe or Parquet file as table `table` (replacing any table of that name).
 * Fails with a message naming the file for: empty files, binary files, formats this verb does not
 * read (xlsx, zip, geojson: the ingest verb handles those), and CSV the engine cannot parse.
 */
export async function loadTableFromSource(
  engine: SqlEngine,
  source: TableSource,
  table: string,
): Promise<Result<LoadedTable, AppError>> {
  const path = source.fileName;
  const sniffed = sniffFormat(source.fileName, source.head);
  switch (sniffed.format) {
    case 'empty':
      return err({ kind: 'file-format', path, reason: 'the file is empty' });
    case 'binary':
      return err({ kind: 'file-format', path, reason: `not a CSV or Parquet file (${sniffed.reason})` });
    case 'xlsx':
    case 'zip':
    case 'geojson':
      return err({ kind: 'file-format', path, reason: `${sniffed.format} files are not tables this command reads (use CSV or Parquet)` });
    case 'parquet': {
      const parsed = await parseParquet(await source.readAll(), path);
      if (!parsed.ok) return parsed;
      const inserted = await engine.insertArrowTable(table, parsed.value);
      if (!inserted.ok) return inserted;
      break;
    }
    case 'csv': {
      const sql =
        `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(source.sqlSource)}, ` +
        `auto_detect=true, header=true, delim=${quoteLiteral(sniffed.delimiter)}, sample_size=20480)`;
      const loaded = await engine.query(sql);
      if (!loaded.ok) {
        const message = loaded.error.kind === 'sql' ? loaded.error.message : JSON.stringify(loaded.error);
        return err({ kind: 'file-format', path, reason: `cannot read as CSV: ${firstLine(message)}` });
      }
    }
  }
  const described = await engine.query(
    `SELECT column_name::VARCHAR AS name, column_type::VARCHAR AS type FROM (DESCRIBE ${quoteIdent(table)})`,
  );
  const counted = await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
  if (!described.ok) return described;
  if (!counted.ok) return counted;
  const columns = described.value.toArray().map((r) => ({ name: String(r.name), type: String(r.type) }));
  const rows = Number(counted.value.getChild('n')?.get(0) ?? 0);
  return ok({ table, rows, columns });
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim() !== '') ?? s).trim();
}
