/**
 * Sparse spatial weights in compressed sparse rows (CSR): the neighbours of unit i are
 * `neighbours[offsets[i] .. offsets[i+1])`, ascending, with weights `values` (null = binary,
 * every listed neighbour weighs 1). One Int32 per neighbour: 100,000 units with 80 neighbours
 * each take 32 MB.
 *
 * Conventions:
 * - Gi* (Getis & Ord 1992; Ord & Getis 1995; ArcGIS Hot Spot Analysis) uses binary weights
 *   with the unit itself included (w_ii = 1), not row-standardized: `includeSelf: true`.
 * - Moran's I (Moran 1950; Anselin 1995; PySAL/esda) uses weights without self, row-standardized
 *   (`rowStandardize`, PySAL's transform "r").
 * - A distance band is inclusive: j is a neighbour of i when d_ij <= threshold (PySAL
 *   DistanceBand, ArcGIS fixed distance band).
 */
import { ok, type Result } from '../../base/result';
import { buildGridIndex, kNearestNeighbours, radiusNeighbours, type CsrAdjacency, type Metric } from '../geo/spatial-index';
import { gridContiguity, type Grid } from '../geo/grid';
import { checkCoordinates, checkInteger, checkPositive, invalidArgument, type StatsError } from './errors';

export interface SpatialWeights {
  readonly n: number;
  /** n + 1 offsets into `neighbours`/`values`. */
  readonly offsets: Int32Array;
  /** Neighbour ids, ascending within each row. */
  readonly neighbours: Int32Array;
  /** w_ij per entry, or null for binary weights (all 1). */
  readonly values: Float64Array | null;
  /** True when every row lists its own unit (w_ii present). */
  readonly selfIncluded: boolean;
}

/**
 * Weights from a neighbour structure: binary, with self inserted in each row (at its sorted
 * position) when `includeSelf`, or removed when not.
 */
export function weightsFromAdjacency(adjacency: CsrAdjacency, includeSelf: boolean): SpatialWeights {
  const n = adjacency.offsets.length - 1;
  const offsets = new Int32Array(n + 1);
  const out = new Int32Array(adjacency.indices.length + (includeSelf ? n : 0));
  let len = 0;
  for (let i = 0; i < n; i++) {
    let placed = !includeSelf;
    const end = adjacency.offsets[i + 1] as number;
    for (let k = adjacency.offsets[i] as number; k < end; k++) {
      const j = adjacency.indices[k] as number;
      if (j === i) continue;
      if (!placed && j > i) {
        out[len++] = i;
        placed = true;
      }
      out[len++] = j;
    }
    if (!placed) out[len++] = i;
    offsets[i + 1] = len;
  }
  return { n, offsets, neighbours: out.slice(0, len), values: null, selfIncluded: includeSelf };
}

/**
 * Fixed distance band weights: w_ij = 1 when d_ij <= threshold (metres, inclusive), else 0.
 * Default `includeSelf` true (Gi*); Euclidean unless `metric: 'manhattan'`. Uses a grid index
 * with cells of the threshold's size: O(n * neighbours), not O(n^2).
 */
export function computeDistanceBandWeights(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  threshold: number,
  options: { includeSelf?: boolean; metric?: Metric } = {},
): Result<SpatialWeights, StatsError> {
  const bad = checkCoordinates(x, y) ?? checkPositive('threshold', threshold);
  if (bad) return bad;
  const index = buildGridIndex(x, y, threshold);
  const includeSelf = options.includeSelf ?? true;
  const adjacency = radiusNeighbours(index, threshold, options.metric ?? 'euclidean', includeSelf);
  return ok({ n: x.length, offsets: adjacency.offsets, neighbours: adjacency.indices, values: null, selfIncluded: includeSelf });
}

/**
 * k-nearest-neighbour weights: w_ij = 1 for the k nearest other units of i (Euclidean; ties at
 * the k-th distance broken by the lower index), plus w_ii = 1 when `includeSelf` (default true,
 * for Gi*). Asymmetric by nature: j may be among i's k nearest but not the reverse.
 */
export function computeKnnWeights(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  k: number,
  options: { includeSelf?: boolean } = {},
): Result<SpatialWeights, StatsError> {
  const bad = checkCoordinates(x, y) ?? checkInteger('k', k, 1);
  if (bad) return bad;
  if (k > x.length - 1) return invalidArgument('k', k, `at most the number of units minus one (${x.length - 1})`);
  const n = x.length;
  const extent = Math.max(1e-9, spread(x), spread(y));
  const index = buildGridIndex(x, y, extent * Math.sqrt(Math.max(1, k) / n) * 1.5);
  const knn = kNearestNeighbours(index, k);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (i + 1) * k;
  const rows = knn.neighbours.slice();
  for (let i = 0; i < n; i++) rows.subarray(i * k, i * k + k).sort();
  return ok(weightsFromAdjacency({ offsets, indices: rows }, options.includeSelf ?? true));
}

function spread(v: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const a = v[i] as number;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  return v.length ? hi - lo : 0;
}

/**
 * Contiguity weights from neighbour lists (e.g. polygons sharing a boundary, computed by the
 * geometry layer). Sharing a boundary is symmetric, so the lists are symmetrized (j in i's
 * list puts i in j's); duplicates and self-references are dropped. `includeSelf` default true
 * (Gi*). An index outside 0..n-1 is an error naming the unit and the index.
 */
export function computeContiguityWeights(
  lists: readonly (readonly number[])[],
  options: { includeSelf?: boolean } = {},
): Result<SpatialWeights, StatsError> {
  const n = lists.length;
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    for (const j of lists[i] ?? []) {
      if (!Number.isInteger(j) || j < 0 || j >= n) return invalidArgument(`neighbours of unit ${i}`, j, `a unit index in 0..${n - 1}`);
      if (j === i) continue;
      sets[i]?.add(j);
      sets[j]?.add(i);
    }
  }
  const offsets = new Int32Array(n + 1);
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [...(sets[i] ?? [])].sort((a, b) => a - b);
    for (const j of row) indices.push(j);
    offsets[i + 1] = indices.length;
  }
  return ok(weightsFromAdjacency({ offsets, indices: Int32Array.from(indices) }, options.includeSelf ?? true));
}

/**
 * Contiguity weights for every cell of a grid: rook or queen (default) for squares, the six
 * edge neighbours for hexagons; `includeSelf` default true (Gi*).
 */
export function computeGridWeights(
  grid: Grid,
  options: { squareKind?: 'rook' | 'queen'; includeSelf?: boolean } = {},
): SpatialWeights {
  return weightsFromAdjacency(gridContiguity(grid, options.squareKind ?? 'queen'), options.includeSelf ?? true);
}

/** Sum of each row's weights (the cardinality for binary weights). */
export function weightsRowSums(w: SpatialWeights): Float64Array {
  const sums = new Float64Array(w.n);
  for (let i = 0; i < w.n; i++) {
    const a = w.offsets[i] as number;
    const b = w.offsets[i + 1] as number;
    if (!w.values) sums[i] = b - a;
    else {
      let s = 0;
      for (let k = a; k < b; k++) s += w.values[k] as number;
      sums[i] = s;
    }
  }
  return sums;
}

/**
 * Row-standardized copy (PySAL transform "r"): w_ij / sum_j w_ij, so each row sums to 1.
 * Rows without neighbours (islands) stay empty, contributing a spatial lag of 0, as in PySAL.
 */
export function rowStandardize(w: SpatialWeights): SpatialWeights {
  const sums = weightsRowSums(w);
  const values = new Float64Array(w.neighbours.length);
  for (let i = 0; i < w.n; i++) {
    const s = sums[i] as number;
    for (let k = w.offsets[i] as number; k < (w.offsets[i + 1] as number); k++) {
      values[k] = (w.values ? (w.values[k] as number) : 1) / s;
    }
  }
  return { ...w, values };
}

/** Copy without the diagonal entries (w_ii removed), e.g. to reuse Gi* weights for Moran's I. */
export function withoutSelf(w: SpatialWeights): SpatialWeights {
  const offsets = new Int32Array(w.n + 1);
  const neighbours = new Int32Array(w.neighbours.length);
  const values = w.values ? new Float64Array(w.neighbours.length) : null;
  let len = 0;
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i] as number; k < (w.offsets[i + 1] as number); k++) {
      if (w.neighbours[k] === i) continue;
      neighbours[len] = w.neighbours[k] as number;
      if (values && w.values) values[len] = w.values[k] as number;
      len++;
    }
    offsets[i + 1] = len;
  }
  return { n: w.n, offsets, neighbours: neighbours.slice(0, len), values: values ? values.slice(0, len) : null, selfIncluded: false };
}

/** Number of units with no neighbour other than themselves ("islands"). */
export function countIslands(w: SpatialWeights): number {
  let islands = 0;
  for (let i = 0; i < w.n; i++) {
    let others = 0;
    for (let k = w.offsets[i] as number; k < (w.offsets[i + 1] as number); k++) if (w.neighbours[k] !== i) others++;
    if (others === 0) islands++;
  }
  return islands;
}
