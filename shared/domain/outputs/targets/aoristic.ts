/**
 * The aoristic hour-by-day grid (Ratcliffe 2000, "Aoristic analysis: the spatial interpretation
 * of unspecific temporal events", IJGIS 14(7)): an incident known only to have happened between
 * occurred_from and occurred_to counts 1/k in each of the k clock hours that window touches, so
 * a burglary "some time between 18:00 Friday and 08:00 Monday" spreads over the weekend instead
 * of piling on 18:00 Friday. Peak days and hours, and the recommended patrol windows, are read
 * from this grid.
 */

/** Days of the week, Monday first (the grid's row order). */
export const DAY_NAMES: readonly string[] = Object.freeze(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

/** Default cap on the window an incident is spread over: 168 hours (7 days). */
export const DEFAULT_CAP_HOURS = 168;

const HOUR_MS = 3_600_000;

/** A 7 x 24 grid of aoristic weight: `weights[day * 24 + hour]`, day 0 = Monday. */
export interface AoristicGrid {
  readonly weights: Float64Array;
  /** Sum of all weights (= incidents with a usable occurred_from). */
  readonly total: number;
  /** Incidents whose window was longer than the cap (spread over the first `capHours` only). */
  readonly capped: number;
  /** Incidents without a usable occurred_from (not in the grid). */
  readonly undated: number;
  /** Incidents whose occurred_to was before occurred_from (taken as the from hour alone). */
  readonly reversed: number;
}

/** Day of week (0 = Monday) and hour of an absolute hour number (hours since 1970-01-01 00:00, a Thursday). */
function cellOfHour(h: number): number {
  const day = Math.floor(h / 24);
  const dow = (((day + 3) % 7) + 7) % 7;
  const hour = ((h % 24) + 24) % 24;
  return dow * 24 + hour;
}

/**
 * Builds the grid for the incidents `rows` (indices into the columns; all when null).
 * Convention: the window [from, to] touches clock hours floor(from/1h) .. ceil(to/1h) - 1 (a `to`
 * exactly on the hour does not touch the hour it starts); k = their number, at least 1 (a missing
 * or equal `to` means the from hour alone); each touched hour gets 1/k. Windows longer than
 * `capHours` (default 168 = 7 days) are spread over their first `capHours` hours: at 168 that is
 * every hour of the week once, i.e. "time unknown". Times are naive local (epoch ms of wall-clock
 * time, as ingest stores them), so hours are the hours the analyst reads in the RMS.
 * Check: from Mon 10:30 to Mon 12:15 -> 1/3 in each of Mon 10, 11 and 12.
 */
export function computeAoristicGrid(
  fromMs: ArrayLike<number>,
  toMs: ArrayLike<number> | null,
  rows: ArrayLike<number> | null = null,
  capHours = DEFAULT_CAP_HOURS,
): AoristicGrid {
  const weights = new Float64Array(168);
  const cap = Math.max(1, Math.floor(capHours));
  let total = 0;
  let capped = 0;
  let undated = 0;
  let reversed = 0;
  const n = rows ? rows.length : fromMs.length;
  for (let r = 0; r < n; r++) {
    const i = rows ? (rows[r] as number) : r;
    const f = fromMs[i] as number;
    if (!Number.isFinite(f)) {
      undated++;
      continue;
    }
    const t = toMs ? (toMs[i] as number) : Number.NaN;
    const h0 = Math.floor(f / HOUR_MS);
    let k = 1;
    if (Number.isFinite(t)) {
      if (t < f) reversed++;
      else k = Math.max(1, Math.ceil(t / HOUR_MS) - h0);
    }
    if (k > cap) {
      capped++;
      k = cap;
    }
    const w = 1 / k;
    for (let h = h0; h < h0 + k; h++) {
      const cell = cellOfHour(h);
      weights[cell] = (weights[cell] as number) + w;
    }
    total += 1;
  }
  return { weights, total, capped, undated, reversed };
}

/** Weight per day of week (Monday first) and per hour of day, from a grid. */
export function marginals(grid: AoristicGrid): { byDay: Float64Array; byHour: Float64Array } {
  const byDay = new Float64Array(7);
  const byHour = new Float64Array(24);
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; h++) {
      const w = grid.weights[d * 24 + h] as number;
      byDay[d] = (byDay[d] as number) + w;
      byHour[h] = (byHour[h] as number) + w;
    }
  }
  return { byDay, byHour };
}

/** Indices of the `k` largest positive values (ties: lower index first). */
function topK(values: Float64Array, k: number): number[] {
  return Array.from(values.keys())
    .filter((i) => (values[i] as number) > 1e-12)
    .sort((a, b) => (values[b] as number) - (values[a] as number) || a - b)
    .slice(0, k);
}

/** "22:00" for hour 22. */
export function formatHour(h: number): string {
  return `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;
}

/**
 * The peak days (top `days`, default 2) and peak hours of day (top `hours`, default 3, each as
 * "22:00-23:00"), by aoristic weight; fewer when fewer have any weight.
 */
export function peakTimes(grid: AoristicGrid, days = 2, hours = 3): { days: string[]; hours: string[] } {
  const m = marginals(grid);
  return {
    days: topK(m.byDay, days).map((d) => DAY_NAMES[d]!),
    hours: topK(m.byHour, hours).map((h) => `${formatHour(h)}-${formatHour(h + 1)}`),
  };
}

/** A patrol shift: clock hours [start, end) (wrapping past midnight when end <= start). */
export interface Shift {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Default shifts: Day 07-15, Evening 15-23, Night 23-07 (three 8-hour watches). */
export const DEFAULT_SHIFTS: readonly Shift[] = Object.freeze([
  { name: 'Day', start: 7, end: 15 },
  { name: 'Evening', start: 15, end: 23 },
  { name: 'Night', start: 23, end: 7 },
]);

/** A recommended patrol window: `hours` clock hours from `startHour` on `day` (0 = Monday). */
export interface PatrolWindow {
  readonly shift: string;
  readonly day: number;
  readonly startHour: number;
  readonly hours: number;
  /** Aoristic weight inside the window. */
  readonly weight: number;
}

/** "Fri 22:00-00:00" (named by the day the window starts on). */
export function formatWindow(w: PatrolWindow): string {
  return `${DAY_NAMES[w.day]} ${formatHour(w.startHour)}-${formatHour(w.startHour + w.hours)}`;
}

/**
 * The top `perShift` contiguous windows of `hours` clock hours (default 2) inside each shift,
 * over the 7 days, by aoristic weight: a window lies wholly inside one shift (a night shift
 * starting 23:00 Friday runs into Saturday morning: its window from 01:00 is "Sat 01:00-03:00"), windows
 * of one shift never overlap, and windows without weight are not recommended. Ties go to the
 * earlier day and hour (Monday first). Sorted by shift, then weight descending.
 */
export function patrolWindows(grid: AoristicGrid, shifts: readonly Shift[] = DEFAULT_SHIFTS, hours = 2, perShift = 2): PatrolWindow[] {
  const out: PatrolWindow[] = [];
  for (const s of shifts) {
    const length = ((s.end - s.start + 23) % 24) + 1;
    if (length < hours) continue;
    const candidates: { day: number; offset: number; weight: number }[] = [];
    for (let day = 0; day < 7; day++) {
      for (let offset = 0; offset + hours <= length; offset++) {
        let w = 0;
        for (let j = 0; j < hours; j++) {
          const abs = day * 24 + s.start + offset + j;
          w += grid.weights[abs % 168] as number;
        }
        candidates.push({ day, offset, weight: w });
      }
    }
    candidates.sort((a, b) => b.weight - a.weight || a.day - b.day || a.offset - b.offset);
    const chosen: { day: number; offset: number }[] = [];
    for (const c of candidates) {
      if (chosen.length >= perShift || c.weight <= 1e-12) break;
      if (chosen.some((o) => o.day === c.day && Math.abs(o.offset - c.offset) < hours)) continue;
      chosen.push(c);
      out.push({ shift: s.name, day: (c.day + Math.floor((s.start + c.offset) / 24)) % 7, startHour: (s.start + c.offset) % 24, hours, weight: c.weight });
    }
  }
  return out;
}
