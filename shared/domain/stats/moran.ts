/**
 * Global Moran's I (Moran 1950) with the moments of Cliff & Ord (1981, "Spatial Processes",
 * ch. 2), following PySAL/esda's `Moran` exactly (names in brackets):
 *
 *   z = x - mean(x);  I = (n / S0) (z' W z) / (z' z)                      [I]
 *   E[I] = -1 / (n - 1)                                                  [EI]
 *   S0 = sum_ij w_ij;  S1 = 1/2 sum_ij (w_ij + w_ji)^2;  S2 = sum_i (w_i. + w_.i)^2
 *   Var_norm = (n^2 S1 - n S2 + 3 S0^2) / ((n^2 - 1) S0^2) - E[I]^2        [VI_norm]
 *   Var_rand = (A - B) / ((n-1)(n-2)(n-3) S0^2) - E[I]^2                  [VI_rand]
 *     A = n ((n^2 - 3n + 3) S1 - n S2 + 3 S0^2),  B = k ((n^2 - n) S1 - 2n S2 + 6 S0^2),
 *     k = (sum z^4 / n) / (sum z^2 / n)^2 (sample kurtosis)
 *   z_norm, z_rand = (I - E[I]) / sqrt(Var);  p_norm, p_rand two-sided   [p_norm, p_rand]
 *   permutations: x shuffled over units R times; p_sim folded one-sided (permutation.ts),
 *   EI_sim = mean, seI_sim = population SD of the simulated I, z_sim, p_z_sim = P(Z > |z_sim|)
 *   (one-sided, as esda).
 * Weights: no self-neighbours; row-standardized by default (esda's default transform "r").
 */
import { createRng } from '../../base/random';
import { ok, type Result } from '../../base/result';
import { checkFinite, checkInteger, invalidArgument, type StatsError } from './errors';
import { normalSf, normalTwoSidedP } from './normal';
import { foldedPseudoP } from './permutation';
import { rowStandardize, type SpatialWeights } from './weights';

export interface MoranOptions {
  /** 'row' (default, esda "r") or 'binary' (weights as given, esda "b"). */
  readonly transform?: 'row' | 'binary';
  /** Random permutations of the values (0 = none). Default 0. */
  readonly permutations?: number;
  /** Seed for the permutations. Default 1. */
  readonly seed?: number;
}

export interface GlobalMoranResult {
  readonly n: number;
  readonly I: number;
  readonly expected: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
  readonly varianceNormality: number;
  readonly zNormality: number;
  readonly pNormality: number;
  readonly varianceRandomization: number;
  readonly zRandomization: number;
  readonly pRandomization: number;
  /** Null unless permutations > 0. */
  readonly simulation: {
    readonly permutations: number;
    readonly pSim: number;
    readonly mean: number;
    readonly sd: number;
    readonly z: number;
    readonly pZ: number;
  } | null;
}

/** Validates values and weights shared by global and local Moran; returns the transformed weights. */
export function prepareMoran(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: MoranOptions,
): Result<SpatialWeights, StatsError> {
  const n = values.length;
  if (weights.n !== n) return invalidArgument('weights', `${weights.n} units`, `weights over the ${n} values`);
  if (n < 4) return invalidArgument('values', `${n} units`, "at least 4 units (Moran's variance needs n - 3 > 0)");
  if (weights.selfIncluded) return invalidArgument('weights', 'with self', "Moran's I weights without self-neighbours (includeSelf: false)");
  const bad = checkFinite('values', values) ?? checkInteger('permutations', options.permutations ?? 0, 0);
  if (bad) return bad;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, values[i] as number);
    max = Math.max(max, values[i] as number);
  }
  if (min === max) return invalidArgument('values', `all ${min}`, "values that vary (Moran's I is undefined for a constant field)");
  const w = (options.transform ?? 'row') === 'row' ? rowStandardize(weights) : weights;
  if (w.neighbours.length === 0) return invalidArgument('weights', 'no neighbours', 'at least one pair of neighbours');
  return ok(w);
}

/** w_ij of an entry, 1 for binary weights. */
function weightAt(w: SpatialWeights, k: number): number {
  return w.values ? (w.values[k] as number) : 1;
}

/** w_ji by binary search in row j (rows are sorted); 0 when absent. */
function lookup(w: SpatialWeights, j: number, i: number): number {
  let lo = w.offsets[j] as number;
  let hi = (w.offsets[j + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = w.neighbours[mid] as number;
    if (v === i) return weightAt(w, mid);
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** S0, S1, S2 of Cliff & Ord for possibly asymmetric weights. */
export function computeWeightMoments(w: SpatialWeights): { s0: number; s1: number; s2: number } {
  const rowSum = new Float64Array(w.n);
  const colSum = new Float64Array(w.n);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i] as number; k < (w.offsets[i + 1] as number); k++) {
      const j = w.neighbours[k] as number;
      const v = weightAt(w, k);
      s0 += v;
      rowSum[i] = (rowSum[i] as number) + v;
      colSum[j] = (colSum[j] as number) + v;
      // 1/2 sum (w_ij + w_ji)^2 = sum w_ij^2 + sum w_ij w_ji
      s1 += v * v + v * lookup(w, j, i);
    }
  }
  let s2 = 0;
  for (let i = 0; i < w.n; i++) s2 += ((rowSum[i] as number) + (colSum[i] as number)) ** 2;
  return { s0, s1, s2 };
}

function moranI(z: Float64Array, w: SpatialWeights, s0: number, zz: number): number {
  let num = 0;
  for (let i = 0; i < w.n; i++) {
    let lag = 0;
    for (let k = w.offsets[i] as number; k < (w.offsets[i + 1] as number); k++) lag += weightAt(w, k) * (z[w.neighbours[k] as number] as number);
    num += (z[i] as number) * lag;
  }
  return ((w.n / s0) * num) / zz;
}

/**
 * Global Moran's I with normality and randomization inference and, optionally, a permutation
 * test (see the module comment for every formula). Errors: fewer than 4 units, a constant field,
 * weights with self or without any neighbour, non-finite values.
 */
export function computeGlobalMoran(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: MoranOptions = {},
): Result<GlobalMoranResult, StatsError> {
  const prepared = prepareMoran(values, weights, options);
  if (!prepared.ok) return prepared;
  const w = prepared.value;
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  const z = new Float64Array(n);
  let zz = 0;
  let z4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    z[i] = d;
    zz += d * d;
    z4 += d ** 4;
  }
  const { s0, s1, s2 } = computeWeightMoments(w);
  const I = moranI(z, w, s0, zz);
  const EI = -1 / (n - 1);
  const s02 = s0 * s0;
  const varianceNormality = (n * n * s1 - n * s2 + 3 * s02) / ((n - 1) * (n + 1) * s02) - EI * EI;
  const kurt = z4 / n / (zz / n) ** 2;
  const A = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s02);
  const B = kurt * ((n * n - n) * s1 - 2 * n * s2 + 6 * s02);
  const varianceRandomization = (A - B) / ((n - 1) * (n - 2) * (n - 3) * s02) - EI * EI;
  const zNormality = (I - EI) / Math.sqrt(varianceNormality);
  const zRandomization = (I - EI) / Math.sqrt(varianceRandomization);

  const permutations = options.permutations ?? 0;
  let simulation: GlobalMoranResult['simulation'] = null;
  if (permutations > 0) {
    const rng = createRng(options.seed ?? 1);
    const shuffled = z.slice();
    let larger = 0;
    let sum = 0;
    let sumSq = 0;
    for (let r = 0; r < permutations; r++) {
      rng.shuffle(shuffled);
      const Ir = moranI(shuffled, w, s0, zz);
      if (Ir >= I) larger++;
      sum += Ir;
      sumSq += Ir * Ir;
    }
    const simMean = sum / permutations;
    const sd = Math.sqrt(Math.max(0, sumSq / permutations - simMean * simMean));
    const zSim = sd > 0 ? (I - simMean) / sd : 0;
    simulation = { permutations, pSim: foldedPseudoP(larger, permutations), mean: simMean, sd, z: zSim, pZ: normalSf(Math.abs(zSim)) };
  }
  return ok({
    n,
    I,
    expected: EI,
    s0,
    s1,
    s2,
    varianceNormality,
    zNormality,
    pNormality: normalTwoSidedP(zNormality),
    varianceRandomization,
    zRandomization,
    pRandomization: normalTwoSidedP(zRandomization),
    simulation,
  });
}
