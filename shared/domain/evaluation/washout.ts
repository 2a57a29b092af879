/**
 * The washout (or implementation) period: days left out between the pre and the post period,
 * while the intervention is being set up, so a half-implemented month counts for neither.
 */
import { err, ok, type Result } from '../../base/result';
import type { DayPeriod } from '../design/period';
import { invalidArgument, type StatsError } from './stats-error';

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The periods after removing the washout, and the washout itself. */
export interface WashedPeriods {
  readonly pre: DayPeriod;
  readonly post: DayPeriod;
  readonly washout: DayPeriod | null;
  /** Days cut from the pre and the post period. */
  readonly cutPreDays: number;
  readonly cutPostDays: number;
}

/**
 * Removes `washout` (inclusive days) from the periods: it may lie between them, overlap the end
 * of the pre period, or the start of the post period (those are shortened). Errors: a washout
 * inside a period away from its edges (it would split the period), or one that swallows a whole
 * period. Without a washout the periods are returned unchanged.
 */
export function applyWashout(pre: DayPeriod, post: DayPeriod, washout: DayPeriod | null | undefined): Result<WashedPeriods, StatsError> {
  if (!washout) return ok({ pre, post, washout: null, cutPreDays: 0, cutPostDays: 0 });
  const label = `${washout.from}..${washout.to}`;
  let p0 = pre;
  let p1 = post;
  const cut = (p: DayPeriod, start: number, end: number): DayPeriod => ({ from: iso(start), to: iso(end - 1), startDay: start, endDay: end });
  for (const [which, p] of [['pre', pre], ['post', post]] as const) {
    if (washout.endDay <= p.startDay || washout.startDay >= p.endDay) continue;
    const coversStart = washout.startDay <= p.startDay;
    const coversEnd = washout.endDay >= p.endDay;
    if (coversStart && coversEnd) return err(invalidArgument('--washout', label, `a washout that leaves some of the ${which} period ${p.from}..${p.to}`));
    if (!coversStart && !coversEnd) return err(invalidArgument('--washout', label, `a washout between the periods or at an edge of one (it falls inside the ${which} period ${p.from}..${p.to})`));
    const next = coversStart ? cut(p, washout.endDay, p.endDay) : cut(p, p.startDay, washout.startDay);
    if (which === 'pre') p0 = next;
    else p1 = next;
  }
  const days = (p: DayPeriod) => p.endDay - p.startDay;
  return ok({ pre: p0, post: p1, washout, cutPreDays: days(pre) - days(p0), cutPostDays: days(post) - days(p1) });
}
