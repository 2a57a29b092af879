import { describe, expect, it } from 'vitest';
import { decodeGlyphPbf, encodeGlyphPbf, GLYPH_BORDER, parseGlyphRange, type GlyphRecord } from '../../../../shared/domain/geo/glyph-pbf';
import { createRng } from '../../../../shared/base/random';

const glyph = (id: number, width: number, height: number, left: number, top: number, advance: number): GlyphRecord => ({
  id,
  width,
  height,
  left,
  top,
  advance,
  bitmap: width === 0 ? new Uint8Array(0) : Uint8Array.from({ length: (width + 2 * GLYPH_BORDER) * (height + 2 * GLYPH_BORDER) }, (_, i) => (i * 37 + id) & 255),
});

describe('glyph range protobuf', () => {
  it('encodes the exact bytes of a one-glyph range (hand-worked wire format)', () => {
    // glyph "!" (33): width 1, height 1 -> bitmap 7 x 7 = 49 bytes; left −1 and top −9 zigzag to 1 and 17
    const g: GlyphRecord = { id: 33, bitmap: new Uint8Array(49).fill(200), width: 1, height: 1, left: -1, top: -9, advance: 300 };
    const bytes = encodeGlyphPbf({ name: 'A', range: '0-255', glyphs: [g] });
    const glyphMsg = [0x08, 33, 0x12, 49, ...new Array(49).fill(200), 0x18, 1, 0x20, 1, 0x28, 1, 0x30, 17, 0x38, 0xac, 0x02];
    const stackMsg = [0x0a, 1, 0x41, 0x12, 5, ...new TextEncoder().encode('0-255'), 0x1a, glyphMsg.length, ...glyphMsg];
    expect([...bytes]).toEqual([0x0a, stackMsg.length, ...stackMsg]);
  });

  it('decodes back what it encodes: negative offsets, blank glyphs (space), multi-byte ids and names', () => {
    const stack = {
      name: 'DejaVu Sans',
      range: '256-511',
      glyphs: [glyph(256, 12, 17, -2, -10, 14), glyph(300, 0, 0, 0, -27, 8), glyph(511, 20, 3, 5, -40, 22)],
    };
    expect(decodeGlyphPbf(encodeGlyphPbf(stack))).toEqual([stack]);
  });

  it('round-trips random glyph sets (property)', () => {
    const rng = createRng(7);
    const rnd = () => rng.next();
    for (let t = 0; t < 20; t++) {
      const start = Math.floor(rnd() * 256) * 256;
      const glyphs: GlyphRecord[] = [];
      for (let id = start; id < start + 256; id += 1 + Math.floor(rnd() * 40)) {
        const w = Math.floor(rnd() * 30);
        glyphs.push(glyph(id, w, w === 0 ? 0 : 1 + Math.floor(rnd() * 30), Math.floor(rnd() * 20) - 10, Math.floor(rnd() * 60) - 50, Math.floor(rnd() * 40)));
      }
      const stack = { name: `Font ${t} — Ünï`, range: `${start}-${start + 255}`, glyphs };
      expect(decodeGlyphPbf(encodeGlyphPbf(stack))).toEqual([stack]);
    }
  });

  it('refuses a bitmap of the wrong size (a caller bug) and parses only whole ranges', () => {
    expect(() => encodeGlyphPbf({ name: 'x', range: '0-255', glyphs: [{ ...glyph(65, 4, 4, 0, 0, 5), bitmap: new Uint8Array(16) }] })).toThrow(/glyph 65: bitmap has 16 bytes, expected 100/);
    expect(parseGlyphRange('0-255')).toBe(0);
    expect(parseGlyphRange('65280-65535')).toBe(65280);
    expect(parseGlyphRange('1-256')).toBeNull();
    expect(parseGlyphRange('0-511')).toBeNull();
    expect(parseGlyphRange('../0-255')).toBeNull();
    expect(() => decodeGlyphPbf(Uint8Array.from([0x0a, 5, 1]))).toThrow(/runs past the end/);
  });
});
