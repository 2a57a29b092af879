/**
 * Baseline TIFF reading (TIFF 6.0): the first image file directory, its tags, and the decoded
 * pixels of strip or tile images, uncompressed, PackBits, LZW or Deflate (zlib, via fflate), with
 * the horizontal-difference predictor. Classic TIFF only (BigTIFF and JPEG-compressed images are
 * refused with an error that says so). Used for GeoTIFF basemaps and to check our own writer.
 */
import { unzlibSync } from 'fflate';
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** Why a TIFF could not be read: an AppError 'file-format' whose reason names the tag, value or offset. */
export type TiffReadError = Extract<AppError, { kind: 'file-format' }>;

/** Tag number -> its values (numbers; ASCII tags as one string). */
export type TiffTags = ReadonlyMap<number, readonly number[] | string>;

/** A decoded image: interleaved samples, row 0 first. */
export interface TiffImage {
  readonly width: number;
  readonly height: number;
  readonly samplesPerPixel: number;
  readonly bitsPerSample: number;
  /** 1 unsigned integer, 2 signed, 3 IEEE float. */
  readonly sampleFormat: number;
  /** 0 WhiteIsZero, 1 BlackIsZero, 2 RGB, 3 palette. */
  readonly photometric: number;
  readonly data: Uint8Array | Uint16Array | Float32Array;
  readonly tags: TiffTags;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

/** The first IFD's tags. Errors: not a TIFF, BigTIFF, an entry pointing outside the file. */
export function readTiffTags(bytes: Uint8Array, file: string): Result<{ tags: TiffTags; little: boolean }, TiffReadError> {
  const fail = (detail: string) => err<TiffReadError>({ kind: 'file-format', path: file, reason: detail });
  if (bytes.length < 8) return fail('shorter than a TIFF header (8 bytes)');
  const order = String.fromCharCode(bytes[0] as number, bytes[1] as number);
  if (order !== 'II' && order !== 'MM') return fail(`byte order "${order}" is not II or MM: not a TIFF`);
  const little = order === 'II';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint16(2, little);
  if (magic === 43) return fail('BigTIFF (version 43) is not supported: save as classic TIFF');
  if (magic !== 42) return fail(`version ${magic} is not 42: not a TIFF`);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > bytes.length) return fail(`first IFD offset ${ifd} is past the end (${bytes.length} bytes)`);
  const count = view.getUint16(ifd, little);
  if (ifd + 2 + count * 12 > bytes.length) return fail(`IFD at ${ifd} with ${count} entries runs past the end`);
  const tags = new Map<number, readonly number[] | string>();
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + 12 * i;
    const tag = view.getUint16(at, little);
    const type = view.getUint16(at + 2, little);
    const n = view.getUint32(at + 4, little);
    const size = TYPE_SIZE[type];
    if (size === undefined) continue; // unknown field types are skipped (TIFF 6.0, section 2)
    const start = size * n <= 4 ? at + 8 : view.getUint32(at + 8, little);
    if (start + size * n > bytes.length) return fail(`tag ${tag}: ${n} values at offset ${start} run past the end`);
    if (type === 2) {
      let s = '';
      for (let k = 0; k < n && bytes[start + k] !== 0; k++) s += String.fromCharCode(bytes[start + k] as number);
      tags.set(tag, s);
      continue;
    }
    const values: number[] = [];
    for (let k = 0; k < n; k++) {
      const p = start + k * size;
      if (type === 1 || type === 7) values.push(view.getUint8(p));
      else if (type === 6) values.push(view.getInt8(p));
      else if (type === 3) values.push(view.getUint16(p, little));
      else if (type === 8) values.push(view.getInt16(p, little));
      else if (type === 4) values.push(view.getUint32(p, little));
      else if (type === 9) values.push(view.getInt32(p, little));
      else if (type === 5) values.push(view.getUint32(p, little) / view.getUint32(p + 4, little));
      else if (type === 10) values.push(view.getInt32(p, little) / view.getInt32(p + 4, little));
      else if (type === 11) values.push(view.getFloat32(p, little));
      else values.push(view.getFloat64(p, little));
    }
    tags.set(tag, values);
  }
  return ok({ tags, little });
}

/** TIFF LZW (MSB-first codes, 9-12 bits, 256 clear, 257 end, early change). */
export function decodeTiffLzw(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let o = 0;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) (suffix[i] = i), (length[i] = 1), (prefix[i] = -1);
  let next = 258;
  let width = 9;
  let bit = 0;
  let old = -1;
  const first = (code: number) => {
    let c = code;
    while ((prefix[c] as number) >= 0) c = prefix[c] as number;
    return suffix[c] as number;
  };
  const emit = (code: number) => {
    const len = length[code] as number;
    let c = code;
    for (let k = len - 1; k >= 0; k--) {
      if (o + k < expected) out[o + k] = suffix[c] as number;
      c = prefix[c] as number;
    }
    o += len;
  };
  while (bit + width <= input.length * 8 && o < expected) {
    let code = 0;
    for (let k = 0; k < width; k++, bit++) code = (code << 1) | (((input[bit >> 3] as number) >> (7 - (bit & 7))) & 1);
    if (code === 257) break;
    if (code === 256) {
      next = 258;
      width = 9;
      old = -1;
      continue;
    }
    if (old < 0) {
      emit(code);
      old = code;
      continue;
    }
    if (code < next) {
      emit(code);
      if (next < 4096) (prefix[next] = old), (suffix[next] = first(code)), (length[next] = (length[old] as number) + 1), next++;
    } else {
      if (next < 4096) (prefix[next] = old), (suffix[next] = first(old)), (length[next] = (length[old] as number) + 1), next++;
      emit(code);
    }
    old = code;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return out;
}

function decodePackBits(input: Uint8Array, expected: number): Uint8Array {
  const out = new Uint8Array(expected);
  let i = 0;
  let o = 0;
  while (i < input.length && o < expected) {
    const n = ((input[i++] as number) << 24) >> 24;
    if (n >= 0) for (let k = 0; k <= n && o < expected; k++) out[o++] = input[i++] as number;
    else if (n !== -128) {
      const v = input[i++] as number;
      for (let k = 0; k < 1 - n && o < expected; k++) out[o++] = v;
    }
  }
  return out;
}

const num = (tags: TiffTags, tag: number, fallback: number) => {
  const v = tags.get(tag);
  return Array.isArray(v) && v.length > 0 ? (v[0] as number) : fallback;
};
const list = (tags: TiffTags, tag: number) => {
  const v = tags.get(tag);
  return Array.isArray(v) ? (v as number[]) : [];
};

/**
 * Decodes the first image: 8- or 16-bit integers or 32-bit floats, 1-4 samples per pixel,
 * chunky (interleaved) layout, in strips or tiles. Errors name the unsupported compression,
 * layout or bit depth (e.g. "compression 7 (JPEG) is not supported: re-save with Deflate or LZW").
 */
export function readTiffImage(bytes: Uint8Array, file: string): Result<TiffImage, TiffReadError> {
  const parsed = readTiffTags(bytes, file);
  if (!parsed.ok) return parsed;
  const { tags, little } = parsed.value;
  const fail = (detail: string) => err<TiffReadError>({ kind: 'file-format', path: file, reason: detail });
  const width = num(tags, 256, 0);
  const height = num(tags, 257, 0);
  const spp = num(tags, 277, 1);
  const bits = num(tags, 258, 1);
  const format = num(tags, 339, 1);
  const compression = num(tags, 259, 1);
  const predictor = num(tags, 317, 1);
  if (width < 1 || height < 1) return fail(`image size ${width} x ${height} is empty`);
  if (width * height * spp > 200_000_000) return fail(`image of ${width} x ${height} x ${spp} samples is too large to show (at most 200 million)`);
  if (num(tags, 284, 1) !== 1 && spp > 1) return fail('planar configuration 2 (separate bands) is not supported: re-save as pixel-interleaved');
  if (list(tags, 258).some((b) => b !== bits)) return fail(`bits per sample ${list(tags, 258).join(',')} differ between bands`);
  const supported = (bits === 8 && format !== 3) || (bits === 16 && format !== 3) || (bits === 32 && format === 3);
  if (!supported) return fail(`${bits}-bit samples with sample format ${format} are not supported (8/16-bit integers or 32-bit floats)`);
  if (![1, 5, 8, 32946, 32773].includes(compression)) {
    const name = compression === 7 || compression === 6 ? ' (JPEG)' : '';
    return fail(`compression ${compression}${name} is not supported: re-save with Deflate, LZW or none (gdal_translate -co COMPRESS=DEFLATE)`);
  }
  const tiled = tags.has(322);
  const bw = tiled ? num(tags, 322, width) : width;
  const bh = tiled ? num(tags, 323, height) : num(tags, 278, height);
  const offsets = list(tags, tiled ? 324 : 273);
  const counts = list(tags, tiled ? 325 : 279);
  const across = Math.ceil(width / bw);
  const blocks = tiled ? across * Math.ceil(height / bh) : Math.ceil(height / bh);
  if (offsets.length < blocks || counts.length < blocks) return fail(`${offsets.length} ${tiled ? 'tile' : 'strip'} offsets for ${blocks} ${tiled ? 'tiles' : 'strips'}`);
  const bps = bits / 8;
  const out = new Uint8Array(width * height * spp * bps);
  const rowBytes = width * spp * bps;
  for (let b = 0; b < blocks; b++) {
    const start = offsets[b] as number;
    const count = counts[b] as number;
    if (start + count > bytes.length) return fail(`${tiled ? 'tile' : 'strip'} ${b} at offset ${start} (${count} bytes) runs past the end`);
    const raw = bytes.subarray(start, start + count);
    const expected = bw * (tiled ? bh : Math.min(bh, height - b * bh)) * spp * bps;
    let block: Uint8Array;
    try {
      if (compression === 1) block = raw;
      else if (compression === 5) block = decodeTiffLzw(raw, expected);
      else if (compression === 32773) block = decodePackBits(raw, expected);
      else block = unzlibSync(raw);
    } catch (e) {
      return fail(`${tiled ? 'tile' : 'strip'} ${b} could not be decompressed (${e instanceof Error ? e.message : String(e)})`);
    }
    const blockRow = bw * spp * bps;
    const rowsHere = Math.min(bh, Math.floor(block.length / blockRow));
    if (predictor === 2 && bits === 8) {
      for (let r = 0; r < rowsHere; r++) {
        for (let i = spp; i < bw * spp; i++) block[r * blockRow + i] = ((block[r * blockRow + i] as number) + (block[r * blockRow + i - spp] as number)) & 0xff;
      }
    }
    const x0 = tiled ? (b % across) * bw : 0;
    const y0 = tiled ? Math.floor(b / across) * bh : b * bh;
    const copy = Math.min(bw, width - x0) * spp * bps;
    for (let r = 0; r < rowsHere && y0 + r < height; r++) {
      out.set(block.subarray(r * blockRow, r * blockRow + copy), (y0 + r) * rowBytes + x0 * spp * bps);
    }
  }
  let data: TiffImage['data'] = out;
  if (bits > 8) {
    // Copy into native-endian typed arrays (the file may be big-endian).
    const view = new DataView(out.buffer);
    const n = width * height * spp;
    if (bits === 16) {
      const a = new Uint16Array(n);
      for (let i = 0; i < n; i++) a[i] = view.getUint16(2 * i, little);
      data = a;
    } else {
      const a = new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = view.getFloat32(4 * i, little);
      data = a;
    }
  }
  return ok({ width, height, samplesPerPixel: spp, bitsPerSample: bits, sampleFormat: format, photometric: num(tags, 262, spp >= 3 ? 2 : 1), data, tags });
}
