import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { computeConvexHull, polygonArea } from '../../../../shared/domain/stats/hull';

describe('convex hull (monotone chain)', () => {
  it('keeps only corners, counter-clockwise from the lowest x', () => {
    const x = [0, 4, 4, 0, 2, 2, 4];
    const y = [0, 0, 4, 4, 2, 0, 2];
    expect(Array.from(computeConvexHull(x, y, [0, 1, 2, 3, 4, 5, 6]))).toEqual([0, 1, 2, 3]);
    expect(polygonArea(x, y, [0, 1, 2, 3])).toBe(16);
  });

  it('degenerates to one point or a segment for coincident or collinear points', () => {
    expect(Array.from(computeConvexHull([3, 3, 3], [1, 1, 1], [0, 1, 2]))).toHaveLength(1);
    expect(Array.from(computeConvexHull([0, 1, 2, 3], [0, 1, 2, 3], [2, 0, 3, 1]))).toEqual([0, 3]);
    expect(computeConvexHull([], [], [])).toHaveLength(0);
  });

  it('contains every input point (random sets), with all turns to the left', () => {
    const rng = createRng(5);
    for (let rep = 0; rep < 20; rep++) {
      const n = 3 + rng.int(60);
      const x = Array.from({ length: n }, () => 1e6 + rng.normal(0, 100));
      const y = Array.from({ length: n }, () => 2e6 + rng.normal(0, 100));
      const hull = Array.from(computeConvexHull(x, y, [...Array(n).keys()]));
      for (let k = 0; k < hull.length; k++) {
        const a = hull[k]!;
        const b = hull[(k + 1) % hull.length]!;
        for (let p = 0; p < n; p++) {
          const cross = (x[b]! - x[a]!) * (y[p]! - y[a]!) - (y[b]! - y[a]!) * (x[p]! - x[a]!);
          expect(cross).toBeGreaterThanOrEqual(-1e-6);
        }
      }
    }
  });
});
