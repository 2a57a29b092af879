/**
 * Synthetic control (Abadie, Diamond & Hainmueller 2010, "Synthetic control methods for
 * comparative case studies", JASA 105(490)): non-negative donor weights summing to 1 that
 * reproduce the target's pre-period monthly counts, here with every pre-period month as a
 * predictor and equal predictor weights (no covariates, no V matrix):
 *   w = argmin ||y_pre - D_pre^T w||^2  subject to  w >= 0, sum w = 1.
 * Solved exactly by an active-set method (Lawson & Hanson 1974, Solving Least Squares Problems,
 * ch. 23, with the sum-to-one constraint in each subproblem's KKT system): the solution has at
 * most T0 + 1 non-zero weights, so each step costs one pass over the donors.
 * Inference: in-space placebos (ADH 2010): every donor (a seeded random subset of `maxPlacebos`,
 * default 200, when there are more) is treated as the target and fitted from the other donors; p = (1 + #{placebo ratio >= target ratio}) / (1 + placebos), the ratio
 * being post-period RMSPE / pre-period RMSPE.
 */
import { createRng } from '../../base/random';
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from './stats-error';

export interface SyntheticInput {
  /** The target's series, pre months then post months (length T). Several targets: sum them. */
  readonly treated: ArrayLike<number>;
  /** Donor series, row-major nDonors x T. */
  readonly donors: Float64Array;
  readonly nDonors: number;
  /** Number of pre-period months T0 (1 <= T0 <= T). */
  readonly preMonths: number;
}

export interface SyntheticFit {
  readonly weights: Float64Array;
  /** Synthetic series and the gap target - synthetic, over all T months. */
  readonly synthetic: Float64Array;
  readonly gap: Float64Array;
  readonly preRmspe: number;
  /** Post-period RMSPE (0 without post months) and post/pre ratio (null when pre RMSPE is 0). */
  readonly postRmspe: number;
  readonly rmspeRatio: number | null;
  readonly nonZeroWeights: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

/** Fits the weights. Errors: shapes or values (named). */
export function computeSyntheticControl(input: SyntheticInput): Result<SyntheticFit, StatsError> {
  const bad = checkInput(input);
  if (bad) return err(bad);
  const months = input.treated.length;
  const t0 = input.preMonths;
  const y = new Float64Array(t0);
  for (let m = 0; m < t0; m++) y[m] = input.treated[m]!;
  const solved = solveSimplexLeastSquares(input.donors, input.nDonors, months, t0, y, -1);
  return ok(finishFit(input.treated, input.donors, input.nDonors, months, t0, solved, -1));
}

export interface PlaceboTest {
  readonly p: number;
  readonly targetRatio: number | null;
  /** Donor index and RMSPE ratio of each placebo run. */
  readonly placeboUnits: Int32Array;
  readonly placeboRatios: Float64Array;
  readonly convention: string;
}

/**
 * In-space placebo test. Uses every donor when there are at most `maxPlacebos` (default 200),
 * else a seeded random subset of that size (seed default 1). A placebo (or target) fitted exactly
 * before the date (pre RMSPE 0) has an infinite ratio. Errors as computeSyntheticControl, and no
 * post months (nothing to test).
 */
export function computePlaceboTest(input: SyntheticInput, maxPlacebos = 200, seed = 1): Result<PlaceboTest, StatsError> {
  const bad = checkInput(input);
  if (bad) return err(bad);
  const months = input.treated.length;
  const t0 = input.preMonths;
  if (t0 === months) return err(invalidArgument('preMonths', t0, 'fewer months than the series has, so there is a post period to test'));
  const main = computeSyntheticControl(input);
  if (!main.ok) return main;
  let units = Int32Array.from({ length: input.nDonors }, (_, j) => j);
  if (units.length > maxPlacebos) units = createRng(seed).shuffle(units).slice(0, maxPlacebos).sort();
  const ratios = new Float64Array(units.length);
  const y = new Float64Array(t0);
  const series = new Float64Array(months);
  for (let k = 0; k < units.length; k++) {
    const j = units[k]!;
    for (let m = 0; m < months; m++) series[m] = input.donors[j * months + m]!;
    y.set(series.subarray(0, t0));
    const solved = solveSimplexLeastSquares(input.donors, input.nDonors, months, t0, y, j);
    ratios[k] = finishFit(series, input.donors, input.nDonors, months, t0, solved, j).rmspeRatio ?? Number.POSITIVE_INFINITY;
  }
  const target = main.value.rmspeRatio ?? Number.POSITIVE_INFINITY;
  let atLeast = 0;
  for (const r of ratios) if (r >= target) atLeast++;
  return ok({
    p: (1 + atLeast) / (1 + units.length),
    targetRatio: main.value.rmspeRatio,
    placeboUnits: units,
    placeboRatios: ratios,
    convention: 'synthetic control (Abadie, Diamond & Hainmueller 2010), in-space placebo p = (1 + #{placebo post/pre RMSPE ratio >= target}) / (1 + placebos)',
  });
}

function checkInput(input: SyntheticInput): StatsError | null {
  const months = input.treated.length;
  if (!Number.isInteger(input.nDonors) || input.nDonors < 2) return invalidArgument('nDonors', input.nDonors, 'at least 2 donor units');
  if (input.donors.length !== input.nDonors * months) return invalidArgument('donors', `${input.donors.length} values`, `${input.nDonors} donors x ${months} months`);
  if (!Number.isInteger(input.preMonths) || input.preMonths < 1 || input.preMonths > months) return invalidArgument('preMonths', input.preMonths, `a whole number of months 1..${months}`);
  for (let m = 0; m < months; m++) if (!Number.isFinite(input.treated[m]!)) return invalidArgument(`treated (month ${m + 1})`, input.treated[m], 'a finite count');
  for (let i = 0; i < input.donors.length; i++) {
    if (!Number.isFinite(input.donors[i]!)) return invalidArgument(`donors (donor ${Math.floor(i / months) + 1}, month ${(i % months) + 1})`, input.donors[i], 'a finite count');
  }
  return null;
}

interface Solved {
  weights: Float64Array;
  iterations: number;
  converged: boolean;
}

/** Active-set solve; donor `skip` (a placebo's own series) is excluded; -1 excludes none. */
function solveSimplexLeastSquares(d: Float64Array, nDonors: number, months: number, t0: number, y: Float64Array, skip: number): Solved {
  const w = new Float64Array(nDonors);
  let yy = 0;
  for (let m = 0; m < t0; m++) yy += y[m]! * y[m]!;
  const tol = 1e-11 * (1 + yy);
  // Start from the single closest donor (a feasible vertex of the simplex).
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let j = 0; j < nDonors; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let m = 0; m < t0; m++) s += (d[j * months + m]! - y[m]!) ** 2;
    if (s < bestD) {
      bestD = s;
      best = j;
    }
  }
  w[best] = 1;
  let passive: number[] = [best];
  const r = new Float64Array(t0);
  const maxIt = 20 * (t0 + 1) + 100;
  for (let it = 1; it <= maxIt; it++) {
    // Inner loop: equality-constrained LS on the passive set, stepping back to stay feasible.
    let nu = 0;
    for (let inner = 0; inner < 10 * (t0 + 2); inner++) {
      const { z, multiplier } = constrainedLeastSquares(d, months, t0, y, passive);
      nu = multiplier;
      let alpha = 1;
      for (let k = 0; k < passive.length; k++) {
        const zk = z[k]!;
        if (zk <= 0) alpha = Math.min(alpha, w[passive[k]!]! / (w[passive[k]!]! - zk));
      }
      for (let k = 0; k < passive.length; k++) w[passive[k]!] = w[passive[k]!]! + alpha * (z[k]! - w[passive[k]!]!);
      if (alpha >= 1) break;
      const keep = passive.filter((j) => w[j]! > 1e-14);
      for (const j of passive) if (w[j]! <= 1e-14) w[j] = 0;
      passive = keep;
    }
    // KKT check over the donors outside the passive set: gradient a_j^T r + nu must be >= 0.
    r.fill(0);
    for (const j of passive) for (let m = 0; m < t0; m++) r[m] = r[m]! + w[j]! * d[j * months + m]!;
    for (let m = 0; m < t0; m++) r[m] = r[m]! - y[m]!;
    const inP = new Set(passive);
    let enter = -1;
    let most = -tol;
    for (let j = 0; j < nDonors; j++) {
      if (j === skip || inP.has(j)) continue;
      let g = nu;
      for (let m = 0; m < t0; m++) g += d[j * months + m]! * r[m]!;
      if (g < most) {
        most = g;
        enter = j;
      }
    }
    if (enter < 0) return { weights: w, iterations: it, converged: true };
    passive = [...passive, enter];
  }
  return { weights: w, iterations: maxIt, converged: false };
}

/** min ||A_P z - y||^2 s.t. sum z = 1 via the KKT system [A^T A, 1; 1^T, 0] (z, nu) = (A^T y, 1). */
function constrainedLeastSquares(d: Float64Array, months: number, t0: number, y: Float64Array, passive: readonly number[]): { z: Float64Array; multiplier: number } {
  const k = passive.length;
  const size = k + 1;
  const a = new Float64Array(size * size);
  const b = new Float64Array(size);
  let trace = 0;
  for (let i = 0; i < k; i++) {
    const oi = passive[i]! * months;
    for (let j = 0; j <= i; j++) {
      const oj = passive[j]! * months;
      let s = 0;
      for (let m = 0; m < t0; m++) s += d[oi + m]! * d[oj + m]!;
      a[i * size + j] = s;
      a[j * size + i] = s;
    }
    trace += a[i * size + i]!;
    let s = 0;
    for (let m = 0; m < t0; m++) s += d[oi + m]! * y[m]!;
    b[i] = s;
    a[i * size + k] = 1;
    a[k * size + i] = 1;
  }
  b[k] = 1;
  // A tiny ridge keeps the system solvable when passive donors are collinear.
  for (let i = 0; i < k; i++) a[i * size + i] = a[i * size + i]! + 1e-12 * (trace / k + 1);
  const x = gaussSolve(a, b, size);
  return { z: x.subarray(0, k), multiplier: x[k]! };
}

/** Gaussian elimination with partial pivoting on a small dense system (overwrites a and b). */
function gaussSolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[piv * n + c]!)) piv = r;
    if (piv !== c) {
      for (let j = 0; j < n; j++) {
        const t = a[c * n + j]!;
        a[c * n + j] = a[piv * n + j]!;
        a[piv * n + j] = t;
      }
      const t = b[c]!;
      b[c] = b[piv]!;
      b[piv] = t;
    }
    const p = a[c * n + c]! || 1e-300;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c]! / p;
      if (f === 0) continue;
      for (let j = c; j < n; j++) a[r * n + j] = a[r * n + j]! - f * a[c * n + j]!;
      b[r] = b[r]! - f * b[c]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < n; j++) s -= a[r * n + j]! * x[j]!;
    x[r] = s / (a[r * n + r]! || 1e-300);
  }
  return x;
}

function finishFit(treated: ArrayLike<number>, d: Float64Array, nDonors: number, months: number, t0: number, solved: Solved, skip: number): SyntheticFit {
  const synthetic = new Float64Array(months);
  let nonZero = 0;
  for (let j = 0; j < nDonors; j++) {
    const wj = solved.weights[j]!;
    if (wj === 0) continue;
    nonZero++;
    for (let m = 0; m < months; m++) synthetic[m] = synthetic[m]! + wj * d[j * months + m]!;
  }
  const gap = new Float64Array(months);
  let pre = 0;
  let post = 0;
  for (let m = 0; m < months; m++) {
    gap[m] = treated[m]! - synthetic[m]!;
    if (m < t0) pre += gap[m]! ** 2;
    else post += gap[m]! ** 2;
  }
  const preRmspe = Math.sqrt(pre / t0);
  const postRmspe = months > t0 ? Math.sqrt(post / (months - t0)) : 0;
  const warnings: string[] = [];
  if (!solved.converged) warnings.push(`the weights did not converge in ${solved.iterations} steps`);
  let treatedMean = 0;
  let maxDonorMean = Number.NEGATIVE_INFINITY;
  let minDonorMean = Number.POSITIVE_INFINITY;
  for (let m = 0; m < t0; m++) treatedMean += treated[m]! / t0;
  for (let j = 0; j < nDonors; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let m = 0; m < t0; m++) s += d[j * months + m]! / t0;
    maxDonorMean = Math.max(maxDonorMean, s);
    minDonorMean = Math.min(minDonorMean, s);
  }
  if (treatedMean > maxDonorMean || treatedMean < minDonorMean) {
    warnings.push('the target\'s pre-period level lies outside every donor\'s: no weighted average can match it (compare rates, or sum donors into areas of similar size)');
  }
  return { weights: solved.weights, synthetic, gap, preRmspe, postRmspe, rmspeRatio: preRmspe > 0 ? postRmspe / preRmspe : null, nonZeroWeights: nonZero, iterations: solved.iterations, converged: solved.converged, warnings };
}
