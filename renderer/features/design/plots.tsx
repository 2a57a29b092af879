import type { LovePoint } from './balance-view';

const W = 400;

/**
 * Love plot: one row per covariate, the SMD before (hollow circle) and after matching (filled),
 * with dashed lines at ±threshold. The axis runs from −limit to +limit.
 */
export function LovePlot({ points, limit, threshold, title = 'Love plot' }: { points: readonly LovePoint[]; limit: number; threshold: number; title?: string }) {
  const left = 150;
  const right = 12;
  const row = 16;
  const top = 18;
  const h = top + points.length * row + 24;
  const x = (v: number) => left + ((v + limit) / (2 * limit)) * (W - left - right);
  const ticks = [-limit, -threshold, 0, threshold, limit];
  return (
    <figure className="chart design-chart">
      <figcaption>{title}: standardized mean differences before (○) and after (●) matching</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={title} data-testid="love-plot">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={h - 20} stroke={t === 0 ? '#888' : '#c33'} strokeDasharray={t === 0 ? undefined : Math.abs(t) === threshold ? '4 3' : '1 3'} />
            {(Math.abs(t) !== threshold || threshold / limit > 0.15) && <text x={x(t)} y={h - 8} className="axis" textAnchor="middle">{Math.abs(t) < 1e-9 ? '0' : t.toFixed(2)}</text>}
          </g>
        ))}
        {points.map((p, i) => {
          const y = top + i * row + row / 2;
          return (
            <g key={p.name}>
              <text x={left - 6} y={y + 3} className="axis" textAnchor="end">{p.name.length > 26 ? `${p.name.slice(0, 25)}…` : p.name}</text>
              {p.before !== null && <circle cx={x(Math.max(-limit, Math.min(limit, p.before)))} cy={y} r={4} fill="none" stroke="#555" strokeWidth={1.5} />}
              {p.after !== null && <circle cx={x(Math.max(-limit, Math.min(limit, p.after)))} cy={y} r={4} fill={Math.abs(p.after) >= threshold ? '#c33' : '#2a7'} />}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** One line of a {@link LineChart}. */
export interface Series {
  readonly label: string;
  readonly values: ArrayLike<number>;
  readonly color: string;
  readonly dashed?: boolean;
}

/**
 * A small line chart: x = labels (months), y from 0 (or the data minimum when negative) to the
 * maximum; an optional vertical marker (e.g. the intervention date) before label `markAt`, and an
 * optional band (lower/upper arrays) drawn behind the first series.
 */
export function LineChart({ labels, series, title, yLabel, markAt, markLabel, band, testId, zeroLine }: {
  labels: readonly string[];
  series: readonly Series[];
  title: string;
  yLabel: string;
  markAt?: number;
  markLabel?: string;
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number> };
  testId?: string;
  zeroLine?: boolean;
}) {
  const h = 170;
  const left = 44;
  const bottom = 26;
  const top = 10;
  const n = labels.length;
  let lo = 0;
  let hi = 0;
  for (const s of series) for (let i = 0; i < s.values.length; i++) {
    lo = Math.min(lo, s.values[i]!);
    hi = Math.max(hi, s.values[i]!);
  }
  if (band) for (let i = 0; i < band.lower.length; i++) {
    lo = Math.min(lo, band.lower[i]!);
    hi = Math.max(hi, band.upper[i]!);
  }
  if (hi === lo) hi = lo + 1;
  const x = (i: number) => left + (n > 1 ? (i / (n - 1)) * (W - left - 8) : (W - left - 8) / 2);
  const y = (v: number) => top + (1 - (v - lo) / (hi - lo)) * (h - top - bottom);
  const path = (vals: ArrayLike<number>) => Array.from(vals, (v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const step = Math.max(1, Math.ceil(n / 6));
  const yTicks = [lo, (lo + hi) / 2, hi];
  return (
    <figure className="chart design-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-label={title} data-testid={testId}>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={left} x2={W - 8} y1={y(t)} y2={y(t)} stroke="#eee" />
            <text x={left - 4} y={y(t) + 3} className="axis" textAnchor="end">{Math.abs(t) >= 100 ? t.toFixed(0) : t.toFixed(1)}</text>
          </g>
        ))}
        {zeroLine && lo < 0 && <line x1={left} x2={W - 8} y1={y(0)} y2={y(0)} stroke="#888" />}
        <text x={10} y={top + (h - top - bottom) / 2} className="axis" transform={`rotate(-90 10 ${top + (h - top - bottom) / 2})`} textAnchor="middle">{yLabel}</text>
        {labels.map((l, i) => (i % step === 0 ? <text key={l} x={x(i)} y={h - 8} className="axis" textAnchor="middle">{l}</text> : null))}
        {band && <path d={`${path(band.upper)}${Array.from(band.lower, (v, i) => `L${x(band.lower.length - 1 - i).toFixed(1)},${y(band.lower[band.lower.length - 1 - i]!).toFixed(1)}`).join('')}Z`} fill="rgba(200,0,80,0.12)" stroke="none" />}
        {markAt !== undefined && markAt > 0 && markAt < n && (
          <g>
            <line x1={(x(markAt - 1) + x(markAt)) / 2} x2={(x(markAt - 1) + x(markAt)) / 2} y1={top} y2={h - bottom} stroke="#333" strokeDasharray="4 3" />
            {markLabel && <text x={(x(markAt - 1) + x(markAt)) / 2 + 3} y={top + 9} className="axis">{markLabel}</text>}
          </g>
        )}
        {series.map((s) => (
          <path key={s.label} d={path(s.values)} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '5 3' : undefined} />
        ))}
      </svg>
      <div className="chart-legend">
        {series.map((s) => (
          <span key={s.label}>
            <i style={{ background: s.color }} /> {s.label}
          </span>
        ))}
      </div>
    </figure>
  );
}
