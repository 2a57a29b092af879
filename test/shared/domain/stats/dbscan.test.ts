import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeClusterHulls, computeDbscan } from '../../../../shared/domain/stats/dbscan';
import { SKLEARN_DBSCAN } from './fixtures/dbscan-reference';
import { randomPoints } from './fixtures/random-points';

/** A literal transcription of scikit-learn's algorithm: brute-force neighbourhoods, dbscan_inner's stack. */
function bruteDbscan(x: ArrayLike<number>, y: ArrayLike<number>, eps: number, minPoints: number): number[] {
  const n = x.length;
  const hoods = Array.from({ length: n }, (_, i) =>
    [...Array(n).keys()].filter((j) => (x[j]! - x[i]!) ** 2 + (y[j]! - y[i]!) ** 2 <= eps * eps),
  );
  const core = hoods.map((h) => h.length >= minPoints);
  const labels = new Array<number>(n).fill(-1);
  let label = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const stack: number[] = [];
    let p = i;
    for (;;) {
      if (labels[p] === -1) {
        labels[p] = label;
        if (core[p]) for (const v of hoods[p]!) if (labels[v] === -1) stack.push(v);
      }
      if (stack.length === 0) break;
      p = stack.pop()!;
    }
    label++;
  }
  return labels;
}

const decode = (s: string) => Array.from(s, (c) => (c === '.' ? -1 : c.charCodeAt(0) - 65));

describe('DBSCAN', () => {
  it('reproduces scikit-learn 1.2 labels exactly (partition and cluster numbering)', () => {
    const { x, y } = randomPoints(400, 17, { size: 1200, clusters: 6, spread: 30 });
    for (const ref of SKLEARN_DBSCAN) {
      const r = unwrap(computeDbscan(x, y, ref.eps, ref.minPoints));
      expect(Array.from(r.labels)).toEqual(decode(ref.labels));
    }
  });

  it('equals a brute-force transcription of scikit-learn on seeded data with duplicates, for many settings', () => {
    for (const seed of [1, 2, 3]) {
      const { x, y } = randomPoints(500, seed, { size: 1500, spread: 35, originX: 3_000_000, originY: 1_000_000 });
      for (const [eps, minPoints] of [
        [10, 2],
        [20, 4],
        [35, 6],
        [60, 15],
      ] as const) {
        const r = unwrap(computeDbscan(x, y, eps, minPoints));
        const expected = bruteDbscan(x, y, eps, minPoints);
        expect(Array.from(r.labels)).toEqual(expected);
        expect(r.clusterCount).toBe(Math.max(-1, ...expected) + 1);
        expect(r.noiseCount).toBe(expected.filter((l) => l === -1).length);
      }
    }
  });

  it('gives a contested border point to the cluster whose first core point has the lower id', () => {
    // P (id 0) at x = 2 is within eps = 1 of a core of each cluster but has only 3 neighbours.
    const a = [0.1, 0.4, 0.7, 1.0];
    const b = [3.0, 3.3, 3.6, 3.9];
    const bFirst = unwrap(computeDbscan([2, ...b, ...a], new Array(9).fill(0), 1, 4));
    expect(Array.from(bFirst.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(bFirst.core[0]).toBe(0);
    const aFirst = unwrap(computeDbscan([2, ...a, ...b], new Array(9).fill(0), 1, 4));
    expect(Array.from(aFirst.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(aFirst.labels[0]).toBe(aFirst.labels[4]); // joined the cluster of x = 1.0
  });

  it('counts a point itself toward minPoints and eps inclusively (minPoints 1: every point is core)', () => {
    const r = unwrap(computeDbscan([0, 3, 100], [0, 4, 0], 5, 1));
    expect(Array.from(r.labels)).toEqual([0, 0, 1]);
    expect(unwrap(computeDbscan([0, 3], [0, 4], 4.999, 2)).noiseCount).toBe(2);
    const exact = unwrap(computeDbscan([0, 3, 6], [0, 4, 8], 5, 3)); // the middle point has 3 within 5 m
    expect(Array.from(exact.core)).toEqual([0, 1, 0]);
    expect(Array.from(exact.labels)).toEqual([0, 0, 0]);
  });

  it('is invariant to translation and labels noise -1', () => {
    const { x, y } = randomPoints(300, 8, { size: 1000 });
    const a = unwrap(computeDbscan(x, y, 30, 5));
    const b = unwrap(computeDbscan(x.map((v) => v + 5e6), y.map((v) => v - 2e6), 30, 5));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  });

  it('outlines clusters with convex hulls, counts, centres and areas', () => {
    // cluster 0: a 10 m square with an interior point and a point on an edge; cluster 1: a line
    const x = [0, 10, 10, 0, 5, 5, 100, 101, 102];
    const y = [0, 0, 10, 10, 5, 0, 100, 100, 100];
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const h = computeClusterHulls(x, y, labels, 2);
    expect(Array.from(h.counts)).toEqual([6, 3]);
    expect(h.areas[0]).toBe(100);
    expect(h.areas[1]).toBe(0);
    expect(h.centreX[1]).toBe(101);
    const ring0 = Array.from(h.positions.subarray(2 * h.startIndices[0]!, 2 * h.startIndices[1]!));
    expect(ring0).toEqual([0, 0, 10, 0, 10, 10, 0, 10, 0, 0]); // counter-clockwise, closed, corners only
    const ring1 = Array.from(h.positions.subarray(2 * h.startIndices[1]!, 2 * h.startIndices[2]!));
    expect(ring1).toEqual([100, 100, 102, 100, 100, 100]);
  });

  it('rejects eps <= 0, minPoints < 1 and bad coordinates', () => {
    expect(computeDbscan([0], [0], 0, 3)).toMatchObject({ ok: false, error: { name: 'eps' } });
    expect(computeDbscan([0], [0], 1, 0)).toMatchObject({ ok: false, error: { name: 'minPoints' } });
    expect(computeDbscan([0, Number.NaN], [0, 0], 1, 1)).toMatchObject({ ok: false, error: { name: 'x[1]' } });
  });
});
