/**
 * Playback steps: the data's date range cut into weeks (Monday to Sunday, as the histogram's ISO
 * weeks) or calendar months, and for each step the window shown: the step itself, or the N days
 * ending on the step's last day (a moving window). Pure: no React, no engine.
 */

const DAY_MS = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** How far each step moves. */
export type PlaybackStep = 'week' | 'month';

/** One frame of the playback: the filter's date range (ISO days, both included). */
export interface PlaybackFrame {
  readonly from: string;
  readonly to: string;
}

/**
 * The frames from `minDay` to `maxDay`: the ends of successive weeks (Sunday) or months (last
 * day), starting with the step that holds `minDay` and ending with the one that holds `maxDay`.
 * `windowDays` null: each frame is its step (Monday..Sunday, 1st..last); a number N: the N days
 * ending on the step's last day (28 days moving by a week, 365 by a month...). Empty when either
 * day is missing or `maxDay < minDay`. At most `limit` frames (default 2000), keeping the last.
 */
export function playbackFrames(minDay: string | null, maxDay: string | null, step: PlaybackStep, windowDays: number | null, limit = 2000): PlaybackFrame[] {
  if (minDay === null || maxDay === null || maxDay < minDay) return [];
  const frames: PlaybackFrame[] = [];
  const end = ms(maxDay);
  let start: number;
  if (step === 'week') {
    const d = new Date(ms(minDay));
    start = ms(minDay) - ((d.getUTCDay() + 6) % 7) * DAY_MS;
  } else {
    start = Date.UTC(Number(minDay.slice(0, 4)), Number(minDay.slice(5, 7)) - 1, 1);
  }
  while (start <= end) {
    const d = new Date(start);
    const next = step === 'week' ? start + 7 * DAY_MS : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const last = next - DAY_MS;
    const from = windowDays === null ? start : last - (Math.max(1, Math.floor(windowDays)) - 1) * DAY_MS;
    frames.push({ from: iso(from), to: iso(last) });
    start = next;
  }
  return frames.length > limit ? frames.slice(frames.length - limit) : frames;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar – 9 Mar 2024", "28 Dec 2023 – 3 Jan 2024", or "Mar 2024" for a whole calendar month. */
export function formatFrame(f: PlaybackFrame): string {
  const [fy, fm, fd] = f.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = f.to.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd === 1 && fy === ty && fm === tm && td === monthEnd) return `${MONTHS[fm - 1]} ${fy}`;
  const left = `${fd} ${MONTHS[fm - 1]}${fy !== ty ? ` ${fy}` : ''}`;
  return `${left} – ${td} ${MONTHS[tm - 1]} ${ty}`;
}

/** Index of the frame whose window ends on or after `day` (the first frame when none is given). */
export function frameIndexOf(frames: readonly PlaybackFrame[], day: string | null): number {
  if (day === null) return 0;
  const i = frames.findIndex((f) => f.to >= day);
  return i < 0 ? Math.max(0, frames.length - 1) : i;
}
