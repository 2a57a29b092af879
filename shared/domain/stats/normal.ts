/**
 * The standard normal distribution, accurate to the last few bits: p-values of z-scores must
 * match established packages to 1e-12 and stay accurate (relatively) deep in the tails, where
 * `1 - Phi(z)` computed naively rounds to 0.
 *
 * erfc is evaluated without fitted coefficients, from two classical expansions (Abramowitz &
 * Stegun, Handbook of Mathematical Functions, 1964):
 * - 0 <= x < 1: erf(x) = (2/sqrt(pi)) e^(-x^2) sum_{n>=0} 2^n x^(2n+1) / (1*3*5*...*(2n+1))
 *   (A&S 7.1.6; all terms positive, so no cancellation), erfc = 1 - erf;
 * - x >= 1: the continued fraction erfc(x) = (e^(-x^2)/sqrt(pi)) / (x + (1/2)/(x + 1/(x +
 *   (3/2)/(x + 2/(x + ...))))) (A&S 7.1.14), evaluated by the modified Lentz method (Numerical
 *   Recipes, 3rd ed., 5.2), which keeps full relative precision in the tail.
 * Measured against CPython's math.erfc (libm) on a grid of 0..30 in steps of 0.01: absolute
 * error < 1e-15; relative error < 1e-14 for x <= 10 and < 5e-13 up to the underflow near 27
 * (reference values in test/shared/domain/stats/normal.test.ts).
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const SERIES_LIMIT = 1.0;

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

function erfcContinuedFraction(x: number): number {
  // f = x + a1/(x + a2/(x + ...)), a_k = k/2; modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/**
 * Complementary error function erfc(x) = 1 - erf(x), for any real x (erfc(-x) = 2 - erfc(x)).
 * NaN in, NaN out; erfc(+Infinity) = 0, erfc(-Infinity) = 2.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x > 27.3) return 0; // below the smallest subnormal double
  return x < SERIES_LIMIT ? 1 - erfSeries(x) : erfcContinuedFraction(x);
}

/** Error function erf(x) (series near 0 keeps its relative precision for tiny x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const a = Math.abs(x);
  const v = a < SERIES_LIMIT ? erfSeries(a) : 1 - erfcContinuedFraction(a);
  return x < 0 ? -v : v;
}

/** Standard normal CDF Phi(z) = P(Z <= z) = erfc(-z / sqrt 2) / 2. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Upper tail P(Z > z) = erfc(z / sqrt 2) / 2, accurate relatively for large z (no 1 - Phi). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Two-sided p-value of a z-score, P(|Z| >= |z|) = erfc(|z| / sqrt 2). The convention of ArcGIS
 * Hot Spot Analysis and of PySAL/esda's global Moran p_norm. NaN in, NaN out.
 */
export function normalTwoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
