/**
 * The default briefing-map layout and the arrangement of its elements on a page: a handling
 * banner across the top, the title block beside the logo, the map frame with a side panel
 * (legend, north arrow, scale bar, inset) to its right in landscape or below it in portrait, and
 * a footer with the source note, the author line and the privacy line.
 */
import type { Box, Layout, PageSizeName } from './layout-schema';
import { pageSizeMm } from './layout-schema';

/** The handling caveat printed by default. */
export const DEFAULT_BANNER = 'LAW ENFORCEMENT SENSITIVE';

/** What a new layout starts from. */
export interface DefaultLayoutOptions {
  name?: string;
  title?: string;
  subtitle?: string;
  author?: string;
  agency?: string;
  /** Reference layer ids drawn (default none). */
  referenceLayers?: readonly string[];
  pageSize?: PageSizeName;
  orientation?: 'portrait' | 'landscape';
}

const box = (x: number, y: number, w: number, h: number): Box => ({ x: round(x), y: round(y), w: round(Math.max(0, w)), h: round(Math.max(0, h)) });
const round = (v: number) => Math.round(v * 100) / 100;

/**
 * A layout of the whole data extent (map frame in 'fit' mode) on Letter landscape with 10 mm
 * margins: incidents, the map document's analysis layer, annotations, beat labels, every
 * element visible except the text boxes, the banner "LAW ENFORCEMENT SENSITIVE", imperial
 * scale bar.
 */
export function createDefaultLayout(o: DefaultLayoutOptions = {}): Layout {
  const base: Layout = {
    kind: 'briefing-layout',
    formatVersion: 1,
    name: o.name ?? 'briefing',
    page: { size: o.pageSize ?? 'Letter', orientation: o.orientation ?? 'landscape', margin: 10 },
    map: {
      visible: true,
      box: box(0, 0, 0, 0),
      view: { mode: 'fit', bounds: null },
      referenceLayers: [...(o.referenceLayers ?? [])],
      incidents: true,
      analysisLayer: true,
      annotations: true,
      design: null,
      labels: true,
      pointSize: 0.55,
    },
    title: { visible: true, box: box(0, 0, 0, 0), text: o.title ?? 'Incidents' },
    subtitle: { visible: true, box: box(0, 0, 0, 0), text: o.subtitle ?? '' },
    dateRange: { visible: true, box: box(0, 0, 0, 0), text: '' },
    legend: { visible: true, box: box(0, 0, 0, 0), title: 'Legend', labels: {}, hidden: [] },
    scaleBar: { visible: true, box: box(0, 0, 0, 0), units: 'imperial' },
    northArrow: { visible: true, box: box(0, 0, 0, 0) },
    inset: { visible: true, box: box(0, 0, 0, 0) },
    textBoxes: [],
    logo: { visible: true, box: box(0, 0, 0, 0), image: null },
    author: { visible: true, box: box(0, 0, 0, 0), name: o.author ?? '', agency: o.agency ?? '', date: '' },
    sourceNote: { visible: true, box: box(0, 0, 0, 0), text: 'Source: records management system extract.' },
    banner: { visible: true, box: box(0, 0, 0, 0), text: DEFAULT_BANNER },
    privacy: { visible: true, box: box(0, 0, 0, 0), profile: null },
  };
  return arrangeLayout(base);
}

/**
 * Places every element for the layout's page size, orientation and margin (texts, toggles and
 * text boxes' contents are kept; text boxes are stacked in the side panel's free space). Call
 * after the page changes; element boxes can then be edited one by one.
 */
export function arrangeLayout(layout: Layout): Layout {
  const { width: W, height: H } = pageSizeMm(layout.page);
  const m = layout.page.margin;
  const inner = W - 2 * m;
  const bannerH = 7;
  const headTop = m + bannerH + 2.5;
  const logoW = Math.min(42, inner * 0.18);
  const titleW = inner - logoW - 4;
  const title = box(m, headTop, titleW, 11);
  const subtitle = box(m, headTop + 11, titleW, 6.5);
  const dateRange = box(m, headTop + 17.5, titleW, 5);
  const logo = box(W - m - logoW, headTop, logoW, 22.5);
  const bodyTop = headTop + 26;
  const footerH = 13;
  const footerTop = H - m - footerH;
  const bodyH = footerTop - 3 - bodyTop;
  let map: Box, legend: Box, scaleBar: Box, northArrow: Box, inset: Box, side: Box;
  if (layout.page.orientation === 'landscape') {
    const sideW = Math.min(68, inner * 0.27);
    const mapW = inner - sideW - 4;
    map = box(m, bodyTop, mapW, bodyH);
    const sx = m + mapW + 4;
    const insetH = Math.min(sideW * 0.8, bodyH * 0.3);
    inset = box(sx, bodyTop + bodyH - insetH, sideW, insetH);
    const barTop = inset.y - 20;
    northArrow = box(sx, barTop, 12, 17);
    scaleBar = box(sx + 15, barTop + 3, sideW - 15, 14);
    const legendH = (barTop - 3 - bodyTop) * 0.68;
    legend = box(sx, bodyTop, sideW, legendH);
    side = box(sx, bodyTop + legendH + 3, sideW, barTop - 3 - (bodyTop + legendH + 3));
  } else {
    const panelH = Math.min(62, bodyH * 0.3);
    const mapH = bodyH - panelH - 4;
    map = box(m, bodyTop, inner, mapH);
    const py = bodyTop + mapH + 4;
    const colW = (inner - 8) / 3;
    legend = box(m, py, colW * 1.3, panelH);
    const mx = m + colW * 1.3 + 4;
    const midW = colW * 0.7;
    northArrow = box(mx, py, 12, 17);
    scaleBar = box(mx, py + 20, midW, 14);
    side = box(mx, py + 37, midW, panelH - 37);
    inset = box(mx + midW + 4, py, inner - (mx + midW + 4 - m), panelH);
  }
  const noteW = inner * 0.58;
  const sourceNote = box(m, footerTop, noteW, footerH - 4.5);
  const privacy = box(m, footerTop + footerH - 4.5, noteW, 4.5);
  const author = box(m + noteW + 4, footerTop, inner - noteW - 4, footerH);
  const banner = box(m, m, inner, bannerH);
  const slot = layout.textBoxes.length ? side.h / layout.textBoxes.length : 0;
  const textBoxes = layout.textBoxes.map((t, i) => ({ ...t, box: box(side.x, side.y + i * slot, side.w, slot - 1) }));
  return {
    ...layout,
    map: { ...layout.map, box: map },
    title: { ...layout.title, box: title },
    subtitle: { ...layout.subtitle, box: subtitle },
    dateRange: { ...layout.dateRange, box: dateRange },
    legend: { ...layout.legend, box: legend },
    scaleBar: { ...layout.scaleBar, box: scaleBar },
    northArrow: { ...layout.northArrow, box: northArrow },
    inset: { ...layout.inset, box: inset },
    textBoxes,
    logo: { ...layout.logo, box: logo },
    author: { ...layout.author, box: author },
    sourceNote: { ...layout.sourceNote, box: sourceNote },
    banner: { ...layout.banner, box: banner },
    privacy: { ...layout.privacy, box: privacy },
  };
}
