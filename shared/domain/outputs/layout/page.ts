/**
 * A layout and its data -> the page scene: banner, title block, logo, map frame, legend, north
 * arrow, scale bar, inset, text boxes, source note, author line and privacy line, each in its
 * layout box. The map frame's view is resolved here (fit to the data, a fixed centre and scale,
 * or an atlas page's area), and the scale bar is computed from that same view.
 */
import { fromBase64, imageSize } from './encode';
import type { Layout } from './layout-schema';
import { pageSizeMm } from './layout-schema';
import { buildLegend } from './legend';
import { dataBounds, coordinateBounds, type MapData } from './map-data';
import { drawInset, drawMapFrame } from './map-frame';
import { drawLegend, drawNorthArrow, drawScaleBar, text } from './page-parts';
import type { Scene, SceneItem } from './scene';
import { MM_PER_PT, fitSize, wrapText, type TextMetrics } from './text-metrics';
import { computeScaleBar, frameAt, frameBounds, frameFitting, type FrameView, type ScaleBar } from './web-mercator';

type Bounds = [number, number, number, number];

/** Per-page context: today's date, and for an atlas page its area (bounds, outline, label). */
export interface PageContext {
  /** YYYY-MM-DD printed when the layout's author date is empty. */
  readonly today: string;
  readonly page?: { readonly label: string; readonly bounds: Bounds; readonly focus: readonly (readonly (readonly [number, number])[])[] | null };
}

/** A built page: the scene plus the map view and scale bar it used (for checks and the UI). */
export interface BuiltPage extends Scene {
  readonly view: FrameView | null;
  readonly scaleBar: ScaleBar | null;
}

/** The main frame's view for the layout: an atlas page's area, a fixed centre/scale, or a fit. */
export function resolveView(layout: Layout, data: MapData, page?: PageContext['page']): FrameView {
  const { w, h } = layout.map.box;
  if (page) return frameFitting(page.bounds, w, h, 0.06);
  const v = layout.map.view;
  if (v.mode === 'centre') return frameAt(v.centre[0], v.centre[1], v.scale, w, h);
  const b = v.bounds ?? dataBounds(data) ?? ([-0.01, -0.01, 0.01, 0.01] as Bounds);
  return frameFitting(b, w, h);
}

/** The inset's view: the union of the polygon reference layers, the data and the main frame, with room around. */
function insetView(layout: Layout, data: MapData, main: FrameView): FrameView {
  let b: Bounds | null = dataBounds(data);
  for (const l of data.referenceLayers) {
    if (l.meta.role === 'streets') continue;
    for (const f of l.geojson.features) b = coordinateBounds((f as { geometry?: { coordinates?: unknown } }).geometry?.coordinates, b);
  }
  const mb = frameBounds(main);
  b = b ? [Math.min(b[0], mb[0]), Math.min(b[1], mb[1]), Math.max(b[2], mb[2]), Math.max(b[3], mb[3])] : mb;
  return frameFitting(b, layout.inset.box.w, layout.inset.box.h, 0.08);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03-01" -> "Mar 1, 2024"; anything else is returned as given. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}` : day;
}

/** The date-range line: the layout's text, else "Incidents Jan 1, 2023 – Dec 31, 2024", else "". */
export function dateRangeText(layout: Layout, data: MapData): string {
  if (layout.dateRange.text.trim()) return layout.dateRange.text;
  const r = data.dateRange;
  return r ? `Incidents ${formatDay(r.from)} – ${formatDay(r.to)}` : '';
}

function singleLine(out: SceneItem[], box: Layout['title']['box'], s: string, maxPt: number, bold: boolean, color: string, role: string, m: TextMetrics): void {
  if (!s.trim()) return;
  const size = fitSize(s, box.w, Math.min(maxPt, (box.h * 0.8) / MM_PER_PT), bold, m);
  out.push(text(box.x, box.y + box.h * 0.78, s, size, bold, color, role));
}

function paragraph(out: SceneItem[], box: Layout['title']['box'], s: string, sizePt: number, color: string, role: string, m: TextMetrics, align: 'left' | 'right' = 'left'): void {
  let size = sizePt;
  let lines = wrapText(s, box.w, size, false, m);
  while (size > 4.5 && lines.length * size * MM_PER_PT * 1.3 > box.h + 0.01) {
    size -= 0.5;
    lines = wrapText(s, box.w, size, false, m);
  }
  const lh = size * MM_PER_PT * 1.3;
  lines.forEach((line, i) => {
    const y = box.y + size * MM_PER_PT + i * lh;
    if (y > box.y + box.h + 0.5) return;
    const x = align === 'right' ? box.x + box.w - m.width(line, size, false) : box.x;
    out.push(text(x, y, line, size, false, color, role));
  });
}

function logoItems(layout: Layout): SceneItem[] {
  const l = layout.logo;
  if (!l.image) return [];
  const size = imageSize(fromBase64(l.image.base64.slice(0, 4096)));
  const ratio = size && size.height > 0 ? size.width / size.height : 1;
  const w = Math.min(l.box.w, l.box.h * ratio);
  const h = w / ratio;
  return [{ kind: 'image', x: l.box.x + l.box.w - w, y: l.box.y + (l.box.h - h) / 2, w, h, mediaType: l.image.mediaType, base64: l.image.base64 }];
}

/**
 * Builds the page for `layout` over `data`. Hidden elements are skipped; the legend comes from
 * {@link buildLegend}; the scale bar from the main frame's view (at most 80% of its box).
 */
export function buildPage(layout: Layout, data: MapData, m: TextMetrics, ctx: PageContext): BuiltPage {
  const { width, height } = pageSizeMm(layout.page);
  const out: SceneItem[] = [{ kind: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff', stroke: null }];
  const b = layout.banner;
  if (b.visible && b.text.trim()) {
    out.push({ kind: 'rect', x: b.box.x, y: b.box.y, w: b.box.w, h: b.box.h, fill: '#a31515', stroke: null });
    const size = fitSize(b.text, b.box.w - 4, (b.box.h * 0.56) / MM_PER_PT, true, m);
    out.push(text(b.box.x + (b.box.w - m.width(b.text, size, true)) / 2, b.box.y + b.box.h / 2 + size * MM_PER_PT * 0.36, b.text, size, true, '#ffffff', 'banner'));
  }
  if (layout.title.visible) singleLine(out, layout.title.box, layout.title.text, 22, true, '#111111', 'title', m);
  const subtitle = [layout.subtitle.text.trim(), ctx.page?.label ?? ''].filter(Boolean).join(' · ');
  if (layout.subtitle.visible) singleLine(out, layout.subtitle.box, subtitle, 13, false, '#333333', 'subtitle', m);
  // With no subtitle the date range moves up into its place (no gap in the title block).
  const dateBox = layout.subtitle.visible && subtitle ? layout.dateRange.box : { ...layout.dateRange.box, y: layout.subtitle.box.y };
  if (layout.dateRange.visible) singleLine(out, dateBox, dateRangeText(layout, data), 10, false, '#555555', 'date-range', m);
  if (layout.logo.visible) out.push(...logoItems(layout));
  let view: FrameView | null = null;
  let bar: ScaleBar | null = null;
  if (layout.map.visible && layout.map.box.w > 1 && layout.map.box.h > 1) {
    view = resolveView(layout, data, ctx.page);
    const content = drawMapFrame(view, data, layout.map, { focus: ctx.page?.focus ?? null });
    out.push({ kind: 'map', role: 'main', x: layout.map.box.x, y: layout.map.box.y, w: layout.map.box.w, h: layout.map.box.h, content, border: 0.35 });
    if (layout.inset.visible && layout.inset.box.w > 1 && layout.inset.box.h > 1) {
      const iv = insetView(layout, data, view);
      const i = layout.inset.box;
      out.push({ kind: 'map', role: 'inset', x: i.x, y: i.y, w: i.w, h: i.h, content: drawInset(iv, data, view, layout.map.referenceLayers), border: 0.25 });
    }
    if (layout.scaleBar.visible) {
      bar = computeScaleBar(view, layout.scaleBar.box.w * 0.8, layout.scaleBar.units);
      out.push(...drawScaleBar(layout.scaleBar.box, bar, view.centreLat, m));
    }
    if (layout.northArrow.visible) out.push(...drawNorthArrow(layout.northArrow.box, m));
  }
  if (layout.legend.visible) out.push(...drawLegend(layout.legend.box, layout.legend.title, buildLegend(layout, data), m));
  for (const t of layout.textBoxes) if (t.visible && t.text.trim()) paragraph(out, t.box, t.text, t.size, '#222222', 'text-box', m);
  if (layout.sourceNote.visible && layout.sourceNote.text.trim()) paragraph(out, layout.sourceNote.box, layout.sourceNote.text, 7, '#444444', 'source-note', m);
  if (layout.author.visible) {
    const a = layout.author;
    const lines = [a.name.trim() ? `Prepared by ${a.name.trim()}` : '', a.agency.trim(), `Printed ${formatDay(a.date.trim() || ctx.today)}`].filter(Boolean);
    paragraph(out, a.box, lines.join('\n'), 7, '#333333', 'author', m, 'right');
  }
  const p = layout.privacy;
  if (p.visible && p.profile) {
    const line = data.privacyLine ?? `Privacy profile "${p.profile}" applied.`;
    singleLine(out, p.box, line, 7, true, '#7a1010', 'privacy', m);
  }
  return { widthMm: width, heightMm: height, items: out, view, scaleBar: bar };
}
