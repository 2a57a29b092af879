/**
 * Runs an evaluation of a saved design from the panel's choices: the outcome (offense groups)
 * selects the points, optional harm weights (the panel's table, read by the CLI's reader) weight
 * them, the washout is the gap between the pre and the post period, and
 * shared/domain/evaluation/run-evaluation.ts does every statistic. Saving writes
 * `evaluations/<name>` (with the harm weights used) and a log entry.
 */
import { err, ok, type Result } from '../../../shared/base/result';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { parsePeriod, type DayPeriod } from '../../../shared/domain/design/period';
import { runEvaluation, type EvaluationResult } from '../../../shared/domain/evaluation/run-evaluation';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { formatAppError } from '../../../shared/base/errors';
import { harmWeightsForPoints, parseHarmRows, toHarmWeightsJson, type HarmTableRow } from '../../../shared/domain/evaluation/harm-table';
import { DEFAULT_OFFENSE_DICTIONARY } from '../../../shared/domain/ingest/offense-dictionary';
import type { Store } from '../../state/store';
import type { DesignData } from '../design/design-points';
import { logEntry } from '../project/project-tasks';

/** The panel's choices. */
export interface EvaluationChoices {
  readonly preFrom: string;
  readonly preTo: string;
  readonly postFrom: string;
  readonly postTo: string;
  /** Offense groups counted (names as in the data); empty = all incidents. */
  readonly groups: readonly string[];
  readonly family: 'poisson' | 'negative-binomial';
  /** Harm-weighted outcome: the weights table (null/absent = plain counts). */
  readonly harm?: readonly HarmTableRow[] | null;
}

/** Offense codes of the design points (same points, same order), or null when the dataset has none. */
export type PointCodes = readonly (string | null)[] | null;

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The washout implied by the gap between the periods (null when post starts the day after pre). */
export function washoutBetween(pre: DayPeriod, post: DayPeriod): DayPeriod | null {
  if (post.startDay <= pre.endDay) return null;
  return { from: iso(pre.endDay), to: iso(post.startDay - 1), startDay: pre.endDay, endDay: post.startDay };
}

/** Keeps the points whose group is in `groups` (all points when `groups` is empty); `keep` = their indexes (null = all). */
export function selectOutcome(data: DesignData, groups: readonly string[]): { x: Float64Array; y: Float64Array; days: Float64Array; keep: Int32Array | null } {
  const p = data.points;
  if (groups.length === 0 || !p.group) return { x: p.x, y: p.y, days: p.days, keep: null };
  const want = new Set(groups.map((g) => p.groupNames.indexOf(g)).filter((i) => i >= 0));
  const keep: number[] = [];
  for (let i = 0; i < p.x.length; i++) if (want.has(p.group[i]!)) keep.push(i);
  return { x: Float64Array.from(keep, (i) => p.x[i]!), y: Float64Array.from(keep, (i) => p.y[i]!), days: Float64Array.from(keep, (i) => p.days[i]!), keep: Int32Array.from(keep) };
}

/**
 * Per-point harm weights of the kept points: by offense code when `codes` is known (exactly as
 * `spi evaluate --harm`), else by offense group. Errors in plain words name the table row or the
 * offenses without a weight.
 */
export function harmWeightsOfChoice(data: DesignData, rows: readonly HarmTableRow[], codes: PointCodes, keep: Int32Array | null): Result<{ weights: Float64Array; label: string; note: string | null }, string> {
  const parsed = parseHarmRows(rows);
  if (!parsed.ok) return err(`Harm weights: ${formatAppError(parsed.error)}`);
  const p = data.points;
  const pick = <T>(all: ArrayLike<T>): T[] => (keep ? Array.from(keep, (i) => all[i]!) : Array.from(all));
  const group = p.group ? Int32Array.from(pick(p.group)) : null;
  const w = harmWeightsForPoints(codes ? pick(codes) : null, group, p.groupNames, parsed.value, DEFAULT_OFFENSE_DICTIONARY);
  if (!w.ok) return err(`Harm weights: ${formatAppError(w.error)}`);
  const note = !codes && parsed.value.byCode.size > 0 ? `the dataset has no offense codes, so the ${parsed.value.byCode.size} code row(s) were not used (groups and * only)` : null;
  return ok({ weights: w.value, label: `weights table, ${parsed.value.rows} rows${codes ? '' : ', by offense group'}`, note });
}

/** Runs the evaluation. Errors are plain words naming the bad choice. */
export function evaluateDesign(design: DesignDoc, data: DesignData, c: EvaluationChoices, codes: PointCodes = null): Result<EvaluationResult, string> {
  if (design.crs && design.crs !== data.crs) return err(`The design ${design.name} is in ${design.crs} but the incidents are in ${data.crs}: open the project it was made for.`);
  const pre = parsePeriod('pre period', `${c.preFrom}..${c.preTo}`);
  if (!pre.ok) return err(`Pre period: ${pre.error.kind === 'invalid-argument' ? pre.error.expected : 'invalid'}`);
  const post = parsePeriod('post period', `${c.postFrom}..${c.postTo}`);
  if (!post.ok) return err(`Post period: ${post.error.kind === 'invalid-argument' ? post.error.expected : 'invalid'}`);
  if (post.value.startDay < pre.value.endDay) return err('The post period must start after the pre period ends.');
  const pts = selectOutcome(data, c.groups);
  const outcomeLabel = c.groups.length ? `${c.groups.join(', ')} offenses` : 'all incidents';
  let harm: { weights: Float64Array; harmLabel: string } | null = null;
  let harmNote: string | null = null;
  if (c.harm) {
    const w = harmWeightsOfChoice(data, c.harm, codes, pts.keep);
    if (!w.ok) return w;
    harm = { weights: w.value.weights, harmLabel: w.value.label };
    harmNote = w.value.note;
  }
  // A weighted combination of sources: each record counts its source's weight (times its harm weight).
  const sw = data.sourceWeights ? (pts.keep ? Float64Array.from(pts.keep, (i) => data.sourceWeights![i]!) : data.sourceWeights) : null;
  if (sw) harm = { weights: harm ? harm.weights.map((w, i) => w * sw[i]!) : Float64Array.from(sw), harmLabel: [harm?.harmLabel, `source weights of ${data.dataset}`].filter(Boolean).join('; ') };
  const r = runEvaluation(design, pts.x, pts.y, pts.days, pre.value, post.value, { family: c.family, washout: washoutBetween(pre.value, post.value), outcomeLabel, ...(harm ?? {}) });
  if (!r.ok) return err(formatStatsError(r.error));
  return ok(harmNote ? { ...r.value, warnings: [...r.value.warnings, `harm weights: ${harmNote}`] } : r.value);
}

/** Key of a saved evaluation: evaluations/<design>-<yyyymmddThhmmss>. */
export function evaluationKey(design: string, at: Date): string {
  return `evaluations/${design}-${at.toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
}

/** Saves the result (plain JSON) with a log entry; returns the document key. */
export function saveEvaluation(store: Store, r: EvaluationResult, c: EvaluationChoices, data: DesignData): string {
  const key = evaluationKey(r.design, new Date());
  const outcome = c.groups.length ? c.groups.join(',') : 'all';
  const parsed = c.harm ? parseHarmRows(c.harm) : null;
  const harmWeights = parsed?.ok ? toHarmWeightsJson(parsed.value) : null;
  const doc = JSON.parse(JSON.stringify({ kind: 'evaluation', formatVersion: 1, outcome, ...(harmWeights ? { harmWeights } : {}), ...r }));
  const entry = { ...logEntry('evaluation.run', { design: r.design, pre: `${c.preFrom}..${c.preTo}`, post: `${c.postFrom}..${c.postTo}`, outcome, family: c.family, document: key, ...(harmWeights ? { harm: r.harm, harmWeights } : {}) }), dataHashes: { [data.dataset]: data.dataHash } };
  store.dispatch({ type: 'set-document', path: key, value: doc, log: entry });
  return key;
}
