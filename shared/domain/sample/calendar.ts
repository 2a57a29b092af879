/**
 * Calendar helpers for the sample city. Times are epoch milliseconds of local wall-clock time
 * encoded as UTC (see types.ts), so all arithmetic here uses UTC fields and whole days are
 * exactly 86,400,000 ms: no DST gaps or doubled hours.
 */
import type { StudyPeriod } from './types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * The study period: January 1 of `startYear` for `years` whole years. The planted intervention
 * starts on the first day of the middle month (2023-07-01 for 2022 + 3 years).
 */
export function studyPeriod(startYear: number, years: number): StudyPeriod {
  const startMs = Date.UTC(startYear, 0, 1);
  const endMs = Date.UTC(startYear + years, 0, 1);
  const mid = Math.floor((12 * years) / 2);
  const interventionMs = Date.UTC(startYear + Math.floor(mid / 12), mid % 12, 1);
  return { startMs, endMs, days: Math.round((endMs - startMs) / DAY_MS), interventionMs };
}

/** Day of week with Monday = 0 ... Sunday = 6. */
export function weekdayMon0(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

/** Fractional year position 0..1 of a time (for seasonal curves). */
export function yearFraction(ms: number): number {
  const d = new Date(ms);
  const y0 = Date.UTC(d.getUTCFullYear(), 0, 1);
  const y1 = Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  return (ms - y0) / (y1 - y0);
}

/**
 * Numbers rows sorted by time within each calendar year (1, 2, ... restarting every January 1):
 * `next(ms)` returns the sequence number of the next row; `year` is that row's year.
 */
export class YearCounter {
  year = Number.NaN;
  private seq = 0;
  private yearEnd = Number.NEGATIVE_INFINITY;
  private yearStart = Number.POSITIVE_INFINITY;

  next(ms: number): number {
    if (ms >= this.yearEnd || ms < this.yearStart) {
      this.year = new Date(ms).getUTCFullYear();
      this.yearStart = Date.UTC(this.year, 0, 1);
      this.yearEnd = Date.UTC(this.year + 1, 0, 1);
      this.seq = 0;
    }
    return ++this.seq;
  }
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const HHMM: readonly string[] = Array.from({ length: 1440 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);
const US_TIME: readonly string[] = Array.from({ length: 1440 }, (_, m) => {
  const h = Math.floor(m / 60);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${pad2(m % 60)} ${h < 12 ? 'AM' : 'PM'}`;
});

/**
 * Formats times quickly for million-row exports: day strings are cached per day number, times of
 * day come from 1,440-entry tables. Not for times before 1970 (negative day numbers still work,
 * they are just not special-cased).
 */
export class DateFormatter {
  private readonly isoDays = new Map<number, string>();
  private readonly usDays = new Map<number, string>();

  private day(ms: number, us: boolean): string {
    const dn = Math.floor(ms / DAY_MS);
    const cache = us ? this.usDays : this.isoDays;
    let s = cache.get(dn);
    if (s === undefined) {
      const d = new Date(dn * DAY_MS);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + 1;
      const dd = d.getUTCDate();
      s = us ? `${m}/${dd}/${y}` : `${y}-${pad2(m)}-${pad2(dd)}`;
      cache.set(dn, s);
    }
    return s;
  }

  /** "2024-03-01 14:05". */
  iso(ms: number): string {
    const minute = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / MINUTE_MS);
    return `${this.day(ms, false)} ${HHMM[minute] ?? '00:00'}`;
  }

  /** "2024-03-01 14:05:09". */
  isoSeconds(ms: number): string {
    const inDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
    const minute = Math.floor(inDay / MINUTE_MS);
    const second = Math.floor((inDay - minute * MINUTE_MS) / 1000);
    return `${this.day(ms, false)} ${HHMM[minute] ?? '00:00'}:${pad2(second)}`;
  }

  /** "3/1/2024 2:05 PM" (US style, no leading zeros, 12-hour clock). */
  us(ms: number): string {
    const minute = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / MINUTE_MS);
    return `${this.day(ms, true)} ${US_TIME[minute] ?? '12:00 AM'}`;
  }

  /** "2024-03-01". */
  isoDate(ms: number): string {
    return this.day(ms, false);
  }
}
