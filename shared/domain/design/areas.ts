/**
 * Areas of a design in the analysis CRS (metres): polygons with a displacement buffer ring, the
 * distances used to keep comparison cells clear of targets, and assignment of incident points to
 * areas and rings. A ring is every point within `bufferM` of the polygon's boundary outside the
 * polygon (the polygon buffered by bufferM minus the polygon itself).
 */
import { isPointInPolygon, toFlatPolygon, type FlatPolygon } from '../geo/point-in-polygon';

/** A polygon as rings of [x, y] (first ring the outer boundary, the rest holes). */
export type Rings = readonly (readonly (readonly [number, number])[])[];

/** A polygon prepared for repeated point tests: flat coordinates and a bounding box. */
export interface PreparedArea {
  readonly flat: FlatPolygon;
  readonly rings: Rings;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly bufferM: number;
}

/** Prepares a polygon with its buffer distance (metres, >= 0). */
export function prepareArea(rings: Rings, bufferM: number): PreparedArea {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) for (const [x, y] of r) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { flat: toFlatPolygon(rings), rings, minX, minY, maxX, maxY, bufferM };
}

function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Distance (m) from a point to the polygon's boundary (0 on it); ignores inside/outside. */
export function distanceToBoundary(area: PreparedArea, x: number, y: number): number {
  let best = Infinity;
  for (const r of area.rings) {
    for (let i = 1; i < r.length; i++) {
      const d = segmentDistance2(x, y, r[i - 1]![0], r[i - 1]![1], r[i]![0], r[i]![1]);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/** 0 inside the polygon, 1 in its buffer ring, -1 elsewhere. */
export function classifyPoint(area: PreparedArea, x: number, y: number): -1 | 0 | 1 {
  const b = area.bufferM;
  if (x < area.minX - b || x > area.maxX + b || y < area.minY - b || y > area.maxY + b) return -1;
  if (x >= area.minX && x <= area.maxX && y >= area.minY && y <= area.maxY && isPointInPolygon(area.flat, x, y)) return 0;
  if (b > 0 && distanceToBoundary(area, x, y) <= b) return 1;
  return -1;
}

/**
 * Shortest distance (m) between two polygons: 0 when they overlap (a vertex of one inside the
 * other, or crossing edges), else the least vertex-to-boundary distance either way (exact for
 * polygons: the closest pair always involves a vertex).
 */
export function areaDistance(a: PreparedArea, b: PreparedArea): number {
  let best = Infinity;
  for (const [p, q] of [[a, b], [b, a]] as const) {
    for (const r of p.rings) for (const [x, y] of r) {
      if (isPointInPolygon(q.flat, x, y)) return 0;
      const d = distanceToBoundary(q, x, y);
      if (d < best) best = d;
    }
  }
  // Crossing edges with no vertex inside (e.g. a thin cross) give distance 0 too.
  return best < 1e-9 ? 0 : edgesCross(a, b) ? 0 : best;
}

function edgesCross(a: PreparedArea, b: PreparedArea): boolean {
  const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  for (const ra of a.rings) for (let i = 1; i < ra.length; i++) {
    const [p1x, p1y] = ra[i - 1]!;
    const [p2x, p2y] = ra[i]!;
    for (const rb of b.rings) for (let j = 1; j < rb.length; j++) {
      const [q1x, q1y] = rb[j - 1]!;
      const [q2x, q2y] = rb[j]!;
      if (orient(p1x, p1y, p2x, p2y, q1x, q1y) * orient(p1x, p1y, p2x, p2y, q2x, q2y) < 0 && orient(q1x, q1y, q2x, q2y, p1x, p1y) * orient(q1x, q1y, q2x, q2y, p2x, p2y) < 0) return true;
    }
  }
  return false;
}

/** Area (m^2) of a polygon: outer ring minus holes (shoelace formula). */
export function polygonArea(rings: Rings): number {
  let total = 0;
  rings.forEach((r, k) => {
    let s = 0;
    for (let i = 1; i < r.length; i++) s += r[i - 1]![0] * r[i]![1] - r[i]![0] * r[i - 1]![1];
    total += k === 0 ? Math.abs(s) / 2 : -Math.abs(s) / 2;
  });
  return total;
}

/** A square cell of side `size` centred on (cx, cy), as one closed ring. */
export function squareRings(cx: number, cy: number, size: number): [number, number][][] {
  const h = size / 2;
  return [[[cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h], [cx - h, cy - h]]];
}

/**
 * Assigns points to a list of disjoint areas: per point the index of the area containing it
 * (-1 none; the first wins on overlap) and the index of the first area whose ring holds it
 * (-1 none; a point inside any of the areas is in no ring, so the rings of neighbouring areas
 * never count an area's own incidents). Columnar.
 */
export function assignToAreas(areas: readonly PreparedArea[], x: Float64Array, y: Float64Array): { inside: Int32Array; ring: Int32Array } {
  const n = x.length;
  const inside = new Int32Array(n).fill(-1);
  const ring = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let firstRing = -1;
    for (let k = 0; k < areas.length; k++) {
      const c = classifyPoint(areas[k]!, x[i]!, y[i]!);
      if (c === 0) {
        inside[i] = k;
        break;
      }
      if (c === 1 && firstRing < 0) firstRing = k;
    }
    if (inside[i]! < 0) ring[i] = firstRing;
  }
  return { inside, ring };
}
