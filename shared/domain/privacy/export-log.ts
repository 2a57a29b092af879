/**
 * The export log: every file that leaves the workbench (target lists, briefing maps, project
 * exports, CSV of tables) appends one entry to the project log, `export.<kind>`, with what was
 * written (format, file, rows), under which privacy profile, whether sensitive fields were
 * included (and which were left out), and the SHA-256 of the bytes, so an auditor can match a
 * file found elsewhere to the export that made it. Target lists build theirs with
 * outputs/targets/export.ts toTargetExportLogEntry (same parameter names).
 */
import { sha256Hex } from '../../base/hash';
import type { LogEntry } from '../project/manifest';

/** The kinds of export, `export.<kind>` in the log. */
export type ExportKind = 'targets' | 'map' | 'project' | 'csv' | 'report' | 'log';

/** What one export wrote. */
export interface ExportRecord {
  readonly kind: ExportKind;
  /** File format ("csv", "pdf", "png", "parquet", "folder", ...). */
  readonly format: string;
  /** Where it went: a path, or the suggested name of a browser download. */
  readonly file: string;
  /** The bytes written; for an export of several files, their SHA-256 per file in `files`. */
  readonly bytes: Uint8Array | null;
  /** Rows of data written (null when the export has no rows, e.g. a map image). */
  readonly rows: number | null;
  /** Name of the privacy profile applied (null: none applies to this export). */
  readonly privacy: string | null;
  /** True when the analyst ticked "include sensitive fields" (or `--include-sensitive`). */
  readonly includeSensitive: boolean;
  /** Sensitive columns left out (empty when included or when there were none). */
  readonly omitted?: readonly string[];
  /** Who exported ("analyst" in the app, the CLI verb otherwise). */
  readonly by: string;
  readonly dataHashes?: Readonly<Record<string, string>>;
  /** SHA-256 of each file of a multi-file export, by relative name. */
  readonly files?: Readonly<Record<string, string>>;
  /** Further parameters of this kind of export (layout name, pages, ...). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** ISO time; default now. */
  readonly at?: string;
}

/**
 * The log entry of an export: action `export.<kind>`, parameters {format, file, rows, privacy,
 * includeSensitive, sensitiveOmitted, fileSha256, bytes, files?, ...extra}. `fileSha256` is the
 * lower-case hex SHA-256 of `bytes` (null for a multi-file export, whose `files` lists each).
 */
export async function toExportLogEntry(r: ExportRecord): Promise<LogEntry> {
  return {
    at: r.at ?? new Date().toISOString(),
    by: r.by,
    action: `export.${r.kind}`,
    parameters: {
      ...(r.extra ?? {}),
      format: r.format,
      file: r.file,
      rows: r.rows,
      privacy: r.privacy,
      includeSensitive: r.includeSensitive,
      sensitiveOmitted: [...(r.omitted ?? [])],
      fileSha256: r.bytes ? await sha256Hex(r.bytes) : null,
      bytes: r.bytes ? r.bytes.length : null,
      ...(r.files ? { files: { ...r.files } } : {}),
    },
    dataHashes: { ...(r.dataHashes ?? {}) },
  };
}

/** True for an export entry (`export.*`): what the decision log's "Exports" view lists. */
export function isExportEntry(e: Pick<LogEntry, 'action'>): boolean {
  return e.action.startsWith('export.');
}

/**
 * The log entry of revealing a masked sensitive value: which dataset, column and row, never the
 * value itself (the log travels with the project).
 */
export function toRevealLogEntry(dataset: string, column: string, rowId: number, by: string, at: string = new Date().toISOString()): LogEntry {
  return { at, by, action: 'privacy.reveal', parameters: { dataset, column, rowId }, dataHashes: {} };
}
