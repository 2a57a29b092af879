/**
 * The distance a matching uses, set up once per run: Mahalanobis on whitened covariates
 * (distance.ts) or the absolute difference of the logit propensity score (logistic.ts), the
 * caliper converted to distance units, and (optionally) covariates dropped because they are a
 * linear combination of others (e.g. the trend slope beside the monthly counts it is computed
 * from): they stay in the balance table but leave the distance, with a warning.
 */
import { ok, type Result } from '../../base/result';
import { type StatsError } from '../evaluation/stats-error';
import { rowSquaredDistance, whitenCovariates, type CovarianceKind } from './distance';
import { fitLogistic, type LogisticFit } from './logistic';

export interface MatchDistanceOptions {
  readonly method: 'mahalanobis' | 'propensity';
  readonly caliper?: number;
  readonly caliperScale?: 'sd' | 'raw';
  readonly covariance?: CovarianceKind;
  /**
   * Propensity matching: the scale of the score whose absolute difference is the distance.
   * 'logit' (default): the linear predictor, as Rosenbaum & Rubin 1985 and Austin 2011
   * recommend; 'probability': the fitted probability itself, R MatchIt's default
   * (distance = "glm"; its "linear.logit" is our 'logit'). The caliper's SD is taken on the same
   * scale. Ignored for Mahalanobis.
   */
  readonly scoreScale?: 'logit' | 'probability';
  /** Drop constant / collinear covariates (named in `dropped`) instead of failing. Default false. */
  readonly dropCollinear?: boolean;
}

export interface MatchDistance {
  /** Squared distance between units i and j; may return any value > bound once it exceeds it. */
  readonly sqDist: (i: number, j: number, bound: number) => number;
  readonly propensity: LogisticFit | null;
  /** The caliper in distance units (null when none). */
  readonly caliperDistance: number | null;
  /** Covariates left out of the distance (dropCollinear), in input order. */
  readonly dropped: readonly string[];
}

/**
 * Sets up the distance over `targets` x `pool` (unit indices). With caliperScale 'sd' (default)
 * the caliper is in SDs of the propensity score (on `scoreScale`, default logit) over all units
 * (Austin 2011), or for
 * Mahalanobis in SDs of the distance over all target x pool pairs. Errors: the whitening or
 * propensity-model errors (named), unless dropCollinear removes the offending covariate.
 */
export function prepareMatchDistance(
  names: readonly string[],
  columns: readonly ArrayLike<number>[],
  treated: Uint8Array,
  targets: readonly number[],
  pool: readonly number[],
  options: MatchDistanceOptions,
): Result<MatchDistance, StatsError> {
  let keep = columns.map((_, k) => k);
  const dropped: string[] = [];
  for (;;) {
    const n2 = keep.map((k) => names[k]!);
    const c2 = keep.map((k) => columns[k]!);
    const built = options.method === 'propensity' ? propensityDistance(n2, c2, treated, options.scoreScale ?? 'logit') : mahalanobisDistance(n2, c2, treated, options.covariance ?? 'pooled');
    if (!built.ok) {
      const e = built.error;
      const at = e.kind === 'collinear' ? n2.indexOf(e.term) : -1;
      if (!options.dropCollinear || at < 0 || keep.length <= 1) return built;
      dropped.push(n2[at]!);
      keep = keep.filter((_, i) => i !== at);
      continue;
    }
    const { sqDist, propensity, scoreSd } = built.value;
    let caliperDistance: number | null = null;
    if (options.caliper !== undefined) {
      if ((options.caliperScale ?? 'sd') === 'raw') caliperDistance = options.caliper;
      else caliperDistance = options.caliper * (propensity ? scoreSd : pairDistanceSd(targets, pool, (i, j) => Math.sqrt(sqDist(i, j, Number.POSITIVE_INFINITY))));
    }
    const order = new Map(names.map((n, i) => [n, i]));
    dropped.sort((a, b) => order.get(a)! - order.get(b)!);
    return ok({ sqDist, propensity, caliperDistance, dropped });
  }
}

interface Built {
  sqDist: (i: number, j: number, bound: number) => number;
  propensity: LogisticFit | null;
  scoreSd: number;
}

function propensityDistance(names: readonly string[], columns: readonly ArrayLike<number>[], treated: Uint8Array, scale: 'logit' | 'probability'): Result<Built, StatsError> {
  const fit = fitLogistic(names, columns, treated);
  if (!fit.ok) return fit;
  const score = scale === 'probability' ? fit.value.probability : fit.value.logit;
  return ok({ sqDist: (i, j) => (score[i]! - score[j]!) ** 2, propensity: fit.value, scoreSd: sampleSd(score) });
}

function mahalanobisDistance(names: readonly string[], columns: readonly ArrayLike<number>[], treated: Uint8Array, kind: CovarianceKind): Result<Built, StatsError> {
  const z = whitenCovariates(names, columns, treated, kind);
  if (!z.ok) return z;
  const p = columns.length;
  const zz = z.value;
  return ok({ sqDist: (i, j, bound) => rowSquaredDistance(zz, p, i, j, bound), propensity: null, scoreSd: 0 });
}

function sampleSd(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  const m = s / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - m) ** 2;
  return Math.sqrt(ss / Math.max(1, x.length - 1));
}

/** SD (n - 1) of the distance over every target x pool pair (Welford's running variance). */
function pairDistanceSd(targets: readonly number[], pool: readonly number[], dist: (i: number, j: number) => number): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const t of targets) {
    for (const c of pool) {
      const d = dist(t, c);
      n++;
      const delta = d - mean;
      mean += delta / n;
      m2 += delta * (d - mean);
    }
  }
  return n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
}
