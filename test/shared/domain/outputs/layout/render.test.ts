import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { openProjectFile } from '../../../../../electron/services/project-file';
import { openNodeEngine } from '../../../../../electron/services/duckdb-node';
import { loadLayoutFonts, rasterizeSvg } from '../../../../../electron/services/rasterize';
import { EMPTY_FILTER } from '../../../../../shared/domain/explore/filters';
import { DEFAULT_LAYER_SETTINGS } from '../../../../../shared/domain/explore/layer-settings';
import { OFFENSE_GROUPS } from '../../../../../shared/domain/ingest/nibrs';
import { atlasPagesFromLayer } from '../../../../../shared/domain/outputs/layout/atlas';
import { createDefaultLayout } from '../../../../../shared/domain/outputs/layout/defaults';
import type { Layout } from '../../../../../shared/domain/outputs/layout/layout-schema';
import { buildLegend } from '../../../../../shared/domain/outputs/layout/legend';
import { computeAnalysisLayer, type MapData } from '../../../../../shared/domain/outputs/layout/map-data';
import { dateRangeText } from '../../../../../shared/domain/outputs/layout/page';
import { queryLayoutPoints } from '../../../../../shared/domain/outputs/layout/query-points';
import { buildPages, exportLayoutPdf, exportLayoutPng } from '../../../../../shared/domain/outputs/layout/render';
import { projectToFrame, WGS84_A, WGS84_E2 } from '../../../../../shared/domain/outputs/layout/web-mercator';
import type { Project } from '../../../../../shared/domain/project/project';
import { countColor, decodePng } from './png-decode';
import { pdfText } from '../../../../helpers/pdf-text';
import { bundledSampleProject } from '../../../../helpers/bundled-sample';

const fonts = loadLayoutFonts();
const today = '2025-01-15';
let project: Project;
let data: MapData;
let layout: Layout;

/** The map frame's pixel box at `dpi`. */
const px = (l: Layout, dpi: number) => {
  const k = dpi / 25.4;
  const b = l.map.box;
  return [Math.ceil(b.x * k) + 2, Math.ceil(b.y * k) + 2, Math.floor((b.x + b.w) * k) - 2, Math.floor((b.y + b.h) * k) - 2] as const;
};

beforeAll(async () => {
  const opened = await openProjectFile(bundledSampleProject());
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  project = opened.value.project;
  const engine = await openNodeEngine();
  try {
    const ds = project.datasets[0]!;
    const ins = await engine.insertArrowTable('incidents', ds.table!);
    if (!ins.ok) throw new Error('insert');
    const q = await queryLayoutPoints(engine, 'incidents', EMPTY_FILTER, new Array(OFFENSE_GROUPS.length + 1).fill(true));
    if (!q.ok) throw new Error(JSON.stringify(q.error));
    data = { points: q.value.points, visibleGroups: new Array(OFFENSE_GROUPS.length + 1).fill(true), referenceLayers: project.layers, analysis: null, annotations: [], areas: [], designName: null, dateRange: q.value.dateRange, privacyLine: null };
  } finally {
    await engine.close();
  }
  layout = createDefaultLayout({ title: 'Riverton briefing map', subtitle: 'All incidents by offense group', agency: 'Riverton Police Department', referenceLayers: project.layers.map((l) => l.meta.id) });
}, 120_000);

describe("the sample city's briefing map", () => {
  it('PNG at 150 dpi: page size in pixels, banner, incidents of each group in the map frame', async () => {
    const [png] = await exportLayoutPng(layout, data, { fonts, rasterize: rasterizeSvg, dpi: 150, today });
    const img = decodePng(png!);
    expect([img.width, img.height]).toEqual([1650, 1275]);
    const frame = px(layout, 150);
    const violent = countColor(img, OFFENSE_GROUPS[0]!.color, frame);
    const property = countColor(img, OFFENSE_GROUPS[1]!.color, frame);
    const drugs = countColor(img, OFFENSE_GROUPS[2]!.color, frame);
    expect(violent).toBeGreaterThan(5000);
    expect(property).toBeGreaterThan(5000);
    expect(drugs).toBeGreaterThan(200);
    // No incident colour outside the frame except in the legend's symbols.
    const k = 150 / 25.4;
    const title = [Math.round(layout.title.box.x * k), Math.round(layout.title.box.y * k), Math.round((layout.title.box.x + layout.title.box.w) * k), Math.round((layout.title.box.y + layout.title.box.h) * k)] as const;
    expect(countColor(img, OFFENSE_GROUPS[0]!.color, title)).toBe(0);
    expect(countColor(img, [17, 17, 17], title, 40)).toBeGreaterThan(500);
    const b = layout.banner.box;
    const banner = [Math.ceil(b.x * k) + 1, Math.ceil(b.y * k) + 1, Math.floor((b.x + b.w) * k) - 1, Math.floor((b.y + b.h) * k) - 1] as const;
    const area = (banner[2] - banner[0]) * (banner[3] - banner[1]);
    expect(countColor(img, [163, 21, 21], banner, 10) / area).toBeGreaterThan(0.7);
  }, 120_000);

  it('PNG of the map grid layer: viridis cells in the frame, no incident dots when incidents are off', async () => {
    const a = computeAnalysisLayer(data.points!, data.visibleGroups, { ...DEFAULT_LAYER_SETTINGS, kind: 'grid' });
    if (!a.ok || !a.value) throw new Error('grid');
    const gridLayout: Layout = { ...layout, map: { ...layout.map, incidents: false } };
    const [png] = await exportLayoutPng(gridLayout, { ...data, analysis: a.value }, { fonts, rasterize: rasterizeSvg, dpi: 150, today });
    const img = decodePng(png!);
    const frame = px(layout, 150);
    const colors = a.value.kind === 'grid' ? a.value.data.colors : [];
    const highest = colors.at(-1)!; // yellow end of viridis
    const lowest = colors[0]!; // purple end
    // Blended with the land colour at 85% opacity: allow a wider tolerance.
    expect(countColor(img, highest, frame, 45)).toBeGreaterThan(500);
    expect(countColor(img, lowest, frame, 45)).toBeGreaterThan(500);
    expect(countColor(img, OFFENSE_GROUPS[1]!.color, frame, 12)).toBe(0);
  }, 120_000);

  it('PDF: title, banner, legend entries and scale bar labels are text; the map is an image', async () => {
    const pdf = await exportLayoutPdf(layout, data, { fonts, rasterize: rasterizeSvg, dpi: 150, today });
    const text = await pdfText(pdf);
    const page = buildPages(layout, data, { fonts, today })[0]!;
    expect(text).toContain('Riverton briefing map');
    expect(text).toContain('All incidents by offense group');
    expect(text).toContain('LAW ENFORCEMENT SENSITIVE');
    // The period of the mapped incidents, from the data (the sample's years may change).
    expect(dateRangeText(layout, data)).toMatch(/^Incidents [A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(text).toContain(dateRangeText(layout, data));
    for (const e of buildLegend(layout, data)) expect(text).toContain(e.label);
    expect(text).toMatch(/Violent \([\d,]+\)/);
    const ticks = page.scaleBar!.ticks;
    for (const t of ticks.slice(0, -1)) expect(text).toContain(t.label);
    expect(text).toContain(`${ticks.at(-1)!.label} ${page.scaleBar!.unit}`);
    expect(text).toContain(`Scale ${page.scaleBar!.ratio}`);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(w), Math.round(h)]).toEqual([792, 612]);
    expect(doc.getTitle()).toBe('Riverton briefing map');
  }, 120_000);

  it('scale bar drawn on the page matches the map frame within 1% of ground distance', () => {
    const page = buildPages(layout, data, { fonts, today })[0]!;
    const view = page.view!;
    const bar = page.scaleBar!;
    // The drawn bar: the black/white segment rectangles inside the scale bar box.
    const box = layout.scaleBar.box;
    const segs = page.items.filter((i) => i.kind === 'rect' && i.x >= box.x && i.x + i.w <= box.x + box.w + 1e-6 && i.y >= box.y && i.y + i.h <= box.y + box.h && i.h < 2);
    expect(segs.length).toBe(bar.ticks.length - 1);
    const drawn = segs.reduce((n, s) => n + (s.kind === 'rect' ? s.w : 0), 0);
    // Ground length along the centre parallel (WGS 84 ellipsoid): N cos(phi) dLambda.
    const phi = (view.centreLat * Math.PI) / 180;
    const perDegree = ((WGS84_A / Math.sqrt(1 - WGS84_E2 * Math.sin(phi) ** 2)) * Math.cos(phi) * Math.PI) / 180;
    const dLon = bar.groundMetres / perDegree;
    const a = projectToFrame(view, view.centreLon - dLon / 2, view.centreLat);
    const b = projectToFrame(view, view.centreLon + dLon / 2, view.centreLat);
    expect(Math.abs(drawn - (b[0] - a[0])) / drawn).toBeLessThan(0.01);
    expect(bar.lengthMm).toBeLessThanOrEqual(box.w * 0.8);
  });

  it('atlas by beats: one PDF page per beat, each naming its beat', async () => {
    const beats = project.layers.find((l) => l.meta.role === 'beats')!;
    const pages = atlasPagesFromLayer(beats);
    expect(pages.length).toBe(beats.geojson.features.length);
    const light: Layout = { ...layout, map: { ...layout.map, incidents: false, referenceLayers: ['beats'] }, inset: { ...layout.inset, visible: false } };
    const pdf = await exportLayoutPdf(light, { ...data, points: null }, { fonts, rasterize: rasterizeSvg, dpi: 72, today, pages });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(beats.geojson.features.length);
    const third = await pdfText(pdf, 3);
    expect(third).toContain(`${pages[2]!.label} (page 3 of ${pages.length})`);
  }, 180_000);
});
