/**
 * Study periods ("2022-01-01..2023-06-30", both ends inclusive) as day numbers, and the calendar
 * months they cover, for designs (the matching pre period) and evaluations (pre/post).
 */
import { err, ok, type Result } from '../../base/result';
import type { AppError } from '../../base/errors';

/** An inclusive range of whole days, as days since 1970-01-01 (UTC). */
export interface DayPeriod {
  readonly from: string;
  readonly to: string;
  /** First day (inclusive) and the day after the last (exclusive), days since the epoch. */
  readonly startDay: number;
  readonly endDay: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayOf(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return t / 86_400_000;
}

/**
 * Parses "YYYY-MM-DD..YYYY-MM-DD" (both days included). Errors name the option and the text:
 * a malformed or impossible date, or an end before the start.
 */
export function parsePeriod(name: string, text: string): Result<DayPeriod, AppError> {
  const parts = text.split('..');
  const bad = (expected: string) => err<AppError>({ kind: 'invalid-argument', name, value: text, expected });
  if (parts.length !== 2) return bad('a period FROM..TO such as 2022-01-01..2023-06-30');
  const a = dayOf(parts[0]!.trim());
  const b = dayOf(parts[1]!.trim());
  if (a === null || b === null) return bad('two real dates YYYY-MM-DD..YYYY-MM-DD');
  if (b < a) return bad('an end date on or after the start date');
  return ok({ from: parts[0]!.trim(), to: parts[1]!.trim(), startDay: a, endDay: b + 1 });
}

/** One calendar month's part of a period: the month label, its first day and its length in days. */
export interface PeriodMonth {
  readonly label: string;
  readonly startDay: number;
  readonly endDay: number;
  readonly days: number;
}

/**
 * The calendar months a period touches, clipped to the period (a period starting mid-month
 * gives a short first month; `days` is the exposure of each).
 */
export function periodMonths(p: DayPeriod): PeriodMonth[] {
  const out: PeriodMonth[] = [];
  let d = new Date(p.startDay * 86_400_000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (;;) {
    const first = Date.UTC(y, m, 1) / 86_400_000;
    if (first >= p.endDay) break;
    const next = Date.UTC(y, m + 1, 1) / 86_400_000;
    const s = Math.max(first, p.startDay);
    const e = Math.min(next, p.endDay);
    out.push({ label: `${y}-${String(m + 1).padStart(2, '0')}`, startDay: s, endDay: e, days: e - s });
    d = new Date(next * 86_400_000);
    y = d.getUTCFullYear();
    m = d.getUTCMonth();
  }
  return out;
}

/** Index into `months` of the month holding `day` (fractional days allowed), or -1 outside. */
export function monthIndexOf(months: readonly PeriodMonth[], day: number): number {
  if (!Number.isFinite(day)) return -1;
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const mm = months[mid]!;
    if (day < mm.startDay) hi = mid - 1;
    else if (day >= mm.endDay) lo = mid + 1;
    else return mid;
  }
  return -1;
}
