import initSqlJs from 'sql.js';
import { gzipSync } from 'fflate';

/** A tile for {@link buildMbtiles}: XYZ address (the builder stores the TMS row) and bytes. */
export interface FixtureTile {
  z: number;
  x: number;
  /** XYZ row (0 at the north). */
  y: number;
  data: Uint8Array;
  gzip?: boolean;
}

/**
 * Builds an MBTiles 1.3 database in memory with sql.js (the same SQLite the app reads with):
 * `metadata` rows as given and `tiles` stored with TMS rows (2^z − 1 − y), optionally gzipped.
 * Returns the database file's bytes.
 */
export async function buildMbtiles(metadata: Record<string, string>, tiles: FixtureTile[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE metadata (name text, value text); CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob); CREATE UNIQUE INDEX tile_index on tiles (zoom_level, tile_column, tile_row);');
  for (const [k, v] of Object.entries(metadata)) db.run('INSERT INTO metadata VALUES (?, ?)', [k, v]);
  for (const t of tiles) db.run('INSERT INTO tiles VALUES (?, ?, ?, ?)', [t.z, t.x, 2 ** t.z - 1 - t.y, t.gzip ? gzipSync(t.data) : t.data]);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A sql.js query function over MBTiles bytes, as the renderer's reader makes one. */
export async function queryOf(bytes: Uint8Array): Promise<(sql: string, params?: readonly (number | string)[]) => unknown[][]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  return (sql, params = []) => {
    const r = db.exec(sql, params as (number | string)[]);
    return r[0]?.values ?? [];
  };
}

/** Protobuf writer for {@link encodeMvt}: varints and length-delimited fields. */
function pb(): { out: number[]; varint(v: number): void; field(f: number, w: 0 | 2): void; bytes(f: number, b: ArrayLike<number>): void } {
  const out: number[] = [];
  const self = {
    out,
    varint(v: number) {
      let n = v >>> 0;
      while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      out.push(n);
    },
    field(f: number, w: 0 | 2) {
      self.varint((f << 3) | w);
    },
    bytes(f: number, b: ArrayLike<number>) {
      self.field(f, 2);
      self.varint(b.length);
      for (let i = 0; i < b.length; i++) out.push(b[i]!);
    },
  };
  return self;
}

/** A point feature for {@link encodeMvt}: tile coordinates (0..4096) and string properties. */
export interface MvtPoint {
  x: number;
  y: number;
  props: Record<string, string>;
}

/**
 * A Mapbox Vector Tile 2.1 with point layers (spec: github.com/mapbox/vector-tile-spec): each
 * feature a MoveTo(1) command (9) and zigzag-encoded x, y; properties as key/value indexes.
 */
export function encodeMvt(layers: Record<string, MvtPoint[]>): Uint8Array {
  const tile = pb();
  const zz = (n: number) => ((n << 1) ^ (n >> 31)) >>> 0;
  for (const [name, points] of Object.entries(layers)) {
    const layer = pb();
    layer.field(15, 0);
    layer.varint(2);
    layer.bytes(1, new TextEncoder().encode(name));
    const keys: string[] = [];
    const values: string[] = [];
    for (const p of points) {
      const f = pb();
      f.field(3, 0);
      f.varint(1); // POINT
      const tags: number[] = [];
      for (const [k, v] of Object.entries(p.props)) {
        if (!keys.includes(k)) keys.push(k);
        if (!values.includes(v)) values.push(v);
        tags.push(keys.indexOf(k), values.indexOf(v));
      }
      const t = pb();
      for (const n of tags) t.varint(n);
      f.bytes(2, t.out);
      const g = pb();
      g.varint(9);
      g.varint(zz(p.x));
      g.varint(zz(p.y));
      f.bytes(4, g.out);
      layer.bytes(2, f.out);
    }
    for (const k of keys) layer.bytes(3, new TextEncoder().encode(k));
    for (const v of values) {
      const val = pb();
      val.bytes(1, new TextEncoder().encode(v));
      layer.bytes(4, val.out);
    }
    layer.field(5, 0);
    layer.varint(4096);
    tile.bytes(3, layer.out);
  }
  return Uint8Array.from(tile.out);
}
