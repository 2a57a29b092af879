import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VIRIDIS } from '../../shared/domain/explore/classing';
import { HEAT_RAMP } from '../../shared/domain/explore/screen-heat';
import { readGeoReference } from '../../shared/domain/geo/geotiff-read';
import { encodeGeoTiff } from '../../shared/domain/geo/geotiff-write';
import { readTiffImage } from '../../shared/domain/geo/tiff-read';
import { countColoredPixels, type E2eSession, isLocal, jumpMap, openSession, waitForMapPoints } from './browser';

const SHOTS = path.resolve('.tmp');
const CLUSTER_BLUE = [49, 104, 142] as const;
const POINTS_BLUE = [31, 119, 180] as const;

async function shot(s: E2eSession, name: string, colors: readonly (readonly [number, number, number])[], tolerance = 30): Promise<number[]> {
  await s.page.waitForTimeout(800);
  const png = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, name) });
  return (await countColoredPixels(s.page, png, colors, tolerance)).counts;
}

const zoom = (s: E2eSession) => s.page.evaluate(() => (window as unknown as { __spiMap: { getZoom(): number } }).__spiMap.getZoom());

describe('map layers: clusters, visual heat map, counts by polygon, GeoTIFF export and basemap (built renderer)', () => {
  let s: E2eSession;
  let base: number[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 1000);
    base = await shot(s, 'map-layers-points.png', [CLUSTER_BLUE, HEAT_RAMP[4]!, HEAT_RAMP[2]!], 12);
    expect(POINTS_BLUE[0]).toBeLessThan(CLUSTER_BLUE[0]);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('clusters: blue count circles replace the points; clicking one zooms in and splits it', async () => {
    await s.page.getByTestId('layer-kind-clusters').check();
    await expect.poll(async () => (await shot(s, 'map-layers-clusters.png', [CLUSTER_BLUE], 12))[0]!, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(base[0]! + 20_000);
    expect(await s.page.getByTestId('layer-legend').textContent()).toMatch(/within 60 screen pixels.*click one to zoom/);
    const before = await zoom(s);
    const box = (await s.page.getByTestId('map').boundingBox())!;
    // click 9 px below the top of the first circle (every circle has a radius >= 14 px); retry
    // in case a frame was still being drawn
    await expect.poll(async () => {
      const png = await s.page.getByTestId('map').screenshot();
      const { first } = await countColoredPixels(s.page, png, [CLUSTER_BLUE], 12);
      if (first[0]) await s.page.mouse.click(box.x + first[0].x + 1, box.y + first[0].y + 9);
      await s.page.waitForTimeout(1500);
      return zoom(s);
    }, { timeout: 60_000, interval: 500 }).toBeGreaterThan(before + 0.9);
    await shot(s, 'map-layers-clusters-zoomed.png', [CLUSTER_BLUE]);
    // undo the zoom for the next layers: fit the data again
    await jumpMap(s.page, { zoom: 11.5 });
  });

  it('heat map: YlOrRd pixels appear, and the legend says it is not a density estimate', async () => {
    await s.page.getByTestId('layer-kind-heat').check();
    await expect.poll(async () => {
      const px = await shot(s, 'map-layers-heat.png', [HEAT_RAMP[4]!, HEAT_RAMP[2]!], 25);
      return px[0]! + px[1]!;
    }, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(base[1]! + base[2]! + 2000);
    expect(await s.page.getByTestId('heat-warning').textContent()).toMatch(/Visual heat map — not a density estimate/);
    // a larger radius spreads the heat over more pixels
    const narrow = await shot(s, 'map-layers-heat.png', [HEAT_RAMP[1]!, HEAT_RAMP[2]!, HEAT_RAMP[3]!], 20);
    await s.page.getByTestId('heat-radius').fill('80');
    await s.page.getByTestId('heat-radius').press('Enter');
    await expect.poll(async () => {
      const px = await shot(s, 'map-layers-heat-wide.png', [HEAT_RAMP[1]!, HEAT_RAMP[2]!, HEAT_RAMP[3]!], 20);
      return px.reduce((a, b) => a + b, 0);
    }, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(narrow.reduce((a, b) => a + b, 0) * 1.3);
  });

  it('by polygon: beats coloured by incidents per km², with a legend of classes and polygons', async () => {
    await s.page.getByTestId('layer-kind-choropleth').check();
    await expect.poll(async () => (await s.page.getByTestId('layer-legend').textContent()) ?? '', { timeout: 60_000 }).toMatch(/incidents per km² by polygon/);
    const legend = (await s.page.getByTestId('layer-legend').textContent())!;
    expect(legend).toMatch(/Quantiles/);
    const perClass = await s.page.getByTestId('layer-legend').locator('.legend-count').allTextContents();
    const total = perClass.reduce((a, t) => a + Number(t.replace(/[^\d]/g, '')), 0);
    expect(total).toBe(Number(/\(([\d,]+) polygons;/.exec(legend)![1]!.replaceAll(',', '')));
    const px = await shot(s, 'map-layers-choropleth.png', [VIRIDIS[0]!, VIRIDIS[6]!], 25);
    expect(px[0]! + px[1]!).toBeGreaterThan(5000);
    await s.page.getByTestId('choropleth-rate').selectOption('count');
    await expect.poll(async () => (await s.page.getByTestId('layer-legend').textContent()) ?? '', { timeout: 30_000 }).toMatch(/^incidents by polygon/);
  });

  it('kernel density: "Save surface as GeoTIFF" downloads a Float32 GeoTIFF in the analysis CRS', async () => {
    await s.page.getByTestId('layer-kind-kde').check();
    await s.page.waitForFunction(() => document.body.dataset.mapLayer === 'kde', null, { timeout: 60_000 });
    const [download] = await Promise.all([s.page.waitForEvent('download', { timeout: 30_000 }), s.page.getByTestId('kde-save-tif').click()]);
    const file = path.join(SHOTS, 'map-layers-density.tif');
    await download.saveAs(file);
    const img = readTiffImage(new Uint8Array(readFileSync(file)), file);
    if (!img.ok) throw new Error(JSON.stringify(img.error));
    expect(img.value.width).toBeGreaterThan(100);
    expect(img.value.data).toBeInstanceOf(Float32Array);
    const g = readGeoReference(img.value.tags, file);
    expect(g.ok && g.value.crs).toMatch(/^EPSG:326\d\d$/);
    let max = 0;
    for (const v of img.value.data as Float32Array) max = Math.max(max, v);
    expect(max).toBeGreaterThan(1);
  });

  it('GeoTIFF basemap: a local georeferenced image is drawn under the reference layers, "None" hides it', async () => {
    await s.page.getByTestId('layer-kind-points').check();
    const b = await s.page.evaluate(() => {
      const m = (window as unknown as { __spiMap: { getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number } } }).__spiMap.getBounds();
      return [m.getWest(), m.getSouth(), m.getEast(), m.getNorth()];
    });
    // a 64 x 32 grey ramp (west dark, east light) over the view, in lon/lat
    const w = 64, h = 32;
    const values = Float64Array.from({ length: w * h }, (_, i) => i % w);
    const tif = encodeGeoTiff({ width: w, height: h, values, west: b[0]!, north: b[3]!, cellX: (b[2]! - b[0]!) / w, cellY: (b[3]! - b[1]!) / h, crs: 'EPSG:4326' });
    if (!tif.ok) throw new Error('encode');
    const file = path.join(SHOTS, 'map-layers-ortho.tif');
    writeFileSync(file, tif.value);
    const GREY = [[60, 60, 60], [100, 100, 100]] as const;
    const before = await shot(s, 'map-layers-no-basemap.png', GREY, 12);
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByTestId('basemap-load').click()]);
    await chooser.setFiles(file);
    await expect.poll(async () => (await s.page.getByTestId('basemap-file').textContent()) ?? '', { timeout: 30_000 }).toMatch(/map-layers-ortho\.tif \(GeoTIFF.*64 × 32 px in EPSG:4326/);
    await expect.poll(async () => {
      const px = await shot(s, 'map-layers-geotiff-basemap.png', GREY, 12);
      return px[0]! + px[1]!;
    }, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(before[0]! + before[1]! + 5000);
    await s.page.getByTestId('basemap-style').selectOption('none');
    await expect.poll(async () => {
      const px = await shot(s, 'map-layers-basemap-none.png', GREY, 12);
      return px[0]! + px[1]!;
    }, { timeout: 60_000, interval: 1000 }).toBeLessThan(before[0]! + before[1]! + 1000);
  });

  it('made no request off the machine and logged no error', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
