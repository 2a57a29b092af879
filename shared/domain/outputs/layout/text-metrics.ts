/**
 * Text measurement with the shipped DejaVu Sans fonts (through fontkit, the font engine pdf-lib
 * embeds with), so the page is laid out identically in the SVG preview, the PNG and the PDF:
 * text is placed by its left edge and baseline, never left to a renderer's own alignment.
 */
import * as fontkitModule from '@pdf-lib/fontkit';

/** The shipped fonts' bytes (resources/fonts/DejaVuSans.ttf and DejaVuSans-Bold.ttf). */
export interface LayoutFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

/** Width of a text in page millimetres. */
export interface TextMetrics {
  width(text: string, sizePt: number, bold: boolean): number;
}

/** Millimetres per typographic point. */
export const MM_PER_PT = 25.4 / 72;

// The package ships a default export only; its type file declares named ones.
const fontkit = ((fontkitModule as unknown as { default?: typeof fontkitModule }).default ?? fontkitModule) as typeof fontkitModule;

/** Metrics from the fonts' advance widths (kerning and shaping included via fontkit's layout). */
export function createFontMetrics(fonts: LayoutFonts): TextMetrics {
  const regular = fontkit.create(fonts.regular);
  const bold = fontkit.create(fonts.bold);
  const cache = new Map<string, number>();
  return {
    width(text, sizePt, isBold) {
      const key = `${isBold ? 'b' : 'r'}${text}`;
      let em = cache.get(key);
      if (em === undefined) {
        const font = isBold ? bold : regular;
        em = text ? font.layout(text).advanceWidth / font.unitsPerEm : 0;
        if (cache.size < 5000) cache.set(key, em);
      }
      return em * sizePt * MM_PER_PT;
    },
  };
}

/**
 * Splits `text` into lines no wider than `maxMm`: on the text's own line breaks, then between
 * words; a single word longer than the line is cut between characters. Empty text -> [].
 */
export function wrapText(text: string, maxMm: number, sizePt: number, bold: boolean, m: TextMetrics): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (m.width(next, sizePt, bold) <= maxMm) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (m.width(line, sizePt, bold) > maxMm && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && m.width(line.slice(0, cut), sizePt, bold) > maxMm) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line || para.trim() === '') lines.push(line);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The largest size <= `sizePt` (and >= `minPt`) at which `text` fits `maxMm` on one line. */
export function fitSize(text: string, maxMm: number, sizePt: number, bold: boolean, m: TextMetrics, minPt = 5): number {
  const w = m.width(text, sizePt, bold);
  return w <= maxMm || w === 0 ? sizePt : Math.max(minPt, (sizePt * maxMm) / w);
}
