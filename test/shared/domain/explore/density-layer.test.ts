import { describe, expect, it } from 'vitest';
import { VIRIDIS } from '../../../../shared/domain/explore/classing';
import { prepareKdeLayer, type KdeLayerSettings } from '../../../../shared/domain/explore/density-layer';
import { createTransform } from '../../../../shared/domain/geo/crs';
import { computeDefaultKdeRadius } from '../../../../shared/domain/stats/bandwidth';
import { createRng } from '../../../../shared/base/random';

const CRS = 'EPSG:32614';
const X0 = 650_000;
const Y0 = 3_625_000;
const base: KdeLayerSettings = { kernel: 'quartic', radius: 300, cell: 50, classing: 'quantile', classes: 5 };

function pixel(rgba: Uint8ClampedArray, width: number, col: number, row: number): number[] {
  const i = 4 * (row * width + col);
  return Array.from(rgba.subarray(i, i + 4));
}

describe('kernel density layer data', () => {
  it('covers the points grown by the radius, with zero cells clear and the peak in the top class', () => {
    const x = Float64Array.from([X0, X0 + 10, X0 - 10, X0 + 1000]);
    const y = Float64Array.from([Y0, Y0 + 10, Y0 - 10, Y0]);
    const r = prepareKdeLayer(x, y, CRS, base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    // extent 1020 x 20 m grown by 300 m each side: 1620 x 620 m at 50 m -> 33 x 13 cells.
    expect([d.width, d.height]).toEqual([33, 13]);
    expect(d.rgba.length).toBe(33 * 13 * 4);
    expect(pixel(d.rgba, d.width, 0, 0)[3]).toBe(0); // a corner is farther than r from every point
    const top = VIRIDIS[VIRIDIS.length - 1]!;
    // The cluster of three at (X0, Y0): cell column (X0 - (X0 - 10 - 300)) / 50 = 6.2 -> 6, row 6.
    expect(pixel(d.rgba, d.width, 6, 6)).toEqual([top[0], top[1], top[2], 255]);
    expect(d.breaks.length).toBe(5);
    expect(d.breaks.at(-1)).toBeCloseTo(d.max, 9);
    expect(d.radiusSource).toBe('given');
    expect(d.cellSource).toBe('given');
    // The corners come back to lon/lat around the points, in BitmapLayer order.
    const [lon0, lat0] = createTransform(CRS, 'EPSG:4326')(X0, Y0);
    const [[l, b], [l2, t], [r2, t2], [r3, b2]] = d.corners;
    expect(l).toBeLessThan(lon0);
    expect(r2).toBeGreaterThan(lon0);
    expect(b).toBeLessThan(lat0);
    expect(t).toBeGreaterThan(lat0);
    expect(Math.abs(l - l2)).toBeLessThan(1e-3);
    expect(Math.abs(t - t2)).toBeLessThan(1e-3);
    expect(Math.abs(r2 - r3)).toBeLessThan(1e-3);
    expect(Math.abs(b - b2)).toBeLessThan(1e-3);
  });

  it('uses the ArcGIS default radius and the extent/250 cell when none is given', () => {
    const rng = createRng(7);
    const rand = () => rng.next();
    const n = 400;
    const x = Float64Array.from({ length: n }, () => X0 + rand() * 2000);
    const y = Float64Array.from({ length: n }, () => Y0 + rand() * 1000);
    const r = prepareKdeLayer(x, y, CRS, { ...base, radius: null, cell: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rule = computeDefaultKdeRadius(x, y);
    expect(rule.ok && r.value.radius).toBeCloseTo(rule.ok ? rule.value.radius : 0, 9);
    expect(r.value.radiusSource).toBe('arcgis-default');
    let minY = Infinity;
    let maxY = -Infinity;
    for (const v of y) {
      minY = Math.min(minY, v);
      maxY = Math.max(maxY, v);
    }
    expect(r.value.cell).toBeCloseTo((maxY - minY) / 250, 9);
  });

  it('draws a mirror-symmetric pattern as a mirror-symmetric image (property)', () => {
    const x = Float64Array.from([X0 - 200, X0 + 200, X0 - 50, X0 + 50, X0]);
    const y = Float64Array.from([Y0, Y0, Y0 + 120, Y0 + 120, Y0 - 80]);
    for (const kernel of ['quartic', 'gaussian'] as const) {
      const r = prepareKdeLayer(x, y, CRS, { ...base, kernel, radius: 150, cell: 10, classing: 'jenks', classes: 4 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const { width, height, rgba } = r.value;
      let mismatches = 0;
      for (let row = 0; row < height; row++) {
        for (let col = 0; col < width; col++) {
          const a = pixel(rgba, width, col, row).join();
          const b = pixel(rgba, width, width - 1 - col, row).join();
          if (a !== b) mismatches++;
        }
      }
      // Class boundaries can flip on floating-point ties; a handful of cells at most.
      expect(mismatches).toBeLessThan(width * height * 0.002 + 2);
    }
  });

  it('reports no points, a zero radius and too many cells as errors', () => {
    const none = prepareKdeLayer(new Float64Array(0), new Float64Array(0), CRS, base);
    expect(!none.ok && none.error.kind).toBe('invalid-argument');
    const one = Float64Array.from([X0, X0 + 5]);
    const bad = prepareKdeLayer(one, Float64Array.from([Y0, Y0]), CRS, { ...base, radius: 0 });
    expect(bad.ok).toBe(false);
    const huge = prepareKdeLayer(Float64Array.from([X0, X0 + 100_000]), Float64Array.from([Y0, Y0 + 100_000]), CRS, { ...base, cell: 1 });
    expect(!huge.ok && JSON.stringify(huge.error)).toMatch(/cell/);
  });
});
