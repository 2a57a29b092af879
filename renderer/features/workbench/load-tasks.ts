import { formatAppError } from '../../../shared/base/errors';
import type { SampleOptions } from '../../../shared/domain/sample';
import { boundsOf, countByGroup } from '../../../shared/domain/explore/point-buffers';
import { queryIncidentPoints } from '../../../shared/domain/explore/query-incident-points';
import { OFFENSE_GROUPS } from '../../../shared/domain/ingest/nibrs';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { sniffFormat } from '../../../shared/domain/ingest/sniff';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { toTableName } from '../../../shared/engine/sql';
import type { HostApi } from '../../../shared/contract/host-api';
import { buildBasemapStyle } from '../../map/basemap-style';
import { labelsFromPolygons } from '../../map/label-layer';
import type { BasemapView, DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { generateSampleFiles, parseGeojsonFile } from './load-sample-city';

/** Loads CSV bytes as table `table` and reads its map points. Throws a plain-words Error. */
async function loadIncidentBytes(engine: SqlEngine, fileName: string, bytes: Uint8Array, table: string): Promise<DatasetView> {
  const sqlSource = `${table}.src`;
  // The browser engine takes ownership of registered bytes (they move to its worker), so keep a
  // copy of the head for sniffing, and register only text: Parquet is decoded here in JS.
  const head = bytes.slice(0, 65536);
  if (sniffFormat(fileName, head).format !== 'parquet') await engine.registerFileBuffer(sqlSource, bytes);
  const loaded = await loadTableFromSource(engine, { fileName, head, sqlSource, readAll: async () => bytes }, table);
  if (!loaded.ok) throw new Error(formatAppError(loaded.error));
  const points = await queryIncidentPoints(engine, table);
  if (!points.ok) throw new Error(formatAppError(points.error));
  return {
    name: fileName,
    table,
    rows: points.value.rows,
    points: points.value,
    countsByGroup: countByGroup(points.value.group, OFFENSE_GROUPS.length + 1),
  };
}

/**
 * Start-up task: generate the built-in sample city (in a worker) while DuckDB starts (in its
 * worker), load its RMS export, and show it on the offline base map.
 */
export async function openSampleCity(store: Store, enginePromise: Promise<SqlEngine>, options: SampleOptions): Promise<void> {
  try {
    store.dispatch({ type: 'progress', message: 'Generating the sample city and starting the database…' });
    const [files, engine] = await Promise.all([generateSampleFiles(options), enginePromise]);
    const incidents = files.get('incidents.csv');
    if (!incidents) throw new Error('the sample city has no incidents.csv');
    store.dispatch({ type: 'progress', message: 'Loading incidents into DuckDB…' });
    const dataset = await loadIncidentBytes(engine, 'incidents.csv', incidents, 'incidents');
    const streets = parseGeojsonFile(files, 'streets.geojson');
    const beats = parseGeojsonFile(files, 'beats.geojson');
    const districts = parseGeojsonFile(files, 'districts.geojson');
    const basemap: BasemapView = {
      style: buildBasemapStyle({ streets, beats, districts }),
      bounds: boundsOf(dataset.points.lon, dataset.points.lat),
      labels: labelsFromPolygons(beats, 'beat'),
      title: 'Sample city',
    };
    store.dispatch({ type: 'dataset-loaded', dataset, basemap });
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
    const previous = store.getState().basemap;
    const basemap: BasemapView = {
      style: buildBasemapStyle({}),
      bounds: boundsOf(dataset.points.lon, dataset.points.lat),
      labels: [],
      title: file.name,
    };
    store.dispatch({ type: 'dataset-loaded', dataset, basemap: previous && previous.title === file.name ? previous : basemap });
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not open ${file.name}. ${e instanceof Error ? e.message : String(e)}` });
  }
}
