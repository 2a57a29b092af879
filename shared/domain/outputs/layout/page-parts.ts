/**
 * The drawn furniture of a briefing map: legend, scale bar and north arrow, as scene items in
 * page millimetres inside their layout boxes.
 */
import type { LegendEntry } from './legend';
import type { Box } from './layout-schema';
import type { SceneItem } from './scene';
import { MM_PER_PT, fitSize, wrapText, type TextMetrics } from './text-metrics';
import type { ScaleBar } from './web-mercator';

const INK = '#1a1a1a';

/** Text item helper. */
export function text(x: number, y: number, s: string, size: number, bold: boolean, color: string, role: string): SceneItem {
  return { kind: 'text', x, y, text: s, size, bold, color, role };
}

/**
 * The legend in `box`: a white panel with a thin border, the title, then one row per entry
 * (symbol 5 x 3 mm, label). Font size shrinks from 8 pt (to 5.5 pt) until every row fits; past
 * that the last row says how many entries were left out.
 */
export function drawLegend(box: Box, title: string, entries: readonly LegendEntry[], m: TextMetrics): SceneItem[] {
  const out: SceneItem[] = [{ kind: 'rect', x: box.x, y: box.y, w: box.w, h: box.h, fill: '#ffffff', stroke: '#9e9e9e', strokeWidth: 0.2 }];
  const pad = 2.5;
  const titleSize = Math.min(10, fitSize(title, box.w - 2 * pad, 10, true, m));
  let y = box.y + pad + titleSize * MM_PER_PT;
  if (title) out.push(text(box.x + pad, y, title, titleSize, true, INK, 'legend-title'));
  y += 2;
  const symW = 5;
  const labelX = box.x + pad + symW + 2;
  const labelW = box.x + box.w - pad - labelX;
  let size = 8;
  const layoutRows = (s: number) =>
    entries.map((e) => (e.symbol.kind === 'header' ? wrapText(e.label, box.w - 2 * pad, s, true, m) : [e.label]));
  let rows = layoutRows(size);
  const rowH = (s: number) => s * MM_PER_PT * 1.55;
  const need = (s: number, r: string[][]) => r.reduce((n, lines, i) => n + lines.length * rowH(s) + (entries[i]!.symbol.kind === 'header' && i > 0 ? rowH(s) * 0.35 : 0), 0);
  while (size > 5.5 && need(size, rows) > box.y + box.h - pad - y) {
    size -= 0.5;
    rows = layoutRows(size);
  }
  const bottom = box.y + box.h - pad;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const lines = rows[i]!;
    const h = rowH(size);
    const extra = e.symbol.kind === 'header' && i > 0 ? h * 0.35 : 0;
    if (y + extra + lines.length * h > bottom + 0.01) {
      const left = entries.length - i;
      out.push(text(box.x + pad, Math.min(y + h * 0.75, bottom), `… ${left} more ${left === 1 ? 'entry' : 'entries'}`, size, false, '#666666', 'legend-more'));
      break;
    }
    y += extra;
    const mid = y + h / 2;
    const base = y + h / 2 + size * MM_PER_PT * 0.35;
    const s = e.symbol;
    if (s.kind === 'header') {
      lines.forEach((line, k) => out.push(text(box.x + pad, base + k * h, line, size, true, '#333333', 'legend-header')));
      y += lines.length * h;
      continue;
    }
    const sx = box.x + pad;
    if (s.kind === 'dot') out.push({ kind: 'circle', cx: sx + symW / 2, cy: mid, r: 1.05, fill: s.color, stroke: '#ffffff', strokeWidth: 0.2 });
    else if (s.kind === 'fill') out.push({ kind: 'rect', x: sx, y: mid - 1.5, w: symW, h: 3, fill: s.color, fillOpacity: s.opacity, stroke: s.stroke ?? '#9e9e9e', strokeWidth: 0.15 });
    else out.push({ kind: 'path', d: `M${sx} ${mid}L${sx + symW} ${mid}`, fill: null, stroke: s.color, strokeWidth: s.width, ...(s.dash ? { dash: s.dash.split(' ').map(Number) } : {}) });
    const fitted = fitSize(lines[0]!, labelW, size, false, m, 4.5);
    out.push(text(labelX, base, lines[0]!, fitted, false, INK, 'legend-entry'));
    y += h;
  }
  return out;
}

/**
 * The scale bar in `box`: alternating black and white segments with tick labels above (the
 * last carries the unit) and the representative fraction below.
 */
export function drawScaleBar(box: Box, bar: ScaleBar, centreLat: number, m: TextMetrics): SceneItem[] {
  const out: SceneItem[] = [];
  const x0 = box.x + 1;
  const labelSize = 6.5;
  const barY = box.y + 1 + labelSize * MM_PER_PT + 1.2;
  const barH = 1.5;
  const ticks = bar.ticks;
  for (let i = 0; i < ticks.length - 1; i++) {
    const a = ticks[i]!.mm;
    const b = ticks[i + 1]!.mm;
    out.push({ kind: 'rect', x: x0 + a, y: barY, w: b - a, h: barH, fill: i % 2 === 0 ? INK : '#ffffff', stroke: INK, strokeWidth: 0.18 });
  }
  ticks.forEach((t, i) => {
    const label = i === ticks.length - 1 ? `${t.label} ${bar.unit}` : t.label;
    const w = m.width(t.label, labelSize, false);
    out.push(text(x0 + t.mm - w / 2, barY - 1.1, label, labelSize, false, INK, 'scale-label'));
  });
  const hemi = centreLat >= 0 ? 'N' : 'S';
  const ratio = `Scale ${bar.ratio} at ${Math.abs(centreLat).toFixed(1)}° ${hemi}`;
  out.push(text(x0, barY + barH + 3, ratio, fitSize(ratio, box.w - 1, 6, false, m), false, '#555555', 'scale-ratio'));
  return out;
}

/** A north arrow in `box`: "N" above a split arrowhead (north is up in Web Mercator). */
export function drawNorthArrow(box: Box, m: TextMetrics): SceneItem[] {
  const cx = box.x + box.w / 2;
  const nSize = Math.min(10, Math.max(6, (box.h * 0.28) / MM_PER_PT));
  const top = box.y + nSize * MM_PER_PT + 1.2;
  const bottom = box.y + box.h - 0.5;
  const half = Math.min(box.w / 2 - 0.5, (bottom - top) * 0.32);
  const notch = bottom - (bottom - top) * 0.22;
  return [
    text(cx - m.width('N', nSize, true) / 2, box.y + nSize * MM_PER_PT, 'N', nSize, true, INK, 'north'),
    { kind: 'path', d: `M${cx} ${top}L${cx - half} ${bottom}L${cx} ${notch}Z`, fill: INK, stroke: INK, strokeWidth: 0.15 },
    { kind: 'path', d: `M${cx} ${top}L${cx + half} ${bottom}L${cx} ${notch}Z`, fill: '#ffffff', stroke: INK, strokeWidth: 0.15 },
  ];
}
