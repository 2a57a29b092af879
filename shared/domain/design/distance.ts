/**
 * Mahalanobis distance for matching (Rubin 1980, "Bias reduction using Mahalanobis-metric
 * matching", Biometrics 36): d(i, j) = sqrt((x_i - x_j)^T S^-1 (x_i - x_j)). With S = L L^T
 * (Cholesky), d is the Euclidean distance between whitened points z = L^-1 x, so each unit is
 * whitened once and a distance costs p multiply-adds.
 */
import { err, ok, type Result } from '../../base/result';
import { choleskyDecompose, forwardSolve } from '../evaluation/linalg';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

/**
 * 'pooled': the covariance of all units given (targets and pool together, before matching);
 * 'within': the pooled within-group covariance ((n_t - 1) S_t + (n_c - 1) S_c) / (n - 2).
 */
export type CovarianceKind = 'pooled' | 'within';

/**
 * Whitened covariates, row-major n x p: row i is L^-1 (x_i - mean). Errors: columns of the wrong
 * length or non-finite values (named), or a covariate that is constant or a linear combination of
 * others (named, e.g. a total beside its monthly counts), which makes S singular.
 */
export function whitenCovariates(
  names: readonly string[],
  columns: readonly ArrayLike<number>[],
  treated: Uint8Array,
  kind: CovarianceKind = 'pooled',
): Result<Float64Array, StatsError> {
  const n = treated.length;
  const p = columns.length;
  if (p === 0) return err(invalidArgument('covariates', 'none', 'at least one covariate'));
  for (let k = 0; k < p; k++) {
    const col = columns[k]!;
    if (col.length !== n) return err(invalidArgument(names[k] ?? `covariate ${k + 1}`, `${col.length} values`, `${n} values, one per unit`));
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i]!)) return err(invalidArgument(`${names[k]} (unit ${i + 1})`, col[i], 'a finite number'));
  }
  const groups = kind === 'within' ? 2 : 1;
  const means = new Float64Array(groups * p);
  const counts = new Float64Array(groups);
  const group = (i: number) => (kind === 'within' && treated[i] ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const g = group(i);
    counts[g] = counts[g]! + 1;
    for (let k = 0; k < p; k++) means[g * p + k] = means[g * p + k]! + columns[k]![i]!;
  }
  for (let g = 0; g < groups; g++) for (let k = 0; k < p; k++) means[g * p + k] = means[g * p + k]! / Math.max(1, counts[g]!);
  const cov = new Float64Array(p * p);
  const d = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const g = group(i);
    for (let k = 0; k < p; k++) d[k] = columns[k]![i]! - means[g * p + k]!;
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) cov[a * p + b] = cov[a * p + b]! + d[a]! * d[b]!;
  }
  const df = n - groups;
  if (df < 1) return err(invalidArgument('units', n, 'more units than groups to estimate a covariance'));
  for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) cov[a * p + b] = cov[a * p + b]! / df;
  const chol = choleskyDecompose(cov, p, 1e-12);
  if (!chol.ok) {
    return err({ kind: 'collinear', term: names[chol.column] ?? `covariate ${chol.column + 1}`, message: 'this covariate is constant or a linear combination of the others (e.g. a total beside its monthly counts); drop it for Mahalanobis matching' });
  }
  const z = new Float64Array(n * p);
  const row = new Float64Array(p);
  const mean0 = means.subarray(0, p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) row[k] = columns[k]![i]! - mean0[k]!;
    z.set(forwardSolve(chol.l, p, row), i * p);
  }
  return ok(z);
}

/**
 * Squared Euclidean distance between rows i and j of a row-major n x p matrix. Stops early and
 * returns the partial sum once it exceeds `bound` (any value > bound means "farther than bound").
 */
export function rowSquaredDistance(z: Float64Array, p: number, i: number, j: number, bound = Number.POSITIVE_INFINITY): number {
  let s = 0;
  const a = i * p;
  const b = j * p;
  for (let k = 0; k < p; k++) {
    const d = z[a + k]! - z[b + k]!;
    s += d * d;
    if (s > bound) return s;
  }
  return s;
}
