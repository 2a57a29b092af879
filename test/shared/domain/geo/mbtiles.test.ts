import { describe, expect, it } from 'vitest';
import { mvtLayerNames, openMbtiles, sniffTileType, tmsRow } from '../../../../shared/domain/geo/mbtiles';
import { buildMbtiles, encodeMvt, queryOf } from './mbtiles-fixture';

// 8 bytes of PNG signature + a marker: enough for the reader, which never decodes images.
const PNG = (marker: number) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, marker]);

describe('MBTiles reader', () => {
  it('flips XYZ rows to TMS rows: 2^z − 1 − y, its own inverse', () => {
    expect(tmsRow(0, 0)).toBe(0);
    expect(tmsRow(3, 1)).toBe(6);
    expect(tmsRow(14, 6000)).toBe(16383 - 6000);
    for (const [z, y] of [[1, 0], [5, 17], [12, 4095]] as const) expect(tmsRow(z, tmsRow(z, y))).toBe(y);
  });

  it('serves a raster tile by its XYZ address from the TMS-keyed table, and null for missing tiles', async () => {
    // z=3, x=2, XYZ y=1 is stored at TMS row 6; a different tile sits at TMS row 1 (XYZ y=6)
    const bytes = await buildMbtiles(
      { name: 'ortho', format: 'png', bounds: '-90.1,35.0,-89.9,35.2', minzoom: '2', maxzoom: '3', center: '-90,35.1,3' },
      [{ z: 3, x: 2, y: 1, data: PNG(1) }, { z: 3, x: 2, y: 6, data: PNG(6) }, { z: 2, x: 1, y: 1, data: PNG(9) }],
    );
    const a = openMbtiles(await queryOf(bytes), 'ortho.mbtiles');
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.value.header).toEqual({ tileType: 'png', minZoom: 2, maxZoom: 3, bounds: [-90.1, 35, -89.9, 35.2], center: [-90, 35.1, 3] });
    const t = a.value.getTile(3, 2, 1);
    expect(t.ok && t.value).toEqual(PNG(1));
    const u = a.value.getTile(3, 2, 6);
    expect(u.ok && u.value).toEqual(PNG(6));
    expect(a.value.getTile(3, 3, 1)).toEqual({ ok: true, value: null });
    expect(a.value.getTile(3, 8, 0)).toEqual({ ok: true, value: null }); // outside the zoom's grid
  });

  it('inflates gzip-compressed vector tiles and reads vector_layers from the json row', async () => {
    const mvt = encodeMvt({ places: [{ x: 2048, y: 2048, props: { name: 'Central' } }] });
    const bytes = await buildMbtiles(
      { name: 'city', format: 'pbf', json: JSON.stringify({ vector_layers: [{ id: 'places', fields: { name: 'String' } }] }) },
      [{ z: 14, x: 4300, y: 6500, data: mvt, gzip: true }],
    );
    const a = openMbtiles(await queryOf(bytes), 'city.mbtiles');
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.value.header.tileType).toBe('mvt');
    // min/max zoom from the tiles when the metadata lacks them; bounds default to the world
    expect([a.value.header.minZoom, a.value.header.maxZoom]).toEqual([14, 14]);
    expect(a.value.header.bounds).toEqual([-180, -85.0511, 180, 85.0511]);
    expect(a.value.metadata.vector_layers).toEqual([{ id: 'places', fields: { name: 'String' } }]);
    const t = a.value.getTile(14, 4300, 6500);
    expect(t.ok && t.value).toEqual(mvt);
  });

  it('takes vector layer names from the lowest-zoom tile when there is no json row', async () => {
    const low = encodeMvt({ water: [{ x: 1, y: 1, props: {} }], places: [{ x: 5, y: 5, props: { name: 'A' } }] });
    const high = encodeMvt({ roads: [{ x: 1, y: 1, props: {} }] });
    const bytes = await buildMbtiles({ format: 'pbf' }, [{ z: 5, x: 1, y: 1, data: high }, { z: 2, x: 1, y: 1, data: low, gzip: true }]);
    const a = openMbtiles(await queryOf(bytes), 'old.mbtiles');
    expect(a.ok && a.value.metadata.vector_layers).toEqual([{ id: 'water' }, { id: 'places' }]);
    expect(mvtLayerNames(high)).toEqual(['roads']);
    expect(mvtLayerNames(Uint8Array.from([0x1a, 0x40, 0x0a]))).toEqual([]); // truncated: nothing, no throw
  });

  it('sniffs the format from the first tile when the metadata has none', async () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
    const a = openMbtiles(await queryOf(await buildMbtiles({ name: 'x' }, [{ z: 0, x: 0, y: 0, data: jpeg }])), 'x.mbtiles');
    expect(a.ok && a.value.header.tileType).toBe('jpeg');
    expect(sniffTileType(PNG(0))).toBe('png');
    expect(sniffTileType(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).toBe('webp');
    expect(sniffTileType(Uint8Array.from([0x1a, 0x02]))).toBe('mvt');
  });

  it('refuses databases that are not tile sets, empty sets and unknown formats, naming the file', async () => {
    const q = await queryOf(await buildMbtiles({ format: 'png' }, []));
    const empty = openMbtiles(q, 'empty.mbtiles');
    expect(!empty.ok && empty.error).toMatchObject({ kind: 'file-format', path: 'empty.mbtiles', reason: 'the tiles table is empty' });
    const odd = openMbtiles(await queryOf(await buildMbtiles({ format: 'tiff' }, [{ z: 0, x: 0, y: 0, data: PNG(0) }])), 'odd.mbtiles');
    expect(!odd.ok && odd.error).toMatchObject({ reason: expect.stringMatching(/tile format "tiff" cannot be drawn/) });
    const none = openMbtiles(() => [['sqlite_sequence']], 'other.sqlite');
    expect(!none.ok && none.error).toMatchObject({ reason: expect.stringMatching(/not an MBTiles tile set: it has no tiles table/) });
    const broken = openMbtiles(() => {
      throw new Error('file is not a database');
    }, 'junk.mbtiles');
    expect(!broken.ok && broken.error).toMatchObject({ reason: expect.stringMatching(/not a readable SQLite database \(file is not a database\)/) });
  });
});
