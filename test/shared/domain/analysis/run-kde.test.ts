import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runKde } from '../../../../shared/domain/analysis/run-kde';
import { computeDefaultKdeRadius } from '../../../../shared/domain/stats/bandwidth';

const cols = (run: { table: { columns: readonly { name: string; values: ArrayLike<unknown> }[] } }, n: string) => run.table.columns.find((c) => c.name === n)!.values as Float64Array;

describe('runKde', () => {
  const x = Float64Array.from([1000, 1400, 1450, 2000, 2600]);
  const y = Float64Array.from([5000, 5100, 5600, 5200, 5900]);

  it('covers the extent grown by the radius: the surface integrates to n, edges on cell multiples', () => {
    for (const kernel of ['quartic', 'gaussian'] as const) {
      const run = unwrap(runKde(x, y, { radius: 300, cell: 20, kernel, areaUnit: 'km2' }));
      const s = run.summary as Record<string, number>;
      expect(s.integral).toBeCloseTo(5, kernel === 'quartic' ? 2 : 3);
      expect(Math.abs(s.west! % 20)).toBe(0);
      expect(Math.abs(s.south! % 20)).toBe(0);
      expect(s.west).toBeLessThanOrEqual(1000 - (kernel === 'quartic' ? 300 : 1500));
      const cx = cols(run, 'x');
      const cy = cols(run, 'y');
      expect(cx[0]).toBe(s.west! + 10);
      expect(cy[0]).toBe(s.north! - 10);
    }
  });

  it('a single point: the centre cell holds 3 / (pi r^2) per m^2 (quartic), in per km^2 and per mi^2', () => {
    const km = unwrap(runKde(Float64Array.of(1010), Float64Array.of(1010), { radius: 100, cell: 20, kernel: 'quartic', areaUnit: 'km2' }));
    const mi = unwrap(runKde(Float64Array.of(1010), Float64Array.of(1010), { radius: 100, cell: 20, kernel: 'quartic', areaUnit: 'mi2' }));
    const peak = (3 / (Math.PI * 100 * 100)) * 1e6;
    expect(km.summary.maxDensity as number).toBeCloseTo(peak, 9);
    expect(mi.summary.maxDensity as number).toBeCloseTo((peak / 1e6) * 2_589_988.110336, 6);
  });

  it('defaults: the ArcGIS radius and the extent / 250 cell, both stated', () => {
    const run = unwrap(runKde(x, y, { kernel: 'quartic', areaUnit: 'km2' }));
    expect(run.parameters.radius).toBeCloseTo(unwrap(computeDefaultKdeRadius(x, y)).radius, 12);
    expect(run.parameters).toMatchObject({ radiusSource: 'arcgis-default', cellSource: 'arcgis-default', cell: 900 / 250 });
    expect(run.convention.join(' ')).toMatch(/ArcGIS rule.*shorter side of the extent \/ 250/);
  });

  it('refuses a negative radius, a zero cell and rasters too large', () => {
    expect(runKde(x, y, { radius: -5, kernel: 'quartic', areaUnit: 'km2' })).toMatchObject({ ok: false, error: { name: '--radius', value: '-5' } });
    expect(runKde(x, y, { radius: 5, cell: 0, kernel: 'quartic', areaUnit: 'km2' })).toMatchObject({ ok: false, error: { name: '--cell' } });
    expect(runKde(x, y, { radius: 5, cell: 1, kernel: 'quartic', areaUnit: 'km2', maxCells: 1000 })).toMatchObject({ ok: false, error: { name: '--cell', value: '1' } });
    expect(runKde(Float64Array.of(1, 1), Float64Array.of(2, 2), { kernel: 'quartic', areaUnit: 'km2' })).toMatchObject({ ok: false, error: { name: '--radius', value: 'default' } });
  });
});
