/**
 * Evaluates a design over a pre and a post period: counts per zone (area-counts.ts), then the
 * WDD (wdd.ts) and its cumulative series (cumulative.ts), WDQ and total net effect (wdq.ts),
 * RES with Poisson and overdispersion-inflated intervals (res.ts), a monthly count-regression
 * difference-in-differences with cluster-robust SEs (did.ts), and for synthetic-control designs
 * the gap series and placebo test (synthetic-design.ts). Options: harm weights per incident
 * (harm.ts), a washout (washout.ts), area weights (zone-areas.ts). A statistic that is undefined
 * for the data (zero cells, no buffers) is reported as `{ unavailable: message }` and in the
 * warnings, never as Infinity/NaN; the other statistics are still given. Every figure has a
 * footnote in `notes` (figure-notes.ts): formula, source, assumptions and its warnings.
 */
import { ok, type Result } from '../../base/result';
import type { DesignDoc } from '../design/design-doc';
import type { DayPeriod } from '../design/period';
import { countDesignAreas, pickWhere, sumWhere, type AreaCounts } from './area-counts';
import { computeCumulativeEvaluationWdd, type CumulativeWddFigures } from './cumulative';
import { computeDid, type DidResult } from './did';
import { buildFigureNotes, type FigureKey, type FigureNote } from './figure-notes';
import { computeRes, estimateOverdispersion, type ResResult } from './res';
import { formatStatsError, type StatsError } from './stats-error';
import { computeSyntheticEvaluation, syntheticWeightsOf, type SyntheticEvaluationOptions, type SyntheticFigures } from './synthetic-design';
import { countSyntheticPool, MAX_PLACEBOS } from './synthetic-pool';
import { applyWashout } from './washout';
import { computeWdd, WDD_HARM_CONVENTION, type WddAreas, type WddResult } from './wdd';
import { computeWdq, WDQ_HARM_CONVENTION, type WdqResult } from './wdq';
import { RES_HARM_CONVENTION } from './res';
import { computeZoneAreas } from './zone-areas';

export type { FigureKey, FigureNote } from './figure-notes';
export type { SyntheticFigures } from './synthetic-design';
export type { CumulativeWddFigures } from './cumulative';

/** A statistic, or why it has no value here. */
export type Figure<T> = T | { readonly unavailable: string };

export interface EvaluationOptions {
  /** 'estimate' (default): D from the monthly counts (res.ts); or a given factor D > 0. */
  readonly overdispersion?: 'estimate' | number;
  readonly family?: 'poisson' | 'negative-binomial';
  readonly confidence?: number;
  /** Days left out (runEvaluation only): see washout.ts. */
  readonly washout?: DayPeriod | null;
  /** Per-point weights (runEvaluation only), e.g. harm weights from harm.ts. */
  readonly weights?: Float64Array;
  /** How the weights were made, for the notes and the report ("weights.csv, 12 rows"). */
  readonly harmLabel?: string;
  /** The outcome in words ("violent offenses"), for the report. Default "all incidents". */
  readonly outcomeLabel?: string;
  /**
   * WDD area weights: 'auto' (default) rescales comparison counts to the targets' area when the
   * zone areas differ by more than 10%; 'on' always; 'off' never.
   */
  readonly areaWeights?: 'auto' | 'on' | 'off';
  /** Synthetic-control part (designs with synthetic weights): placebo limit, seed and (runEvaluation fills it) the counted eligible pool; false skips it. */
  readonly synthetic?: SyntheticEvaluationOptions | false;
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
  /** The outcome in words ("violent offenses"; from options.outcomeLabel) and the harm weighting (null = plain counts). */
  readonly outcomeLabel: string;
  readonly harm: string | null;
  /** Variances of the zone totals (sum of squared weights; = the counts without harm weights). */
  readonly countVariances: { readonly [zone in 'T' | 'C' | 'D' | 'DC']: { readonly pre: number; readonly post: number } };
  readonly washout: { readonly from: string; readonly to: string; readonly days: number } | null;
  /** Zone areas (km^2) and whether the WDD's comparison counts were rescaled to the targets' area. */
  readonly areas: { readonly T: number; readonly C: number; readonly D: number; readonly DC: number; readonly weighted: boolean; readonly reason: string };
  /** The WDD's unit in words ("crimes", "crimes per month, in an area the size of the targets"). */
  readonly wddUnit: string;
  readonly cumulativeWdd: CumulativeWddFigures;
  /** Synthetic-control figures, or null when the design has no synthetic weights. */
  readonly synthetic: Figure<SyntheticFigures> | null;
  /** Every figure's footnote: formula, source, assumptions, warnings. */
  readonly notes: Record<FigureKey, FigureNote>;
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
  const VT = zone(counts.targetVariance);
  const VC = zone(counts.comparisonVariance);
  const VD = zone(counts.targetBufferVariance);
  const VDC = zone(counts.comparisonBufferVariance);
  const hasBuffers = design.targets.some((t) => t.bufferM > 0);
  const preDays = pre.endDay - pre.startDay;
  const postDays = post.endDay - post.startDay;
  const timeWeighted = preDays !== postDays;
  const confidence = options.confidence ?? 0.95;
  const harm = options.harmLabel ?? (counts.weighted ? 'per-incident weights' : null);
  const mark = warnings.length;
  const since = (k: number) => warnings.slice(k);
  // Area weights: comparison zones rescaled to the size of the target zones.
  const za = computeZoneAreas(design);
  const ratioC = za.T > 0 && za.C > 0 ? za.C / za.T : 1;
  const ratioDC = hasBuffers && za.D > 0 && za.DC > 0 ? za.DC / za.D : 1;
  const differ = Math.abs(ratioC - 1) > 0.1 || Math.abs(ratioDC - 1) > 0.1;
  const mode = options.areaWeights ?? 'auto';
  const areaWeighted = mode === 'on' || (mode === 'auto' && differ);
  const areaWeights: Partial<WddAreas<number>> | undefined = areaWeighted ? { control: ratioC, ...(hasBuffers ? { controlBuffer: ratioDC } : {}) } : undefined;
  const km2 = (m2: number) => m2 / 1e6;
  const areaReason = areaWeighted
    ? `comparison counts rescaled to the targets' area: C x ${(1 / ratioC).toFixed(3)}${hasBuffers ? `, DC x ${(1 / ratioDC).toFixed(3)}` : ''} (${mode === 'on' ? 'asked for' : 'the zone areas differ by more than 10%'})`
    : mode === 'off' && differ
      ? 'area weights turned off although the zone areas differ by more than 10%'
      : 'no area weights (the zone areas agree within 10%)';
  if (mode === 'off' && differ) warnings.push(`WDD: the comparisons cover ${ratioC.toFixed(2)} times the targets' area; without area weights the WDD mixes area with effect`);
  const wddR = computeWdd({
    target: T,
    control: C,
    ...(hasBuffers ? { targetBuffer: D, controlBuffer: DC } : {}),
    variances: { target: VT, control: VC, ...(hasBuffers ? { targetBuffer: VD, controlBuffer: VDC } : {}) },
    ...(timeWeighted ? { timeWeights: { pre: preDays / MONTH_DAYS, post: postDays / MONTH_DAYS } } : {}),
    ...(areaWeights ? { areaWeights } : {}),
    confidence,
  });
  // Harm-weighted totals: the conventions name weighted harm and Var = Σ w²·n, not crimes and counts.
  const wdd = figure(wddR.ok && harm ? { ...wddR, value: { ...wddR.value, convention: WDD_HARM_CONVENTION } } : wddR, 'WDD', warnings);
  const wddWarnings = [...since(mark), ...(wddR.ok ? wddR.value.warnings : [])];
  const wddUnit = `${harm ? 'harm units' : 'crimes'}${timeWeighted ? ' per month' : ''}${areaWeighted ? ', in an area the size of the targets' : ''}`;
  const cumulativeWdd = computeCumulativeEvaluationWdd(counts, preDays, hasBuffers, areaWeights, confidence);
  let mk = warnings.length;
  const wdqR = hasBuffers ? computeWdq({ tb: T.pre, ta: T.post, db: D.pre, da: D.post, cb: C.pre, ca: C.post }) : null;
  const wdq = wdqR ? figure(wdqR.ok && harm ? { ...wdqR, value: { ...wdqR.value, convention: WDQ_HARM_CONVENTION } } : wdqR, 'WDQ', warnings) : { unavailable: 'the design has no buffer rings (buffer 0 m)' };
  const wdqWarnings = since(mk);
  mk = warnings.length;
  const zeros = [T.pre, T.post, C.pre, C.post].some((v) => v === 0);
  if (zeros) warnings.push('RES: a zero cell (target or comparison, pre or post): 0.5 was added to every cell (Haldane-Anscombe correction), so RES is biased; read it with care');
  const correction = zeros ? 'haldane' : 'none';
  const variances = { a: VT.pre, b: VT.post, c: VC.pre, d: VC.post };
  const resP = computeRes({ a: T.pre, b: T.post, c: C.pre, d: C.post, variances, zeroCellCorrection: correction, confidence });
  const harmRes = <T extends { convention: string }>(r: Result<T, StatsError>): Result<T, StatsError> => (r.ok && harm ? { ...r, value: { ...r.value, convention: RES_HARM_CONVENTION } } : r);
  const resPoisson = figure(harmRes(resP), 'RES (Poisson)', warnings);
  const resWarnings = [...since(mk), ...(resP.ok ? resP.value.warnings : [])];
  mk = warnings.length;
  let od: EvaluationResult['overdispersion'];
  if (typeof options.overdispersion === 'number') od = { factor: options.overdispersion, source: 'given', raw: null };
  else {
    const k = (c: Float64Array, v: Float64Array, flag: 0 | 1) => {
      const n = sumWhere(c, p, flag);
      return n > 0 ? sumWhere(v, p, flag) / n : 1;
    };
    const scale = [k(counts.target, counts.targetVariance, 0), k(counts.target, counts.targetVariance, 1), k(counts.comparison, counts.comparisonVariance, 0), k(counts.comparison, counts.comparisonVariance, 1)].map((v) => (v > 0 ? v : 1));
    const est = estimateOverdispersion([pickWhere(counts.target, p, 0), pickWhere(counts.target, p, 1), pickWhere(counts.comparison, p, 0), pickWhere(counts.comparison, p, 1)], true, scale);
    if (est.ok) od = { factor: est.value.factor, source: 'estimated', raw: est.value.raw };
    else {
      warnings.push(`overdispersion: ${formatStatsError(est.error)}; D = 1 used`);
      od = { factor: 1, source: 'estimated', raw: null };
    }
  }
  const odWarnings = since(mk);
  mk = warnings.length;
  const resI = computeRes({ a: T.pre, b: T.post, c: C.pre, d: C.post, variances, overdispersion: od.factor, zeroCellCorrection: correction, confidence });
  const resInflated = figure(harmRes(resI), 'RES (overdispersion-inflated)', warnings);
  const resIWarnings = [...since(mk), ...(resI.ok ? resI.value.warnings : [])];
  mk = warnings.length;
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
  const didWarnings = since(mk);
  mk = warnings.length;
  let synthetic: Figure<SyntheticFigures> | null = null;
  const sw = options.synthetic === false ? null : syntheticWeightsOf(design);
  if (sw) {
    const s = computeSyntheticEvaluation(design, counts, sw, options.synthetic || {});
    synthetic = figure(s, 'synthetic control', warnings);
    if (s.ok) warnings.push(...s.value.warnings.map((w) => `synthetic control: ${w}`));
  }
  const synthWarnings = since(mk);
  mk = warnings.length;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  for (const [name, z] of [['T', T], ['C', C], ['D', D], ['DC', DC]] as const) {
    if ((name === 'D' || name === 'DC') && !hasBuffers) continue;
    if (z.pre < 20 || z.post < 20) warnings.push(`small counts: ${name} has ${fmt(z.pre)} before and ${fmt(z.post)} after; normal approximations are rough below about 20`);
  }
  const countWarnings = since(mk);
  const washText = options.washout ? `${options.washout.from}..${options.washout.to}` : null;
  const notes = buildFigureNotes(
    {
      harm,
      timeWeighted,
      areaWeighted,
      washout: washText,
      family: options.family ?? 'poisson',
      overdispersionSource: od.source,
      placebo: synthetic && isAvailable(synthetic) && isAvailable(synthetic.placebo)
        ? { pool: synthetic.placebo.pool, poolSize: synthetic.placebo.poolSize, placebos: synthetic.placebo.placebos, maxPlacebos: (options.synthetic && options.synthetic.maxPlacebos) || MAX_PLACEBOS }
        : null,
    },
    { counts: countWarnings, wdd: [...wddWarnings, ...countWarnings], cumulativeWdd: wddWarnings, wdq: wdqWarnings, resPoisson: resWarnings, resInflated: resIWarnings, overdispersion: odWarnings, did: didWarnings, synthetic: synthWarnings },
  );
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
    outcomeLabel: options.outcomeLabel ?? 'all incidents',
    harm,
    countVariances: { T: VT, C: VC, D: VD, DC: VDC },
    washout: options.washout ? { from: options.washout.from, to: options.washout.to, days: options.washout.endDay - options.washout.startDay } : null,
    areas: { T: km2(za.T), C: km2(za.C), D: km2(za.D), DC: km2(za.DC), weighted: areaWeighted, reason: areaReason },
    wddUnit,
    cumulativeWdd,
    synthetic,
    notes,
  };
}

/**
 * Counts the design's zones from incident points (x, y in the analysis CRS, metres; days since
 * the epoch; each case once) and evaluates them. `options.washout` days are cut from the periods
 * first (the result's pre/post are the periods actually used); `options.weights` weights each
 * point (harm). Errors: overlapping periods, a washout inside a period, a design without
 * comparisons, a bad weight, or a bad option.
 */
export function runEvaluation(design: DesignDoc, x: Float64Array, y: Float64Array, days: Float64Array, pre: DayPeriod, post: DayPeriod, options: EvaluationOptions = {}): Result<EvaluationResult, StatsError> {
  const washed = applyWashout(pre, post, options.washout);
  if (!washed.ok) return washed;
  const counts = countDesignAreas(design, x, y, days, washed.value.pre, washed.value.post, options.weights);
  if (!counts.ok) return counts;
  // Synthetic designs: count the recorded eligible pool too (the placebo pool).
  const pool = options.synthetic === false || !syntheticWeightsOf(design) ? null : countSyntheticPool(design, x, y, days, washed.value.pre, washed.value.post, options.weights);
  if (pool && !pool.ok) return pool;
  const synthetic = pool?.value ? { ...(options.synthetic || {}), pool: pool.value } : options.synthetic;
  return ok(evaluateCounts(design, counts.value, washed.value.pre, washed.value.post, { ...options, synthetic }));
}
