import { describe, expect, it } from 'vitest';
import { criticalStudentT, criticalZ, digamma, logGamma, normalCdf, normalQuantile, regularizedIncompleteBeta, trigamma, twoSidedNormalP, twoSidedStudentP } from '../../../../shared/domain/evaluation/distributions';

// Reference values from SciPy 1.17 (scipy.stats.norm, scipy.special).
describe('normal distribution', () => {
  it.each([
    [-8, 6.22096057427174e-16],
    [-3, 0.0013498980316300933],
    [-1.96, 0.024997895148220435],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [2.5, 0.9937903346742238],
    [7.5, 0.9999999999999681],
  ])('Phi(%d) matches SciPy to 1e-14 relative (tail) / absolute', (x, want) => {
    const got = normalCdf(x);
    expect(Math.abs(got - want)).toBeLessThan(1e-14 * Math.max(1e-2, want) + 1e-16 * want * 100);
  });

  it.each([
    [1e-300, -37.0470962993612],
    [1e-10, -6.361340902404056],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.975, 1.959963984540054],
    [1 - 1e-12, 7.0344869100478356],
  ])('quantile(%d) matches SciPy', (p, want) => {
    expect(normalQuantile(p)).toBeCloseTo(want, 9);
  });

  it('inverts the CDF and is symmetric', () => {
    for (let x = -6; x <= 6; x += 0.37) {
      // Above ~3 the upper tail is 1 - tiny and loses digits to rounding: invert via the lower tail.
      expect(x <= 3 ? normalQuantile(normalCdf(x)) : -normalQuantile(normalCdf(-x))).toBeCloseTo(x, 9);
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
    }
  });

  it('gives limits and NaN instead of throwing', () => {
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('two-sided p and the critical value agree', () => {
    expect(criticalZ(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(twoSidedNormalP(criticalZ(0.95))).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalP(-2.98)).toBeCloseTo(twoSidedNormalP(2.98), 15);
    expect(twoSidedNormalP(0)).toBe(1);
  });
});

describe('gamma-family functions', () => {
  it.each([
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247],
    [1, 0],
    [3.7, 1.428072326665388],
    [10, 12.801827480081469],
    [100.5, 361.43554046777757],
    [1e6, 12815504.569147611],
  ])('logGamma(%d) matches SciPy', (x, want) => {
    expect(Math.abs(logGamma(x) - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
  });

  it.each([
    [0.1, -10.423754940411076, 101.43329915079275],
    [1, -0.5772156649015329, 1.6449340668482266],
    [2.5, 0.7031566406452432, 0.4903577561002349],
    [10, 2.251752589066721, 0.10516633568168576],
    [1e4, 9.21029037114285, 0.00010000500016667],
  ])('digamma and trigamma at %d match SciPy', (x, psi, psi1) => {
    expect(digamma(x)).toBeCloseTo(psi, 12);
    expect(trigamma(x)).toBeCloseTo(psi1, 12);
  });

  it('digamma is the derivative of logGamma and obeys the recurrence', () => {
    for (const x of [0.7, 3.3, 25]) {
      const h = 1e-5;
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 7);
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
    }
  });
});

describe('Student t and the incomplete beta (for few-cluster inference)', () => {
  it('matches SciPy', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 13);
    expect(regularizedIncompleteBeta(0.9, 10, 3)).toBeCloseTo(0.889130022255, 11);
    expect(criticalStudentT(0.95, 19)).toBeCloseTo(2.0930240544083087, 10);
    expect(criticalStudentT(0.95, 1)).toBeCloseTo(12.706204736174694, 9);
    expect(criticalStudentT(0.99, 3)).toBeCloseTo(5.840909309733355, 9);
    expect(twoSidedStudentP(2, 10)).toBeCloseTo(0.07338803477074037, 13);
    expect(twoSidedStudentP(0.5, 2)).toBeCloseTo(0.6666666666666667, 13);
    expect(twoSidedStudentP(8, 40) / 7.905084110104538e-10).toBeCloseTo(1, 9);
  });

  it('approaches the normal as df grows', () => {
    expect(criticalStudentT(0.95, 1e7)).toBeCloseTo(criticalZ(0.95), 5);
    expect(twoSidedStudentP(1.5, 1e7)).toBeCloseTo(twoSidedNormalP(1.5), 6);
  });
});
