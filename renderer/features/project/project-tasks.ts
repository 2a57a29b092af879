import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { boundsOf } from '../../../shared/domain/explore/point-buffers';
import { parseExploreFilter } from '../../../shared/domain/explore/filters';
import { parseLayerSettings } from '../../../shared/domain/explore/layer-settings';
import { DATASET_KINDS, type DatasetKind, type LogEntry } from '../../../shared/domain/project/manifest';
import { createProject, toPartId, type Project, type ProjectLayer } from '../../../shared/domain/project/project';
import { writeProject } from '../../../shared/domain/project/write-project';
import { writeTableAsParquet } from '../../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../../shared/domain/ingest/source';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { buildBasemapStyle } from '../../map/basemap-style';
import { labelsFromPolygons } from '../../map/label-layer';
import { DEFAULT_DOC, type AppState, type BasemapView, type DatasetView, type MapDoc } from '../../state/app-state';
import type { Store } from '../../state/store';
import { datasetViewOf } from '../workbench/dataset-view';
import { markLoaded, otherDatasetsToSave, projectDatasets, projectTableName, rememberProjectDatasets } from '../datasets/project-datasets';
import { readProjectOffThread } from './project-read-client';

export const AUTOSAVE_KEY = 'unsaved-project';
const PROJECT_FILTER = [{ name: 'SPI Workbench project', extensions: ['spiproj'] }];

/** A log entry made now by this workstation's user (the app has no accounts: "analyst"). */
export function logEntry(action: string, parameters: Record<string, unknown> = {}, note?: string): LogEntry {
  return { at: new Date().toISOString(), by: 'analyst', action, parameters, dataHashes: {}, ...(note ? { note } : {}) };
}

type Bounds = [number, number, number, number];

function layerBounds(layers: ProjectLayer[]): Bounds | null {
  let b: Bounds | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const l of layers) if (l.meta.role !== 'streets') for (const f of l.geojson.features) visit((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates);
  return b;
}

/**
 * The base map for a project: its reference layers (streets, beats, districts) when they cover
 * the data, else a neutral background; bounds follow the data.
 */
export function basemapFor(layers: ProjectLayer[], dataset: DatasetView | null, title: string): BasemapView {
  const byRole = (role: string) => (layers.find((l) => l.meta.role === role)?.geojson ?? null) as GeoJSON.FeatureCollection | null;
  const dataBounds = dataset ? boundsOf(dataset.points.lon, dataset.points.lat) : null;
  const refBounds = layerBounds(layers);
  const overlaps = !dataBounds || !refBounds || !(dataBounds[2] < refBounds[0] || dataBounds[0] > refBounds[2] || dataBounds[3] < refBounds[1] || dataBounds[1] > refBounds[3]);
  const use = overlaps ? layers : [];
  return {
    style: buildBasemapStyle(overlaps ? { streets: byRole('streets'), beats: byRole('beats'), districts: byRole('districts') } : {}),
    bounds: dataBounds ?? refBounds,
    labels: labelsFromPolygons(use.length ? byRole('beats') : null, 'beat'),
    title,
  };
}

/**
 * The project as it stands: the shown dataset (its stored Parquet bytes when unchanged, else read
 * back from DuckDB), every other dataset of the opened project unchanged, layers, documents, log.
 */
export async function snapshotProject(state: AppState, engine: SqlEngine): Promise<Project> {
  const project = createProject({ title: state.project.title, createdAt: state.project.createdAt });
  if (state.dataset?.stored?.parquet) {
    // Opened from a project and unchanged since: reuse its Parquet bytes, no re-encoding.
    // Its quarantine and quality report come back from the opened project, unchanged.
    const as = projectDatasets(state.project.createdAt).find((d) => d.meta.id === state.dataset!.stored!.meta.id);
    project.datasets = [{ meta: state.dataset.stored.meta, table: null, parquet: state.dataset.stored.parquet, quarantine: as?.quarantine ?? null, quality: as?.quality ?? null }];
  } else if (state.dataset) {
    // The engine's table goes straight to Parquet (the ingest writer: no per-value Arrow pass),
    // SNAPPY pages so the project stores the part without deflating it (write-project.ts).
    const sink = memorySink();
    const written = await writeTableAsParquet(engine, state.dataset.table, sink, { codec: 'SNAPPY' });
    if (!written.ok) throw new Error(formatAppError(written.error));
    const imported = state.dataset.imported;
    let quarantine = null;
    if (imported) {
      const q = await engine.query(`SELECT * FROM ${quoteIdent(imported.quarantineTable)}`);
      if (q.ok) quarantine = q.value;
    }
    const kind = (DATASET_KINDS as readonly string[]).includes(imported?.kind ?? '') ? (imported!.kind as DatasetKind) : 'incidents';
    project.info.analysisCrs = imported?.analysisCrs ?? project.info.analysisCrs;
    project.datasets = [
      {
        meta: {
          id: toPartId(state.dataset.name),
          name: state.dataset.name,
          kind,
          rows: written.value.rows,
          source: { fileName: state.dataset.name, sha256: null, bytes: null, storage: 'embedded', path: null },
          crs: { source: imported?.sourceCrs ?? null, analysis: imported?.analysisCrs ?? null },
          mapping: (imported?.summary as { mapping?: unknown } | undefined)?.mapping ?? null,
          hasQuarantine: quarantine !== null,
          hasQuality: imported !== undefined,
          ...(state.dataset.sensitive ? { sensitive: [...state.dataset.sensitive] } : {}),
        },
        table: null,
        parquet: sink.bytes(),
        quarantine,
        quality: imported?.summary ?? null,
      },
    ];
  }
  // The opened project's other datasets (sources not shown) are written back as they were read.
  const shownId = state.dataset ? (state.dataset.stored?.meta.id ?? project.datasets[0]?.meta.id ?? null) : null;
  project.datasets = [...project.datasets, ...otherDatasetsToSave(state.project.createdAt, shownId)];
  project.layers = state.project.layers;
  const { documents, ...map } = state.doc;
  project.documents = { ...documents, map };
  project.log = state.project.log;
  return project;
}

/**
 * Reads a project's documents: `map` defensively (anything malformed falls back to the
 * defaults; null when absent or unusable) and every other document kept as it is.
 */
export function parseMapDoc(value: unknown, documents: Readonly<Record<string, unknown>> = {}): MapDoc | null {
  const { map: _map, ...others } = documents;
  const v = value as Partial<MapDoc> | null;
  if (!v || !Array.isArray(v.visibleGroups) || typeof v.pointRadius !== 'number') {
    return Object.keys(others).length ? { ...DEFAULT_DOC, documents: others } : null;
  }
  const groups = DEFAULT_DOC.visibleGroups.map((d, i) => (typeof v.visibleGroups![i] === 'boolean' ? (v.visibleGroups![i] as boolean) : d));
  return {
    visibleGroups: groups,
    pointRadius: v.pointRadius > 0 && v.pointRadius < 50 ? v.pointRadius : DEFAULT_DOC.pointRadius,
    layer: parseLayerSettings(v.layer),
    filter: parseExploreFilter(v.filter),
    documents: others,
  };
}

/**
 * Opens project bytes: reads and checks them, loads the first incidents dataset (else the first
 * intact one) into DuckDB and shows it; every dataset is remembered for the Dataset picker and saves.
 * Damaged parts are listed and the project opens read-only with what is intact. The current
 * project stays on screen if the file cannot be opened at all.
 */
export async function openProjectBytes(
  store: Store,
  enginePromise: Promise<SqlEngine>,
  bytes: Uint8Array,
  fileName: string,
  path: string | null,
  options: { recovered?: boolean; asNew?: boolean } = {},
): Promise<boolean> {
  store.dispatch({ type: 'progress', message: `Opening ${fileName}…` });
  // Unzip, checks and Parquet decode run in a worker: the UI stays responsive (issue 4).
  const opened = await readProjectOffThread(bytes, fileName);
  if (!opened.ok) {
    store.dispatch({ type: 'failed', message: `Could not open ${fileName}: ${opened.error.reason}` });
    return false;
  }
  const { project, problems, readOnly } = opened.value;
  try {
    const engine = await enginePromise;
    const ds = project.datasets.find((d) => d.table !== null && d.meta.kind === 'incidents') ?? project.datasets.find((d) => d.table !== null);
    let dataset: DatasetView | null = null;
    rememberProjectDatasets(project.info.createdAt, project.datasets);
    if (ds?.table) {
      const table = projectTableName(ds.meta.id);
      const inserted = await engine.insertArrowTable(table, ds.table);
      if (!inserted.ok) throw new Error(formatAppError(inserted.error));
      markLoaded(project.info.createdAt, ds.meta.id, table);
      dataset = { ...(await datasetViewOf(engine, ds.meta.name, table)), stored: { meta: ds.meta, parquet: ds.parquet } };
    }
    store.dispatch({
      type: 'project-opened',
      dataset,
      basemap: basemapFor(project.layers, dataset, project.info.title),
      doc: parseMapDoc(project.documents.map, project.documents),
      dirty: options.recovered ?? false,
      project: {
        title: project.info.title,
        // A recovered or bundled project has no file of its own yet: saving asks where.
        fileName: options.recovered || options.asNew ? null : fileName,
        path: options.recovered || options.asNew ? null : path,
        readOnly,
        problems,
        createdAt: project.info.createdAt,
        layers: project.layers,
        log: [...project.log, logEntry(options.recovered ? 'project.recover' : 'project.open', { file: fileName })],
      },
    });
    if (problems.length) {
      store.dispatch({ type: 'notice', message: `${fileName} is damaged; opened read-only with the intact parts. ${problems.map((p) => `${p.part}: ${p.reason}`).join('; ')}` });
    }
    return true;
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not open ${fileName}: ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
}

/** "Open project…": pick a .spiproj and open it. */
export async function openProjectFile(store: Store, host: HostApi, enginePromise: Promise<SqlEngine>): Promise<void> {
  const picked = await host.openFiles({ title: 'Open a project', filters: PROJECT_FILTER });
  if (!picked.ok) return store.dispatch({ type: 'failed', message: formatAppError(picked.error) });
  const file = picked.value[0];
  if (!file) return;
  if (await openProjectBytes(store, enginePromise, file.bytes, file.name, file.path)) {
    await host.addRecentProject({ name: file.name, path: file.path, openedAt: new Date().toISOString() });
  }
}

/**
 * "Save project": writes the .spiproj (desktop: a save dialog, then an atomic, verified write;
 * browser: a download). A read-only (damaged or newer) project is saved under a new name only.
 */
export async function saveProject(store: Store, host: HostApi, enginePromise: Promise<SqlEngine>): Promise<void> {
  const state = store.getState();
  try {
    store.dispatch({ type: 'progress', message: 'Saving the project…' });
    const project = await snapshotProject(state, await enginePromise);
    const entry = logEntry('project.save', { datasets: project.datasets.map((d) => d.meta.id) });
    project.log = [...project.log, entry];
    const bytes = await writeProject(project, { appVersion: __APP_VERSION__ });
    const base = state.project.readOnly ? `${state.project.title} (copy)` : (state.project.fileName ?? state.project.title);
    const suggestedName = base.endsWith('.spiproj') ? base : `${base.replace(/[^A-Za-z0-9 ._-]+/g, '_')}.spiproj`;
    const saved = await host.saveFile({ suggestedName, bytes, filters: PROJECT_FILTER });
    store.dispatch({ type: 'progress', message: '' });
    if (!saved.ok) return store.dispatch({ type: 'failed', message: formatAppError(saved.error) });
    if (!saved.value.saved) return;
    const fileName = saved.value.path ? saved.value.path.split(/[\\/]/).pop()! : suggestedName;
    store.dispatch({ type: 'project-saved', fileName, path: saved.value.path, log: entry });
    await host.putAutosave({ key: AUTOSAVE_KEY, savedAt: new Date().toISOString(), bytes: new Uint8Array() });
    await host.addRecentProject({ name: fileName, path: saved.value.path, openedAt: new Date().toISOString() });
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not save: ${e instanceof Error ? e.message : String(e)}` });
  }
}
