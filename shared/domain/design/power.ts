/**
 * Power for count outcomes: targets vs controls over an evaluation period, tested by the Wald
 * test on the log rate ratio of the group totals.
 *   Each place's count has mean lambda (controls) or lambda (1 - r) (targets) and variance
 *   m + kappa m^2 (Poisson: kappa = 0; NB2 with dispersion kappa). With n_t targets and n_c
 *   controls, totals T and C have means mu_t = n_t lambda (1 - r), mu_c = n_c lambda, and by the
 *   delta method
 *     Var(log T/C) = 1/mu_t + 1/mu_c + kappa/n_t + kappa/n_c,
 *   the form used for comparing two Poisson or negative binomial rates (Signorini 1991,
 *   Biometrika 78; Zhu & Lakkis 2014, Statistics in Medicine 33), with the variance taken at the
 *   alternative. Two-sided power at level a, delta = log(1 - r), se = sqrt(Var):
 *     power = Phi(|delta|/se - z_{1-a/2}) + Phi(-|delta|/se - z_{1-a/2}).
 * lambda is the expected count per place over the evaluation period; a pre period of the same
 * length gives it directly (the baseline). Use simulatePower to check the closed form.
 */
import { createRng, type Rng } from '../../base/random';
import { err, ok, type Result } from '../../base/result';
import { criticalZ, normalCdf, normalQuantile } from '../evaluation/distributions';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

export interface PowerInput {
  /** Expected count per place over the period, or the places' baseline counts (their mean is
   * used, and when `dispersion` is omitted, the NB2 dispersion is estimated from them). */
  readonly baseline: number | ArrayLike<number>;
  /** Expected reduction as a fraction (0.2 = 20% fewer crimes in targets); must be < 1. */
  readonly reduction: number;
  readonly targets: number;
  readonly controls: number;
  /** Two-sided significance level, default 0.05. */
  readonly alpha?: number;
  /** NB2 dispersion kappa >= 0 per place (0 = Poisson). */
  readonly dispersion?: number;
}

export interface PowerResult {
  readonly power: number;
  readonly lambda: number;
  readonly dispersion: number;
  /** True when the dispersion was estimated from the baseline counts: max(0, (s^2 - m)/m^2). */
  readonly dispersionEstimated: boolean;
  readonly logRateRatio: number;
  readonly se: number;
  readonly muTargets: number;
  readonly muControls: number;
  readonly alpha: number;
  readonly convention: string;
}

export const POWER_CONVENTION =
  'Wald test on log(T/C): Var = 1/mu_t + 1/mu_c + k/n_t + k/n_c (NB2 dispersion k; Poisson k = 0), two-sided (Signorini 1991; Zhu & Lakkis 2014)';

interface Resolved {
  lambda: number;
  dispersion: number;
  estimated: boolean;
  alpha: number;
}

function resolve(input: Omit<PowerInput, 'targets' | 'controls'>): Result<Resolved, StatsError> {
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) return err(invalidArgument('alpha', alpha, 'a level between 0 and 1, e.g. 0.05'));
  if (!(input.reduction < 1) || !Number.isFinite(input.reduction)) return err(invalidArgument('reduction', input.reduction, 'a fraction below 1, e.g. 0.2 for 20% fewer crimes'));
  let lambda: number;
  let estimated = false;
  let dispersion = input.dispersion;
  if (typeof input.baseline === 'number') {
    lambda = input.baseline;
  } else {
    const b = input.baseline;
    if (b.length < 2) return err(invalidArgument('baseline', `${b.length} counts`, 'at least 2 baseline counts (or one expected count)'));
    let s = 0;
    for (let i = 0; i < b.length; i++) {
      if (!(Number.isFinite(b[i]!) && b[i]! >= 0)) return err(invalidArgument(`baseline (place ${i + 1})`, b[i], 'a count >= 0'));
      s += b[i]!;
    }
    lambda = s / b.length;
    if (dispersion === undefined && lambda > 0) {
      let ss = 0;
      for (let i = 0; i < b.length; i++) ss += (b[i]! - lambda) ** 2;
      dispersion = Math.max(0, (ss / (b.length - 1) - lambda) / (lambda * lambda));
      estimated = true;
    }
  }
  if (!(lambda > 0) || !Number.isFinite(lambda)) return err(invalidArgument('baseline', lambda, 'an expected count per place > 0'));
  const k = dispersion ?? 0;
  if (!(k >= 0) || !Number.isFinite(k)) return err(invalidArgument('dispersion', k, 'an NB2 dispersion >= 0 (0 = Poisson)'));
  return ok({ lambda, dispersion: k, estimated, alpha });
}

function powerFor(r: Resolved, reduction: number, nt: number, nc: number): PowerResult {
  const muT = nt * r.lambda * (1 - reduction);
  const muC = nc * r.lambda;
  const delta = Math.log(1 - reduction);
  const se = Math.sqrt(1 / muT + 1 / muC + r.dispersion / nt + r.dispersion / nc);
  const z = criticalZ(1 - r.alpha);
  const ratio = Math.abs(delta) / se;
  return {
    power: normalCdf(ratio - z) + normalCdf(-ratio - z),
    lambda: r.lambda,
    dispersion: r.dispersion,
    dispersionEstimated: r.estimated,
    logRateRatio: delta,
    se,
    muTargets: muT,
    muControls: muC,
    alpha: r.alpha,
    convention: POWER_CONVENTION,
  };
}

function checkPlaces(name: string, n: number): StatsError | null {
  return Number.isInteger(n) && n >= 1 ? null : invalidArgument(name, n, 'a whole number of places >= 1');
}

/** Power of the design (see the module comment). Errors name the bad input. */
export function computePower(input: PowerInput): Result<PowerResult, StatsError> {
  const bad = checkPlaces('targets', input.targets) ?? checkPlaces('controls', input.controls);
  if (bad) return err(bad);
  const r = resolve(input);
  if (!r.ok) return r;
  return ok(powerFor(r.value, input.reduction, input.targets, input.controls));
}

export interface PlacesNeeded {
  readonly targets: number;
  readonly controls: number;
  readonly achievedPower: number;
  readonly result: PowerResult;
}

/**
 * The fewest targets (and controls = ceil(controlRatio x targets)) reaching `power` (default
 * 0.8): the closed form n_t = (z_{1-a/2} + z_power)^2 [1/(lambda(1-r)) + k + (1/lambda + k)/ratio]
 * / log(1-r)^2, then stepped up until the exact two-sided power reaches the target. Errors: no
 * reduction (power never exceeds alpha) or more than 1,000,000 places needed.
 */
export function computePlacesNeeded(input: Omit<PowerInput, 'targets' | 'controls'> & { readonly power?: number; readonly controlRatio?: number }): Result<PlacesNeeded, StatsError> {
  const target = input.power ?? 0.8;
  if (!(target > 0 && target < 1)) return err(invalidArgument('power', target, 'a target power between 0 and 1, e.g. 0.8'));
  const ratio = input.controlRatio ?? 1;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return err(invalidArgument('controlRatio', ratio, 'controls per target > 0'));
  const r = resolve(input);
  if (!r.ok) return r;
  if (input.reduction === 0) return err(invalidArgument('reduction', 0, 'a non-zero change: with no effect no number of places gives power above alpha'));
  const v = r.value;
  const delta = Math.log(1 - input.reduction);
  const a = 1 / (v.lambda * (1 - input.reduction)) + v.dispersion + (1 / v.lambda + v.dispersion) / ratio;
  const zsum = criticalZ(1 - v.alpha) + normalQuantile(target);
  let nt = Math.max(1, Math.ceil((zsum * zsum * a) / (delta * delta)));
  // The closed form ignores the far tail and the rounding up of controls: step to the exact answer.
  while (nt > 1 && powerFor(v, input.reduction, nt - 1, Math.ceil(ratio * (nt - 1))).power >= target) nt--;
  for (;;) {
    if (nt > 1_000_000) return err(invalidArgument('reduction', input.reduction, 'a larger effect: more than 1,000,000 places would be needed'));
    const res = powerFor(v, input.reduction, nt, Math.ceil(ratio * nt));
    if (res.power >= target) return ok({ targets: nt, controls: Math.ceil(ratio * nt), achievedPower: res.power, result: res });
    nt++;
  }
}

/** Power at each number of targets (controls = round(ratio x targets)), for a power curve. */
export function computePowerCurve(input: Omit<PowerInput, 'targets' | 'controls'>, targets: ArrayLike<number>, controlRatio = 1): Result<{ targets: Int32Array; power: Float64Array }, StatsError> {
  const r = resolve(input);
  if (!r.ok) return r;
  const out = { targets: Int32Array.from(targets), power: new Float64Array(targets.length) };
  for (let i = 0; i < targets.length; i++) {
    const nt = targets[i]!;
    const bad = checkPlaces(`targets[${i}]`, nt);
    if (bad) return err(bad);
    out.power[i] = powerFor(r.value, input.reduction, nt, Math.max(1, Math.round(controlRatio * nt))).power;
  }
  return ok(out);
}

/**
 * Gamma(shape, 1) deviate by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3); shape < 1 via the boost Gamma(shape + 1) U^(1/shape).
 */
export function sampleGamma(rng: Rng, shape: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1) * Math.pow(rng.next() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** NB2 count with mean m and dispersion k (Var = m + k m^2) as a gamma-Poisson mixture; k = 0 is Poisson. */
export function sampleNegativeBinomial(rng: Rng, mean: number, dispersion: number): number {
  if (dispersion <= 0) return rng.poisson(mean);
  return rng.poisson(mean * dispersion * sampleGamma(rng, 1 / dispersion));
}

/**
 * Power by simulation (seeded): `reps` designs of per-place NB2 counts; each is tested by the
 * Wald z on log(T/C) with Var = 1/T + 1/C + k/n_t + k/n_c from the observed totals (a total of 0
 * counts as no rejection). Returns the rejection rate and its Monte Carlo standard error.
 */
export function simulatePower(input: PowerInput, reps: number, seed: number): Result<{ power: number; mcse: number }, StatsError> {
  const bad = checkPlaces('targets', input.targets) ?? checkPlaces('controls', input.controls) ?? checkPlaces('reps', reps);
  if (bad) return err(bad);
  const r = resolve(input);
  if (!r.ok) return r;
  const { lambda, dispersion: k, alpha } = r.value;
  const rng = createRng(seed);
  const z = criticalZ(1 - alpha);
  let rejections = 0;
  for (let rep = 0; rep < reps; rep++) {
    let t = 0;
    let c = 0;
    for (let i = 0; i < input.targets; i++) t += sampleNegativeBinomial(rng, lambda * (1 - input.reduction), k);
    for (let i = 0; i < input.controls; i++) c += sampleNegativeBinomial(rng, lambda, k);
    if (t === 0 || c === 0) continue;
    const stat = (Math.log(t / input.targets) - Math.log(c / input.controls)) / Math.sqrt(1 / t + 1 / c + k / input.targets + k / input.controls);
    if (Math.abs(stat) > z) rejections++;
  }
  const power = rejections / reps;
  return ok({ power, mcse: Math.sqrt((power * (1 - power)) / reps) });
}
