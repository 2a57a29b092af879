import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeMatchReport } from '../../../../shared/domain/design/match-report';

describe('match report', () => {
  it('balance before matching reproduces the DOMAIN.md SMD check, with s* shown', () => {
    // Treated (10, 12, 14), controls (8, 9, 10, 11): pooled SMD 1.4852, treated-SD SMD 1.25.
    const x = [10, 12, 14, 8, 9, 10, 11];
    const treated = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const pooled = unwrap(computeMatchReport({ ids, names: ['x'], columns: [x], treated }, { method: 'mahalanobis', replace: true }));
    expect(pooled.balance!.rows[0]!.before.smd).toBeCloseTo(1.4852, 4);
    expect(pooled.balance!.rows[0]!.sStar).toBeCloseTo(Math.sqrt((4 + 5 / 3) / 2), 12);
    const att = unwrap(computeMatchReport({ ids, names: ['x'], columns: [x], treated }, { method: 'mahalanobis', replace: true, denominator: 'treated' }));
    expect(att.balance!.rows[0]!.before.smd).toBeCloseTo(1.25, 12);
    // With replacement each target takes its nearest: 10 -> f (10), 12 -> g (11), 14 -> g.
    expect(pooled.pairs.map((p) => [p.target, p.comparison])).toEqual([['a', 'f'], ['b', 'g'], ['c', 'g']]);
  });

  it('keeps ineligible units out of pairs, covariance and balance, and explains unmatched targets', () => {
    const x = [5, 50, 4, 6, 49, 7, 3];
    const treated = Uint8Array.from([1, 1, 0, 0, 0, 0, 0]);
    const eligible = Uint8Array.from([0, 0, 1, 1, 0, 1, 1]); // 49 is inside a buffer
    const ids = ['T1', 'T2', 'c1', 'c2', 'c3', 'c4', 'c5'];
    const r = unwrap(computeMatchReport({ ids, names: ['x'], columns: [x], treated, eligible }, { method: 'mahalanobis', caliper: 0.5 }));
    expect(r.pairs.map((p) => p.comparison)).not.toContain('c3');
    expect(r.weights[4]).toBe(0);
    expect(r.balance!.nControl).toBe(4);
    expect(r.unmatched).toEqual([{ target: 'T2', reason: 'none-within-caliper', explanation: expect.stringContaining('no comparison within the caliper') }]);
  });

  it('synthetic weights: per target and pooled fits with unit ids, balance weighted by them', () => {
    const m1 = [10, 2, 4, 6, 12, 8, 3];
    const m2 = [20, 4, 8, 12, 24, 16, 6];
    const m3 = [5, 1, 2, 3, 6, 5, 2];
    const treated = Uint8Array.from([1, 0, 0, 0, 0, 0, 1]);
    const ids = ['T', 'a', 'b', 'c', 'd', 'e', 'U'];
    const r = unwrap(computeMatchReport({ ids, names: ['m1', 'm2', 'm3'], columns: [m1, m2, m3], treated }, { method: 'synthetic' }));
    expect(r.synthetic!.perTarget[0]!.target).toBe('T');
    expect(r.synthetic!.pooled.target).toBe('(mean of targets)');
    const sum = r.synthetic!.perTarget[0]!.weights.reduce((s, w) => s + w.weight, 0);
    expect(sum).toBeCloseTo(1, 10);
    // T = 0.5 c + 0.5 d exactly on m1 and m2; m3 is off by 0.5 -> RMSE sqrt(0.25/3) at most.
    expect(r.synthetic!.perTarget[0]!.rmse).toBeLessThanOrEqual(Math.sqrt(0.25 / 3) + 1e-9);
    // Weighted comparison mean of m1 = mean of the two synthetic series' first month.
    const synth = (r.synthetic!.perTarget[0]!.synthetic[0]! + r.synthetic!.perTarget[1]!.synthetic[0]!) / 2;
    expect(r.balance!.rows[0]!.after!.meanControl).toBeCloseTo(synth, 10);
    const one = unwrap(computeMatchReport({ ids, names: ['m1', 'm2', 'm3'], columns: [m1, m2, m3], treated: Uint8Array.from([1, 0, 0, 0, 0, 0, 0]) }, { method: 'synthetic' }));
    expect(one.balance).toBeNull();
    expect(one.warnings.join(' ')).toContain('at least 2 targets');
  });
});
