import * as maplibregl from 'maplibre-gl';
import TinySDF from '@mapbox/tiny-sdf';
import dejaVuUrl from '../../resources/fonts/DejaVuSans.ttf?url';
import { encodeGlyphPbf, GLYPH_BORDER, GLYPH_TOP_ADJUSTMENT, parseGlyphRange, type GlyphRecord } from '../../shared/domain/geo/glyph-pbf';

export { GLYPHS_URL, LABEL_FONT } from './basemap-style';

/*
 * Offline glyphs for maplibre symbol layers. A style names `glyphs: GLYPHS_URL`; maplibre asks
 * for "spi-glyphs://{fontstack}/{range}.pbf" and this protocol handler answers from the page: it
 * draws the 256 code points of the range with the bundled DejaVu Sans (loaded as a FontFace from
 * the app's own assets) into signed-distance fields with @mapbox/tiny-sdf, the rasterizer
 * maplibre itself uses, and encodes them as the glyphs protobuf (shared/domain/geo/glyph-pbf.ts).
 * Every font stack is drawn with DejaVu Sans (a style may name any font). No request leaves the
 * machine. A range is drawn once and cached for the window's life.
 */

const FAMILY = 'SPI DejaVu Sans';
let font: Promise<void> | null = null;
let registered = false;
const ranges = new Map<string, Promise<ArrayBuffer>>();

function loadFont(): Promise<void> {
  font ??= (async () => {
    const face = new FontFace(FAMILY, `url(${dejaVuUrl})`);
    await face.load();
    document.fonts.add(face);
  })();
  return font;
}

// Control characters and surrogates have no glyph; maplibre skips code points a range lacks.
const drawable = (cp: number) => !(cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff));

/** Draws one range (start = a multiple of 256) of `stack` as a glyphs protobuf. */
async function drawRange(stack: string, start: number): Promise<ArrayBuffer> {
  await loadFont();
  const sdf = new TinySDF({ fontSize: 24, buffer: GLYPH_BORDER, radius: 8, cutoff: 0.25, fontFamily: `"${FAMILY}"` });
  const glyphs: GlyphRecord[] = [];
  for (let cp = start; cp < start + 256; cp++) {
    if (!drawable(cp)) continue;
    const g = sdf.draw(String.fromCodePoint(cp));
    const blank = g.glyphWidth === 0 || g.glyphHeight === 0;
    glyphs.push({
      id: cp,
      bitmap: blank ? new Uint8Array(0) : Uint8Array.from(g.data),
      width: blank ? 0 : g.glyphWidth,
      height: blank ? 0 : g.glyphHeight,
      left: g.glyphLeft,
      top: g.glyphTop - GLYPH_TOP_ADJUSTMENT,
      advance: g.glyphAdvance,
    });
  }
  const bytes = encodeGlyphPbf({ name: stack, range: `${start}-${start + 255}`, glyphs });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Registers the `spi-glyphs` protocol with maplibre (once per window). */
export function registerGlyphProtocol(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol('spi-glyphs', async (params) => {
    const m = /^spi-glyphs:\/\/([^/]+)\/(\d+-\d+)\.pbf$/.exec(params.url);
    const start = m ? parseGlyphRange(m[2]!) : null;
    if (!m || start === null) throw new Error(`glyphs ${params.url}: not a glyph range`);
    const stack = decodeURIComponent(m[1]!);
    const key = `${stack}/${start}`;
    let range = ranges.get(key);
    if (!range) {
      range = drawRange(stack, start);
      ranges.set(key, range);
      range.catch(() => ranges.delete(key));
    }
    return { data: (await range).slice(0) };
  });
}
