/**
 * The evaluation charts as vector scenes and SVG strings (pure; the app shows the same SVGs):
 * monthly counts of targets vs comparisons (and their buffers) with the intervention date, the
 * cumulative WDD over the post period with its confidence band, and the synthetic-control gap.
 */
import type { EvaluationResult, SyntheticFigures } from '../evaluation/run-evaluation';
import { formatTick, niceTicks } from './axes';
import { sceneToSvg, type Colour, type Scene, type Shape } from './scene';

/** Series colours (colour-blind safe, Okabe & Ito 2008). */
export const CHART_COLOURS = { T: '#d55e00', C: '#0072b2', D: '#e69f00', DC: '#56b4e9', band: '#999999', marker: '#222222' } as const satisfies Record<string, Colour>;

export interface LineSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  readonly colour: Colour;
  readonly dash?: readonly number[];
  readonly width?: number;
}

/** A line chart over categorical x (months). */
export interface LineChartSpec {
  readonly title: string;
  readonly yLabel: string;
  readonly labels: readonly string[];
  readonly series: readonly LineSeries[];
  /** A shaded interval (e.g. a 95% CI), drawn under the lines. */
  readonly band?: { readonly lower: readonly number[]; readonly upper: readonly number[]; readonly name: string };
  /** A vertical line before the category at this index (the intervention), with a label. */
  readonly marker?: { readonly index: number; readonly label: string };
  /** Draw y = 0. */
  readonly zeroLine?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** Lays out a line chart: axes with nice ticks, thinned month labels, legend, marker. */
export function lineChartScene(spec: LineChartSpec): Scene {
  const W = spec.width ?? 720;
  const H = spec.height ?? 320;
  const left = 62;
  const right = 16;
  const top = 34;
  const bottom = 70;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const nx = spec.labels.length;
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number | null | undefined) => {
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  for (const s of spec.series) s.values.forEach(take);
  spec.band?.lower.forEach(take);
  spec.band?.upper.forEach(take);
  if (spec.zeroLine) take(0);
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (lo >= 0 && !spec.zeroLine) lo = 0;
  const axis = niceTicks(lo, hi, 5);
  const xOf = (i: number) => left + (nx <= 1 ? pw / 2 : (i * pw) / (nx - 1));
  const yOf = (v: number) => top + ph - ((v - axis.min) / (axis.max - axis.min)) * ph;
  const shapes: Shape[] = [];
  shapes.push({ kind: 'text', x: left, y: 20, text: spec.title, size: 14, bold: true });
  for (const t of axis.ticks) {
    const y = yOf(t);
    shapes.push({ kind: 'path', parts: [[left, y, left + pw, y]], closed: false, stroke: '#e2e2e2', width: 1 });
    shapes.push({ kind: 'text', x: left - 6, y: y + 4, text: formatTick(t), size: 10, anchor: 'end', colour: '#555555' });
  }
  shapes.push({ kind: 'text', x: 14, y: top + ph / 2, text: spec.yLabel, size: 10, anchor: 'middle', colour: '#555555', rotate: 90 });
  if (spec.band && nx > 0) {
    const up: number[] = [];
    const down: number[] = [];
    for (let i = 0; i < nx; i++) up.push(xOf(i), yOf(spec.band.upper[i]!));
    for (let i = nx - 1; i >= 0; i--) down.push(xOf(i), yOf(spec.band.lower[i]!));
    shapes.push({ kind: 'path', parts: [[...up, ...down]], closed: true, fill: CHART_COLOURS.band, fillOpacity: 0.25 });
  }
  if (spec.zeroLine) shapes.push({ kind: 'path', parts: [[left, yOf(0), left + pw, yOf(0)]], closed: false, stroke: '#555555', width: 1 });
  shapes.push({ kind: 'path', parts: [[left, top, left, top + ph, left + pw, top + ph]], closed: false, stroke: '#555555', width: 1 });
  const every = Math.max(1, Math.ceil(nx / 12));
  for (let i = 0; i < nx; i += every) {
    const x = xOf(i);
    shapes.push({ kind: 'path', parts: [[x, top + ph, x, top + ph + 4]], closed: false, stroke: '#555555', width: 1 });
    shapes.push({ kind: 'text', x: x + 3, y: top + ph + 8, text: spec.labels[i]!, size: 9, anchor: 'end', colour: '#555555', rotate: 45 });
  }
  if (spec.marker && spec.marker.index > 0 && spec.marker.index < nx) {
    const x = (xOf(spec.marker.index - 1) + xOf(spec.marker.index)) / 2;
    shapes.push({ kind: 'path', parts: [[x, top, x, top + ph]], closed: false, stroke: CHART_COLOURS.marker, width: 1.5, dash: [5, 3] });
    shapes.push({ kind: 'text', x: x + 4, y: top + 10, text: spec.marker.label, size: 10, colour: CHART_COLOURS.marker });
  }
  for (const s of spec.series) {
    const parts: number[][] = [];
    let cur: number[] = [];
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        if (cur.length) parts.push(cur);
        cur = [];
      } else cur.push(xOf(i), yOf(v));
    });
    if (cur.length) parts.push(cur);
    for (const p of parts) {
      if (p.length === 2) shapes.push({ kind: 'rect', x: p[0]! - 2, y: p[1]! - 2, w: 4, h: 4, fill: s.colour });
    }
    shapes.push({ kind: 'path', parts, closed: false, stroke: s.colour, width: s.width ?? 2, ...(s.dash ? { dash: s.dash } : {}), round: true });
  }
  // Legend along the bottom.
  let lx = left;
  const ly = H - 10;
  const items: { name: string; colour: Colour; dash?: readonly number[]; band?: boolean }[] = spec.series.map((s) => ({ name: s.name, colour: s.colour, ...(s.dash ? { dash: s.dash } : {}) }));
  if (spec.band) items.push({ name: spec.band.name, colour: CHART_COLOURS.band, band: true });
  for (const it of items) {
    if (it.band) shapes.push({ kind: 'rect', x: lx, y: ly - 8, w: 18, h: 8, fill: it.colour, fillOpacity: 0.25 });
    else shapes.push({ kind: 'path', parts: [[lx, ly - 4, lx + 18, ly - 4]], closed: false, stroke: it.colour, width: 2, ...(it.dash ? { dash: it.dash } : {}) });
    shapes.push({ kind: 'text', x: lx + 22, y: ly, text: it.name, size: 10 });
    lx += 30 + it.name.length * 6;
  }
  return { width: W, height: H, title: spec.title, shapes };
}

type Monthly = Pick<EvaluationResult, 'monthly' | 'post' | 'harm' | 'outcomeLabel'> & { readonly washout?: EvaluationResult['washout'] };

/**
 * Monthly counts: targets (T) and comparisons (C) as solid lines, their buffer rings (D, DC)
 * dashed when the design has buffers, the intervention marked before the first post month.
 */
export function monthlyCountsScene(r: Monthly, options: { width?: number; height?: number } = {}): Scene {
  const m = r.monthly;
  const first = m.post.indexOf(1);
  const hasBuffers = m.D.some((v) => v > 0) || m.DC.some((v) => v > 0);
  const unit = r.harm ? 'harm' : 'crimes';
  return lineChartScene({
    title: `Monthly ${unit}: targets vs comparisons (${r.outcomeLabel})`,
    yLabel: `${unit} per month`,
    labels: m.labels,
    series: [
      { name: 'targets (T)', values: m.T, colour: CHART_COLOURS.T },
      { name: 'comparisons (C)', values: m.C, colour: CHART_COLOURS.C },
      ...(hasBuffers
        ? [
            { name: 'target buffers (D)', values: m.D, colour: CHART_COLOURS.D, dash: [6, 3], width: 1.5 },
            { name: 'comparison buffers (DC)', values: m.DC, colour: CHART_COLOURS.DC, dash: [6, 3], width: 1.5 },
          ]
        : []),
    ],
    marker: { index: first, label: `intervention (post from ${r.post.from})${r.washout ? `, washout ${r.washout.from}..${r.washout.to} left out` : ''}` },
    ...options,
  });
}

/** The cumulative WDD month by month over the post period, with its confidence band and 0. */
export function cumulativeWddScene(r: Pick<EvaluationResult, 'cumulativeWdd' | 'harm'>, options: { width?: number; height?: number; confidence?: number } = {}): Scene {
  const c = r.cumulativeWdd;
  const level = Math.round((options.confidence ?? 0.95) * 100);
  return lineChartScene({
    title: `Cumulative WDD over the post period (negative = ${r.harm ? 'less harm' : 'fewer crimes'} than expected)`,
    yLabel: r.harm ? 'WDD (harm, months so far)' : 'WDD (crimes, months so far)',
    labels: c.labels,
    series: [{ name: 'cumulative WDD', values: c.wdd.map((v, i) => (c.defined[i] ? v : null)), colour: CHART_COLOURS.T }],
    band: { lower: c.ciLower, upper: c.ciUpper, name: `${level}% interval` },
    zeroLine: true,
    width: options.width ?? 720,
    height: options.height ?? 320,
  });
}

/** The synthetic-control gap (target - synthetic) per month, with the intervention marked. */
export function syntheticGapScene(s: SyntheticFigures, options: { width?: number; height?: number } = {}): Scene {
  return lineChartScene({
    title: 'Synthetic control: target minus synthetic target per month',
    yLabel: 'gap per month',
    labels: s.labels,
    series: [
      { name: 'gap (target - synthetic)', values: s.gap, colour: CHART_COLOURS.T },
    ],
    marker: { index: s.post.indexOf(1), label: 'intervention' },
    zeroLine: true,
    ...options,
  });
}

/** {@link monthlyCountsScene} as a standalone SVG string. */
export function monthlyCountsSvg(r: Monthly): string {
  return sceneToSvg(monthlyCountsScene(r));
}

/** {@link cumulativeWddScene} as a standalone SVG string. */
export function cumulativeWddSvg(r: Pick<EvaluationResult, 'cumulativeWdd' | 'harm'>): string {
  return sceneToSvg(cumulativeWddScene(r));
}

/** {@link syntheticGapScene} as a standalone SVG string. */
export function syntheticGapSvg(s: SyntheticFigures): string {
  return sceneToSvg(syntheticGapScene(s));
}
