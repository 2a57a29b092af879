/**
 * Point-in-polygon on columns, for "is this incident inside the jurisdiction?". Polygons are
 * flat rings (x0, y0, x1, y1, ...) in any planar or lon/lat coordinates; a polygon is an outer
 * ring plus holes, and a point is inside when the even-odd rule over all its rings says so.
 */

/** One polygon: rings as flat coordinate arrays; ring 0 is the outer ring, the rest holes. */
export interface FlatPolygon {
  readonly rings: readonly Float64Array[];
  /** [minX, minY, maxX, maxY] of the outer ring (a cheap first test). */
  readonly bbox: readonly [number, number, number, number];
}

/** Builds a FlatPolygon from GeoJSON-style rings ([[x, y], ...] per ring). Rings with fewer than 3 points are dropped. */
export function toFlatPolygon(rings: readonly (readonly (readonly number[])[])[]): FlatPolygon {
  const flat: Float64Array[] = [];
  for (const ring of rings) {
    if (ring.length < 3) continue;
    const a = new Float64Array(ring.length * 2);
    ring.forEach((p, i) => {
      a[2 * i] = Number(p[0]);
      a[2 * i + 1] = Number(p[1]);
    });
    flat.push(a);
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const outer = flat[0] ?? new Float64Array(0);
  for (let i = 0; i < outer.length; i += 2) {
    minX = Math.min(minX, outer[i] as number);
    maxX = Math.max(maxX, outer[i] as number);
    minY = Math.min(minY, outer[i + 1] as number);
    maxY = Math.max(maxY, outer[i + 1] as number);
  }
  return { rings: flat, bbox: [minX, minY, maxX, maxY] };
}

/** Even-odd ray casting over every ring (Jordan curve theorem); points on an edge may fall either way. */
export function isPointInPolygon(polygon: FlatPolygon, x: number, y: number): boolean {
  const [minX, minY, maxX, maxY] = polygon.bbox;
  if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
  let inside = false;
  for (const ring of polygon.rings) if (isPointInRing(ring, x, y)) inside = !inside;
  return inside;
}

/**
 * Even-odd ray casting on one flat ring [x0, y0, x1, y1, ...], closed or not (a repeated closing
 * vertex adds a zero-length edge that never crosses). Points on an edge may fall either way.
 */
export function isPointInRing(ring: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * For each point (xs[i], ys[i]): 1 when inside any of `polygons`, else 0 (non-finite points: 0).
 * Linear in points x vertices, with a bounding-box test first.
 */
export function pointsInPolygons(polygons: readonly FlatPolygon[], xs: Float64Array, ys: Float64Array): Uint8Array {
  const out = new Uint8Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    for (const p of polygons) {
      if (isPointInPolygon(p, x, y)) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}
