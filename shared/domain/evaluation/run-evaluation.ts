/**
 * Evaluates a design over a pre and a post period: counts per zone (area-counts.ts), then the
 * WDD (wdd.ts), WDQ and total net effect (wdq.ts), RES with Poisson and overdispersion-inflated
 * intervals (res.ts), and a monthly count-regression difference-in-differences with
 * cluster-robust SEs (did.ts). A statistic that is undefined for the data (zero cells, no
 * buffers) is reported as `{ unavailable: message }` and in the warnings, never as
 * Infinity/NaN; the other statistics are still given.
 */
import { ok, type Result } from '../../base/result';
import type { DesignDoc } from '../design/design-doc';
import type { DayPeriod } from '../design/period';
import { countDesignAreas, pickWhere, sumWhere, type AreaCounts } from './area-counts';
import { computeDid, type DidResult } from './did';
import { computeRes, estimateOverdispersion, type ResResult } from './res';
import { formatStatsError, type StatsError } from './stats-error';
import { computeWdd, type WddResult } from './wdd';
import { computeWdq, type WdqResult } from './wdq';

/** A statistic, or why it has no value here. */
export type Figure<T> = T | { readonly unavailable: string };

export interface EvaluationOptions {
  /** 'estimate' (default): D from the monthly counts (res.ts); or a given factor D > 0. */
  readonly overdispersion?: 'estimate' | number;
  readonly family?: 'poisson' | 'negative-binomial';
  readonly confidence?: number;
}

/** The DiD figures in plain JSON (the coefficient table as arrays). */
export type DidFigures = Omit<DidResult, 'terms'> & { readonly terms: { readonly names: readonly string[]; readonly estimate: number[]; readonly se: number[] } };

export interface EvaluationResult {
  readonly design: string;
  readonly pre: { readonly from: string; readonly to: string; readonly days: number };
  readonly post: { readonly from: string; readonly to: string; readonly days: number };
  /** Totals per zone: T target, C comparison, D target buffers, DC comparison buffers. */
  readonly counts: { readonly [zone in 'T' | 'C' | 'D' | 'DC']: { readonly pre: number; readonly post: number } };
  readonly perTarget: readonly { readonly id: string; readonly pre: number; readonly post: number; readonly bufferPre: number; readonly bufferPost: number }[];
  readonly monthly: { readonly labels: string[]; readonly post: number[]; readonly T: number[]; readonly C: number[]; readonly D: number[]; readonly DC: number[] };
  readonly timeWeighted: boolean;
  readonly wdd: Figure<WddResult>;
  readonly wdq: Figure<WdqResult>;
  readonly overdispersion: { readonly factor: number; readonly source: 'estimated' | 'given'; readonly raw: number | null };
  readonly resPoisson: Figure<ResResult>;
  readonly resInflated: Figure<ResResult>;
  readonly did: Figure<DidFigures>;
  readonly warnings: readonly string[];
}

const MONTH_DAYS = 365.25 / 12;

function figure<T>(r: Result<T, StatsError>, label: string, warnings: string[]): Figure<T> {
  if (r.ok) return r.value;
  const message = formatStatsError(r.error);
  warnings.push(`${label}: ${message}`);
  return { unavailable: message };
}

/** Whether a figure has a value. */
export function isAvailable<T extends object>(f: Figure<T>): f is T {
  return !('unavailable' in f);
}

/**
 * Runs every statistic on counts already made (exposed for tests with hand-made counts).
 * Time weights (period lengths in months of 365.25/12 days) are applied to the WDD when the pre
 * and post periods differ in length; RES and the WDQ are ratios in which period length cancels.
 */
export function evaluateCounts(design: DesignDoc, counts: AreaCounts, pre: DayPeriod, post: DayPeriod, options: EvaluationOptions = {}): EvaluationResult {
  const warnings: string[] = [];
  const p = counts.post;
  const zone = (s: Float64Array) => ({ pre: sumWhere(s, p, 0), post: sumWhere(s, p, 1) });
  const T = zone(counts.target);
  const C = zone(counts.comparison);
  const D = zone(counts.targetBuffer);
  const DC = zone(counts.comparisonBuffer);
  const hasBuffers = design.targets.some((t) => t.bufferM > 0);
  const preDays = pre.endDay - pre.startDay;
  const postDays = post.endDay - post.startDay;
  const timeWeighted = preDays !== postDays;
  const confidence = options.confidence ?? 0.95;
  const wdd = figure(
    computeWdd({
      target: T,
      control: C,
      ...(hasBuffers ? { targetBuffer: D, controlBuffer: DC } : {}),
      ...(timeWeighted ? { timeWeights: { pre: preDays / MONTH_DAYS, post: postDays / MONTH_DAYS } } : {}),
      confidence,
    }),
    'WDD',
    warnings,
  );
  const wdq = hasBuffers ? figure(computeWdq({ tb: T.pre, ta: T.post, db: D.pre, da: D.post, cb: C.pre, ca: C.post }), 'WDQ', warnings) : { unavailable: 'the design has no buffer rings (buffer 0 m)' };
  const zeros = [T.pre, T.post, C.pre, C.post].some((v) => v === 0);
  if (zeros) warnings.push('RES: a zero cell (target or comparison, pre or post): 0.5 was added to every cell (Haldane-Anscombe correction), so RES is biased; read it with care');
  const correction = zeros ? 'haldane' : 'none';
  const resPoisson = figure(computeRes({ a: T.pre, b: T.post, c: C.pre, d: C.post, zeroCellCorrection: correction, confidence }), 'RES (Poisson)', warnings);
  let od: EvaluationResult['overdispersion'];
  if (typeof options.overdispersion === 'number') od = { factor: options.overdispersion, source: 'given', raw: null };
  else {
    const est = estimateOverdispersion([pickWhere(counts.target, p, 0), pickWhere(counts.target, p, 1), pickWhere(counts.comparison, p, 0), pickWhere(counts.comparison, p, 1)]);
    if (est.ok) od = { factor: est.value.factor, source: 'estimated', raw: est.value.raw };
    else {
      warnings.push(`overdispersion: ${formatStatsError(est.error)}; D = 1 used`);
      od = { factor: 1, source: 'estimated', raw: null };
    }
  }
  const resInflated = figure(computeRes({ a: T.pre, b: T.post, c: C.pre, d: C.post, overdispersion: od.factor, zeroCellCorrection: correction, confidence }), 'RES (overdispersion-inflated)', warnings);
  const nb = counts.bins.length;
  const nu = counts.unitIds.length;
  const rows = nu * nb;
  const unit = new Int32Array(rows);
  const month = new Int32Array(rows);
  const exposure = new Float64Array(rows);
  for (let u = 0; u < nu; u++) for (let b = 0; b < nb; b++) {
    unit[u * nb + b] = u;
    month[u * nb + b] = b;
    exposure[u * nb + b] = counts.bins[b]!.days;
  }
  const didR = computeDid(
    { unit, month, count: counts.unitCounts, exposure, treated: counts.treated, post: p },
    { family: options.family ?? 'poisson', unitEffects: true, monthEffects: true, robust: true, reference: 't', confidence },
  );
  const did: Figure<DidFigures> = didR.ok
    ? { ...didR.value, terms: { names: [...didR.value.terms.names], estimate: Array.from(didR.value.terms.estimate), se: Array.from(didR.value.terms.se) } }
    : figure(didR, 'DiD', warnings);
  if (didR.ok) warnings.push(...didR.value.warnings.map((w) => `DiD: ${w}`));
  for (const [name, z] of [['T', T], ['C', C], ['D', D], ['DC', DC]] as const) {
    if ((name === 'D' || name === 'DC') && !hasBuffers) continue;
    if (z.pre < 20 || z.post < 20) warnings.push(`small counts: ${name} has ${z.pre} before and ${z.post} after; normal approximations are rough below about 20`);
  }
  const nt = design.targets.length;
  return {
    design: design.name,
    pre: { from: pre.from, to: pre.to, days: preDays },
    post: { from: post.from, to: post.to, days: postDays },
    counts: { T, C, D, DC },
    perTarget: design.targets.map((t, i) => {
      const slice = (arr: Float64Array) => arr.subarray(i * nb, (i + 1) * nb);
      return { id: t.id, pre: sumWhere(slice(counts.unitCounts), p, 0), post: sumWhere(slice(counts.unitCounts), p, 1), bufferPre: sumWhere(slice(counts.targetRingCounts), p, 0), bufferPost: sumWhere(slice(counts.targetRingCounts), p, 1) };
    }).slice(0, nt),
    monthly: { labels: counts.bins.map((b) => b.label), post: Array.from(p), T: Array.from(counts.target), C: Array.from(counts.comparison), D: Array.from(counts.targetBuffer), DC: Array.from(counts.comparisonBuffer) },
    timeWeighted,
    wdd,
    wdq,
    overdispersion: od,
    resPoisson,
    resInflated,
    did,
    warnings,
  };
}

/**
 * Counts the design's zones from incident points (x, y in the analysis CRS, metres; days since
 * the epoch; each case once) and evaluates them. Errors: overlapping periods, a design without
 * comparisons, or a bad option.
 */
export function runEvaluation(design: DesignDoc, x: Float64Array, y: Float64Array, days: Float64Array, pre: DayPeriod, post: DayPeriod, options: EvaluationOptions = {}): Result<EvaluationResult, StatsError> {
  const counts = countDesignAreas(design, x, y, days, pre, post);
  if (!counts.ok) return counts;
  return ok(evaluateCounts(design, counts.value, pre, post, options));
}
