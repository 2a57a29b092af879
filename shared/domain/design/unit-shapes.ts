/**
 * Shapes of non-grid design units in the analysis CRS (metres): a street segment as a degenerate
 * "there and back" ring (so areas.ts's polygon distance measures the distance to the line), the
 * segment's stored corridor (convex hull of octagons of the snap tolerance around its vertices,
 * which is the true buffer of a straight segment up to the rounded ends), and flat rings as
 * [x, y] rings.
 */
import type { Rings } from './areas';

/** A polyline (flat x0, y0, x1, y1, ...) as a closed zero-area ring out and back along it. */
export function lineAsRing(line: Float64Array): [number, number][] {
  const ring: [number, number][] = [];
  const n = line.length / 2;
  for (let i = 0; i < n; i++) ring.push([line[2 * i]!, line[2 * i + 1]!]);
  for (let i = n - 2; i >= 0; i--) ring.push([line[2 * i]!, line[2 * i + 1]!]);
  return ring;
}

/** Flat rings (x0, y0, ...) as [x, y] rings, each closed (first point repeated at the end). */
export function flatToRings(rings: readonly Float64Array[]): [number, number][][] {
  return rings.map((r) => {
    const out: [number, number][] = [];
    for (let i = 0; i < r.length; i += 2) out.push([r[i]!, r[i + 1]!]);
    const first = out[0];
    const last = out[out.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
    return out;
  });
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, closed. */
export function convexHull(points: readonly (readonly [number, number])[]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return [...p.map((q) => [q[0], q[1]] as [number, number]), ...(p[0] ? [[p[0][0], p[0][1]] as [number, number]] : [])];
  const cross = (o: readonly number[], a: readonly number[], b: readonly number[]) => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  const lower: (readonly [number, number])[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: (readonly [number, number])[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)].map((q) => [q[0], q[1]] as [number, number]);
  hull.push([hull[0]![0], hull[0]![1]]);
  return hull;
}

/**
 * The corridor stored for a street segment: the convex hull of regular octagons of circumradius
 * `widthM` around every vertex of its lines. Exact width `widthM` across a straight segment.
 */
export function segmentCorridor(lines: readonly Float64Array[], widthM: number): Rings {
  const pts: [number, number][] = [];
  for (const line of lines) {
    for (let i = 0; i < line.length; i += 2) {
      for (let k = 0; k < 8; k++) {
        const a = (Math.PI / 4) * k;
        pts.push([line[i]! + widthM * Math.cos(a), line[i + 1]! + widthM * Math.sin(a)]);
      }
    }
  }
  return [convexHull(pts)];
}

/**
 * A pointy-top hexagon `widthM` across flats centred on (cx, cy), as one closed
 * counter-clockwise ring: vertices at 30 + 60k degrees on the circumradius widthM / sqrt 3,
 * exactly the outline shared/domain/geo/grid.ts's cellPolygons draws for `hex-pointy` cells.
 */
export function hexRings(cx: number, cy: number, widthM: number): [number, number][][] {
  const r = widthM / Math.sqrt(3);
  const ring: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const a = ((30 + 60 * k) * Math.PI) / 180;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return [ring];
}
