import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { decodePmtilesDirectory, findPmtilesEntry, openPmtiles, zxyToTileId, type PmtilesEntry } from '../../../../shared/domain/geo/pmtiles';

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return out;
}

/** Serializes a directory as the spec lays it out (offset 0 = "right after the previous"). */
function encodeDirectory(entries: PmtilesEntry[]): Uint8Array {
  const ids = entries.map((e, i) => e.tileId - (i ? entries[i - 1]!.tileId : 0));
  const offsets = entries.map((e, i) => (i > 0 && e.offset === entries[i - 1]!.offset + entries[i - 1]!.length ? 0 : e.offset + 1));
  return Uint8Array.from(varints([entries.length, ...ids, ...entries.map((e) => e.runLength), ...entries.map((e) => e.length), ...offsets]));
}

/** A small archive: tiles 0/0/0 and 1/1/0 in the root directory, 2/x/y under a leaf directory, gzip everywhere. */
function archive(tileCompression = 2): Uint8Array {
  const tiles = new Map<number, Uint8Array>([
    [zxyToTileId(0, 0, 0), new TextEncoder().encode('tile-0-0-0')],
    [zxyToTileId(1, 1, 0), new TextEncoder().encode('tile-1-1-0')],
    [zxyToTileId(2, 3, 1), new TextEncoder().encode('tile-2-3-1')],
  ]);
  const data: number[] = [];
  const placed = new Map<number, { offset: number; length: number }>();
  for (const [id, t] of [...tiles].sort((a, b) => a[0] - b[0])) {
    const z = tileCompression === 2 ? gzipSync(t) : t;
    placed.set(id, { offset: data.length, length: z.length });
    data.push(...z);
  }
  const e = (id: number): PmtilesEntry => ({ tileId: id, ...placed.get(id)!, runLength: 1 });
  const leaf = gzipSync(encodeDirectory([e(zxyToTileId(2, 3, 1))]));
  const root = gzipSync(encodeDirectory([e(0), e(zxyToTileId(1, 1, 0)), { tileId: zxyToTileId(2, 0, 0), offset: 0, length: leaf.length, runLength: 0 }]));
  const meta = gzipSync(new TextEncoder().encode(JSON.stringify({ vector_layers: [{ id: 'roads' }, { id: 'water' }] })));
  const h = new Uint8Array(127);
  const v = new DataView(h.buffer);
  h.set(new TextEncoder().encode('PMTiles'), 0);
  h[7] = 3;
  const put = (at: number, n: number) => v.setUint32(at, n, true);
  const rootAt = 127, metaAt = rootAt + root.length, leafAt = metaAt + meta.length, dataAt = leafAt + leaf.length;
  put(8, rootAt); put(16, root.length); put(24, metaAt); put(32, meta.length); put(40, leafAt); put(48, leaf.length); put(56, dataAt); put(64, data.length);
  h[97] = 2; h[98] = tileCompression; h[99] = 1; h[100] = 0; h[101] = 2;
  v.setInt32(102, -900_000_000, true); v.setInt32(106, 350_000_000, true); v.setInt32(110, -890_000_000, true); v.setInt32(114, 360_000_000, true);
  const out = new Uint8Array(dataAt + data.length);
  out.set(h); out.set(root, rootAt); out.set(meta, metaAt); out.set(leaf, leafAt); out.set(data, dataAt);
  return out;
}

describe('PMTiles v3', () => {
  it('numbers tiles along the Hilbert curve, zoom by zoom (spec examples)', () => {
    expect(zxyToTileId(0, 0, 0)).toBe(0);
    expect([zxyToTileId(1, 0, 0), zxyToTileId(1, 0, 1), zxyToTileId(1, 1, 1), zxyToTileId(1, 1, 0)]).toEqual([1, 2, 3, 4]);
    expect(zxyToTileId(2, 0, 0)).toBe(5);
    expect(zxyToTileId(12, 3423, 1763)).toBe(19078479);
    // every tile of zoom 3 gets a distinct id in [21, 85)
    const ids = new Set<number>();
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) ids.add(zxyToTileId(3, x, y));
    expect(ids.size).toBe(64);
    expect(Math.min(...ids)).toBe(21);
    expect(Math.max(...ids)).toBe(84);
  });

  it('decodes directories with run lengths and implicit offsets, and finds tiles and leaves', () => {
    const entries: PmtilesEntry[] = [
      { tileId: 3, offset: 0, length: 10, runLength: 1 },
      { tileId: 4, offset: 10, length: 5, runLength: 3 },
      { tileId: 200, offset: 400, length: 20, runLength: 0 },
    ];
    expect(decodePmtilesDirectory(encodeDirectory(entries))).toEqual(entries);
    expect(findPmtilesEntry(entries, 6)?.tileId).toBe(4); // inside the run 4..6
    expect(findPmtilesEntry(entries, 7)).toBeNull();
    expect(findPmtilesEntry(entries, 2)).toBeNull();
    expect(findPmtilesEntry(entries, 5000)?.runLength).toBe(0); // a leaf directory may hold it
  });

  it('reads header, metadata and tiles from root and leaf directories, decompressing gzip', () => {
    const a = openPmtiles(archive(), 'city.pmtiles');
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.value.header).toMatchObject({ tileType: 'mvt', minZoom: 0, maxZoom: 2, bounds: [-90, 35, -89, 36] });
    expect(a.value.metadata).toEqual({ vector_layers: [{ id: 'roads' }, { id: 'water' }] });
    const text = (z: number, x: number, y: number) => {
      const t = a.value.getTile(z, x, y);
      if (!t.ok) throw new Error(JSON.stringify(t.error));
      return t.value ? new TextDecoder().decode(t.value) : null;
    };
    expect(text(0, 0, 0)).toBe('tile-0-0-0');
    expect(text(1, 1, 0)).toBe('tile-1-1-0');
    expect(text(2, 3, 1)).toBe('tile-2-3-1');
    expect(text(2, 0, 0)).toBeNull();
    expect(text(1, 0, 0)).toBeNull();
    expect(text(5, 0, 0)).toBeNull(); // beyond maxZoom
    const raw = openPmtiles(archive(1), 'raw.pmtiles');
    expect(raw.ok && new TextDecoder().decode(raw.value.getTile(2, 3, 1).ok ? (raw.value.getTile(2, 3, 1) as { value: Uint8Array }).value : new Uint8Array())).toBe('tile-2-3-1');
  });

  it('names what it cannot read', () => {
    const msg = (bytes: Uint8Array) => {
      const r = openPmtiles(bytes, 'x.pmtiles');
      return r.ok ? '' : r.error.kind === 'file-format' ? r.error.reason : '';
    };
    expect(msg(new Uint8Array(10))).toMatch(/shorter than a PMTiles header/);
    const b = archive();
    b[98] = 3;
    expect(msg(b)).toMatch(/tile compression brotli is not supported/);
    const c = archive();
    c[7] = 2;
    expect(msg(c)).toMatch(/spec version 2 is not supported/);
    const d = archive().subarray(0, 140);
    expect(msg(d)).toMatch(/runs past the end/);
    expect(msg(new TextEncoder().encode('SQLite format 3'.padEnd(200, ' ')))).toMatch(/not a PMTiles archive/);
  });
});
