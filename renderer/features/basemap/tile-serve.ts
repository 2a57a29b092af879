import type { AppError } from '../../../shared/base/errors';
import { ok, type Result } from '../../../shared/base/result';

/** A tile set the map can draw (a PMTiles archive or an MBTiles database, both read into memory). */
export interface TileArchive {
  readonly header: {
    readonly tileType: string;
    readonly minZoom: number;
    readonly maxZoom: number;
    /** [west, south, east, north], degrees. */
    readonly bounds: [number, number, number, number];
  };
  readonly metadata: Record<string, unknown>;
  /** The XYZ tile's bytes (decompressed), or null when the set has no such tile. */
  getTile(z: number, x: number, y: number): Result<Uint8Array | null, AppError>;
}

// A 1 x 1 transparent PNG: what a raster tile the set lacks is drawn as.
const EMPTY_PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** The tile URL template maplibre gets for a loaded tile set: `spi-pmtiles://KEY/{z}/{x}/{y}` or `spi-mbtiles://…`. */
export function tileUrlTemplate(kind: 'pmtiles' | 'mbtiles', key: string): string {
  return `spi-${kind}://${key}/{z}/{x}/{y}`;
}

/** Parses a tile URL made by {@link tileUrlTemplate}: key and XYZ numbers, or null. */
export function parseTileUrl(url: string): { kind: 'pmtiles' | 'mbtiles'; key: string; z: number; x: number; y: number } | null {
  const m = /^spi-(pmtiles|mbtiles):\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)$/.exec(url);
  return m ? { kind: m[1] as 'pmtiles' | 'mbtiles', key: m[2]!, z: Number(m[3]), x: Number(m[4]), y: Number(m[5]) } : null;
}

/**
 * The bytes maplibre gets for XYZ tile z/x/y of `archive`: the tile (decompressed), or for a
 * tile the set lacks an empty vector tile or a transparent 1 × 1 PNG (so the map shows nothing
 * there instead of an error). A fresh ArrayBuffer each time: maplibre transfers it to a worker.
 */
export function serveTile(archive: TileArchive, z: number, x: number, y: number): Result<ArrayBuffer, AppError> {
  const tile = archive.getTile(z, x, y);
  if (!tile.ok) return tile;
  const bytes = tile.value ?? (archive.header.tileType === 'mvt' ? new Uint8Array(0) : EMPTY_PNG);
  return ok(bytes.slice().buffer);
}
