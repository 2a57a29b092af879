import * as maplibregl from 'maplibre-gl';
import { formatAppError } from '../../../shared/base/errors';
import type { BasemapDoc } from '../../../shared/domain/explore/basemap-doc';
import { readGeoTiffImage, type GeoTiffImage } from '../../../shared/domain/geo/geotiff-read';
import { openPmtiles } from '../../../shared/domain/geo/pmtiles';
import { registerGlyphProtocol } from '../../map/glyph-protocol';
import { readPlacedImage, type ImageCompanions, type PlacedImage } from './image-file';
import { openMbtilesBytes } from './mbtiles-file';
import { parseTileUrl, serveTile, type TileArchive } from './tile-serve';

/**
 * A basemap file read into memory: a PMTiles or MBTiles tile set, a GeoTIFF as a PNG blob URL
 * with its corners, or a PNG/JPEG placed by its world file.
 */
export type LoadedBasemap =
  | { kind: 'pmtiles' | 'mbtiles'; key: string; archive: TileArchive }
  | { kind: 'geotiff'; key: string; image: GeoTiffImage; url: string }
  | { kind: 'image'; key: string; image: PlacedImage; url: string };

// Files the analyst loaded in this window, by key: bytes are never saved in the project.
const loaded = new Map<string, LoadedBasemap>();
const listeners = new Set<() => void>();
let version = 0;
let protocolRegistered = false;

/** The key of a saved choice: the file name and size (what the document records). */
export function basemapKey(doc: Pick<BasemapDoc, 'file' | 'size'>): string {
  return `${doc.file.replace(/[^A-Za-z0-9._-]/g, '_')}-${doc.size}`;
}

/** The loaded file for a document, if it was loaded in this window. */
export function loadedBasemap(doc: BasemapDoc | null): LoadedBasemap | null {
  return doc ? (loaded.get(basemapKey(doc)) ?? null) : null;
}

/** Subscribe/snapshot pair for useSyncExternalStore: changes when a file is loaded. */
export const basemapFiles = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
  version: () => version,
};

/**
 * Serves tiles of loaded PMTiles and MBTiles sets to maplibre as `spi-pmtiles://KEY/{z}/{x}/{y}`
 * (and `spi-mbtiles://…`): read from memory, so no request leaves the page (the protocol
 * handler answers it).
 */
function registerProtocols(): void {
  if (protocolRegistered) return;
  protocolRegistered = true;
  const handler = async (params: { url: string }) => {
    const t = parseTileUrl(params.url);
    const entry = t ? loaded.get(t.key) : undefined;
    if (!t || !entry || !('archive' in entry)) throw new Error(`basemap tile ${params.url}: the file is not loaded`);
    const bytes = serveTile(entry.archive, t.z, t.x, t.y);
    if (!bytes.ok) throw new Error(formatAppError(bytes.error));
    return { data: bytes.value };
  };
  maplibregl.addProtocol('spi-pmtiles', handler);
  maplibregl.addProtocol('spi-mbtiles', handler);
}

async function toPngUrl(img: GeoTiffImage): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.getContext('2d')?.putImageData(new ImageData(img.rgba as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the image could not be encoded');
  return URL.createObjectURL(blob);
}

/**
 * Reads a basemap file's bytes for `doc`; resolves to an error message in plain words, or null
 * when loaded. An image (`doc.kind` 'image') needs its world file (and .prj if any) in
 * `companions`; with no .prj it is read in `doc.crs`, else lon/lat when the numbers look like
 * degrees, else `fallbackCrs` (the project's analysis CRS).
 */
export async function loadBasemapFile(doc: BasemapDoc, bytes: Uint8Array, companions: ImageCompanions = { worldFile: null, prj: null }, fallbackCrs: string | null = null): Promise<string | null> {
  const key = basemapKey(doc);
  const old = loaded.get(key);
  if (doc.kind === 'pmtiles' || doc.kind === 'mbtiles') {
    const a = doc.kind === 'pmtiles' ? openPmtiles(bytes, doc.file) : await openMbtilesBytes(bytes, doc.file);
    if (!a.ok) return formatAppError(a.error);
    const type = a.value.header.tileType;
    if (type !== 'mvt' && type !== 'png' && type !== 'jpeg' && type !== 'webp') return `${doc.file}: tile type ${type} cannot be drawn (vector MVT, PNG, JPEG or WebP can)`;
    registerProtocols();
    if (type === 'mvt') registerGlyphProtocol();
    loaded.set(key, { kind: doc.kind, key, archive: a.value });
  } else if (doc.kind === 'geotiff') {
    const img = readGeoTiffImage(bytes, doc.file);
    if (!img.ok) return formatAppError(img.error);
    loaded.set(key, { kind: 'geotiff', key, image: img.value, url: await toPngUrl(img.value) });
  } else {
    const placed = await readPlacedImage(doc.file, bytes, companions, doc.crs ?? null, fallbackCrs);
    if (typeof placed === 'string') return placed;
    loaded.set(key, { kind: 'image', key, ...placed });
  }
  if (old && 'url' in old) URL.revokeObjectURL(old.url);
  version++;
  for (const l of listeners) l();
  return null;
}

/** [west, south, east, north] of a loaded basemap, degrees: the tile set's bounds or the image's corners' extent. */
export function basemapBounds(file: LoadedBasemap): [number, number, number, number] {
  if ('archive' in file) return file.archive.header.bounds;
  const lons = file.image.corners.map((c) => c[0]);
  const lats = file.image.corners.map((c) => c[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
