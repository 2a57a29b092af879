/**
 * Local Moran's I, a LISA (Anselin 1995, "Local indicators of spatial association - LISA",
 * Geographical Analysis 27(2)), following PySAL/esda's `Moran_Local` (names in brackets):
 *
 *   z_i = (x_i - mean) / sd (population SD)                               [z]
 *   lag_i = sum_j w_ij z_j, weights row-standardized by default           [slag(w, z)]
 *   I_i = (n - 1) z_i lag_i / sum_k z_k^2                                 [Is]
 *   quadrant: 1 HH (z > 0, lag > 0), 2 LH (z <= 0, lag > 0), 3 LL (z <= 0, lag <= 0),
 *             4 HL (z > 0, lag <= 0)                                      [q, geoda_quads=False]
 *   conditional permutation (permutation.ts): z_i fixed, its k_i neighbours' values drawn from
 *   the other n - 1 units; p_sim folded one-sided; EI_sim, seI_sim (population SD), z_sim and
 *   p_z_sim = P(Z > |z_sim|) as esda.
 *   cluster class = quadrant when p_sim < alpha (strict, as esda's lisa_cluster), else 0.
 * Islands (no neighbours) get lag 0, I_i = 0 and p_sim = 1, as does a unit whose neighbours are
 * all other units: there is nothing to permute.
 */
import { createRng } from '../../base/random';
import { ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from './errors';
import { type MoranOptions, prepareMoran } from './moran';
import { normalSf } from './normal';
import { createConditionalSampler, foldedPseudoP } from './permutation';
import type { SpatialWeights } from './weights';

/** Quadrant codes of esda (0 = not significant, in `cluster`). */
export const LISA_CLASS_LABELS: Readonly<Record<number, string>> = Object.freeze({
  0: 'not significant',
  1: 'HH (high-high)',
  2: 'LH (low-high)',
  3: 'LL (low-low)',
  4: 'HL (high-low)',
});

export interface LocalMoranOptions extends MoranOptions {
  /** Significance level of the cluster classes on p_sim. Default 0.05. */
  readonly alpha?: number;
}

export interface LocalMoranResult {
  readonly n: number;
  /** Standardized values z. */
  readonly z: Float64Array;
  /** Spatial lag of z. */
  readonly lag: Float64Array;
  /** I_i per unit. */
  readonly I: Float64Array;
  /** 1 HH, 2 LH, 3 LL, 4 HL per unit (esda codes). */
  readonly quadrant: Int8Array;
  readonly permutations: number;
  /** Folded pseudo p; all 1 when permutations = 0. */
  readonly pSim: Float64Array;
  /** Mean, population SD, z and one-sided p of the simulated I_i (NaN without permutations). */
  readonly expectedSim: Float64Array;
  readonly sdSim: Float64Array;
  readonly zSim: Float64Array;
  readonly pZSim: Float64Array;
  /** Quadrant when pSim < alpha, else 0. */
  readonly cluster: Int8Array;
  readonly alpha: number;
}

/**
 * Local Moran's I with conditional permutation inference. Defaults: row-standardized weights,
 * 999 permutations, seed 1, alpha 0.05. Errors as for global Moran, plus alpha outside (0, 1).
 */
export function computeLocalMoran(
  values: ArrayLike<number>,
  weights: SpatialWeights,
  options: LocalMoranOptions = {},
): Result<LocalMoranResult, StatsError> {
  const permutations = options.permutations ?? 999;
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) return invalidArgument('alpha', alpha, 'a number between 0 and 1');
  const prepared = prepareMoran(values, weights, { ...options, permutations });
  if (!prepared.ok) return prepared;
  const w = prepared.value;
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const z = new Float64Array(n);
  let den = 0;
  for (let i = 0; i < n; i++) {
    z[i] = ((values[i] as number) - mean) / sd;
    den += (z[i] as number) ** 2;
  }
  const lag = new Float64Array(n);
  const I = new Float64Array(n);
  const quadrant = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let l = 0;
    for (let k = w.offsets[i] as number; k < (w.offsets[i + 1] as number); k++) {
      l += (w.values ? (w.values[k] as number) : 1) * (z[w.neighbours[k] as number] as number);
    }
    lag[i] = l;
    I[i] = ((n - 1) * (z[i] as number) * l) / den;
    const hi = (z[i] as number) > 0;
    quadrant[i] = l > 0 ? (hi ? 1 : 2) : hi ? 4 : 3;
  }

  const pSim = new Float64Array(n).fill(1);
  const expectedSim = new Float64Array(n).fill(Number.NaN);
  const sdSim = new Float64Array(n).fill(Number.NaN);
  const zSim = new Float64Array(n).fill(Number.NaN);
  const pZSim = new Float64Array(n).fill(Number.NaN);
  if (permutations > 0) {
    const sampler = createConditionalSampler(n, createRng(options.seed ?? 1));
    let maxK = 0;
    for (let i = 0; i < n; i++) maxK = Math.max(maxK, (w.offsets[i + 1] as number) - (w.offsets[i] as number));
    const draw = new Int32Array(maxK);
    for (let i = 0; i < n; i++) {
      const a = w.offsets[i] as number;
      const k = (w.offsets[i + 1] as number) - a;
      if (k === 0 || k >= n - 1) continue;
      const scale = ((n - 1) * (z[i] as number)) / den;
      const obs = I[i] as number;
      let larger = 0;
      let sum = 0;
      let sumSq = 0;
      for (let r = 0; r < permutations; r++) {
        sampler.sample(i, k, draw);
        let l = 0;
        for (let t = 0; t < k; t++) l += (w.values ? (w.values[a + t] as number) : 1) * (z[draw[t] as number] as number);
        const s = scale * l;
        if (s >= obs) larger++;
        sum += s;
        sumSq += s * s;
      }
      pSim[i] = foldedPseudoP(larger, permutations);
      const m = sum / permutations;
      const v = Math.sqrt(Math.max(0, sumSq / permutations - m * m));
      expectedSim[i] = m;
      sdSim[i] = v;
      zSim[i] = v > 0 ? (obs - m) / v : 0;
      pZSim[i] = normalSf(Math.abs(zSim[i] as number));
    }
  }
  const cluster = new Int8Array(n);
  for (let i = 0; i < n; i++) cluster[i] = (pSim[i] as number) < alpha ? (quadrant[i] as number) : 0;
  return ok({ n, z, lag, I, quadrant, permutations, pSim, expectedSim, sdSim, zSim, pZSim, cluster, alpha });
}
