import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { createGrid } from '../../../../shared/domain/geo/grid';
import {
  computeContiguityWeights,
  computeDistanceBandWeights,
  computeGridWeights,
  computeKnnWeights,
  countIslands,
  rowStandardize,
  weightsRowSums,
  withoutSelf,
  type SpatialWeights,
} from '../../../../shared/domain/stats/weights';
import { randomPoints } from './fixtures/random-points';

function rows(w: SpatialWeights): number[][] {
  return Array.from({ length: w.n }, (_, i) => Array.from(w.neighbours.subarray(w.offsets[i], w.offsets[i + 1])));
}

describe('spatial weights', () => {
  const { x, y } = randomPoints(400, 3, { originX: 1e6, originY: 1e6 });

  it('distance band: j within threshold (inclusive) of i, self included by default, as a brute-force scan', () => {
    const w = unwrap(computeDistanceBandWeights(x, y, 75));
    expect(w.selfIncluded).toBe(true);
    expect(w.values).toBeNull();
    const expected = Array.from({ length: x.length }, (_, i) =>
      [...Array(x.length).keys()].filter((j) => Math.hypot(x[j]! - x[i]!, y[j]! - y[i]!) <= 75),
    );
    expect(rows(w)).toEqual(expected);
    const noSelf = unwrap(computeDistanceBandWeights(x, y, 75, { includeSelf: false }));
    expect(rows(noSelf)).toEqual(expected.map((r, i) => r.filter((j) => j !== i)));
  });

  it('k nearest neighbours: k others plus self, rows ascending', () => {
    const w = unwrap(computeKnnWeights(x, y, 6));
    for (let i = 0; i < x.length; i++) {
      const row = rows(w)[i]!;
      expect(row).toHaveLength(7);
      expect(row).toContain(i);
      expect([...row].sort((a, b) => a - b)).toEqual(row);
      const others = [...Array(x.length).keys()].filter((j) => j !== i);
      const d = (j: number) => Math.hypot(x[j]! - x[i]!, y[j]! - y[i]!);
      others.sort((a, b) => d(a) - d(b) || a - b);
      expect(row.filter((j) => j !== i)).toEqual(others.slice(0, 6).sort((a, b) => a - b));
    }
    expect(computeKnnWeights([0, 1, 2], [0, 0, 0], 3)).toMatchObject({ ok: false, error: { name: 'k', value: '3' } });
  });

  it('contiguity lists are symmetrized, deduplicated and validated', () => {
    const w = unwrap(computeContiguityWeights([[1, 1], [], [0, 2]], { includeSelf: false }));
    expect(rows(w)).toEqual([[1, 2], [0], [0]]);
    const star = unwrap(computeContiguityWeights([[1], [0], []]));
    expect(rows(star)).toEqual([[0, 1], [0, 1], [2]]);
    expect(computeContiguityWeights([[5]])).toMatchObject({ ok: false, error: { name: 'neighbours of unit 0', value: '5' } });
  });

  it('grid weights: queen contiguity of a 3x3 grid plus self', () => {
    const grid = unwrap(createGrid('square', 10, { minX: 0, minY: 0, maxX: 29, maxY: 29 }));
    const w = computeGridWeights(grid);
    expect(rows(w)[4]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows(w)[0]).toEqual([0, 1, 3, 4]);
    expect(rows(computeGridWeights(grid, { squareKind: 'rook', includeSelf: false }))[4]).toEqual([1, 3, 5, 7]);
  });

  it('row-standardizes (rows sum to 1, islands stay empty) and strips self', () => {
    const w = unwrap(computeContiguityWeights([[1, 2], [0], [0], []], { includeSelf: false }));
    const r = rowStandardize(w);
    expect(Array.from(weightsRowSums(r))).toEqual([1, 1, 1, 0]);
    expect(Array.from(r.values!)).toEqual([0.5, 0.5, 1, 1]);
    expect(countIslands(w)).toBe(1);
    const band = unwrap(computeDistanceBandWeights(x, y, 50));
    expect(rows(withoutSelf(band))).toEqual(rows(unwrap(computeDistanceBandWeights(x, y, 50, { includeSelf: false }))));
  });

  it('reports bad input by name', () => {
    expect(computeDistanceBandWeights([0, 1], [0], 10)).toMatchObject({ ok: false, error: { name: 'y' } });
    expect(computeDistanceBandWeights([0, Number.NaN], [0, 1], 10)).toMatchObject({ ok: false, error: { name: 'x[1]', value: 'NaN' } });
    expect(computeDistanceBandWeights([0, 1], [0, 1], -5)).toMatchObject({ ok: false, error: { name: 'threshold', value: '-5' } });
  });
});
