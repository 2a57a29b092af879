/**
 * The printable patrol sheet (PDF, US Letter portrait): a summary page with the ranked list,
 * then one page per area with a small vector map, the facts a patrol officer needs (where,
 * what, when), the recommended windows and the dosage plan; the handling caveat at the top and
 * bottom of every page and the privacy profile in every footer. Fonts are passed in as bytes
 * (DejaVu Sans, shipped in resources/fonts) so any script prints; shared code reads no files.
 * Text stays text (extractable, searchable).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { DAY_NAMES, formatWindow } from './aoristic';
import type { TargetList, TargetRow } from './build';
import { formatVisit } from './dosage';
import { drawAreaMap, fitText, wrapText } from './pdf-draw';
import { streetLine } from './rows';
import type { StreetIndex } from './streets';
import { suppressCount } from '../../privacy/apply';

/** The two font files of the sheet (TrueType bytes). */
export interface PdfFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/** Options of {@link formatTargetsPdf}. */
export interface PatrolSheetOptions {
  readonly fonts: PdfFonts;
  /** Handling caveat printed at the top and bottom of every page (default LAW ENFORCEMENT SENSITIVE). */
  readonly handling?: string;
  readonly title?: string;
  readonly agency?: string;
  readonly streets?: StreetIndex | null;
}

/** Default handling caveat. */
export const DEFAULT_HANDLING = 'LAW ENFORCEMENT SENSITIVE';

const W = 612;
const H = 792;
const M = 40;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const BANNER = rgb(0.62, 0.05, 0.1);

interface Ctx {
  readonly list: TargetList;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly handling: string;
}

function banner(page: PDFPage, c: Ctx, y: number): void {
  page.drawRectangle({ x: 0, y, width: W, height: 18, color: BANNER });
  const text = fitText(c.handling, c.bold, 10, W - 2 * M);
  page.drawText(text, { x: (W - c.bold.widthOfTextAtSize(text, 10)) / 2, y: y + 5, size: 10, font: c.bold, color: rgb(1, 1, 1) });
}

function frame(page: PDFPage, c: Ctx, pageNo: number, pages: number): void {
  banner(page, c, H - 18);
  banner(page, c, 0);
  const footer = fitText(c.list.privacy, c.regular, 7, W - 2 * M - 60);
  page.drawText(footer, { x: M, y: 26, size: 7, font: c.regular, color: MUTED });
  page.drawText(`${pageNo} / ${pages}`, { x: W - M - 30, y: 26, size: 7, font: c.regular, color: MUTED });
}

function text(page: PDFPage, s: string, x: number, y: number, size: number, font: PDFFont, width: number, color = INK): void {
  page.drawText(fitText(s, font, size, width), { x, y, size, font, color });
}

const count = (c: Ctx, n: number) => String(suppressCount(n, c.list.profile.suppressBelow));

function summaryPage(doc: PDFDocument, c: Ctx, title: string, agency: string, pages: number): void {
  const page = doc.addPage([W, H]);
  frame(page, c, 1, pages);
  let y = H - 58;
  text(page, title, M, y, 18, c.bold, W - 2 * M);
  y -= 18;
  const sub = [agency, c.list.period ? `Period ${c.list.period.from} to ${c.list.period.to}` : 'All dates', `Generated ${c.list.generatedAt.slice(0, 16).replace('T', ' ')}`].filter(Boolean).join(' · ');
  text(page, sub, M, y, 9, c.regular, W - 2 * M, MUTED);
  y -= 14;
  text(page, `Source: ${c.list.source}`, M, y, 9, c.regular, W - 2 * M, MUTED);
  y -= 26;
  const cols: [string, number][] = [['#', 22], ['Area', 150], ['Incidents', 52], ['Nearest street', 150], ['Best windows', W - 2 * M - 374]];
  let x = M;
  for (const [h, w] of cols) {
    text(page, h, x, y, 8.5, c.bold, w - 4);
    x += w;
  }
  y -= 4;
  page.drawLine({ start: { x: M, y }, end: { x: W - M, y }, thickness: 0.6, color: MUTED });
  for (const r of c.list.rows) {
    y -= 13;
    if (y < 150) break;
    const cells = [String(r.rank), r.name, count(c, r.total), streetLine(r), r.windows.slice(0, 2).map(formatWindow).join(', ')];
    x = M;
    cells.forEach((v, i) => {
      text(page, v, x, y, 8.5, c.regular, cols[i]![1] - 4);
      x += cols[i]![1];
    });
  }
  y -= 24;
  for (const line of [...c.list.conventions, ...c.list.warnings.map((w) => `Warning: ${w}`)]) {
    for (const l of wrapText(line, c.regular, 7, W - 2 * M, 4)) {
      if (y < 44) return;
      page.drawText(l, { x: M, y, size: 7, font: c.regular, color: MUTED });
      y -= 9;
    }
    y -= 3;
  }
}

function areaPage(doc: PDFDocument, c: Ctx, r: TargetRow, streets: StreetIndex | null, pageNo: number, pages: number): void {
  const page = doc.addPage([W, H]);
  frame(page, c, pageNo, pages);
  let y = H - 60;
  text(page, `${r.rank}. ${r.name}`, M, y, 17, c.bold, W - 2 * M);
  y -= 16;
  text(page, `Area ${r.id} · ${c.list.source}`, M, y, 9, c.regular, W - 2 * M, MUTED);
  const mapSize = 250;
  const mapTop = y - 12;
  drawAreaMap(page, r, streets, c.regular, M, mapTop - mapSize, mapSize);
  const fx = M + mapSize + 18;
  const fw = W - M - fx;
  let fy = mapTop - 10;
  const fact = (label: string, value: string) => {
    text(page, label, fx, fy, 7.5, c.bold, fw, MUTED);
    fy -= 11;
    for (const l of wrapText(value || '—', c.regular, 9.5, fw, 3)) {
      page.drawText(l, { x: fx, y: fy, size: 9.5, font: c.regular, color: INK });
      fy -= 12;
    }
    fy -= 5;
  };
  fact('INCIDENTS IN PERIOD', count(c, r.total));
  fact('NEAREST STREET / CROSS STREETS', streetLine(r));
  fact('MOST FREQUENT ADDRESSES', r.topAddresses.map((a) => `${a.address} (${count(c, a.count)})`).join('; '));
  fact('CENTRE', `${r.lat.toFixed(5)}, ${r.lon.toFixed(5)} (lat, lon) · x ${r.x.toFixed(0)}, y ${r.y.toFixed(0)} m (${c.list.crs})`);
  fact('SIZE', `${(r.areaM2 / 1e4).toFixed(2)} ha`);
  fact('PEAK DAYS / HOURS', `${r.peakDays.join(', ') || '—'} · ${r.peakHours.join(', ') || '—'}`);

  y = mapTop - mapSize - 24;
  text(page, 'Incidents by offense group', M, y, 10, c.bold, 250);
  text(page, 'Recommended patrol windows', M + 268, y, 10, c.bold, W - 2 * M - 268);
  let gy = y - 14;
  c.list.groups.forEach((g, i) => {
    text(page, g, M, gy, 9, c.regular, 180);
    text(page, count(c, r.byGroup[i] ?? 0), M + 190, gy, 9, c.regular, 60);
    gy -= 12;
  });
  let wy = y - 14;
  for (const w of r.windows) {
    text(page, `${w.shift}: ${formatWindow(w)}`, M + 268, wy, 9, c.regular, 200);
    text(page, `weight ${w.weight.toFixed(1)}`, M + 470, wy, 8, c.regular, W - M - 470, MUTED);
    wy -= 12;
  }
  if (r.windows.length === 0) text(page, 'no dated incidents', M + 268, wy, 9, c.regular, 200, MUTED);
  y = Math.min(gy, wy) - 14;
  if (r.dosage) {
    text(page, 'Dosage plan (Koper): short visits at unpredictable times', M, y, 10, c.bold, W - 2 * M);
    y -= 14;
    const perLine = 3;
    for (let i = 0; i < r.dosage.length && y > 90; i += perLine) {
      text(page, r.dosage.slice(i, i + perLine).map(formatVisit).join('     '), M, y, 9, c.regular, W - 2 * M);
      y -= 12;
    }
    y -= 8;
  }
  if (y > 120) {
    text(page, 'Hour-by-day profile (aoristic weight; darker = more)', M, y, 8, c.bold, W - 2 * M, MUTED);
    y -= 10;
    let max = 0;
    for (const v of r.grid.weights) max = Math.max(max, v);
    const cw = (W - 2 * M - 26) / 24;
    for (let d = 0; d < 7 && y - 9 > 44; d++) {
      page.drawText(DAY_NAMES[d]!, { x: M, y: y - 7, size: 6.5, font: c.regular, color: MUTED });
      for (let h = 0; h < 24; h++) {
        const v = max > 0 ? (r.grid.weights[d * 24 + h] as number) / max : 0;
        page.drawRectangle({ x: M + 26 + h * cw, y: y - 9, width: cw - 0.6, height: 8.4, color: rgb(1 - 0.55 * v, 1 - 0.85 * v, 1 - 0.8 * v) });
      }
      y -= 9;
    }
    for (let h = 0; h < 24 && y - 8 > 40; h += 3) page.drawText(String(h).padStart(2, '0'), { x: M + 26 + h * cw, y: y - 8, size: 6, font: c.regular, color: MUTED });
  }
}

/**
 * The patrol sheet as PDF bytes. Text is drawn with the given fonts (glyphs a font lacks show
 * as its empty box; right-to-left text prints in stored order, not shaped). Deterministic for the
 * same list and options (creation dates fixed to the list's time).
 */
export async function formatTargetsPdf(list: TargetList, o: PatrolSheetOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(o.fonts.regular, { subset: true });
  const bold = await doc.embedFont(o.fonts.bold, { subset: true });
  const handling = o.handling ?? DEFAULT_HANDLING;
  const when = new Date(list.generatedAt);
  doc.setTitle(`Patrol targets: ${list.source}`.slice(0, 200));
  doc.setSubject(handling.slice(0, 200));
  doc.setProducer('SPI Workbench');
  doc.setCreator('SPI Workbench');
  if (!Number.isNaN(when.getTime())) {
    doc.setCreationDate(when);
    doc.setModificationDate(when);
  }
  const c: Ctx = { list, regular, bold, handling };
  const pages = list.rows.length + 1;
  summaryPage(doc, c, o.title ?? 'Patrol target list', o.agency ?? '', pages);
  list.rows.forEach((r, i) => areaPage(doc, c, r, o.streets ?? null, i + 2, pages));
  return doc.save({ useObjectStreams: true });
}
