/**
 * The report as a PDF (pdf-lib), text set in the embedded DejaVu Sans (regular and bold, bytes
 * passed in by the host: Node reads resources/fonts, the app fetches its bundled asset), so any
 * script prints and the text stays extractable and searchable. Figures are the same vector
 * scenes as the HTML/SVG, drawn as PDF paths. US Letter portrait, 50 pt margins.
 */
import fontkit from '@pdf-lib/fontkit';
import { degrees, LineCapStyle, LineJoinStyle, PDFDocument, popGraphicsState, pushGraphicsState, rgb, setLineCap, setLineJoin, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { ReportDocument, ReportTable } from './report-model';
import { toPathData, type Colour, type Scene } from './scene';

/** Font bytes for the PDF (TrueType). */
export interface ReportFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 50;
const CONTENT_W = PAGE_W - 2 * MARGIN;

function colour(c: Colour | undefined): RGB | undefined {
  if (!c) return undefined;
  const v = Number.parseInt(c.slice(1), 16);
  return rgb(((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255);
}

class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(readonly doc: PDFDocument, readonly regular: PDFFont, readonly bold: PDFFont) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    this.y = PAGE_H - MARGIN;
  }
  ensure(h: number): void {
    if (this.y - h < MARGIN) this.newPage();
  }
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of text.split('\n')) {
      let cur = '';
      for (const word of para.split(/[ \t]+/).filter(Boolean)) {
        const next = cur ? `${cur} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) <= width || !cur) cur = next;
        else {
          lines.push(cur);
          cur = word;
        }
        // A single word wider than the column is cut.
        while (font.widthOfTextAtSize(cur, size) > width && cur.length > 1) {
          let k = cur.length - 1;
          while (k > 1 && font.widthOfTextAtSize(cur.slice(0, k), size) > width) k--;
          lines.push(cur.slice(0, k));
          cur = cur.slice(k);
        }
      }
      lines.push(cur);
    }
    return lines;
  }
  text(text: string, options: { size?: number; bold?: boolean; indent?: number; colour?: Colour; gap?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    const lh = size * 1.3;
    for (const line of this.wrap(text, font, size, CONTENT_W - indent)) {
      this.ensure(lh);
      this.y -= lh;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + size * 0.25, size, font, color: colour(options.colour ?? '#222222') });
    }
    this.y -= options.gap ?? 4;
  }
  table(t: ReportTable): void {
    const size = 8;
    const lh = size * 1.3;
    const n = t.header.length;
    // Natural widths (the widest cell, capped), never below the header's; shrink the wide ones to fit.
    const measure = (text: string, font: PDFFont) => Math.max(...text.split('\n').map((l) => font.widthOfTextAtSize(l, size))) + 8;
    const minW = t.header.map((h) => measure(h, this.bold));
    const natural = t.header.map((_, j) => Math.max(minW[j]!, ...t.rows.map((r) => Math.min(220, measure(r[j] ?? '', this.regular)))));
    let widths = natural;
    const sum = natural.reduce((a, b) => a + b, 0);
    if (sum > CONTENT_W) {
      const fixed = minW.reduce((a, b) => a + b, 0);
      const flex = sum - fixed;
      widths = natural.map((w, j) => minW[j]! + ((w - minW[j]!) * (CONTENT_W - fixed)) / Math.max(1, flex));
    } else widths = natural.map((w) => (w * CONTENT_W) / sum);
    this.text(t.caption, { bold: true, size: 10, gap: 2 });
    const row = (cells: readonly string[], bold: boolean) => {
      const font = bold ? this.bold : this.regular;
      const wrapped = cells.map((c, j) => this.wrap(c, font, size, widths[j]! - 6));
      const h = Math.max(...wrapped.map((w) => w.length)) * lh + 4;
      return { wrapped, h, font };
    };
    const drawRow = (r: ReturnType<typeof row>, shade: boolean) => {
      let x = MARGIN;
      if (shade) this.page.drawRectangle({ x: MARGIN, y: this.y - r.h, width: CONTENT_W, height: r.h, color: rgb(0.95, 0.95, 0.95) });
      for (let j = 0; j < n; j++) {
        r.wrapped[j]!.forEach((line, k) => this.page.drawText(line, { x: x + 3, y: this.y - 2 - (k + 1) * lh + size * 0.3, size, font: r.font, color: rgb(0.13, 0.13, 0.13) }));
        x += widths[j]!;
      }
      this.page.drawLine({ start: { x: MARGIN, y: this.y - r.h }, end: { x: MARGIN + CONTENT_W, y: this.y - r.h }, thickness: 0.5, color: rgb(0.8, 0.8, 0.8) });
      this.y -= r.h;
    };
    const head = row(t.header, true);
    this.ensure(head.h + lh * 2);
    drawRow(head, true);
    for (const cells of t.rows) {
      const r = row(cells, false);
      if (this.y - r.h < MARGIN) {
        this.newPage();
        drawRow(head, true);
      }
      drawRow(r, false);
    }
    this.y -= 10;
  }
  figure(scene: Scene, caption: string): void {
    const s = Math.min(1, CONTENT_W / scene.width);
    const h = scene.height * s;
    this.ensure(h + 30);
    drawScene(this.page, scene, MARGIN + (CONTENT_W - scene.width * s) / 2, this.y, s, this.regular, this.bold);
    this.y -= h + 4;
    this.text(caption, { size: 8, colour: '#555555', gap: 10 });
  }
}

/** Draws a scene with its top-left corner at (x0, yTop) in PDF points, scaled by `s`. */
export function drawScene(page: PDFPage, scene: Scene, x0: number, yTop: number, s: number, regular: PDFFont, bold: PDFFont): void {
  page.drawRectangle({ x: x0, y: yTop - scene.height * s, width: scene.width * s, height: scene.height * s, color: rgb(1, 1, 1) });
  for (const sh of scene.shapes) {
    if (sh.kind === 'path') {
      const d = toPathData(sh);
      if (!d) continue;
      if (sh.round) page.pushOperators(pushGraphicsState(), setLineJoin(LineJoinStyle.Round), setLineCap(LineCapStyle.Round));
      page.drawSvgPath(d, {
        x: x0,
        y: yTop,
        scale: s,
        ...(sh.fill && sh.closed ? { color: colour(sh.fill)!, opacity: sh.fillOpacity ?? 1 } : {}),
        ...(sh.stroke ? { borderColor: colour(sh.stroke)!, borderWidth: (sh.width ?? 1) * s, borderOpacity: sh.strokeOpacity ?? 1 } : {}),
        ...(sh.dash ? { borderDashArray: sh.dash.map((v) => v * s) } : {}),
      });
      if (sh.round) page.pushOperators(popGraphicsState());
    } else if (sh.kind === 'rect') {
      page.drawRectangle({
        x: x0 + sh.x * s,
        y: yTop - (sh.y + sh.h) * s,
        width: sh.w * s,
        height: sh.h * s,
        ...(sh.fill ? { color: colour(sh.fill)!, opacity: sh.fillOpacity ?? 1 } : {}),
        ...(sh.stroke ? { borderColor: colour(sh.stroke)!, borderWidth: (sh.width ?? 1) * s } : {}),
      });
    } else {
      const font = sh.bold ? bold : regular;
      const size = sh.size * s;
      const w = font.widthOfTextAtSize(sh.text, size);
      const shift = sh.anchor === 'middle' ? w / 2 : sh.anchor === 'end' ? w : 0;
      const a = ((sh.rotate ?? 0) * Math.PI) / 180;
      page.drawText(sh.text, { x: x0 + sh.x * s - shift * Math.cos(a), y: yTop - sh.y * s - shift * Math.sin(a), size, font, color: colour(sh.colour ?? '#222222')!, ...(sh.rotate ? { rotate: degrees(sh.rotate) } : {}) });
    }
  }
}

/**
 * Renders the document to PDF bytes. The document's title, subject and producer are set in the
 * PDF metadata; creation and modification dates are fixed by `createdAt` (ISO) so equal inputs
 * give comparable files. Pages are numbered "page i of n".
 */
export async function renderReportPdf(doc: ReportDocument, fonts: ReportFonts, createdAt: string): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const when = new Date(createdAt);
  pdf.setTitle(doc.title);
  pdf.setSubject(doc.subtitle);
  pdf.setProducer('SPI Workbench');
  pdf.setCreator('SPI Workbench');
  if (!Number.isNaN(when.getTime())) {
    pdf.setCreationDate(when);
    pdf.setModificationDate(when);
  }
  const w = new Writer(pdf, regular, bold);
  w.text(doc.title, { size: 18, bold: true, gap: 2 });
  w.text(doc.subtitle, { size: 11, gap: 2 });
  for (const m of doc.meta) w.text(m, { size: 9, colour: m === m.toUpperCase() && /[A-Z]/.test(m) ? '#a00000' : '#555555', bold: m === m.toUpperCase() && /[A-Z]/.test(m), gap: 0 });
  w.y -= 8;
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        w.ensure(40);
        w.y -= 6;
        w.text(b.text, { size: 13, bold: true, gap: 4 });
        break;
      case 'paragraph':
        w.text(b.text, { size: 9.5, gap: 6 });
        break;
      case 'list':
        for (const item of b.items) w.text(`• ${item}`, { size: 9, indent: 8, gap: 2 });
        w.y -= 4;
        break;
      case 'table':
        w.table(b.table);
        break;
      case 'figure':
        w.figure(b.scene, b.caption);
        break;
      case 'footnotes':
        for (const n of b.items) {
          w.ensure(36);
          w.text(`${n.mark}. ${n.title}`, { size: 9, bold: true, gap: 1 });
          for (const l of n.lines) w.text(l, { size: 8, indent: 12, gap: 1 });
          w.y -= 4;
        }
        break;
    }
  }
  const total = w.pages.length;
  w.pages.forEach((p, i) => {
    const label = `${doc.title} — page ${i + 1} of ${total}`;
    p.drawText(label, { x: PAGE_W - MARGIN - regular.widthOfTextAtSize(label, 8), y: MARGIN / 2, size: 8, font: regular, color: rgb(0.4, 0.4, 0.4) });
  });
  const bytes = await pdf.save();
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
