import { useState } from 'react';
import { nextBucket, type TimeHistogram as Histogram } from '../../../shared/domain/explore/chart-queries';
import { computeRollingMean, ROLLING_WINDOWS } from '../../../shared/domain/explore/ranked-charts';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/**
 * Incidents per week or month (SVG bars, filled with zeros). Click a bar to filter to its dates;
 * press on one bar and release on another to brush a range; click the chosen range again to
 * clear it. The histogram ignores the date filter itself (it highlights it instead). A line shows
 * the trailing rolling average over a chosen number of buckets (4, 8 or 13 weeks; 3, 6 or 12
 * months; or off), drawn from the first full window on.
 */
export function TimeHistogram(props: {
  histogram: Histogram;
  filter: ExploreFilter;
  onDates: (from: string | null, to: string | null) => void;
  onBucket: (b: 'week' | 'month') => void;
}) {
  const { histogram: h, filter, onDates, onBucket } = props;
  const [anchor, setAnchor] = useState<number | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [windows, setWindows] = useState<Record<'week' | 'month', number>>({ week: 4, month: 3 });
  const win = windows[h.bucket];
  const n = h.count.length;
  const W = 720;
  const H = 110;
  const pad = { l: 36, r: 6, t: 6, b: 18 };
  let max = 1;
  for (let i = 0; i < n; i++) max = Math.max(max, h.count[i] as number);
  const bw = (W - pad.l - pad.r) / Math.max(1, n);
  const rolling = win > 1 ? computeRollingMean(h.count, win) : null;
  const linePoints: string[] = [];
  if (rolling) for (let i = 0; i < n; i++) if (Number.isFinite(rolling[i])) linePoints.push(`${(pad.l + (i + 0.5) * bw).toFixed(1)},${(H - pad.b - ((H - pad.t - pad.b) * (rolling[i] as number)) / max).toFixed(1)}`);
  const endOf = (i: number) => isoDay(nextBucket(h.start[i] as number, h.bucket) - DAY_MS);
  const from = filter.dateFrom;
  const to = filter.dateTo;
  const selected = (i: number) => {
    const s = isoDay(h.start[i] as number);
    const e = endOf(i);
    return (from !== null || to !== null) && (from === null || e >= from) && (to === null || s <= to);
  };
  const commit = (a: number, b: number) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const f = isoDay(h.start[lo] as number);
    const t = endOf(hi);
    if (f === from && t === to) onDates(null, null);
    else onDates(f, t);
  };
  const years: { x: number; label: string }[] = [];
  for (let i = 0; i < n; i++) {
    // A bucket belongs to the year of its middle: the ISO week starting 2021-12-27 is mostly 2022.
    const MID = 3.5 * 86_400_000;
    const d = new Date((h.start[i] as number) + MID);
    const prev = i > 0 ? new Date((h.start[i - 1] as number) + MID) : null;
    const x = pad.l + i * bw;
    const last = years.at(-1);
    if (!prev || prev.getUTCFullYear() !== d.getUTCFullYear()) {
      // Two year labels too close together: the later (a full year's start) wins.
      if (last && x - last.x <= 40) years.pop();
      if (x <= W - pad.r - 28) years.push({ x, label: String(d.getUTCFullYear()) });
    }
  }
  return (
    <figure className="chart time-histogram">
      <figcaption>
        Incidents per {h.bucket} ({h.weighting === 'aoristic' ? 'aoristic: spread over occurred from–to' : 'occurred from'}){' '}
        <select aria-label="Histogram bucket" value={h.bucket} onChange={(e) => onBucket(e.target.value as 'week' | 'month')}>
          <option value="week">week</option>
          <option value="month">month</option>
        </select>{' '}
        <select aria-label="Rolling average" data-testid="rolling-window" value={win} onChange={(e) => setWindows({ ...windows, [h.bucket]: Number(e.target.value) })}>
          <option value={0}>no average</option>
          {ROLLING_WINDOWS[h.bucket].map((w) => (
            <option key={w} value={w}>{`${w}-${h.bucket} average`}</option>
          ))}
        </select>
        {hover !== null && h.start[hover] !== undefined && (
          <span className="chart-hover">
            {' '}
            {isoDay(h.start[hover] as number)} – {endOf(hover)}: {fmt(h.count[hover] as number)}
            {rolling && Number.isFinite(rolling[hover]) ? ` (avg ${fmt(rolling[hover] as number)})` : ''}
          </span>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label={`Histogram of incidents per ${h.bucket}`} onMouseLeave={() => { setAnchor(null); setHover(null); }}>
        <text x={pad.l - 4} y={pad.t + 8} textAnchor="end" className="axis">{fmt(max)}</text>
        <text x={pad.l - 4} y={H - pad.b} textAnchor="end" className="axis">0</text>
        {Array.from({ length: n }, (_, i) => {
          const c = h.count[i] as number;
          const bh = ((H - pad.t - pad.b) * c) / max;
          const x = pad.l + i * bw;
          return (
            <g
              key={i}
              data-testid="histogram-bar"
              onMouseDown={() => setAnchor(i)}
              onMouseUp={() => {
                commit(anchor ?? i, i);
                setAnchor(null);
              }}
              onMouseEnter={() => setHover(i)}
            >
              {/* A full-height transparent strip: short bars are as easy to click as tall ones. */}
              <rect x={x} y={pad.t} width={bw} height={H - pad.t - pad.b} fill="transparent" />
              <rect x={x} y={H - pad.b - bh} width={Math.max(1, bw - 1)} height={Math.max(bh, 0.5)} className={selected(i) ? 'bar selected' : 'bar'} />
              <title>{`${isoDay(h.start[i] as number)} – ${endOf(i)}: ${fmt(c)} incidents`}</title>
            </g>
          );
        })}
        {linePoints.length > 1 && <polyline points={linePoints.join(' ')} className="rolling-line" data-testid="rolling-line" fill="none" stroke="#d95f02" strokeWidth={1.6} pointerEvents="none" />}
        {years.map((y) => (
          <text key={y.label} x={y.x} y={H - 4} className="axis">
            {y.label}
          </text>
        ))}
      </svg>
    </figure>
  );
}
