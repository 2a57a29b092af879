import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { buildGivenUnits, buildGridUnits, buildUnitWeights } from '../../../../shared/domain/analysis/units';

const cols = (c: Partial<Parameters<typeof buildGivenUnits>[1]>) => ({ id: null, x: null, y: null, row: null, col: null, count: null, ...c });

describe('units of analysis', () => {
  it('grid units cover the points with every cell, anchored at the CRS origin, counts summing to n', () => {
    const x = [120, 130, 880, 610];
    const y = [60, 70, 420, 90];
    const u = unwrap(buildGridUnits(x, y, { kind: 'grid', size: 250 }));
    expect(u.grid).toMatchObject({ cols: 4, rows: 2, originX: 125, originY: 125 });
    expect(Array.from(u.counts)).toEqual([2, 0, 1, 0, 0, 0, 0, 1]);
    expect(Array.from(u.cellOfPoint)).toEqual([0, 0, 7, 2]);
    expect(u.cellArea).toBe(62_500);
    const weighted = unwrap(buildGridUnits(x, y, { kind: 'grid', size: 250 }, [0.5, 1, 2, 3]));
    expect(weighted.counts[0]).toBe(1.5);
  });

  it('translating the points by whole cells translates the grid and keeps the counts', () => {
    const x = [120, 130, 880, 610];
    const y = [60, 70, 420, 90];
    const a = unwrap(buildGridUnits(x, y, { kind: 'hex', size: 200 }));
    const b = unwrap(buildGridUnits(x.map((v) => v + 2000), y.map((v) => v + 3 * 200 * Math.sqrt(3)), { kind: 'hex', size: 200 }));
    expect(Array.from(b.counts)).toEqual(Array.from(a.counts));
  });

  it('refuses no points and absurd cell sizes, naming the flag', () => {
    expect(buildGridUnits([], [], { kind: 'grid', size: 100 })).toMatchObject({ ok: false, error: { name: 'incidents' } });
    expect(buildGridUnits([0, 1e6], [0, 1e6], { kind: 'grid', size: 0.1 })).toMatchObject({ ok: false, error: { name: '--unit', value: 'grid:0.1' } });
  });

  it('given units: validates counts, lattice positions and uniqueness with the file and row', () => {
    const ok = unwrap(buildGivenUnits('c.csv', cols({ id: ['a', 'b'], row: [0, 0], col: [0, 1], count: [1, 2] })));
    expect(ok).toMatchObject({ source: 'cells', n: 2, id: ['a', 'b'] });
    expect(buildGivenUnits('c.csv', cols({ row: [0], col: [0] }))).toMatchObject({ ok: false, error: { value: 'no count column' } });
    expect(buildGivenUnits('c.csv', cols({ count: [1] }))).toMatchObject({ ok: false, error: { value: 'no x,y or row,col columns' } });
    expect(buildGivenUnits('c.csv', cols({ x: [0, 1], y: [0, 1], count: [1, -2] }))).toMatchObject({ ok: false, error: { name: 'c.csv: row 2, count', value: '-2' } });
    expect(buildGivenUnits('c.csv', cols({ row: [0, 0.5], col: [0, 1], count: [1, 2] }))).toMatchObject({ ok: false, error: { name: 'c.csv: row 2, row/col' } });
    expect(buildGivenUnits('c.csv', cols({ id: ['a', 'a'], x: [0, 1], y: [0, 1], count: [1, 2] }))).toMatchObject({ ok: false, error: { name: 'c.csv: row 2, id', value: 'a' } });
    expect(buildGivenUnits('c.csv', cols({ x: [0, null], y: [0, 1], count: [1, 2] }))).toMatchObject({ ok: false, error: { name: 'c.csv: row 2, x' } });
    expect(unwrap(buildGivenUnits('c.csv', cols({ x: [0, 1], y: [0, 1], count: [1, 2] }))).id).toEqual(['1', '2']);
  });

  it('weights: hexagons take queen/rook/hex as the 6 edge neighbours; squares refuse hex', () => {
    const pts = Array.from({ length: 60 }, (_, i) => [(i % 10) * 170, Math.floor(i / 10) * 150]);
    const hex = unwrap(buildGridUnits(pts.map((p) => p[0]!), pts.map((p) => p[1]!), { kind: 'hex', size: 200 }));
    const q = unwrap(buildUnitWeights(hex, { kind: 'queen' }, false));
    const r = unwrap(buildUnitWeights(hex, { kind: 'rook' }, false));
    const h = unwrap(buildUnitWeights(hex, { kind: 'hex-pointy' }, false));
    expect(Array.from(q.neighbours)).toEqual(Array.from(h.neighbours));
    expect(Array.from(r.neighbours)).toEqual(Array.from(h.neighbours));
    let maxK = 0;
    for (let i = 0; i < q.n; i++) maxK = Math.max(maxK, q.offsets[i + 1]! - q.offsets[i]!);
    expect(maxK).toBe(6);
    const sq = unwrap(buildGridUnits([0, 1000], [0, 1000], { kind: 'grid', size: 250 }));
    expect(buildUnitWeights(sq, { kind: 'hex-pointy' }, true)).toMatchObject({ ok: false, error: { name: '--weights', value: 'hex' } });
    const cells = unwrap(buildGivenUnits('c.csv', cols({ row: [0, 0, 0], col: [0, 1, 2], count: [1, 2, 3] })));
    expect(buildUnitWeights(cells, { kind: 'band', distance: 100 }, true)).toMatchObject({ ok: false, error: { name: '--weights', value: 'band:100' } });
  });
});
