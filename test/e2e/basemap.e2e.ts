import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zlibSync } from 'fflate';
import type { Page } from 'playwright-core';
import { buildMbtiles, encodeMvt } from '../shared/domain/geo/mbtiles-fixture';
import { countColoredPixels, type E2eSession, isLocal, jumpMap, lookShot, openSession, waitForMapPoints } from './browser';

// Offline basemaps (issue 5): MBTiles (vector with labels drawn from in-page glyphs, raster), a PNG
// placed by its world file, and the map view kept when a basemap loads. Screenshots: .tmp/basemap-*.png.
const SHOTS = path.resolve('.tmp');
const FILES = path.resolve('test-results/e2e/basemap');
const MAGENTA = [230, 0, 200] as const;
const TEAL = [0, 160, 150] as const;
const GREEN = [20, 200, 20] as const;

interface View {
  lng: number;
  lat: number;
  zoom: number;
}

const readView = (page: Page): Promise<View> =>
  page.evaluate(() => {
    const m = (window as unknown as { __spiMap: { getCenter(): { lng: number; lat: number }; getZoom(): number } }).__spiMap;
    return { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() };
  });

/** XYZ tile of lon/lat at zoom z, and the position inside it in 4096ths. */
function tileOf(lon: number, lat: number, z: number): { x: number; y: number; px: number; py: number } {
  const n = 2 ** z;
  const fx = ((lon + 180) / 360) * n;
  const r = (lat * Math.PI) / 180;
  const fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
  return { x: Math.floor(fx), y: Math.floor(fy), px: Math.round((fx % 1) * 4096), py: Math.round((fy % 1) * 4096) };
}

/** A solid-colour RGBA PNG (PNG spec: IHDR, one zlib IDAT with filter 0 rows, IEND; CRC-32 per chunk). */
function solidPng(w: number, h: number, [r, g, b]: readonly [number, number, number]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Uint8Array) => {
    let c = 0xffffffff;
    for (const x of bytes) c = crcTable[(c ^ x) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, w);
  new DataView(ihdr.buffer).setUint32(4, h);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = new Uint8Array(h * (1 + 4 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([r, g, b, 255], y * (1 + 4 * w) + 1 + 4 * x);
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function mapShot(s: E2eSession, name: string, colors: readonly (readonly [number, number, number])[], tolerance: number) {
  await s.page.waitForTimeout(500);
  const png = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, name) });
  return (await countColoredPixels(s.page, png, colors, tolerance)).counts;
}

/** Pixels at least `by` darker (mean of RGB) in `after` than in `before` (two PNGs of one size), decoded by the page's canvas. */
function darkerPixels(page: Page, before: Buffer, after: Buffer, by: number): Promise<number> {
  return page.evaluate(
    async ({ a, b, by }) => {
      const read = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [p, q] = [await read(a), await read(b)];
      let n = 0;
      for (let i = 0; i < p.length; i += 4) if ((p[i]! + p[i + 1]! + p[i + 2]!) / 3 - (q[i]! + q[i + 1]! + q[i + 2]!) / 3 >= by) n++;
      return n;
    },
    { a: `data:image/png;base64,${before.toString('base64')}`, b: `data:image/png;base64,${after.toString('base64')}`, by },
  );
}

async function loadFiles(s: E2eSession, files: string[]) {
  const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByTestId('basemap-load').click()]);
  await chooser.setFiles(files);
}

describe('offline basemaps: MBTiles, world-file images, labels from in-page glyphs (built renderer)', () => {
  let s: E2eSession;
  let start: View;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(FILES, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=300`);
    await waitForMapPoints(s.page, 100);
    start = await readView(s.page);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('vector MBTiles: names render as map labels with no glyph server, and loading keeps the view', async () => {
    // the analyst has moved the map: a basemap must not snap it back to the data's extent
    await jumpMap(s.page, { center: [start.lng + 0.003, start.lat - 0.002], zoom: start.zoom + 0.6 });
    await s.page.waitForTimeout(500);
    const moved = await readView(s.page);
    const z = Math.max(0, Math.floor(moved.zoom) - 1);
    const t = tileOf(moved.lng, moved.lat, z);
    const mvt = encodeMvt({ places: [{ x: t.px, y: t.py, props: { name: 'Offline Label' } }] });
    const bounds = [moved.lng - 0.005, moved.lat - 0.005, moved.lng + 0.005, moved.lat + 0.005].join(',');
    const file = path.join(FILES, 'city-vector.mbtiles');
    writeFileSync(file, await buildMbtiles({ name: 'city', format: 'pbf', minzoom: '0', maxzoom: String(z), bounds, json: JSON.stringify({ vector_layers: [{ id: 'places' }] }) }, [{ z, x: t.x, y: t.y, data: mvt, gzip: true }]));
    const box = (await s.page.getByTestId('map').boundingBox())!;
    // the label's neighbourhood, in page pixels: the map centre ± 90 × 25 px
    const clip = { x: box.x + box.width / 2 - 90, y: box.y + box.height / 2 - 25, width: 180, height: 50 };
    await s.page.waitForTimeout(500);
    const before = await s.page.screenshot({ clip, path: path.join(SHOTS, 'basemap-label-before.png') });
    await loadFiles(s, [file]);
    await expect.poll(async () => (await s.page.getByTestId('basemap-file').textContent()) ?? '', { timeout: 30_000 }).toMatch(/city-vector\.mbtiles \(MBTiles.*vector tiles, zoom 0–/);
    await expect
      .poll(
        () =>
          s.page.evaluate(() => {
            const m = (window as unknown as { __spiMap: { getLayer(id: string): unknown; queryRenderedFeatures(o: { layers: string[] }): { properties: { name?: string } }[] } }).__spiMap;
            return m.getLayer('basemap-places-label') ? m.queryRenderedFeatures({ layers: ['basemap-places-label'] }).map((f) => f.properties.name) : [];
          }),
        { timeout: 60_000, interval: 1000 },
      )
      .toContain('Offline Label');
    // the text's pixels: at least 60 levels darker than the same spot before the basemap loaded
    await expect
      .poll(async () => darkerPixels(s.page, before, await s.page.screenshot({ clip, path: path.join(SHOTS, 'basemap-label-after.png') }), 60), { timeout: 30_000, interval: 1000 })
      .toBeGreaterThan(80);
    await lookShot(s.page.getByTestId('map'), path.join(SHOTS, 'basemap-mbtiles-vector.png'));
    // drawn with the bundled font, loaded from the app's own assets
    expect(await s.page.evaluate(() => document.fonts.check('12px "SPI DejaVu Sans"'))).toBe(true);
    const after = await readView(s.page);
    expect(after.zoom).toBeCloseTo(moved.zoom, 6);
    expect(after.lng).toBeCloseTo(moved.lng, 6);
    expect(after.lat).toBeCloseTo(moved.lat, 6);
    // asked to, the map zooms to the file's bounds (±0.005°: closer than this view)
    await s.page.getByTestId('basemap-zoom').click();
    await expect.poll(async () => (await readView(s.page)).zoom, { timeout: 10_000 }).toBeGreaterThan(moved.zoom + 1);
    await jumpMap(s.page, { center: [start.lng, start.lat], zoom: start.zoom });
  });

  it('raster MBTiles: PNG tiles stored with TMS rows land where the web map expects them', async () => {
    const z = Math.max(0, Math.floor(start.zoom) - 1);
    const c = tileOf(start.lng, start.lat, z);
    const png = solidPng(256, 256, MAGENTA);
    // decoys in green at the mirrored rows: had the reader not flipped XYZ rows to TMS, it would serve them
    const decoy = solidPng(256, 256, GREEN);
    const tiles = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        tiles.push({ z, x: c.x + dx, y: c.y + dy, data: png });
        tiles.push({ z, x: c.x + dx, y: 2 ** z - 1 - (c.y + dy), data: decoy });
      }
    }
    const file = path.join(FILES, 'ortho-raster.mbtiles');
    writeFileSync(file, await buildMbtiles({ name: 'ortho', format: 'png', minzoom: '0', maxzoom: String(z) }, tiles));
    const before = await mapShot(s, 'basemap-raster-before.png', [MAGENTA, GREEN], 30);
    await loadFiles(s, [file]);
    await expect.poll(async () => (await s.page.getByTestId('basemap-file').textContent()) ?? '', { timeout: 30_000 }).toMatch(/ortho-raster\.mbtiles \(MBTiles.*png tiles/);
    await expect.poll(async () => (await mapShot(s, 'basemap-mbtiles-raster.png', [MAGENTA], 30))[0]!, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(before[0]! + 100_000);
    expect((await mapShot(s, 'basemap-mbtiles-raster.png', [GREEN], 30))[0]!).toBeLessThan(before[1]! + 1000);
    const v = await readView(s.page);
    expect(v.zoom).toBeCloseTo(start.zoom, 6);
  });

  it('PNG + world file + .prj: the image is placed by its six numbers in the .prj CRS', async () => {
    const w = 64;
    const h = 48;
    // an image half the view wide, centred on it, in lon/lat
    const span = await s.page.evaluate(() => {
      const b = (window as unknown as { __spiMap: { getBounds(): { getWest(): number; getEast(): number } } }).__spiMap.getBounds();
      return b.getEast() - b.getWest();
    });
    const cell = span / 2 / w;
    const west = start.lng - span / 4;
    const north = start.lat + (h * cell) / 2;
    const png = path.join(FILES, 'aerial.png');
    writeFileSync(png, solidPng(w, h, TEAL));
    writeFileSync(path.join(FILES, 'aerial.pgw'), [cell, 0, 0, -cell, west + cell / 2, north - cell / 2].join('\n') + '\n');
    writeFileSync(path.join(FILES, 'aerial.prj'), 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]');
    const before = await mapShot(s, 'basemap-image-before.png', [TEAL], 20);
    await loadFiles(s, [png, path.join(FILES, 'aerial.pgw'), path.join(FILES, 'aerial.prj')]);
    await expect.poll(async () => (await s.page.getByTestId('basemap-file').textContent()) ?? '', { timeout: 30_000 }).toMatch(/aerial\.png \(image \+ world file.*64 × 48 px in EPSG:4326 \(from its \.prj\)/);
    await expect.poll(async () => (await mapShot(s, 'basemap-worldfile.png', [TEAL], 20))[0]!, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(before[0]! + 30_000);
    await lookShot(s.page, path.join(SHOTS, 'basemap-panel.png'));
  });

  it('made no request off the machine and logged no error', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
