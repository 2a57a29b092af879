/**
 * The glyph range protobuf a maplibre style's `glyphs` URL serves ("{fontstack}/{range}.pbf", 256
 * code points each), encoded and decoded by hand so the app can make glyphs offline. Schema
 * (mapbox/glyph-pbf-composite, glyphs.proto; maplibre's style/parse_glyph_pbf.ts reads the same):
 *
 *   message glyph     { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
 *                       sint32 left = 5; sint32 top = 6; uint32 advance = 7; }
 *   message fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3; }
 *   message glyphs    { repeated fontstack stacks = 1; }
 *
 * `bitmap` is a signed-distance field of (width + 6) × (height + 6) bytes: the glyph with a
 * 3-pixel border on every side, drawn at 24 px. `left`/`top` place it from the pen position
 * (`top` in server glyphs' convention, see GLYPH_TOP_ADJUSTMENT), `advance` moves the pen
 * (pixels at 24 px). Wire format:
 * protobuf varints (7 bits a byte, low first), length-delimited fields (wire type 2) for
 * strings, bytes and messages, zigzag for sint32 (n << 1 ^ n >> 31).
 */

/** The border, in pixels, around every glyph bitmap (maplibre's GLYPH_PBF_BORDER). */
export const GLYPH_BORDER = 3;

/**
 * What to subtract from a canvas glyph's ascent (pixels above the baseline, at 24 px) to get the
 * `top` server glyphs use; maplibre aligns its own canvas glyphs with the same 27.5 (rounded
 * here: the field is an integer).
 */
export const GLYPH_TOP_ADJUSTMENT = 27;

/** One glyph: `bitmap` holds (width + 6) × (height + 6) bytes, or is empty for a blank glyph (space). */
export interface GlyphRecord {
  readonly id: number;
  readonly bitmap: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly advance: number;
}

/** A font stack's glyphs for one range (e.g. name "DejaVu Sans", range "0-255"). */
export interface GlyphStack {
  readonly name: string;
  readonly range: string;
  readonly glyphs: readonly GlyphRecord[];
}

/** A growable byte buffer with the three protobuf writes this file needs. */
class Writer {
  private buf = new Uint8Array(1024);
  length = 0;
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  varint(v: number): void {
    this.ensure(10);
    let n = v >>> 0;
    while (n >= 0x80) {
      this.buf[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.length++] = n;
  }
  /** Field key: field number << 3 | wire type (0 varint, 2 length-delimited). */
  key(field: number, wire: 0 | 2): void {
    this.varint((field << 3) | wire);
  }
  bytes(field: number, b: Uint8Array): void {
    this.key(field, 2);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  uint(field: number, v: number): void {
    this.key(field, 0);
    this.varint(v);
  }
  sint(field: number, v: number): void {
    this.key(field, 0);
    this.varint(((v << 1) ^ (v >> 31)) >>> 0);
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const utf8 = new TextEncoder();

function encodeGlyph(g: GlyphRecord): Uint8Array {
  const w = new Writer();
  w.uint(1, g.id);
  if (g.bitmap.length > 0) w.bytes(2, g.bitmap);
  w.uint(3, g.width);
  w.uint(4, g.height);
  w.sint(5, Math.round(g.left));
  w.sint(6, Math.round(g.top));
  w.uint(7, Math.max(0, Math.round(g.advance)));
  return w.finish();
}

/**
 * Encodes one font stack's range as a glyphs protobuf (what maplibre fetches from `glyphs`).
 * Integer fields are rounded; a glyph whose bitmap is not (width + 6) × (height + 6) bytes (or
 * empty) is a bug in the caller and throws.
 */
export function encodeGlyphPbf(stack: GlyphStack): Uint8Array {
  const fs = new Writer();
  fs.bytes(1, utf8.encode(stack.name));
  fs.bytes(2, utf8.encode(stack.range));
  for (const g of stack.glyphs) {
    const size = (g.width + 2 * GLYPH_BORDER) * (g.height + 2 * GLYPH_BORDER);
    if (g.bitmap.length !== 0 && g.bitmap.length !== size) throw new Error(`glyph ${g.id}: bitmap has ${g.bitmap.length} bytes, expected ${size}`);
    fs.bytes(3, encodeGlyph(g));
  }
  const out = new Writer();
  out.bytes(1, fs.finish());
  return out.finish();
}

/** Reads protobuf fields of `b` in [start, end): `on(field, value, begin, stop)` — a varint's value (begin −1), or a length-delimited field's length and byte span. */
function fields(b: Uint8Array, start: number, end: number, on: (field: number, value: number, begin: number, stop: number) => void): void {
  let p = start;
  const varint = () => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (p >= end) throw new Error('glyph protobuf: truncated varint');
      const byte = b[p++]!;
      v += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return v;
      shift += 7;
    }
  };
  while (p < end) {
    const key = varint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (wire === 0) on(field, varint(), -1, -1);
    else if (wire === 2) {
      const len = varint();
      if (p + len > end) throw new Error('glyph protobuf: field runs past the end');
      on(field, len, p, p + len);
      p += len;
    } else throw new Error(`glyph protobuf: unexpected wire type ${wire}`);
  }
}

/**
 * Decodes a glyphs protobuf into its font stacks (the inverse of {@link encodeGlyphPbf}; used by
 * tests and to check what a glyph server sent). Malformed input throws.
 */
export function decodeGlyphPbf(b: Uint8Array): GlyphStack[] {
  const text = new TextDecoder();
  const stacks: GlyphStack[] = [];
  fields(b, 0, b.length, (f, _v, s, e) => {
    if (f !== 1) return;
    let name = '';
    let range = '';
    const glyphs: GlyphRecord[] = [];
    fields(b, s, e, (f2, _v2, s2, e2) => {
      if (f2 === 1) name = text.decode(b.subarray(s2, e2));
      else if (f2 === 2) range = text.decode(b.subarray(s2, e2));
      else if (f2 === 3) {
        const g = { id: 0, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance: 0 };
        const unzig = (n: number) => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);
        fields(b, s2, e2, (f3, v3, s3, e3) => {
          if (f3 === 1) g.id = v3;
          else if (f3 === 2) g.bitmap = b.slice(s3, e3);
          else if (f3 === 3) g.width = v3;
          else if (f3 === 4) g.height = v3;
          else if (f3 === 5) g.left = unzig(v3);
          else if (f3 === 6) g.top = unzig(v3);
          else if (f3 === 7) g.advance = v3;
        });
        glyphs.push(g);
      }
    });
    stacks.push({ name, range, glyphs });
  });
  return stacks;
}

/** The 256-code-point range a glyphs URL's `{range}` names ("512-767" → 512), or null when malformed. */
export function parseGlyphRange(range: string): number | null {
  const m = /^(\d+)-(\d+)$/.exec(range);
  if (!m) return null;
  const start = Number(m[1]);
  return start % 256 === 0 && Number(m[2]) === start + 255 && start <= 0xffff00 ? start : null;
}
