/**
 * Clustered points: at a map zoom, points closer than `radius` screen pixels are grouped, the way
 * supercluster (Mapbox) does it: greedy, in point order, each unassigned point takes every still
 * unassigned point within the radius of it; the cluster sits at its members' mean position (in
 * Web Mercator). A grid of radius-sized cells is the spatial index (only the 3 x 3 cells around a
 * seed can hold its neighbours). Recomputed per integer zoom, so counts split as you zoom in.
 */
import { worldPixels, worldXToLon, worldYToLat } from './web-mercator';

/** Clusters at one zoom: columns, one entry per cluster (singletons included). */
export interface PointClusters {
  readonly zoom: number;
  readonly radius: number;
  readonly length: number;
  /** Cluster centre, lon/lat degrees, interleaved (deck.gl positions). */
  readonly positions: Float64Array;
  /** Points in each cluster (1 = a single point). */
  readonly counts: Uint32Array;
  /** Each cluster's first point (the seed): for a singleton, the point itself. */
  readonly seeds: Uint32Array;
  /** Members' bounding box, lon/lat: [west, south, east, north] per cluster, interleaved. */
  readonly bounds: Float64Array;
  /** Cluster index of every input point. */
  readonly membership: Uint32Array;
}

/**
 * Groups points `wx`, `wy` (Web Mercator world units, web-mercator.ts) at `zoom` (integer or
 * not) so that every member lies within `radius` pixels (default 60, supercluster's default) of
 * its cluster's seed. Deterministic: same input order, same clusters. O(n) expected, plus
 * the neighbours each seed scans. Non-finite points are left out (membership 0xffffffff).
 */
export function computePointClusters(wx: Float64Array, wy: Float64Array, zoom: number, radius = 60): PointClusters {
  const n = wx.length;
  const scale = worldPixels(zoom);
  const r2 = radius * radius;
  // Cell ids in order of first appearance; keys are (cx, cy) packed in a float (exact below 2^53).
  const cellOf = new Int32Array(n).fill(-1);
  const ids = new Map<number, number>();
  const cellX: number[] = [];
  const cellY: number[] = [];
  const key = (cx: number, cy: number) => cy * 67_108_864 + cx;
  for (let i = 0; i < n; i++) {
    const x = (wx[i] as number) * scale;
    const y = (wy[i] as number) * scale;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const cx = Math.floor(x / radius);
    const cy = Math.floor(y / radius);
    const k = key(cx, cy);
    let id = ids.get(k);
    if (id === undefined) {
      id = cellX.length;
      ids.set(k, id);
      cellX.push(cx);
      cellY.push(cy);
    }
    cellOf[i] = id;
  }
  const cells = cellX.length;
  const start = new Uint32Array(cells + 1);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i] as number;
    if (c >= 0) start[c + 1] = (start[c + 1] as number) + 1;
  }
  for (let c = 0; c < cells; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const order = new Uint32Array(start[cells] as number);
  const fill = start.slice(0, cells);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i] as number;
    if (c >= 0) order[(fill[c] as number)++] = i;
  }
  // live[c]: how many of the cell's points are still unassigned; they sit at order[start[c] ..].
  const live = new Uint32Array(cells);
  for (let c = 0; c < cells; c++) live[c] = (start[c + 1] as number) - (start[c] as number);
  const membership = new Uint32Array(n).fill(0xffffffff);
  const seeds: number[] = [];
  const counts: number[] = [];
  const sums: number[] = [];
  const box: number[] = [];
  for (let i = 0; i < n; i++) {
    if (cellOf[i] === -1 || membership[i] !== 0xffffffff) continue;
    const id = seeds.length;
    const sx = (wx[i] as number) * scale;
    const sy = (wy[i] as number) * scale;
    const c0 = cellOf[i] as number;
    let count = 0;
    let mx = 0;
    let my = 0;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const c = ids.get(key((cellX[c0] as number) + dx, (cellY[c0] as number) + dy));
        if (c === undefined) continue;
        const s = start[c] as number;
        for (let k = 0; k < (live[c] as number); ) {
          const j = order[s + k] as number;
          const px = (wx[j] as number) * scale - sx;
          const py = (wy[j] as number) * scale - sy;
          if (px * px + py * py > r2) {
            k++;
            continue;
          }
          membership[j] = id;
          count++;
          mx += wx[j] as number;
          my += wy[j] as number;
          x0 = Math.min(x0, wx[j] as number);
          x1 = Math.max(x1, wx[j] as number);
          y0 = Math.min(y0, wy[j] as number);
          y1 = Math.max(y1, wy[j] as number);
          // Swap-remove: the last live point moves here and is examined next.
          const last = (live[c] as number) - 1;
          order[s + k] = order[s + last] as number;
          order[s + last] = j;
          live[c] = last;
        }
      }
    }
    seeds.push(i);
    counts.push(count);
    sums.push(mx / count, my / count);
    box.push(worldXToLon(x0), worldYToLat(y1), worldXToLon(x1), worldYToLat(y0));
  }
  const m = seeds.length;
  const positions = new Float64Array(2 * m);
  for (let c = 0; c < m; c++) {
    positions[2 * c] = worldXToLon(sums[2 * c] as number);
    positions[2 * c + 1] = worldYToLat(sums[2 * c + 1] as number);
  }
  return { zoom, radius, length: m, positions, counts: Uint32Array.from(counts), seeds: Uint32Array.from(seeds), bounds: Float64Array.from(box), membership };
}
