/**
 * Reference layers from the import dialog: a GeoJSON or zipped shapefile of beats, districts,
 * streets or any polygons/lines read with the shared reader (readReferenceLayer, as `spi project
 * create` uses) and added to the open project, where the base map draws beats, districts and
 * streets (project-tasks.ts basemapFor).
 */
import type { Result } from '../../../shared/base/result';
import { readReferenceLayer, type ReferenceLayer } from '../../../shared/domain/ingest/reference-layer';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';
import type { LayerMeta } from '../../../shared/domain/project/manifest';
import { toPartId, type ProjectLayer } from '../../../shared/domain/project/project';
import type { Store } from '../../state/store';
import { basemapFor, logEntry } from '../project/project-tasks';

/** Roles a reference layer can take in a project (LayerMeta.role). */
export const LAYER_ROLES: readonly LayerMeta['role'][] = ['beats', 'districts', 'streets', 'jurisdiction', 'partner-locations', 'other'];

/** The role a file name suggests ("Beats_2024.geojson" -> beats), else "other". */
export function guessLayerRole(fileName: string): LayerMeta['role'] {
  const n = fileName.toLowerCase();
  if (/beat/.test(n)) return 'beats';
  if (/district|precinct|sector/.test(n)) return 'districts';
  if (/street|centerline|centreline|road/.test(n)) return 'streets';
  if (/jurisdiction|boundary|city.?limit/.test(n)) return 'jurisdiction';
  return 'other';
}

/** Reads a reference layer file (GeoJSON or zipped shapefile; `crs` overrides the file's own). */
export function readLayerFile(bytes: Uint8Array, fileName: string, crs?: string): Result<ReferenceLayer, IngestError> {
  return readReferenceLayer(bytes, fileName, crs);
}

/** The project layer of a read reference layer, with an id not taken by `taken`. */
export function toProjectLayer(layer: ReferenceLayer, name: string, role: LayerMeta['role'], taken: Iterable<string>): ProjectLayer {
  const id = toPartId(`${role}-${name}`, taken);
  return { meta: { id, name, role, features: layer.features.length }, geojson: { type: 'FeatureCollection', features: layer.features } };
}

/**
 * Adds a read layer to the open project (first among the layers, so the base map draws it in
 * place of an older one of the same role) and logs `layer.import` with the file, role, feature
 * counts and source CRS.
 */
export function addReferenceLayer(store: Store, layer: ReferenceLayer, name: string, role: LayerMeta['role']): ProjectLayer {
  const state = store.getState();
  const projectLayer = toProjectLayer(layer, name, role, state.project.layers.map((l) => l.meta.id));
  const layers = [projectLayer, ...state.project.layers];
  store.dispatch({
    type: 'add-layer',
    layer: projectLayer,
    basemap: basemapFor(layers, state.dataset, state.basemap?.title ?? state.project.title),
    log: logEntry('layer.import', { file: layer.file, name, role, features: layer.features.length, invalid: layer.invalid.length, source_crs: layer.sourceCrs.code, geometry: layer.geometryTypes }),
  });
  return projectLayer;
}
