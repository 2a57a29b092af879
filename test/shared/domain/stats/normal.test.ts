import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalSf, normalTwoSidedP } from '../../../../shared/domain/stats/normal';

// Reference values from CPython's math.erfc (C libm, correctly rounded to ~1 ulp) and
// 2 * scipy.stats.norm.sf(z).
const ERFC: [number, number][] = [
  [0, 1.0],
  [0.001, 0.9988716212090307],
  [0.1, 0.8875370839817152],
  [0.5, 0.4795001221869535],
  [0.9999, 0.15734072195124052],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689274],
  [2, 0.004677734981047265],
  [2.5, 0.0004069520174449589],
  [3, 2.2090496998585438e-5],
  [4, 1.541725790028002e-8],
  [5, 1.5374597944280351e-12],
  [6, 2.1519736712498916e-17],
  [8, 1.1224297172982928e-29],
  [10, 2.088487583762545e-45],
  [15, 7.212994172451206e-100],
  [20, 5.3958656116079005e-176],
  [26, 5.663192408856143e-296],
];
const TWO_SIDED: [number, number][] = [
  [1.6448536269514722, 0.10000000000000009],
  [1.959963984540054, 0.05],
  [2.5758293035489004, 0.010000000000000007],
  [0.5, 0.6170750774519738],
  [1.7320508075688772, 0.0832645166635504],
  [4, 6.334248366623973e-5],
  [8.5, 1.89590696444065e-17],
];

describe('normal distribution', () => {
  it('erfc matches libm to 1e-15 absolute and 5e-13 relative, on both sides of 0', () => {
    for (const [x, want] of ERFC) {
      const got = erfc(x);
      expect(Math.abs(got - want)).toBeLessThan(1e-15);
      expect(Math.abs(got - want) / want).toBeLessThan(5e-13);
      expect(Math.abs(erfc(-x) - (2 - want))).toBeLessThan(1e-15);
    }
  });

  it('two-sided p of the usual critical values is 0.10, 0.05, 0.01; deep tails keep relative precision', () => {
    for (const [z, want] of TWO_SIDED) {
      expect(Math.abs(normalTwoSidedP(z) - want)).toBeLessThan(1e-15);
      expect(Math.abs(normalTwoSidedP(-z) - want) / want).toBeLessThan(1e-13);
    }
  });

  it('cdf and upper tail are complementary and symmetric', () => {
    for (const z of [-7, -2.2, -0.3, 0, 0.3, 1.1, 2.2, 7]) {
      expect(normalCdf(z) + normalSf(z)).toBeCloseTo(1, 15);
      expect(normalCdf(-z)).toBeCloseTo(normalSf(z), 15);
    }
    expect(normalCdf(0)).toBe(0.5);
    expect(erf(0.5) + erfc(0.5)).toBeCloseTo(1, 15);
    expect(erf(-0.5)).toBeCloseTo(-erf(0.5), 16);
  });

  it('handles infinities and NaN', () => {
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(Number.isNaN(normalTwoSidedP(Number.NaN))).toBe(true);
  });
});
