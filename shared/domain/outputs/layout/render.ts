/**
 * Exports of a briefing layout, identical in the CLI and the app: the page SVG (preview), PNG
 * pages (the page SVG rasterized at 150/300 dpi) and the PDF (vector text and furniture, map
 * frames as images at the dpi). An atlas gives one page per area.
 */
import type { AtlasPage } from './atlas';
import type { Layout } from './layout-schema';
import type { MapData } from './map-data';
import { buildPage, type BuiltPage } from './page';
import { pixelsFor, scenesToPdf, type Rasterize } from './pdf';
import { sceneToSvg, type SvgOptions } from './svg';
import { createFontMetrics, type LayoutFonts, type TextMetrics } from './text-metrics';

/** Everything an export needs besides the layout and the data. */
export interface ExportEnv {
  readonly fonts: LayoutFonts;
  readonly rasterize: Rasterize;
  /** Dots per inch of PNG pages and of the PDF's map images. */
  readonly dpi: number;
  /** YYYY-MM-DD, printed when the layout's author date is empty. */
  readonly today: string;
  /** Atlas pages; absent or empty = one page of the layout's own view. */
  readonly pages?: readonly AtlasPage[];
  /** Reused text metrics (made from `fonts` when absent). */
  readonly metrics?: TextMetrics;
}

/** The built pages of an export (one, or one per atlas page). */
export function buildPages(layout: Layout, data: MapData, env: Pick<ExportEnv, 'fonts' | 'today' | 'pages' | 'metrics'>): BuiltPage[] {
  const m = env.metrics ?? createFontMetrics(env.fonts);
  if (!env.pages || env.pages.length === 0) return [buildPage(layout, data, m, { today: env.today })];
  const n = env.pages.length;
  return env.pages.map((p, i) => buildPage(layout, data, m, { today: env.today, page: { ...p, label: `${p.label} (page ${i + 1} of ${n})` } }));
}

/** The first page as an SVG document (the live preview). */
export function renderLayoutSvg(layout: Layout, data: MapData, metrics: TextMetrics, today: string, options: SvgOptions = {}): { svg: string; page: BuiltPage } {
  const page = buildPage(layout, data, metrics, { today });
  return { svg: sceneToSvg(page, options), page };
}

/** Pixel size of a page of `layout` at `dpi`. */
export function pagePixels(page: BuiltPage, dpi: number): { width: number; height: number } {
  return { width: pixelsFor(page.widthMm, dpi), height: pixelsFor(page.heightMm, dpi) };
}

/** PNG bytes of every page (the page SVG rasterized at the dpi). */
export async function exportLayoutPng(layout: Layout, data: MapData, env: ExportEnv, svgOptions: SvgOptions = {}): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const page of buildPages(layout, data, env)) {
    const { width, height } = pagePixels(page, env.dpi);
    out.push(await env.rasterize(sceneToSvg(page, svgOptions), width, height));
  }
  return out;
}

/** One PDF with every page. */
export async function exportLayoutPdf(layout: Layout, data: MapData, env: ExportEnv): Promise<Uint8Array> {
  const pages = buildPages(layout, data, env);
  return scenesToPdf(pages, env.fonts, env.rasterize, env.dpi, {
    title: layout.title.text,
    author: [layout.author.name, layout.author.agency].filter((s) => s.trim()).join(', '),
    subject: layout.subtitle.text,
  });
}
