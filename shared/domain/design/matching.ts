/**
 * Greedy (or, with pairing 'optimal', minimum-total-distance; optimal-matching.ts) nearest-neighbour matching of target units to comparison units (Rosenbaum & Rubin 1985,
 * "Constructing a control group using multivariate matched sampling methods that incorporate the
 * propensity score", The American Statistician 39; Stuart 2010, Statistical Science 25(1)).
 * Distances: Mahalanobis on the covariates (distance.ts), or the absolute difference of the
 * propensity score from a logistic regression (logistic.ts), on the logit scale by default or
 * the probability scale (`scoreScale`, R MatchIt's default). Calipers, 1:k, with or without
 * replacement, exact matching on a category. Works on columns: one typed array per covariate.
 *
 * The greedy order is documented and deterministic: 1:k runs in k rounds (every target gets its
 * first match, then its second, ...), as R's MatchIt does; within a round targets go in `order`;
 * each takes the nearest available comparison, ties broken by the lower unit index.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import type { CovarianceKind } from './distance';
import type { LogisticFit } from './logistic';
import { prepareMatchDistance } from './match-distance';
import { pairOptimally } from './optimal-matching';

export interface MatchingInput {
  readonly names: readonly string[];
  /** One column per covariate, one value per unit (targets and pool together). */
  readonly columns: readonly ArrayLike<number>[];
  /** Per unit: 1 target, 0 candidate comparison. */
  readonly treated: Uint8Array;
  /** Per unit: 0 = may not be used as a comparison (inside a buffer, too close...). Default all 1. */
  readonly eligible?: Uint8Array;
  /** Per unit category code (district, beat): targets match only within their category. */
  readonly exact?: Int32Array;
}

export interface MatchingOptions {
  readonly method: 'mahalanobis' | 'propensity';
  /** Comparisons per target (1:k), default 1. */
  readonly ratio?: number;
  /** Whether a comparison may serve several targets; default false. */
  readonly replace?: boolean;
  /**
   * Maximum distance of a match. In `caliperScale` 'sd' (default) units: SDs of the logit
   * propensity score over all units (Austin 2011 suggests 0.2), or for Mahalanobis SDs of the
   * distance over all target x eligible-comparison pairs; 'raw' = in distance units.
   */
  readonly caliper?: number;
  readonly caliperScale?: 'sd' | 'raw';
  /** Target order: 'data' (input order), 'largest' / 'smallest' propensity first. Default
   * 'largest' for propensity (MatchIt's default), 'data' for Mahalanobis. */
  readonly order?: 'data' | 'largest' | 'smallest';
  readonly covariance?: CovarianceKind;
  /** Propensity score scale of the distance: 'logit' (default) or 'probability' (MatchIt's
   * default; match-distance.ts). */
  readonly scoreScale?: 'logit' | 'probability';
  /**
   * 'greedy' (default) or 'optimal': the least total distance over all pairs (optimal-matching.ts,
   * Hungarian algorithm). With replacement every target simply takes its nearest, so both agree.
   */
  readonly pairing?: 'greedy' | 'optimal';
  /** Optimal pairing: candidates kept per target (default targets x ratio, the exact optimum). */
  readonly candidatesPerTarget?: number;
  /** Leave constant or collinear covariates out of the distance (listed) instead of failing. */
  readonly dropCollinear?: boolean;
}

/** Why a target has no match. */
export type UnmatchedReason = 'no-comparison-in-category' | 'none-within-caliper' | 'pool-exhausted';

export interface MatchingResult {
  readonly method: 'mahalanobis' | 'propensity';
  /** Columnar pairs, in the order they were made. */
  readonly pairs: { readonly treated: Int32Array; readonly control: Int32Array; readonly distance: Float64Array; readonly round: Int32Array };
  /** ATT weights per unit: 1 for matched targets; comparisons sum 1/k_i over their targets,
   * rescaled to sum to the number of distinct matched comparisons (MatchIt's convention); 0 else. */
  readonly weights: Float64Array;
  readonly matchedTreated: number;
  readonly unmatched: { readonly unit: Int32Array; readonly reason: readonly UnmatchedReason[] };
  /** The caliper in distance units (null when none). */
  readonly caliperDistance: number | null;
  readonly order: 'data' | 'largest' | 'smallest';
  readonly propensity: LogisticFit | null;
  readonly warnings: readonly string[];
  readonly convention: string;
  /** How pairs were chosen; 'greedy' whenever replacement is allowed. */
  readonly pairing: 'greedy' | 'optimal';
  /** Sum of the pair distances. */
  readonly totalDistance: number;
  /** Covariates left out of the distance by dropCollinear (still in any balance table). */
  readonly droppedCovariates: readonly string[];
  /** Optimal pairing: whether the exact optimum over the whole pool is guaranteed (null for greedy). */
  readonly globalOptimum: boolean | null;
}

/**
 * Matches every target to up to `ratio` comparisons. Errors: bad options (named), covariate
 * problems from the distance or propensity model (named), no targets or no eligible comparisons.
 * Targets left without any match are listed with the reason; with ratio > 1 a target may get
 * fewer than k matches when the pool runs out (a warning says how many).
 */
export function matchUnits(input: MatchingInput, options: MatchingOptions): Result<MatchingResult, StatsError> {
  const n = input.treated.length;
  const ratio = options.ratio ?? 1;
  if (!Number.isInteger(ratio) || ratio < 1) return err(invalidArgument('ratio', ratio, 'a whole number >= 1'));
  if (options.caliper !== undefined && !(options.caliper > 0)) return err(invalidArgument('caliper', options.caliper, 'a number > 0'));
  if (input.eligible && input.eligible.length !== n) return err(invalidArgument('eligible', `${input.eligible.length} values`, `${n}, one per unit`));
  if (input.exact && input.exact.length !== n) return err(invalidArgument('exact', `${input.exact.length} values`, `${n}, one per unit`));
  const targets: number[] = [];
  const pool: number[] = [];
  for (let i = 0; i < n; i++) {
    if (input.treated[i]) targets.push(i);
    else if (!input.eligible || input.eligible[i]) pool.push(i);
  }
  if (targets.length === 0) return err(invalidArgument('treated', 'no targets', 'at least one target unit'));
  if (pool.length === 0) return err(invalidArgument('treated', 'no eligible comparisons', 'at least one eligible comparison unit'));

  const dist = prepareMatchDistance(input.names, input.columns, input.treated, targets, pool, options);
  if (!dist.ok) return dist;
  const { sqDist, propensity, caliperDistance } = dist.value;
  const caliperSq = caliperDistance === null ? Number.POSITIVE_INFINITY : caliperDistance * caliperDistance;

  const order = options.order ?? (options.method === 'propensity' ? 'largest' : 'data');
  if (order !== 'data' && !propensity) return err(invalidArgument('order', order, "'data' for Mahalanobis matching (the other orders sort by propensity score)"));
  const sorted = [...targets];
  if (propensity) {
    const ps = propensity.probability;
    if (order === 'largest') sorted.sort((a, b) => ps[b]! - ps[a]! || a - b);
    else if (order === 'smallest') sorted.sort((a, b) => ps[a]! - ps[b]! || a - b);
  }

  const pairing = options.pairing === 'optimal' && !options.replace ? 'optimal' : 'greedy';
  let pt: number[];
  let pc: number[];
  let pd: number[];
  let pr: number[];
  let reasons: Map<number, UnmatchedReason>;
  let short: number;
  let globalOptimum: boolean | null = null;
  if (pairing === 'optimal') {
    const o = pairOptimally({ targets: sorted, pool, sqDist, caliperSq, exact: input.exact, ratio, candidatesPerTarget: options.candidatesPerTarget });
    ({ pt, pc, pd, pr, reasons, short } = o);
    globalOptimum = o.globalOptimum;
  } else ({ pt, pc, pd, pr, reasons, short } = pairGreedily(sorted, pool, n, sqDist, caliperSq, input.exact, ratio, options.replace ?? false));
  const got = new Int32Array(n);
  for (const t of pt) got[t] = got[t]! + 1;

  const weights = new Float64Array(n);
  let matchedTreated = 0;
  for (const t of targets) if (got[t]! > 0) {
    weights[t] = 1;
    matchedTreated++;
  }
  let controlSum = 0;
  for (let k = 0; k < pc.length; k++) {
    const c = pc[k]!;
    weights[c] = weights[c]! + 1 / got[pt[k]!]!;
    controlSum += 1 / got[pt[k]!]!;
  }
  let distinct = 0;
  for (const c of pool) if (weights[c]! > 0) distinct++;
  if (controlSum > 0) for (const c of pool) weights[c] = (weights[c]! * distinct) / controlSum;

  const unmatchedUnits = sorted.filter((t) => reasons.has(t));
  const warnings: string[] = [...(propensity?.warnings ?? [])];
  if (unmatchedUnits.length > 0) warnings.push(`${unmatchedUnits.length} target(s) have no match and are left out of the matched sample`);
  if (short > 0) warnings.push(`${short} target(s) got fewer than ${ratio} comparisons: the eligible pool ran out`);
  const dropped = dist.value.dropped;
  if (dropped.length > 0) warnings.push(`left out of the distance (constant, or a linear combination of the other covariates): ${dropped.join(', ')}`);
  let totalDistance = 0;
  for (const d of pd) totalDistance += d;
  const how = pairing === 'optimal' ? `optimal (least total distance, Hungarian algorithm; ${globalOptimum ? 'exact optimum' : 'candidates restricted to the nearest per target'})` : 'greedy nearest-neighbour';
  return ok({
    method: options.method,
    pairs: { treated: Int32Array.from(pt), control: Int32Array.from(pc), distance: Float64Array.from(pd), round: Int32Array.from(pr) },
    weights,
    matchedTreated,
    unmatched: { unit: Int32Array.from(unmatchedUnits), reason: unmatchedUnits.map((t) => reasons.get(t)!) },
    caliperDistance,
    order,
    propensity,
    warnings,
    pairing,
    totalDistance,
    droppedCovariates: dropped,
    globalOptimum,
    convention: `${how} 1:${ratio} ${options.replace ? 'with' : 'without'} replacement on ${options.method === 'propensity' ? `the ${options.scoreScale === 'probability' ? 'probability-scale' : 'logit'} propensity score` : `Mahalanobis distance (${options.covariance ?? 'pooled'} covariance)`}, targets in ${order === 'data' ? 'input' : `${order}-score-first`} order, ties to the lower unit index${caliperDistance !== null ? `, caliper ${caliperDistance.toPrecision(4)}` : ''} (Rosenbaum & Rubin 1985${pairing === 'optimal' ? '; Rosenbaum 1989' : ''})`,
  });
}

/** The greedy rounds of the module comment: returns the pairs, unmatched reasons and short count. */
function pairGreedily(sorted: readonly number[], pool: readonly number[], n: number, sqDist: (i: number, j: number, bound: number) => number, caliperSq: number, exact: Int32Array | undefined, ratio: number, replace: boolean) {
  const used = new Uint8Array(n);
  const got = new Int32Array(n); // matches per target so far
  const failed = new Uint8Array(n);
  const reasons = new Map<number, UnmatchedReason>();
  const pt: number[] = [];
  const pc: number[] = [];
  const pd: number[] = [];
  const pr: number[] = [];
  const matchedWith = new Map<number, Set<number>>();
  let short = 0;
  for (let round = 1; round <= ratio; round++) {
    for (const t of sorted) {
      if (failed[t]) continue;
      let best = -1;
      let bestSq = Number.POSITIVE_INFINITY;
      let inCategory = 0;
      let inCaliper = 0;
      const mine = matchedWith.get(t);
      for (const c of pool) {
        if (exact && exact[c] !== exact[t]) continue;
        inCategory++;
        if ((!replace && used[c]) || mine?.has(c)) {
          // Only needed to tell "none within the caliper" from "all taken".
          if (inCaliper === 0 && sqDist(t, c, caliperSq) <= caliperSq) inCaliper++;
          continue;
        }
        const d2 = sqDist(t, c, Math.min(bestSq, caliperSq));
        if (d2 > caliperSq) continue;
        inCaliper++;
        if (d2 < bestSq) {
          bestSq = d2;
          best = c; // pool is in index order, so the first of equal distances wins
        }
      }
      if (best < 0) {
        failed[t] = 1;
        if (round === 1) reasons.set(t, inCategory === 0 ? 'no-comparison-in-category' : inCaliper === 0 ? 'none-within-caliper' : 'pool-exhausted');
        else short++;
        continue;
      }
      used[best] = 1;
      got[t] = got[t]! + 1;
      if (!mine) matchedWith.set(t, new Set([best]));
      else mine.add(best);
      pt.push(t);
      pc.push(best);
      pd.push(Math.sqrt(bestSq));
      pr.push(round);
    }
  }

  return { pt, pc, pd, pr, reasons, short };
}
