import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runGridCounts } from '../../../../shared/domain/analysis/run-grid';
import { buildGridUnits } from '../../../../shared/domain/analysis/units';

describe('runGridCounts', () => {
  it('square grid: every cell, empty ones included, with centre and row/col', () => {
    const units = unwrap(buildGridUnits([10, 20, 490], [10, 20, 240], { kind: 'grid', size: 250 }));
    const run = unwrap(runGridCounts(units, { unit: 'grid:250', crs: 'EPSG:32138' }));
    expect(run.table.columns.map((c) => c.name)).toEqual(['id', 'x', 'y', 'row', 'col', 'count']);
    expect(Array.from(run.table.columns.at(-1)!.values as Float64Array)).toEqual([2, 1]);
    expect(run.summary).toMatchObject({ cells: 2, cellsWithIncidents: 2, incidents: 3, outside: 0, cellAreaM2: 62_500 });
    expect(run.summary.crs).toBe('EPSG:32138');
    expect(run.convention.join(' ')).toMatch(/id = row\*2 \+ col/);
  });

  it('hexagons: axial q, r from odd-r offsets; neighbours differ by one axial step', () => {
    const units = unwrap(buildGridUnits([0, 1000], [0, 1000], { kind: 'hex', size: 200 }));
    const run = unwrap(runGridCounts(units, { unit: 'hex:200', crs: null }));
    const get = (n: string) => run.table.columns.find((c) => c.name === n)!.values as Int32Array | Float64Array;
    const q = get('q');
    const r = get('r');
    const x = get('x');
    const y = get('y');
    // Axial -> centre (pointy top, size w across flats): x = w (q + r/2), y = 1.5 R r, up to the origin.
    const R = 200 / Math.sqrt(3);
    for (let i = 1; i < run.table.rows; i++) {
      expect(x[i]! - x[0]!).toBeCloseTo(200 * (q[i]! - q[0]! + (r[i]! - r[0]!) / 2), 6);
      expect(y[i]! - y[0]!).toBeCloseTo(1.5 * R * (r[i]! - r[0]!), 6);
    }
    expect((get('count') as Float64Array).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
