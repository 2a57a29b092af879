import { ScatterplotLayer } from '@deck.gl/layers';
import { toPlainRows } from '../../../shared/engine/arrow-values';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';
import { readMapView, showMapView } from '../../map/MapView';

/** Index of `rowId` in the dataset's points (rowids ascending), or -1 when the row has no point. */
export function pointIndexOf(rowIds: Uint32Array, rowId: number): number {
  let lo = 0;
  let hi = rowIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rowIds[mid] as number;
    if (v === rowId) return mid;
    if (v < rowId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Lon/lat of a row's map point, or null when it has none (no usable coordinates). */
export function pointOf(dataset: DatasetView, rowId: number): [number, number] | null {
  const i = pointIndexOf(dataset.points.rowId, rowId);
  return i < 0 ? null : [dataset.points.lon[i] as number, dataset.points.lat[i] as number];
}

/**
 * The map centre that shows `at` `dy` screen pixels above the centre at `zoom` (Web Mercator,
 * 512 px tiles as maplibre): used to bring a point into the part of the map a drawer leaves open.
 */
export function centreBelow(at: [number, number], zoom: number, dy: number): [number, number] {
  const rad = (at[1] * Math.PI) / 180;
  const y = Math.log(Math.tan(Math.PI / 4 + rad / 2));
  const y2 = y - (dy * 2 * Math.PI) / (512 * 2 ** zoom);
  return [at[0], ((2 * Math.atan(Math.exp(y2)) - Math.PI / 2) * 180) / Math.PI];
}

/**
 * Selects incident `rowId` (the app's `select` action with the whole record, as a map click
 * does) and, with `fly`, eases the map to its point at street zoom (16, or closer if already),
 * placed `fly.above` pixels above the map's centre (half the height a drawer covers).
 */
export async function selectIncident(store: Store, enginePromise: Promise<SqlEngine>, dataset: DatasetView, rowId: number, fly: { above: number } | null): Promise<void> {
  const engine = await enginePromise;
  const result = await engine.query(`SELECT * FROM ${quoteIdent(dataset.table)} WHERE rowid = ${Math.floor(rowId)}`);
  if (!result.ok) return;
  const record = toPlainRows(result.value, 1)[0];
  if (!record) return;
  store.dispatch({ type: 'select', selection: { rowId, record } });
  const at = fly ? pointOf(dataset, rowId) : null;
  if (at && fly) {
    const view = readMapView();
    const zoom = Math.max(16, view?.zoom ?? 16);
    showMapView({ center: centreBelow(at, zoom, fly.above), zoom, bearing: view?.bearing ?? 0, pitch: view?.pitch ?? 0 }, true);
  }
}

/** A ring around the selected incident (drawn above the points; not pickable). */
export function buildSelectedLayer(at: [number, number]) {
  return new ScatterplotLayer<[number, number]>({
    id: 'selected-incident',
    data: [at],
    getPosition: (d) => d,
    radiusUnits: 'pixels',
    getRadius: 9,
    stroked: true,
    filled: true,
    getFillColor: [255, 214, 0, 90],
    getLineColor: [20, 20, 20, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    pickable: false,
    updateTriggers: { getPosition: `${at[0]},${at[1]}` },
  });
}
