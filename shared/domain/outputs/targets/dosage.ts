/**
 * Dosage plans for hot-spot patrol in the manner of Koper (1995, "Just enough police presence:
 * reducing crime and disorderly behavior by optimizing patrol time in crime hot spots", Justice
 * Quarterly 12(4)): short visits of about 10-15 minutes (Koper found the residual deterrence
 * grows with stop length up to about 15 minutes), at unpredictable times, a few per shift.
 * The plan puts each visit at a random start inside the shift's recommended windows; seeded,
 * so the same seed gives the same plan and a supervisor can re-derive it.
 */
import { createRng, deriveSeed } from '../../../base/random';
import { DAY_NAMES, type PatrolWindow } from './aoristic';

/** How many visits, how long, and the seed. */
export interface DosageOptions {
  /** Visit length in minutes (default 15; Koper's optimum 10-15). */
  readonly minutes: number;
  /** Visits per shift (default 2). */
  readonly visitsPerShift: number;
  readonly seed: number;
}

/** One planned visit: `minutes` from `startMinute` (minutes after midnight) on `day` (0 = Monday). */
export interface DosageVisit {
  readonly shift: string;
  readonly day: number;
  readonly startMinute: number;
  readonly minutes: number;
}

/**
 * Plans visits for one area: for every shift with windows, `visitsPerShift` visits, each in a
 * window drawn with probability proportional to its aoristic weight, at a start minute drawn
 * uniformly so the visit ends inside the window; visits in one window never overlap (a draw that
 * would overlap is retried, up to 50 times; a window too full gives fewer visits). The random
 * stream is derived from `seed` and `areaId`, so areas do not shift each other's plans.
 * Sorted by day, then start.
 */
export function planDosage(windows: readonly PatrolWindow[], options: DosageOptions, areaId: string): DosageVisit[] {
  const rng = createRng(deriveSeed(options.seed, `dosage:${areaId}`));
  const out: DosageVisit[] = [];
  const shifts = [...new Set(windows.map((w) => w.shift))];
  for (const shift of shifts) {
    const ws = windows.filter((w) => w.shift === shift && w.hours * 60 >= options.minutes);
    const total = ws.reduce((s, w) => s + w.weight, 0);
    if (ws.length === 0 || !(total > 0)) continue;
    const taken: DosageVisit[] = [];
    for (let v = 0; v < options.visitsPerShift; v++) {
      for (let attempt = 0; attempt < 50; attempt++) {
        let u = rng.next() * total;
        let w = ws[ws.length - 1]!;
        for (const c of ws) {
          if (u < c.weight) {
            w = c;
            break;
          }
          u -= c.weight;
        }
        const span = w.hours * 60 - options.minutes;
        const start = w.startHour * 60 + rng.int(span + 1);
        const visit = { shift, day: (w.day + Math.floor(start / 1440)) % 7, startMinute: start % 1440, minutes: options.minutes };
        const abs = (d: DosageVisit) => d.day * 1440 + d.startMinute;
        if (taken.some((t) => Math.abs(abs(t) - abs(visit)) < options.minutes)) continue;
        taken.push(visit);
        break;
      }
    }
    out.push(...taken);
  }
  return out.sort((a, b) => a.day - b.day || a.startMinute - b.startMinute);
}

const hhmm = (m: number) => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "Fri 22:37-22:52 (Evening)". */
export function formatVisit(v: DosageVisit): string {
  return `${DAY_NAMES[v.day]} ${hhmm(v.startMinute)}-${hhmm(v.startMinute + v.minutes)} (${v.shift})`;
}

/**
 * Parses a visit length: "15m", "15", "15min", "0.25h". Null when malformed or outside
 * 1..120 minutes.
 */
export function parseVisitLength(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|mins|minutes|h|hr|hours)?\s*$/i.exec(text);
  if (!m) return null;
  const v = Number(m[1]) * (m[2] && /^h/i.test(m[2]) ? 60 : 1);
  return Number.isInteger(v) && v >= 1 && v <= 120 ? v : null;
}
