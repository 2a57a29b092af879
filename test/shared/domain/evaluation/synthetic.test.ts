import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { computePlaceboTest, computeSyntheticControl } from '../../../../shared/domain/evaluation/synthetic';

function donorsFrom(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

describe('synthetic control weights', () => {
  it('matches the reference solution (SciPy SLSQP active set, refined by its KKT system in NumPy)', () => {
    const rows = Array.from({ length: 6 }, (_, j) => Array.from({ length: 10 }, (_, m) => 5 + ((j * 7 + m * 3) % 11) + j * 0.5));
    const treated = [9, 7.5, 11, 8, 10.5, 9, 12, 8.5, 6, 5];
    const fit = unwrap(computeSyntheticControl({ treated, donors: donorsFrom(rows), nDonors: 6, preMonths: 8 }));
    const want = [0.2628084973445794, 0.24242424242424254, 0.494767260231178, 0, 0, 0];
    want.forEach((w, j) => expect(fit.weights[j]).toBeCloseTo(w, 10));
    expect(fit.preRmspe).toBeCloseTo(1.9517235091983156, 10);
    expect(fit.converged).toBe(true);
    expect(fit.nonZeroWeights).toBe(3);
    expect(fit.gap[9]).toBeCloseTo(treated[9]! - want.reduce((s, w, j) => s + w * rows[j]![9]!, 0), 8);
  });

  it('recovers exact weights when the target is a convex combination of donors', () => {
    const rng = createRng(3);
    const nDonors = 8;
    const months = 16;
    const d = new Float64Array(nDonors * months).map(() => rng.uniform(2, 20));
    const treated = Array.from({ length: months }, (_, m) => 0.3 * d[1 * months + m]! + 0.7 * d[5 * months + m]!);
    const fit = unwrap(computeSyntheticControl({ treated, donors: d, nDonors, preMonths: 12 }));
    expect(fit.weights[1]).toBeCloseTo(0.3, 9);
    expect(fit.weights[5]).toBeCloseTo(0.7, 9);
    expect(fit.preRmspe).toBeLessThan(1e-8);
    for (const g of fit.gap) expect(Math.abs(g)).toBeLessThan(1e-8);
  });

  it('keeps weights non-negative and summing to 1, and warns when the target is outside the donors', () => {
    const rng = createRng(8);
    const nDonors = 300;
    const months = 24;
    const d = new Float64Array(nDonors * months).map(() => rng.poisson(6));
    const treated = Array.from({ length: months }, () => rng.poisson(6));
    const fit = unwrap(computeSyntheticControl({ treated, donors: d, nDonors, preMonths: 18 }));
    let sum = 0;
    for (const w of fit.weights) {
      expect(w).toBeGreaterThanOrEqual(0);
      sum += w;
    }
    expect(sum).toBeCloseTo(1, 10);
    expect(fit.nonZeroWeights).toBeLessThanOrEqual(19);
    expect(fit.warnings).toEqual([]);
    const hot = unwrap(computeSyntheticControl({ treated: treated.map((y) => y + 100), donors: d, nDonors, preMonths: 18 }));
    expect(hot.warnings.join(' ')).toMatch(/outside every donor/);
  });

  it('the placebo test finds a planted drop and not a null one', () => {
    const rng = createRng(21);
    const nDonors = 39;
    const months = 30;
    const pre = 20;
    const factor = Array.from({ length: months }, (_, m) => 10 + 3 * Math.sin(m / 2));
    const d = new Float64Array(nDonors * months);
    for (let j = 0; j < nDonors; j++) for (let m = 0; m < months; m++) d[j * months + m] = factor[m]! * (0.5 + (j % 10) / 10) + rng.normal(0, 0.3);
    const base = Array.from({ length: months }, (_, m) => factor[m]! * 0.95 + rng.normal(0, 0.3));
    const dropped = base.map((y, m) => (m >= pre ? 0.5 * y : y));
    const effect = unwrap(computePlaceboTest({ treated: dropped, donors: d, nDonors, preMonths: pre }));
    expect(effect.p).toBeCloseTo(1 / 40, 12);
    expect(effect.placeboRatios.length).toBe(39);
    const none = unwrap(computePlaceboTest({ treated: base, donors: d, nDonors, preMonths: pre }));
    expect(none.p).toBeGreaterThan(0.1);
    const sub = unwrap(computePlaceboTest({ treated: dropped, donors: d, nDonors, preMonths: pre }, 10, 4));
    expect(sub.placeboUnits.length).toBe(10);
    expect(Array.from(sub.placeboUnits)).toEqual(Array.from(unwrap(computePlaceboTest({ treated: dropped, donors: d, nDonors, preMonths: pre }, 10, 4)).placeboUnits));
  });

  it('refuses bad shapes by name', () => {
    const r = computeSyntheticControl({ treated: [1, 2, 3], donors: new Float64Array(5), nDonors: 2, preMonths: 2 });
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('donors');
    const p = computePlaceboTest({ treated: [1, 2], donors: new Float64Array(4), nDonors: 2, preMonths: 2 });
    expect(!p.ok && p.error.kind === 'invalid-argument' && p.error.name).toBe('preMonths');
  });
});
