/**
 * A minimal GeoTIFF encoder for analysis surfaces (a KDE raster): one band of 32-bit IEEE floats,
 * baseline little-endian TIFF 6.0, uncompressed, in strips of about 64 KiB, georeferenced by
 * GeoTIFF 1.0 tags: ModelPixelScale (33550) + ModelTiepoint (33922) for the affine transform and
 * a GeoKeyDirectory (34735) naming the EPSG code, plus GDAL's NoData tag (42113) when asked.
 * GDAL, QGIS and ArcGIS read it as a north-up raster whose pixel (0, 0) is the north-west cell.
 *
 * Conventions: `west`/`north` are the outer EDGES of the raster (GeoTIFF RasterPixelIsArea: the
 * tie point is the corner of pixel 0, not its centre); row 0 is the northernmost row.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** What the writer needs: values row by row (row 0 north), the grid and the CRS. */
export interface GeoTiffRaster {
  readonly width: number;
  readonly height: number;
  /** width * height values, row-major, row 0 = north. Written as Float32. */
  readonly values: ArrayLike<number>;
  /** x of the west edge of column 0, in CRS units. */
  readonly west: number;
  /** y of the north edge of row 0, in CRS units. */
  readonly north: number;
  /** Cell width and height in CRS units (> 0). */
  readonly cellX: number;
  readonly cellY: number;
  /** "EPSG:32616" (projected) or "EPSG:4326" (geographic). */
  readonly crs: string;
  /** Written as GDAL_NODATA when given. */
  readonly noData?: number;
  /** A short description (ImageDescription, tag 270). */
  readonly description?: string;
}

/** Why a raster could not be encoded. */
export type GeoTiffWriteError = Extract<AppError, { kind: 'invalid-argument' }>;

const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;
const TYPE_SIZE: Record<number, number> = { [ASCII]: 1, [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8 };

interface Entry {
  tag: number;
  type: number;
  values: readonly number[] | string;
}

/** Geographic CRS codes the writer tags as GTModelType 2 (lon/lat); any other EPSG code is projected. */
const GEOGRAPHIC = new Set([4326, 4269, 4267, 4258, 4283, 4152]);

/** The EPSG number of "EPSG:n", or null. */
export function parseEpsgCode(crs: string): number | null {
  const m = /^EPSG:(\d{4,6})$/i.exec(crs.trim());
  return m ? Number(m[1]) : null;
}

function bad(name: string, value: unknown, expected: string): Result<never, GeoTiffWriteError> {
  return err({ kind: 'invalid-argument', name, value: String(value), expected });
}

/**
 * Encodes `raster` as a single-band Float32 GeoTIFF. Errors: non-positive or non-integer size,
 * a value count that is not width * height, a cell size that is not > 0, a CRS that is not an
 * EPSG code, or an image over 4 GiB (classic TIFF offsets are 32-bit).
 */
export function encodeGeoTiff(raster: GeoTiffRaster): Result<Uint8Array, GeoTiffWriteError> {
  const { width, height, values } = raster;
  if (!Number.isInteger(width) || width < 1) return bad('width', width, 'a whole number of columns >= 1');
  if (!Number.isInteger(height) || height < 1) return bad('height', height, 'a whole number of rows >= 1');
  if (values.length !== width * height) return bad('values', values.length, `width * height = ${width * height} values`);
  if (!(raster.cellX > 0) || !(raster.cellY > 0)) return bad('cell', `${raster.cellX} x ${raster.cellY}`, 'a cell size > 0');
  if (!Number.isFinite(raster.west) || !Number.isFinite(raster.north)) return bad('origin', `${raster.west}, ${raster.north}`, 'finite west and north edges');
  const epsg = parseEpsgCode(raster.crs);
  if (epsg === null) return bad('crs', raster.crs, 'an EPSG code such as EPSG:32616');
  const imageBytes = width * height * 4;
  if (imageBytes > 0xffff_0000) return bad('size', `${width} x ${height}`, 'an image under 4 GiB');

  const rowsPerStrip = Math.max(1, Math.min(height, Math.floor(65536 / (width * 4))));
  const strips = Math.ceil(height / rowsPerStrip);
  const geographic = GEOGRAPHIC.has(epsg);
  // GeoKeyDirectory: version 1.1.0, then (key, location 0 = inline SHORT, count 1, value), sorted by key.
  const keys: [number, number][] = [
    [1024, geographic ? 2 : 1], // GTModelTypeGeoKey: 1 projected, 2 geographic
    [1025, 1], // GTRasterTypeGeoKey: RasterPixelIsArea
    geographic ? [2048, epsg] : [3072, epsg], // GeographicTypeGeoKey / ProjectedCSTypeGeoKey
  ];
  const geoKeys = [1, 1, 0, keys.length, ...keys.flatMap(([k, v]) => [k, 0, 1, v])];
  const entries: Entry[] = [
    { tag: 256, type: LONG, values: [width] },
    { tag: 257, type: LONG, values: [height] },
    { tag: 258, type: SHORT, values: [32] },
    { tag: 259, type: SHORT, values: [1] }, // no compression
    { tag: 262, type: SHORT, values: [1] }, // BlackIsZero
    ...(raster.description ? [{ tag: 270, type: ASCII, values: raster.description }] : []),
    { tag: 273, type: LONG, values: new Array<number>(strips).fill(0) }, // patched below
    { tag: 277, type: SHORT, values: [1] },
    { tag: 278, type: LONG, values: [rowsPerStrip] },
    { tag: 279, type: LONG, values: Array.from({ length: strips }, (_, s) => Math.min(rowsPerStrip, height - s * rowsPerStrip) * width * 4) },
    { tag: 284, type: SHORT, values: [1] }, // chunky
    { tag: 339, type: SHORT, values: [3] }, // IEEE floating point
    { tag: 33550, type: DOUBLE, values: [raster.cellX, raster.cellY, 0] },
    { tag: 33922, type: DOUBLE, values: [0, 0, 0, raster.west, raster.north, 0] },
    { tag: 34735, type: SHORT, values: geoKeys },
    ...(raster.noData !== undefined ? [{ tag: 42113, type: ASCII, values: String(raster.noData) }] : []),
  ];

  const byteLength = (e: Entry) => (typeof e.values === 'string' ? e.values.length + 1 : e.values.length) * (TYPE_SIZE[e.type] as number);
  const ifdStart = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = ifdStart + ifdSize;
  const extraAt = new Map<Entry, number>();
  for (const e of entries) {
    const n = byteLength(e);
    if (n <= 4) continue;
    extra += extra % 2; // word alignment (TIFF 6.0, section 2)
    extraAt.set(e, extra);
    extra += n;
  }
  const dataStart = extra + ((8 - (extra % 8)) % 8);
  const stripOffsets = entries.find((e) => e.tag === 273) as Entry;
  stripOffsets.values = Array.from({ length: strips }, (_, s) => dataStart + s * rowsPerStrip * width * 4);

  const out = new Uint8Array(dataStart + imageBytes);
  const view = new DataView(out.buffer);
  out[0] = 0x49; // "II": little-endian
  out[1] = 0x49;
  view.setUint16(2, 42, true);
  view.setUint32(4, ifdStart, true);
  view.setUint16(ifdStart, entries.length, true);
  const writeValues = (e: Entry, at: number) => {
    if (typeof e.values === 'string') {
      for (let i = 0; i < e.values.length; i++) out[at + i] = e.values.charCodeAt(i) & 0x7f;
      out[at + e.values.length] = 0;
      return;
    }
    e.values.forEach((v, i) => {
      if (e.type === SHORT) view.setUint16(at + 2 * i, v, true);
      else if (e.type === LONG) view.setUint32(at + 4 * i, v, true);
      else view.setFloat64(at + 8 * i, v, true);
    });
  };
  entries.forEach((e, i) => {
    const at = ifdStart + 2 + 12 * i;
    view.setUint16(at, e.tag, true);
    view.setUint16(at + 2, e.type, true);
    view.setUint32(at + 4, typeof e.values === 'string' ? e.values.length + 1 : e.values.length, true);
    const far = extraAt.get(e);
    if (far === undefined) writeValues(e, at + 8);
    else {
      view.setUint32(at + 8, far, true);
      writeValues(e, far);
    }
  });
  view.setUint32(ifdStart + 2 + 12 * entries.length, 0, true); // no next IFD
  for (let i = 0; i < width * height; i++) view.setFloat32(dataStart + 4 * i, Number(values[i]), true);
  return ok(out);
}
