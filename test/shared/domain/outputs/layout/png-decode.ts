import { unzlibSync } from 'fflate';

/** Decodes an 8-bit RGBA or RGB, non-interlaced PNG (what resvg and our encoder write) for pixel checks. */
export function decodePng(bytes: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8;
  let width = 0, height = 0, colorType = 6;
  const idat: Uint8Array[] = [];
  while (o < bytes.length) {
    const len = v.getUint32(o);
    const type = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    const data = bytes.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = v.getUint32(o + 8);
      height = v.getUint32(o + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let k = 0;
  for (const d of idat) { joined.set(d, k); k += d.length; }
  const raw = unzlibSync(joined);
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      let p = src[x]!;
      if (f === 1) p += a;
      else if (f === 2) p += b;
      else if (f === 3) p += (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = p & 255;
    }
  }
  if (bpp === 4) return { width, height, rgba: out };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([out[3 * i]!, out[3 * i + 1]!, out[3 * i + 2]!, 255], 4 * i);
  return { width, height, rgba };
}

/** Pixels within `tol` (per channel) of `rgb` inside the box [x0, y0, x1, y1) (pixels). */
export function countColor(img: { width: number; rgba: Uint8Array }, rgb: readonly [number, number, number], box: readonly [number, number, number, number], tol = 24): number {
  let n = 0;
  for (let y = Math.max(0, box[1]); y < box[3]; y++) {
    for (let x = Math.max(0, box[0]); x < Math.min(img.width, box[2]); x++) {
      const i = 4 * (y * img.width + x);
      if (Math.abs(img.rgba[i]! - rgb[0]) <= tol && Math.abs(img.rgba[i + 1]! - rgb[1]) <= tol && Math.abs(img.rgba[i + 2]! - rgb[2]) <= tol) n++;
    }
  }
  return n;
}
