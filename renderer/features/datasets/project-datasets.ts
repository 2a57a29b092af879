import type { ProjectDataset } from '../../../shared/domain/project/project';

/**
 * The datasets of the project opened last (as read: description, Arrow table, Parquet bytes),
 * kept here rather than in the app state so the state stays small. Keyed by the project's
 * `createdAt`: a lookup for another project finds nothing. Only one project is kept; opening
 * another replaces it (and frees the previous tables).
 */
let opened: { createdAt: string; datasets: readonly ProjectDataset[]; loaded: Map<string, string> } | null = null;

/** Remembers the datasets of the project just opened (replacing any earlier project's). */
export function rememberProjectDatasets(createdAt: string, datasets: readonly ProjectDataset[]): void {
  opened = { createdAt, datasets, loaded: new Map() };
}

/** Forgets the remembered project (tests; a new project without datasets). */
export function forgetProjectDatasets(): void {
  opened = null;
}

/** The datasets of the opened project with this `createdAt`, in file order; empty when none is known. */
export function projectDatasets(createdAt: string): readonly ProjectDataset[] {
  return opened && opened.createdAt === createdAt ? opened.datasets : [];
}

/** The engine table a dataset of the remembered project was loaded into, if it was. */
export function loadedTableOf(createdAt: string, id: string): string | undefined {
  return opened && opened.createdAt === createdAt ? opened.loaded.get(id) : undefined;
}

/** Records that dataset `id` of the remembered project is loaded as engine table `table`. */
export function markLoaded(createdAt: string, id: string, table: string): void {
  if (opened && opened.createdAt === createdAt) opened.loaded.set(id, table);
}

/** The engine table name for a project dataset id (`project_<id>`, only [a-z0-9_]). */
export function projectTableName(id: string): string {
  return `project_${id.replace(/[^a-z0-9_]/g, '_')}`;
}

/**
 * The datasets a save writes besides the shown one: every remembered dataset of this project
 * whose id is not `shownId`, unchanged (their Parquet bytes are reused as read). Damaged
 * datasets (no table, no bytes) are left out, as the read-only open already reported.
 */
export function otherDatasetsToSave(createdAt: string, shownId: string | null): ProjectDataset[] {
  return projectDatasets(createdAt)
    .filter((d) => d.meta.id !== shownId && (d.parquet !== undefined || d.table !== null))
    .map((d) => ({ meta: d.meta, table: d.parquet ? null : d.table, ...(d.parquet ? { parquet: d.parquet } : {}), quarantine: d.quarantine, quality: d.quality }));
}
