/**
 * ESRI world files (.pgw, .pngw, .jgw, .jpgw, .wld, ...): six numbers, one a line, that place a
 * plain image in a map CRS by an affine transform of pixel (col, row):
 *   x = A·col + B·row + C,  y = D·col + E·row + F
 * where A and E are the pixel size in x and y (E negative for a north-up image), B and D the
 * rotation/shear terms, and (C, F) the map coordinates of the CENTRE of the upper-left pixel —
 * note the order in the file: A, D, B, E, C, F. (ESRI, "World files for raster datasets".)
 * Rotated or sheared images are handled: the four corners are placed by the full transform and
 * the map draws the image as that quadrilateral.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { createTransform, getCrsDefinition } from './crs';

/** The six world-file terms, named as in the ESRI documentation. */
export interface WorldFile {
  readonly a: number;
  readonly d: number;
  readonly b: number;
  readonly e: number;
  readonly c: number;
  readonly f: number;
}

/** Four corners [[x, y] top-left, top-right, bottom-right, bottom-left] (maplibre image-source order). */
export type Corners = [[number, number], [number, number], [number, number], [number, number]];

/** World-file extensions that go with an image (lower case, with the dot). */
export const WORLD_FILE_EXTENSIONS = ['.pgw', '.pngw', '.jgw', '.jpgw', '.jpegw', '.wld'] as const;

/** True when `name` is a world file by its extension (any case). */
export function isWorldFileName(name: string): boolean {
  const n = name.toLowerCase();
  return WORLD_FILE_EXTENSIONS.some((x) => n.endsWith(x));
}

/**
 * Parses a world file's text: exactly six finite numbers (blank lines and surrounding spaces
 * ignored; a decimal comma is not accepted, as GIS software writes a point). Zero pixel size
 * (A·E − B·D = 0) is refused: such an image has no area.
 */
export function parseWorldFile(text: string, file: string): Result<WorldFile, AppError> {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length !== 6) return err({ kind: 'file-format', path: file, reason: `a world file has 6 numbers, one a line; this one has ${lines.length} lines` });
  const v: number[] = [];
  for (let i = 0; i < 6; i++) {
    const n = Number(lines[i]);
    if (!Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(lines[i]!)) {
      return err({ kind: 'file-format', path: file, row: i + 1, reason: `line ${i + 1}: "${lines[i]}" is not a number` });
    }
    v.push(n);
  }
  const [a, d, b, e, c, f] = v as [number, number, number, number, number, number];
  if (a * e - b * d === 0) return err({ kind: 'file-format', path: file, reason: 'the pixel size is zero (A·E − B·D = 0)' });
  return ok({ a, d, b, e, c, f });
}

/** True when the world file has rotation or shear terms (B or D not zero). */
export function isRotated(w: WorldFile): boolean {
  return w.b !== 0 || w.d !== 0;
}

/**
 * The map coordinates of the image's outer corners, for an image `width` × `height` pixels: the
 * corners of the pixel grid, half a pixel outside the pixel centres the world file names, i.e.
 * (col, row) = (−½, −½), (width − ½, −½), (width − ½, height − ½), (−½, height − ½).
 */
export function worldFileCorners(w: WorldFile, width: number, height: number): Corners {
  const at = (col: number, row: number): [number, number] => [w.a * col + w.b * row + w.c, w.d * col + w.e * row + w.f];
  return [at(-0.5, -0.5), at(width - 0.5, -0.5), at(width - 0.5, height - 0.5), at(-0.5, height - 0.5)];
}

/**
 * A guess at the world file's CRS when no .prj comes with it: EPSG:4326 when the upper-left
 * pixel lies in lon/lat range and a pixel is smaller than a degree, else null (ask the analyst).
 */
export function guessWorldFileCrs(w: WorldFile): string | null {
  return Math.abs(w.c) <= 180 && Math.abs(w.f) <= 90 && Math.abs(w.a) < 1 && Math.abs(w.e) < 1 ? 'EPSG:4326' : null;
}

/**
 * The image's four corners in lon/lat for the web map: {@link worldFileCorners} reprojected from
 * `crs` with proj4 (through geo/crs.ts). An unknown CRS, or a corner outside the web map's range
 * (|lon| ≤ 180, |lat| ≤ 85.1: usually the wrong CRS), is an error that says so.
 */
export function worldFileLonLatCorners(w: WorldFile, width: number, height: number, crs: string, file: string): Result<Corners, AppError> {
  if (!getCrsDefinition(crs)) return err({ kind: 'invalid-argument', name: 'CRS', value: crs, expected: 'an EPSG code this app knows (e.g. EPSG:2276, EPSG:32616, EPSG:4326)' });
  const t = createTransform(crs, 'EPSG:4326');
  const corners = worldFileCorners(w, width, height).map(([x, y]) => t(x, y)) as Corners;
  for (const [lon, lat] of corners) {
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 85.1)) {
      return err({ kind: 'file-format', path: file, reason: `corner (${lon}, ${lat}) is outside the web map's range: is the CRS (${crs}) right?` });
    }
  }
  return ok(corners);
}
