/**
 * One matching run as a report people can check elsewhere: the covariate table of every unit,
 * the pairs (or synthetic-control weights with their pre-period fit), the balance table before
 * and after (balance.ts: SMD with s* from the unmatched sample, variance ratios, flags) and the
 * unmatched targets with the reason in words. Used by `spi design match` (grid cells of a
 * project, or a CSV of units) and by the design panel. The matching sample is the targets and
 * the eligible comparisons: ineligible units (inside a buffer, too close) appear in the
 * covariate table only, never in the covariance, the pool or the balance table.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { computeBalance, type BalanceTable, type SmdDenominator } from './balance';
import { matchUnits, type MatchingResult, type UnmatchedReason } from './matching';
import { computeSyntheticWeights, type SyntheticTargetFit } from './synthetic-weights';

export type MatchMethod = 'mahalanobis' | 'propensity' | 'synthetic';

export interface MatchReportInput {
  /** Per unit: its id (shown in pairs and tables). */
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** One column per covariate, one value per unit. */
  readonly columns: readonly ArrayLike<number>[];
  /** Per unit: 1 target, 0 candidate comparison. */
  readonly treated: Uint8Array;
  /** Per unit: 0 = never a comparison. Default all 1. */
  readonly eligible?: Uint8Array;
  /** Exact matching: a category per unit (labels[code]; -1 = none) and what it is called. */
  readonly exact?: { readonly name: string; readonly codes: Int32Array; readonly labels: readonly string[] };
  /** Synthetic method: the predictors (default: the covariates), e.g. the monthly counts. */
  readonly predictors?: { readonly names: readonly string[]; readonly columns: readonly ArrayLike<number>[] };
}

export interface MatchReportOptions {
  readonly method: MatchMethod;
  readonly pairing?: 'greedy' | 'optimal';
  readonly ratio?: number;
  readonly replace?: boolean;
  /** In SDs of the distance (matching.ts); none by default. */
  readonly caliper?: number;
  readonly denominator?: SmdDenominator;
  /** Leave collinear covariates out of the distance instead of failing; default true. */
  readonly dropCollinear?: boolean;
  /** Propensity matching on the logit (default) or the probability scale (R MatchIt's default). */
  readonly scoreScale?: 'logit' | 'probability';
  /** Variance of 0/1 covariates in s*: n-1 sample variance (default) or p(1 - p) (R MatchIt's convention). */
  readonly binaryVariance?: 'sample' | 'proportion';
}

export interface MatchPair {
  readonly target: string;
  readonly comparison: string;
  readonly distance: number;
  readonly round: number;
}

export interface SyntheticReportFit {
  /** Target id, or "(mean of targets)". */
  readonly target: string;
  readonly rmse: number;
  readonly weights: readonly { readonly unit: string; readonly weight: number }[];
  readonly series: readonly number[];
  readonly synthetic: readonly number[];
}

export interface MatchReport {
  readonly method: MatchMethod;
  readonly nTargets: number;
  /** Eligible comparisons (the pool). */
  readonly nPool: number;
  readonly pairs: readonly MatchPair[];
  readonly synthetic: { readonly perTarget: readonly SyntheticReportFit[]; readonly pooled: SyntheticReportFit; readonly convention: string } | null;
  /** Per unit (input order): matching weight (0 = not in the matched sample). */
  readonly weights: Float64Array;
  /** null with fewer than 2 targets or comparisons (no SDs to standardize by; a warning says so). */
  readonly balance: BalanceTable | null;
  readonly unmatched: readonly { readonly target: string; readonly reason: UnmatchedReason; readonly explanation: string }[];
  readonly matching: MatchingResult | null;
  readonly warnings: readonly string[];
  readonly convention: string;
}

/** Runs the matching and builds the report. Errors: the matching, synthetic and balance errors (named). */
export function computeMatchReport(input: MatchReportInput, options: MatchReportOptions): Result<MatchReport, StatsError> {
  const n = input.treated.length;
  if (input.ids.length !== n) return err(invalidArgument('ids', `${input.ids.length} ids`, `${n}, one per unit`));
  if (input.eligible && input.eligible.length !== n) return err(invalidArgument('eligible', `${input.eligible.length} values`, `${n}, one per unit`));
  // The matching sample: targets and eligible comparisons, in input order.
  const sample: number[] = [];
  for (let i = 0; i < n; i++) if (input.treated[i] || !input.eligible || input.eligible[i]) sample.push(i);
  const sub = (col: ArrayLike<number>) => Float64Array.from(sample, (i) => col[i]!);
  const columns = input.columns.map(sub);
  const treated = Uint8Array.from(sample, (i) => input.treated[i]!);
  let nTargets = 0;
  for (const t of treated) nTargets += t;
  const weights = new Float64Array(n);
  const warnings: string[] = [];
  let pairs: MatchPair[] = [];
  let synthetic: MatchReport['synthetic'] = null;
  let matching: MatchingResult | null = null;
  let unmatched: MatchReport['unmatched'] = [];
  let sampleWeights: Float64Array;
  let convention: string;
  if (options.method === 'synthetic') {
    const pred = input.predictors ?? { names: input.names, columns: input.columns };
    const fit = computeSyntheticWeights({ columns: pred.columns.map(sub), treated }, pred.names);
    if (!fit.ok) return fit;
    const f = fit.value;
    const toReport = (t: SyntheticTargetFit): SyntheticReportFit => ({
      target: t.target < 0 ? '(mean of targets)' : input.ids[sample[t.target]!]!,
      rmse: t.rmse,
      weights: Array.from(t.units, (u, q) => ({ unit: input.ids[sample[u]!]!, weight: t.weights[q]! })),
      series: Array.from(t.series),
      synthetic: Array.from(t.synthetic),
    });
    synthetic = { perTarget: f.perTarget.map(toReport), pooled: toReport(f.pooled), convention: f.convention };
    for (const t of f.perTarget) for (const w of t.warnings) warnings.push(`${input.ids[sample[t.target]!]}: ${w}`);
    sampleWeights = f.unitWeights;
    convention = f.convention;
  } else {
    const m = matchUnits(
      { names: input.names, columns, treated, exact: input.exact ? Int32Array.from(sample, (i) => input.exact!.codes[i]!) : undefined },
      { method: options.method, pairing: options.pairing, ratio: options.ratio, replace: options.replace, caliper: options.caliper, dropCollinear: options.dropCollinear ?? true, scoreScale: options.scoreScale },
    );
    if (!m.ok) return m;
    matching = m.value;
    const r = m.value;
    pairs = Array.from(r.pairs.treated, (t, k) => ({ target: input.ids[sample[t]!]!, comparison: input.ids[sample[r.pairs.control[k]!]!]!, distance: r.pairs.distance[k]!, round: r.pairs.round[k]! }));
    unmatched = Array.from(r.unmatched.unit, (t, k) => {
      const reason = r.unmatched.reason[k]!;
      const code = input.exact?.codes[sample[t]!] ?? -1;
      const explanation =
        reason === 'no-comparison-in-category'
          ? `no eligible comparison in the same ${input.exact?.name ?? 'category'} (${code >= 0 ? input.exact!.labels[code] : 'none'})`
          : reason === 'none-within-caliper'
            ? `no comparison within the caliper (${r.caliperDistance?.toPrecision(4)} in distance units)`
            : 'every comparison within reach was already used by other targets (allow replacement, loosen the caliper or enlarge the pool)';
      return { target: input.ids[sample[t]!]!, reason, explanation };
    });
    warnings.push(...r.warnings);
    sampleWeights = r.weights;
    convention = r.convention;
  }
  sample.forEach((i, k) => (weights[i] = sampleWeights[k]!));
  let balance: BalanceTable | null = null;
  if (nTargets >= 2 && sample.length - nTargets >= 2) {
    const b = computeBalance({ names: input.names, columns, treated, weights: sampleWeights, denominator: options.denominator, binaryVariance: options.binaryVariance });
    if (!b.ok) return b;
    balance = b.value;
  } else warnings.push('no balance table: standardized differences need at least 2 targets and 2 comparisons');
  return ok({ method: options.method, nTargets, nPool: sample.length - nTargets, pairs, synthetic, weights, balance, unmatched, matching, warnings, convention });
}
