/**
 * Delimited text (CSV, TSV, pipe, semicolon) as a row source read by DuckDB's CSV reader: strict
 * RFC 4180 parsing, every column VARCHAR, the header's names given explicitly (so odd headers
 * never confuse DuckDB's sniffer), rejected records kept with their text and line.
 */
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { headerOf, parseDelimited, uniqueColumnNames } from './csv-text';
import { decodeHead, detectEncoding, hasMixedLineEnds, transcodeToUtf8, type TextEncoding } from './encoding';
import { int32Column } from './facts';
import type { IngestError, Rejects, RowSource } from './raw-table';
import type { CancelToken, IngestSource } from './source';

export interface OpenCsvOptions {
  /** Prefix for the buffer and rejects tables this source makes. */
  readonly name: string;
  readonly delimiter: ',' | '\t' | '|' | ';';
  /** Largest file read into memory (transcoding, browser buffers), bytes. */
  readonly maxBytes: number;
  readonly cancel: CancelToken;
}

/**
 * Opens `source` as a CSV row source. Text that is not UTF-8 (Windows-1252, UTF-16) and files
 * whose first 64 KiB mix line-end styles are transcoded to UTF-8 with LF line ends first (DuckDB
 * reads UTF-8 only, and its strict parser stops at mixed line ends); if the strict parser still
 * stops at an inconsistency further down, the file is normalized the same way and the statement
 * runs once more. Records with more or fewer fields than the header, or an unterminated quote,
 * go to the rejects table with their line number (the spreadsheet row: header = 1) and text.
 * Fails, naming the file, for: no header line, a header with a single column (wrong delimiter),
 * and (from `create`) files where no record matches the header.
 */
export async function openCsv(engine: SqlEngine, source: IngestSource, options: OpenCsvOptions): Promise<Result<RowSource, IngestError>> {
  const path = source.fileName;
  let encoding = detectEncoding(source.head);
  // A pure-ASCII head says nothing about the encoding: a Windows-1252 byte may come later.
  const asciiHead = source.head.every((b) => b < 0x80);
  const headText = decodeHead(source.head, encoding);
  const whole = source.size <= source.head.length;
  const header = headerOf(headText, options.delimiter, whole);
  if (!header || header.every((h) => h.trim() === '')) return err({ kind: 'file-format', path, row: 1, reason: 'no header line: the first line of a table export must name its columns' });
  if (header.length === 1) {
    return err({
      kind: 'file-format',
      path,
      row: 1,
      reason: `only one column ("${header[0]?.slice(0, 60)}") in the header: the values are not separated by ${delimiterName(options.delimiter)}; check the delimiter (comma, tab, pipe or semicolon)`,
    });
  }
  const columns = uniqueColumnNames(header);
  const bufferName = `${options.name}.csv`;
  const rejErr = `${options.name}_rej_errors`;
  const rejScan = `${options.name}_rej_scans`;
  const rejectsTable = `${options.name}_rejects`;
  let registered = false;
  let normalized = (encoding !== 'utf-8' && encoding !== 'utf-8-bom') || hasMixedLineEnds(source.head);
  let path4engine: string | undefined;

  const register = async (): Promise<Result<string, IngestError>> => {
    if (path4engine) return ok(path4engine);
    if (!normalized && source.enginePath) return ok((path4engine = source.enginePath));
    if (source.size > options.maxBytes) return err(tooLarge(path, source.size, options.maxBytes));
    // A copy of in-memory bytes: the browser engine takes ownership of what it is given (the
    // buffer moves to its worker), and a retry with normalized line ends reads the source again.
    const bytes = normalized ? await transcodeToUtf8(source.chunks(), encoding, { normalizeLineEnds: true, maxBytes: options.maxBytes }) : (await source.readAll()).slice();
    if (!bytes) return err(tooLarge(path, source.size, options.maxBytes));
    await engine.registerFileBuffer(bufferName, bytes);
    registered = true;
    return ok((path4engine = bufferName));
  };
  const columnsSql = `{${columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  const readSql = (src: string, rejects: boolean) =>
    `read_csv(${quoteLiteral(src)}, header=true, auto_detect=false, all_varchar=true, delim=${quoteLiteral(options.delimiter)}, quote='"', escape='"', ` +
    `columns=${columnsSql}, strict_mode=true, max_line_size=16777216` +
    (rejects ? `, store_rejects=true, rejects_table=${quoteLiteral(rejErr)}, rejects_scan=${quoteLiteral(rejScan)}` : ', ignore_errors=true') +
    ')';

  /** Runs `sql` over the file; once, on a strict-parser stop, normalizes the file and runs it again. */
  const run = async <T>(sql: (from: string) => string, rejects: boolean, exec: (s: string) => Promise<Result<T, IngestError>>): Promise<Result<T, IngestError>> => {
    const src = await register();
    if (!src.ok) return src;
    if (options.cancel.aborted) return err({ kind: 'cancelled' });
    let r = await exec(sql(readSql(src.value, rejects)));
    if (!r.ok && !normalized && r.error.kind === 'sql' && /state machine|strict|line end|newline/i.test(r.error.message)) {
      normalized = true;
      path4engine = undefined;
      const again = await register();
      if (!again.ok) return again;
      r = await exec(sql(readSql(again.value, rejects)));
    }
    if (!r.ok && r.error.kind === 'sql') return err({ kind: 'file-format', path, reason: `cannot read as delimited text: ${firstLine(r.error.message)}` });
    return r;
  };

  const rowSource: RowSource & { encoding?: TextEncoding } = {
    columns,
    format: 'csv',
    encoding,
    delimiter: options.delimiter,
    rowNumbering: 'spreadsheet row (header = 1)',
    rowOffset: 2,
    previewRows: async (limit) => ok(parseDelimited(headText, options.delimiter, limit + 1, !whole).slice(1).map((r) => columns.map((_c, j) => (r[j] === undefined || r[j] === '' ? null : (r[j] as string))))),
    query: (sql) => run(sql, false, (s) => engine.query(s)),
    async create(sql, control) {
      const made = await run(sql, true, (s) => engine.query(s, control));
      if (!made.ok) {
        await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(rejErr)}; DROP TABLE IF EXISTS ${quoteIdent(rejScan)}`);
        return made;
      }
      const rejects = await collectRejects(engine, { rejErr, rejScan, rejectsTable });
      // Bytes that are not UTF-8 after an all-ASCII start: a Windows-1252 export (Excel's
      // default) with its first accented letter further down. Read it again as such.
      if (rejects.ok && rejects.value.count > 0 && asciiHead && encoding === 'utf-8') {
        const bad = await engine.query(`SELECT count(*)::INT AS n FROM ${quoteIdent(rejectsTable)} WHERE detail LIKE '%invalid encoding%'`);
        if (bad.ok && Number(bad.value.getChild('n')?.get(0) ?? 0) > 0) {
          await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}`);
          encoding = 'windows-1252';
          rowSource.encoding = encoding;
          normalized = true;
          path4engine = undefined;
          const again = await run(sql, true, (s) => engine.query(s, control));
          if (!again.ok) return again;
          return collectRejects(engine, { rejErr, rejScan, rejectsTable });
        }
      }
      return rejects;
    },
    async dispose() {
      await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejErr)}; DROP TABLE IF EXISTS ${quoteIdent(rejScan)}`);
      if (registered) await engine.dropFile(bufferName);
    },
  };
  return ok(rowSource);
}

/** Folds DuckDB's per-error reject rows into one row per rejected record. */
async function collectRejects(engine: SqlEngine, t: { rejErr: string; rejScan: string; rejectsTable: string }): Promise<Result<Rejects, IngestError>> {
  const made = await engine.query(
    `CREATE OR REPLACE TABLE ${quoteIdent(t.rejectsTable)} AS SELECT CAST(line AS INTEGER) AS source_row, first(csv_line) AS raw_text, ` +
      `string_agg(DISTINCT lower(error_type), '; ') AS detail FROM ${quoteIdent(t.rejErr)} GROUP BY line ORDER BY line; ` +
      `DROP TABLE IF EXISTS ${quoteIdent(t.rejErr)}; DROP TABLE IF EXISTS ${quoteIdent(t.rejScan)}`,
  );
  if (!made.ok) return made;
  const lines = await engine.query(`SELECT source_row FROM ${quoteIdent(t.rejectsTable)} ORDER BY source_row`);
  if (!lines.ok) return lines;
  const rows = int32Column(lines.value, 'source_row');
  if (rows.length === 0) {
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(t.rejectsTable)}`);
    return ok({ count: 0, rows });
  }
  return ok({ table: t.rejectsTable, count: rows.length, rows });
}

/** The "file too large" error, with sizes in plain units. */
export function tooLarge(path: string, size: number, limit: number): IngestError {
  return {
    kind: 'file-format',
    path,
    reason: `the file is ${formatBytes(size)}, more than the ${formatBytes(limit)} an import can hold in memory (the engine keeps the text and a typed copy: several times the file size); split the export (for example by year) and load the parts`,
  };
}

/** 1536 -> "1.5 KB"; decimal units as file managers show them. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

/** "commas", "tabs", ... for messages. */
export function delimiterName(d: string): string {
  return d === ',' ? 'commas' : d === '\t' ? 'tabs' : d === '|' ? 'pipes' : 'semicolons';
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim() !== '') ?? s).trim();
}
