import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { buildOrderedRowsSql, buildPageSql, formatArrowCsv } from '../../../shared/domain/explore/table-query';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { TableInfo } from './table-info';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import { toExportLogEntry } from '../../../shared/domain/privacy/export-log';

/** Rows the clipboard copy takes at most (a spreadsheet paste, not an export). */
export const COPY_LIMIT = 10_000;

/**
 * Copies the first {@link COPY_LIMIT} rows of the current order (the columns shown) to the
 * clipboard as formula-safe CSV. Returns a line for the analyst.
 */
export async function copyTableCsv(enginePromise: Promise<SqlEngine>, info: TableInfo, sensitive: readonly string[] = []): Promise<string> {
  const r = await (await enginePromise).query(buildPageSql(info.table, 0, COPY_LIMIT));
  if (!r.ok) return `Copy failed: ${formatAppError(r.error)}`;
  // Sensitive columns never go to the clipboard (Export CSV… can include them, logged).
  const csv = formatArrowCsv(r.value, ['pos', 'rid', ...sensitive]).replace(/^\uFEFF/, '');
  try {
    await navigator.clipboard.writeText(csv);
  } catch (e) {
    return `The clipboard refused the copy (${e instanceof Error ? e.message : String(e)}); use Export CSV…`;
  }
  return `Copied ${r.value.numRows.toLocaleString('en-US')} rows${r.value.numRows === COPY_LIMIT ? ' (the first 10,000; Export CSV… saves all)' : ''}.`;
}

/**
 * Saves every filtered row, all of the dataset's columns, in the table's order, as a CSV file
 * (UTF-8 with BOM, CRLF, text cells never start a formula) through the host's save dialog.
 */
export async function exportTableCsv(
  enginePromise: Promise<SqlEngine>,
  host: HostApi,
  info: TableInfo,
  datasetName: string,
  /** Sensitive columns: left out unless `includeSensitive`; the export is logged through `log`. */
  privacy: { sensitive: readonly string[]; includeSensitive: boolean; log?: (entry: LogEntry) => void } = { sensitive: [], includeSensitive: false },
): Promise<string> {
  const r = await (await enginePromise).query(buildOrderedRowsSql(info.table));
  if (!r.ok) return `Export failed: ${formatAppError(r.error)}`;
  const omitted = privacy.includeSensitive ? [] : r.value.schema.fields.map((f) => f.name).filter((c) => privacy.sensitive.includes(c));
  const bytes = new TextEncoder().encode(formatArrowCsv(r.value, omitted));
  const base = datasetName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'incidents';
  const suggestedName = `${base}-filtered.csv`;
  const saved = await host.saveFile({ suggestedName, bytes, filters: [{ name: 'CSV', extensions: ['csv'] }] });
  if (!saved.ok) return `Export failed: ${formatAppError(saved.error)}`;
  if (!saved.value.saved) return 'Export cancelled.';
  privacy.log?.(await toExportLogEntry({ kind: 'csv', format: 'csv', file: saved.value.path ?? suggestedName, bytes, rows: r.value.numRows, privacy: null, includeSensitive: privacy.includeSensitive, omitted, by: 'analyst', extra: { dataset: datasetName } }));
  return `Saved ${r.value.numRows.toLocaleString('en-US')} rows${omitted.length ? ` without ${omitted.join(', ')}` : ''}.`;
}
