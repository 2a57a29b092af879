import { useMemo } from 'react';
import { formatAppError } from '../../shared/base/errors';
import { parseChoroplethRate, parsePolygonUnits, type PolygonUnits } from '../../shared/domain/explore/choropleth';
import { prepareChoroplethLayer, type ChoroplethLayerData, type ChoroplethLayerSettings } from '../../shared/domain/explore/choropleth-layer';
import type { ProjectLayer } from '../../shared/domain/project/project';

/** The choropleth as the map and the legend see it, or why it cannot be drawn. */
export type ChoroplethView =
  | { ok: true; units: PolygonUnits; data: ChoroplethLayerData; layer: ProjectLayer; ms: number }
  | { ok: false; error: string };

/** Project layers with at least one Polygon or MultiPolygon feature: beats and districts first. */
export function polygonLayersOf(layers: readonly ProjectLayer[]): ProjectLayer[] {
  const rank = (l: ProjectLayer) => (l.meta.role === 'beats' ? 0 : l.meta.role === 'districts' ? 1 : 2);
  return layers
    .filter((l) => (l.geojson.features as { geometry?: { type?: string } }[]).some((f) => f?.geometry?.type === 'Polygon' || f?.geometry?.type === 'MultiPolygon'))
    .sort((a, b) => rank(a) - rank(b));
}

const unitsCache = new WeakMap<ProjectLayer, { crs: string; units: ReturnType<typeof parsePolygonUnits> }>();
let last: { key: unknown[]; view: ChoroplethView } | null = null;

/**
 * Counts `x`, `y` (metres in `crs`) by the polygons of the chosen layer (settings.layer, else the
 * first polygon layer). The last answer is kept, so the map and the legend, which both ask with
 * the same inputs, share one computation; parsed polygons are kept per layer.
 */
export function computeChoroplethView(x: Float64Array, y: Float64Array, crs: string, layers: readonly ProjectLayer[], s: ChoroplethLayerSettings): ChoroplethView {
  const key = [x, y, crs, layers, s];
  if (last && last.key.every((k, i) => k === key[i])) return last.view;
  const view = compute(x, y, crs, layers, s);
  last = { key, view };
  return view;
}

function compute(x: Float64Array, y: Float64Array, crs: string, layers: readonly ProjectLayer[], s: ChoroplethLayerSettings): ChoroplethView {
  const t0 = performance.now();
  const candidates = polygonLayersOf(layers);
  const layer = candidates.find((l) => l.meta.id === s.layer) ?? candidates[0];
  if (!layer) return { ok: false, error: 'The project has no polygon layer (beats, districts, ...): import one to count incidents by polygon.' };
  let cached = unitsCache.get(layer);
  if (!cached || cached.crs !== crs) {
    cached = { crs, units: parsePolygonUnits(layer.geojson, crs, layer.meta.name) };
    unitsCache.set(layer, cached);
  }
  if (!cached.units.ok) return { ok: false, error: formatAppError(cached.units.error) };
  const rate = parseChoroplethRate(s.rate);
  if (!rate.ok) return { ok: false, error: formatAppError(rate.error) };
  const data = prepareChoroplethLayer(cached.units.value, x, y, rate.value, s);
  if (!data.ok) return { ok: false, error: formatAppError(data.error) };
  return { ok: true, units: cached.units.value, data: data.value, layer, ms: performance.now() - t0 };
}

/** {@link computeChoroplethView} as a hook: null unless the choropleth is the shown layer and points are ready. */
export function useChoroplethView(points: { x: Float64Array; y: Float64Array } | null, crs: string | null, layers: readonly ProjectLayer[], kind: string, s: ChoroplethLayerSettings): ChoroplethView | null {
  return useMemo(() => (kind === 'choropleth' && points && crs ? computeChoroplethView(points.x, points.y, crs, layers, s) : null), [points, crs, layers, kind, s]);
}
