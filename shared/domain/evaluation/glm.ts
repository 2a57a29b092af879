/**
 * Count regression with a log link, fitted by iteratively reweighted least squares (Fisher
 * scoring; McCullagh & Nelder 1989, Generalized Linear Models, 2nd ed., section 2.5):
 *   Poisson:                 Var(y) = mu
 *   negative binomial (NB2): Var(y) = mu + alpha mu^2   (Cameron & Trivedi 2013, ch. 3)
 * log(mu) = X beta + offset. The NB2 alpha is estimated by maximum likelihood, alternating with
 * the IRLS fit of beta as R's MASS::glm.nb does (Venables & Ripley 2002, section 7.4), or by the
 * Cameron & Trivedi moment estimator. Data are a row-major n x p design matrix on typed arrays.
 */
import { err, ok, type Result } from '../../base/result';
import { digamma, logGamma, trigamma } from './distributions';
import { choleskyDecompose, choleskyInverse, choleskySolve, matVec, weightedCrossProducts } from './linalg';
import type { StatsError } from './stats-error';

export interface CountModelData {
  /** n x p design matrix, row-major. */
  readonly x: Float64Array;
  readonly n: number;
  readonly p: number;
  /** Counts (>= 0, finite; need not be integers for the Poisson quasi-likelihood). */
  readonly y: Float64Array;
  /** log exposure per row (e.g. log days in the month), default 0. */
  readonly offset?: Float64Array;
  /** Term names, length p, used in messages. */
  readonly names: readonly string[];
}

export interface CountModelOptions {
  /** IRLS iterations per fit, default 100. */
  readonly maxIterations?: number;
  /** Relative deviance change that counts as converged, default 1e-10. */
  readonly tolerance?: number;
  /** NB2 only: 'ml' (default) or 'moments' (Cameron & Trivedi). */
  readonly alphaMethod?: 'ml' | 'moments';
}

export interface CountModelFit {
  readonly family: 'poisson' | 'negative-binomial';
  /** NB2 dispersion alpha (0 for Poisson, or when the NB estimate is at the Poisson boundary). */
  readonly alpha: number;
  readonly alphaMethod: 'ml' | 'moments' | null;
  readonly beta: Float64Array;
  /** Model-based covariance (inverse Fisher information), p x p row-major. */
  readonly covariance: Float64Array;
  /** Fitted means. */
  readonly mu: Float64Array;
  readonly deviance: number;
  readonly logLik: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

const MAX_ETA = 700; // exp(700) ~ 1e304: keeps mu finite while a diverging fit is detected

interface IrlsState {
  beta: Float64Array;
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
}

/** Unit deviance of the Poisson (alpha = 0) or NB2 model, summed over rows. */
export function countDeviance(y: ArrayLike<number>, mu: ArrayLike<number>, alpha: number): number {
  let dev = 0;
  const theta = alpha > 0 ? 1 / alpha : 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    const mi = mu[i]!;
    const ylog = yi > 0 ? yi * Math.log(yi / mi) : 0;
    dev += alpha > 0 ? ylog - (yi + theta) * Math.log((yi + theta) / (mi + theta)) : ylog - (yi - mi);
  }
  return 2 * dev;
}

/** Log-likelihood of the Poisson (alpha = 0) or NB2 model at the fitted means. */
export function countLogLik(y: ArrayLike<number>, mu: ArrayLike<number>, alpha: number): number {
  let ll = 0;
  if (alpha > 0) {
    const theta = 1 / alpha;
    const lgTheta = logGamma(theta);
    for (let i = 0; i < y.length; i++) {
      const yi = y[i]!;
      const mi = mu[i]!;
      ll += logGamma(yi + theta) - lgTheta - logGamma(yi + 1) + theta * Math.log(theta / (theta + mi)) + (yi > 0 ? yi * Math.log(mi / (theta + mi)) : 0);
    }
  } else {
    for (let i = 0; i < y.length; i++) {
      const yi = y[i]!;
      const mi = mu[i]!;
      ll += (yi > 0 ? yi * Math.log(mi) : 0) - mi - logGamma(yi + 1);
    }
  }
  return ll;
}

function meansFrom(data: CountModelData, beta: ArrayLike<number>): Float64Array {
  const eta = matVec(data.x, data.n, data.p, beta);
  for (let i = 0; i < data.n; i++) eta[i] = Math.exp(Math.min(MAX_ETA, eta[i]! + (data.offset?.[i] ?? 0)));
  return eta;
}

function collinear(data: CountModelData, column: number): StatsError {
  const term = data.names[column] ?? `column ${column + 1}`;
  return { kind: 'collinear', term, message: 'this term is constant or a combination of the other terms in the data given, so its effect cannot be estimated' };
}

/** IRLS for fixed alpha (0 = Poisson). Starts from `start` or from mu = y + 0.1 (as R's glm). */
function irls(data: CountModelData, alpha: number, start: Float64Array | null, maxIt: number, tol: number): Result<IrlsState, StatsError> {
  const { n, y } = data;
  let beta = start;
  let mu: Float64Array;
  if (start) mu = meansFrom(data, start);
  else {
    mu = new Float64Array(n);
    for (let i = 0; i < n; i++) mu[i] = y[i]! + 0.1;
  }
  let dev = countDeviance(y, mu, alpha);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  for (let it = 1; it <= maxIt; it++) {
    for (let i = 0; i < n; i++) {
      const mi = mu[i]!;
      w[i] = mi / (1 + alpha * mi);
      z[i] = Math.log(mi) - (data.offset?.[i] ?? 0) + (y[i]! - mi) / mi;
    }
    const { xtwx, xtwz } = weightedCrossProducts(data.x, n, data.p, w, z);
    const chol = choleskyDecompose(xtwx, data.p);
    if (!chol.ok) return err(collinear(data, chol.column));
    let next = choleskySolve(chol.l, data.p, xtwz);
    let nextMu = meansFrom(data, next);
    let nextDev = countDeviance(y, nextMu, alpha);
    // Step halving (as R's glm.fit) when the step overshoots.
    for (let h = 0; beta && h < 30 && !(Number.isFinite(nextDev) && nextDev <= dev * (1 + 1e-12) + 1e-12); h++) {
      const half = new Float64Array(data.p);
      for (let j = 0; j < data.p; j++) half[j] = 0.5 * (beta[j]! + next[j]!);
      next = half;
      nextMu = meansFrom(data, next);
      nextDev = countDeviance(y, nextMu, alpha);
    }
    const change = Math.abs(nextDev - dev) / (Math.abs(nextDev) + 0.1);
    beta = next;
    mu = nextMu;
    dev = nextDev;
    if (change < tol) return ok({ beta, mu, deviance: dev, iterations: it, converged: true });
  }
  return ok({ beta: beta ?? new Float64Array(data.p), mu, deviance: dev, iterations: maxIt, converged: false });
}

function modelCovariance(data: CountModelData, mu: Float64Array, alpha: number): Result<Float64Array, StatsError> {
  const w = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) w[i] = mu[i]! / (1 + alpha * mu[i]!);
  const { xtwx } = weightedCrossProducts(data.x, data.n, data.p, w);
  const chol = choleskyDecompose(xtwx, data.p, 1e-14);
  if (!chol.ok) return err(collinear(data, chol.column));
  return ok(choleskyInverse(chol.l, data.p));
}

function fitWarnings(data: CountModelData, state: IrlsState): string[] {
  const warnings: string[] = [];
  if (!state.converged) warnings.push(`the fit did not converge in ${state.iterations} iterations; estimates are unreliable`);
  let tiny = 0;
  for (let i = 0; i < data.n; i++) if (state.mu[i]! < 1e-8) tiny++;
  if (tiny > 0) warnings.push(`${tiny} fitted mean(s) are numerically 0: some term is driven by all-zero counts and its estimate is not finite in theory`);
  return warnings;
}

/** Fits a Poisson log-linear model. Errors: a collinear term (named). Non-convergence is a warning. */
export function fitPoisson(data: CountModelData, options: CountModelOptions = {}): Result<CountModelFit, StatsError> {
  const state = irls(data, 0, null, options.maxIterations ?? 100, options.tolerance ?? 1e-10);
  if (!state.ok) return state;
  const cov = modelCovariance(data, state.value.mu, 0);
  if (!cov.ok) return cov;
  const s = state.value;
  return ok({ family: 'poisson', alpha: 0, alphaMethod: null, beta: s.beta, covariance: cov.value, mu: s.mu, deviance: s.deviance, logLik: countLogLik(data.y, s.mu, 0), iterations: s.iterations, converged: s.converged, warnings: fitWarnings(data, s) });
}

const THETA_MAX = 1e8; // theta = 1/alpha beyond this is the Poisson boundary

/**
 * Maximum-likelihood NB2 shape theta = 1/alpha for fixed means, by Newton's method on log(theta)
 * (the score and information of MASS::theta.ml, Venables & Ripley 2002). Returns Infinity at the
 * Poisson boundary (no overdispersion: the likelihood keeps rising with theta).
 */
export function estimateThetaMl(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  const n = y.length;
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += (y[i]! / mu[i]! - 1) ** 2;
  let t = Math.log(s0 > 0 ? n / s0 : 1);
  for (let it = 0; it < 100; it++) {
    const theta = Math.exp(t);
    let score = 0;
    let info = 0;
    const dgT = digamma(theta);
    const tgT = trigamma(theta);
    for (let i = 0; i < n; i++) {
      const yi = y[i]!;
      const mi = mu[i]!;
      score += digamma(yi + theta) - dgT + Math.log(theta) + 1 - Math.log(theta + mi) - (yi + theta) / (mi + theta);
      info += -trigamma(yi + theta) + tgT - 1 / theta + 2 / (mi + theta) - (yi + theta) / (mi + theta) ** 2;
    }
    const d1 = theta * score; // d loglik / d t
    const d2 = -theta * theta * info + theta * score;
    let step = d2 < 0 ? -d1 / d2 : Math.sign(d1);
    step = Math.max(-3, Math.min(3, step));
    t += step;
    if (Math.exp(t) > THETA_MAX) return Number.POSITIVE_INFINITY;
    if (Math.abs(step) < 1e-10) break;
  }
  return Math.exp(t);
}

/**
 * Cameron & Trivedi's moment estimator of the NB2 alpha for fixed means: the no-intercept OLS
 * slope of ((y - mu)^2 - y) / mu on mu, alpha = sum((y - mu)^2 - y) / sum(mu^2), floored at 0
 * (Cameron & Trivedi 2013, Regression Analysis of Count Data, 2nd ed., section 3.2).
 */
export function estimateAlphaMoments(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    num += (y[i]! - mu[i]!) ** 2 - y[i]!;
    den += mu[i]! ** 2;
  }
  return den > 0 ? Math.max(0, num / den) : 0;
}

/**
 * Fits an NB2 log-linear model: Poisson start, then alternate alpha (ML or moments) given the
 * means and beta given alpha, until the log-likelihood changes by less than 1e-9 (at most 25
 * rounds). At the Poisson boundary alpha = 0 and the fit equals the Poisson fit (with a note).
 * Errors: a collinear term (named).
 */
export function fitNegativeBinomial(data: CountModelData, options: CountModelOptions = {}): Result<CountModelFit, StatsError> {
  const maxIt = options.maxIterations ?? 100;
  const tol = options.tolerance ?? 1e-10;
  const method = options.alphaMethod ?? 'ml';
  const first = irls(data, 0, null, maxIt, tol);
  if (!first.ok) return first;
  let state = first.value;
  let alpha = 0;
  let ll = countLogLik(data.y, state.mu, 0);
  let iterations = state.iterations;
  let converged = false;
  for (let round = 0; round < 25; round++) {
    const next = method === 'ml' ? 1 / estimateThetaMl(data.y, state.mu) : estimateAlphaMoments(data.y, state.mu);
    const refit = irls(data, next, state.beta, maxIt, tol);
    if (!refit.ok) return refit;
    const nextLl = countLogLik(data.y, refit.value.mu, next);
    iterations += refit.value.iterations;
    const done = Math.abs(nextLl - ll) < 1e-9 * (1 + Math.abs(ll)) && Math.abs(next - alpha) <= 1e-8 * (1 + alpha);
    alpha = next;
    state = refit.value;
    ll = nextLl;
    if (done) {
      converged = refit.value.converged;
      break;
    }
  }
  const cov = modelCovariance(data, state.mu, alpha);
  if (!cov.ok) return cov;
  const warnings = fitWarnings(data, { ...state, converged });
  if (alpha === 0) warnings.push('no overdispersion beyond Poisson was found (alpha = 0): the negative binomial fit equals the Poisson fit');
  return ok({ family: 'negative-binomial', alpha, alphaMethod: method, beta: state.beta, covariance: cov.value, mu: state.mu, deviance: countDeviance(data.y, state.mu, alpha), logLik: ll, iterations, converged, warnings });
}
