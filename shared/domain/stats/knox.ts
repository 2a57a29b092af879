/**
 * Knox test for space-time clustering (Knox 1964, "The detection of space-time interactions",
 * J. Royal Statistical Society C 13(1)) with Monte Carlo inference, as used for near repeat
 * victimization (Townsley, Homel & Chaseling 2003; Johnson et al. 2007; Ratcliffe's Near Repeat
 * Calculator), per DOMAIN.md:
 *
 * - every unordered pair i < j of events, N = n(n-1)/2 pairs;
 * - space band s: edges[s] <= d_ij < edges[s+1] (half-open; Euclidean or Manhattan distance in
 *   the coordinates' units); time band t likewise on |day_i - day_j| (days);
 * - observed X_st = pairs in space band s AND time band t;
 * - Monte Carlo: the dates are permuted over the fixed locations R times (seeded); expected =
 *   mean simulated X_st; Knox ratio = X_st / expected (NaN when expected is 0);
 *   p = (1 + #{simulated >= observed}) / (R + 1).
 * - expectedIndependence = spaceTotal_s * timeTotal_t / N: the exact mean of X_st over all
 *   permutations of the dates (a fixed pair receives a uniformly random pair of dates), which
 *   the Monte Carlo mean estimates.
 *
 * Speed: locations are fixed, so the pairs within the largest finite space edge are found once
 * with a grid index; each simulation re-evaluates time differences of those pairs only,
 * O(R * closePairs). Pairs beyond it fall in the open-ended band (last edge Infinity), whose
 * row is the time totals minus the enumerated pairs: time totals over ALL pairs do not change
 * when dates are permuted, and are counted once in O(n log n) from sorted dates.
 */
import { createRng } from '../../base/random';
import { ok, type Result } from '../../base/result';
import { buildGridIndex, pairsWithinDistance, type Metric } from '../geo/spatial-index';
import { checkCoordinates, checkFinite, checkInteger, checkSameLength, invalidArgument, type StatsError } from './errors';
import { bandOf, checkBandEdges, formatBandLabels, nrcKnoxBands, type NrcBandSettings } from './knox-bands';

export interface KnoxOptions {
  /** Space band edges (coordinate units, metres), half-open; the last may be Infinity. */
  readonly spaceBands?: readonly number[];
  /** Time band edges (days), half-open; the last may be Infinity. */
  readonly timeBands?: readonly number[];
  /** Default 'euclidean'. */
  readonly metric?: Metric;
  /** Monte Carlo simulations R >= 1. Default 999. */
  readonly simulations?: number;
  /** Default 1. */
  readonly seed?: number;
  /**
   * Reproduce the Near Repeat Calculator's observed tables (knox-bands.ts): the bands come from
   * these settings (spaceBands/timeBands are ignored), times are floored to whole days, and
   * the metric defaults to Manhattan.
   */
  readonly nrcCompatible?: NrcBandSettings;
  /**
   * Refuse (with an error) when more pairs than this lie within the largest finite space edge;
   * each costs ~18 bytes and R operations. Default 25 million.
   */
  readonly maxClosePairs?: number;
  /**
   * Called with (simulations done, total) about every 1% of the Monte Carlo loop, so a worker
   * can show progress; it cannot change the result.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface KnoxResult {
  readonly events: number;
  readonly pairs: number;
  readonly spaceBands: number[];
  readonly timeBands: number[];
  readonly spaceLabels: string[];
  readonly timeLabels: string[];
  /** NRC's printed labels, only in NRC-compatible mode (cross-reference; see knox-bands.ts). */
  readonly nrcSpaceLabels: string[] | null;
  readonly nrcTimeLabels: string[] | null;
  readonly metric: Metric;
  readonly simulations: number;
  readonly seed: number;
  /** Tables are row-major: cell (s, t) at s * timeBandCount + t. */
  readonly observed: Float64Array;
  readonly expected: Float64Array;
  readonly expectedIndependence: Float64Array;
  readonly ratio: Float64Array;
  readonly p: Float64Array;
  /** Pairs per space band / per time band, over all pairs. */
  readonly spaceTotals: Float64Array;
  readonly timeTotals: Float64Array;
  /** Pairs enumerated within the largest finite space edge. */
  readonly closePairs: number;
}

/** Pairs (i < j) of sorted values with difference < b, by two pointers: O(n). */
function pairsCloserThan(sorted: Float64Array, b: number): number {
  if (b === Number.POSITIVE_INFINITY) return (sorted.length * (sorted.length - 1)) / 2;
  if (!(b > 0)) return 0;
  let count = 0;
  let i = 0;
  for (let j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= b) i++; // stops at i = j since b > 0
    count += j - i;
  }
  return count;
}

/**
 * Runs the Knox test. x, y in metres (analysis CRS), t in days (any origin; fractions allowed).
 * Errors: mismatched or non-finite columns, fewer than 2 events, bad band edges, R < 1.
 */
export function computeKnox(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  t: ArrayLike<number>,
  options: KnoxOptions = {},
): Result<KnoxResult, StatsError> {
  const bad0 = checkCoordinates(x, y) ?? checkSameLength('x', x, 't', t) ?? checkFinite('t', t);
  if (bad0) return bad0;
  const n = x.length;
  if (n < 2) return invalidArgument('events', n, 'at least 2 events');
  const nrc = options.nrcCompatible ? nrcKnoxBands(options.nrcCompatible) : null;
  if (nrc && !nrc.ok) return nrc;
  const spaceBands = nrc ? nrc.value.spaceBands : [...(options.spaceBands ?? [])];
  const timeBands = nrc ? nrc.value.timeBands : [...(options.timeBands ?? [])];
  const badBands = checkBandEdges('space bands', spaceBands) ?? checkBandEdges('time bands', timeBands);
  if (badBands) return { ok: false, error: badBands };
  const simulations = options.simulations ?? 999;
  const badR = checkInteger('simulations', simulations, 1);
  if (badR) return badR;
  const seed = options.seed ?? 1;
  const metric = options.metric ?? (nrc ? 'manhattan' : 'euclidean');

  const days = new Float64Array(n);
  for (let i = 0; i < n; i++) days[i] = nrc ? Math.floor(t[i] as number) : (t[i] as number);
  const S = spaceBands.length - 1;
  const T = timeBands.length - 1;
  const openSpace = !Number.isFinite(spaceBands[S] as number);
  const openTime = !Number.isFinite(timeBands[T] as number);
  const finiteTop = openSpace ? (spaceBands[S - 1] as number) : (spaceBands[S] as number);
  const N = (n * (n - 1)) / 2;

  // Pairs with d < finiteTop, each with its space band (-1 below the first edge: such pairs
  // are enumerated only so the open-ended row can be obtained by subtraction).
  const index = buildGridIndex(x, y, Math.max(finiteTop, 1e-9));
  const maxClosePairs = options.maxClosePairs ?? 25_000_000;
  const found = pairsWithinDistance(index, finiteTop, metric, maxClosePairs);
  if (!found) {
    return invalidArgument(
      'space bands',
      `more than ${maxClosePairs} pairs closer than ${finiteTop}`,
      'fewer close pairs: check for many records at one (default) location, or use smaller bands',
    );
  }
  const pi = new Int32Array(found.count);
  const pj = new Int32Array(found.count);
  const ps = new Int16Array(found.count);
  let m = 0;
  for (let k = 0; k < found.count; k++) {
    const d = found.d[k] as number;
    if (!(d < finiteTop)) continue;
    pi[m] = found.i[k] as number;
    pj[m] = found.j[k] as number;
    ps[m] = bandOf(spaceBands, d);
    m++;
  }

  const sortedDays = days.slice().sort();
  const timeTotals = new Float64Array(T);
  for (let b = 0; b < T; b++) {
    timeTotals[b] = pairsCloserThan(sortedDays, timeBands[b + 1] as number) - pairsCloserThan(sortedDays, timeBands[b] as number);
  }
  const spaceTotals = new Float64Array(S);
  for (let k = 0; k < m; k++) if ((ps[k] as number) >= 0) spaceTotals[ps[k] as number] = (spaceTotals[ps[k] as number] as number) + 1;
  if (openSpace) spaceTotals[S - 1] = N - m;

  // Per pair: the row offset s * T of its space band, or -1 below the first edge.
  const rowOf = new Int32Array(m);
  for (let k = 0; k < m; k++) rowOf[k] = (ps[k] as number) >= 0 ? (ps[k] as number) * T : -1;
  const lookup = makeTimeBandLookup(timeBands);
  const cellTally = new Int32Array(S * T);
  const timeTally = new Int32Array(T);
  const belowByRow = new Int32Array(S);
  const tabulate = (d: Float64Array, out: Float64Array) => {
    cellTally.fill(0);
    timeTally.fill(0);
    belowByRow.fill(0);
    let belowTime = 0;
    const { lut, top } = lookup;
    if (lut) {
      // Hot loop (R * closePairs iterations): a table lookup, no calls. Pairs at dt >= top (most
      // of them) are skipped; the open time band, if any, is filled in from the row totals below.
      for (let k = 0; k < m; k++) {
        const dt = Math.abs((d[pi[k] as number] as number) - (d[pj[k] as number] as number));
        if (dt >= top) continue;
        const tb = lut[dt | 0] as number;
        if (tb === T) {
          // below the first time edge: in no band, but counted to complete the open band
          belowTime++;
          const s = ps[k] as number;
          if (s >= 0) belowByRow[s] = (belowByRow[s] as number) + 1;
          continue;
        }
        timeTally[tb] = (timeTally[tb] as number) + 1;
        const row = rowOf[k] as number;
        if (row >= 0) cellTally[row + tb] = (cellTally[row + tb] as number) + 1;
      }
      if (openTime) {
        let inFinite = belowTime;
        for (let tb = 0; tb < T - 1; tb++) inFinite += timeTally[tb] as number;
        timeTally[T - 1] = m - inFinite;
        for (let s = 0; s < (openSpace ? S - 1 : S); s++) {
          let row = belowByRow[s] as number;
          for (let tb = 0; tb < T - 1; tb++) row += cellTally[s * T + tb] as number;
          cellTally[s * T + T - 1] = (spaceTotals[s] as number) - row;
        }
      }
    } else {
      for (let k = 0; k < m; k++) {
        const tb = bandOf(timeBands, Math.abs((d[pi[k] as number] as number) - (d[pj[k] as number] as number)));
        if (tb < 0) continue;
        timeTally[tb] = (timeTally[tb] as number) + 1;
        const row = rowOf[k] as number;
        if (row >= 0) cellTally[row + tb] = (cellTally[row + tb] as number) + 1;
      }
    }
    for (let c = 0; c < S * T; c++) out[c] = cellTally[c] as number;
    if (openSpace) {
      for (let tb = 0; tb < T; tb++) out[(S - 1) * T + tb] = (timeTotals[tb] as number) - (timeTally[tb] as number);
    }
  };

  const observed = new Float64Array(S * T);
  tabulate(days, observed);
  const sum = new Float64Array(S * T);
  const atLeast = new Float64Array(S * T);
  const sim = new Float64Array(S * T);
  const rng = createRng(seed);
  const permuted = days.slice();
  const progressEvery = Math.max(1, Math.floor(simulations / 100));
  for (let r = 0; r < simulations; r++) {
    if (options.onProgress && r % progressEvery === 0) options.onProgress(r, simulations);
    rng.shuffle(permuted);
    tabulate(permuted, sim);
    for (let c = 0; c < S * T; c++) {
      const v = sim[c] as number;
      sum[c] = (sum[c] as number) + v;
      if (v >= (observed[c] as number)) atLeast[c] = (atLeast[c] as number) + 1;
    }
  }
  const expected = new Float64Array(S * T);
  const ratio = new Float64Array(S * T);
  const p = new Float64Array(S * T);
  const expectedIndependence = new Float64Array(S * T);
  for (let s = 0; s < S; s++) {
    for (let tb = 0; tb < T; tb++) {
      const c = s * T + tb;
      expected[c] = (sum[c] as number) / simulations;
      ratio[c] = (expected[c] as number) > 0 ? (observed[c] as number) / (expected[c] as number) : Number.NaN;
      p[c] = (1 + (atLeast[c] as number)) / (simulations + 1);
      expectedIndependence[c] = ((spaceTotals[s] as number) * (timeTotals[tb] as number)) / N;
    }
  }
  return ok({
    events: n,
    pairs: N,
    spaceBands,
    timeBands,
    spaceLabels: nrc ? nrc.value.spaceLabels : formatBandLabels(spaceBands),
    timeLabels: nrc ? nrc.value.timeLabels : formatBandLabels(timeBands),
    nrcSpaceLabels: nrc ? nrc.value.nrcSpaceLabels : null,
    nrcTimeLabels: nrc ? nrc.value.nrcTimeLabels : null,
    metric,
    simulations,
    seed,
    observed,
    expected,
    expectedIndependence,
    ratio,
    p,
    spaceTotals,
    timeTotals,
    closePairs: m,
  });
}


/**
 * Table for the time band of a difference in days. When every finite edge is a whole number
 * (the usual 0, 7, 14, ... days) the band of dt < top is lut[floor(dt)]: with integer edges,
 * a <= dt < b holds exactly when a <= floor(dt) <= b - 1; lut holds T (the band count) below
 * the first edge; dt >= top is in the open band (if any) or in none. Otherwise (fractional
 * edges, or a top above a million days) lut is null and the caller scans the edges.
 */
function makeTimeBandLookup(edges: readonly number[]): { lut: Int16Array | null; top: number } {
  const last = edges.length - 1;
  const open = !Number.isFinite(edges[last] as number);
  const top = (open ? edges[last - 1] : edges[last]) as number;
  const integral = edges.every((e, i) => (i === last && open) || Number.isInteger(e));
  if (!integral || top > 1_000_000) return { lut: null, top };
  const lut = new Int16Array(top).fill(last);
  for (let b = 0; b < last; b++) {
    const hi = Math.min(top, edges[b + 1] as number);
    for (let v = edges[b] as number; v < hi; v++) lut[v] = b;
  }
  return { lut, top };
}
