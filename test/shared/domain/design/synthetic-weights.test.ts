import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { computeSyntheticWeights } from '../../../../shared/domain/design/synthetic-weights';

function fixture(seed: number, nUnits: number, months: number) {
  const rng = createRng(seed);
  const columns = Array.from({ length: months }, () => new Float64Array(nUnits));
  for (let u = 0; u < nUnits; u++) {
    const rate = rng.uniform(1, 10);
    for (let m = 0; m < months; m++) columns[m]![u] = rng.poisson(rate);
  }
  return columns;
}

describe('synthetic-control weights over a pool', () => {
  it('recovers a target that is an exact convex combination of the pool (RMSE 0)', () => {
    const columns = fixture(3, 40, 12);
    const treated = new Uint8Array(40);
    treated[0] = 1;
    // Target = 0.5 unit 5 + 0.3 unit 9 + 0.2 unit 17.
    for (const col of columns) col[0] = 0.5 * col[5]! + 0.3 * col[9]! + 0.2 * col[17]!;
    const w = unwrap(computeSyntheticWeights({ columns, treated }));
    const fit = w.perTarget[0]!;
    expect(fit.rmse).toBeLessThan(1e-6);
    const byUnit = new Map(Array.from(fit.units, (u, q) => [u, fit.weights[q]!]));
    expect(byUnit.get(5)).toBeCloseTo(0.5, 5);
    expect(byUnit.get(9)).toBeCloseTo(0.3, 5);
    expect(byUnit.get(17)).toBeCloseTo(0.2, 5);
  });

  it('weights are non-negative, sum to 1, skip ineligible units, and the unit weights sum to the targets', () => {
    const columns = fixture(8, 200, 12);
    const treated = new Uint8Array(200);
    treated[0] = 1;
    treated[1] = 1;
    treated[2] = 1;
    const eligible = new Uint8Array(200).fill(1);
    for (let u = 3; u < 50; u++) eligible[u] = 0;
    const w = unwrap(computeSyntheticWeights({ columns, treated, eligible }));
    expect(w.donors).toBe(150);
    for (const f of [...w.perTarget, w.pooled]) {
      let s = 0;
      for (const x of f.weights) {
        expect(x).toBeGreaterThan(0);
        s += x;
      }
      expect(s).toBeCloseTo(1, 10);
      for (const u of f.units) expect(u).toBeGreaterThanOrEqual(50);
      // RMSE is the root mean squared gap over the predictors.
      let ss = 0;
      for (let m = 0; m < 12; m++) ss += (f.series[m]! - f.synthetic[m]!) ** 2;
      expect(f.rmse).toBeCloseTo(Math.sqrt(ss / 12), 10);
    }
    let total = 0;
    for (let u = 3; u < 200; u++) total += w.unitWeights[u]!;
    expect(total).toBeCloseTo(3, 10);
    expect(w.pooled.target).toBe(-1);
  });

  it('names bad input', () => {
    const r = computeSyntheticWeights({ columns: [[1, 2, Number.NaN]], treated: Uint8Array.from([1, 0, 0]) }, ['month 1']);
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('month 1 (unit 3)');
    const few = computeSyntheticWeights({ columns: [[1, 2]], treated: Uint8Array.from([1, 0]) });
    expect(few.ok).toBe(false);
  });
});
