/**
 * Weighted Displacement Difference test. Source: A. P. Wheeler & J. H. Ratcliffe (2018), "A
 * simple weighted displacement difference test to evaluate place based crime interventions",
 * Crime Science 7:11.
 *
 * Notation (DOMAIN.md): counts before (0, pre) and after (1, post) in the target T, control C,
 * target buffer D and control buffer DC.
 *   WDD = (T1 - T0) - (C1 - C0) + (D1 - D0) - (DC1 - DC0)   (buffer terms optional)
 *   Var(WDD) = T0 + T1 + C0 + C1 + D0 + D1 + DC0 + DC1     (each count Poisson, independent)
 *   z = WDD / sqrt(Var),  two-sided normal p,  CI = WDD +- z_{1-a/2} sqrt(Var).
 * Negative WDD = fewer crimes in the target (and its buffer) than the control trend predicts.
 * Weights (time or area): each count is divided by its weight and its variance term by the weight
 * squared, so weighted counts are rates per unit time or area.
 * Harm-weighted counts (X = sum_i w_i n_i over offense types i) are not Poisson: their variance is
 * that of a weighted sum of independent Poisson counts, sum_i w_i^2 n_i (pass it as `variances`).
 */
import { err, ok, type Result } from '../../base/result';
import { criticalZ, twoSidedNormalP } from './distributions';
import { checkConfidence, checkCount, checkPositive, invalidArgument, type StatsError } from './stats-error';

/** A count (or weight) before and after the intervention date. */
export interface PrePost {
  readonly pre: number;
  readonly post: number;
}

/** The four areas of a WDD design; the buffers are optional but go together. */
export interface WddAreas<T> {
  readonly target: T;
  readonly control: T;
  readonly targetBuffer?: T;
  readonly controlBuffer?: T;
}

export interface WddInput extends WddAreas<PrePost> {
  /**
   * Per-count weights (default 1): each count is divided by its weight. Combine time and area
   * weights by multiplying them, or use `timeWeights` / `areaWeights` below (all three multiply).
   */
  readonly weights?: Partial<WddAreas<PrePost>>;
  /** Length of the pre and post periods (e.g. months): counts become rates per unit time. */
  readonly timeWeights?: PrePost;
  /** Areas (e.g. km^2) of each zone: counts become densities. */
  readonly areaWeights?: Partial<WddAreas<number>>;
  /**
   * Variance of each (unweighted-by-time/area) count, default the count itself (Poisson). With
   * harm-weighted counts X = sum_i w_i n_i give sum_i w_i^2 n_i: the variance of a weighted sum
   * of independent Poisson counts (a weighted count is not Poisson itself).
   */
  readonly variances?: Partial<WddAreas<PrePost>>;
  /** Confidence level of the interval, default 0.95. */
  readonly confidence?: number;
}

export interface WddResult {
  readonly wdd: number;
  /** Weighted changes post - pre per zone (the buffer terms are null without buffers). */
  readonly targetChange: number;
  readonly controlChange: number;
  readonly targetBufferChange: number | null;
  readonly controlBufferChange: number | null;
  readonly variance: number;
  readonly se: number;
  readonly z: number;
  /** Two-sided p-value of z under the standard normal. */
  readonly p: number;
  readonly confidence: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly includesBuffers: boolean;
  readonly weighted: boolean;
  readonly warnings: readonly string[];
  /** One line naming the formula and its source, for footnotes and the CLI. */
  readonly convention: string;
}

export const WDD_CONVENTION =
  'WDD = (T1-T0) - (C1-C0) + (D1-D0) - (DC1-DC0), Var = sum of the counts (Poisson), z = WDD/sqrt(Var) (Wheeler & Ratcliffe 2018)';

/** The WDD's convention on harm-weighted totals (each incident counts its weight w). */
export const WDD_HARM_CONVENTION =
  'WDD = (T1-T0) - (C1-C0) + (D1-D0) - (DC1-DC0) on weighted harm totals, Var = Σ w²·n over the eight zone-periods (a weighted sum of independent Poisson counts), z = WDD/sqrt(Var) (Wheeler & Ratcliffe 2018)';

type Zone = 'target' | 'control' | 'targetBuffer' | 'controlBuffer';
const ZONES: readonly Zone[] = ['target', 'control', 'targetBuffer', 'controlBuffer'];
const LABEL: Record<Zone, string> = { target: 'target', control: 'control', targetBuffer: 'target buffer', controlBuffer: 'control buffer' };
/** Sign of each zone's change in the WDD sum. */
const SIGN: Record<Zone, number> = { target: 1, control: -1, targetBuffer: 1, controlBuffer: -1 };

/**
 * Computes the WDD, its Poisson variance, z, two-sided p and confidence interval.
 * Errors: a count that is negative or not finite, a weight <= 0, only one of the two buffers,
 * or all counts zero (the variance is 0 and z undefined). Warnings: any unweighted count below 5
 * (the normal approximation is rough), and always the Poisson assumption (overdispersed counts
 * make the interval too narrow).
 */
export function computeWdd(input: WddInput): Result<WddResult, StatsError> {
  const confidence = input.confidence ?? 0.95;
  const bad = checkConfidence(confidence);
  if (bad) return err(bad);
  const hasD = input.targetBuffer !== undefined;
  const hasDC = input.controlBuffer !== undefined;
  if (hasD !== hasDC) {
    const missing = hasD ? 'controlBuffer' : 'targetBuffer';
    return err(invalidArgument(missing, 'missing', 'both buffer zones or neither (the WDD compares target buffer with control buffer)'));
  }
  const zones = hasD ? ZONES : ZONES.slice(0, 2);
  let wdd = 0;
  let variance = 0;
  let weighted = false;
  let small = false;
  const change: Partial<Record<Zone, number>> = {};
  for (const zone of zones) {
    const counts = input[zone] as PrePost;
    let zoneChange = 0;
    for (const period of ['pre', 'post'] as const) {
      const name = `${zone}.${period}`;
      const c = counts[period];
      const e1 = checkCount(name, c);
      if (e1) return err(e1);
      const w = (input.weights?.[zone]?.[period] ?? 1) * (input.timeWeights?.[period] ?? 1) * (input.areaWeights?.[zone] ?? 1);
      const e2 = checkPositive(`weight of ${name}`, w);
      if (e2) return err(e2);
      if (w !== 1) weighted = true;
      if (c < 5) small = true;
      const v = input.variances?.[zone]?.[period] ?? c;
      const e3 = checkCount(`variance of ${name}`, v);
      if (e3) return err(e3);
      zoneChange += (period === 'post' ? 1 : -1) * (c / w);
      variance += v / (w * w);
    }
    change[zone] = zoneChange;
    wdd += SIGN[zone] * zoneChange;
  }
  if (!(variance > 0)) {
    return err({ kind: 'undefined-statistic', statistic: 'WDD z-test', message: 'every count is 0, so the variance is 0 and there is nothing to test' });
  }
  const se = Math.sqrt(variance);
  const z = wdd / se;
  const half = criticalZ(confidence) * se;
  const warnings: string[] = [];
  if (small) warnings.push('some counts are below 5: the normal approximation behind the z-test is rough');
  warnings.push('the variance assumes Poisson counts; overdispersed crime counts make the interval too narrow and p too small');
  return ok({
    wdd,
    targetChange: change.target ?? 0,
    controlChange: change.control ?? 0,
    targetBufferChange: hasD ? (change.targetBuffer ?? 0) : null,
    controlBufferChange: hasD ? (change.controlBuffer ?? 0) : null,
    variance,
    se,
    z,
    p: twoSidedNormalP(z),
    confidence,
    ciLower: wdd - half,
    ciUpper: wdd + half,
    includesBuffers: hasD,
    weighted,
    warnings,
    convention: WDD_CONVENTION,
  });
}

/** Monthly post-period counts per zone for the cumulative WDD chart. */
export interface CumulativeWddInput {
  /** Pre-period totals per zone. */
  readonly pre: WddAreas<number>;
  /** Length of the pre period in months (> 0). */
  readonly preMonths: number;
  /** Post-period counts per month per zone; all series the same length. */
  readonly postMonthly: WddAreas<ArrayLike<number>>;
  readonly confidence?: number;
}

/** Columnar series: element k is the WDD over the first k+1 post months. */
export interface CumulativeWddSeries {
  readonly months: Int32Array;
  readonly wdd: Float64Array;
  readonly se: Float64Array;
  readonly z: Float64Array;
  readonly ciLower: Float64Array;
  readonly ciUpper: Float64Array;
  readonly convention: string;
}

/**
 * The cumulative WDD over the post period, month by month: at post month k (1-based), the
 * post counts are the totals of months 1..k and the pre totals are scaled to k months with the
 * time weights of {@link computeWdd} (pre weight preMonths / k: count * k / preMonths, variance
 * term count * (k / preMonths)^2). WDD_k is thus in crimes over k months, and the last point
 * equals the time-weighted WDD of the whole design. Errors as computeWdd, plus series of
 * different lengths or an empty post period.
 */
export function computeCumulativeWdd(input: CumulativeWddInput): Result<CumulativeWddSeries, StatsError> {
  const e = checkPositive('preMonths', input.preMonths);
  if (e) return err(e);
  const hasBuffers = input.postMonthly.targetBuffer !== undefined || input.postMonthly.controlBuffer !== undefined;
  const zones = hasBuffers ? ZONES : ZONES.slice(0, 2);
  const months = input.postMonthly.target.length;
  if (months === 0) return err(invalidArgument('postMonthly.target', 'empty', 'at least one post-period month'));
  for (const zone of zones) {
    const series = input.postMonthly[zone];
    if (series !== undefined && series.length !== months) {
      return err(invalidArgument(`postMonthly.${zone}`, `${series.length} months`, `${months} months like the target series`));
    }
    if (hasBuffers && (series === undefined || input.pre[zone] === undefined)) {
      return err(invalidArgument(zone, 'missing', `both buffer zones or neither (${LABEL[zone]} is missing)`));
    }
  }
  const out = {
    months: new Int32Array(months),
    wdd: new Float64Array(months),
    se: new Float64Array(months),
    z: new Float64Array(months),
    ciLower: new Float64Array(months),
    ciUpper: new Float64Array(months),
  };
  const running: Record<Zone, number> = { target: 0, control: 0, targetBuffer: 0, controlBuffer: 0 };
  for (let k = 0; k < months; k++) {
    for (const zone of zones) running[zone] += (input.postMonthly[zone] as ArrayLike<number>)[k]!;
    const pp = (zone: Zone): PrePost => ({ pre: input.pre[zone] as number, post: running[zone] });
    const r = computeWdd({
      target: pp('target'),
      control: pp('control'),
      ...(hasBuffers ? { targetBuffer: pp('targetBuffer'), controlBuffer: pp('controlBuffer') } : {}),
      timeWeights: { pre: input.preMonths / (k + 1), post: 1 },
      confidence: input.confidence ?? 0.95,
    });
    if (!r.ok) {
      if (r.error.kind === 'invalid-argument') return r;
      // No crimes at all so far: the difference is 0 with no spread yet.
      out.months[k] = k + 1;
      continue;
    }
    out.months[k] = k + 1;
    out.wdd[k] = r.value.wdd;
    out.se[k] = r.value.se;
    out.z[k] = r.value.z;
    out.ciLower[k] = r.value.ciLower;
    out.ciUpper[k] = r.value.ciUpper;
  }
  return ok({ ...out, convention: `cumulative ${WDD_CONVENTION}; pre counts scaled to the months elapsed` });
}
