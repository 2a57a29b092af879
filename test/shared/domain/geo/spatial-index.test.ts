import { describe, expect, it } from 'vitest';
import {
  buildGridIndex,
  distance,
  forEachWithinRadius,
  kNearestNeighbours,
  pairsWithinDistance,
  radiusNeighbours,
  type Metric,
} from '../../../../shared/domain/geo/spatial-index';
import { randomPoints } from '../stats/fixtures/random-points';

function bruteNeighbours(x: Float64Array, y: Float64Array, r: number, metric: Metric, self: boolean): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < x.length; i++) {
    const row: number[] = [];
    for (let j = 0; j < x.length; j++) {
      if (i === j && !self) continue;
      if (distance((x[j] as number) - (x[i] as number), (y[j] as number) - (y[i] as number), metric) <= r) row.push(j);
    }
    out.push(row);
  }
  return out;
}

function rows(offsets: Int32Array, indices: Int32Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < offsets.length; i++) out.push(Array.from(indices.subarray(offsets[i], offsets[i + 1])));
  return out;
}

describe('grid spatial index', () => {
  const { x, y } = randomPoints(700, 11, { originX: 2_000_000, originY: 600_000 });

  for (const metric of ['euclidean', 'manhattan'] as const) {
    it(`finds the same radius neighbours as a brute-force scan (${metric}, inclusive radius)`, () => {
      for (const r of [25, 60, 130]) {
        const index = buildGridIndex(x, y, r);
        const withSelf = radiusNeighbours(index, r, metric, true);
        expect(rows(withSelf.offsets, withSelf.indices)).toEqual(bruteNeighbours(x, y, r, metric, true));
        const noSelf = radiusNeighbours(index, r, metric, false);
        expect(rows(noSelf.offsets, noSelf.indices)).toEqual(bruteNeighbours(x, y, r, metric, false));
      }
    });

    it(`enumerates every pair i < j within a distance exactly once (${metric})`, () => {
      const index = buildGridIndex(x, y, 80);
      const pairs = pairsWithinDistance(index, 80, metric)!;
      const expected: string[] = [];
      for (let i = 0; i < x.length; i++) {
        for (let j = i + 1; j < x.length; j++) {
          const d = distance((x[j] as number) - (x[i] as number), (y[j] as number) - (y[i] as number), metric);
          if (d <= 80) expected.push(`${i}-${j}-${d}`);
        }
      }
      const got: string[] = [];
      for (let k = 0; k < pairs.count; k++) got.push(`${pairs.i[k]}-${pairs.j[k]}-${pairs.d[k]}`);
      expect(got).toEqual(expected);
    });
  }

  it('gives up (null) past a pair limit instead of exhausting memory', () => {
    const index = buildGridIndex(new Float64Array(100), new Float64Array(100), 10); // 100 records at one spot
    expect(pairsWithinDistance(index, 1, 'euclidean', 4949)).toBeNull();
    expect(pairsWithinDistance(index, 1, 'euclidean', 4950)!.count).toBe(4950);
  });

  it('counts a point exactly on the radius as inside', () => {
    const index = buildGridIndex([0, 3, 6], [0, 4, 8], 5);
    const seen: number[] = [];
    forEachWithinRadius(index, 0, 0, 5, 'euclidean', (j) => seen.push(j));
    expect(seen.sort()).toEqual([0, 1]);
  });

  it('returns the k nearest neighbours of a brute-force sort, ties broken by the lower id', () => {
    for (const k of [1, 4, 9]) {
      const index = buildGridIndex(x, y, 17); // a poor cell size must not change the answer
      const knn = kNearestNeighbours(index, k);
      for (let i = 0; i < 250; i++) {
        const others = [...Array(x.length).keys()].filter((j) => j !== i);
        const d = (j: number) => Math.hypot((x[j] as number) - (x[i] as number), (y[j] as number) - (y[i] as number));
        others.sort((a, b) => d(a) - d(b) || a - b);
        expect(Array.from(knn.neighbours.subarray(i * k, i * k + k))).toEqual(others.slice(0, k));
        expect(knn.distances[i * k + k - 1]).toBeCloseTo(d(others[k - 1] as number), 9);
      }
    }
  });

  it('breaks exact distance ties on a lattice by id', () => {
    // centre of a 3x3 lattice: 4 rook neighbours at distance 1 (ids 1, 3, 5, 7)
    const lx = [0, 1, 2, 0, 1, 2, 0, 1, 2];
    const ly = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const knn = kNearestNeighbours(buildGridIndex(lx, ly, 1), 2);
    expect(Array.from(knn.neighbours.subarray(8, 10))).toEqual([1, 3]);
  });

  it('rejects k beyond n - 1 as a caller bug', () => {
    expect(() => kNearestNeighbours(buildGridIndex([0, 1], [0, 1], 1), 2)).toThrow(RangeError);
  });

  it('caps the number of cells for a tiny cell size over a huge extent', () => {
    const index = buildGridIndex([0, 1e7], [0, 1e7], 0.001);
    expect(index.cols * index.rows).toBeLessThanOrEqual(2 * 2 + 64);
    const seen: number[] = [];
    forEachWithinRadius(index, 1e7, 1e7, 1, 'euclidean', (j) => seen.push(j));
    expect(seen).toEqual([1]);
  });

  it('handles empty input and coincident points', () => {
    expect(buildGridIndex([], [], 10).size).toBe(0);
    const index = buildGridIndex([5, 5, 5], [5, 5, 5], 10);
    const adj = radiusNeighbours(index, 0, 'euclidean', false);
    expect(rows(adj.offsets, adj.indices)).toEqual([[1, 2], [0, 2], [0, 1]]);
  });
});
