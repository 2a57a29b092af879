/**
 * Reading PMTiles version 3 archives (Protomaps' single-file tile format, spec v3.4) from bytes in
 * memory: the 127-byte header, the root and leaf directories (varint columns, gzip or
 * uncompressed), the JSON metadata, and a tile by z/x/y (tile ids along a Hilbert curve per zoom).
 * Tiles are returned decompressed (gzip via fflate). Brotli and zstd archives are refused with an
 * error that says so; a basemap extract made with `pmtiles extract` or tippecanoe uses gzip.
 */
import { gunzipSync } from 'fflate';
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** Tile formats by the header's tile type byte. */
export const PMTILES_TILE_TYPES: Readonly<Record<number, 'mvt' | 'png' | 'jpeg' | 'webp' | 'avif' | 'unknown'>> = { 0: 'unknown', 1: 'mvt', 2: 'png', 3: 'jpeg', 4: 'webp', 5: 'avif' };

/** The parts of the header a map needs. */
export interface PmtilesHeader {
  readonly rootOffset: number;
  readonly rootLength: number;
  readonly metadataOffset: number;
  readonly metadataLength: number;
  readonly leafOffset: number;
  readonly tileDataOffset: number;
  /** 1 none, 2 gzip, 3 brotli, 4 zstd. */
  readonly internalCompression: number;
  readonly tileCompression: number;
  readonly tileType: 'mvt' | 'png' | 'jpeg' | 'webp' | 'avif' | 'unknown';
  readonly minZoom: number;
  readonly maxZoom: number;
  /** [west, south, east, north], degrees. */
  readonly bounds: [number, number, number, number];
  readonly center: [number, number, number];
}

/** One directory entry: a run of tiles, or (runLength 0) a leaf directory. */
export interface PmtilesEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** An opened archive: header, metadata and a tile reader. */
export interface PmtilesArchive {
  readonly header: PmtilesHeader;
  readonly metadata: Record<string, unknown>;
  /** The tile's bytes (decompressed), or null when the archive has no such tile. */
  getTile(z: number, x: number, y: number): Result<Uint8Array | null, AppError>;
}

const tz = (z: number) => (4 ** z - 1) / 3;

/** The PMTiles tile id of z/x/y: tiles of lower zooms first, then the Hilbert index within the zoom. */
export function zxyToTileId(z: number, x: number, y: number): number {
  // Hilbert curve index (xy2d, Wikipedia "Hilbert curve"), as in the PMTiles reference code.
  const n = 2 ** z;
  let tx = x;
  let ty = y;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (tx & s) > 0 ? 1 : 0;
    const ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        tx = n - 1 - tx;
        ty = n - 1 - ty;
      }
      const t = tx;
      tx = ty;
      ty = t;
    }
  }
  return tz(z) + d;
}

function readVarint(buf: Uint8Array, pos: { p: number }): number {
  let value = 0;
  let shift = 1;
  for (;;) {
    const b = buf[pos.p++];
    if (b === undefined) throw new RangeError('varint runs past the end of the directory');
    value += (b & 0x7f) * shift;
    if (b < 0x80) return value;
    shift *= 128;
  }
}

/** Decodes a (decompressed) directory: count, then tile id deltas, run lengths, lengths, offsets as varint columns. */
export function decodePmtilesDirectory(buf: Uint8Array): PmtilesEntry[] {
  const pos = { p: 0 };
  const n = readVarint(buf, pos);
  const entries: PmtilesEntry[] = [];
  let id = 0;
  for (let i = 0; i < n; i++) {
    id += readVarint(buf, pos);
    entries.push({ tileId: id, offset: 0, length: 0, runLength: 1 });
  }
  for (const e of entries) e.runLength = readVarint(buf, pos);
  for (const e of entries) e.length = readVarint(buf, pos);
  entries.forEach((e, i) => {
    const v = readVarint(buf, pos);
    const prev = entries[i - 1];
    e.offset = v === 0 && prev ? prev.offset + prev.length : v - 1;
  });
  return entries;
}

/** The entry holding `tileId`: a tile run that contains it, or the leaf directory that may; else null. */
export function findPmtilesEntry(entries: readonly PmtilesEntry[], tileId: number): PmtilesEntry | null {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = tileId - (entries[mid] as PmtilesEntry).tileId;
    if (c > 0) lo = mid + 1;
    else if (c < 0) hi = mid - 1;
    else return entries[mid] as PmtilesEntry;
  }
  const e = entries[hi];
  if (!e) return null;
  if (e.runLength === 0) return e;
  return tileId - e.tileId < e.runLength ? e : null;
}

/**
 * Opens a PMTiles v3 archive held in memory. Errors (AppError 'file-format' naming `file`): not
 * PMTiles, another spec version, brotli/zstd compression, sections outside the file, bad JSON.
 */
export function openPmtiles(bytes: Uint8Array, file: string): Result<PmtilesArchive, AppError> {
  const fail = (reason: string) => err<AppError>({ kind: 'file-format', path: file, reason });
  if (bytes.length < 127) return fail('shorter than a PMTiles header (127 bytes)');
  const magic = String.fromCharCode(...bytes.subarray(0, 7));
  if (magic !== 'PMTiles') return fail('not a PMTiles archive (no "PMTiles" signature)');
  if (bytes[7] !== 3) return fail(`PMTiles spec version ${bytes[7]} is not supported (version 3 is)`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (at: number) => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
  const e7 = (at: number) => v.getInt32(at, true) / 1e7;
  const header: PmtilesHeader = {
    rootOffset: u64(8),
    rootLength: u64(16),
    metadataOffset: u64(24),
    metadataLength: u64(32),
    leafOffset: u64(40),
    tileDataOffset: u64(56),
    internalCompression: bytes[97] as number,
    tileCompression: bytes[98] as number,
    tileType: PMTILES_TILE_TYPES[bytes[99] as number] ?? 'unknown',
    minZoom: bytes[100] as number,
    maxZoom: bytes[101] as number,
    bounds: [e7(102), e7(106), e7(110), e7(114)],
    center: [e7(119), e7(123), bytes[118] as number],
  };
  const names: Record<number, string> = { 3: 'brotli', 4: 'zstd' };
  for (const [what, c] of [['directory', header.internalCompression], ['tile', header.tileCompression]] as const) {
    if (c > 2) return fail(`${what} compression ${names[c] ?? c} is not supported (gzip or none): re-encode with "pmtiles convert" or tippecanoe`);
  }
  const section = (offset: number, length: number, what: string): Result<Uint8Array, AppError> =>
    offset + length > bytes.length ? fail(`${what} at ${offset} (${length} bytes) runs past the end (${bytes.length} bytes): truncated file?`) : ok(bytes.subarray(offset, offset + length));
  const inflate = (raw: Uint8Array, c: number) => (c === 2 ? gunzipSync(raw) : raw);
  const dirs = new Map<number, PmtilesEntry[]>();
  const directory = (offset: number, length: number): Result<PmtilesEntry[], AppError> => {
    const cached = dirs.get(offset);
    if (cached) return ok(cached);
    const raw = section(offset, length, 'directory');
    if (!raw.ok) return raw;
    try {
      const entries = decodePmtilesDirectory(inflate(raw.value, header.internalCompression));
      dirs.set(offset, entries);
      return ok(entries);
    } catch (e) {
      return fail(`directory at ${offset} cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  const root = directory(header.rootOffset, header.rootLength);
  if (!root.ok) return root;
  let metadata: Record<string, unknown> = {};
  if (header.metadataLength > 0) {
    const raw = section(header.metadataOffset, header.metadataLength, 'metadata');
    if (!raw.ok) return raw;
    try {
      metadata = JSON.parse(new TextDecoder().decode(inflate(raw.value, header.internalCompression))) as Record<string, unknown>;
    } catch (e) {
      return fail(`metadata is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const getTile = (z: number, x: number, y: number): Result<Uint8Array | null, AppError> => {
    if (z < header.minZoom || z > header.maxZoom || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return ok(null);
    const id = zxyToTileId(z, x, y);
    let entries = root.value;
    for (let depth = 0; depth < 4; depth++) {
      const e = findPmtilesEntry(entries, id);
      if (!e) return ok(null);
      if (e.runLength > 0) {
        const raw = section(header.tileDataOffset + e.offset, e.length, `tile ${z}/${x}/${y}`);
        if (!raw.ok) return raw;
        try {
          return ok(inflate(raw.value, header.tileCompression));
        } catch (x2) {
          return fail(`tile ${z}/${x}/${y} cannot be decompressed (${x2 instanceof Error ? x2.message : String(x2)})`);
        }
      }
      const leaf = directory(header.leafOffset + e.offset, e.length);
      if (!leaf.ok) return leaf;
      entries = leaf.value;
    }
    return fail(`tile ${z}/${x}/${y}: directories nest deeper than 3 levels`);
  };
  return ok({ header, metadata, getTile });
}
