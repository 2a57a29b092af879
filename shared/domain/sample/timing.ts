/**
 * When sample incidents happen: day samplers (day-of-week x summer peak), hour samplers, occurred
 * windows (exact, short, workday, overnight, multi-day) and reporting delays.
 */
import type { AliasSampler, Rng } from '../../base/random';
import { createAliasSampler } from '../../base/random';
import { DAY_MS, HOUR_MS, MINUTE_MS, weekdayMon0, yearFraction } from './calendar';
import type { PlaceShape, ReportDelay } from './profiles';
import type { StudyPeriod } from './types';

/** Peak of the seasonal curve as a year fraction (mid-July). */
const SEASON_PEAK = 196 / 365;

/** Caches samplers per curve so that 30 offenses share a handful of tables. */
export class TimingModel {
  private readonly days = new Map<string, AliasSampler>();
  private readonly hours = new Map<readonly number[], AliasSampler>();

  constructor(private readonly period: StudyPeriod) {}

  /** Day index sampler for a day-of-week curve and a summer-peak amplitude. */
  daySampler(weekday: readonly number[], season: number): AliasSampler {
    const key = `${weekday.join(',')}|${season}`;
    let s = this.days.get(key);
    if (!s) {
      const w = new Float64Array(this.period.days);
      for (let d = 0; d < w.length; d++) {
        const ms = this.period.startMs + d * DAY_MS;
        const seasonal = 1 + season * Math.cos(2 * Math.PI * (yearFraction(ms) - SEASON_PEAK));
        w[d] = (weekday[weekdayMon0(ms)] ?? 1) * seasonal;
      }
      s = createAliasSampler(w);
      this.days.set(key, s);
    }
    return s;
  }

  /** Hour-of-day sampler for a 24-value curve. */
  hourSampler(curve: readonly number[]): AliasSampler {
    let s = this.hours.get(curve);
    if (!s) {
      s = createAliasSampler(curve);
      this.hours.set(curve, s);
    }
    return s;
  }

  /** A time of day on a quarter hour: startMin + 15 * (0..slots-1) minutes, in ms. */
  private quarter(rng: Rng, startMin: number, slots: number): number {
    return (startMin + 15 * rng.int(slots)) * MINUTE_MS;
  }

  /**
   * Draws the occurred window of an incident on day `day` (index in the period) for a place
   * shape, writing [from, to] epoch ms into `out`. Exact times are rounded to :00 or :30 three
   * times in ten, as victims and officers do.
   */
  drawWindow(shape: PlaceShape, day: number, rng: Rng, out: Float64Array): void {
    const day0 = this.period.startMs + day * DAY_MS;
    const kind = rng.pickWeighted(shape.windows);
    switch (kind) {
      case 0: // exact
      case 1: { // short: 5 minutes to 2 hours
        const hour = this.hourSampler(shape.hours).sample(rng);
        let minute = rng.int(60);
        if (rng.chance(0.3)) minute = rng.chance(0.5) ? 0 : 30;
        const from = day0 + hour * HOUR_MS + minute * MINUTE_MS;
        out[0] = from;
        out[1] = kind === 0 ? from : from + 5 * (1 + rng.int(24)) * MINUTE_MS;
        return;
      }
      case 2: // workday: left home 06:30-09:30, back 15:30-19:00
        out[0] = day0 + this.quarter(rng, 390, 13);
        out[1] = day0 + this.quarter(rng, 930, 15);
        return;
      case 3: // overnight: 17:00-23:30 until 05:30-09:00 next morning
        out[0] = day0 + this.quarter(rng, 1020, 27);
        out[1] = day0 + DAY_MS + this.quarter(rng, 330, 15);
        return;
      default: {
        // multi-day: away for a weekend or a trip
        const from = day0 + this.quarter(rng, 480, 48);
        out[0] = from;
        out[1] = from + (1 + rng.int(4)) * DAY_MS + rng.int(16) * HOUR_MS;
      }
    }
  }
}

/** Minutes between the end of the occurred window and the report, by delay kind. */
export function drawReportDelayMs(kind: ReportDelay, rng: Rng): number {
  let minutes: number;
  switch (kind) {
    case 'immediate':
      minutes = 2 + rng.exponential(12);
      break;
    case 'soon':
      minutes = 5 + rng.exponential(40);
      break;
    case 'later':
      minutes = 15 + rng.exponential(300);
      break;
    case 'weeks':
      minutes = Math.min(60 + rng.exponential(7 * 1440), 90 * 1440);
      break;
  }
  return Math.round(minutes) * MINUTE_MS;
}
