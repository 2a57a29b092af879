/**
 * Getis-Ord Gi* hot spot statistic (Getis & Ord 1992, "The analysis of spatial association by
 * use of distance statistics", Geographical Analysis 24(3); Ord & Getis 1995, eq. 14), in the
 * form ArcGIS "Hot Spot Analysis (Getis-Ord Gi*)" reports and DOMAIN.md fixes:
 *
 *   Gi* = (sum_j w_ij x_j - Xbar sum_j w_ij) / (S sqrt((n sum_j w_ij^2 - (sum_j w_ij)^2) / (n - 1)))
 *   Xbar = mean of x, S = sqrt(sum x^2 / n - Xbar^2) (population SD), j runs over all units
 *   including i (w_ii = 1 for binary weights), weights not row-standardized.
 *
 * The value is already a z-score. With binary weights it equals PySAL/esda's
 * `G_Local(y, w, star=True, transform='B').Zs` (esda's p_norm is one-sided; ours is two-sided,
 * as ArcGIS's). Bins: +-3/2/1 when p < .01/.05/.10, sign of z; 0 otherwise.
 *
 * Degenerate cases, defined rather than NaN: when S = 0 (a constant field, within 1e-12 of the
 * largest |x|) or when a unit's denominator is 0 (its neighbourhood is every unit), z = 0,
 * p = 1, bin 0: no evidence of clustering.
 */
import { createRng } from '../../base/random';
import { ok, type Result } from '../../base/result';
import { checkFinite, checkInteger, invalidArgument, type StatsError } from './errors';
import { adjustBenjaminiHochberg } from './fdr';
import { normalTwoSidedP } from './normal';
import { createConditionalSampler, foldedPseudoP } from './permutation';
import type { SpatialWeights } from './weights';

export interface GiStarOptions {
  /** Benjamini-Hochberg FDR: bins use the adjusted p. Default false. */
  readonly fdr?: boolean;
  /** Conditional permutations for a pseudo p (0 = normal theory only). Default 0. */
  readonly permutations?: number;
  /** Seed of the permutations (shared/base/random.ts). Default 1. */
  readonly seed?: number;
}

export interface GiStarResult {
  readonly n: number;
  readonly mean: number;
  /** Population SD S. */
  readonly sd: number;
  /** Gi* z-score per unit. */
  readonly z: Float64Array;
  /** Two-sided normal p per unit. */
  readonly p: Float64Array;
  /**
   * With permutations: esda's folded pseudo p (one-sided, see permutation.ts) per unit, else
   * null. Bins then use the two-sided pseudo p, min(1, 2 pSim).
   */
  readonly pSim: Float64Array | null;
  /** BH-adjusted p (of the p the bins use) when `fdr`, else null. */
  readonly pFdr: Float64Array | null;
  /** -3..3: cold/hot at 99/95/90% confidence, 0 not significant. */
  readonly bin: Int8Array;
  /** Which p the bins were computed from. */
  readonly binBasis: 'normal' | 'normal-fdr' | 'permutation' | 'permutation-fdr';
}

/**
 * Computes Gi* for every unit. `values` are the counts (or any attribute) per unit, zero-crime
 * units included; `weights` must include self (built with `includeSelf: true`). Errors: length
 * mismatch, non-finite values, fewer than 3 units, weights without self, bad permutation count.
 */
export function computeGiStar(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: GiStarOptions = {},
): Result<GiStarResult, StatsError> {
  const n = values.length;
  if (weights.n !== n) return invalidArgument('weights', `${weights.n} units`, `weights over the ${n} values`);
  if (n < 3) return invalidArgument('values', `${n} units`, 'at least 3 units');
  if (!weights.selfIncluded) return invalidArgument('weights', 'without self', 'Gi* weights with w_ii = 1 (includeSelf)');
  const permutations = options.permutations ?? 0;
  const bad = checkFinite('values', values) ?? checkInteger('permutations', permutations, 0);
  if (bad) return bad;

  let sum = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const constant = sd <= 1e-12 * maxAbs || sd === 0;

  const { offsets, neighbours, values: wv } = weights;
  const z = new Float64Array(n);
  const p = new Float64Array(n).fill(1);
  const local = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let W = 0;
    let W2 = 0;
    let L = 0;
    for (let k = offsets[i] as number; k < (offsets[i + 1] as number); k++) {
      const w = wv ? (wv[k] as number) : 1;
      W += w;
      W2 += w * w;
      L += w * (values[neighbours[k] as number] as number);
    }
    local[i] = L;
    const den = sd * Math.sqrt((n * W2 - W * W) / (n - 1));
    if (constant || !(den > 0)) continue;
    z[i] = (L - mean * W) / den;
    p[i] = normalTwoSidedP(z[i] as number);
  }

  let pSim: Float64Array | null = null;
  let basis: Float64Array = p;
  if (permutations > 0) {
    pSim = permutationPValues(values, weights, local, permutations, options.seed ?? 1, constant);
    basis = new Float64Array(n);
    for (let i = 0; i < n; i++) basis[i] = constant ? 1 : Math.min(1, 2 * (pSim[i] as number));
  }
  const pFdr = options.fdr ? adjustBenjaminiHochberg(basis) : null;
  const bin = computeHotSpotBins(z, pFdr ?? basis);
  const binBasis = `${permutations > 0 ? 'permutation' : 'normal'}${options.fdr ? '-fdr' : ''}` as GiStarResult['binBasis'];
  return ok({ n, mean, sd, z, p, pSim, pFdr, bin, binBasis });
}

/**
 * The familiar 90/95/99% bins: sign(z) * (3 if p < .01, 2 if p < .05, 1 if p < .10, else 0).
 * z = 0 gives 0 whatever p.
 */
export function computeHotSpotBins(z: ArrayLike<number>, p: ArrayLike<number>): Int8Array {
  const bin = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const zi = z[i] as number;
    const pi = p[i] as number;
    const level = pi < 0.01 ? 3 : pi < 0.05 ? 2 : pi < 0.1 ? 1 : 0;
    bin[i] = zi > 0 ? level : zi < 0 ? -level : 0;
  }
  return bin;
}

/**
 * Conditional permutation pseudo p (esda G_Local's p_sim convention): for each unit, R draws of
 * its k_i non-self neighbours' values from the other n - 1 units, the self term kept;
 * compares simulated local sums with the observed one. O(R * sum k_i).
 */
function permutationPValues(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  observed: Float64Array,
  permutations: number,
  seed: number,
  constant: boolean,
): Float64Array {
  const n = values.length;
  const { offsets, neighbours, values: wv } = weights;
  const rng = createRng(seed);
  const sampler = createConditionalSampler(n, rng);
  const pSim = new Float64Array(n).fill(1);
  let maxK = 0;
  for (let i = 0; i < n; i++) maxK = Math.max(maxK, (offsets[i + 1] as number) - (offsets[i] as number));
  const draw = new Int32Array(maxK);
  const rowW = new Float64Array(maxK);
  for (let i = 0; i < n; i++) {
    let self = 0;
    let k = 0;
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      const w = wv ? (wv[e] as number) : 1;
      if (neighbours[e] === i) self += w * (values[i] as number);
      else rowW[k++] = w;
    }
    if (constant || k === 0 || k >= n - 1) continue; // all others are neighbours: nothing to permute
    const obs = observed[i] as number;
    let larger = 0;
    for (let r = 0; r < permutations; r++) {
      sampler.sample(i, k, draw);
      let s = self;
      for (let t = 0; t < k; t++) s += (rowW[t] as number) * (values[draw[t] as number] as number);
      if (s >= obs) larger++;
    }
    pSim[i] = foldedPseudoP(larger, permutations);
  }
  return pSim;
}
