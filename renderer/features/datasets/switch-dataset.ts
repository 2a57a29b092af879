import { formatAppError } from '../../../shared/base/errors';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { Store } from '../../state/store';
import { basemapFor, logEntry } from '../project/project-tasks';
import { datasetViewOf } from '../workbench/dataset-view';
import { loadedTableOf, markLoaded, projectDatasets, projectTableName } from './project-datasets';
import { SHOWN_DOCUMENT } from './shown-dataset';

/**
 * Shows dataset `id` of the open project: loads its table into DuckDB (once per open; later
 * switches reuse the engine table), reads its map points and dispatches `dataset-loaded`, so the
 * map, filters, charts, table and analyses follow it. The switch is logged (`dataset.show`) and
 * remembered in the project (`sources/shown`); `restore` (reopening a project on the dataset it
 * showed) does neither. A dataset the project does not hold, or one that was damaged, is
 * reported as a failure.
 */
export async function switchDataset(store: Store, enginePromise: Promise<SqlEngine>, id: string, opts: { restore?: boolean } = {}): Promise<void> {
  const { project } = store.getState();
  const ds = projectDatasets(project.createdAt).find((d) => d.meta.id === id);
  if (!ds || !ds.table) {
    store.dispatch({ type: 'failed', message: `Could not show dataset ${id}: ${ds ? 'its data is damaged' : 'the project has no such dataset'}` });
    return;
  }
  try {
    store.dispatch({ type: 'progress', message: `Loading ${ds.meta.name}…` });
    const engine = await enginePromise;
    let table = loadedTableOf(project.createdAt, id);
    if (!table) {
      table = projectTableName(id);
      const inserted = await engine.insertArrowTable(table, ds.table);
      if (!inserted.ok) throw new Error(formatAppError(inserted.error));
      markLoaded(project.createdAt, id, table);
    }
    const dataset = { ...(await datasetViewOf(engine, ds.meta.name, table)), stored: { meta: ds.meta, parquet: ds.parquet } };
    store.dispatch({
      type: 'dataset-loaded',
      dataset,
      // The base map stays (same project, same reference layers): no map rebuild, the view stays.
      basemap: store.getState().basemap ?? basemapFor(project.layers, dataset, project.title),
      ...(opts.restore ? {} : { log: logEntry('dataset.show', { dataset: id, kind: ds.meta.kind, rows: ds.meta.rows }) }),
    });
    if (!opts.restore) store.dispatch({ type: 'set-document', path: SHOWN_DOCUMENT, value: { dataset: id } });
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not show ${ds.meta.name}: ${e instanceof Error ? e.message : String(e)}` });
  }
}
