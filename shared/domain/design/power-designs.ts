/**
 * Power of place-based designs from the places' baseline counts (power.ts holds the two-group
 * building blocks). Each place i has a rate; its baseline count c_i covers `monthsPre` months and
 * the expected count over the `monthsPost` evaluation months is lambda_i = c_i x post/pre. With
 * n target places, m = mean lambda, h = mean(lambda^2)/m^2 (>= 1; estimated without the Poisson
 * part: (mean c^2 - mean c)/(mean c)^2), the Wald test on a log ratio of totals has, by the delta
 * method (Signorini 1991, Biometrika 78; Zhu & Lakkis 2014, Statistics in Medicine 33):
 *   randomized  targets vs n_c = ratio x n controls drawn from the same places, between-place
 *               NB2 dispersion k_b (estimated from the counts: max(0, (s^2 - mean)/mean^2),
 *               or --dispersion): Var = 1/(n m (1-r)) + 1/(n_c m) + k_b/n + k_b/n_c
 *   paired      n matched pairs sharing a rate (matching removes between-place differences);
 *               k_w = period-to-period NB2 dispersion of a place's count (default 0, Poisson):
 *               Var = 1/(n m (1-r)) + 1/(n m) + 2 k_w h / n
 *   pre-post    the n targets after vs before (no comparison group; trends are not removed):
 *               Var = 1/(n m (1-r)) + 1/(n m_pre) + 2 k_w h / n,  m_pre = mean c
 * Two-sided power at level a: Phi(|log(1-r)|/se - z) + Phi(-|log(1-r)|/se - z), z = z_{1-a/2}.
 * simulateDesignPower draws the same models (rates resampled from the baseline counts; NB2 as a
 * gamma-Poisson mixture) with a seed, to check the normal approximation.
 */
import { createRng } from '../../base/random';
import { err, ok, type Result } from '../../base/result';
import { criticalZ, normalCdf, normalQuantile } from '../evaluation/distributions';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { sampleGamma, sampleNegativeBinomial } from './power';

export type PowerDesign = 'randomized' | 'paired' | 'pre-post';

export interface DesignPowerInput {
  readonly design: PowerDesign;
  /** Baseline (pre-period) count per candidate place; at least 2. */
  readonly counts: ArrayLike<number>;
  /** Months the counts cover (default 12) and months of the evaluation period (default = pre). */
  readonly monthsPre?: number;
  readonly monthsPost?: number;
  /** Expected reduction (0.2 = 20% fewer), below 1. */
  readonly reduction: number;
  /** Two-sided level, default 0.05. */
  readonly alpha?: number;
  /** randomized: k_b (default estimated); paired / pre-post: k_w (default 0). */
  readonly dispersion?: number;
  /** randomized: controls per target, default 1. */
  readonly controlRatio?: number;
}

/** Per-design constants: Var(log ratio) = a / n for n target places. */
export interface DesignPowerModel {
  readonly design: PowerDesign;
  readonly lambda: number;
  readonly lambdaPre: number;
  readonly h: number;
  readonly dispersion: number;
  readonly dispersionEstimated: boolean;
  readonly alpha: number;
  readonly reduction: number;
  readonly controlRatio: number;
  /** n x Var(log ratio). */
  readonly a: number;
  readonly formula: string;
}

/** Checks the input and derives the model constants. Errors name the bad value. */
export function resolveDesignPower(input: DesignPowerInput): Result<DesignPowerModel, StatsError> {
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) return err(invalidArgument('alpha', alpha, 'a level between 0 and 1, e.g. 0.05'));
  const r = input.reduction;
  if (!Number.isFinite(r) || !(r < 1) || r <= -10) return err(invalidArgument('reduction', r, 'a fraction below 1, e.g. 0.2 for 20% fewer crimes'));
  const pre = input.monthsPre ?? 12;
  const post = input.monthsPost ?? pre;
  if (!(pre > 0) || !Number.isFinite(pre)) return err(invalidArgument('months-pre', pre, 'months > 0'));
  if (!(post > 0) || !Number.isFinite(post)) return err(invalidArgument('months-post', post, 'months > 0'));
  const ratio = input.controlRatio ?? 1;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return err(invalidArgument('controlRatio', ratio, 'controls per target > 0'));
  const c = input.counts;
  if (c.length < 2) return err(invalidArgument('counts', `${c.length} places`, 'baseline counts of at least 2 places'));
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < c.length; i++) {
    if (!(Number.isFinite(c[i]!) && c[i]! >= 0)) return err(invalidArgument(`counts (place ${i + 1})`, c[i], 'a count >= 0'));
    s += c[i]!;
    s2 += c[i]! * c[i]!;
  }
  const mc = s / c.length;
  if (!(mc > 0)) return err(invalidArgument('counts', 'all 0', 'places with crimes in the baseline period'));
  const variance = (s2 - c.length * mc * mc) / (c.length - 1);
  const h = Math.max(1, (s2 / c.length - mc) / (mc * mc));
  const scale = post / pre;
  const lambda = mc * scale;
  if (input.dispersion !== undefined && !(input.dispersion >= 0 && Number.isFinite(input.dispersion))) return err(invalidArgument('dispersion', input.dispersion, 'an NB2 dispersion >= 0 (0 = Poisson)'));
  let k = input.dispersion ?? 0;
  const estimated = input.design === 'randomized' && input.dispersion === undefined;
  if (estimated) k = Math.max(0, (variance - mc) / (mc * mc));
  const q = 1 - r;
  let a: number;
  let formula: string;
  if (input.design === 'randomized') {
    a = 1 / (lambda * q) + 1 / (ratio * lambda) + k + k / ratio;
    formula = 'Var = 1/(n m (1-r)) + 1/(n_c m) + k_b/n + k_b/n_c';
  } else if (input.design === 'paired') {
    a = 1 / (lambda * q) + 1 / lambda + 2 * k * h;
    formula = 'Var = 1/(n m (1-r)) + 1/(n m) + 2 k_w h/n';
  } else {
    a = 1 / (lambda * q) + 1 / mc + 2 * k * h;
    formula = 'Var = 1/(n m (1-r)) + 1/(n m_pre) + 2 k_w h/n';
  }
  return ok({ design: input.design, lambda, lambdaPre: mc, h, dispersion: k, dispersionEstimated: estimated, alpha, reduction: r, controlRatio: ratio, a, formula });
}

/** Closed-form two-sided power with n target places (controls ceil(ratio n) for randomized), at `reduction` (default the model's). */
export function designPowerAt(model: DesignPowerModel, n: number, reduction = model.reduction): number {
  const q = 1 - reduction;
  const k = model.dispersion;
  const nc = Math.ceil(model.controlRatio * n);
  const v =
    model.design === 'randomized'
      ? 1 / (n * model.lambda * q) + 1 / (nc * model.lambda) + k / n + k / nc
      : (1 / (model.lambda * q) + (model.design === 'paired' ? 1 / model.lambda : 1 / model.lambdaPre) + 2 * k * model.h) / n;
  const t = Math.abs(Math.log(q)) / Math.sqrt(v);
  const z = criticalZ(1 - model.alpha);
  return normalCdf(t - z) + normalCdf(-t - z);
}

/**
 * The fewest target places reaching `power`: n = (z_{1-a/2} + z_power)^2 a / log(1-r)^2, then
 * stepped to the exact two-sided closed-form power. Errors: no reduction, a target power outside
 * (0, 1), or more than 1,000,000 places.
 */
export function solveDesignPlaces(model: DesignPowerModel, power = 0.8): Result<{ places: number; controls: number; power: number }, StatsError> {
  if (!(power > 0 && power < 1)) return err(invalidArgument('target-power', power, 'a power between 0 and 1, e.g. 0.8'));
  if (model.reduction === 0) return err(invalidArgument('reduction', 0, 'a non-zero change: with no effect no number of places gives power above alpha'));
  const delta = Math.log(1 - model.reduction);
  const zs = criticalZ(1 - model.alpha) + normalQuantile(power);
  let n = Math.max(1, Math.ceil((zs * zs * model.a) / (delta * delta)));
  while (n > 1 && designPowerAt(model, n - 1) >= power) n--;
  for (; designPowerAt(model, n) < power; n++) if (n > 1_000_000) return err(invalidArgument('reduction', model.reduction, 'a larger effect: more than 1,000,000 places would be needed'));
  return ok({ places: n, controls: model.design === 'randomized' ? Math.ceil(model.controlRatio * n) : model.design === 'paired' ? n : 0, power: designPowerAt(model, n) });
}

/**
 * Power by simulation (seeded, `reps` designs): place rates are resampled from the baseline
 * counts (scaled to the period), counts drawn as NB2 (gamma-Poisson; randomized: between-place
 * gamma heterogeneity k_b around the mean instead), and the Wald z on the log ratio of totals
 * with the model's variance at the observed totals is compared with z_{1-a/2}. A total of 0
 * counts as no rejection. Returns the rejection rate and its Monte Carlo SE.
 */
export function simulateDesignPower(model: DesignPowerModel, counts: ArrayLike<number>, n: number, reps: number, seed: number): Result<{ power: number; mcse: number }, StatsError> {
  if (!Number.isInteger(n) || n < 1) return err(invalidArgument('places', n, 'a whole number of places >= 1'));
  if (!Number.isInteger(reps) || reps < 1) return err(invalidArgument('sims', reps, 'a whole number of simulations >= 1'));
  const rng = createRng(seed);
  const scale = model.lambda / model.lambdaPre;
  const q = 1 - model.reduction;
  const k = model.dispersion;
  const z = criticalZ(1 - model.alpha);
  const nc = model.design === 'randomized' ? Math.ceil(model.controlRatio * n) : n;
  let hits = 0;
  for (let rep = 0; rep < reps; rep++) {
    let t = 0;
    let c = 0;
    let sumL = 0;
    let sumL2 = 0;
    if (model.design === 'randomized') {
      const shape = k > 0 ? 1 / k : 0;
      const draw = (mean: number) => (k > 0 ? rng.poisson(mean * sampleGamma(rng, shape) / shape) : rng.poisson(mean));
      for (let i = 0; i < n; i++) t += draw(model.lambda * q);
      for (let i = 0; i < nc; i++) c += draw(model.lambda);
    } else {
      for (let i = 0; i < n; i++) {
        const rate = counts[rng.int(counts.length)]!;
        sumL += rate;
        sumL2 += rate * rate;
        t += sampleNegativeBinomial(rng, rate * scale * q, k);
        c += sampleNegativeBinomial(rng, model.design === 'paired' ? rate * scale : rate, k);
      }
    }
    if (t === 0 || c === 0) continue;
    const expected = model.design === 'pre-post' ? Math.log(scale) : Math.log(nc / n);
    const extra = model.design === 'randomized' ? k / n + k / nc : (2 * k * (sumL2 * n)) / (sumL * sumL) / n;
    const stat = (Math.log(t / c) - expected) / Math.sqrt(1 / t + 1 / c + extra);
    if (Math.abs(stat) > z) hits++;
  }
  const power = hits / reps;
  return ok({ power, mcse: Math.sqrt((power * (1 - power)) / reps) });
}
