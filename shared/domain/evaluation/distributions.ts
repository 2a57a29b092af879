/**
 * Distribution functions and special functions the evaluation statistics need, in double
 * precision and without dependencies: the standard normal CDF and quantile, two-sided p-values,
 * log-gamma, digamma and trigamma (for the negative binomial likelihood).
 */

/**
 * Standard normal CDF Phi(x): the one implementation in shared/domain/stats/normal.ts
 * (erfc from the A&S 7.1.6 series and a continued fraction), re-exported so evaluation code keeps
 * its imports.
 */
export { normalCdf } from '../stats/normal';
import { normalCdf, normalTwoSidedP } from '../stats/normal';

/**
 * Two-sided p-value of a standard normal statistic: 2 Phi(-|z|). Computed from the lower tail so
 * small p-values keep their precision. NaN gives NaN.
 */
export function twoSidedNormalP(z: number): number {
  return normalTwoSidedP(z);
}

// Coefficients of Wichura's AS 241 (PPND16), Applied Statistics 37(3), 1988, 477-484.
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function poly(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + (c[i] as number);
  return s;
}

/**
 * Standard normal quantile Phi^-1(p), relative error about 1e-16.
 * Source: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3), 1988. p = 0 gives -Infinity and p = 1 gives +Infinity (the true
 * limits); p outside [0, 1] or NaN gives NaN. Callers that must not see infinities validate p.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

/** The two-sided critical value z_{1 - (1 - confidence)/2}, e.g. 1.959964 for 0.95. */
export function criticalZ(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

// Lanczos approximation, g = 7, n = 9 (coefficients as published by P. Godfrey; relative error
// about 1e-15 for x > 0).
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/**
 * log Gamma(x) for x > 0 (Lanczos 1964, "A precision approximation of the gamma function", SIAM
 * J. Numer. Anal. B 1, with g = 7, n = 9). For 0 < x < 0.5 uses the reflection formula.
 * Returns +Infinity at 0 and NaN for x < 0 (not needed by the count likelihoods).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Digamma psi(x) = d/dx log Gamma(x) for x > 0: the recurrence psi(x) = psi(x+1) - 1/x up to
 * x >= 10, then the asymptotic (Stirling) series to x^-12 (Abramowitz & Stegun 6.3.18); absolute
 * error below 1e-13.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/**
 * Trigamma psi'(x) for x > 0: recurrence psi'(x) = psi'(x+1) + 1/x^2 up to x >= 10, then the
 * asymptotic series (Abramowitz & Stegun 6.4.12); absolute error below 1e-13.
 */
export function trigamma(x: number): number {
  if (Number.isNaN(x) || x <= 0) return Number.NaN;
  let acc = 0;
  while (x < 10) {
    acc += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  const series = 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f * (1 / 30 - (f * 5) / 66))));
  return acc + series;
}

/**
 * Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1, by the continued fraction
 * of Numerical Recipes (Press et al. 2007, 3rd ed., section 6.4) evaluated with the modified Lentz
 * method, using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where it converges faster. Relative
 * accuracy about 1e-14.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0) || x < 0 || x > 1) return Number.NaN;
  if (x === 0 || x === 1) return x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedIncompleteBeta(1 - x, b, a);
  return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Two-sided p-value of Student's t with `df` > 0 degrees of freedom: I_{df/(df+t^2)}(df/2, 1/2). */
export function twoSidedStudentP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Two-sided critical value of Student's t: the t with twoSidedStudentP(t, df) = 1 - confidence
 * (e.g. 2.093 for 0.95 and df = 19), by bisection on the p-value to 1e-12 relative precision.
 */
export function criticalStudentT(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1) || !(df > 0)) return Number.NaN;
  const target = 1 - confidence;
  let lo = 0;
  let hi = Math.max(2, criticalZ(confidence));
  while (twoSidedStudentP(hi, df) > target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (twoSidedStudentP(mid, df) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
