/**
 * The synthetic-control part of an evaluation: for a design whose comparisons carry synthetic
 * weights (`spi design match --method synthetic`), the monthly gap target - synthetic, and the
 * in-space placebo p-value (Abadie, Diamond & Hainmueller 2010). Placebos: of the N eligible pool
 * cells the design recorded, all when N <= 200, else the 200 nearest the average target in
 * pre-period RMSE (ties in a seeded order), each refitted from all N - 1 other pool cells
 * (synthetic-pool.ts); a design without a recorded pool uses its weighted comparison cells (a
 * seeded random 200 of them when there are more; synthetic.ts). The target's post/pre RMSPE
 * ratio is ranked among the placebos' ratios.
 */
import { err, ok, type Result } from '../../base/result';
import type { DesignDoc } from '../design/design-doc';
import type { AreaCounts } from './area-counts';
import { computePlaceboTest } from './synthetic';
import { MAX_PLACEBOS, runPoolPlacebos, type SyntheticPoolCounts } from './synthetic-pool';
import { invalidArgument, type StatsError } from './stats-error';

export const SYNTHETIC_CONVENTION =
  'gap = target - sum_j w_j donor_j per month (Abadie, Diamond & Hainmueller 2010); placebo p = (1 + #{placebo post/pre RMSPE ratio >= target ratio}) / (1 + placebos), each placebo cell of the eligible pool refitted from the other pool cells (at most 200: those nearest the mean target in pre-period RMSE, ties in seeded order); designs that do not record their pool use the weighted comparison cells as the pool';

/** The synthetic-control figures, plain JSON. */
export interface SyntheticFigures {
  readonly labels: string[];
  readonly post: number[];
  readonly target: number[];
  readonly synthetic: number[];
  readonly gap: number[];
  readonly preRmspe: number;
  readonly postRmspe: number;
  /** Post/pre RMSPE ratio; null when the pre fit is exact (pre RMSPE 0). */
  readonly rmspeRatio: number | null;
  /** Sum of the post-period gaps (crimes, or harm, per average target, relative to the synthetic target) and the percent change relative to the synthetic post total. */
  readonly postGapTotal: number;
  readonly percentChange: number | null;
  /** The donors with non-zero weight, largest first. */
  readonly weights: { readonly id: string; readonly weight: number }[];
  /**
   * The in-space placebo test: p, the target's rank, the placebos refitted, the pool they were
   * drawn from (`poolSize` cells; `pool` 'eligible' = the design's recorded eligible pool,
   * 'weighted' = only the weighted comparison cells, for designs that do not record the pool).
   */
  readonly placebo: { readonly p: number; readonly rank: number; readonly placebos: number; readonly poolSize: number; readonly pool: 'eligible' | 'weighted'; readonly ratios: number[] } | { readonly unavailable: string };
  readonly warnings: string[];
  readonly convention: string;
}

type Loose = Record<string, unknown>;

/** Options of computeSyntheticEvaluation: the placebo cap and seed, and the counted eligible pool. */
export interface SyntheticEvaluationOptions {
  readonly maxPlacebos?: number;
  readonly seed?: number;
  readonly pool?: SyntheticPoolCounts | null;
}

/** p = (1 + #{placebo ratio >= target ratio}) / (1 + placebos); an exact pre fit counts as an infinite ratio. */
function rankPlacebos(ratio: number | null, ratios: Float64Array, poolSize: number, pool: 'eligible' | 'weighted'): SyntheticFigures['placebo'] {
  const mine = ratio ?? Number.POSITIVE_INFINITY;
  let atLeast = 0;
  for (const r of ratios) if (r >= mine) atLeast++;
  const n = ratios.length;
  return { p: (1 + atLeast) / (1 + n), rank: 1 + atLeast, placebos: n, poolSize, pool, ratios: Array.from(ratios, (r) => (Number.isFinite(r) ? r : Number.MAX_VALUE)) };
}

/**
 * The synthetic weights of a design, aligned with `design.comparisons`, or null when the design
 * is not a synthetic-control design. Accepts the weights as `method.weights` (numbers in the
 * comparisons' order, `{id, weight}` objects, or an id -> weight record) or as a `weight` field
 * on each comparison. Missing ids weigh 0.
 */
export function syntheticWeightsOf(design: DesignDoc): Float64Array | null {
  const method = design.method as unknown as Loose;
  const comps = design.comparisons as unknown as Loose[];
  const n = comps.length;
  const out = new Float64Array(n);
  const index = new Map(comps.map((c, i) => [String(c.id), i]));
  // The design may keep the pooled fit's weights (`synthetic.pooled.weights`) or a flat list.
  const nested = (method.synthetic as Loose | undefined)?.pooled as Loose | undefined;
  const raw = method.weights ?? nested?.weights;
  let found = false;
  if (Array.isArray(raw)) {
    raw.forEach((w, i) => {
      if (typeof w === 'number' && i < n) {
        out[i] = w;
        found = true;
      } else if (w && typeof w === 'object') {
        const o = w as Loose;
        const k = index.get(String(o.id ?? o.unit ?? o.unitId ?? o.cellId));
        const v = Number(o.weight);
        if (k !== undefined && Number.isFinite(v)) {
          out[k] = v;
          found = true;
        }
      }
    });
  } else if (raw && typeof raw === 'object') {
    for (const [id, v] of Object.entries(raw as Loose)) {
      const k = index.get(id);
      if (k !== undefined && typeof v === 'number') {
        out[k] = v;
        found = true;
      }
    }
  }
  if (!found) {
    comps.forEach((c, i) => {
      const v = c.weight ?? c.syntheticWeight;
      if (typeof v === 'number') {
        out[i] = v;
        found = true;
      }
    });
  }
  if (!found && method.kind !== 'synthetic') return null;
  return found ? out : null;
}

/**
 * Gap series and placebo test from the design's saved weights and the monthly counts. The
 * target series is the mean of the targets' monthly counts (one typical target, the scale of a
 * single donor unit, as the weights are fitted); each comparison is a donor. Errors: weights not one per comparison,
 * negative, or not summing to 1 (within 1e-6), or pool counts of the wrong shape. Placebos:
 * with `options.pool` (the eligible pool counted over the same bins, synthetic-pool.ts) at most
 * `maxPlacebos` (default 200) pool cells nearest the target in pre-period RMSE, each refitted from
 * the other pool cells; without it, the weighted comparison cells (seeded subset beyond the cap),
 * with a warning. The test is `unavailable` (with why) with too few cells or no post months.
 */
export function computeSyntheticEvaluation(design: DesignDoc, counts: AreaCounts, weights: Float64Array, options: SyntheticEvaluationOptions = {}): Result<SyntheticFigures, StatsError> {
  const nt = design.targets.length;
  const nd = design.comparisons.length;
  if (weights.length !== nd) return err(invalidArgument('synthetic weights', `${weights.length} weights`, `one per comparison (${nd})`));
  let sum = 0;
  for (let j = 0; j < nd; j++) {
    if (!(Number.isFinite(weights[j]!) && weights[j]! >= 0)) return err(invalidArgument(`synthetic weight of ${design.comparisons[j]!.id}`, weights[j], 'a weight >= 0'));
    sum += weights[j]!;
  }
  if (Math.abs(sum - 1) > 1e-6) return err(invalidArgument('synthetic weights', `sum ${sum}`, 'weights summing to 1'));
  const nb = counts.bins.length;
  const t0 = counts.post.indexOf(1) < 0 ? nb : counts.post.indexOf(1);
  const target = new Float64Array(nb);
  for (let u = 0; u < nt; u++) for (let b = 0; b < nb; b++) target[b] = target[b]! + counts.unitCounts[u * nb + b]! / nt;
  const donors = counts.unitCounts.slice(nt * nb, (nt + nd) * nb);
  const synthetic = new Float64Array(nb);
  for (let j = 0; j < nd; j++) {
    const w = weights[j]!;
    if (w === 0) continue;
    for (let b = 0; b < nb; b++) synthetic[b] = synthetic[b]! + w * donors[j * nb + b]!;
  }
  const gap = target.map((v, b) => v - synthetic[b]!);
  let pre = 0;
  let post = 0;
  let postGap = 0;
  let postSynth = 0;
  for (let b = 0; b < nb; b++) {
    if (b < t0) pre += gap[b]! ** 2;
    else {
      post += gap[b]! ** 2;
      postGap += gap[b]!;
      postSynth += synthetic[b]!;
    }
  }
  const preRmspe = t0 > 0 ? Math.sqrt(pre / t0) : 0;
  const postRmspe = nb > t0 ? Math.sqrt(post / (nb - t0)) : 0;
  const ratio = preRmspe > 0 ? postRmspe / preRmspe : null;
  const warnings: string[] = [];
  let placebo: SyntheticFigures['placebo'];
  const pool = options.pool ?? null;
  if (t0 === 0 || t0 === nb) placebo = { unavailable: 'the placebo test needs pre and post months' };
  else if (pool) {
    if (pool.counts.length !== pool.cellIds.length * nb) return err(invalidArgument('placebo pool counts', `${pool.counts.length} values`, `${pool.cellIds.length} cells x ${nb} months`));
    const runs = runPoolPlacebos(target, pool, t0, options.maxPlacebos ?? MAX_PLACEBOS, options.seed ?? 1);
    if (!runs.ok) return runs;
    if (runs.value.ratios.length === 0) placebo = { unavailable: `the placebo test needs at least 3 pool cells (the pool has ${runs.value.poolSize})` };
    else placebo = rankPlacebos(ratio, runs.value.ratios, runs.value.poolSize, 'eligible');
  } else if (nd < 2) placebo = { unavailable: 'the placebo test needs at least 2 pool units' };
  else {
    const test = computePlaceboTest({ treated: target, donors, nDonors: nd, preMonths: t0 }, options.maxPlacebos ?? MAX_PLACEBOS, options.seed ?? 1);
    if (!test.ok) return test;
    placebo = rankPlacebos(ratio, test.value.placeboRatios, nd, 'weighted');
    warnings.push(`the design does not record its eligible pool (saved before the pool was stored): the placebos are only the ${nd} weighted comparison cells; save the design again for the full pool`);
  }
  if (!('unavailable' in placebo) && placebo.placebos < 19) warnings.push(`only ${placebo.placebos} placebos: the smallest possible p-value is ${(1 / (1 + placebo.placebos)).toFixed(3)}, so p < 0.05 cannot be reached`);
  let tMean = 0;
  let dMax = -Infinity;
  for (let b = 0; b < t0; b++) tMean += target[b]! / Math.max(1, t0);
  for (let j = 0; j < nd; j++) {
    let s = 0;
    for (let b = 0; b < t0; b++) s += donors[j * nb + b]! / Math.max(1, t0);
    dMax = Math.max(dMax, s);
  }
  if (tMean > dMax) warnings.push('the targets\' pre-period level is above every pool unit\'s: no weighted average of them can match it, so the gap is biased');
  const listed = [...weights].map((w, j) => ({ id: design.comparisons[j]!.id, weight: w })).filter((w) => w.weight > 0).sort((a, b) => b.weight - a.weight);
  return ok({
    labels: counts.bins.map((b) => b.label),
    post: Array.from(counts.post),
    target: Array.from(target),
    synthetic: Array.from(synthetic),
    gap: Array.from(gap),
    preRmspe,
    postRmspe,
    rmspeRatio: ratio,
    postGapTotal: postGap,
    percentChange: postSynth > 0 ? (100 * postGap) / postSynth : null,
    weights: listed,
    placebo,
    warnings,
    convention: SYNTHETIC_CONVENTION,
  });
}
