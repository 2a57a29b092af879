/**
 * SVG -> PNG in Node with resvg (no browser, no system fonts: only the shipped DejaVu Sans, so a
 * map renders the same on every workstation), and the shipped font bytes for PDF embedding and
 * text measurement. The Node side of the layout renderer's `Rasterize` port.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { Rasterize } from '../../shared/domain/outputs/layout/pdf';
import type { LayoutFonts } from '../../shared/domain/outputs/layout/text-metrics';

const FONT_DIR = fileURLToPath(new URL('../../resources/fonts/', import.meta.url));

/** Paths of the shipped fonts (regular, bold). */
export const FONT_FILES = [`${FONT_DIR}DejaVuSans.ttf`, `${FONT_DIR}DejaVuSans-Bold.ttf`] as const;

let fonts: LayoutFonts | null = null;

/** The shipped fonts' bytes, read once. */
export function loadLayoutFonts(): LayoutFonts {
  fonts ??= { regular: new Uint8Array(readFileSync(FONT_FILES[0])), bold: new Uint8Array(readFileSync(FONT_FILES[1])) };
  return fonts;
}

/**
 * Renders `svg` to a PNG `widthPx` wide (the height follows the SVG's aspect ratio; callers pass
 * the matching `heightPx`, checked to within a pixel). Text uses the shipped fonts only.
 */
export const rasterizeSvg: Rasterize = async (svg, widthPx, heightPx) => {
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx },
    font: { fontFiles: [...FONT_FILES], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  const img = r.render();
  if (Math.abs(img.height - heightPx) > 1) throw new Error(`rasterize: expected ${widthPx} x ${heightPx} px, got ${img.width} x ${img.height}`);
  return new Uint8Array(img.asPng());
};
