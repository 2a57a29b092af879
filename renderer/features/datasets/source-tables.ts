import { formatAppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import type { ProjectDataset } from '../../../shared/domain/project/project';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import { loadedTableOf, markLoaded, projectDatasets, projectTableName } from './project-datasets';

/** A dataset of the open project loaded into the engine. */
export interface LoadedDataset {
  readonly dataset: ProjectDataset;
  readonly table: string;
}

/**
 * Loads dataset `id` of the open project into the engine (once per open: later calls reuse the
 * engine table, as the Dataset picker does) and returns it with its table. A dataset the
 * project does not hold, or whose table is damaged, throws a plain-words Error naming it.
 */
export async function ensureDatasetLoaded(engine: SqlEngine, createdAt: string, id: string): Promise<LoadedDataset> {
  const dataset = projectDatasets(createdAt).find((d) => d.meta.id === id);
  if (!dataset) throw new Error(`The project has no dataset "${id}"`);
  if (!dataset.table) throw new Error(`Dataset "${id}" is damaged: its table cannot be read`);
  let table = loadedTableOf(createdAt, id);
  if (!table) {
    table = projectTableName(id);
    const inserted = await engine.insertArrowTable(table, dataset.table);
    if (!inserted.ok) throw new Error(formatAppError(inserted.error));
    markLoaded(createdAt, id, table);
  }
  return { dataset, table };
}

/** The SHA-256 the log records for a dataset: its source's, else its Parquet bytes' (as the CLI). */
export async function datasetHash(d: ProjectDataset): Promise<string> {
  if (d.meta.source.sha256) return d.meta.source.sha256;
  return d.parquet ? sha256Hex(d.parquet) : '';
}

/** The datasets of the open project whose kind is one of `kinds` (all when `kinds` is null). */
export function datasetsOfKinds(state: AppState, kinds: readonly string[] | null): readonly ProjectDataset[] {
  return projectDatasets(state.project.createdAt).filter((d) => d.table && (kinds === null || kinds.includes(d.meta.kind)));
}
