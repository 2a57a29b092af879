import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeHotSpots, computeUnitWeights, parseUnitSpec, parseWeightsSpec } from '../../../../shared/domain/stats/hotspots';
import { LATTICE_VALUES, QUEEN, ROOK } from './fixtures/lattice-reference';

// The 6x6 lattice as a --cells CSV would give it, rows in a scrambled order.
const ORDER = [...Array(36).keys()].map((i) => (i * 11) % 36);
const cells = {
  row: ORDER.map((id) => Math.floor(id / 6)),
  col: ORDER.map((id) => id % 6),
  x: ORDER.map((id) => (id % 6) * 250 + 125),
  y: ORDER.map((id) => Math.floor(id / 6) * 250 + 125),
  count: ORDER.map((id) => LATTICE_VALUES[id]!),
};

describe('hot spots from CLI words', () => {
  it('parses weights and unit specs, naming the flag on error', () => {
    expect(unwrap(parseWeightsSpec('band:500'))).toEqual({ kind: 'band', distance: 500 });
    expect(unwrap(parseWeightsSpec('KNN:8'))).toEqual({ kind: 'knn', k: 8 });
    expect(unwrap(parseWeightsSpec('queen'))).toEqual({ kind: 'queen' });
    expect(unwrap(parseWeightsSpec('hex'))).toEqual({ kind: 'hex-pointy' });
    expect(parseWeightsSpec('band:-3')).toMatchObject({ ok: false, error: { name: '--weights', value: 'band:-3' } });
    expect(parseWeightsSpec('knn:2.5')).toMatchObject({ ok: false });
    expect(parseWeightsSpec('queen:1')).toMatchObject({ ok: false });
    expect(parseWeightsSpec('bishop')).toMatchObject({ ok: false });
    expect(unwrap(parseUnitSpec('grid:250'))).toEqual({ kind: 'grid', size: 250 });
    expect(unwrap(parseUnitSpec('hex:100'))).toEqual({ kind: 'hex', size: 100 });
    expect(parseUnitSpec('grid')).toMatchObject({ ok: false, error: { name: '--unit' } });
  });

  it('id,row,col,count cells with rook/queen weights give the reference Gi* in the CSV order', () => {
    for (const [spec, ref] of [
      ['rook', ROOK],
      ['queen', QUEEN],
    ] as const) {
      const r = unwrap(computeHotSpots(cells.count, cells, unwrap(parseWeightsSpec(spec))));
      ORDER.forEach((id, i) => expect(Math.abs(r.z[i]! - ref.giStarZ[id]!)).toBeLessThan(1e-9));
    }
  });

  it('id,x,y,count cells with a distance band: 250 m cells, band 360 m = queen', () => {
    const r = unwrap(computeHotSpots(cells.count, cells, unwrap(parseWeightsSpec('band:360'))));
    ORDER.forEach((id, i) => expect(Math.abs(r.z[i]! - QUEEN.giStarZ[id]!)).toBeLessThan(1e-9));
  });

  it('says which columns a weights kind needs', () => {
    expect(computeUnitWeights({ kind: 'queen' }, { x: cells.x, y: cells.y })).toMatchObject({ ok: false, error: { value: 'no row/col columns' } });
    expect(computeUnitWeights({ kind: 'knn', k: 3 }, { row: cells.row, col: cells.col })).toMatchObject({ ok: false, error: { value: 'no x/y columns' } });
    expect(computeUnitWeights({ kind: 'rook' }, { row: [0, 1.5], col: [0, 0] })).toMatchObject({ ok: false, error: { name: 'row/col of unit 1' } });
  });
});
