/**
 * The import pipeline: one file -> a normalized table, a quarantine table and a summary with the
 * quality report. Pure and engine-agnostic: the CLI runs it on the Node engine with files by
 * path, the app on the browser engine with files as buffers. Steps: open the rows (read-raw.ts),
 * map columns (detect-mapping.ts), normalize in one SQL statement that also reads the CSV
 * (normalize-sql.ts), resolve coordinates in JS (coordinates.ts), find duplicates and number
 * case rows (facts.ts), assemble (assemble-sql.ts), report (quality-sql.ts). Every row read ends
 * up loaded or quarantined; the counts are checked before the result is returned. On failure or
 * cancellation every working table is dropped and nothing already loaded is touched.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { QueryControl, SqlEngine } from '../../engine/sql-engine';
import { quoteIdent, toTableName } from '../../engine/sql';
import { validateAnalysisCrs } from '../geo/crs-suggest';
import { originalsOf } from './assemble-sql';
import { addSourceColumns } from './source-columns';
import { detectMapping } from './detect-mapping';
import { validateMapping, type ColumnMapping } from './mapping';
import { buildStageSql, cleanUpperSql } from './normalize-sql';
import { codeForDescription, DEFAULT_OFFENSE_DICTIONARY, type OffenseDictionary } from './offense-dictionary';
import { DEFAULT_MAX_FILE_BYTES, type IngestOptions } from './options';
import { finishImport, resolveAllCoordinates } from './pipeline-steps';
import { workTablePrefix, type IngestError, type RowSource } from './raw-table';
import { tooLarge } from './read-csv';
import { openRowSource } from './read-raw';
import { NEVER_CANCELLED, type CancelToken, type IngestProgress, type IngestSource } from './source';
import type { IngestSummary } from './summary';

export interface IngestResult {
  /** The normalized dataset table. */
  readonly table: string;
  /** Quarantined rows (source_row, reason, reasons, detail, raw_text, original columns). */
  readonly quarantineTable: string;
  readonly summary: IngestSummary;
}

/** Thrown inside the pipeline to unwind with a value; caught at its edge (never escapes). */
class Stop {
  constructor(readonly error: IngestError) {}
}

/**
 * Imports `source` into `engine` (see module comment). The normalized table is `options.table`
 * or the file's name (toTableName), replaced if it exists, but only at the end: a failed import
 * leaves the previous table as it was.
 */
export async function ingestSource(engine: SqlEngine, source: IngestSource, options: IngestOptions = {}): Promise<Result<IngestResult, IngestError>> {
  const prefix = workTablePrefix();
  const work = { raw: `${prefix}_raw`, stage: `${prefix}_stage`, facts: `${prefix}_facts`, cand: `${prefix}_cand`, final: `${prefix}_final`, quarantine: `${prefix}_quarantine` };
  const cancel = options.cancel ?? NEVER_CANCELLED;
  const progress = (stage: IngestProgress['stage'], fraction: number, message: string) => options.onProgress?.({ stage, fraction, message });
  let rows: RowSource | undefined;
  const check = () => {
    if (cancel.aborted) throw new Stop({ kind: 'cancelled' });
  };
  const must = <T>(r: Result<T, IngestError>): T => {
    if (!r.ok) throw new Stop(outOfMemory(r.error, source.fileName));
    return r.value;
  };
  try {
    if (options.analysisCrs) {
      const problem = validateAnalysisCrs(options.analysisCrs);
      if (problem) return err({ kind: 'invalid-argument', name: '--analysis-crs', value: options.analysisCrs, expected: `a metric projected CRS (${problem})` });
    }
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (source.size > maxBytes) return err(tooLarge(source.fileName, source.size, maxBytes));
    progress('read', 0.02, `opening ${source.fileName}`);
    rows = must(await openRowSource(engine, source, { table: work.raw, maxBytes, cancel, ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.sheet !== undefined ? { sheet: options.sheet } : {}) }));
    check();
    const mapping = must(await chooseMapping(rows, source.fileName, options));
    const dictionary = options.dictionary ?? DEFAULT_OFFENSE_DICTIONARY;
    const inferredCodes = mapping.roles.offense_code === undefined && mapping.roles.offense_description !== undefined ? must(await inferCodes(rows, mapping, dictionary)) : undefined;
    check();
    progress('read', 0.05, `reading and normalizing ${source.fileName}`);
    const originals = originalsOf(rows.columns);
    // The longest statement: DuckDB's own progress through the file moves the bar from 5% to 55%
    // (Node engine); where the engine gives none (browser), the seconds spent so far show it runs.
    const reading = stepControl(cancel, (f, seconds) =>
      f === undefined
        ? progress('read', 0.05, `reading and normalizing ${source.fileName} (${formatMegabytes(source.size)}): ${Math.floor(seconds)} s`)
        : progress('read', 0.05 + 0.5 * f, `reading and normalizing ${source.fileName}: ${Math.floor(f * 100)}%`),
    );
    const rejects = must(
      await rows.create((from) => buildStageSql({ from: `${from} r`, stage: work.stage, originals, mapping, dictionary, ...(inferredCodes ? { inferredCodes } : {}) }), reading),
    );
    check();
    const counted = must(await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(work.stage)}`));
    const stageRows = Number(counted.getChild('n')?.get(0) ?? 0);
    if (stageRows === 0 && rejects.count > 0) throw new Stop(await noRecordMatches(engine, source.fileName, rows, rejects.table as string));
    if (stageRows === 0) throw new Stop({ kind: 'file-format', path: source.fileName, row: 1, reason: 'the file has a header but no data rows' });
    progress('coordinates', 0.55, `${(stageRows + rejects.count).toLocaleString('en-US')} rows read; checking coordinates`);

    const coords = must(await resolveAllCoordinates(engine, source.fileName, rows, work.stage, mapping, options));
    check();
    progress('finish', 0.75, 'assembling the dataset');
    const table = options.table ?? datasetTableName(source.fileName);
    const assembling = stepControl(cancel, (f, seconds) =>
      f === undefined ? progress('finish', 0.75, `assembling the dataset: ${Math.floor(seconds)} s`) : progress('finish', 0.75 + 0.2 * f, `assembling the dataset: ${Math.floor(f * 100)}%`),
    );
    const summary = must(await finishImport(engine, { rows, rejects, work, originals, mapping, coords, options, table, inferred: inferredCodes !== undefined, file: source.fileName, control: assembling }));
    must(await addSourceColumns(engine, table, mapping, originals));
    progress('quality', 1, 'done');
    return ok({ table, quarantineTable: `${table}_quarantine`, summary });
  } catch (e) {
    if (e instanceof Stop) return err(e.error);
    throw e;
  } finally {
    for (const t of Object.values(work)) await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
    await rows?.dispose();
  }
}

/**
 * Control of one long statement: `report(fraction, seconds)` with the engine's fraction done, or
 * undefined (and the seconds so far) until it gives one; at most one report per whole second,
 * from the first second on, while no fraction has come.
 */
function stepControl(cancel: CancelToken, report: (fraction: number | undefined, seconds: number) => void): QueryControl {
  let fraction: number | undefined;
  let shown = -1;
  return {
    cancel,
    onProgress: (f) => {
      fraction = f;
      report(f, 0);
    },
    onWait: (seconds) => {
      if (fraction !== undefined || seconds < 1 || Math.floor(seconds) === shown) return;
      shown = Math.floor(seconds);
      report(undefined, seconds);
    },
  };
}

/** "31 MB" (decimal megabytes, as file managers show them; "0.4 MB" under 1 MB). */
function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb < 1 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-US')} MB`;
}

/**
 * The table name for a file: toTableName of the name without a data-file extension
 * ("Robberies 2019.xlsx" -> "robberies_2019", "beats.geojson" -> "beats").
 */
export function datasetTableName(fileName: string): string {
  return toTableName(fileName.replace(/\.(csv|tsv|txt|psv|xlsx|xlsm|geojson|json|zip|shp|parquet|pq)$/i, ''));
}

/** The given mapping (validated) or one detected from the first 500 rows. */
async function chooseMapping(rows: RowSource, file: string, options: IngestOptions): Promise<Result<ColumnMapping, IngestError>> {
  if (options.mapping) {
    const m = options.kind && options.kind !== options.mapping.kind ? { ...options.mapping, kind: options.kind } : options.mapping;
    return validateMapping(m, rows.columns, file);
  }
  const sample = await rows.previewRows(500);
  if (!sample.ok) return sample;
  return ok(detectMapping(rows.columns, sample.value, options.kind ?? 'incidents').mapping);
}

/** Offense codes inferred from distinct descriptions by dictionary keywords (there is no code column). */
async function inferCodes(rows: RowSource, mapping: ColumnMapping, dictionary: OffenseDictionary): Promise<Result<Map<string, string>, IngestError>> {
  const d = await rows.query((from) => `SELECT DISTINCT ${cleanUpperSql(`r.${quoteIdent(mapping.roles.offense_description as string)}`)} AS d FROM ${from} r LIMIT 20000`);
  if (!d.ok) return d;
  const out = new Map<string, string>();
  const v = d.value.getChild('d');
  for (let i = 0; i < d.value.numRows; i++) {
    const text = v?.get(i) as string | null;
    if (!text) continue;
    const code = codeForDescription(dictionary, text);
    if (code) out.set(text, code);
  }
  return ok(out);
}

/** DuckDB running out of memory mid-import, in the words of the "file too large" message. */
function outOfMemory(e: IngestError, path: string): IngestError {
  const text = e.kind === 'sql' ? e.message : e.kind === 'file-format' ? e.reason : '';
  if (!/out of memory/i.test(text)) return e;
  return { kind: 'file-format', path, reason: 'the engine ran out of memory while importing this file; split the export (for example by year) and load the parts' };
}

async function noRecordMatches(engine: SqlEngine, path: string, rows: RowSource, rejects: string): Promise<AppError> {
  const first = await engine.query(`SELECT source_row, detail FROM ${quoteIdent(rejects)} ORDER BY source_row LIMIT 1`);
  const row = first.ok ? (first.value.get(0)?.toJSON() as { source_row?: number; detail?: string } | undefined) : undefined;
  return {
    kind: 'file-format',
    path,
    row: Number(row?.source_row ?? 2),
    reason: `no record has the header's ${rows.columns.length} columns (first problem: ${row?.detail ?? 'unknown'}); check the delimiter (${rows.delimiter === '\t' ? 'tab' : rows.delimiter ?? ','} was used) and quoting`,
  };
}
