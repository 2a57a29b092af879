/**
 * Reading MBTiles 1.3 tile sets (a SQLite database: tables `metadata(name, value)` and
 * `tiles(zoom_level, tile_column, tile_row, tile_data)`) through a query function, so this module
 * stays pure: the renderer runs the queries with sql.js (SQLite compiled to WebAssembly), tests
 * in Node do the same. Tile rows are TMS (row 0 at the south), the web map's are XYZ (row 0 at the
 * north): {@link tmsRow} flips them. Tiles starting with the gzip magic bytes (vector tiles
 * usually are) are inflated with fflate. Spec: github.com/mapbox/mbtiles-spec, 1.3/spec.md.
 */
import { gunzipSync } from 'fflate';
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';

/** Runs one SQL statement with positional `?` parameters and returns its rows (values by column). */
export type MbtilesQuery = (sql: string, params?: readonly (number | string)[]) => unknown[][];

/** Tile formats a map can draw (MBTiles `format`: pbf → mvt, jpg → jpeg). */
export type MbtilesTileType = 'mvt' | 'png' | 'jpeg' | 'webp';

/** What the map needs to know about the tile set (the same shape as a PMTiles header's parts). */
export interface MbtilesHeader {
  readonly tileType: MbtilesTileType;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** [west, south, east, north], degrees; the whole web map when `bounds` is missing. */
  readonly bounds: [number, number, number, number];
  /** [lon, lat, zoom]; the middle of `bounds` at `minZoom` when `center` is missing. */
  readonly center: [number, number, number];
}

/** An opened tile set: header, metadata (the `metadata` rows, with `json`'s keys merged in) and a tile reader. */
export interface MbtilesArchive {
  readonly header: MbtilesHeader;
  readonly metadata: Record<string, unknown>;
  /** The tile at XYZ z/x/y (decompressed), or null when the set has no such tile. */
  getTile(z: number, x: number, y: number): Result<Uint8Array | null, AppError>;
}

const WORLD: [number, number, number, number] = [-180, -85.0511, 180, 85.0511];

/** The TMS row of XYZ row `y` at zoom `z` (and back: the flip is its own inverse): 2^z − 1 − y. */
export function tmsRow(z: number, y: number): number {
  return 2 ** z - 1 - y;
}

const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The tile type of tile bytes by their magic numbers (PNG, JPEG, WebP; gzip or other bytes are vector tiles). */
export function sniffTileType(b: Uint8Array): MbtilesTileType {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'jpeg';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'webp';
  return 'mvt';
}

/**
 * The layer names of a Mapbox Vector Tile (MVT 2.1: Tile field 3 = Layer, Layer field 1 =
 * name), in order: how a tile set without `vector_layers` metadata still gets a style. Stops at
 * the first malformed byte and returns what it read.
 */
export function mvtLayerNames(tile: Uint8Array): string[] {
  const names: string[] = [];
  let p = 0;
  const varint = (end: number): number => {
    let v = 0;
    for (let shift = 0; p < end && shift < 35; shift += 7) {
      const b = tile[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    return -1;
  };
  const skip = (wire: number, end: number): boolean => {
    if (wire === 0) return varint(end) >= 0;
    if (wire === 2) {
      const n = varint(end);
      p += n;
      return n >= 0 && p <= end;
    }
    if (wire === 1 || wire === 5) {
      p += wire === 1 ? 8 : 4;
      return p <= end;
    }
    return false;
  };
  while (p < tile.length) {
    const key = varint(tile.length);
    if (key < 0) break;
    if (key >>> 3 === 3 && (key & 7) === 2) {
      const len = varint(tile.length);
      const end = p + len;
      if (len < 0 || end > tile.length) break;
      while (p < end) {
        const k = varint(end);
        if (k < 0) break;
        if (k >>> 3 === 1 && (k & 7) === 2) {
          const n = varint(end);
          if (n < 0 || p + n > end) break;
          names.push(new TextDecoder().decode(tile.subarray(p, p + n)));
          p += n;
        } else if (!skip(k & 7, end)) break;
      }
      p = end;
    } else if (!skip(key & 7, tile.length)) break;
  }
  return names;
}

function tileTypeOf(format: string | undefined): MbtilesTileType | 'unknown' | undefined {
  if (format === undefined) return undefined;
  const f = format.trim().toLowerCase();
  if (f === 'pbf' || f === 'mvt') return 'mvt';
  if (f === 'png') return 'png';
  if (f === 'jpg' || f === 'jpeg') return 'jpeg';
  if (f === 'webp') return 'webp';
  return 'unknown';
}

function numbersOf(v: unknown, n: number): number[] | null {
  if (typeof v !== 'string') return null;
  const parts = v.split(',').map((s) => Number(s.trim()));
  return parts.length === n && parts.every(Number.isFinite) ? parts : null;
}

function toBytes(v: unknown): Uint8Array | null {
  return v instanceof Uint8Array ? v : null;
}

/**
 * Opens an MBTiles tile set. `query` runs SQL on the database (sql.js's `db.exec` wrapped);
 * `file` names it in errors. Reads the metadata rows: `format` (pbf, png, jpg, webp; sniffed from
 * the first tile when missing), `bounds` ("w,s,e,n"), `center` ("lon,lat,zoom"), `minzoom` and
 * `maxzoom` (the tiles' own range when missing) and `json` (a JSON object, e.g. `vector_layers`,
 * whose keys join the metadata; a vector set without it gets the layer names of its lowest-zoom
 * tile as `vector_layers`). A database without the two tables, an unknown format or an
 * empty tile set is an error that says which.
 */
export function openMbtiles(query: MbtilesQuery, file: string): Result<MbtilesArchive, AppError> {
  const bad = (reason: string) => err<AppError>({ kind: 'file-format', path: file, reason });
  let rows: unknown[][];
  try {
    const tables = new Set(query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").map((r) => String(r[0])));
    if (!tables.has('tiles') || !tables.has('metadata')) return bad(`not an MBTiles tile set: it has no ${tables.has('tiles') ? 'metadata' : 'tiles'} table`);
    rows = query('SELECT name, value FROM metadata');
  } catch (e) {
    return bad(`not a readable SQLite database (${e instanceof Error ? e.message : String(e)})`);
  }
  const metadata: Record<string, unknown> = {};
  for (const [name, value] of rows) if (typeof name === 'string') metadata[name] = value;
  if (typeof metadata.json === 'string') {
    try {
      const extra = JSON.parse(metadata.json) as unknown;
      if (extra && typeof extra === 'object' && !Array.isArray(extra)) Object.assign(metadata, extra);
    } catch {
      return bad('the metadata row "json" is not valid JSON');
    }
  }
  const range = query('SELECT min(zoom_level), max(zoom_level) FROM tiles')[0] ?? [];
  if (range[0] === null || range[0] === undefined) return bad('the tiles table is empty');
  let tileType = tileTypeOf(typeof metadata.format === 'string' ? metadata.format : undefined);
  if (tileType === 'unknown') return bad(`tile format "${String(metadata.format)}" cannot be drawn (pbf, png, jpg or webp can)`);
  if (!tileType) {
    const first = toBytes(query('SELECT tile_data FROM tiles LIMIT 1')[0]?.[0]);
    tileType = first ? sniffTileType(isGzip(first) ? gunzipSync(first) : first) : 'png';
  }
  const minZoom = Number.isInteger(Number(metadata.minzoom)) && metadata.minzoom !== null ? Number(metadata.minzoom) : Number(range[0]);
  const maxZoom = Number.isInteger(Number(metadata.maxzoom)) && metadata.maxzoom !== null ? Number(metadata.maxzoom) : Number(range[1]);
  const b = numbersOf(metadata.bounds, 4);
  const bounds: [number, number, number, number] = b && b[0]! < b[2]! && b[1]! < b[3]! ? [b[0]!, Math.max(b[1]!, WORLD[1]), b[2]!, Math.min(b[3]!, WORLD[3])] : WORLD;
  const c = numbersOf(metadata.center, 3);
  const center: [number, number, number] = c ? [c[0]!, c[1]!, c[2]!] : [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, minZoom];
  const header: MbtilesHeader = { tileType, minZoom, maxZoom, bounds, center };
  if (tileType === 'mvt' && !Array.isArray(metadata.vector_layers)) {
    // no `json` row (MBTiles before 1.3): the layers of a tile at the lowest zoom stand in
    const first = toBytes(query('SELECT tile_data FROM tiles ORDER BY zoom_level LIMIT 1')[0]?.[0]);
    const names = first ? mvtLayerNames(isGzip(first) ? gunzipSync(first) : first) : [];
    metadata.vector_layers = [...new Set(names)].map((id) => ({ id }));
  }
  const sql = 'SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?';
  return ok({
    header,
    metadata,
    getTile(z, x, y) {
      if (!(z >= 0 && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z)) return ok(null);
      let bytes: Uint8Array | null;
      try {
        bytes = toBytes(query(sql, [z, x, tmsRow(z, y)])[0]?.[0]);
      } catch (e) {
        return bad(`tile ${z}/${x}/${y}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!bytes || bytes.length === 0) return ok(null);
      if (!isGzip(bytes)) return ok(bytes);
      try {
        return ok(gunzipSync(bytes));
      } catch {
        return bad(`tile ${z}/${x}/${y}: its gzip data is corrupt`);
      }
    },
  });
}
