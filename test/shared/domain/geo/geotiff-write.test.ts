import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { encodeGeoTiff, parseEpsgCode } from '../../../../shared/domain/geo/geotiff-write';
import { readGeoKeys, readGeoReference, readGeoTiffImage } from '../../../../shared/domain/geo/geotiff-read';
import { readTiffImage, readTiffTags } from '../../../../shared/domain/geo/tiff-read';

const raster = (width: number, height: number, crs = 'EPSG:32616') => ({
  width,
  height,
  values: Float64Array.from({ length: width * height }, (_, i) => i * 0.5 - 3),
  west: 500_000,
  north: 3_900_000,
  cellX: 100,
  cellY: 100,
  crs,
  noData: -9999,
  description: 'kde test',
});

/** Reads one IFD entry by hand, independently of tiff-read.ts: [type, count, first value or offset]. */
function entry(bytes: Uint8Array, tag: number): [number, number, number] | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  const ifd = v.getUint32(4, true);
  const n = v.getUint16(ifd, true);
  for (let i = 0; i < n; i++) {
    const at = ifd + 2 + 12 * i;
    if (v.getUint16(at, true) === tag) return [v.getUint16(at + 2, true), v.getUint32(at + 4, true), v.getUint32(at + 8, true)];
  }
  return null;
}

describe('encodeGeoTiff', () => {
  it('writes a little-endian baseline TIFF whose IFD a hand parser reads: size, float samples, strips', () => {
    const r = encodeGeoTiff(raster(7, 5));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const b = r.value;
    expect([b[0], b[1], b[2], b[3]]).toEqual([0x49, 0x49, 42, 0]);
    expect(entry(b, 256)).toEqual([4, 1, 7]);
    expect(entry(b, 257)).toEqual([4, 1, 5]);
    expect(entry(b, 258)?.[2]).toBe(32);
    expect(entry(b, 339)?.[2]).toBe(3);
    expect(entry(b, 259)?.[2]).toBe(1);
    // the first strip holds the first value, -3, as a little-endian float
    const off = entry(b, 273) as [number, number, number];
    expect(new DataView(b.buffer).getFloat32(off[2], true)).toBe(-3);
    // tags are in ascending order (TIFF 6.0 requires it)
    const v = new DataView(b.buffer);
    const n = v.getUint16(8, true);
    const tags = Array.from({ length: n }, (_, i) => v.getUint16(10 + 12 * i, true));
    expect([...tags].sort((a, c) => a - c)).toEqual(tags);
  });

  it('round-trips dimensions, georeference, EPSG code, NoData and every value', () => {
    const src = raster(300, 260); // several strips (65,536 bytes / 1,200 bytes per row = 54 rows each)
    const r = encodeGeoTiff(src);
    if (!r.ok) throw new Error('encode failed');
    const img = readTiffImage(r.value, 'k.tif');
    if (!img.ok) throw new Error(JSON.stringify(img.error));
    expect(img.value.width).toBe(300);
    expect(img.value.height).toBe(260);
    expect(img.value.data).toBeInstanceOf(Float32Array);
    for (let i = 0; i < src.values.length; i += 997) expect(img.value.data[i]).toBeCloseTo(src.values[i] as number, 4);
    expect(img.value.data[src.values.length - 1]).toBeCloseTo(src.values[src.values.length - 1] as number, 3);
    const keys = readGeoKeys(img.value.tags);
    expect(keys.get(1024)).toBe(1);
    expect(keys.get(1025)).toBe(1);
    expect(keys.get(3072)).toBe(32616);
    expect(readGeoReference(img.value.tags, 'k.tif')).toEqual({ ok: true, value: { crs: 'EPSG:32616', west: 500_000, north: 3_900_000, cellX: 100, cellY: 100 } });
    expect(img.value.tags.get(42113)).toBe('-9999');
    expect(img.value.tags.get(270)).toBe('kde test');
    expect((entry(r.value, 278) as number[])[2]).toBe(54);
  });

  it('tags a geographic CRS with GeographicTypeGeoKey and model type 2', () => {
    const r = encodeGeoTiff({ ...raster(2, 2, 'EPSG:4326'), west: -90, north: 35, cellX: 0.01, cellY: 0.01 });
    if (!r.ok) throw new Error('encode failed');
    const t = readTiffTags(r.value, 'g.tif');
    if (!t.ok) throw new Error('read failed');
    const keys = readGeoKeys(t.value.tags);
    expect(keys.get(1024)).toBe(2);
    expect(keys.get(2048)).toBe(4326);
    const img = readGeoTiffImage(r.value, 'g.tif');
    if (!img.ok) throw new Error(JSON.stringify(img.error));
    expect(img.value.corners[0]).toEqual([-90, 35]);
    expect(img.value.corners[2][0]).toBeCloseTo(-89.98, 10);
    expect(img.value.corners[2][1]).toBeCloseTo(34.98, 10);
  });

  it('refuses bad input with the bad value named', () => {
    expect(encodeGeoTiff({ ...raster(2, 2), crs: 'NAD83 / whatever' })).toEqual({ ok: false, error: { kind: 'invalid-argument', name: 'crs', value: 'NAD83 / whatever', expected: 'an EPSG code such as EPSG:32616' } });
    expect(encodeGeoTiff({ ...raster(2, 2), values: new Float64Array(3) }).ok).toBe(false);
    expect(encodeGeoTiff({ ...raster(2, 2), cellX: 0 }).ok).toBe(false);
    expect(encodeGeoTiff({ ...raster(2, 2), width: 0, values: [] }).ok).toBe(false);
    expect(parseEpsgCode('epsg:2276')).toBe(2276);
    expect(parseEpsgCode('EPSG:')).toBeNull();
  });
});

/** A hand-built 8-bit RGB GeoTIFF with Deflate strips and a UTM tie point, as a GIS would save it. */
function rgbDeflateTiff(): Uint8Array {
  const w = 4, h = 3;
  const pixels = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) pixels.set([i * 20, 255 - i * 20, 7], i * 3);
  const strip = zlibSync(pixels);
  const entries: [number, number, number[]][] = [
    [256, 3, [w]], [257, 3, [h]], [258, 3, [8, 8, 8]], [259, 3, [8]], [262, 3, [2]], [273, 4, [0]], [277, 3, [3]], [278, 3, [h]], [279, 4, [strip.length]],
    [33550, 12, [10, 10, 0]], [33922, 12, [0, 0, 0, 500_000, 3_900_000, 0]], [34735, 3, [1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32616]],
  ];
  const size = { 3: 2, 4: 4, 12: 8 } as Record<number, number>;
  let extra = 8 + 2 + entries.length * 12 + 4;
  const far: number[] = [];
  for (const [, t, v] of entries) {
    far.push(v.length * (size[t] as number) > 4 ? extra : -1);
    if (v.length * (size[t] as number) > 4) extra += v.length * (size[t] as number);
  }
  const out = new Uint8Array(extra + strip.length);
  const dv = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0, 8, 0, 0, 0]);
  dv.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, values], i) => {
    if (tag === 273) values = [extra];
    const at = 10 + 12 * i;
    dv.setUint16(at, tag, true);
    dv.setUint16(at + 2, type, true);
    dv.setUint32(at + 4, values.length, true);
    const base = far[i] as number >= 0 ? (far[i] as number) : at + 8;
    if ((far[i] as number) >= 0) dv.setUint32(at + 8, base, true);
    values.forEach((v, k) => (type === 3 ? dv.setUint16(base + 2 * k, v, true) : type === 4 ? dv.setUint32(base + 4 * k, v, true) : dv.setFloat64(base + 8 * k, v, true)));
  });
  out.set(strip, extra);
  return out;
}

describe('readGeoTiffImage', () => {
  it('decodes a Deflate RGB GeoTIFF and puts its corners at the UTM 16N positions in lon/lat', () => {
    const r = readGeoTiffImage(rgbDeflateTiff(), 'ortho.tif');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.width).toBe(4);
    expect(Array.from(r.value.rgba.subarray(4 * 5, 4 * 6))).toEqual([100, 155, 7, 255]);
    // UTM 16N: easting 500,000 is the central meridian, -87°
    expect(r.value.corners[0][0]).toBeCloseTo(-87, 6);
    expect(r.value.corners[0][1]).toBeGreaterThan(35.2);
    expect(r.value.corners[1][0]).toBeGreaterThan(-87);
  });

  it('names what it cannot read: JPEG compression, not a TIFF, no georeference', () => {
    const jpeg = rgbDeflateTiff();
    const dv = new DataView(jpeg.buffer);
    for (let i = 0; i < 12; i++) if (dv.getUint16(10 + 12 * i, true) === 259) dv.setUint16(10 + 12 * i + 8, 7, true);
    const j = readGeoTiffImage(jpeg, 'a.tif');
    expect(j.ok ? '' : j.error.reason).toMatch(/compression 7 \(JPEG\) is not supported/);
    const png = readGeoTiffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'b.png');
    expect(png.ok ? '' : png.error.reason).toMatch(/not a TIFF/);
    const plain = encodeGeoTiff(raster(2, 2));
    if (!plain.ok) throw new Error('encode failed');
    // drop the GeoKeyDirectory by renaming its tag
    const p = plain.value;
    const pv = new DataView(p.buffer);
    for (let i = 0; i < pv.getUint16(8, true); i++) if (pv.getUint16(10 + 12 * i, true) === 34735) pv.setUint16(10 + 12 * i, 34999, true);
    const u = readGeoTiffImage(p, 'c.tif');
    expect(u.ok ? '' : u.error.reason).toMatch(/no EPSG code/);
  });
});
