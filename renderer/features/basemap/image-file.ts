import { formatAppError } from '../../../shared/base/errors';
import { matchPrj } from '../../../shared/domain/geo/crs-prj';
import { getCrsDefinition, normalizeCrsCode } from '../../../shared/domain/geo/crs';
import { guessWorldFileCrs, isRotated, parseWorldFile, worldFileLonLatCorners, type Corners } from '../../../shared/domain/geo/world-file';

/** A PNG/JPEG placed on the map by its world file. */
export interface PlacedImage {
  readonly width: number;
  readonly height: number;
  /** The world file's CRS ("EPSG:n"). */
  readonly crs: string;
  /** Where the CRS came from: the .prj, the analyst, the numbers (lon/lat), or the project's analysis CRS. */
  readonly crsFrom: 'prj' | 'chosen' | 'guessed' | 'project';
  /** True when the world file rotates or shears the image (drawn as the rotated quadrilateral). */
  readonly rotated: boolean;
  readonly corners: Corners;
}

/** The companion files picked with an image: its world file's text and optional .prj text. */
export interface ImageCompanions {
  readonly worldFile: { readonly name: string; readonly text: string } | null;
  readonly prj: { readonly name: string; readonly text: string } | null;
}

/**
 * The CRS to read a world file in: the .prj's when it names a known CRS, else `chosen` (typed by
 * the analyst), else lon/lat when the numbers look like degrees (`guess`), else `fallback` (the
 * project's analysis CRS). An error message in plain words when none fits.
 */
export function worldFileCrs(companions: ImageCompanions, chosen: string | null, guess: string | null, fallback: string | null = null): { crs: string; from: PlacedImage['crsFrom'] } | string {
  if (companions.prj) {
    const m = matchPrj(companions.prj.text);
    if (m.kind === 'matched') return { crs: m.code, from: 'prj' };
    if (!chosen) return `${companions.prj.name}: ${m.reason} — type the image's EPSG code in "CRS" and load it again`;
  }
  if (chosen) {
    const code = normalizeCrsCode(chosen);
    return getCrsDefinition(code) ? { crs: code, from: 'chosen' } : `CRS "${chosen}" is not one this app knows (e.g. EPSG:2276, EPSG:32616, EPSG:4326)`;
  }
  if (guess) return { crs: guess, from: 'guessed' };
  return fallback && getCrsDefinition(fallback) ? { crs: normalizeCrsCode(fallback), from: 'project' } : 'the world file has no .prj: type the image\'s EPSG code in "CRS" and load it again';
}

/**
 * Reads a PNG or JPEG `bytes` with its world file: decodes the image (for its size) and places
 * its four corners in lon/lat, in the CRS {@link worldFileCrs} picks. Resolves to the placed image and a blob URL for maplibre's image
 * source, or an error message in plain words.
 */
export async function readPlacedImage(name: string, bytes: Uint8Array, companions: ImageCompanions, chosenCrs: string | null, fallbackCrs: string | null = null): Promise<{ image: PlacedImage; url: string } | string> {
  if (!companions.worldFile) return `${name}: pick the image together with its world file (.pgw, .jgw or .wld, and its .prj if there is one)`;
  const wf = parseWorldFile(companions.worldFile.text, companions.worldFile.name);
  if (!wf.ok) return formatAppError(wf.error);
  const crs = worldFileCrs(companions, chosenCrs, guessWorldFileCrs(wf.value), fallbackCrs);
  if (typeof crs === 'string') return crs;
  const type = /\.png$/i.test(name) ? 'image/png' : 'image/jpeg';
  const blob = new Blob([bytes.slice().buffer], { type });
  let width: number;
  let height: number;
  try {
    const bitmap = await createImageBitmap(blob);
    width = bitmap.width;
    height = bitmap.height;
    bitmap.close();
  } catch {
    return `${name}: the image could not be decoded (is it a PNG or JPEG?)`;
  }
  const corners = worldFileLonLatCorners(wf.value, width, height, crs.crs, companions.worldFile.name);
  if (!corners.ok) return formatAppError(corners.error);
  return { image: { width, height, crs: crs.crs, crsFrom: crs.from, rotated: isRotated(wf.value), corners: corners.value }, url: URL.createObjectURL(blob) };
}
