/**
 * Mann-Kendall trend test (Mann 1945; Kendall 1975, "Rank Correlation Methods"; as in Hipel &
 * McLeod 1994 and R's Kendall::MannKendall), the trend test of ArcGIS Emerging Hot Spot
 * Analysis:
 *
 *   S = sum_{i<j} sign(x_j - x_i)
 *   Var(S) = [n(n-1)(2n+5) - sum_g t_g (t_g - 1)(2 t_g + 5)] / 18   (t_g = size of tie group g)
 *   z = (S - 1)/sqrt(Var) if S > 0, (S + 1)/sqrt(Var) if S < 0, 0 if S = 0 (continuity correction)
 *   p = two-sided normal p of z;  tau = S / (n(n-1)/2) (Kendall's tau-a)
 *
 * Series shorter than 3, or with Var(S) = 0 (all values tied), give z = 0 and p = 1: no
 * evidence of a trend.
 */
import { normalTwoSidedP } from './normal';

export interface MannKendallResult {
  readonly n: number;
  readonly s: number;
  readonly varianceS: number;
  readonly z: number;
  readonly p: number;
  readonly tau: number;
}

/** Mann-Kendall test of a series in time order (O(n^2), fine for time steps). NaN entries are skipped. */
export function computeMannKendall(series: ArrayLike<number>): MannKendallResult {
  const x: number[] = [];
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i] as number)) x.push(series[i] as number);
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign((x[j] as number) - (x[i] as number));
  }
  const sorted = [...x].sort((a, b) => a - b);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    tieTerm += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const pairs = (n * (n - 1)) / 2;
  if (n < 3 || !(varianceS > 0)) return { n, s, varianceS, z: 0, p: 1, tau: pairs > 0 ? s / pairs : 0 };
  const z = s > 0 ? (s - 1) / Math.sqrt(varianceS) : s < 0 ? (s + 1) / Math.sqrt(varianceS) : 0;
  return { n, s, varianceS, z, p: normalTwoSidedP(z), tau: s / pairs };
}
