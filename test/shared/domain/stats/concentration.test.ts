import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import {
  computeConcentration,
  computeConcentrationTable,
  computeLorenzCurve,
  computePai,
  computePaiForSelection,
  placesForCrimeShare,
} from '../../../../shared/domain/stats/concentration';
import { createRng } from '../../../../shared/base/random';

describe('crime concentration', () => {
  it('worked example: counts (0, 0, 1, 3): G = 10/16, P(50%) = 25%, half the units have crime', () => {
    const s = unwrap(computeConcentration([0, 3, 0, 1]));
    expect(s.gini).toBeCloseTo(0.625, 15); // ascending 0,0,1,3: (6-5)*1 + (8-5)*3 = 10, / (4*4)
    expect(s.generalizedGini).toBeCloseTo(0.625, 15); // N = C: no correction
    expect(s.shareWithCrime).toBe(0.5);
    expect(s.crimesPerUnit).toBe(1);
    expect(Array.from(s.rank)).toEqual([1, 3, 0, 2]);
    expect(unwrap(placesForCrimeShare(s, 0.5))).toBe(25); // the top unit holds 3/4
    expect(unwrap(placesForCrimeShare(s, 0.75))).toBe(25);
    expect(unwrap(placesForCrimeShare(s, 0.76))).toBe(50);
    expect(unwrap(placesForCrimeShare(s, 1))).toBe(50); // zeros are never needed
  });

  it('generalized Gini (Bernasco & Steenbeek 2017): 2 crimes spread over 2 of 10 units is 0, not 0.8', () => {
    const s = unwrap(computeConcentration([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(s.gini).toBeCloseTo(0.8, 15);
    expect(s.generalizedGini).toBeCloseTo(0, 15);
    const all = unwrap(computeConcentration([2, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(all.gini).toBeCloseTo(0.9, 15);
    expect(all.generalizedGini).toBeCloseTo(5 * (0.9 - 1) + 1, 15);
  });

  it('counts every unit: adding zero-crime units raises P-hat concentration and Gini', () => {
    const few = unwrap(computeConcentration([5, 3, 2]));
    const many = unwrap(computeConcentration([5, 3, 2, 0, 0, 0, 0]));
    expect(many.gini).toBeGreaterThan(few.gini);
    expect(unwrap(placesForCrimeShare(many, 0.5))).toBeLessThan(unwrap(placesForCrimeShare(few, 0.5)));
  });

  it('builds the P%/M% table; 50% of 10 crimes is reached at exactly 5 crimes', () => {
    const s = unwrap(computeConcentration([5, 2, 2, 1, 0, 0, 0, 0, 0, 0]));
    const rows = unwrap(computeConcentrationTable(s, [0.5, 0.7, 0.9, 1]));
    expect(rows).toEqual([
      { crimeShare: 0.5, units: 1, placeSharePercent: 10 },
      { crimeShare: 0.7, units: 2, placeSharePercent: 20 },
      { crimeShare: 0.9, units: 3, placeSharePercent: 30 },
      { crimeShare: 1, units: 4, placeSharePercent: 40 },
    ]);
    expect(placesForCrimeShare(s, 0)).toMatchObject({ ok: false, error: { name: 'crime share' } });
  });

  it('Lorenz curve runs (0,0) to (1,1) and G = 1 - 2 * trapezoid area, on random counts', () => {
    const rng = createRng(9);
    for (let rep = 0; rep < 20; rep++) {
      const counts = Array.from({ length: 1 + rng.int(60) }, () => (rng.chance(0.6) ? 0 : rng.poisson(3)));
      counts[0] = (counts[0] ?? 0) + 1;
      const s = unwrap(computeConcentration(counts));
      const { unitShare, crimeShare } = computeLorenzCurve(s);
      expect(unitShare[0]).toBe(0);
      expect(crimeShare[0]).toBe(0);
      expect(crimeShare[crimeShare.length - 1]).toBe(1);
      let area = 0;
      for (let k = 1; k < unitShare.length; k++) {
        area += ((unitShare[k]! - unitShare[k - 1]!) * (crimeShare[k]! + crimeShare[k - 1]!)) / 2;
        expect(crimeShare[k]!).toBeGreaterThanOrEqual(crimeShare[k - 1]! - 1e-12);
      }
      expect(s.gini).toBeCloseTo(1 - 2 * area, 12);
      // order of units does not matter
      const shuffled = rng.shuffle([...counts]);
      expect(unwrap(computeConcentration(shuffled)).gini).toBeCloseTo(s.gini, 14);
    }
  });

  it('refuses a zero total, negative counts and no units with a clear error (never NaN)', () => {
    expect(computeConcentration([0, 0, 0])).toMatchObject({ ok: false, error: { name: 'counts', value: 'total 0' } });
    expect(computeConcentration([])).toMatchObject({ ok: false, error: { name: 'counts' } });
    expect(computeConcentration([1, -2])).toMatchObject({ ok: false, error: { name: 'counts[1]', value: '-2' } });
    expect(computeConcentration([1, Number.NaN])).toMatchObject({ ok: false, error: { name: 'counts[1]' } });
  });

  it('PAI = (n/N)/(a/A): 40% of crime in 4% of the area is 10', () => {
    expect(unwrap(computePai(40, 100, 4, 100))).toBeCloseTo(10, 14);
    expect(unwrap(computePaiForSelection([30, 10, 5, 5], [1, 1, 4, 4], [1, 0, 0, 0]))).toBeCloseTo(0.6 / 0.1, 14);
    expect(computePai(1, 10, 0, 5)).toMatchObject({ ok: false, error: { name: 'selected area' } });
    expect(computePai(1, 10, 1, 0)).toMatchObject({ ok: false, error: { name: 'study area' } });
    expect(computePaiForSelection([0, 0], [1, 1], [1, 0])).toMatchObject({ ok: false, error: { value: 'total 0' } });
  });
});
