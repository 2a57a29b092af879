/**
 * The glue a caller needs to run Gi* from the CLI's words: `--weights band:500|knn:8|queen|rook`
 * and `--unit grid:250|hex:250`, on units given either as centres (x, y: a generated grid or a
 * `--cells` CSV with id,x,y,count) or as lattice positions (row, col: a CSV with
 * id,row,col,count). Street segments and polygon layers bring their own neighbour lists
 * (computeContiguityWeights) and are not parsed here.
 */
import { ok, type Result } from '../../base/result';
import { contiguityFromRowCol, type LatticeContiguity } from '../geo/grid';
import { invalidArgument, type StatsError } from './errors';
import { computeGiStar, type GiStarOptions, type GiStarResult } from './gi-star';
import { computeDistanceBandWeights, computeKnnWeights, weightsFromAdjacency, type SpatialWeights } from './weights';

/** How neighbours are defined. */
export type WeightsSpec =
  | { readonly kind: 'band'; readonly distance: number }
  | { readonly kind: 'knn'; readonly k: number }
  | { readonly kind: 'queen' | 'rook' | 'hex-pointy' | 'hex-flat' };

/** The unit of analysis generated from points. */
export type UnitSpec = { readonly kind: 'grid' | 'hex'; readonly size: number };

/**
 * Parses "band:500" (metres), "knn:8", "queen", "rook", "hex" (= hex-pointy) or "hex-flat".
 * The error names the flag value and what was expected.
 */
export function parseWeightsSpec(text: string): Result<WeightsSpec, StatsError> {
  const t = text.trim().toLowerCase();
  const [kind, arg, extra] = t.split(':');
  const expected = 'band:<metres>, knn:<k>, queen, rook, hex or hex-flat';
  if (extra !== undefined) return invalidArgument('--weights', text, expected);
  if (kind === 'band') {
    const d = Number(arg);
    return arg !== undefined && Number.isFinite(d) && d > 0 ? ok({ kind: 'band', distance: d }) : invalidArgument('--weights', text, 'band:<distance in metres > 0>');
  }
  if (kind === 'knn') {
    const k = Number(arg);
    return arg !== undefined && Number.isInteger(k) && k >= 1 ? ok({ kind: 'knn', k }) : invalidArgument('--weights', text, 'knn:<integer k >= 1>');
  }
  if (arg !== undefined) return invalidArgument('--weights', text, expected);
  if (kind === 'queen' || kind === 'rook' || kind === 'hex-flat') return ok({ kind });
  if (kind === 'hex' || kind === 'hex-pointy') return ok({ kind: 'hex-pointy' });
  return invalidArgument('--weights', text, expected);
}

/** Parses "grid:250" or "hex:250" (cell size in metres). */
export function parseUnitSpec(text: string): Result<UnitSpec, StatsError> {
  const [kind, arg, extra] = text.trim().toLowerCase().split(':');
  const size = Number(arg);
  if ((kind === 'grid' || kind === 'hex') && extra === undefined && arg !== undefined && Number.isFinite(size) && size > 0) {
    return ok({ kind, size });
  }
  return invalidArgument('--unit', text, 'grid:<metres> or hex:<metres>');
}

/** Units of analysis as columns: centres, lattice positions, or both. */
export interface UnitColumns {
  readonly x?: ArrayLike<number>;
  readonly y?: ArrayLike<number>;
  readonly row?: ArrayLike<number>;
  readonly col?: ArrayLike<number>;
}

/**
 * Builds Gi* weights (self included) or Moran weights (`includeSelf: false`) for the units:
 * band and knn need x/y; contiguity needs row/col. The error says which columns are missing.
 */
export function computeUnitWeights(
  spec: WeightsSpec,
  units: UnitColumns,
  options: { includeSelf?: boolean } = {},
): Result<SpatialWeights, StatsError> {
  const includeSelf = options.includeSelf ?? true;
  if (spec.kind === 'band' || spec.kind === 'knn') {
    if (!units.x || !units.y) return invalidArgument('units', 'no x/y columns', `unit centres x and y for ${spec.kind} weights`);
    return spec.kind === 'band'
      ? computeDistanceBandWeights(units.x, units.y, spec.distance, { includeSelf })
      : computeKnnWeights(units.x, units.y, spec.k, { includeSelf });
  }
  if (!units.row || !units.col) return invalidArgument('units', 'no row/col columns', `row and col of each cell for ${spec.kind} contiguity`);
  if (units.row.length !== units.col.length) return invalidArgument('col', `length ${units.col.length}`, `one per row (${units.row.length})`);
  for (let i = 0; i < units.row.length; i++) {
    if (!Number.isInteger(units.row[i]) || !Number.isInteger(units.col[i])) {
      return invalidArgument(`row/col of unit ${i}`, `${units.row[i]},${units.col[i]}`, 'integer lattice positions');
    }
  }
  return ok(weightsFromAdjacency(contiguityFromRowCol(units.row, units.col, spec.kind as LatticeContiguity), includeSelf));
}

/**
 * Gi* hot spots of given unit counts (every unit, zeros included) with weights from a spec:
 * what `spi hotspots --cells cells.csv --weights ...` computes.
 */
export function computeHotSpots(
  counts: ArrayLike<number>,
  units: UnitColumns,
  spec: WeightsSpec,
  options: GiStarOptions = {},
): Result<GiStarResult, StatsError> {
  const w = computeUnitWeights(spec, units);
  if (!w.ok) return w;
  return computeGiStar(counts, w.value, options);
}
