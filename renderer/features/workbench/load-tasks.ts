import { formatAppError } from '../../../shared/base/errors';
import type { SampleOptions } from '../../../shared/domain/sample';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { sniffFormat } from '../../../shared/domain/ingest/sniff';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { ImportedDataset } from '../ingest/import-task';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { basemapFor, logEntry, openProjectBytes } from '../project/project-tasks';
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
 * Start-up: opens the sample city project shipped with the app (`sample-city.spiproj`, built by
 * `spi sample`), falling back to generating the city here when the file is not in the build.
 */
export async function openBundledSampleProject(store: Store, enginePromise: Promise<SqlEngine>): Promise<void> {
  store.dispatch({ type: 'progress', message: 'Opening the sample city project…' });
  const response = await fetch('./sample-city.spiproj').catch(() => null);
  if (response?.ok) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (await openProjectBytes(store, enginePromise, bytes, 'sample-city.spiproj', null, { asNew: true })) return;
  }
  await openSampleCity(store, enginePromise, {});
}

/**
 * After the import dialog loaded a normalized dataset: show it on the map (the project's reference
 * layers stay when they cover it) and log the import with its row accounting.
 */
export async function showImportedDataset(store: Store, enginePromise: Promise<SqlEngine>, d: ImportedDataset): Promise<void> {
  try {
    const engine = await enginePromise;
    const view = await datasetViewOf(engine, d.fileName, d.table);
    const s = d.summary;
    const dataset = {
      ...view,
      imported: { quarantineTable: d.quarantineTable, summary: s, kind: s.kind, sourceCrs: s.source_crs?.code ?? null, analysisCrs: s.analysis_crs?.code ?? null },
      sensitive: d.sensitive,
    };
    const layers = store.getState().project.layers;
    store.dispatch({
      type: 'dataset-loaded',
      dataset,
      basemap: basemapFor(layers, dataset, d.fileName),
      log: logEntry('dataset.import', { file: d.fileName, kind: s.kind, rows_read: s.rows_read, rows_loaded: s.rows_loaded, rows_quarantined: s.rows_quarantined, analysis_crs: s.analysis_crs?.code ?? null, sensitive: [...d.sensitive] }),
    });
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not show ${d.fileName}: ${e instanceof Error ? e.message : String(e)}` });
  }
}
