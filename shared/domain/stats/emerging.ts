/**
 * Emerging hot spot classes from a per-unit time series of Gi* results, after ArcGIS Pro's
 * "How Emerging Hot Spot Analysis works" (Esri, Space Time Pattern Mining toolbox). Each unit
 * has T time steps; step t is HOT when its Gi* bin >= `minBin` and COLD when <= -minBin
 * (default minBin 2, i.e. p < .05: Esri's page says "statistically significant" without naming
 * the level, so the level is ours, stated, and changeable). The trend is the Mann-Kendall test
 * (mann-kendall.ts) of the unit's Gi* z-scores over time, significant when p < `trendAlpha`
 * (default 0.05). "At least 90 percent" means 10 * hotSteps >= 9 * T.
 *
 * Decision list, evaluated in this order (Esri's definitions overlap; the order is ours):
 * Final step HOT:
 *   1. >= 90% of steps hot: INTENSIFYING if the z trend is significantly upward, DIMINISHING if
 *      significantly downward, otherwise PERSISTENT (no discernible trend).
 *   2. Any earlier COLD step: OSCILLATING (hot now, significantly cold at some prior step).
 *   3. The final step is the only hot step: NEW.
 *   4. All hot steps form one uninterrupted run of >= 2 steps ending at the final step (never
 *      hot before the run): CONSECUTIVE.
 *   5. Otherwise (hot now, hot before the final run, on and off, < 90%, never cold): SPORADIC.
 * Final step COLD: the mirror image, with INTENSIFYING meaning a significantly downward z trend
 * (colder) and DIMINISHING a significantly upward one.
 * Final step neither: HISTORICAL hot when >= 90% of steps were hot (cold likewise), otherwise
 * NO PATTERN. (Esri's sporadic requires the final step to be hot in Pro's wording; a unit hot
 * only in past steps, below 90%, is "no pattern".)
 * Gi* per step is the spatial Gi* of that time slice (Esri's space-time Gi* also pools
 * neighbouring time steps; pass such z/bins if you compute them).
 */
import { ok, type Result } from '../../base/result';
import { checkInteger, invalidArgument, type StatsError } from './errors';
import { computeGiStar, type GiStarOptions } from './gi-star';
import { computeMannKendall } from './mann-kendall';
import type { SpatialWeights } from './weights';

/** Class codes: 0 no pattern; 1..8 hot; -1..-8 the cold mirror. */
export const EMERGING_CLASS_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: 'no pattern detected',
  1: 'new hot spot',
  2: 'consecutive hot spot',
  3: 'intensifying hot spot',
  4: 'persistent hot spot',
  5: 'diminishing hot spot',
  6: 'sporadic hot spot',
  7: 'oscillating hot spot',
  8: 'historical hot spot',
  [-1]: 'new cold spot',
  [-2]: 'consecutive cold spot',
  [-3]: 'intensifying cold spot',
  [-4]: 'persistent cold spot',
  [-5]: 'diminishing cold spot',
  [-6]: 'sporadic cold spot',
  [-7]: 'oscillating cold spot',
  [-8]: 'historical cold spot',
});

const NEW = 1;
const CONSECUTIVE = 2;
const INTENSIFYING = 3;
const PERSISTENT = 4;
const DIMINISHING = 5;
const SPORADIC = 6;
const OSCILLATING = 7;
const HISTORICAL = 8;

export interface EmergingOptions {
  /** Smallest |bin| counted as significant. Default 2 (p < .05). */
  readonly minBin?: 1 | 2 | 3;
  /** Mann-Kendall significance level. Default 0.05. */
  readonly trendAlpha?: number;
}

export interface EmergingResult {
  readonly units: number;
  readonly steps: number;
  /** Class code per unit (EMERGING_CLASS_NAMES). */
  readonly classes: Int8Array;
  /** Mann-Kendall z and p of each unit's Gi* z series. */
  readonly trendZ: Float64Array;
  readonly trendP: Float64Array;
  /** Number of hot and cold steps per unit. */
  readonly hotSteps: Int32Array;
  readonly coldSteps: Int32Array;
}

/**
 * Classifies units from step-major arrays: z[t * units + i] and bin[t * units + i] are the Gi*
 * z-score and bin of unit i at step t (t = 0 the earliest). Errors: fewer than 2 steps, arrays
 * not units * steps long, bad options.
 */
export function classifyEmergingHotSpots(
  units: number,
  steps: number,
  z: ArrayLike<number>,
  bin: ArrayLike<number>,
  options: EmergingOptions = {},
): Result<EmergingResult, StatsError> {
  const bad = checkInteger('units', units, 1) ?? checkInteger('time steps', steps, 2);
  if (bad) return bad;
  if (z.length !== units * steps) return invalidArgument('z', `length ${z.length}`, `units x steps = ${units * steps} values`);
  if (bin.length !== units * steps) return invalidArgument('bins', `length ${bin.length}`, `units x steps = ${units * steps} values`);
  const minBin = options.minBin ?? 2;
  const alpha = options.trendAlpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) return invalidArgument('trendAlpha', alpha, 'a number between 0 and 1');
  const classes = new Int8Array(units);
  const trendZ = new Float64Array(units);
  const trendP = new Float64Array(units);
  const hotSteps = new Int32Array(units);
  const coldSteps = new Int32Array(units);
  const series = new Float64Array(steps);
  const state = new Int8Array(steps); // 1 hot, -1 cold, 0 neither
  for (let i = 0; i < units; i++) {
    let hot = 0;
    let cold = 0;
    for (let t = 0; t < steps; t++) {
      series[t] = z[t * units + i] as number;
      const b = bin[t * units + i] as number;
      state[t] = b >= minBin ? 1 : b <= -minBin ? -1 : 0;
      if (state[t] === 1) hot++;
      else if (state[t] === -1) cold++;
    }
    const mk = computeMannKendall(series);
    trendZ[i] = mk.z;
    trendP[i] = mk.p;
    hotSteps[i] = hot;
    coldSteps[i] = cold;
    const last = state[steps - 1] as number;
    if (last === 0) {
      classes[i] = 10 * hot >= 9 * steps ? HISTORICAL : 10 * cold >= 9 * steps ? -HISTORICAL : 0;
      continue;
    }
    const same = last === 1 ? hot : cold;
    const opposite = last === 1 ? cold : hot;
    const trend = mk.p < alpha ? Math.sign(mk.z) * last : 0; // +1: intensifying in this family
    let run = 0;
    for (let t = steps - 1; t >= 0 && state[t] === last; t--) run++;
    let code: number;
    if (10 * same >= 9 * steps) code = trend > 0 ? INTENSIFYING : trend < 0 ? DIMINISHING : PERSISTENT;
    else if (opposite > 0) code = OSCILLATING;
    else if (same === 1) code = NEW;
    else if (run === same && run >= 2) code = CONSECUTIVE;
    else code = SPORADIC;
    classes[i] = code * last;
  }
  return ok({ units, steps, classes, trendZ, trendP, hotSteps, coldSteps });
}

/**
 * Runs Gi* on every time slice of step-major counts (counts[t * units + i]) with the same
 * weights, then classifies. `gi` options (FDR, permutations) apply per slice; a slice with no
 * variation gets z = 0 (gi-star.ts). Errors from any slice are returned with its step named.
 */
export function computeEmergingHotSpots(
  units: number,
  steps: number,
  counts: ArrayLike<number>,
  weights: SpatialWeights,
  options: EmergingOptions & { gi?: GiStarOptions } = {},
): Result<EmergingResult & { z: Float64Array; bin: Int8Array }, StatsError> {
  const bad = checkInteger('units', units, 1) ?? checkInteger('time steps', steps, 2);
  if (bad) return bad;
  if (counts.length !== units * steps) return invalidArgument('counts', `length ${counts.length}`, `units x steps = ${units * steps} values`);
  const z = new Float64Array(units * steps);
  const bin = new Int8Array(units * steps);
  const slice = new Float64Array(units);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < units; i++) slice[i] = counts[t * units + i] as number;
    const gi = computeGiStar(slice, weights, options.gi);
    if (!gi.ok) return invalidArgument(`time step ${t}: ${gi.error.name}`, gi.error.value, gi.error.expected);
    z.set(gi.value.z, t * units);
    bin.set(gi.value.bin, t * units);
  }
  const classified = classifyEmergingHotSpots(units, steps, z, bin, options);
  if (!classified.ok) return classified;
  return ok({ ...classified.value, z, bin });
}

/**
 * Cross-tabulation of two classifications of the same units (e.g. weekly vs monthly steps), to
 * show how the time step changes the result: counts[(a + 8) * 17 + (b + 8)] = units classed a
 * by the first and b by the second. Both must cover the same units (a RangeError otherwise:
 * a caller bug).
 */
export function crossTabulateEmerging(first: Int8Array, second: Int8Array): Int32Array {
  if (first.length !== second.length) throw new RangeError(`classifications cover ${first.length} and ${second.length} units`);
  const counts = new Int32Array(17 * 17);
  for (let i = 0; i < first.length; i++) {
    const c = ((first[i] as number) + 8) * 17 + ((second[i] as number) + 8);
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}
