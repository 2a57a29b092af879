/**
 * Runs an evaluation of a saved design from the panel's choices: the outcome (offense groups)
 * selects the points, the washout is the gap between the pre and the post period, and
 * shared/domain/evaluation/run-evaluation.ts does every statistic. Saving writes
 * `evaluations/<name>` with a log entry.
 */
import { err, ok, type Result } from '../../../shared/base/result';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { parsePeriod, type DayPeriod } from '../../../shared/domain/design/period';
import { runEvaluation, type EvaluationResult } from '../../../shared/domain/evaluation/run-evaluation';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
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
}

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The washout implied by the gap between the periods (null when post starts the day after pre). */
export function washoutBetween(pre: DayPeriod, post: DayPeriod): DayPeriod | null {
  if (post.startDay <= pre.endDay) return null;
  return { from: iso(pre.endDay), to: iso(post.startDay - 1), startDay: pre.endDay, endDay: post.startDay };
}

/** Keeps the points whose group is in `groups` (all points when `groups` is empty). */
export function selectOutcome(data: DesignData, groups: readonly string[]): { x: Float64Array; y: Float64Array; days: Float64Array } {
  const p = data.points;
  if (groups.length === 0 || !p.group) return { x: p.x, y: p.y, days: p.days };
  const want = new Set(groups.map((g) => p.groupNames.indexOf(g)).filter((i) => i >= 0));
  const keep: number[] = [];
  for (let i = 0; i < p.x.length; i++) if (want.has(p.group[i]!)) keep.push(i);
  return { x: Float64Array.from(keep, (i) => p.x[i]!), y: Float64Array.from(keep, (i) => p.y[i]!), days: Float64Array.from(keep, (i) => p.days[i]!) };
}

/** Runs the evaluation. Errors are plain words naming the bad choice. */
export function evaluateDesign(design: DesignDoc, data: DesignData, c: EvaluationChoices): Result<EvaluationResult, string> {
  if (design.crs && design.crs !== data.crs) return err(`The design ${design.name} is in ${design.crs} but the incidents are in ${data.crs}: open the project it was made for.`);
  const pre = parsePeriod('pre period', `${c.preFrom}..${c.preTo}`);
  if (!pre.ok) return err(`Pre period: ${pre.error.kind === 'invalid-argument' ? pre.error.expected : 'invalid'}`);
  const post = parsePeriod('post period', `${c.postFrom}..${c.postTo}`);
  if (!post.ok) return err(`Post period: ${post.error.kind === 'invalid-argument' ? post.error.expected : 'invalid'}`);
  if (post.value.startDay < pre.value.endDay) return err('The post period must start after the pre period ends.');
  const pts = selectOutcome(data, c.groups);
  const outcomeLabel = c.groups.length ? `${c.groups.join(', ')} offenses` : 'all incidents';
  const r = runEvaluation(design, pts.x, pts.y, pts.days, pre.value, post.value, { family: c.family, washout: washoutBetween(pre.value, post.value), outcomeLabel });
  return r.ok ? ok(r.value) : err(formatStatsError(r.error));
}

/** Key of a saved evaluation: evaluations/<design>-<yyyymmddThhmmss>. */
export function evaluationKey(design: string, at: Date): string {
  return `evaluations/${design}-${at.toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
}

/** Saves the result (plain JSON) with a log entry; returns the document key. */
export function saveEvaluation(store: Store, r: EvaluationResult, c: EvaluationChoices, data: DesignData): string {
  const key = evaluationKey(r.design, new Date());
  const outcome = c.groups.length ? c.groups.join(',') : 'all';
  const doc = JSON.parse(JSON.stringify({ kind: 'evaluation', formatVersion: 1, outcome, ...r }));
  const entry = { ...logEntry('evaluation.run', { design: r.design, pre: `${c.preFrom}..${c.preTo}`, post: `${c.postFrom}..${c.postTo}`, outcome, family: c.family, document: key }), dataHashes: { [data.dataset]: data.dataHash } };
  store.dispatch({ type: 'set-document', path: key, value: doc, log: entry });
  return key;
}
