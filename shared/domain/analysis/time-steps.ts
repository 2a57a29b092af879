/**
 * Time steps for space-time analyses: calendar weeks (Monday to Sunday, ISO 8601) or calendar
 * months. Dates are days since 1970-01-01 of NAIVE local wall-clock time (RMS exports carry no
 * zone; DuckDB's TIMESTAMP epoch / 86400), so calendar arithmetic is done in UTC and no DST
 * shift can move an incident into another step.
 */

export type TimeStep = 'week' | 'month';

const DAY_MS = 86_400_000;

/** Monday on or before day d (1970-01-01, day 0, was a Thursday). */
function mondayOf(day: number): number {
  const d = Math.floor(day);
  return d - (((d + 3) % 7) + 7) % 7;
}

function monthOf(day: number): number {
  const date = new Date(Math.floor(day) * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Steps of a set of dates: which step each date falls in, and when each step starts. */
export interface TimeSteps {
  readonly step: TimeStep;
  /** Step index per date (0 = the step of the earliest date), -1 for NaN dates. */
  readonly index: Int32Array;
  /** Number of steps from the earliest to the latest date, both included. */
  readonly steps: number;
  /** First day (YYYY-MM-DD) of each step. */
  readonly starts: string[];
  /** The earliest date does not fall on the first step's first day (the step is partial). */
  readonly firstPartial: boolean;
  /** The latest date does not fall on the last step's last day. */
  readonly lastPartial: boolean;
}

/**
 * Assigns dates (days since the epoch, fractions allowed) to calendar steps. With no finite date,
 * zero steps.
 */
export function assignTimeSteps(days: ArrayLike<number>, step: TimeStep): TimeSteps {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (!Number.isFinite(d)) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const index = new Int32Array(days.length).fill(-1);
  if (!Number.isFinite(min)) return { step, index, steps: 0, starts: [], firstPartial: false, lastPartial: false };
  const key = step === 'week' ? (d: number) => mondayOf(d) / 7 : monthOf;
  const first = key(min);
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (Number.isFinite(d)) index[i] = key(d) - first;
  }
  const steps = key(max) - first + 1;
  const starts: string[] = [];
  for (let t = 0; t < steps; t++) {
    if (step === 'week') starts.push(isoDay(mondayOf(min) + 7 * t));
    else {
      const m = first + t;
      starts.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`);
    }
  }
  const startDay = (t: number) => Math.round(Date.parse(`${starts[t]}T00:00:00Z`) / DAY_MS);
  const lastEnd = step === 'week' ? startDay(steps - 1) + 6 : (() => {
    const m = first + steps; // first day of the month after the last step
    return Math.round(Date.UTC(Math.floor(m / 12), m % 12, 1) / DAY_MS) - 1;
  })();
  return { step, index, steps, starts, firstPartial: Math.floor(min) !== startDay(0), lastPartial: Math.floor(max) !== lastEnd };
}
