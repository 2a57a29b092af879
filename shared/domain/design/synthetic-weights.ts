/**
 * Synthetic-control weights for a design (Abadie, Diamond & Hainmueller 2010, JASA 105): for
 * each target, non-negative weights over the comparison pool, summing to 1, whose weighted
 * pre-period series reproduces the target's as closely as possible in least squares,
 *   w_t = argmin_w sum_m (y_tm - sum_j w_j x_jm)^2,  w >= 0, sum w = 1,
 * solved exactly by the active-set method of shared/domain/evaluation/synthetic.ts (reused, not
 * re-implemented). Every predictor has weight 1 (no V matrix): give predictors on one scale, such
 * as the monthly pre-period counts. Also fitted: the pooled target (the mean of the targets'
 * series), the usual single synthetic comparison for several treated places.
 * The fit is reported as the pre-period RMSE sqrt(mean_m (y_m - yhat_m)^2), in the predictors'
 * units (crimes per month for monthly counts).
 */
import { err, ok, type Result } from '../../base/result';
import { computeSyntheticControl } from '../evaluation/synthetic';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

export interface SyntheticWeightsInput {
  /** One column per predictor (month), one value per unit (targets and pool together). */
  readonly columns: readonly ArrayLike<number>[];
  /** Per unit: 1 target, 0 candidate comparison. */
  readonly treated: Uint8Array;
  /** Per unit: 0 = may not be used (inside a buffer...). Default all 1. */
  readonly eligible?: Uint8Array;
}

/** One fit: its non-zero weights (unit indices and weights, largest first) and the fit. */
export interface SyntheticTargetFit {
  /** The target's unit index, or -1 for the pooled (mean) target. */
  readonly target: number;
  readonly units: Int32Array;
  readonly weights: Float64Array;
  /** Target and synthetic series over the predictors. */
  readonly series: Float64Array;
  readonly synthetic: Float64Array;
  readonly rmse: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

export interface SyntheticWeights {
  readonly perTarget: readonly SyntheticTargetFit[];
  readonly pooled: SyntheticTargetFit;
  /** Per unit: 1 for targets; for comparisons the sum of their weights over the targets (the
   * weights of the balance table, summing to the number of targets); 0 for unused units. */
  readonly unitWeights: Float64Array;
  readonly donors: number;
  readonly convention: string;
}

export const SYNTHETIC_CONVENTION =
  'synthetic control weights (Abadie, Diamond & Hainmueller 2010): per target w >= 0, sum w = 1, minimizing the squared pre-period gap over the predictors with equal predictor weights; exact active-set solution (Lawson & Hanson 1974); fit = pre-period RMSE';

/**
 * Fits weights for every target and for the mean target. Errors: no predictors, columns of the
 * wrong length or non-finite values (named by column and unit), fewer than 2 eligible
 * comparisons, no target.
 */
export function computeSyntheticWeights(input: SyntheticWeightsInput, names?: readonly string[]): Result<SyntheticWeights, StatsError> {
  const n = input.treated.length;
  const p = input.columns.length;
  if (p === 0) return err(invalidArgument('predictors', 'none', 'at least one pre-period predictor (e.g. the monthly counts)'));
  for (let k = 0; k < p; k++) {
    const col = input.columns[k]!;
    const name = names?.[k] ?? `predictor ${k + 1}`;
    if (col.length !== n) return err(invalidArgument(name, `${col.length} values`, `${n} values, one per unit`));
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i]!)) return err(invalidArgument(`${name} (unit ${i + 1})`, col[i], 'a finite number'));
  }
  if (input.eligible && input.eligible.length !== n) return err(invalidArgument('eligible', `${input.eligible.length} values`, `${n}, one per unit`));
  const targets: number[] = [];
  const donors: number[] = [];
  for (let i = 0; i < n; i++) {
    if (input.treated[i]) targets.push(i);
    else if (!input.eligible || input.eligible[i]) donors.push(i);
  }
  if (targets.length === 0) return err(invalidArgument('treated', 'no targets', 'at least one target unit'));
  if (donors.length < 2) return err(invalidArgument('treated', `${donors.length} eligible comparisons`, 'at least 2 eligible comparison units'));
  const nd = donors.length;
  const matrix = new Float64Array(nd * p);
  for (let d = 0; d < nd; d++) for (let k = 0; k < p; k++) matrix[d * p + k] = input.columns[k]![donors[d]!]!;
  const fitOne = (target: number, series: Float64Array): Result<SyntheticTargetFit, StatsError> => {
    const fit = computeSyntheticControl({ treated: series, donors: matrix, nDonors: nd, preMonths: p });
    if (!fit.ok) return fit;
    const f = fit.value;
    const nz: number[] = [];
    for (let d = 0; d < nd; d++) if (f.weights[d]! > 0) nz.push(d);
    nz.sort((a, b) => f.weights[b]! - f.weights[a]! || a - b);
    return ok({
      target,
      units: Int32Array.from(nz, (d) => donors[d]!),
      weights: Float64Array.from(nz, (d) => f.weights[d]!),
      series,
      synthetic: f.synthetic,
      rmse: f.preRmspe,
      converged: f.converged,
      warnings: f.warnings,
    });
  };
  const perTarget: SyntheticTargetFit[] = [];
  const unitWeights = new Float64Array(n);
  const mean = new Float64Array(p);
  for (const t of targets) {
    const series = Float64Array.from({ length: p }, (_, k) => input.columns[k]![t]!);
    for (let k = 0; k < p; k++) mean[k] = mean[k]! + series[k]! / targets.length;
    const f = fitOne(t, series);
    if (!f.ok) return f;
    perTarget.push(f.value);
    unitWeights[t] = 1;
    f.value.units.forEach((u, q) => (unitWeights[u] = unitWeights[u]! + f.value.weights[q]!));
  }
  const pooled = fitOne(-1, mean);
  if (!pooled.ok) return pooled;
  return ok({ perTarget, pooled: pooled.value, unitWeights, donors: nd, convention: SYNTHETIC_CONVENTION });
}
