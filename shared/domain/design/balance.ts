/**
 * Covariate balance between targets and comparisons, before and after matching, as published
 * balance tables report it (Austin 2009, "Balance diagnostics for comparing the distribution of
 * baseline covariates between treatment groups in propensity-score matched samples", Statistics
 * in Medicine 28; Stuart 2010, Statistical Science 25(1)).
 *   SMD = (mean_t - mean_c) / s*,  s* computed ONCE on the unmatched sample and reused after
 *   matching: pooled s* = sqrt((s_t^2 + s_c^2) / 2), or for the ATT s* = s_t (sample SDs, n - 1).
 *   Variance ratio VR = s_t^2 / s_c^2.
 * Flags: |SMD| >= 0.1 and VR outside [0.5, 2] (Rubin 2001; Austin 2009).
 * Matched (weighted) variances use the reliability-weight correction
 *   var_w = sum w (x - m)^2 * sum w / ((sum w)^2 - sum w^2),
 * which is the usual n - 1 variance when every weight is 1 (as R's cobalt computes it).
 * Option `binaryVariance: 'proportion'` gives 0/1 covariates the variance p(1 - p) of their
 * (weighted) proportion instead, as R's MatchIt summary() and cobalt do for binary variables, so
 * SMDs match their tables exactly (docs/design.md, "Comparison with MatchIt").
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

/** 'pooled': s* = sqrt((s_t^2 + s_c^2)/2); 'treated' (ATT): s* = s_t. */
export type SmdDenominator = 'pooled' | 'treated';

export interface GroupMoments {
  readonly n: number;
  /** Sum of weights (n when unweighted). */
  readonly weight: number;
  readonly mean: number;
  /** Sample variance (n - 1, or the reliability-weight correction); null with < 2 units. */
  readonly variance: number | null;
}

/** Weighted mean and variance of `x` over units where `include(i)` and w_i > 0 (w default 1). */
export function computeGroupMoments(x: ArrayLike<number>, include: (i: number) => boolean, w?: ArrayLike<number>): GroupMoments {
  let n = 0;
  let sw = 0;
  let sw2 = 0;
  let sx = 0;
  for (let i = 0; i < x.length; i++) {
    if (!include(i)) continue;
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    n++;
    sw += wi;
    sw2 += wi * wi;
    sx += wi * x[i]!;
  }
  const mean = sw > 0 ? sx / sw : Number.NaN;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    if (!include(i)) continue;
    const wi = w ? w[i]! : 1;
    if (wi > 0) ss += wi * (x[i]! - mean) ** 2;
  }
  const den = sw * sw - sw2;
  return { n, weight: sw, mean, variance: den > 1e-12 * sw * sw ? (ss * sw) / den : null };
}

/**
 * SMD of two plain samples with s* from the same samples (the DOMAIN.md check: treated
 * (10,12,14), control (8,9,10,11) -> pooled 1.4852, treated-SD 1.25). Returns null when s* is 0
 * or a group has fewer than 2 values.
 */
export function computeSmd(treated: ArrayLike<number>, control: ArrayLike<number>, denominator: SmdDenominator = 'pooled'): number | null {
  const t = computeGroupMoments(treated, () => true);
  const c = computeGroupMoments(control, () => true);
  const s = sStar(t, c, denominator);
  return s === null ? null : (t.mean - c.mean) / s;
}

function sStar(t: GroupMoments, c: GroupMoments, denominator: SmdDenominator): number | null {
  if (t.variance === null || (denominator === 'pooled' && c.variance === null)) return null;
  const s = denominator === 'treated' ? Math.sqrt(t.variance) : Math.sqrt((t.variance + (c.variance ?? 0)) / 2);
  return s > 0 ? s : null;
}

export interface BalanceInput {
  readonly names: readonly string[];
  /** One column per covariate, each with one value per unit. */
  readonly columns: readonly ArrayLike<number>[];
  /** Per unit: 1 target, 0 comparison (pool). */
  readonly treated: Uint8Array;
  /** Matching weights per unit (0 = not in the matched sample); omit for the unmatched table only. */
  readonly weights?: ArrayLike<number>;
  readonly denominator?: SmdDenominator;
  /** |SMD| at or above this is flagged; default 0.1. */
  readonly smdThreshold?: number;
  /**
   * Variance of a covariate whose values are all 0 or 1: 'sample' (default) the n - 1 (or
   * reliability-weighted) variance like any other; 'proportion' p(1 - p) with p the group's
   * (weighted) mean, R MatchIt's and cobalt's convention. Used for s* and the variance ratio.
   */
  readonly binaryVariance?: 'sample' | 'proportion';
}

export interface BalanceSide {
  readonly meanTreated: number;
  readonly meanControl: number;
  readonly varianceTreated: number | null;
  readonly varianceControl: number | null;
  /** null when s* is 0 (a constant covariate) or undefined. */
  readonly smd: number | null;
  readonly varianceRatio: number | null;
  readonly smdFlag: boolean;
  readonly varianceRatioFlag: boolean;
}

export interface BalanceRow {
  readonly name: string;
  /** The denominator, from the unmatched sample, shown in the table. */
  readonly sStar: number | null;
  readonly before: BalanceSide;
  readonly after: BalanceSide | null;
}

export interface BalanceTable {
  readonly rows: readonly BalanceRow[];
  readonly denominator: SmdDenominator;
  readonly smdThreshold: number;
  readonly nTreated: number;
  readonly nControl: number;
  /** Units with weight > 0 after matching (null without weights). */
  readonly nTreatedMatched: number | null;
  readonly nControlMatched: number | null;
  readonly convention: string;
}

/**
 * Builds the balance table. Errors: columns of the wrong length or with non-finite values (named
 * by covariate and unit), names not matching columns, fewer than 2 targets or comparisons, or
 * negative weights.
 */
export function computeBalance(input: BalanceInput): Result<BalanceTable, StatsError> {
  const n = input.treated.length;
  const denominator = input.denominator ?? 'pooled';
  const threshold = input.smdThreshold ?? 0.1;
  if (input.names.length !== input.columns.length) return err(invalidArgument('names', `${input.names.length} names`, `one per column (${input.columns.length})`));
  for (let k = 0; k < input.columns.length; k++) {
    const col = input.columns[k]!;
    const name = input.names[k]!;
    if (col.length !== n) return err(invalidArgument(name, `${col.length} values`, `${n} values, one per unit`));
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i]!)) return err(invalidArgument(`${name} (unit ${i + 1})`, col[i], 'a finite number'));
  }
  if (input.weights) {
    if (input.weights.length !== n) return err(invalidArgument('weights', `${input.weights.length} values`, `${n} values, one per unit`));
    for (let i = 0; i < n; i++) if (!(input.weights[i]! >= 0)) return err(invalidArgument(`weights (unit ${i + 1})`, input.weights[i], 'a weight >= 0'));
  }
  let nt = 0;
  for (let i = 0; i < n; i++) nt += input.treated[i] ? 1 : 0;
  if (nt < 2 || n - nt < 2) return err(invalidArgument('treated', `${nt} targets and ${n - nt} comparisons`, 'at least 2 of each to estimate standard deviations'));
  const isT = (i: number) => input.treated[i] === 1;
  const isC = (i: number) => input.treated[i] !== 1;
  const rows: BalanceRow[] = input.columns.map((col, k) => {
    const proportion = input.binaryVariance === 'proportion' && isBinary(col);
    const moments = (include: (i: number) => boolean, w?: ArrayLike<number>): GroupMoments => {
      const m = computeGroupMoments(col, include, w);
      return proportion && m.n > 0 ? { ...m, variance: m.mean * (1 - m.mean) } : m;
    };
    const t = moments(isT);
    const c = moments(isC);
    const s = sStar(t, c, denominator);
    const side = (tm: GroupMoments, cm: GroupMoments): BalanceSide => {
      const smd = s === null ? (tm.mean === cm.mean ? 0 : null) : (tm.mean - cm.mean) / s;
      const vr = tm.variance !== null && cm.variance !== null && cm.variance > 0 ? tm.variance / cm.variance : null;
      return {
        meanTreated: tm.mean,
        meanControl: cm.mean,
        varianceTreated: tm.variance,
        varianceControl: cm.variance,
        smd,
        varianceRatio: vr,
        smdFlag: smd === null || Math.abs(smd) >= threshold,
        varianceRatioFlag: vr !== null && (vr < 0.5 || vr > 2),
      };
    };
    const after = input.weights ? side(moments(isT, input.weights), moments(isC, input.weights)) : null;
    return { name: input.names[k]!, sStar: s, before: side(t, c), after };
  });
  let tm = 0;
  let cm = 0;
  if (input.weights) for (let i = 0; i < n; i++) if (input.weights[i]! > 0) (isT(i) ? tm++ : cm++);
  return ok({
    rows,
    denominator,
    smdThreshold: threshold,
    nTreated: nt,
    nControl: n - nt,
    nTreatedMatched: input.weights ? tm : null,
    nControlMatched: input.weights ? cm : null,
    convention: `SMD = (mean_t - mean_c)/s*, s* = ${denominator === 'pooled' ? 'sqrt((s_t² + s_c²)/2)' : 's_t (ATT)'} from the unmatched sample${input.binaryVariance === 'proportion' ? ', 0/1 covariates with variance p(1 - p)' : ''}; flags |SMD| >= ${threshold}, variance ratio outside 0.5-2 (Austin 2009)`,
  });
}

function isBinary(col: ArrayLike<number>): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== 0 && col[i] !== 1) return false;
  return true;
}
