/**
 * A uniform grid ("bucket") index over points in a projected CRS (metres): radius queries, all
 * pairs within a distance, and k nearest neighbours, without the O(n^2) scan. Points are
 * counting-sorted by cell once (O(n)); a radius-r query visits the cells overlapping the query's
 * bounding square, so with a cell size near r it touches about 9 cells.
 *
 * Memory is columnar: the sorted point ids and copies of x/y in cell order (so a cell's points
 * are contiguous in memory), plus one Int32 offset per cell. The cell count is capped near
 * 2n + 64 by enlarging the cell, so a tiny cell size over a huge extent cannot exhaust memory.
 */

/** Compressed sparse rows: the neighbours of i are `indices[offsets[i] .. offsets[i+1])`. */
export interface CsrAdjacency {
  /** n + 1 offsets into `indices`. */
  readonly offsets: Int32Array;
  /** Neighbour ids, ascending within each row. */
  readonly indices: Int32Array;
}

/** The index. Treat as immutable; build with {@link buildGridIndex}. */
export interface GridIndex {
  readonly size: number;
  readonly cellSize: number;
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  /** cols*rows + 1 offsets into `order`/`sx`/`sy`; cell c = row * cols + col. */
  readonly cellStart: Int32Array;
  /** Point ids sorted by cell (stable: ascending id within a cell). */
  readonly order: Int32Array;
  /** x, y of `order[k]`, in cell order. */
  readonly sx: Float64Array;
  readonly sy: Float64Array;
}

/** Distance metric in the plane: straight line or city block (|dx| + |dy|). */
export type Metric = 'euclidean' | 'manhattan';

/**
 * Builds the grid index. `cellSize` (same units as x/y, > 0) is best near the query radius;
 * it is enlarged when the grid would exceed about 2n + 64 cells. Coordinates must be finite
 * (callers validate; see stats/errors.ts). Empty input gives an index with one empty cell.
 */
export function buildGridIndex(x: ArrayLike<number>, y: ArrayLike<number>, cellSize: number): GridIndex {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  if (n === 0) {
    minX = minY = maxX = maxY = 0;
  }
  let cs = cellSize > 0 && Number.isFinite(cellSize) ? cellSize : 1;
  const maxCells = 2 * n + 64;
  const cellsFor = (s: number) => (Math.floor((maxX - minX) / s) + 1) * (Math.floor((maxY - minY) / s) + 1);
  while (cellsFor(cs) > maxCells) cs *= 1.5;
  const cols = Math.floor((maxX - minX) / cs) + 1;
  const rows = Math.floor((maxY - minY) / cs) + 1;
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cols - 1, Math.floor(((x[i] as number) - minX) / cs));
    const r = Math.min(rows - 1, Math.floor(((y[i] as number) - minY) / cs));
    const cell = r * cols + c;
    cellOf[i] = cell;
    cellStart[cell + 1] = (cellStart[cell + 1] as number) + 1;
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] = (cellStart[c + 1] as number) + (cellStart[c] as number);
  const fill = cellStart.slice(0, cols * rows);
  const order = new Int32Array(n);
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cell = cellOf[i] as number;
    const k = fill[cell] as number;
    fill[cell] = k + 1;
    order[k] = i;
    sx[k] = x[i] as number;
    sy[k] = y[i] as number;
  }
  return { size: n, cellSize: cs, minX, minY, cols, rows, cellStart, order, sx, sy };
}

/** Distance between two points under `metric`. */
export function distance(dx: number, dy: number, metric: Metric): number {
  return metric === 'euclidean' ? Math.sqrt(dx * dx + dy * dy) : Math.abs(dx) + Math.abs(dy);
}

/**
 * Calls `visit(id, d)` for every indexed point whose distance to (qx, qy) is <= radius
 * (inclusive, the convention of PySAL's DistanceBand and ArcGIS's fixed distance band). Order:
 * by cell, then ascending id. A Manhattan ball lies inside the Euclidean ball of the same
 * radius, so one cell walk serves both metrics.
 */
export function forEachWithinRadius(
  index: GridIndex,
  qx: number,
  qy: number,
  radius: number,
  metric: Metric,
  visit: (id: number, d: number) => void,
): void {
  const { cellSize: cs, minX, minY, cols, rows, cellStart, order, sx, sy } = index;
  const c0 = Math.max(0, Math.floor((qx - radius - minX) / cs));
  const c1 = Math.min(cols - 1, Math.floor((qx + radius - minX) / cs));
  const r0 = Math.max(0, Math.floor((qy - radius - minY) / cs));
  const r1 = Math.min(rows - 1, Math.floor((qy + radius - minY) / cs));
  const r2 = radius * radius * (1 + 1e-12);
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * cols + c;
      const end = cellStart[cell + 1] as number;
      for (let k = cellStart[cell] as number; k < end; k++) {
        const dx = (sx[k] as number) - qx;
        const dy = (sy[k] as number) - qy;
        if (metric === 'euclidean') {
          const d2 = dx * dx + dy * dy;
          // Decide on the rounded distance itself, so "d <= radius" means what it says.
          if (d2 <= r2) {
            const d = Math.sqrt(d2);
            if (d <= radius) visit(order[k] as number, d);
          }
        } else {
          const d = Math.abs(dx) + Math.abs(dy);
          if (d <= radius) visit(order[k] as number, d);
        }
      }
    }
  }
}

/**
 * Neighbours within `radius` (inclusive) of every indexed point, as CSR rows sorted by id.
 * `includeSelf` keeps i in its own row (Gi* weights, DBSCAN neighbourhoods); coincident
 * points are always neighbours of each other. O(n * average neighbours).
 */
export function radiusNeighbours(index: GridIndex, radius: number, metric: Metric, includeSelf: boolean): CsrAdjacency {
  const n = index.size;
  const { cellSize: cs, minX, minY, cols, rows, cellStart, order, sx, sy } = index;
  const at = positionsById(index);
  const offsets = new Int32Array(n + 1);
  let buf: Int32Array = new Int32Array(Math.max(16, n * 4));
  let len = 0;
  const r2 = radius * radius * (1 + 1e-12);
  for (let i = 0; i < n; i++) {
    const q = at[i] as number;
    const qx = sx[q] as number;
    const qy = sy[q] as number;
    const c0 = Math.max(0, Math.floor((qx - radius - minX) / cs));
    const c1 = Math.min(cols - 1, Math.floor((qx + radius - minX) / cs));
    const r0 = Math.max(0, Math.floor((qy - radius - minY) / cs));
    const r1 = Math.min(rows - 1, Math.floor((qy + radius - minY) / cs));
    const rowStart = len;
    for (let r = r0; r <= r1; r++) {
      // cells c0..c1 of a grid row are contiguous in `order`
      const from = cellStart[r * cols + c0] as number;
      const to = cellStart[r * cols + c1 + 1] as number;
      if (len + (to - from) > buf.length) buf = growInt(buf, Math.max(buf.length * 2, len + (to - from)));
      for (let k = from; k < to; k++) {
        const j = order[k] as number;
        if (j === i && !includeSelf) continue;
        const dx = (sx[k] as number) - qx;
        const dy = (sy[k] as number) - qy;
        let inside: boolean;
        if (metric === 'euclidean') {
          const d2 = dx * dx + dy * dy;
          inside = d2 <= r2 && Math.sqrt(d2) <= radius;
        } else {
          inside = Math.abs(dx) + Math.abs(dy) <= radius;
        }
        if (inside) buf[len++] = j;
      }
    }
    buf.subarray(rowStart, len).sort();
    offsets[i + 1] = len;
  }
  return { offsets, indices: buf.slice(0, len) };
}

/** For each point id, its position k in the index's cell order (`sx[k]`, `sy[k]`). */
export function positionsById(index: GridIndex): Int32Array {
  const at = new Int32Array(index.size);
  for (let k = 0; k < index.size; k++) at[index.order[k] as number] = k;
  return at;
}

/** All unordered pairs i < j within a distance, with the distance of each pair. */
export interface PointPairs {
  readonly count: number;
  readonly i: Int32Array;
  readonly j: Int32Array;
  readonly d: Float64Array;
}

/**
 * Every pair i < j with distance <= maxDistance (inclusive) under `metric`, ordered by i then
 * j. Used by Knox, where the space-close pairs are fixed across Monte Carlo simulations.
 * Returns null as soon as more than `maxPairs` (default unlimited) are found: thousands of
 * records at one default location make n^2 / 2 pairs, and the caller reports that instead of
 * exhausting memory.
 */
export function pairsWithinDistance(index: GridIndex, maxDistance: number, metric: Metric, maxPairs = Infinity): PointPairs | null {
  const n = index.size;
  let cap = Math.max(16, n * 2);
  let pi: Int32Array = new Int32Array(cap);
  let pj: Int32Array = new Int32Array(cap);
  let pd: Float64Array = new Float64Array(cap);
  let count = 0;
  const rowJ: number[] = [];
  const rowD: number[] = [];
  const byId = positionsById(index);
  const perm: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = byId[i] as number;
    rowJ.length = 0;
    rowD.length = 0;
    forEachWithinRadius(index, index.sx[k] as number, index.sy[k] as number, maxDistance, metric, (j, d) => {
      if (j > i) {
        rowJ.push(j);
        rowD.push(d);
      }
    });
    perm.length = rowJ.length;
    for (let t = 0; t < perm.length; t++) perm[t] = t;
    perm.sort((a, b) => (rowJ[a] as number) - (rowJ[b] as number));
    if (count + perm.length > maxPairs) return null;
    if (count + perm.length > cap) {
      cap = Math.max(cap * 2, count + perm.length);
      pi = growInt(pi, cap);
      pj = growInt(pj, cap);
      pd = growFloat(pd, cap);
    }
    for (const t of perm) {
      pi[count] = i;
      pj[count] = rowJ[t] as number;
      pd[count] = rowD[t] as number;
      count++;
    }
  }
  return { count, i: pi.slice(0, count), j: pj.slice(0, count), d: pd.slice(0, count) };
}

function growInt(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
function growFloat(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/** k nearest neighbours of every point: row i is `neighbours[i*k .. i*k+k)`. */
export interface KNearest {
  readonly k: number;
  readonly neighbours: Int32Array;
  readonly distances: Float64Array;
}

/**
 * The k nearest other points of every indexed point (self excluded), ascending by distance;
 * equal distances are broken by the lower id, so the result is deterministic (PySAL's KNN,
 * via scipy's KD-tree, breaks ties in tree order, which can differ at exact ties only).
 * Searches rings of cells outwards and stops once no unvisited cell can hold a closer point.
 * Throws RangeError if k > n - 1 or k < 1 (callers validate and return a Result).
 */
export function kNearestNeighbours(index: GridIndex, k: number, metric: Metric = 'euclidean'): KNearest {
  const n = index.size;
  if (!Number.isInteger(k) || k < 1 || k > n - 1) throw new RangeError(`k must be an integer in 1..${n - 1}, got ${k}`);
  const { cellSize: cs, minX, minY, cols, rows, cellStart, order, sx, sy } = index;
  const neighbours = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const bestD = new Float64Array(k);
  const bestJ = new Int32Array(k);
  const maxRing = Math.max(cols, rows);
  for (let q = 0; q < n; q++) {
    const i = order[q] as number;
    const qx = sx[q] as number;
    const qy = sy[q] as number;
    const cq = Math.min(cols - 1, Math.floor((qx - minX) / cs));
    const rq = Math.min(rows - 1, Math.floor((qy - minY) / cs));
    let found = 0;
    const scanCell = (cell: number) => {
      const end = cellStart[cell + 1] as number;
      for (let t = cellStart[cell] as number; t < end; t++) {
        const j = order[t] as number;
        if (j === i) continue;
        const d = distance((sx[t] as number) - qx, (sy[t] as number) - qy, metric);
        if (found === k) {
          const wd = bestD[k - 1] as number;
          if (d > wd || (d === wd && j > (bestJ[k - 1] as number))) continue;
        } else {
          found++;
        }
        let p = found - 1;
        while (p > 0) {
          const pd = bestD[p - 1] as number;
          if (pd < d || (pd === d && (bestJ[p - 1] as number) < j)) break;
          bestD[p] = pd;
          bestJ[p] = bestJ[p - 1] as number;
          p--;
        }
        bestD[p] = d;
        bestJ[p] = j;
      }
    };
    for (let m = 0; m <= maxRing; m++) {
      const r0 = rq - m;
      const r1 = rq + m;
      const c0 = Math.max(0, cq - m);
      const c1 = Math.min(cols - 1, cq + m);
      if (r0 >= 0) for (let c = c0; c <= c1; c++) scanCell(r0 * cols + c);
      if (m > 0 && r1 < rows) for (let c = c0; c <= c1; c++) scanCell(r1 * cols + c);
      if (m > 0) {
        for (let r = Math.max(0, r0 + 1); r <= Math.min(rows - 1, r1 - 1); r++) {
          if (cq - m >= 0) scanCell(r * cols + cq - m);
          if (cq + m < cols) scanCell(r * cols + cq + m);
        }
      }
      // Every point beyond ring m is at least m cells (m * cs) away.
      if (found === k && (bestD[k - 1] as number) < m * cs) break;
    }
    neighbours.set(bestJ, i * k);
    distances.set(bestD, i * k);
  }
  return { k, neighbours, distances };
}
