/**
 * Geometry of drawn target areas, in the design's projected CRS (metres): rectangles from two
 * corners, circles from a centre and a radius (as regular polygons, since designs store
 * polygons), free polygons from clicked vertices, and the lon/lat conversions the map needs.
 * Rings are closed (last point = first) like GeoJSON and like shared/domain/design/areas.ts.
 */
import { buffer as turfBuffer } from '@turf/turf';
import type { Rings } from '../../../shared/domain/design/areas';
import { createTransform } from '../../../shared/domain/geo/crs';

/** A point [x, y] (metres) or [lon, lat] (degrees). */
export type XY = readonly [number, number];
/** Mutable rings, as design documents hold them. */
export type RingList = [number, number][][];

/** Number of sides of a drawn circle: the area differs from pi r^2 by under 0.2%. */
export const CIRCLE_SEGMENTS = 64;

/**
 * The axis-aligned rectangle with opposite corners `a` and `b`, one closed counter-clockwise
 * ring. Returns null when it has no area (the corners share an x or a y).
 */
export function rectangleRings(a: XY, b: XY): RingList | null {
  const x0 = Math.min(a[0], b[0]);
  const x1 = Math.max(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  const y1 = Math.max(a[1], b[1]);
  if (!(x1 > x0 && y1 > y0)) return null;
  return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
}

/**
 * A circle of `radiusM` metres around `centre` as a regular polygon of `segments` sides whose
 * vertices lie on the circle (counter-clockwise from east). Its area is
 * (n/2) r^2 sin(2 pi / n): 0.16% under pi r^2 with 64 sides. Null for a radius <= 0.
 */
export function circleRings(centre: XY, radiusM: number, segments = CIRCLE_SEGMENTS): RingList | null {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) return null;
  const n = Math.max(8, Math.round(segments));
  const ring: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    ring.push([centre[0] + radiusM * Math.cos(t), centre[1] + radiusM * Math.sin(t)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return [ring];
}

/**
 * A polygon from clicked vertices: consecutive repeats (a double click adds the last vertex
 * twice) are dropped and the ring is closed. Null with fewer than 3 distinct vertices or no area.
 */
export function polygonRings(vertices: readonly XY[], tolerance = 1e-6): RingList | null {
  const ring: [number, number][] = [];
  for (const v of vertices) {
    const last = ring[ring.length - 1];
    if (!last || Math.hypot(v[0] - last[0], v[1] - last[1]) > tolerance) ring.push([v[0], v[1]]);
  }
  while (ring.length > 1 && Math.hypot(ring[0]![0] - ring[ring.length - 1]![0], ring[0]![1] - ring[ring.length - 1]![1]) <= tolerance) ring.pop();
  if (ring.length < 3) return null;
  ring.push([ring[0]![0], ring[0]![1]]);
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return Math.abs(s) > tolerance ? [ring] : null;
}

/** Projects every vertex with `f`, keeping the ring structure. */
export function mapRings(rings: Rings, f: (x: number, y: number) => [number, number]): RingList {
  return rings.map((r) => r.map(([x, y]) => f(x, y)));
}

/** Rings in `crs` (metres) as lon/lat rings for the map. */
export function ringsToLonLat(rings: Rings, crs: string): RingList {
  const t = createTransform(crs, 'EPSG:4326');
  return mapRings(rings, (x, y) => t(x, y));
}

/** Lon/lat rings (from the map or a grid layer) in `crs` (metres). */
export function ringsFromLonLat(rings: Rings, crs: string): RingList {
  const t = createTransform('EPSG:4326', crs);
  return mapRings(rings, (x, y) => t(x, y));
}

/**
 * The outer outline (lon/lat) of a polygon's displacement buffer: every point within `bufferM`
 * metres of the polygon (turf's buffer, computed in a local azimuthal equidistant projection, so
 * it matches the metric distance the evaluation uses to well under a metre at city scale).
 * The ring drawn on the map is this outline with the polygon as its hole. Null for 0 m.
 */
export function bufferOutlineLonLat(lonLatRings: Rings, bufferM: number): RingList | null {
  if (!(bufferM > 0)) return null;
  const feature = turfBuffer({ type: 'Polygon', coordinates: lonLatRings.map((r) => r.map(([x, y]) => [x, y])) }, bufferM, { units: 'meters', steps: 16 });
  const g = feature?.geometry;
  if (!g) return null;
  const outer = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : undefined;
  return outer ? [outer.map((p) => [p[0]!, p[1]!] as [number, number])] : null;
}

/** Centre of a ring list's bounding box (a label position). */
export function boxCentre(rings: Rings): [number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [(minX + maxX) / 2, (minY + maxY) / 2];
}
