/**
 * DBSCAN (Ester, Kriegel, Sander & Xu 1996, "A density-based algorithm for discovering
 * clusters in large spatial databases with noise", KDD-96) with scikit-learn's conventions
 * (sklearn.cluster.DBSCAN, metric euclidean):
 * - the eps-neighbourhood of p is every point q with d(p, q) <= eps, p itself included;
 * - p is a core point when its neighbourhood holds >= minPoints points (self counted);
 * - clusters are grown from core points in ascending point order; a border point (not core,
 *   within eps of a core point) joins the first cluster that reaches it, i.e. the cluster whose
 *   lowest-index core point is lowest; noise is -1.
 * Cluster ids are therefore numbered in order of their first core point, and the partition
 * (including the assignment of contested border points) equals scikit-learn's.
 *
 * Speed and memory: a grid index with cells of size eps, points in cell order; core flags by
 * counting neighbours with an early stop at minPoints; one expansion pass that queries each
 * core point once. Memory is a handful of typed arrays of n entries: 1,000,000 points fit.
 */
import { ok, type Result } from '../../base/result';
import { buildGridIndex, positionsById } from '../geo/spatial-index';
import { checkCoordinates, checkInteger, checkPositive, type StatsError } from './errors';
import { computeConvexHull, polygonArea } from './hull';

export interface DbscanResult {
  /** Cluster id per point, 0..clusterCount-1, or -1 for noise. */
  readonly labels: Int32Array;
  /** 1 for core points. */
  readonly core: Uint8Array;
  readonly clusterCount: number;
  readonly noiseCount: number;
}

/**
 * Clusters points x, y (metres) with radius eps (metres, > 0) and minPoints (integer >= 1).
 */
export function computeDbscan(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  eps: number,
  minPoints: number,
): Result<DbscanResult, StatsError> {
  const bad = checkCoordinates(x, y) ?? checkPositive('eps', eps) ?? checkInteger('minPoints', minPoints, 1);
  if (bad) return bad;
  const n = x.length;
  const index = buildGridIndex(x, y, eps);
  const { cellSize: cs, minX, minY, cols, rows, cellStart, sx, sy } = index;
  const eps2 = eps * eps;
  const reach = Math.ceil(eps / cs); // 1 unless the index enlarged its cells (then still 1)

  // Core flags, by position in cell order.
  const corePos = new Uint8Array(n);
  const cellOfPos = new Int32Array(n);
  for (let cell = 0; cell < cols * rows; cell++) {
    for (let k = cellStart[cell] as number; k < (cellStart[cell + 1] as number); k++) cellOfPos[k] = cell;
  }
  for (let k = 0; k < n; k++) {
    const qx = sx[k] as number;
    const qy = sy[k] as number;
    const cell = cellOfPos[k] as number;
    const r = Math.floor(cell / cols);
    const c = cell - r * cols;
    let count = 0;
    outer: for (let rr = Math.max(0, r - reach); rr <= Math.min(rows - 1, r + reach); rr++) {
      for (let cc = Math.max(0, c - reach); cc <= Math.min(cols - 1, c + reach); cc++) {
        const cl = rr * cols + cc;
        const end = cellStart[cl + 1] as number;
        for (let t = cellStart[cl] as number; t < end; t++) {
          const dx = (sx[t] as number) - qx;
          const dy = (sy[t] as number) - qy;
          if (dx * dx + dy * dy <= eps2 && ++count >= minPoints) break outer;
        }
      }
    }
    if (count >= minPoints) corePos[k] = 1;
  }

  // Expansion from core points in ascending id order (scikit-learn's order).
  const pos = positionsById(index);
  const labelPos = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const unlabelled = new Int32Array(cols * rows);
  for (let cell = 0; cell < cols * rows; cell++) unlabelled[cell] = (cellStart[cell + 1] as number) - (cellStart[cell] as number);
  let clusters = 0;
  for (let i = 0; i < n; i++) {
    const start = pos[i] as number;
    if (labelPos[start] !== -1 || corePos[start] !== 1) continue;
    const id = clusters++;
    labelPos[start] = id;
    unlabelled[cellOfPos[start] as number] = (unlabelled[cellOfPos[start] as number] as number) - 1;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const k = stack[--top] as number;
      const qx = sx[k] as number;
      const qy = sy[k] as number;
      const c0 = Math.max(0, Math.floor((qx - eps - minX) / cs));
      const c1 = Math.min(cols - 1, Math.floor((qx + eps - minX) / cs));
      const r0 = Math.max(0, Math.floor((qy - eps - minY) / cs));
      const r1 = Math.min(rows - 1, Math.floor((qy + eps - minY) / cs));
      for (let rr = r0; rr <= r1; rr++) {
        for (let cc = c0; cc <= c1; cc++) {
          const cl = rr * cols + cc;
          // Cells with nothing left to label are skipped in O(1): thousands of records geocoded
          // to one default location would otherwise be rescanned once per core point.
          if (unlabelled[cl] === 0) continue;
          const end = cellStart[cl + 1] as number;
          for (let t = cellStart[cl] as number; t < end; t++) {
            if (labelPos[t] !== -1) continue;
            const dx = (sx[t] as number) - qx;
            const dy = (sy[t] as number) - qy;
            if (dx * dx + dy * dy > eps2) continue;
            labelPos[t] = id;
            unlabelled[cl] = (unlabelled[cl] as number) - 1;
            if (corePos[t] === 1) stack[top++] = t;
          }
        }
      }
    }
  }
  const labels = new Int32Array(n);
  const core = new Uint8Array(n);
  let noise = 0;
  for (let i = 0; i < n; i++) {
    const k = pos[i] as number;
    labels[i] = labelPos[k] as number;
    core[i] = corePos[k] as number;
    if (labels[i] === -1) noise++;
  }
  return ok({ labels, core, clusterCount: clusters, noiseCount: noise });
}

export interface ClusterHulls {
  /** Points per cluster (core + border). */
  readonly counts: Int32Array;
  /** Mean centre per cluster. */
  readonly centreX: Float64Array;
  readonly centreY: Float64Array;
  /** Hull area per cluster (m^2; 0 for collinear or single-location clusters). */
  readonly areas: Float64Array;
  /**
   * Closed hull rings (x, y pairs, counter-clockwise, first vertex repeated) in deck.gl's binary
   * polygon layout: ring c is vertices `startIndices[c] .. startIndices[c+1])`. A cluster at
   * one location or on a line has a degenerate ring of 2 or 3 vertices.
   */
  readonly positions: Float64Array;
  readonly startIndices: Int32Array;
}

/** Convex hull, count, centre and area of every cluster of a labelling (noise ignored). */
export function computeClusterHulls(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  labels: Int32Array,
  clusterCount: number,
): ClusterHulls {
  const counts = new Int32Array(clusterCount);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l >= 0) counts[l] = (counts[l] as number) + 1;
  }
  const starts = new Int32Array(clusterCount + 1);
  for (let c = 0; c < clusterCount; c++) starts[c + 1] = (starts[c] as number) + (counts[c] as number);
  const fill = starts.slice(0, clusterCount);
  const members = new Int32Array(starts[clusterCount] as number);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as number;
    if (l < 0) continue;
    members[fill[l] as number] = i;
    fill[l] = (fill[l] as number) + 1;
  }
  const centreX = new Float64Array(clusterCount);
  const centreY = new Float64Array(clusterCount);
  const areas = new Float64Array(clusterCount);
  const rings: Int32Array[] = [];
  let vertices = 0;
  for (let c = 0; c < clusterCount; c++) {
    const ids = members.subarray(starts[c] as number, starts[c + 1] as number);
    let sxc = 0;
    let syc = 0;
    for (const i of ids) {
      sxc += x[i] as number;
      syc += y[i] as number;
    }
    centreX[c] = sxc / ids.length;
    centreY[c] = syc / ids.length;
    const hull = computeConvexHull(x, y, ids);
    areas[c] = polygonArea(x, y, hull);
    rings.push(hull);
    vertices += hull.length + 1;
  }
  const positions = new Float64Array(vertices * 2);
  const startIndices = new Int32Array(clusterCount + 1);
  let v = 0;
  for (let c = 0; c < clusterCount; c++) {
    const hull = rings[c] as Int32Array;
    for (let k = 0; k <= hull.length; k++) {
      const p = hull[k % hull.length] as number;
      positions[2 * v] = x[p] as number;
      positions[2 * v + 1] = y[p] as number;
      v++;
    }
    startIndices[c + 1] = v;
  }
  return { counts, centreX, centreY, areas, positions, startIndices };
}
