/**
 * What a briefing map draws, gathered from a project the same way by the CLI and the app: the
 * incident points (lon/lat, offense-group index), the reference layers, the analysis layer of
 * the map document's settings (grid counts, Gi* hot spots or kernel density, computed by the
 * explore layer builders in the explore CRS), the annotations, a design's areas and the period.
 */
import { ok, type Result } from '../../../base/result';
import type { DesignDoc } from '../../design/design-doc';
import { chooseExploreCrs, projectLonLat } from '../../explore/analysis-crs';
import { prepareKdeLayer, type KdeLayerData } from '../../explore/density-layer';
import { prepareGridLayer, type GridLayerData } from '../../explore/grid-layer';
import type { LayerSettings } from '../../explore/layer-settings';
import { createTransform } from '../../geo/crs';
import type { ProjectLayer } from '../../project/project';
import type { Annotation } from '../../session/annotations';
import type { StatsError } from '../../stats/errors';

/** Incident points: WGS 84 degrees and the offense-group index (OFFENSE_GROUPS order, then unmapped). */
export interface MapPoints {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly group: Uint8Array;
}

/** The grid or density layer with the opacity it is drawn at (0.1..1). */
export type AnalysisLayer =
  | { readonly kind: 'grid'; readonly data: GridLayerData; readonly opacity: number }
  | { readonly kind: 'kde'; readonly data: KdeLayerData; readonly opacity: number };

/** An area of a design (target or comparison) as lon/lat rings. */
export interface MapArea {
  readonly role: 'target' | 'comparison';
  readonly id: string;
  readonly name: string;
  readonly rings: readonly (readonly (readonly [number, number])[])[];
}

/** Everything a layout's map frame, legend and notes draw besides the layout itself. */
export interface MapData {
  readonly points: MapPoints | null;
  /** visibleGroups[i] for group index i (the map document's legend toggles). */
  readonly visibleGroups: readonly boolean[];
  readonly referenceLayers: readonly ProjectLayer[];
  readonly analysis: AnalysisLayer | null;
  readonly annotations: readonly Annotation[];
  readonly areas: readonly MapArea[];
  /** Name of the design the areas come from, for the legend. */
  readonly designName: string | null;
  /** First and last day of the mapped incidents (YYYY-MM-DD), or null when unknown. */
  readonly dateRange: { readonly from: string; readonly to: string } | null;
  /** The privacy profile line printed on the page (from the privacy module), or null. */
  readonly privacyLine: string | null;
  /** Counts 1..k-1 print as "<k" (a privacy profile's suppression; 0 or absent = off). */
  readonly suppressBelow?: number;
}

/** An empty map: nothing drawn, every group visible. */
export function emptyMapData(): MapData {
  return { points: null, visibleGroups: [], referenceLayers: [], analysis: null, annotations: [], areas: [], designName: null, dateRange: null, privacyLine: null };
}

/**
 * The analysis layer for `settings` over `points` (only those of visible groups), or null when
 * the map document shows points. Computed in the UTM zone of the points' centre, as the app's
 * explore worker does, so the printed layer equals the one on screen.
 */
export function computeAnalysisLayer(points: MapPoints, visibleGroups: readonly boolean[], settings: LayerSettings): Result<AnalysisLayer | null, StatsError> {
  // Clusters and the screen-space heat map depend on the screen's zoom and pixels, and are not
  // printed (the page shows the points); a choropleth is not drawn on briefing maps yet.
  if (settings.kind !== 'grid' && settings.kind !== 'kde') return ok(null);
  const keep: number[] = [];
  for (let i = 0; i < points.lon.length; i++) if (visibleGroups[points.group[i] as number] !== false) keep.push(i);
  const lon = Float64Array.from(keep, (i) => points.lon[i] as number);
  const lat = Float64Array.from(keep, (i) => points.lat[i] as number);
  const crs = chooseExploreCrs(lon, lat);
  const { x, y } = projectLonLat(lon, lat, crs);
  if (settings.kind === 'grid') {
    const g = prepareGridLayer(x, y, crs, settings.grid);
    return g.ok ? ok({ kind: 'grid', data: g.value, opacity: settings.opacity }) : g;
  }
  const k = prepareKdeLayer(x, y, crs, settings.kde);
  return k.ok ? ok({ kind: 'kde', data: k.value, opacity: settings.opacity }) : k;
}

/**
 * A design's target and comparison areas in lon/lat (its polygons are in `design.crs` metres).
 * A design without a CRS cannot be placed on a map: no areas.
 */
export function designAreas(design: DesignDoc): MapArea[] {
  if (!design.crs) return [];
  const t = createTransform(design.crs, 'EPSG:4326');
  const conv = (rings: readonly (readonly [number, number])[][]) => rings.map((r) => r.map(([x, y]) => t(x, y) as [number, number]));
  return [
    ...design.targets.map((a) => ({ role: 'target' as const, id: a.id, name: a.name || a.id, rings: conv(a.polygon as [number, number][][]) })),
    ...design.comparisons.map((a) => ({ role: 'comparison' as const, id: a.id, name: a.name || a.id, rings: conv(a.polygon as [number, number][][]) })),
  ];
}

type Bounds = [number, number, number, number];

function grow(b: Bounds | null, x: number, y: number): Bounds {
  return b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
}

/** Bounds [w, s, e, n] of any GeoJSON coordinates nested array. */
export function coordinateBounds(coords: unknown, into: Bounds | null = null): Bounds | null {
  let b = into;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') b = grow(b, c[0], c[1]);
    else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  visit(coords);
  return b;
}

/**
 * The extent the default layout shows: the visible points' bounds, else the polygon reference
 * layers' (streets are left out: they often run beyond the jurisdiction), else null.
 */
export function dataBounds(data: MapData): Bounds | null {
  let b: Bounds | null = null;
  const p = data.points;
  if (p) for (let i = 0; i < p.lon.length; i++) if (data.visibleGroups[p.group[i] as number] !== false) b = grow(b, p.lon[i] as number, p.lat[i] as number);
  if (b) return b;
  for (const l of data.referenceLayers) {
    if (l.meta.role === 'streets') continue;
    for (const f of l.geojson.features) b = coordinateBounds((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates, b);
  }
  return b;
}
