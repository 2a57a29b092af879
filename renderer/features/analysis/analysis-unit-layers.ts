/**
 * Street-segment and polygon units on the map: the layer a job needs (looked up in the project)
 * and the deck.gl layer drawing a concentration document made on them, from the unit geometries
 * the document keeps (`unitFeatures`): segments as lines coloured and widened by class, polygons
 * filled by class with an outline. Colours are the concentration classes of {@link cellClasses}.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { AnalysisDoc, AnalysisMethod } from './analysis-jobs';
import type { UnitLayerLike } from './analysis-params';
import { cellClasses, docColumn, REST_COLOR, type Rgb } from './analysis-view';

/** The layer (id and features) a method's layer unit names, or null for cells or a missing layer. */
export function jobUnitLayer(method: AnalysisMethod, layers: readonly UnitLayerLike[]): { id: string; features: readonly unknown[] } | null {
  if (!('unit' in method) || 'size' in method.unit) return null;
  const id = method.unit.layer;
  const layer = layers.find((l) => l.meta.id === id);
  return layer ? { id, features: layer.geojson.features } : null;
}

/** A unit feature ready to draw: its colour (RGBA 0-255) and line width (pixels). */
export interface StyledUnitFeature {
  readonly type: 'Feature';
  readonly geometry: unknown;
  readonly properties: { readonly id: string; readonly color: readonly [number, number, number, number]; readonly width: number };
}

/**
 * The unit features of `doc` with their class colour: targets (top units) strong and wide,
 * other units with crime grey, zero-crime units faint (lines stay visible as the street
 * network, polygons keep only their outline). Null when the document has no unit geometry.
 */
export function styledUnitFeatures(doc: AnalysisDoc): { kind: 'segments' | 'polygons'; features: StyledUnitFeature[] } | null {
  const fc = doc.unitFeatures as { kind?: unknown; features?: { properties: { id: string }; geometry: unknown }[] } | undefined;
  if (!fc || !Array.isArray(fc.features) || (fc.kind !== 'segments' && fc.kind !== 'polygons')) return null;
  const classes = cellClasses(doc);
  const ids = docColumn(doc, 'id') ?? [];
  const count = docColumn(doc, 'count') ?? [];
  const row = new Map<string, number>();
  ids.forEach((id, i) => row.set(String(id), i));
  const lines = fc.kind === 'segments';
  const features = fc.features.map((f): StyledUnitFeature => {
    const i = row.get(String(f.properties.id));
    const rgba = classes && i !== undefined ? classes.rgba.subarray(4 * i, 4 * i + 4) : null;
    const crime = i !== undefined && typeof count[i] === 'number' && (count[i] as number) > 0;
    const target = rgba !== null && (rgba[3] as number) >= 200;
    const base: Rgb = rgba ? [rgba[0] as number, rgba[1] as number, rgba[2] as number] : REST_COLOR;
    const alpha = target ? 230 : crime ? (lines ? 220 : 90) : lines ? 110 : 0;
    const width = target ? 4 : crime ? 2 : 1;
    return { type: 'Feature', geometry: f.geometry, properties: { id: f.properties.id, color: [base[0], base[1], base[2], alpha], width } };
  });
  return { kind: fc.kind, features };
}

/** The deck.gl layer of a segment/polygon concentration document, or null for other documents. */
export function buildUnitLayer(doc: AnalysisDoc): GeoJsonLayer | null {
  const styled = styledUnitFeatures(doc);
  if (!styled) return null;
  const lines = styled.kind === 'segments';
  type F = StyledUnitFeature;
  return new GeoJsonLayer({
    id: `analysis-units-${styled.kind}`,
    data: { type: 'FeatureCollection', features: styled.features } as never,
    filled: !lines,
    stroked: true,
    getFillColor: ((f: F) => [...f.properties.color]) as never,
    getLineColor: ((f: F) => (lines ? [...f.properties.color] : [60, 60, 60, 200])) as never,
    getLineWidth: ((f: F) => (lines ? f.properties.width : 1)) as never,
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 1,
    pickable: false,
  });
}
