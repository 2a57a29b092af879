import { describe, expect, it } from 'vitest';
import { computePointClusters } from '../../../../shared/domain/explore/point-clusters';
import { latToWorldY, lonToWorldX, worldPixels, worldXToLon, worldYToLat } from '../../../../shared/domain/explore/web-mercator';
import { createRng } from '../../../../shared/base/random';

/** Points at pixel offsets (dx, dy) from a centre at zoom z, in world units. */
function atPixels(z: number, offsets: [number, number][]) {
  const cx = lonToWorldX(-90);
  const cy = latToWorldY(35);
  const s = worldPixels(z);
  return { x: Float64Array.from(offsets, ([dx]) => cx + dx / s), y: Float64Array.from(offsets, ([, dy]) => cy + dy / s) };
}

describe('web mercator', () => {
  it('round-trips lon/lat and puts the equator and meridian at the world centre', () => {
    expect(lonToWorldX(0)).toBe(0.5);
    expect(latToWorldY(0)).toBeCloseTo(0.5, 12);
    expect(worldXToLon(lonToWorldX(-97.3))).toBeCloseTo(-97.3, 10);
    expect(worldYToLat(latToWorldY(32.75))).toBeCloseTo(32.75, 10);
    expect(worldPixels(2)).toBe(2048);
  });
});

describe('computePointClusters', () => {
  it('groups points within the pixel radius of a seed and keeps far ones apart', () => {
    // two groups 200 px apart at zoom 12: three points within 10 px, two within 5 px, one alone
    const { x, y } = atPixels(12, [[0, 0], [5, 5], [-8, 3], [200, 0], [203, 4], [0, 400]]);
    const c = computePointClusters(x, y, 12, 60);
    expect(c.length).toBe(3);
    expect(Array.from(c.counts)).toEqual([3, 2, 1]);
    expect(Array.from(c.seeds)).toEqual([0, 3, 5]);
    expect(Array.from(c.membership)).toEqual([0, 0, 0, 1, 1, 2]);
    // the centre is the members' mean position; the box holds every member
    expect(c.positions[0]).toBeCloseTo(worldXToLon((x[0]! + x[1]! + x[2]!) / 3), 10);
    expect(c.bounds[0]).toBeCloseTo(worldXToLon(x[2]!), 10);
    expect(c.bounds[2]).toBeCloseTo(worldXToLon(x[1]!), 10);
  });

  it('splits clusters as the zoom grows: the same points become singles at a high zoom', () => {
    const { x, y } = atPixels(10, [[0, 0], [10, 0], [20, 0], [30, 0]]);
    expect(computePointClusters(x, y, 10, 60).length).toBe(1);
    expect(computePointClusters(x, y, 12, 60).length).toBe(2); // 40 px apart at zoom 12: pairs
    expect(computePointClusters(x, y, 13, 60).length).toBe(4); // 80 px apart
  });

  it('conserves points, keeps every member within the radius of its seed, and ignores non-finite points', () => {
    const rng = createRng(11);
    const rand = () => rng.next();
    const n = 5000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = lonToWorldX(-90 + rand() * 0.2);
      y[i] = latToWorldY(35 + rand() * 0.2);
    }
    x[17] = Number.NaN;
    for (const z of [9, 11, 13, 15]) {
      const c = computePointClusters(x, y, z, 40);
      expect(c.counts.reduce((a, b) => a + b, 0)).toBe(n - 1);
      expect(c.membership[17]).toBe(0xffffffff);
      const s = worldPixels(z);
      for (let i = 0; i < n; i += 7) {
        const m = c.membership[i]!;
        if (m === 0xffffffff) continue;
        const seed = c.seeds[m]!;
        expect(Math.hypot((x[i]! - x[seed]!) * s, (y[i]! - y[seed]!) * s)).toBeLessThanOrEqual(40 + 1e-9);
      }
    }
    // deeper zoom, more clusters
    expect(computePointClusters(x, y, 15, 40).length).toBeGreaterThan(computePointClusters(x, y, 11, 40).length);
  });
});
