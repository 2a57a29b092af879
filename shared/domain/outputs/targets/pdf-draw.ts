/**
 * Drawing helpers of the PDF patrol sheet: text that fits a width, word wrap, and the small
 * vector map of an area (its outline, the streets around it, the incidents inside, a scale bar
 * and a north arrow). Coordinates are PDF points (1/72 inch, origin bottom left).
 */
import { degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TargetRow } from './build';
import { cleanText } from './rows';
import type { StreetIndex } from './streets';

/** Text a PDF line can show: cleaned, line breaks and tabs turned into spaces. */
export function pdfText(s: string): string {
  return cleanText(s).replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}

/** `text` shortened with "…" so it is at most `width` points wide at `size`. */
export function fitText(text: string, font: PDFFont, size: number, width: number): string {
  const t = pdfText(text);
  if (font.widthOfTextAtSize(t, size) <= width) return t;
  const chars = Array.from(t);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (font.widthOfTextAtSize(`${chars.slice(0, mid).join('')}…`, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

/** Words of `text` wrapped into lines at most `width` wide (a too-long word is cut), at most `maxLines`. */
export function wrapText(text: string, font: PDFFont, size: number, width: number, maxLines = 50): string[] {
  const words = pdfText(text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = fitText(w, font, size, width);
    }
    if (lines.length >= maxLines) break;
  }
  if (line && lines.length < maxLines) lines.push(line);
  return lines;
}

/** Liang-Barsky: the part of segment a-b inside the box, or null. */
function clip(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number, y1: number): [number, number, number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const edges: [number, number][] = [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return null;
    }
  }
  return [ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy];
}

/** A round scale-bar length (1, 2 or 5 x 10^k metres) near `target` metres. */
export function niceLength(target: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(target, 1e-9)));
  const m = target / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}

/**
 * Draws the area's map in the box (left, bottom, size x size points): the area's extent plus
 * 40% (at least 150 m each side) at one scale on both axes, streets clipped to it (grey, named
 * when long enough), the outline (red), the incidents (dark dots, already privacy-snapped), a
 * scale bar in metres and "N" arrow (the analysis CRS's grid north).
 */
export function drawAreaMap(page: PDFPage, row: TargetRow, streets: StreetIndex | null, font: PDFFont, left: number, bottom: number, size: number): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of row.rings) for (const [x, y] of ring) [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const span = Math.max(maxX - minX, maxY - minY);
  const pad = Math.max(150, span * 0.4);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const half = span / 2 + pad;
  const [x0, y0, x1, y1] = [cx - half, cy - half, cx + half, cy + half];
  const k = size / (2 * half);
  const px = (x: number) => left + (x - x0) * k;
  const py = (y: number) => bottom + (y - y0) * k;
  page.drawRectangle({ x: left, y: bottom, width: size, height: size, color: rgb(0.97, 0.96, 0.93), borderColor: rgb(0.5, 0.5, 0.5), borderWidth: 0.75 });
  if (streets) {
    const p = streets.pieces;
    const labelled = new Set<string>();
    for (let j = 0; j < p.length; j += 4) {
      const c = clip(p[j]!, p[j + 1]!, p[j + 2]!, p[j + 3]!, x0, y0, x1, y1);
      if (!c) continue;
      page.drawLine({ start: { x: px(c[0]), y: py(c[1]) }, end: { x: px(c[2]), y: py(c[3]) }, thickness: 1.2, color: rgb(0.72, 0.72, 0.72) });
      const name = streets.names[streets.feature[j / 4]!]!;
      const len = Math.hypot(c[2] - c[0], c[3] - c[1]) * k;
      if (len > 60 && !labelled.has(name) && labelled.size < 8) {
        labelled.add(name);
        const label = fitText(name, font, 6, len);
        const angle = (Math.atan2(c[3] - c[1], c[2] - c[0]) * 180) / Math.PI;
        const upright = angle > 90 || angle < -90 ? angle + 180 : angle;
        const [sx, sy] = upright === angle ? [c[0], c[1]] : [c[2], c[3]];
        page.drawText(label, { x: px(sx) + 2, y: py(sy) + 2, size: 6, font, color: rgb(0.35, 0.35, 0.35), rotate: degrees(upright) });
      }
    }
  }
  for (const ring of row.rings) {
    for (let i = 1; i < ring.length; i++) {
      page.drawLine({ start: { x: px(ring[i - 1]![0]), y: py(ring[i - 1]![1]) }, end: { x: px(ring[i]![0]), y: py(ring[i]![1]) }, thickness: 1.8, color: rgb(0.7, 0.1, 0.17) });
    }
  }
  for (let i = 0; i < row.pointsX.length; i++) {
    const x = row.pointsX[i]!;
    const y = row.pointsY[i]!;
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    page.drawCircle({ x: px(x), y: py(y), size: 1.6, color: rgb(0.1, 0.1, 0.25), opacity: 0.7 });
  }
  const bar = niceLength(2 * half * 0.3);
  const barPts = bar * k;
  page.drawRectangle({ x: left + 8, y: bottom + 8, width: barPts, height: 3, color: rgb(0.1, 0.1, 0.1) });
  page.drawText(bar >= 1000 ? `${bar / 1000} km` : `${bar} m`, { x: left + 8, y: bottom + 14, size: 7, font, color: rgb(0.1, 0.1, 0.1) });
  page.drawText('N', { x: left + size - 16, y: bottom + size - 26, size: 9, font, color: rgb(0.1, 0.1, 0.1) });
  page.drawLine({ start: { x: left + size - 12.5, y: bottom + size - 16 }, end: { x: left + size - 12.5, y: bottom + size - 6 }, thickness: 1.2, color: rgb(0.1, 0.1, 0.1) });
  page.drawSvgPath('M 0 0 L -3 5 L 3 5 Z', { x: left + size - 12.5, y: bottom + size - 4, color: rgb(0.1, 0.1, 0.1) });
}
