/**
 * GeoTIFF georeferencing (GeoTIFF 1.0, OGC 19-008r4) and display: where the image lies
 * (ModelTiepoint + ModelPixelScale, or ModelTransformation without rotation), in which CRS
 * (GeoKeyDirectory: ProjectedCSTypeGeoKey 3072 or GeographicTypeGeoKey 2048), its four corners
 * in lon/lat (reprojected with proj4 through geo/crs.ts), and an RGBA image for the map.
 */
import { err, ok, type Result } from '../../base/result';
import { createTransform, getCrsDefinition } from './crs';
import { readTiffImage, type TiffImage, type TiffReadError, type TiffTags } from './tiff-read';

/** An affine, north-up georeference: pixel (col, row) corner -> (west + col * cellX, north - row * cellY). */
export interface GeoReference {
  /** "EPSG:n". */
  readonly crs: string;
  readonly west: number;
  readonly north: number;
  readonly cellX: number;
  readonly cellY: number;
}

/** A GeoTIFF ready for the map: RGBA pixels and lon/lat corners (deck.gl/maplibre order). */
export interface GeoTiffImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  readonly georef: GeoReference;
  /** [[lon, lat] top-left, top-right, bottom-right, bottom-left] (maplibre image/canvas source order). */
  readonly corners: [[number, number], [number, number], [number, number], [number, number]];
}

/** Why a GeoTIFF cannot be shown. */
export type GeoTiffReadError = TiffReadError;

function numbers(tags: TiffTags, tag: number): number[] {
  const v = tags.get(tag);
  return Array.isArray(v) ? (v as number[]) : [];
}

/** The GeoKey values by key id (inline SHORT values only; those are the codes we need). */
export function readGeoKeys(tags: TiffTags): Map<number, number> {
  const dir = numbers(tags, 34735);
  const keys = new Map<number, number>();
  const count = dir[3] ?? 0;
  for (let i = 0; i < count; i++) {
    const at = 4 + 4 * i;
    if (dir[at + 1] === 0) keys.set(dir[at] as number, dir[at + 3] as number);
  }
  return keys;
}

/**
 * The image's georeference. Errors: no tie point/scale or transformation, a rotated transform,
 * a CRS given as a user-defined (32767) or unknown code.
 */
export function readGeoReference(tags: TiffTags, file: string): Result<GeoReference, GeoTiffReadError> {
  const fail = (detail: string) => err<GeoTiffReadError>({ kind: 'file-format', path: file, reason: detail });
  const keys = readGeoKeys(tags);
  const model = keys.get(1024);
  const code = model === 2 ? keys.get(2048) : (keys.get(3072) ?? keys.get(2048));
  if (code === undefined) return fail('no EPSG code in the GeoKeyDirectory (keys 3072/2048): save it with an EPSG CRS');
  if (code === 32767) return fail('a user-defined CRS (32767) is not supported: save it with an EPSG code');
  const crs = `EPSG:${code}`;
  if (!getCrsDefinition(crs)) return fail(`${crs} is not among the bundled coordinate systems`);
  // RasterPixelIsPoint (1025 = 2) puts the tie point at the pixel centre: shift by half a cell.
  const half = keys.get(1025) === 2 ? 0.5 : 0;
  const tie = numbers(tags, 33922);
  const scale = numbers(tags, 33550);
  if (tie.length >= 6 && scale.length >= 2) {
    const [i, j, , x, y] = tie as [number, number, number, number, number];
    const [sx, sy] = scale as [number, number];
    return ok({ crs, west: x - (i + half) * sx, north: y + (j + half) * sy, cellX: sx, cellY: sy });
  }
  const m = numbers(tags, 34264);
  if (m.length >= 8) {
    if (m[1] !== 0 || m[4] !== 0) return fail('the ModelTransformation is rotated: only north-up images are supported');
    const sx = m[0] as number;
    const sy = -(m[5] as number);
    return ok({ crs, west: (m[3] as number) - half * sx, north: (m[7] as number) + half * sy, cellX: sx, cellY: sy });
  }
  return fail('no ModelTiepoint/ModelPixelScale or ModelTransformation tags: the image is not georeferenced');
}

/**
 * RGBA for display: RGB(A) as is; one band as grey, stretched between its minimum and maximum
 * (NaN and GDAL_NODATA transparent); 16-bit bands scaled to 8 bits; palette images through their
 * ColorMap (320); WhiteIsZero inverted.
 */
export function toDisplayRgba(img: TiffImage): Uint8ClampedArray {
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 4);
  const spp = img.samplesPerPixel;
  const d = img.data;
  const noDataTag = img.tags.get(42113);
  const noData = typeof noDataTag === 'string' && noDataTag.trim() !== '' ? Number(noDataTag) : NaN;
  const scale = img.bitsPerSample === 16 ? 1 / 257 : 1;
  if (spp >= 3 && img.bitsPerSample !== 32) {
    for (let i = 0; i < n; i++) {
      out[4 * i] = (d[i * spp] as number) * scale;
      out[4 * i + 1] = (d[i * spp + 1] as number) * scale;
      out[4 * i + 2] = (d[i * spp + 2] as number) * scale;
      out[4 * i + 3] = spp >= 4 ? (d[i * spp + 3] as number) * scale : 255;
    }
    return out;
  }
  if (img.photometric === 3) {
    const map = img.tags.get(320);
    const cm = Array.isArray(map) ? (map as number[]) : [];
    const size = cm.length / 3;
    for (let i = 0; i < n; i++) {
      const v = d[i * spp] as number;
      out[4 * i] = (cm[v] ?? 0) / 257;
      out[4 * i + 1] = (cm[size + v] ?? 0) / 257;
      out[4 * i + 2] = (cm[2 * size + v] ?? 0) / 257;
      out[4 * i + 3] = 255;
    }
    return out;
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = d[i * spp] as number;
    if (!Number.isFinite(v) || v === noData) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < n; i++) {
    const v = d[i * spp] as number;
    if (!Number.isFinite(v) || v === noData) continue;
    let g = Math.round(((v - lo) / span) * 255);
    if (img.photometric === 0) g = 255 - g;
    out[4 * i] = g;
    out[4 * i + 1] = g;
    out[4 * i + 2] = g;
    out[4 * i + 3] = spp === 2 ? (d[i * spp + 1] as number) * scale : 255;
  }
  return out;
}

/**
 * Reads a GeoTIFF for display as a basemap: pixels, georeference and lon/lat corners. Each
 * corner is reprojected from the image CRS; a projected image therefore becomes a slightly
 * rotated quad on the web map, which the image source draws as such.
 */
export function readGeoTiffImage(bytes: Uint8Array, file: string): Result<GeoTiffImage, GeoTiffReadError> {
  const img = readTiffImage(bytes, file);
  if (!img.ok) return img;
  const georef = readGeoReference(img.value.tags, file);
  if (!georef.ok) return georef;
  const g = georef.value;
  const { width, height } = img.value;
  const toLonLat = g.crs === 'EPSG:4326' ? (x: number, y: number): [number, number] => [x, y] : createTransform(g.crs, 'EPSG:4326');
  const east = g.west + width * g.cellX;
  const south = g.north - height * g.cellY;
  const corners = [toLonLat(g.west, g.north), toLonLat(east, g.north), toLonLat(east, south), toLonLat(g.west, south)] as GeoTiffImage['corners'];
  for (const [lon, lat] of corners) {
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 85.1)) {
      return err({ kind: 'file-format', path: file, reason: `corner (${lon}, ${lat}) is outside the web map's range: is the CRS (${g.crs}) right?` });
    }
  }
  return ok({ width, height, rgba: toDisplayRgba(img.value), georef: g, corners });
}
