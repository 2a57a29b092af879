/**
 * Editing target areas (metres, the design CRS): merge two targets into one, split a target by a
 * straight line, move or insert a vertex, and make targets from DBSCAN clusters of the pre-period
 * incidents (their convex hulls, optionally widened). Pure functions over ring lists, so they are
 * tested without a map. Polygon overlay is turf's (polyclip-ts, planar: exact on projected metres).
 */
import { difference, featureCollection, intersect, polygon as turfPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { formatAppError } from '../../../shared/base/errors';
import { polygonArea } from '../../../shared/domain/design/areas';
import type { DesignPoints } from '../../../shared/domain/design/design-units';
import type { DayPeriod } from '../../../shared/domain/design/period';
import { computeClusterHulls, computeDbscan } from '../../../shared/domain/stats/dbscan';
import { computeConvexHull } from '../../../shared/domain/stats/hull';
import type { RingList, XY } from './geometry';

type Poly = Feature<Polygon | MultiPolygon>;

const toFeature = (rings: RingList): Feature<Polygon> => turfPolygon(rings.map((r) => r.map(([x, y]) => [x, y])));

/**
 * A closed ring without vertices that lie on the line through their neighbours (an overlay keeps
 * the corners of both inputs, e.g. where two merged squares met): the outline is unchanged and
 * vertex editing shows only real corners. Tolerance: 1e-9 of the squared edge lengths.
 */
export function dropCollinear(ring: readonly (readonly [number, number])[]): [number, number][] {
  const pts = ring.slice(0, -1).map((p) => [p[0], p[1]] as [number, number]);
  let changed = true;
  while (changed && pts.length > 3) {
    changed = false;
    for (let k = 0; k < pts.length && pts.length > 3; k++) {
      const a = pts[(k + pts.length - 1) % pts.length]!;
      const b = pts[k]!;
      const c = pts[(k + 1) % pts.length]!;
      const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      const scale = Math.hypot(b[0] - a[0], b[1] - a[1]) * Math.hypot(c[0] - a[0], c[1] - a[1]);
      if (Math.abs(cross) <= 1e-9 * Math.max(scale, 1e-12)) {
        pts.splice(k, 1);
        changed = true;
        k--;
      }
    }
  }
  pts.push([pts[0]![0], pts[0]![1]]);
  return pts;
}

/** The polygons of an overlay result as ring lists (empty for none), collinear vertices dropped. */
function partsOf(f: Poly | null): RingList[] {
  if (!f) return [];
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((p) => p.map((r) => dropCollinear(r.map((pt) => [pt[0]!, pt[1]!] as [number, number])))).filter((p) => polygonArea(p) > 1e-6);
}

/**
 * The union of two targets as one polygon, or an error in words when they neither touch nor
 * overlap (a design target is one polygon; two separate places stay two targets).
 */
export function mergeTargetRings(a: RingList, b: RingList): { ok: true; rings: RingList } | { ok: false; error: string } {
  const parts = partsOf(union(featureCollection([toFeature(a), toFeature(b)])) as Poly | null);
  if (parts.length !== 1) return { ok: false, error: 'the two targets neither touch nor overlap: a merged target must be one area (draw a polygon around both instead)' };
  return { ok: true, rings: parts[0]! };
}

/**
 * Splits a polygon by the infinite straight line through `p` and `q`: the parts on its left
 * and on its right (each side may be several parts for a non-convex polygon), largest first.
 * Null when the line does not cut the polygon (everything on one side) or p = q.
 */
export function splitRingsByLine(rings: RingList, p: XY, q: XY): RingList[] | null {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len = Math.hypot(dx, dy);
  if (!(len > 0)) return null;
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
  // A half-plane as a big rectangle on the line's left: far enough to cover the polygon.
  const far = 4 * (Math.hypot(maxX - minX, maxY - minY) + Math.hypot(p[0] - minX, p[1] - minY));
  const ux = dx / len;
  const uy = dy / len;
  const a: [number, number] = [p[0] - ux * far, p[1] - uy * far];
  const b: [number, number] = [p[0] + ux * far, p[1] + uy * far];
  const left: RingList = [[a, b, [b[0] - uy * far, b[1] + ux * far], [a[0] - uy * far, a[1] + ux * far], a]];
  const poly = toFeature(rings);
  const inside = partsOf(intersect(featureCollection([poly, toFeature(left)])) as Poly | null);
  const outside = partsOf(difference(featureCollection([poly, toFeature(left)])) as Poly | null);
  if (inside.length === 0 || outside.length === 0) return null;
  return [...inside, ...outside].sort((m, n) => polygonArea(n) - polygonArea(m));
}

/** The vertex of the outer ring nearest to `p` within `toleranceM` (index, not the closing copy), or -1. */
export function nearestVertex(rings: RingList, p: XY, toleranceM: number): number {
  const ring = rings[0] ?? [];
  let best = -1;
  let bestD = toleranceM;
  for (let k = 0; k < ring.length - 1; k++) {
    const d = Math.hypot(ring[k]![0] - p[0], ring[k]![1] - p[1]);
    if (d <= bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** The midpoints of the outer ring's edges (handles that insert a vertex). */
export function edgeMidpoints(rings: RingList): [number, number][] {
  const ring = rings[0] ?? [];
  const out: [number, number][] = [];
  for (let k = 0; k < ring.length - 1; k++) out.push([(ring[k]![0] + ring[k + 1]![0]) / 2, (ring[k]![1] + ring[k + 1]![1]) / 2]);
  return out;
}

/**
 * Moves vertex `k` of the outer ring to `to` (the closing copy follows vertex 0). Null when the
 * moved ring has no area or crosses itself (the edit is refused, the old shape kept).
 */
export function moveVertex(rings: RingList, k: number, to: XY): RingList | null {
  const ring = rings[0]!.map((v) => [v[0], v[1]] as [number, number]);
  const n = ring.length - 1;
  if (k < 0 || k >= n) return null;
  ring[k] = [to[0], to[1]];
  if (k === 0) ring[n] = [to[0], to[1]];
  const out: RingList = [ring, ...rings.slice(1)];
  return isSimpleRing(ring) && polygonArea(out) > 1e-6 ? out : null;
}

/** Inserts a vertex at `at` after vertex `k` of the outer ring (on edge k -> k+1). */
export function insertVertex(rings: RingList, k: number, at: XY): RingList {
  const ring = rings[0]!.map((v) => [v[0], v[1]] as [number, number]);
  ring.splice(k + 1, 0, [at[0], at[1]]);
  return [ring, ...rings.slice(1)];
}

/** Whether a closed ring has no two non-adjacent edges crossing (O(n^2); rings are small). */
export function isSimpleRing(ring: readonly (readonly [number, number])[]): boolean {
  const n = ring.length - 1;
  const cross = (o: readonly number[], a: readonly number[], b: readonly number[]) => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      const d1 = cross(c, d, a);
      const d2 = cross(c, d, b);
      const d3 = cross(a, b, c);
      const d4 = cross(a, b, d);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return false;
    }
  }
  return true;
}

/** One cluster target: its outline and the incidents in the cluster. */
export interface ClusterTarget {
  readonly rings: RingList;
  readonly count: number;
}

/**
 * Targets from DBSCAN clusters (shared/domain/stats/dbscan.ts, scikit-learn's conventions) of the
 * pre-period incidents: the convex hull of each cluster (hull.ts) widened by `padM` metres
 * (default 0) so border incidents lie inside, largest clusters first, at most `maxTargets`.
 * Clusters whose hull has no area (one location, or a line) are widened the same way, or skipped
 * when `padM` is 0. Errors: eps <= 0 or minPoints < 1 (the DBSCAN message).
 */
export function clusterTargets(points: DesignPoints, pre: Pick<DayPeriod, 'startDay' | 'endDay'>, eps: number, minPoints: number, maxTargets: number, padM = 0): { ok: true; targets: ClusterTarget[]; clusters: number; noise: number } | { ok: false; error: string } {
  const keep: number[] = [];
  for (let i = 0; i < points.x.length; i++) {
    const d = points.days[i]!;
    if (d >= pre.startDay && d < pre.endDay && Number.isFinite(points.x[i]! + points.y[i]!)) keep.push(i);
  }
  const x = Float64Array.from(keep, (i) => points.x[i]!);
  const y = Float64Array.from(keep, (i) => points.y[i]!);
  const db = computeDbscan(x, y, eps, minPoints);
  if (!db.ok) return { ok: false, error: formatAppError(db.error) };
  const hulls = computeClusterHulls(x, y, db.value.labels, db.value.clusterCount);
  const order = Array.from({ length: db.value.clusterCount }, (_, c) => c).sort((a, b) => hulls.counts[b]! - hulls.counts[a]! || a - b);
  const targets: ClusterTarget[] = [];
  for (const c of order) {
    if (targets.length >= maxTargets) break;
    const ring: [number, number][] = [];
    for (let v = hulls.startIndices[c]!; v < hulls.startIndices[c + 1]!; v++) ring.push([hulls.positions[2 * v]!, hulls.positions[2 * v + 1]!]);
    let rings: RingList | null = hulls.areas[c]! > 0 ? [ring] : null;
    if (padM > 0) rings = padRings([ring], padM);
    if (rings) targets.push({ rings, count: hulls.counts[c]! });
  }
  return { ok: true, targets, clusters: db.value.clusterCount, noise: db.value.noiseCount };
}

/**
 * A convex ring (or one point) widened by `padM` metres: the convex hull of 16-gon circles of
 * radius padM / cos(pi/16) around every vertex, which contains the exact buffer (the Minkowski
 * sum of a convex polygon and a disc) and exceeds it by under 2%.
 */
function padRings(rings: RingList, padM: number): RingList | null {
  const ring = rings[0]!;
  const m = ring.length > 1 ? ring.length - 1 : 1;
  const steps = 16;
  const r = padM / Math.cos(Math.PI / steps);
  const x = new Float64Array(m * steps);
  const y = new Float64Array(m * steps);
  for (let k = 0; k < m; k++) for (let s = 0; s < steps; s++) {
    const t = (2 * Math.PI * s) / steps;
    x[k * steps + s] = ring[k]![0] + r * Math.cos(t);
    y[k * steps + s] = ring[k]![1] + r * Math.sin(t);
  }
  const hull = computeConvexHull(x, y, Int32Array.from({ length: x.length }, (_, i) => i));
  if (hull.length < 3) return null;
  const out: [number, number][] = Array.from(hull, (i) => [x[i]!, y[i]!] as [number, number]);
  out.push([out[0]![0], out[0]![1]]);
  return [out];
}
