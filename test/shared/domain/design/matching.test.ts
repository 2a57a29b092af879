import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { computeBalance } from '../../../../shared/domain/design/balance';
import { computeTrendSlopes, historyToColumns } from '../../../../shared/domain/design/covariates';
import { fitLogistic } from '../../../../shared/domain/design/logistic';
import { matchUnits } from '../../../../shared/domain/design/matching';

// Reference figures from SciPy (BFGS on the logistic likelihood; numpy Mahalanobis distances).
const X1 = [12, 15, 9, 20, 4, 7, 11, 3, 14, 6, 8, 10];
const X2 = [3, 5, 2, 6, 1, 4, 2, 0, 5, 1, 3, 7];
const T = Uint8Array.from([1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1]);
const input = { names: ['x1', 'x2'], columns: [X1, X2], treated: T };

describe('propensity score (logistic regression)', () => {
  it('matches the reference maximum-likelihood fit', () => {
    const fit = unwrap(fitLogistic(['x1', 'x2'], [X1, X2], T));
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(-5.8575410652521995, 6);
    expect(fit.coefficients[1]).toBeCloseTo(0.4751630457783879, 7);
    expect(fit.coefficients[2]).toBeCloseTo(0.19137235727463936, 7);
    expect(fit.se[0]).toBeCloseTo(3.3828852870458643, 5);
    expect(fit.se[1]).toBeCloseTo(0.3302179587152141, 6);
    expect(fit.se[2]).toBeCloseTo(0.4616665684184497, 6);
    expect(fit.logLik).toBeCloseTo(-4.654960880470044, 8);
    expect(fit.probability[3]).toBeCloseTo(0.991788, 5);
  });

  it('warns about separation instead of returning NaN', () => {
    const fit = unwrap(fitLogistic(['x'], [[1, 2, 3, 4, 5, 6]], Uint8Array.from([0, 0, 0, 1, 1, 1])));
    expect(fit.warnings.join(' ')).toMatch(/separate/);
    for (const p of fit.probability) expect(Number.isFinite(p)).toBe(true);
  });

  it('names a constant covariate', () => {
    const r = fitLogistic(['x', 'k'], [X1, X1.map(() => 2)], T);
    expect(!r.ok && r.error.kind === 'collinear' && r.error.term).toBe('k');
  });
});

describe('nearest-neighbour matching', () => {
  it('Mahalanobis 1:1 without replacement, targets in input order, matches the reference', () => {
    const m = unwrap(matchUnits(input, { method: 'mahalanobis' }));
    expect(Array.from(m.pairs.treated)).toEqual([0, 1, 3, 6, 11]);
    expect(Array.from(m.pairs.control)).toEqual([2, 8, 10, 9, 5]);
    expect(m.pairs.distance[0]).toBeCloseTo(0.616, 3);
    expect(m.pairs.distance[2]).toBeCloseTo(2.5503, 4);
    expect(Array.from(m.weights)).toEqual([1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1]);
  });

  it('with replacement reuses the nearest comparison and weights it by its targets', () => {
    const m = unwrap(matchUnits(input, { method: 'mahalanobis', replace: true }));
    expect(Array.from(m.pairs.control)).toEqual([2, 8, 8, 2, 5]);
    // comparisons 2 and 8 serve two targets each, 5 one: raw 2,2,1 rescaled to sum to 3 distinct.
    expect(m.weights[2]).toBeCloseTo(6 / 5, 12);
    expect(m.weights[5]).toBeCloseTo(3 / 5, 12);
    expect(m.weights[10]).toBe(0);
  });

  it('a caliper leaves far targets unmatched, with the reason', () => {
    const m = unwrap(matchUnits(input, { method: 'mahalanobis', caliper: 1.45, caliperScale: 'raw' }));
    expect(Array.from(m.pairs.treated)).toEqual([0, 1, 6]);
    expect(Array.from(m.pairs.control)).toEqual([2, 8, 9]);
    // 3's only comparison within the caliper (8) is taken; 11's nearest (5) is 1.4995 away.
    expect(Array.from(m.unmatched.unit)).toEqual([3, 11]);
    expect(m.unmatched.reason).toEqual(['pool-exhausted', 'none-within-caliper']);
    expect(m.weights[3]).toBe(0);
    for (const d of m.pairs.distance) expect(d).toBeLessThanOrEqual(1.45);
  });

  it('propensity matching goes largest score first and uses the logit caliper in SDs', () => {
    const m = unwrap(matchUnits(input, { method: 'propensity' }));
    expect(m.order).toBe('largest');
    // Scores: 3 (.992) > 1 (.903) > 0 (.603) > 11 (.558) > 6 (.438): the order pairs are made in.
    expect(Array.from(m.pairs.treated)).toEqual([3, 1, 0, 11, 6]);
    expect(m.pairs.control[0]).toBe(8); // the highest comparison score (.852)
    const withCaliper = unwrap(matchUnits(input, { method: 'propensity', caliper: 0.2 }));
    expect(withCaliper.caliperDistance).toBeGreaterThan(0);
    for (const d of withCaliper.pairs.distance) expect(d).toBeLessThanOrEqual(withCaliper.caliperDistance!);
  });

  it('respects exact categories and eligibility', () => {
    const exact = Int32Array.from([1, 2, 1, 2, 1, 1, 1, 2, 2, 9, 1, 9]);
    const eligible = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1]); // unit 8 inside a buffer
    const m = unwrap(matchUnits({ ...input, exact, eligible }, { method: 'mahalanobis', replace: true }));
    for (let k = 0; k < m.pairs.treated.length; k++) {
      expect(exact[m.pairs.control[k]!]).toBe(exact[m.pairs.treated[k]!]);
      expect(m.pairs.control[k]).not.toBe(8);
    }
    // Target 1 and 3 (category 2): only comparison 7 is left there.
    expect(m.pairs.control[Array.from(m.pairs.treated).indexOf(1)]).toBe(7);
  });

  it('1:k runs in rounds and reports targets that ran short', () => {
    const m = unwrap(matchUnits(input, { method: 'mahalanobis', ratio: 2 }));
    expect(Array.from(m.pairs.round)).toEqual([1, 1, 1, 1, 1, 2, 2]);
    // The pool has 7 comparisons for 5 targets x 2: two targets get a second one.
    expect(m.warnings.join(' ')).toMatch(/fewer than 2 comparisons/);
  });

  it('never uses a comparison twice without replacement, and balances a skewed pool (seeded)', () => {
    const rng = createRng(11);
    const n = 2000;
    const months = 12;
    const history = new Float64Array(n * months);
    const treated = new Uint8Array(n);
    const rate = new Float64Array(n);
    for (let u = 0; u < n; u++) rate[u] = Math.exp(rng.normal(0.5, 0.8));
    // Targets: 20 of the 200 hottest units.
    const hottest = Array.from({ length: n }, (_, i) => i).sort((a, b) => rate[b]! - rate[a]!);
    for (let k = 0; k < 200; k += 10) treated[hottest[k]!] = 1;
    for (let u = 0; u < n; u++) for (let m = 0; m < months; m++) history[u * months + m] = rng.poisson(rate[u]!);
    const pre = new Float64Array(n);
    for (let u = 0; u < n; u++) for (let m = 0; m < months; m++) pre[u] = pre[u]! + history[u * months + m]!;
    const slope = computeTrendSlopes(history, n, months);
    const columns = [pre, slope];
    const names = ['pre-period count', 'trend'];
    const m = unwrap(matchUnits({ names, columns, treated }, { method: 'mahalanobis' }));
    expect(new Set(m.pairs.control).size).toBe(m.pairs.control.length);
    const bal = unwrap(computeBalance({ names, columns, treated, weights: m.weights }));
    expect(Math.abs(bal.rows[0]!.before.smd!)).toBeGreaterThan(1);
    expect(Math.abs(bal.rows[0]!.after!.smd!)).toBeLessThan(0.1);
    // Trajectory matching on the history: with 12 noisy monthly columns Mahalanobis spends its
    // distance on month-to-month noise and balances the total less well; half-year sums balance it.
    const traj = unwrap(matchUnits({ names: Array.from({ length: months }, (_, i) => `month ${i + 1}`), columns: historyToColumns(history, n, months), treated }, { method: 'mahalanobis' }));
    expect(traj.matchedTreated).toBe(20);
    const trajBal = unwrap(computeBalance({ names: ['pre'], columns: [pre], treated, weights: traj.weights }));
    expect(Math.abs(trajBal.rows[0]!.after!.smd!)).toBeLessThan(Math.abs(trajBal.rows[0]!.before.smd!));
    const halves = new Float64Array(n * 2);
    for (let u = 0; u < n; u++) for (let m = 0; m < months; m++) halves[u * 2 + (m < 6 ? 0 : 1)]! += history[u * months + m]!;
    const byHalf = unwrap(matchUnits({ names: ['first half', 'second half'], columns: historyToColumns(halves, n, 2), treated }, { method: 'mahalanobis' }));
    const halfBal = unwrap(computeBalance({ names: ['pre'], columns: [pre], treated, weights: byHalf.weights }));
    expect(Math.abs(halfBal.rows[0]!.after!.smd!)).toBeLessThan(0.1);
  });

  it('names a covariate that makes the covariance singular', () => {
    const total = X1.map((v, i) => v + X2[i]!);
    const r = matchUnits({ names: ['x1', 'x2', 'total'], columns: [X1, X2, total], treated: T }, { method: 'mahalanobis' });
    expect(!r.ok && r.error.kind === 'collinear' && r.error.term).toBe('total');
  });
});

describe('trajectory covariates', () => {
  it('splits a history into month columns and fits the OLS slope', () => {
    const h = Float64Array.from([1, 2, 3, 4, 5, 5, 5, 5]); // 2 units x 4 months
    expect(historyToColumns(h, 2, 4).map((c) => Array.from(c))).toEqual([[1, 5], [2, 5], [3, 5], [4, 5]]);
    expect(Array.from(computeTrendSlopes(h, 2, 4))).toEqual([1, 0]);
  });
});
