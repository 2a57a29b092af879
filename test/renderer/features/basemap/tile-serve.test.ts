import { describe, expect, it } from 'vitest';
import { parseTileUrl, serveTile, tileUrlTemplate } from '../../../../renderer/features/basemap/tile-serve';
import { openMbtiles } from '../../../../shared/domain/geo/mbtiles';
import { buildMbtiles, encodeMvt, queryOf } from '../../../shared/domain/geo/mbtiles-fixture';

const PNG = (marker: number) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, marker]);

async function open(metadata: Record<string, string>, tiles: Parameters<typeof buildMbtiles>[1]) {
  const a = openMbtiles(await queryOf(await buildMbtiles(metadata, tiles)), 'test.mbtiles');
  if (!a.ok) throw new Error(JSON.stringify(a.error));
  return a.value;
}

describe('serving MBTiles tiles to maplibre', () => {
  it('answers spi-mbtiles://KEY/z/x/y with the bytes stored at TMS row 2^z − 1 − y', async () => {
    const archive = await open({ format: 'png' }, [{ z: 4, x: 5, y: 3, data: PNG(3) }, { z: 4, x: 5, y: 12, data: PNG(12) }]);
    const url = tileUrlTemplate('mbtiles', 'city.mbtiles-42').replace('{z}', '4').replace('{x}', '5').replace('{y}', '3');
    expect(url).toBe('spi-mbtiles://city.mbtiles-42/4/5/3');
    const t = parseTileUrl(url)!;
    expect(t).toEqual({ kind: 'mbtiles', key: 'city.mbtiles-42', z: 4, x: 5, y: 3 });
    const served = serveTile(archive, t.z, t.x, t.y);
    expect(served.ok && new Uint8Array(served.value)).toEqual(PNG(3)); // not PNG(12): the row is flipped
    // a missing raster tile is a transparent 1 x 1 PNG, not an error
    const missing = serveTile(archive, 4, 0, 0);
    expect(missing.ok && [...new Uint8Array(missing.value).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('answers a vector tile decompressed, and a missing vector tile as an empty tile', async () => {
    const mvt = encodeMvt({ places: [{ x: 100, y: 200, props: { name: 'Elm Park' } }] });
    const archive = await open({ format: 'pbf' }, [{ z: 10, x: 270, y: 400, data: mvt, gzip: true }]);
    const served = serveTile(archive, 10, 270, 400);
    expect(served.ok && new Uint8Array(served.value)).toEqual(mvt);
    const missing = serveTile(archive, 10, 270, 401);
    expect(missing.ok && missing.value.byteLength).toBe(0);
    expect(parseTileUrl('spi-mbtiles://k/1/2')).toBeNull();
    expect(parseTileUrl('spi-glyphs://k/1/2/3')).toBeNull();
  });
});
