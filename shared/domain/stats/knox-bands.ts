/**
 * Band edges for the Knox near-repeat test, and the band settings of the classic Near Repeat
 * Calculator (NRC; Ratcliffe 2009, Temple University).
 *
 * Our bands are half-open [a, b): a pair d apart in space falls in band s when
 * edges[s] <= d < edges[s+1]; the last edge may be Infinity (an open-ended "b or more" band).
 * Labels use interval notation, so "[100, 200)" means 100 <= d < 200.
 *
 * What the NRC computes. Steenbeek's comparison ("NearRepeat and the Near Repeat Calculator
 * software", vignette of the R package NearRepeat, 2019) reproduced the NRC's observed
 * frequency tables exactly with these half-open bands, for spatial bandwidth B with k bands
 * and temporal bandwidth T with m bands:
 *   space: [0, 1) "Same location", [1, B), [B, 2B), ..., [(k-1)B, kB), [kB, inf)
 *   time:  [0, T), [T, 2T), ..., [(m-1)T, mT), [mT, inf)   (days between dates)
 * while the NRC labels them "Same location", "1 to B", "B+1 to 2B", ..., "More than kB" and
 * "0 to T", "T+1 to 2T", ..., "More than mT": a pair exactly B apart is counted in the band
 * labelled "B+1 to 2B", and a pair 3 days apart with T = 3 under "4 to 6". The labels are off
 * by one; the counts are what we reproduce. `nrcKnoxBands` returns those edges, our honest
 * interval labels, and the NRC's printed labels only so a reader can match the two tables.
 * Distances are in the units of the coordinates given (metres in the workbench; an NRC run in
 * feet is reproduced with coordinates in feet), and dates are whole days.
 */
import { ok, type Result } from '../../base/result';
import { checkInteger, checkPositive, invalidArgument, type StatsError } from './errors';

/**
 * Checks band edges: at least two, strictly increasing, the first >= 0, all finite except
 * possibly the last (Infinity).
 */
export function checkBandEdges(name: string, edges: readonly number[]): StatsError | undefined {
  if (edges.length < 2) return invalidArgument(name, edges.join(','), 'at least two edges, e.g. 0,100,200').error;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as number;
    const last = i === edges.length - 1;
    if (Number.isNaN(e) || (!last && !Number.isFinite(e)) || e < 0) {
      return invalidArgument(name, edges.join(','), 'edges >= 0, finite except the last (which may be Infinity)').error;
    }
    if (i > 0 && !(e > (edges[i - 1] as number))) return invalidArgument(name, edges.join(','), 'strictly increasing edges').error;
  }
  return undefined;
}

/** Index of the half-open band [edges[b], edges[b+1]) holding v, or -1 when outside all bands. */
export function bandOf(edges: ArrayLike<number>, v: number): number {
  if (!(v >= (edges[0] as number))) return -1;
  const last = edges.length - 1;
  if (!(v < (edges[last] as number))) return -1;
  let b = 0;
  while (v >= (edges[b + 1] as number)) b++;
  return b;
}

/** Interval labels "[a, b)" (or "[a, inf)") for band edges. */
export function formatBandLabels(edges: readonly number[]): string[] {
  const labels: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const b = edges[i + 1] as number;
    labels.push(`[${edges[i]}, ${Number.isFinite(b) ? b : 'inf'})`);
  }
  return labels;
}

/** The NRC's own settings: bandwidths and numbers of bands. */
export interface NrcBandSettings {
  readonly spatialBandwidth: number;
  readonly spatialBands: number;
  readonly temporalBandwidth: number;
  readonly temporalBands: number;
}

export interface NrcBands {
  readonly spaceBands: number[];
  readonly timeBands: number[];
  /** Our labels, interval notation (what the counts mean). */
  readonly spaceLabels: string[];
  readonly timeLabels: string[];
  /** The NRC's printed labels for the same rows/columns (off by one; for cross-reference only). */
  readonly nrcSpaceLabels: string[];
  readonly nrcTimeLabels: string[];
}

/**
 * The NRC's band edges for its settings (see the module comment). Bandwidths must be integers
 * >= 2 in space (the "Same location" band is [0, 1)) and >= 1 in time, as the NRC accepts.
 */
export function nrcKnoxBands(settings: NrcBandSettings): Result<NrcBands, StatsError> {
  const { spatialBandwidth: B, spatialBands: k, temporalBandwidth: T, temporalBands: m } = settings;
  const bad =
    checkPositive('spatial bandwidth', B) ??
    checkInteger('spatial bandwidth', B, 2) ??
    checkInteger('number of spatial bands', k, 1) ??
    checkPositive('temporal bandwidth', T) ??
    checkInteger('temporal bandwidth', T, 1) ??
    checkInteger('number of temporal bands', m, 1);
  if (bad) return bad;
  const spaceBands = [0, 1];
  const nrcSpaceLabels = ['Same location', `1 to ${B}`];
  for (let s = 1; s <= k; s++) {
    spaceBands.push(s * B);
    if (s < k) nrcSpaceLabels.push(`${s * B + 1} to ${(s + 1) * B}`);
  }
  spaceBands.push(Number.POSITIVE_INFINITY);
  nrcSpaceLabels.push(`More than ${k * B}`);
  const timeBands = [0];
  const nrcTimeLabels: string[] = [];
  for (let t = 1; t <= m; t++) {
    timeBands.push(t * T);
    nrcTimeLabels.push(t === 1 ? `0 to ${T}` : `${(t - 1) * T + 1} to ${t * T}`);
  }
  timeBands.push(Number.POSITIVE_INFINITY);
  nrcTimeLabels.push(`More than ${m * T}`);
  return ok({
    spaceBands,
    timeBands,
    spaceLabels: formatBandLabels(spaceBands),
    timeLabels: formatBandLabels(timeBands),
    nrcSpaceLabels,
    nrcTimeLabels,
  });
}
