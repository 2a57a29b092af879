import type { ReactNode } from 'react';
import type { TimeWeighting } from '../../../shared/domain/explore/chart-queries';
import type { ExploreFilter } from '../../../shared/domain/explore/filters';
import { rampColor } from '../../../shared/domain/explore/classing';
import { DAY_LABELS } from './FilterPanel';

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/**
 * Counts by hour of day (columns) and day of week (rows) of occurred-from, shaded with the
 * viridis ramp from 0 to the busiest cell. Click a cell to filter to that day and hour (click it
 * again to clear), a day label for the whole day, an hour label for that hour on every day.
 * The grid ignores the day and hour filters itself and dims the cells left out. With
 * `weighting` 'aoristic' the counts are aoristic weights (fractional) and the caption says so.
 */
export function HourDowGrid(props: {
  counts: ArrayLike<number>;
  filter: ExploreFilter;
  onSelect: (days: number[] | null, hours: number[] | null) => void;
  weighting?: TimeWeighting;
  /** Incidents whose window was cut at 7 days (aoristic only). */
  capped?: number;
  note?: string | null;
  /** The weighting switch, shown in the caption. */
  toggle?: ReactNode;
}) {
  const { counts, filter, onSelect, weighting = 'from', capped = 0, note = null, toggle = null } = props;
  const cw = 24;
  const ch = 14;
  const left = 34;
  const top = 14;
  let max = 1;
  for (let i = 0; i < counts.length; i++) max = Math.max(max, counts[i] as number);
  const dayOn = (d: number) => filter.daysOfWeek === null || filter.daysOfWeek.includes(d);
  const hourOn = (h: number) => filter.hours === null || filter.hours.includes(h);
  const anySelection = filter.daysOfWeek !== null || filter.hours !== null;
  const same = (a: readonly number[] | null, b: number[] | null) => (a === null ? b === null : b !== null && a.length === b.length && a.every((v, i) => v === b[i]));
  const pick = (days: number[] | null, hours: number[] | null) =>
    same(filter.daysOfWeek, days) && same(filter.hours, hours) ? onSelect(null, null) : onSelect(days, hours);
  return (
    <figure className="chart hour-dow">
      <figcaption data-testid="hour-dow-caption" data-weighting={weighting}>
        {weighting === 'aoristic'
          ? `By hour and day (aoristic: spread over occurred from–to, 7-day cap${capped > 0 ? `; ${fmt(capped)} capped` : ''}${note ? `; ${note}` : ''})`
          : 'By hour and day (each incident at its occurred-from time)'}{' '}
        {toggle}
      </figcaption>
      <svg viewBox={`0 0 ${left + 24 * cw + 4} ${top + 7 * ch + 2}`} width="100%" role="img" aria-label="Incidents by hour of day and day of week">
        {Array.from({ length: 24 }, (_, h) =>
          h % 3 === 0 ? (
            <text key={h} x={left + h * cw + cw / 2} y={top - 3} textAnchor="middle" className="axis clickable" onClick={() => pick(null, [h])}>
              {String(h).padStart(2, '0')}
            </text>
          ) : null,
        )}
        {DAY_LABELS.map((label, d) => (
          <g key={label}>
            <text x={left - 4} y={top + d * ch + ch - 3} textAnchor="end" className="axis clickable" data-testid={`dow-label-${d}`} onClick={() => pick([d], null)}>
              {label}
            </text>
            {Array.from({ length: 24 }, (_, h) => {
              const n = counts[d * 24 + h] as number;
              const [r, g, b] = rampColor(n / max);
              const on = anySelection && dayOn(d) && hourOn(h);
              return (
                <rect
                  key={h}
                  data-testid="hour-dow-cell"
                  x={left + h * cw}
                  y={top + d * ch}
                  width={cw - 1}
                  height={ch - 1}
                  fill={`rgb(${r},${g},${b})`}
                  className={anySelection && !on ? 'cell dim' : 'cell'}
                  onClick={() => pick([d], [h])}
                >
                  <title>{`${label} ${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59: ${fmt(n)} incidents`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
