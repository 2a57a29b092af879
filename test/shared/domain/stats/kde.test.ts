import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeDefaultKdeRadius } from '../../../../shared/domain/stats/bandwidth';
import { SQUARE_METRES_PER_SQUARE_MILE, computeKde, createRaster } from '../../../../shared/domain/stats/kde';
import { randomPoints } from './fixtures/random-points';

const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('kernel density', () => {
  it('quartic: the surface integrates to n incidents (density per km^2 x cell area in km^2)', () => {
    const { x, y } = randomPoints(300, 2, { size: 2000, originX: 600_000, originY: 4_100_000 });
    const raster = unwrap(createRaster({ minX: 600_000 - 400, minY: 4_100_000 - 400, maxX: 602_400, maxY: 4_102_400 }, 10));
    const r = unwrap(computeKde(x, y, raster, { radius: 250 }));
    expect(r.areaUnit).toBe('km2');
    expect(sum(r.density) * (10 * 10) / 1e6).toBeCloseTo(300, 1);
    expect(Math.abs((sum(r.density) * 100) / 1e6 - 300)).toBeLessThan(0.3);
  });

  it('gaussian: integrates to n within the truncation at 5 h', () => {
    const raster = unwrap(createRaster({ minX: -500, minY: -500, maxX: 500, maxY: 500 }, 5));
    const r = unwrap(computeKde([0, 20], [0, -10], raster, { radius: 60, kernel: 'gaussian' }));
    expect(Math.abs((sum(r.density) * 25) / 1e6 - 2)).toBeLessThan(1e-3);
    // at the exact centre of one point (cell centres at +-2.5 offsets): close to 1/(2 pi h^2) * 1e6
    expect(r.max).toBeGreaterThan(0.9 * (1e6 / (2 * Math.PI * 3600)));
  });

  it('peak of one point at a cell centre is 3 / (pi r^2) per m^2 = that x 1e6 per km^2; zero at and beyond r', () => {
    const raster = unwrap(createRaster({ minX: 0, minY: 0, maxX: 100, maxY: 100 }, 10));
    const r = unwrap(computeKde([55], [45], raster, { radius: 20 }));
    const idx = (row: number, col: number) => row * raster.cols + col;
    // cell (row 5 from the north, col 5) has centre (55, 45)
    expect(r.density[idx(5, 5)]).toBeCloseTo((3 / (Math.PI * 400)) * 1e6, 9);
    expect(r.density[idx(5, 6)]).toBeCloseTo((3 / (Math.PI * 400)) * (1 - 100 / 400) ** 2 * 1e6, 9);
    expect(r.density[idx(5, 7)]).toBe(0); // d = 20 = r
    const miles = unwrap(computeKde([55], [45], raster, { radius: 20, areaUnit: 'mi2' }));
    expect(miles.density[idx(5, 5)]).toBeCloseTo((3 / (Math.PI * 400)) * SQUARE_METRES_PER_SQUARE_MILE, 6);
  });

  it('weights scale the surface (population field) and the default radius is the ArcGIS rule', () => {
    const { x, y } = randomPoints(100, 4, { size: 800 });
    const raster = unwrap(createRaster({ minX: -300, minY: -300, maxX: 1100, maxY: 1100 }, 20));
    const plain = unwrap(computeKde(x, y, raster));
    expect(plain.radiusSource).toBe('arcgis-default');
    expect(plain.radius).toBe(unwrap(computeDefaultKdeRadius(x, y)).radius);
    const doubled = unwrap(computeKde(x, y, raster, { radius: plain.radius, weights: new Float64Array(100).fill(2) }));
    for (let k = 0; k < plain.density.length; k += 37) expect(doubled.density[k]).toBeCloseTo(2 * plain.density[k]!, 9);
  });

  it('rasters run north to south; bad inputs are named', () => {
    const raster = unwrap(createRaster({ minX: 0, minY: 0, maxX: 25, maxY: 15 }, 10));
    expect(raster).toEqual({ minX: 0, maxY: 15, cellSize: 10, cols: 3, rows: 2 });
    expect(createRaster({ minX: 0, minY: 0, maxX: 1e6, maxY: 1e6 }, 0.1)).toMatchObject({ ok: false, error: { name: 'cellSize' } });
    expect(computeKde([0], [0], raster, { radius: 0 })).toMatchObject({ ok: false, error: { name: 'radius' } });
    expect(computeKde([0, 1], [0, 1], raster, { radius: 5, weights: [1, -2] })).toMatchObject({ ok: false, error: { name: 'weights[1]' } });
  });
});

describe('gaussian KDE matches the formula cell by cell', () => {
  it('equals sum_i exp(-d^2/2h^2)/(2 pi h^2) per km^2 (within the 5h reach) at every cell', () => {
    const xs = [120, 180, 260, 90];
    const ys = [140, 210, 160, 300];
    const h = 40;
    const raster = unwrap(createRaster({ minX: 0, minY: 0, maxX: 400, maxY: 400 }, 20));
    const kde = unwrap(computeKde(Float64Array.from(xs), Float64Array.from(ys), raster, { radius: h, kernel: 'gaussian' }));
    const { cols, rows, minX, maxY, cellSize } = kde.raster;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const cx = minX + (c + 0.5) * cellSize;
        const cy = maxY - (r + 0.5) * cellSize;
        let expected = 0;
        xs.forEach((x, i) => {
          const d2 = (cx - x) ** 2 + (cy - ys[i]!) ** 2;
          if (d2 < (5 * h) ** 2) expected += (Math.exp(-d2 / (2 * h * h)) / (2 * Math.PI * h * h)) * 1e6;
        });
        expect(kde.density[r * cols + c]).toBeCloseTo(expected, 9);
      }
    }
  });
});
