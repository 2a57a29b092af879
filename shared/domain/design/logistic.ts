/**
 * Logistic regression by IRLS (Newton-Raphson on the binomial log-likelihood; McCullagh &
 * Nelder 1989, section 4.4), for propensity scores: P(target | covariates) = 1 / (1 + exp(-x b)),
 * with an intercept added. Reports convergence and warns about (quasi-)complete separation, where
 * maximum-likelihood estimates do not exist and scores pile up at 0 or 1 (Albert & Anderson 1984).
 */
import { err, ok, type Result } from '../../base/result';
import { choleskyDecompose, choleskyInverse, choleskySolve, matVec, weightedCrossProducts } from '../evaluation/linalg';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

export interface LogisticFit {
  /** Coefficients: intercept first, then one per column, on the columns' own scale. */
  readonly coefficients: Float64Array;
  readonly se: Float64Array;
  readonly names: readonly string[];
  /** Fitted probability and its logit, per unit. */
  readonly probability: Float64Array;
  readonly logit: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly logLik: number;
  readonly warnings: readonly string[];
}

/**
 * Fits logit P(y = 1) = b0 + sum_k b_k x_k. Columns are centred and scaled internally for
 * numerical stability; coefficients are returned on the original scale. Converged when the
 * log-likelihood changes by less than 1e-10 relative (at most `maxIterations`, default 50).
 * Errors: length mismatch, non-finite values (named), a constant or collinear column (named), or
 * y all 0 or all 1.
 */
export function fitLogistic(names: readonly string[], columns: readonly ArrayLike<number>[], y: Uint8Array, maxIterations = 50): Result<LogisticFit, StatsError> {
  const n = y.length;
  const p = columns.length + 1;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += y[i] ? 1 : 0;
  if (ones === 0 || ones === n) return err(invalidArgument('treated', `${ones} of ${n} units`, 'both targets and comparisons to fit a propensity model'));
  const center = new Float64Array(p);
  const scale = new Float64Array(p).fill(1);
  for (let k = 0; k < columns.length; k++) {
    const col = columns[k]!;
    const name = names[k] ?? `column ${k + 1}`;
    if (col.length !== n) return err(invalidArgument(name, `${col.length} values`, `${n} values, one per unit`));
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i]!)) return err(invalidArgument(`${name} (unit ${i + 1})`, col[i], 'a finite number'));
      s += col[i]!;
    }
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i]! - m) ** 2;
    const sd = Math.sqrt(ss / Math.max(1, n - 1));
    if (!(sd > 0)) return err({ kind: 'collinear', term: name, message: 'this covariate is constant, so it cannot enter the propensity model' });
    center[k + 1] = m;
    scale[k + 1] = sd;
  }
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i * p] = 1;
    for (let k = 1; k < p; k++) x[i * p + k] = (columns[k - 1]![i]! - center[k]!) / scale[k]!;
  }
  const allNames = ['(intercept)', ...names];
  let beta: Float64Array = new Float64Array(p);
  beta[0] = Math.log(ones / (n - ones));
  let ll = Number.NEGATIVE_INFINITY;
  let converged = false;
  let iterations = 0;
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  let lastChol: Float64Array | null = null;
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    const eta = matVec(x, n, p, beta);
    for (let i = 0; i < n; i++) {
      const pr = 1 / (1 + Math.exp(-eta[i]!));
      const v = Math.max(pr * (1 - pr), 1e-12);
      w[i] = v;
      z[i] = eta[i]! + ((y[i] ? 1 : 0) - pr) / v;
    }
    const { xtwx, xtwz } = weightedCrossProducts(x, n, p, w, z);
    const chol = choleskyDecompose(xtwx, p);
    if (!chol.ok) return err({ kind: 'collinear', term: allNames[chol.column] ?? `column ${chol.column}`, message: 'this covariate is a combination of the others (or separates the groups perfectly), so the propensity model cannot be fitted' });
    lastChol = chol.l;
    let next: Float64Array = choleskySolve(chol.l, p, xtwz);
    let nextLl = logLik(x, n, p, next, y);
    for (let h = 0; h < 30 && !(nextLl >= ll - 1e-12 * Math.abs(ll)); h++) {
      next = next.map((b, j) => 0.5 * (b + beta[j]!));
      nextLl = logLik(x, n, p, next, y);
    }
    const change = Math.abs(nextLl - ll) / (Math.abs(nextLl) + 0.1);
    beta = next;
    ll = nextLl;
    if (change < 1e-10) {
      converged = true;
      break;
    }
  }
  const eta = matVec(x, n, p, beta);
  const probability = new Float64Array(n);
  let extreme = 0;
  for (let i = 0; i < n; i++) {
    probability[i] = 1 / (1 + Math.exp(-eta[i]!));
    if (probability[i]! < 1e-8 || probability[i]! > 1 - 1e-8) extreme++;
  }
  const cov = lastChol ? choleskyInverse(lastChol, p) : new Float64Array(p * p);
  // Back to the original scale: b_k = b'_k / s_k, b_0 = b'_0 - sum b'_k m_k / s_k.
  const coefficients = new Float64Array(p);
  const se = new Float64Array(p);
  let b0 = beta[0]!;
  for (let k = 1; k < p; k++) {
    coefficients[k] = beta[k]! / scale[k]!;
    se[k] = Math.sqrt(cov[k * p + k]!) / scale[k]!;
    b0 -= (beta[k]! * center[k]!) / scale[k]!;
  }
  coefficients[0] = b0;
  // SE of the intercept on the original scale: gradient g = (1, -m_1/s_1, ...) on the scaled fit.
  let v0 = 0;
  const g = new Float64Array(p).map((_, k) => (k === 0 ? 1 : -center[k]! / scale[k]!));
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) v0 += g[a]! * cov[a * p + b]! * g[b]!;
  se[0] = Math.sqrt(Math.max(0, v0));
  const warnings: string[] = [];
  if (!converged) warnings.push(`the propensity model did not converge in ${iterations} iterations`);
  if (extreme > 0) warnings.push(`${extreme} unit(s) have propensity scores of 0 or 1: the covariates (nearly) separate targets from comparisons, so matching on the score is unreliable`);
  return ok({ coefficients, se, names: allNames, probability, logit: eta, iterations, converged, logLik: ll, warnings });
}

function logLik(x: Float64Array, n: number, p: number, beta: ArrayLike<number>, y: Uint8Array): number {
  const eta = matVec(x, n, p, beta);
  let ll = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    // log(1 + exp(e)) computed stably
    const softplus = e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
    ll += (y[i] ? e : 0) - softplus;
  }
  return ll;
}
