/**
 * Relative effect size (an odds ratio of counts). Source: D. P. Farrington, M. Gill, S. J. Waples
 * & J. Argomaniz (2007), "The effects of closed-circuit television on crime: meta-analysis of an
 * English national quasi-multi-site evaluation", Journal of Experimental Criminology 3, 21-38.
 *
 * Target before a, after b; control before c, after d:
 *   RES = (a d) / (b c)       (> 1: crime fell in the target relative to the control)
 *   Var(ln RES) = D (1/a + 1/b + 1/c + 1/d)   with D = 1 for Poisson counts
 *   CI = exp(ln RES +- z_{1-a/2} sqrt(Var));  RIRR = 1 / RES (relative incident rate ratio)
 *   percent change in the target relative to the control = 100 (RIRR - 1).
 * Farrington et al. inflate the variance by D, the overdispersion factor; here D is either given
 * or estimated from the monthly counts (see {@link estimateOverdispersion}).
 */
import { err, ok, type Result } from '../../base/result';
import { criticalZ, twoSidedNormalP } from './distributions';
import { checkConfidence, checkCount, invalidArgument, type StatsError } from './stats-error';

export interface ResInput {
  /** Target before / after, control before / after. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  /** Variance inflation D >= 1 (values below 1 are allowed but warned about); default 1. */
  readonly overdispersion?: number;
  /**
   * Zero cells: 'none' (default) returns an `undefined-statistic` error; 'haldane' adds 0.5 to
   * every cell (Haldane 1956; Anscombe 1956) and warns.
   */
  readonly zeroCellCorrection?: 'none' | 'haldane';
  /**
   * Variance of each cell count, default the count (Poisson). For harm-weighted counts
   * X = sum_i w_i n_i give V = sum_i w_i^2 n_i; then Var(ln RES) = D sum_cells V / X^2 (delta
   * method), which is 1/a + 1/b + 1/c + 1/d when V = X.
   */
  readonly variances?: { readonly a: number; readonly b: number; readonly c: number; readonly d: number };
  readonly confidence?: number;
}

export interface ResResult {
  readonly res: number;
  readonly logRes: number;
  /** Var(ln RES) after inflation, and before (the Poisson variance). */
  readonly varLogRes: number;
  readonly varLogResPoisson: number;
  readonly overdispersion: number;
  readonly z: number;
  readonly p: number;
  readonly confidence: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  /** 1 / RES and its interval (1 / upper, 1 / lower). */
  readonly rirr: number;
  readonly rirrLower: number;
  readonly rirrUpper: number;
  /** 100 (RIRR - 1): negative = fewer crimes in the target than the control trend predicts. */
  readonly percentChange: number;
  readonly percentChangeLower: number;
  readonly percentChangeUpper: number;
  readonly correctedZeroCells: boolean;
  readonly warnings: readonly string[];
  readonly convention: string;
}

export const RES_CONVENTION = 'RES = (a d)/(b c), Var(ln RES) = D (1/a + 1/b + 1/c + 1/d), CI = exp(ln RES +- z sqrt(Var)) (Farrington et al. 2007)';

/** RES on harm-weighted totals: delta-method variance with each cell's Var = Σ w²·n. */
export const RES_HARM_CONVENTION = 'RES = (a d)/(b c) on weighted harm totals, Var(ln RES) = D Σ_cells (Σ w²·n)/X², CI = exp(ln RES +- z sqrt(Var)) (Farrington et al. 2007; delta method)';

const CELL_NAME = { a: 'target before (a)', b: 'target after (b)', c: 'control before (c)', d: 'control after (d)' } as const;

/**
 * Computes RES, its confidence interval, RIRR and the percent change.
 * Errors: counts negative or not finite, overdispersion not finite or <= 0, and zero cells unless
 * `zeroCellCorrection: 'haldane'` (the message names the zero cells).
 */
export function computeRes(input: ResInput): Result<ResResult, StatsError> {
  const confidence = input.confidence ?? 0.95;
  const bad = checkConfidence(confidence);
  if (bad) return err(bad);
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    const e = checkCount(key, input[key]);
    if (e) return err(e);
  }
  const dispersion = input.overdispersion ?? 1;
  if (!Number.isFinite(dispersion) || dispersion <= 0) return err(invalidArgument('overdispersion', dispersion, 'a finite factor > 0 (1 = Poisson)'));
  const warnings: string[] = [];
  const zeros = (['a', 'b', 'c', 'd'] as const).filter((k) => input[k] === 0);
  let { a, b, c, d } = input;
  const v = input.variances ? { ...input.variances } : { a, b, c, d };
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    const e = checkCount(`variance of ${key}`, v[key]);
    if (e) return err(e);
  }
  if (zeros.length > 0) {
    const names = zeros.map((k) => CELL_NAME[k]).join(', ');
    if (input.zeroCellCorrection !== 'haldane') {
      return err({ kind: 'undefined-statistic', statistic: 'RES', message: `${names} ${zeros.length === 1 ? 'is' : 'are'} 0, so the ratio and its log variance are not finite (a continuity correction adds 0.5 to every cell)` });
    }
    a += 0.5;
    b += 0.5;
    c += 0.5;
    d += 0.5;
    v.a += 0.5;
    v.b += 0.5;
    v.c += 0.5;
    v.d += 0.5;
    warnings.push(`${names} ${zeros.length === 1 ? 'was' : 'were'} 0: 0.5 was added to every cell (Haldane-Anscombe correction); treat the result as rough`);
  }
  if (Math.min(a, b, c, d) < 5) warnings.push('some counts are below 5: the log-normal interval is rough');
  if (dispersion < 1) warnings.push(`overdispersion factor ${dispersion} < 1 narrows the interval below the Poisson one`);
  if (dispersion === 1) warnings.push('the variance assumes Poisson counts; crime counts are usually overdispersed (give or estimate the factor D)');
  const logRes = Math.log(a) + Math.log(d) - Math.log(b) - Math.log(c);
  const varPoisson = v.a / (a * a) + v.b / (b * b) + v.c / (c * c) + v.d / (d * d);
  const variance = dispersion * varPoisson;
  const se = Math.sqrt(variance);
  const half = criticalZ(confidence) * se;
  const res = Math.exp(logRes);
  const lower = Math.exp(logRes - half);
  const upper = Math.exp(logRes + half);
  return ok({
    res,
    logRes,
    varLogRes: variance,
    varLogResPoisson: varPoisson,
    overdispersion: dispersion,
    z: logRes / se,
    p: twoSidedNormalP(logRes / se),
    confidence,
    ciLower: lower,
    ciUpper: upper,
    rirr: 1 / res,
    rirrLower: 1 / upper,
    rirrUpper: 1 / lower,
    percentChange: 100 * (1 / res - 1),
    percentChangeLower: 100 * (1 / upper - 1),
    percentChangeUpper: 100 * (1 / lower - 1),
    correctedZeroCells: zeros.length > 0,
    warnings,
    convention: RES_CONVENTION,
  });
}

export interface OverdispersionEstimate {
  /** D = Pearson X^2 / df, floored at 1 unless `floorAtOne` is false. */
  readonly factor: number;
  /** The unfloored estimate. */
  readonly raw: number;
  readonly pearsonChiSquare: number;
  readonly df: number;
}

/**
 * Estimates the overdispersion factor D from monthly counts, one series per cell (target before,
 * target after, control before, control after; any number of series of >= 2 months):
 *   D = X^2 / df,  X^2 = sum_s sum_m (y_sm - mean_s)^2 / mean_s,  df = sum_s (n_s - 1),
 * the Pearson dispersion statistic of a Poisson model with one mean per series (McCullagh &
 * Nelder 1989, Generalized Linear Models, section 4.5). For one series it is the index of
 * dispersion variance/mean, the quantity Farrington et al. (2007) use. Seasonality and trends
 * within a period inflate D (they look like extra variance), which errs towards wider intervals.
 * Series with a mean of 0 contribute nothing. Errors: fewer than 1 degree of freedom, or a
 * negative or non-finite count (named by series and month).
 * `varianceToMean[s]` (default 1) is series s's variance-to-mean ratio under the Poisson model:
 * for harm-weighted counts sum_i w_i^2 n_i / sum_i w_i n_i, so that D measures only the extra
 * variation beyond that of a weighted sum of Poisson counts (each term is divided by it).
 */
export function estimateOverdispersion(series: readonly ArrayLike<number>[], floorAtOne = true, varianceToMean?: ArrayLike<number>): Result<OverdispersionEstimate, StatsError> {
  let chi2 = 0;
  let df = 0;
  for (let s = 0; s < series.length; s++) {
    const y = series[s]!;
    let sum = 0;
    for (let m = 0; m < y.length; m++) {
      const e = checkCount(`series ${s + 1}, month ${m + 1}`, y[m]!);
      if (e) return err(e);
      sum += y[m]!;
    }
    if (y.length < 2) continue;
    df += y.length - 1;
    const mean = sum / y.length;
    if (mean === 0) continue;
    const k = varianceToMean?.[s] ?? 1;
    if (!(Number.isFinite(k) && k > 0)) return err(invalidArgument(`varianceToMean (series ${s + 1})`, k, 'a finite ratio > 0'));
    for (let m = 0; m < y.length; m++) chi2 += (y[m]! - mean) ** 2 / (mean * k);
  }
  if (df < 1) return err(invalidArgument('monthly counts', `${df} degrees of freedom`, 'at least one series with 2 or more months'));
  const raw = chi2 / df;
  return ok({ factor: floorAtOne ? Math.max(1, raw) : raw, raw, pearsonChiSquare: chi2, df });
}
