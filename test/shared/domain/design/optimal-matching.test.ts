import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { solveAssignment } from '../../../../shared/domain/design/hungarian';
import { matchUnits } from '../../../../shared/domain/design/matching';

function bruteForce(cost: Float64Array, rows: number, cols: number): number {
  let best = Infinity;
  const used = new Uint8Array(cols);
  const go = (r: number, sum: number) => {
    if (r === rows) {
      best = Math.min(best, sum);
      return;
    }
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = 1;
      go(r + 1, sum + cost[r * cols + j]!);
      used[j] = 0;
    }
  };
  go(0, 0);
  return best;
}

describe('Hungarian assignment', () => {
  it('solves a worked 3 x 3 case', () => {
    // Rows take columns 1, 0, 2: 1 + 2 + 2 = 5 (the greedy row-by-row pick gives 1 + 3 + 3 = 7).
    const cost = Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]);
    expect(Array.from(solveAssignment(cost, 3, 3))).toEqual([1, 0, 2]);
  });

  it('equals brute force on random rectangular matrices (seeded)', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + rng.int(5);
      const cols = rows + rng.int(3);
      const cost = Float64Array.from({ length: rows * cols }, () => Math.round(rng.uniform(0, 20)));
      const a = solveAssignment(cost, rows, cols);
      expect(new Set(a).size).toBe(rows);
      let total = 0;
      a.forEach((j, i) => (total += cost[i * cols + j]!));
      expect(total).toBeCloseTo(bruteForce(cost, rows, cols), 9);
    }
  });

  it('refuses more rows than columns (a caller bug)', () => {
    expect(() => solveAssignment(new Float64Array(6), 3, 2)).toThrow(/rows <= columns/);
  });
});

const X1 = [12, 15, 9, 20, 4, 7, 11, 3, 14, 6, 8, 10];
const X2 = [3, 5, 2, 6, 1, 4, 2, 0, 5, 1, 3, 7];
const T = Uint8Array.from([1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1]);
const input = { names: ['x1', 'x2'], columns: [X1, X2], treated: T };

function randomProblem(seed: number, n: number, nt: number) {
  const rng = createRng(seed);
  const a = Float64Array.from({ length: n }, () => rng.normal(0, 1));
  const b = Float64Array.from({ length: n }, () => rng.normal(0, 1));
  const treated = new Uint8Array(n);
  for (let k = 0; k < nt; k++) {
    treated[k] = 1;
    a[k] = a[k]! + 1; // targets shifted, so they compete for the same comparisons
  }
  return { names: ['a', 'b'], columns: [a, b], treated };
}

describe('optimal pairing', () => {
  it('never costs more in total than greedy, and never reuses a comparison (seeded property)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const p = randomProblem(seed, 60, 12);
      for (const ratio of [1, 2]) {
        const g = unwrap(matchUnits(p, { method: 'mahalanobis', ratio }));
        const o = unwrap(matchUnits(p, { method: 'mahalanobis', ratio, pairing: 'optimal' }));
        expect(o.pairing).toBe('optimal');
        expect(o.globalOptimum).toBe(true);
        expect(o.pairs.treated.length).toBe(g.pairs.treated.length);
        expect(o.totalDistance).toBeLessThanOrEqual(g.totalDistance + 1e-9);
        expect(new Set(o.pairs.control).size).toBe(o.pairs.control.length);
        for (const c of o.pairs.control) expect(p.treated[c]).toBe(0);
      }
    }
  });

  it('finds a strictly better total than greedy where greedy is myopic', () => {
    // Targets at 1.1 and 0, comparisons at 1 and 3 (one covariate, so Mahalanobis is |dx|/sd).
    // Greedy in input order: 1.1 -> 1 (0.1), then 0 -> 3 (3): 3.1 sd units; optimal: 1.1 -> 3
    // (1.9) and 0 -> 1 (1): 2.9.
    const x = [1.1, 0, 1, 3];
    const m = { names: ['x'], columns: [x], treated: Uint8Array.from([1, 1, 0, 0]) };
    const g = unwrap(matchUnits(m, { method: 'mahalanobis' }));
    const o = unwrap(matchUnits(m, { method: 'mahalanobis', pairing: 'optimal' }));
    expect(o.totalDistance).toBeLessThan(g.totalDistance - 1e-9);
    expect(Array.from(o.pairs.control)).toEqual([3, 2]);
    expect(Array.from(g.pairs.control)).toEqual([2, 3]);
  });

  it('respects exact categories, eligibility and the caliper, and explains unmatched targets', () => {
    const exact = Int32Array.from([1, 2, 1, 2, 1, 1, 1, 2, 2, 9, 1, 9]);
    const eligible = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1]);
    const m = unwrap(matchUnits({ ...input, exact, eligible }, { method: 'mahalanobis', pairing: 'optimal' }));
    for (let k = 0; k < m.pairs.treated.length; k++) {
      expect(exact[m.pairs.control[k]!]).toBe(exact[m.pairs.treated[k]!]);
      expect(m.pairs.control[k]).not.toBe(8);
    }
    // Category 2 has targets 1 and 3 but only comparison 7: one of them is left over.
    expect(m.unmatched.reason).toContain('pool-exhausted');
    const cal = unwrap(matchUnits(input, { method: 'mahalanobis', pairing: 'optimal', caliper: 1.45, caliperScale: 'raw' }));
    for (const d of cal.pairs.distance) expect(d).toBeLessThanOrEqual(1.45);
    expect(cal.unmatched.reason).toContain('none-within-caliper');
  });

  it('restricting candidates to K >= targets x ratio per target gives the full optimum', () => {
    const p = randomProblem(99, 400, 10);
    const full = unwrap(matchUnits(p, { method: 'mahalanobis', pairing: 'optimal', candidatesPerTarget: 400 }));
    const k10 = unwrap(matchUnits(p, { method: 'mahalanobis', pairing: 'optimal' }));
    expect(k10.totalDistance).toBeCloseTo(full.totalDistance, 10);
    const k2 = unwrap(matchUnits(p, { method: 'mahalanobis', pairing: 'optimal', candidatesPerTarget: 2 }));
    expect(k2.globalOptimum).toBe(false);
    expect(k2.totalDistance).toBeGreaterThanOrEqual(full.totalDistance - 1e-9);
  });

  it('with replacement falls back to each target taking its nearest', () => {
    const o = unwrap(matchUnits(input, { method: 'mahalanobis', pairing: 'optimal', replace: true }));
    expect(o.pairing).toBe('greedy');
    expect(Array.from(o.pairs.control)).toEqual([2, 8, 8, 2, 5]);
  });

  it('drops a collinear covariate from the distance when asked, naming it', () => {
    const total = X1.map((v, i) => v + X2[i]!);
    const m = unwrap(matchUnits({ names: ['x1', 'x2', 'total'], columns: [X1, X2, total], treated: T }, { method: 'mahalanobis', dropCollinear: true }));
    expect(m.droppedCovariates).toEqual(['total']);
    expect(Array.from(m.pairs.control)).toEqual([2, 8, 10, 9, 5]);
  });
});
