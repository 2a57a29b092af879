import * as maplibregl from 'maplibre-gl';
import { formatAppError } from '../../../shared/base/errors';
import type { BasemapDoc } from '../../../shared/domain/explore/basemap-doc';
import { readGeoTiffImage, type GeoTiffImage } from '../../../shared/domain/geo/geotiff-read';
import { openPmtiles, type PmtilesArchive } from '../../../shared/domain/geo/pmtiles';

/** A basemap file read into memory: a PMTiles archive, or a GeoTIFF as a PNG blob URL with its corners. */
export type LoadedBasemap =
  | { kind: 'pmtiles'; key: string; archive: PmtilesArchive }
  | { kind: 'geotiff'; key: string; image: GeoTiffImage; url: string };

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

// A 1 x 1 transparent PNG: what a raster tile the archive lacks is drawn as.
const EMPTY_PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/**
 * Serves tiles of loaded PMTiles archives to maplibre as `spi-pmtiles://KEY/{z}/{x}/{y}`: read
 * from memory, so no request leaves the page (the protocol handler answers it).
 */
function registerProtocol(): void {
  if (protocolRegistered) return;
  protocolRegistered = true;
  maplibregl.addProtocol('spi-pmtiles', async (params) => {
    const m = /^spi-pmtiles:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)/.exec(params.url);
    const entry = m ? loaded.get(m[1] as string) : undefined;
    if (!m || !entry || entry.kind !== 'pmtiles') throw new Error(`basemap tile ${params.url}: the file is not loaded`);
    const tile = entry.archive.getTile(Number(m[2]), Number(m[3]), Number(m[4]));
    if (!tile.ok) throw new Error(formatAppError(tile.error));
    const raster = entry.archive.header.tileType !== 'mvt';
    const bytes = tile.value ?? (raster ? EMPTY_PNG : new Uint8Array(0));
    return { data: bytes.slice().buffer };
  });
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

/** Reads a basemap file's bytes for `doc`; resolves to an error message in plain words, or null when loaded. */
export async function loadBasemapFile(doc: BasemapDoc, bytes: Uint8Array): Promise<string | null> {
  const key = basemapKey(doc);
  if (doc.kind === 'pmtiles') {
    const a = openPmtiles(bytes, doc.file);
    if (!a.ok) return formatAppError(a.error);
    if (a.value.header.tileType === 'unknown' || a.value.header.tileType === 'avif') return `${doc.file}: tile type ${a.value.header.tileType} cannot be drawn (vector MVT, PNG, JPEG or WebP can)`;
    registerProtocol();
    loaded.set(key, { kind: 'pmtiles', key, archive: a.value });
  } else {
    const img = readGeoTiffImage(bytes, doc.file);
    if (!img.ok) return formatAppError(img.error);
    const old = loaded.get(key);
    if (old?.kind === 'geotiff') URL.revokeObjectURL(old.url);
    loaded.set(key, { kind: 'geotiff', key, image: img.value, url: await toPngUrl(img.value) });
  }
  version++;
  for (const l of listeners) l();
  return null;
}
