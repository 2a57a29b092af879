import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeBalance, computeGroupMoments, computeSmd } from '../../../../shared/domain/design/balance';

describe('standardized mean difference and balance table', () => {
  it('reproduces the DOMAIN.md check', () => {
    expect(computeSmd([10, 12, 14], [8, 9, 10, 11], 'pooled')).toBeCloseTo(1.4852, 4);
    expect(computeSmd([10, 12, 14], [8, 9, 10, 11], 'treated')).toBeCloseTo(1.25, 10);
  });

  it('keeps s* from the unmatched sample after matching', () => {
    // units 0-2 treated (10,12,14); controls 8,9,10,11,13; matched controls 11 and 13 (weights 1).
    const x = [10, 12, 14, 8, 9, 10, 11, 13];
    const treated = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0]);
    const weights = [1, 1, 1, 0, 0, 0, 1, 1];
    const t = unwrap(computeBalance({ names: ['pre'], columns: [x], treated, weights }));
    const row = t.rows[0]!;
    const sT = 2;
    const sC = Math.sqrt(3.7); // var of 8,9,10,11,13 = 3.7
    expect(row.sStar).toBeCloseTo(Math.sqrt((sT * sT + sC * sC) / 2), 12);
    expect(row.before.smd).toBeCloseTo((12 - 10.2) / row.sStar!, 12);
    expect(row.after!.meanControl).toBe(12);
    expect(row.after!.smd).toBeCloseTo(0, 12);
    expect(row.after!.varianceRatio).toBeCloseTo(4 / 2, 12);
    expect(row.before.smdFlag).toBe(true);
    expect(row.after!.smdFlag).toBe(false);
    expect(t.nTreatedMatched).toBe(3);
    expect(t.nControlMatched).toBe(2);
  });

  it('flags variance ratios outside 0.5-2', () => {
    const treated = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
    const t = unwrap(computeBalance({ names: ['wide'], columns: [[0, 10, 0, 10, 4, 6, 4, 6]], treated }));
    expect(t.rows[0]!.before.smd).toBeCloseTo(0, 12);
    expect(t.rows[0]!.before.varianceRatio).toBeCloseTo(25, 10);
    expect(t.rows[0]!.before.varianceRatioFlag).toBe(true);
    expect(t.rows[0]!.after).toBeNull();
  });

  it('is invariant to shifting and rescaling a covariate and flips sign with the groups', () => {
    const x = [3, 8, 1, 9, 4, 4, 7, 2, 6];
    const treated = Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 0, 0]);
    const base = unwrap(computeBalance({ names: ['x'], columns: [x], treated })).rows[0]!;
    const moved = unwrap(computeBalance({ names: ['x'], columns: [x.map((v) => 100 + 3 * v)], treated })).rows[0]!;
    expect(moved.before.smd).toBeCloseTo(base.before.smd!, 12);
    expect(moved.before.varianceRatio).toBeCloseTo(base.before.varianceRatio!, 12);
    const flipped = unwrap(computeBalance({ names: ['x'], columns: [x], treated: treated.map((t) => 1 - t) })).rows[0]!;
    expect(flipped.before.smd).toBeCloseTo(-base.before.smd!, 12);
  });

  it('uses the reliability-weight variance, equal to n - 1 with unit weights', () => {
    const x = [1, 2, 3, 4];
    const plain = computeGroupMoments(x, () => true);
    const ones = computeGroupMoments(x, () => true, [1, 1, 1, 1]);
    expect(plain.variance).toBeCloseTo(5 / 3, 12);
    expect(ones.variance).toBeCloseTo(5 / 3, 12);
    // Frequency-like weight 2 on the value 4: mean 14/5 = 2.8.
    const w = computeGroupMoments(x, () => true, [1, 1, 1, 2]);
    expect(w.mean).toBeCloseTo(2.8, 12);
    const ss = (1 - 2.8) ** 2 + (2 - 2.8) ** 2 + (3 - 2.8) ** 2 + 2 * (4 - 2.8) ** 2;
    expect(w.variance).toBeCloseTo((ss * 5) / (25 - 7), 12);
  });

  it('reports a constant covariate as SMD 0 and refuses bad input by name', () => {
    const treated = Uint8Array.from([1, 1, 0, 0]);
    expect(unwrap(computeBalance({ names: ['c'], columns: [[5, 5, 5, 5]], treated })).rows[0]!.before.smd).toBe(0);
    const bad = computeBalance({ names: ['x'], columns: [[1, Number.NaN, 3, 4]], treated });
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.name).toBe('x (unit 2)');
    const few = computeBalance({ names: ['x'], columns: [[1, 2, 3, 4]], treated: Uint8Array.from([1, 0, 0, 0]) });
    expect(!few.ok && few.error.kind === 'invalid-argument' && few.error.name).toBe('treated');
  });
});
