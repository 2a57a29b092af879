/**
 * How an analysis is kept in a project: a JSON document at `analyses/<id>` (project.documents)
 * holding the method, parameters, stated convention, the hash of the data it ran on, when, the
 * summary, and the result table (inline when small, otherwise a reference to the files written
 * and the note that the parameters, seed and data hash reproduce it), plus a log entry
 * `analysis.<verb>` in the append-only project log. The CLI's --save and the UI write the same.
 */
import type { LogEntry } from '../project/manifest';
import { tableToColumnArrays, type AnalysisRun, type JsonValue, type ResultTable } from './result';

/** Document format marker and version (bumped if the shape changes). */
export const ANALYSIS_DOCUMENT_FORMAT = 'spi-analysis';
export const ANALYSIS_DOCUMENT_VERSION = 1;

/** Tables above this many cells (rows x columns) are stored by reference. */
export const MAX_INLINE_CELLS = 1_000_000;

/** Where the data came from and what was written. */
export interface AnalysisProvenance {
  readonly id: string;
  /** ISO time. */
  readonly createdAt: string;
  /** SHA-256 (hex) of the dataset the analysis read. */
  readonly dataHash: string;
  readonly dataset: {
    readonly id: string;
    /** Rows in the dataset, rows the filter kept, rows used (with coordinates etc.). */
    readonly rows: number;
    readonly matched: number;
    readonly used: number;
    readonly filter: string | null;
  };
  /** Files the run wrote (--out), as given. */
  readonly outputs: readonly string[];
  readonly by?: string;
}

/** The key of an analysis in project.documents. */
export function analysisDocumentKey(id: string): string {
  return `analyses/${id}`;
}

/**
 * A new analysis id: `<verb>-<YYYYMMDD>-<HHMMSS>` from `createdAt`, with `-2`, `-3`, ... when
 * that key is already taken in `documents`.
 */
export function nextAnalysisId(verb: string, createdAt: string, documents: Readonly<Record<string, unknown>>): string {
  const stamp = createdAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const base = `${verb}-${stamp}`.toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  let id = base;
  for (let i = 2; analysisDocumentKey(id) in documents; i++) id = `${base}-${i}`;
  return id;
}

function storeTable(table: ResultTable, maxInlineCells: number): JsonValue {
  const cells = table.rows * table.columns.length;
  if (cells <= maxInlineCells) return { name: table.name, rows: table.rows, columns: tableToColumnArrays(table) };
  return { name: table.name, rows: table.rows, columnNames: table.columns.map((c) => c.name), stored: false };
}

/**
 * The JSON-safe document (non-finite numbers become null). `extra` holds method-specific
 * results (e.g. cluster hulls as GeoJSON). Tables larger than `maxInlineCells` are described,
 * not stored: `result.storage` is then 'reference' and names the files written, if any.
 */
export function toAnalysisDocument(
  run: AnalysisRun,
  provenance: AnalysisProvenance,
  options: { maxInlineCells?: number; extra?: Record<string, JsonValue> } = {},
): Record<string, JsonValue> {
  const max = options.maxInlineCells ?? MAX_INLINE_CELLS;
  const inline = run.table.rows * run.table.columns.length <= max;
  return {
    format: ANALYSIS_DOCUMENT_FORMAT,
    version: ANALYSIS_DOCUMENT_VERSION,
    id: provenance.id,
    verb: run.verb,
    method: run.method,
    parameters: run.parameters,
    convention: [...run.convention],
    dataset: { ...provenance.dataset },
    dataHash: provenance.dataHash,
    createdAt: provenance.createdAt,
    summary: run.summary,
    warnings: [...run.warnings],
    result: inline
      ? { storage: 'inline', table: storeTable(run.table, max), tables: run.tables.map((t) => storeTable(t, max)) }
      : {
          storage: 'reference',
          table: storeTable(run.table, max),
          tables: run.tables.map((t) => storeTable(t, max)),
          files: [...provenance.outputs],
          note: `The table (${run.table.rows.toLocaleString('en-US')} rows) is not stored in the project; the parameters, seed and data hash reproduce it.`,
        },
    ...(options.extra ?? {}),
  };
}

/** The log entry of a saved analysis (action `analysis.<verb>`). */
export function toAnalysisLogEntry(run: AnalysisRun, provenance: AnalysisProvenance): LogEntry {
  return {
    at: provenance.createdAt,
    by: provenance.by ?? '',
    action: `analysis.${run.verb}`,
    parameters: {
      ...run.parameters,
      dataset: provenance.dataset.id,
      filter: provenance.dataset.filter,
      document: analysisDocumentKey(provenance.id),
    },
    dataHashes: { [provenance.dataset.id]: provenance.dataHash },
  };
}
