/**
 * "Append newer export…" in the app: the picked file goes through the ingest pipeline with the
 * shown dataset's saved mapping and is deduplicated by case number by the SAME shared code as
 * `spi project append` (shared/domain/project/append.ts: appendToDataset, appendLogEntry). The
 * preview changes nothing; confirming replaces the dataset in the open project (a new engine
 * table, the remembered project datasets, the shown view) and logs `dataset.append` with the
 * before/after/export hashes. The previous dataset stays in memory and in its engine table, so
 * "Undo append" restores it exactly until the project is saved (or another project is opened).
 */
import { formatAppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import { err, ok, type Result } from '../../../shared/base/result';
import { appendLogEntry, appendToDataset, type AppendResult } from '../../../shared/domain/project/append';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/domain/project/manifest';
import { toPartId, type ProjectDataset } from '../../../shared/domain/project/project';
import { sourceFromBytes } from '../../../shared/domain/ingest/source';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { loadedTableOf, markLoaded, projectDatasets, projectTableName, rememberProjectDatasets } from '../datasets/project-datasets';
import { logEntry } from '../project/project-tasks';
import { datasetViewOf } from '../workbench/dataset-view';

/** The shown dataset as the append code needs it, and where it came from. */
export interface AppendTarget {
  readonly dataset: ProjectDataset;
  /** 'project': a dataset of the opened project; 'imported': loaded by the import dialog, not saved yet. */
  readonly origin: 'project' | 'imported';
  readonly view: DatasetView;
}

/**
 * The shown dataset, if an export can be appended to it: a project dataset (its saved mapping)
 * or a dataset loaded by the import dialog (the mapping it was imported with). Errors in plain
 * words: nothing shown, a read-only project, or a raw export loaded without a column mapping.
 */
export async function appendTargetOf(store: Store, engine: SqlEngine): Promise<Result<AppendTarget, string>> {
  const { dataset: view, project } = store.getState();
  if (!view) return err('No dataset is shown: open a project or import incidents first.');
  if (project.readOnly) return err('The project opened read-only (damaged or written by a newer version): nothing can be appended; save a copy first.');
  if (view.stored) {
    const ds = projectDatasets(project.createdAt).find((d) => d.meta.id === view.stored!.meta.id);
    if (!ds || !ds.table) return err(`Dataset ${view.stored.meta.id} of this project is damaged or not readable: nothing can be appended to it.`);
    return ok({ dataset: ds, origin: 'project', view });
  }
  const imp = view.imported;
  const mapping = (imp?.summary as { mapping?: unknown } | undefined)?.mapping;
  if (!imp || !mapping) return err(`${view.name} was loaded as a raw export without a column mapping: append works on a dataset imported with the Import dialog (its mapping) or opened from a project. Import the older export first, then append the newer one.`);
  const table = await engine.query(`SELECT * FROM ${quoteIdent(view.table)}`);
  if (!table.ok) return err(formatAppError(table.error));
  const q = await engine.query(`SELECT * FROM ${quoteIdent(imp.quarantineTable)}`);
  const kind = (DATASET_KINDS as readonly string[]).includes(imp.kind) ? (imp.kind as DatasetKind) : 'incidents';
  const dataset: ProjectDataset = {
    meta: {
      id: toPartId(view.name),
      name: view.name,
      kind,
      rows: table.value.numRows,
      source: { fileName: view.name, sha256: null, bytes: null, storage: 'embedded', path: null },
      crs: { source: imp.sourceCrs, analysis: imp.analysisCrs },
      mapping,
      hasQuarantine: q.ok,
      hasQuality: true,
      ...(view.sensitive ? { sensitive: [...view.sensitive] } : {}),
    },
    table: table.value,
    quarantine: q.ok ? q.value : null,
    quality: imp.summary,
  };
  return ok({ dataset, origin: 'imported', view });
}

/** The preview of an append: what would change, nothing changed yet. */
export interface AppendPreview {
  readonly target: AppendTarget;
  readonly result: AppendResult;
  readonly fileName: string;
}

/**
 * Runs the shared append on `bytes` against the target (nothing in the project changes). Errors:
 * the shared code's message (file, row, column and value where the ingest names them), prefixed
 * with the file name.
 */
export async function previewAppend(engine: SqlEngine, target: AppendTarget, fileName: string, bytes: Uint8Array): Promise<Result<AppendPreview, string>> {
  // Hash first: the browser engine may take ownership of the bytes when they are registered.
  const exportSha256 = await sha256Hex(bytes);
  const r = await appendToDataset(engine, target.dataset, sourceFromBytes(fileName, bytes), { exportSha256 });
  if (!r.ok) return err(`${fileName} was not appended, nothing changed: ${formatAppError(r.error)}`);
  return ok({ target, result: r.value, fileName });
}

/** What "Undo append" needs: the dataset and view shown before, and the view the append showed. */
interface UndoRecord {
  readonly createdAt: string;
  readonly previous: AppendTarget;
  readonly previousTable: string;
  readonly appliedView: DatasetView;
  readonly hashes: AppendResult['hashes'];
  readonly fileName: string;
}

let lastAppend: UndoRecord | null = null;
let tableSerial = 0;

/** Replaces the remembered project dataset `ds.meta.id` (other datasets keep their engine tables). */
function rememberReplaced(createdAt: string, ds: ProjectDataset, table: string): void {
  const all = projectDatasets(createdAt);
  const loaded = all.map((d) => [d.meta.id, loadedTableOf(createdAt, d.meta.id)] as const);
  rememberProjectDatasets(createdAt, all.map((d) => (d.meta.id === ds.meta.id ? ds : d)));
  for (const [id, t] of loaded) if (t && id !== ds.meta.id) markLoaded(createdAt, id, t);
  markLoaded(createdAt, ds.meta.id, table);
}

/**
 * Confirms a previewed append: loads the merged data as a new engine table, replaces the dataset
 * in the open project, shows it and logs `dataset.append` (counts and hashes, appendLogEntry).
 * The previous table is kept for "Undo append". Throws a plain-words Error when the engine fails.
 */
export async function confirmAppend(store: Store, engine: SqlEngine, p: AppendPreview): Promise<void> {
  const { result, target } = p;
  const createdAt = store.getState().project.createdAt;
  const base = target.origin === 'project' ? projectTableName(result.dataset.meta.id) : target.view.table;
  const table = `${base}_append${++tableSerial}`;
  const inserted = await engine.insertArrowTable(table, result.dataset.table!);
  if (!inserted.ok) throw new Error(formatAppError(inserted.error));
  let view: DatasetView;
  const shown = await datasetViewOf(engine, target.view.name, table);
  if (target.origin === 'project') {
    rememberReplaced(createdAt, result.dataset, table);
    view = { ...shown, stored: { meta: result.dataset.meta, parquet: result.dataset.parquet }, ...(target.view.sensitive ? { sensitive: target.view.sensitive } : {}) };
  } else {
    const imp = target.view.imported!;
    let quarantineTable = imp.quarantineTable;
    if (result.dataset.quarantine) {
      quarantineTable = `${table}_quarantine`;
      const q = await engine.insertArrowTable(quarantineTable, result.dataset.quarantine);
      if (!q.ok) throw new Error(formatAppError(q.error));
    }
    view = { ...shown, imported: { ...imp, quarantineTable, summary: { ...(imp.summary as object), mapping: result.mapping } }, ...(target.view.sensitive ? { sensitive: target.view.sensitive } : {}) };
  }
  const entry = appendLogEntry(result, p.fileName, new Date().toISOString(), 'analyst');
  lastAppend = { createdAt, previous: target, previousTable: target.view.table, appliedView: view, hashes: result.hashes, fileName: p.fileName };
  store.dispatch({ type: 'dataset-loaded', dataset: view, basemap: store.getState().basemap!, log: entry });
}

/** True while the last append of this project can be undone: its data is shown and not saved yet. */
export function canUndoAppend(store: Store): boolean {
  const s = store.getState();
  return lastAppend !== null && lastAppend.createdAt === s.project.createdAt && s.dataset === lastAppend.appliedView && s.dataDirty;
}

/** What the last append replaced (for the panel's message), or null. */
export function lastAppendFile(): string | null {
  return lastAppend?.fileName ?? null;
}

/**
 * "Undo append": shows the previous dataset again (its own engine table and bytes, untouched)
 * and logs `dataset.append.undo` with the hashes of the data restored and dropped.
 */
export function undoAppend(store: Store): boolean {
  if (!canUndoAppend(store) || !lastAppend) return false;
  const u = lastAppend;
  if (u.previous.origin === 'project') rememberReplaced(u.createdAt, u.previous.dataset, u.previousTable);
  const id = u.previous.dataset.meta.id;
  const entry = { ...logEntry('dataset.append.undo', { dataset: id, export: u.fileName }, `undid the append of ${u.fileName}`), dataHashes: { [id]: u.hashes.before, [`${id}@undone`]: u.hashes.after } };
  lastAppend = null;
  store.dispatch({ type: 'dataset-loaded', dataset: u.previous.view, basemap: store.getState().basemap!, log: entry });
  return true;
}
