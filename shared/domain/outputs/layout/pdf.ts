/**
 * Scene(s) -> PDF with pdf-lib. Everything but the map frames stays vector: text is real text
 * in the embedded (subset) DejaVu Sans fonts, so titles, legend entries and scale-bar labels can
 * be searched, copied and read by a screen reader; legend symbols, scale bar and north arrow
 * are vector paths. Map frames are raster images at the chosen dpi, made by the `rasterize`
 * port from the frame's own SVG (Node: resvg; browser: a canvas).
 */
import * as fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { fromBase64 } from './encode';
import { frameSvgDocument } from './map-frame';
import type { Scene, SceneItem } from './scene';
import type { LayoutFonts } from './text-metrics';

/** Renders a standalone SVG to PNG bytes of exactly `widthPx` x `heightPx`. */
export type Rasterize = (svg: string, widthPx: number, heightPx: number) => Promise<Uint8Array>;

/** PDF points per millimetre. */
export const PT_PER_MM = 72 / 25.4;

const fontkit = ((fontkitModule as unknown as { default?: typeof fontkitModule }).default ?? fontkitModule) as unknown as Parameters<PDFDocument['registerFontkit']>[0];

function color(hex: string): RGB {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}

/** Pixel size of `mm` at `dpi`, at least 1. */
export function pixelsFor(mm: number, dpi: number): number {
  return Math.max(1, Math.round((mm / 25.4) * dpi));
}

interface Ctx {
  readonly doc: PDFDocument;
  readonly page: PDFPage;
  readonly hPt: number;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly rasterize: Rasterize;
  readonly dpi: number;
}

async function drawItem(c: Ctx, i: SceneItem): Promise<void> {
  const X = (mm: number) => mm * PT_PER_MM;
  const Y = (mm: number) => c.hPt - mm * PT_PER_MM;
  switch (i.kind) {
    case 'rect':
      c.page.drawRectangle({
        x: X(i.x),
        y: Y(i.y + i.h),
        width: X(i.w),
        height: X(i.h),
        ...(i.fill ? { color: color(i.fill), opacity: i.fillOpacity ?? 1 } : {}),
        ...(i.stroke ? { borderColor: color(i.stroke), borderWidth: X(i.strokeWidth ?? 0.2) } : {}),
      });
      return;
    case 'path':
      c.page.drawSvgPath(i.d, {
        x: 0,
        y: c.hPt,
        scale: PT_PER_MM,
        ...(i.fill ? { color: color(i.fill), opacity: i.fillOpacity ?? 1 } : {}),
        ...(i.stroke ? { borderColor: color(i.stroke), borderWidth: i.strokeWidth ?? 0.2, ...(i.dash ? { borderDashArray: [...i.dash] } : {}) } : {}),
      });
      return;
    case 'circle':
      c.page.drawCircle({ x: X(i.cx), y: Y(i.cy), size: X(i.r), color: color(i.fill), ...(i.stroke ? { borderColor: color(i.stroke), borderWidth: X(i.strokeWidth ?? 0.2) } : {}) });
      return;
    case 'text':
      c.page.drawText(i.text, { x: X(i.x), y: Y(i.y), size: i.size, font: i.bold ? c.bold : c.regular, color: color(i.color) });
      return;
    case 'image': {
      const bytes = fromBase64(i.base64);
      const img = i.mediaType === 'image/png' ? await c.doc.embedPng(bytes) : await c.doc.embedJpg(bytes);
      c.page.drawImage(img, { x: X(i.x), y: Y(i.y + i.h), width: X(i.w), height: X(i.h) });
      return;
    }
    case 'map': {
      const png = await c.rasterize(frameSvgDocument(i.content, i.w, i.h), pixelsFor(i.w, c.dpi), pixelsFor(i.h, c.dpi));
      const img = await c.doc.embedPng(png);
      c.page.drawImage(img, { x: X(i.x), y: Y(i.y + i.h), width: X(i.w), height: X(i.h) });
      c.page.drawRectangle({ x: X(i.x), y: Y(i.y + i.h), width: X(i.w), height: X(i.h), borderColor: color('#1a1a1a'), borderWidth: X(i.border) });
      return;
    }
  }
}

/** Document information written into the PDF. */
export interface PdfInfo {
  readonly title: string;
  readonly author: string;
  readonly subject?: string;
  /** Creation date (default now). */
  readonly created?: Date;
}

/**
 * Writes `scenes` as a PDF, one page each (an atlas has many), map frames rasterized at `dpi`
 * (150 or 300 usual). Fonts are embedded as subsets.
 */
export async function scenesToPdf(scenes: readonly Scene[], fonts: LayoutFonts, rasterize: Rasterize, dpi: number, info: PdfInfo): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  doc.setTitle(info.title || 'Briefing map');
  doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  doc.setCreator('SPI Workbench');
  doc.setProducer('SPI Workbench (pdf-lib)');
  doc.setCreationDate(info.created ?? new Date());
  for (const scene of scenes) {
    const wPt = scene.widthMm * PT_PER_MM;
    const hPt = scene.heightMm * PT_PER_MM;
    const page = doc.addPage([wPt, hPt]);
    const ctx: Ctx = { doc, page, hPt, regular, bold, rasterize, dpi };
    for (const item of scene.items) await drawItem(ctx, item);
  }
  return doc.save();
}
