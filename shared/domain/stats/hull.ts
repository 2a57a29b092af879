/**
 * Convex hull by Andrew's monotone chain ("Another efficient algorithm for convex hulls in two
 * dimensions", Information Processing Letters 9(5), 1979): O(m log m), exact for collinear and
 * duplicate points (collinear boundary points are dropped, so every hull vertex is a corner).
 */

/**
 * Hull vertices of the points `ids` (indices into x/y), counter-clockwise, starting at the
 * lowest x (then lowest y), not closed. Fewer than 3 vertices when all points coincide (1) or
 * are collinear (the 2 extremes).
 */
export function computeConvexHull(x: ArrayLike<number>, y: ArrayLike<number>, ids: ArrayLike<number>): Int32Array {
  const pts = Array.from(ids);
  pts.sort((a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number));
  const m = pts.length;
  if (m === 0) return new Int32Array(0);
  const cross = (o: number, a: number, b: number) =>
    ((x[a] as number) - (x[o] as number)) * ((y[b] as number) - (y[o] as number)) -
    ((y[a] as number) - (y[o] as number)) * ((x[b] as number) - (x[o] as number));
  const hull = new Int32Array(2 * m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const p = pts[i] as number;
    while (k >= 2 && cross(hull[k - 2] as number, hull[k - 1] as number, p) <= 0) k--;
    hull[k++] = p;
  }
  for (let i = m - 2, lower = k + 1; i >= 0; i--) {
    const p = pts[i] as number;
    while (k >= lower && cross(hull[k - 2] as number, hull[k - 1] as number, p) <= 0) k--;
    hull[k++] = p;
  }
  // The last vertex repeats the first; with all points coincident k may be 2 (the same point).
  let size = k - 1;
  if (size === 2 && (x[hull[0] as number] as number) === (x[hull[1] as number] as number) && (y[hull[0] as number] as number) === (y[hull[1] as number] as number)) size = 1;
  return hull.slice(0, Math.max(1, size));
}

/**
 * Area (m^2) of a polygon given by vertex ids in order (shoelace formula, relative to the first
 * vertex so large projected coordinates keep their precision); 0 below 3 vertices.
 */
export function polygonArea(x: ArrayLike<number>, y: ArrayLike<number>, ring: ArrayLike<number>): number {
  if (ring.length < 3) return 0;
  const x0 = x[ring[0] as number] as number;
  const y0 = y[ring[0] as number] as number;
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as number;
    const q = ring[(i + 1) % ring.length] as number;
    a += ((x[p] as number) - x0) * ((y[q] as number) - y0) - ((x[q] as number) - x0) * ((y[p] as number) - y0);
  }
  return Math.abs(a) / 2;
}
