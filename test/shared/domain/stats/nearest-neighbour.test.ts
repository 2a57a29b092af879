import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeNearestNeighbourIndex } from '../../../../shared/domain/stats/nearest-neighbour';
import { randomPoints } from './fixtures/random-points';

const lattice = () => {
  const x: number[] = [];
  const y: number[] = [];
  for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) {
    x.push(c * 100 + 50);
    y.push(r * 100 + 50);
  }
  return { x, y };
};

describe('Clark-Evans nearest neighbour index', () => {
  it('a 10x10 lattice of 100 m in its 1 km^2 square: observed 100, expected 50, R = 2, z = 50 / 2.6136', () => {
    const { x, y } = lattice();
    const r = unwrap(computeNearestNeighbourIndex(x, y, { area: 1e6 }));
    expect(r.observedMean).toBeCloseTo(100, 12);
    expect(r.expectedMean).toBeCloseTo(50, 12); // 0.5 / sqrt(100 / 1e6)
    expect(r.ratio).toBeCloseTo(2, 12);
    expect(r.z).toBeCloseTo(50 / 2.6136, 10); // SE = 0.26136 / sqrt(100^2 / 1e6)
    expect(r.areaSource).toBe('given');
    expect(r.p).toBeLessThan(1e-50);
  });

  it('without an area uses the bounding rectangle (900 m x 900 m here) and says so', () => {
    const { x, y } = lattice();
    const r = unwrap(computeNearestNeighbourIndex(x, y));
    expect(r.area).toBe(810_000);
    expect(r.areaSource).toBe('bounding-rectangle');
    expect(r.expectedMean).toBeCloseTo(45, 10);
  });

  it('matches a brute-force mean nearest-neighbour distance, and clustered data give R < 1', () => {
    const { x, y } = randomPoints(500, 12, { size: 2000, clusters: 4, spread: 30 });
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      let best = Infinity;
      for (let j = 0; j < x.length; j++) if (j !== i) best = Math.min(best, Math.hypot(x[j]! - x[i]!, y[j]! - y[i]!));
      sum += best;
    }
    const r = unwrap(computeNearestNeighbourIndex(x, y, { area: 4e6 }));
    expect(r.observedMean).toBeCloseTo(sum / x.length, 9);
    expect(r.ratio).toBeLessThan(1);
    expect(r.z).toBeLessThan(-1.96);
  });

  it('refuses fewer than 2 points and a zero area', () => {
    expect(computeNearestNeighbourIndex([1], [1])).toMatchObject({ ok: false, error: { name: 'points' } });
    expect(computeNearestNeighbourIndex([1, 2, 3], [5, 5, 5])).toMatchObject({ ok: false, error: { name: 'points' } });
    expect(computeNearestNeighbourIndex([1, 2], [1, 2], { area: 0 })).toMatchObject({ ok: false, error: { name: 'area' } });
  });
});
