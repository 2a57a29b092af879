/**
 * The law of crime concentration (Weisburd 2015): how few places hold how much crime. Every
 * function takes the counts of ALL units of analysis, zero-crime units included (DOMAIN.md);
 * leaving zeros out inflates concentration.
 *
 * - P(M) = 100 k* / N, k* = min k such that the k highest-count units hold >= M * C crimes
 *   ("P% of places hold M% of crime"); C = total, N = units.
 * - Gini on ascending counts c_(1) <= ... <= c_(N): G = sum_i (2i - N - 1) c_(i) / (N C).
 * - Generalized Gini for sparse data (Bernasco & Steenbeek 2017, "More places than crimes",
 *   J. Quantitative Criminology 33): G' = max(1, N / C) (G - 1) + 1, so that the most even
 *   spread of C < N crimes (one per unit) scores 0.
 * - PAI = (n / N) / (a / A) (Chainey, Tompson & Uhlig 2008, Security Journal 21).
 * Fractional counts (aoristic weights) are allowed; negative counts are not.
 */
import { ok, type Result } from '../../base/result';
import { checkFinite, invalidArgument, type StatsError } from './errors';

export interface ConcentrationSummary {
  readonly units: number;
  readonly total: number;
  readonly unitsWithCrime: number;
  /** unitsWithCrime / units, 0..1. */
  readonly shareWithCrime: number;
  /** total / units. */
  readonly crimesPerUnit: number;
  readonly gini: number;
  readonly generalizedGini: number;
  /** Unit indices ranked by count, highest first (ties: lower index first). */
  readonly rank: Int32Array;
  /** Cumulative share of crime (0..1) held by the top k units, k = 1..N (index k - 1). */
  readonly cumulativeCrimeShare: Float64Array;
}

/** Validates counts: finite, >= 0, total > 0. */
function checkCounts(counts: ArrayLike<number>): Result<number, StatsError> {
  if (counts.length === 0) return invalidArgument('counts', 'no units', 'at least one unit of analysis');
  const bad = checkFinite('counts', counts);
  if (bad) return bad;
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c < 0) return invalidArgument(`counts[${i}]`, c, 'a count >= 0');
    total += c;
  }
  if (!(total > 0)) return invalidArgument('counts', 'total 0', 'at least one crime in the units (concentration is undefined with no crime)');
  return ok(total);
}

/**
 * Ranks the units and computes the summary figures. Errors (never NaN): no units, a negative or
 * non-finite count, or a zero total.
 */
export function computeConcentration(counts: ArrayLike<number>): Result<ConcentrationSummary, StatsError> {
  const checked = checkCounts(counts);
  if (!checked.ok) return checked;
  const total = checked.value;
  const N = counts.length;
  const rank = new Int32Array(N);
  for (let i = 0; i < N; i++) rank[i] = i;
  rank.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const cumulativeCrimeShare = new Float64Array(N);
  let cum = 0;
  let withCrime = 0;
  // Gini on ascending order: ascending position of rank[k] is N - k (1-based).
  let g = 0;
  for (let k = 0; k < N; k++) {
    const c = counts[rank[k] as number] as number;
    cum += c;
    cumulativeCrimeShare[k] = cum / total;
    if (c > 0) withCrime++;
    const i = N - k;
    g += (2 * i - N - 1) * c;
  }
  const gini = g / (N * total);
  const generalizedGini = Math.max(1, N / total) * (gini - 1) + 1;
  return ok({
    units: N,
    total,
    unitsWithCrime: withCrime,
    shareWithCrime: withCrime / N,
    crimesPerUnit: total / N,
    gini,
    generalizedGini,
    rank,
    cumulativeCrimeShare,
  });
}

/**
 * P(M): the percentage of units (0..100) that hold at least the share `m` (0..1] of crime,
 * counting from the highest-count unit down. A relative tolerance of 1e-12 absorbs rounding in
 * cumulative sums, so "50% of 10 crimes" is reached at exactly 5 crimes.
 */
export function placesForCrimeShare(summary: ConcentrationSummary, m: number): Result<number, StatsError> {
  if (!(m > 0 && m <= 1)) return invalidArgument('crime share', m, 'a share in (0, 1]');
  const target = m - 1e-12;
  const cum = summary.cumulativeCrimeShare;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) >= target) hi = mid;
    else lo = mid + 1;
  }
  return ok((100 * (lo + 1)) / summary.units);
}

export interface ConcentrationRow {
  /** The crime share M asked for (0..1). */
  readonly crimeShare: number;
  /** k*: units needed. */
  readonly units: number;
  /** P(M) in percent of units. */
  readonly placeSharePercent: number;
}

/**
 * The "P% of places hold M% of crime" table for the given crime shares (default 25, 50, 75,
 * 80, 90 and 100%).
 */
export function computeConcentrationTable(
  summary: ConcentrationSummary,
  shares: readonly number[] = [0.25, 0.5, 0.75, 0.8, 0.9, 1],
): Result<ConcentrationRow[], StatsError> {
  const rows: ConcentrationRow[] = [];
  for (const m of shares) {
    const p = placesForCrimeShare(summary, m);
    if (!p.ok) return p;
    rows.push({ crimeShare: m, units: Math.round((p.value * summary.units) / 100), placeSharePercent: p.value });
  }
  return ok(rows);
}

/**
 * Lorenz curve on ascending counts: N + 1 points (unitShare_k, crimeShare_k), k = 0..N, from
 * (0, 0) to (1, 1); crimeShare_k = share of crime in the k lowest-count units. The Gini above
 * equals exactly 1 - 2 * (the trapezoid area under this curve).
 */
export function computeLorenzCurve(summary: ConcentrationSummary): { unitShare: Float64Array; crimeShare: Float64Array } {
  const N = summary.units;
  const unitShare = new Float64Array(N + 1);
  const crimeShare = new Float64Array(N + 1);
  const top = summary.cumulativeCrimeShare;
  for (let k = 1; k <= N; k++) {
    unitShare[k] = k / N;
    // The k lowest units are the complement of the N - k highest.
    crimeShare[k] = k === N ? 1 : 1 - (N - k > 0 ? (top[N - k - 1] as number) : 0);
  }
  return { unitShare, crimeShare };
}

/**
 * Prediction accuracy index PAI = (n / N) / (a / A): share of crime in the selection over its
 * share of the area. Errors: N <= 0, A <= 0, a <= 0, n or a outside [0, N] / (0, A].
 */
export function computePai(n: number, N: number, a: number, A: number): Result<number, StatsError> {
  if (!(N > 0)) return invalidArgument('total crimes', N, 'a total > 0');
  if (!(A > 0)) return invalidArgument('study area', A, 'an area > 0');
  if (!(a > 0 && a <= A)) return invalidArgument('selected area', a, `an area in (0, ${A}]`);
  if (!(n >= 0 && n <= N)) return invalidArgument('selected crimes', n, `a count in [0, ${N}]`);
  return ok(n / N / (a / A));
}

/**
 * PAI of a selection of units: n and a summed over units with `selected[i]`, N and A over all.
 * `areas` per unit (m^2); for equal cells pass the cell area for each.
 */
export function computePaiForSelection(
  counts: ArrayLike<number>,
  areas: ArrayLike<number>,
  selected: ArrayLike<boolean | number>,
): Result<number, StatsError> {
  if (areas.length !== counts.length) return invalidArgument('areas', `length ${areas.length}`, `one area per unit (${counts.length})`);
  if (selected.length !== counts.length) return invalidArgument('selection', `length ${selected.length}`, `one flag per unit (${counts.length})`);
  const checked = checkCounts(counts);
  if (!checked.ok) return checked;
  let n = 0;
  let a = 0;
  let A = 0;
  for (let i = 0; i < counts.length; i++) {
    const ai = areas[i] as number;
    if (!(ai >= 0) || !Number.isFinite(ai)) return invalidArgument(`areas[${i}]`, ai, 'an area >= 0');
    A += ai;
    if (selected[i]) {
      n += counts[i] as number;
      a += ai;
    }
  }
  return computePai(n, checked.value, a, A);
}
