import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { polygonArea, squareRings } from '../../../../shared/domain/design/areas';
import { clusterTargets, dropCollinear, edgeMidpoints, insertVertex, isSimpleRing, mergeTargetRings, moveVertex, nearestVertex, splitRingsByLine } from '../../../../renderer/features/design/target-edit';
import type { RingList } from '../../../../renderer/features/design/geometry';

const sq = (cx: number, cy: number, s: number) => squareRings(cx, cy, s) as RingList;

describe('merging targets', () => {
  it('merges two overlapping squares into one polygon with the union area', () => {
    const m = mergeTargetRings(sq(0, 0, 100), sq(50, 0, 100));
    if (!m.ok) throw new Error(m.error);
    expect(polygonArea(m.rings)).toBeCloseTo(150 * 100, 6);
  });
  it('merges squares that share an edge, and refuses separate ones in words', () => {
    const m = mergeTargetRings(sq(0, 0, 100), sq(100, 0, 100));
    expect(m.ok && polygonArea(m.rings)).toBeCloseTo(200 * 100, 6);
    // The corners where the squares met lie on the outline: dropped, leaving the 4 real corners.
    expect(m.ok && m.rings[0]).toHaveLength(5);
    const apart = mergeTargetRings(sq(0, 0, 100), sq(500, 0, 100));
    expect(apart.ok).toBe(false);
    if (!apart.ok) expect(apart.error).toMatch(/neither touch nor overlap/);
  });
});

describe('collinear vertices', () => {
  it('drops vertices on the line through their neighbours, keeping the ring closed', () => {
    expect(dropCollinear([[0, 0], [50, 0], [100, 0], [100, 100], [0, 100], [0, 50], [0, 0]])).toEqual([[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]);
    expect(dropCollinear([[0, 0], [10, 0], [0, 10], [0, 0]])).toHaveLength(4);
  });
});

describe('splitting a target by a line', () => {
  it('splits a square in two halves whose areas sum to the whole (area is conserved for any cut)', () => {
    const parts = splitRingsByLine(sq(1000, 2000, 200), [1000, 1500], [1000, 2500])!;
    expect(parts).toHaveLength(2);
    expect(polygonArea(parts[0]!)).toBeCloseTo(100 * 200, 6);
    expect(polygonArea(parts[1]!)).toBeCloseTo(100 * 200, 6);
    const rng = createRng(5);
    for (let k = 0; k < 20; k++) {
      const p: [number, number] = [rng.uniform(900, 1100), rng.uniform(1900, 2100)];
      const t = rng.uniform(0, Math.PI);
      const cut = splitRingsByLine(sq(1000, 2000, 200), p, [p[0] + Math.cos(t), p[1] + Math.sin(t)]);
      if (!cut) continue;
      expect(cut.reduce((s, r) => s + polygonArea(r), 0)).toBeCloseTo(200 * 200, 4);
    }
  });
  it('a line that misses the polygon, or two equal points, splits nothing', () => {
    expect(splitRingsByLine(sq(0, 0, 100), [500, -100], [500, 100])).toBeNull();
    expect(splitRingsByLine(sq(0, 0, 100), [0, 0], [0, 0])).toBeNull();
  });
  it('cuts a U shape across both arms into three parts', () => {
    const u: RingList = [[[0, 0], [300, 0], [300, 300], [200, 300], [200, 100], [100, 100], [100, 300], [0, 300], [0, 0]]];
    const parts = splitRingsByLine(u, [-10, 200], [310, 200])!;
    expect(parts).toHaveLength(3);
    expect(parts.reduce((s, r) => s + polygonArea(r), 0)).toBeCloseTo(polygonArea(u), 6);
  });
});

describe('vertex editing', () => {
  it('finds the nearest vertex within a tolerance and moves it (vertex 0 moves the closing copy too)', () => {
    const r = sq(0, 0, 100);
    expect(nearestVertex(r, [-48, -47], 5)).toBe(0);
    expect(nearestVertex(r, [0, 0], 5)).toBe(-1);
    const moved = moveVertex(r, 0, [-80, -80])!;
    expect(moved[0]![0]).toEqual([-80, -80]);
    expect(moved[0]!.at(-1)).toEqual([-80, -80]);
    expect(polygonArea(moved)).toBeGreaterThan(polygonArea(r));
  });
  it('refuses a move that makes the ring cross itself', () => {
    const r = sq(0, 0, 100);
    expect(moveVertex(r, 0, [100, 0])).toBeNull();
    expect(isSimpleRing(r[0]!)).toBe(true);
  });
  it('inserts a vertex at an edge midpoint without changing the area', () => {
    const r = sq(0, 0, 100);
    const mids = edgeMidpoints(r);
    expect(mids).toHaveLength(4);
    const ins = insertVertex(r, 1, mids[1]!);
    expect(ins[0]).toHaveLength(6);
    expect(polygonArea(ins)).toBeCloseTo(polygonArea(r), 9);
    expect(polygonArea(moveVertex(ins, 2, [80, 0])!)).toBeGreaterThan(polygonArea(r));
  });
});

describe('targets from DBSCAN clusters', () => {
  const rng = createRng(9);
  const n = 3000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const days = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    if (c === 0) [x[i], y[i]] = [rng.normal(1000, 30), rng.normal(1000, 30)];
    else if (c === 1 && i % 2 === 0) [x[i], y[i]] = [rng.normal(3000, 30), rng.normal(1000, 30)];
    else [x[i], y[i]] = [rng.uniform(0, 5000), rng.uniform(0, 5000)];
    days[i] = i % 2 === 0 ? 100 : 500;
  }
  const points = { x, y, days, group: null, groupNames: [] };

  it('finds the two dense clusters of the pre period, largest first, each hull holding its points', () => {
    const r = clusterTargets(points, { startDay: 0, endDay: 200 }, 40, 20, 10);
    if (!r.ok) throw new Error(r.error);
    expect(r.targets.length).toBe(2);
    expect(r.targets[0]!.count).toBeGreaterThanOrEqual(r.targets[1]!.count);
    for (const t of r.targets) expect(polygonArea(t.rings)).toBeGreaterThan(1000);
    expect(r.targets.map((t) => Math.round(t.rings[0]![0]![0] / 1000))).toEqual(expect.arrayContaining([1, 3]));
  });
  it('widens hulls by the padding and caps the number of targets', () => {
    const plain = clusterTargets(points, { startDay: 0, endDay: 200 }, 40, 20, 1);
    const padded = clusterTargets(points, { startDay: 0, endDay: 200 }, 40, 20, 1, 25);
    if (!plain.ok || !padded.ok) throw new Error('dbscan');
    expect(plain.targets).toHaveLength(1);
    expect(polygonArea(padded.targets[0]!.rings)).toBeGreaterThan(polygonArea(plain.targets[0]!.rings));
  });
  it('names a bad eps', () => {
    const r = clusterTargets(points, { startDay: 0, endDay: 200 }, 0, 20, 10);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/eps/);
  });
});
