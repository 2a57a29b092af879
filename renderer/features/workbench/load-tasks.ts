import { formatAppError } from '../../../shared/base/errors';
import type { SampleOptions } from '../../../shared/domain/sample';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { sniffFormat } from '../../../shared/domain/ingest/sniff';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { toTableName } from '../../../shared/engine/sql';
import type { HostApi } from '../../../shared/contract/host-api';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { basemapFor, logEntry } from '../project/project-tasks';
import { datasetViewOf } from './dataset-view';
import { generateSampleFiles, parseGeojsonFile } from './load-sample-city';

/** Loads CSV (or Parquet) bytes as table `table` and reads its map points. Throws a plain-words Error. */
async function loadIncidentBytes(engine: SqlEngine, fileName: string, bytes: Uint8Array, table: string): Promise<DatasetView> {
  const sqlSource = `${table}.src`;
  // The browser engine takes ownership of registered bytes (they move to its worker), so keep a
  // copy of the head for sniffing, and register only text: Parquet is decoded here in JS.
  const head = bytes.slice(0, 65536);
  if (sniffFormat(fileName, head).format !== 'parquet') await engine.registerFileBuffer(sqlSource, bytes);
  const loaded = await loadTableFromSource(engine, { fileName, head, sqlSource, readAll: async () => bytes }, table);
  if (!loaded.ok) throw new Error(formatAppError(loaded.error));
  return datasetViewOf(engine, fileName, table);
}

const SAMPLE_LAYER_ROLES = [
  ['streets', 'Streets', 'streets'],
  ['beats', 'Beats', 'beats'],
  ['districts', 'Districts', 'districts'],
] as const;

/**
 * Start-up task: generate the built-in sample city (in a worker) while DuckDB starts (in its
 * worker), load its RMS export, and open it as a new project on the offline base map.
 */
export async function openSampleCity(store: Store, enginePromise: Promise<SqlEngine>, options: SampleOptions): Promise<void> {
  try {
    store.dispatch({ type: 'progress', message: 'Generating the sample city and starting the database…' });
    const [files, engine] = await Promise.all([generateSampleFiles(options), enginePromise]);
    const incidents = files.get('incidents.csv');
    if (!incidents) throw new Error('the sample city has no incidents.csv');
    store.dispatch({ type: 'progress', message: 'Loading incidents into DuckDB…' });
    const dataset = await loadIncidentBytes(engine, 'incidents.csv', incidents, 'incidents');
    const layers: ProjectLayer[] = [];
    for (const [id, name, role] of SAMPLE_LAYER_ROLES) {
      const fc = parseGeojsonFile(files, `${id}.geojson`);
      if (fc) layers.push({ meta: { id, name, role, features: fc.features.length }, geojson: fc as ProjectLayer['geojson'] });
    }
    const now = new Date().toISOString();
    store.dispatch({
      type: 'project-opened',
      dataset,
      basemap: basemapFor(layers, dataset, 'Sample city'),
      doc: null,
      project: {
        title: 'Sample city',
        fileName: null,
        path: null,
        readOnly: false,
        problems: [],
        createdAt: now,
        layers,
        log: [logEntry('sample.generate', { seed: options.seed ?? 'default', incidents: options.incidents ?? 'default' })],
      },
    });
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not open the sample city: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/**
 * "Open incidents CSV…": the analyst picks a CSV with longitude, latitude and offense columns; it is
 * loaded into DuckDB and replaces the points on the map. The current view stays until it succeeds.
 */
export async function openIncidentFile(store: Store, host: HostApi, enginePromise: Promise<SqlEngine>): Promise<void> {
  const picked = await host.openFiles({ title: 'Open an incidents CSV', filters: [{ name: 'CSV', extensions: ['csv', 'txt', 'tsv'] }] });
  if (!picked.ok) {
    store.dispatch({ type: 'failed', message: formatAppError(picked.error) });
    return;
  }
  const file = picked.value[0];
  if (!file) return;
  try {
    store.dispatch({ type: 'progress', message: `Loading ${file.name}…` });
    const engine = await enginePromise;
    const dataset = await loadIncidentBytes(engine, file.name, file.bytes, `file_${toTableName(file.name)}`);
    const layers = store.getState().project.layers;
    store.dispatch({ type: 'dataset-loaded', dataset, basemap: basemapFor(layers, dataset, file.name), log: logEntry('dataset.load', { file: file.name, rows: dataset.rows }) });
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not open ${file.name}. ${e instanceof Error ? e.message : String(e)}` });
  }
}
