/**
 * Default kernel density search radius of ArcGIS "Kernel Density" (ArcGIS Pro, "How Kernel
 * Density works"; a spatial variant of Silverman's rule of thumb, Silverman 1986, eq. 3.31):
 *
 *   radius = 0.9 * min(SD, sqrt(1 / ln 2) * Dm) * n^(-0.2)
 *
 * SD = standard distance sqrt(sum w_i d_i^2 / sum w_i), d_i the distance of point i to the
 * (weighted) mean centre; Dm = the (weighted) median of d_i; n = the number of points, or the
 * sum of the weights when a population field is used. Unweighted median: the middle value, or
 * the mean of the two middle values; weighted median: the smallest d whose cumulative weight
 * reaches half the total.
 */
import { ok, type Result } from '../../base/result';
import { checkCoordinates, checkFinite, checkSameLength, invalidArgument, type StatsError } from './errors';

export interface KdeBandwidth {
  /** Search radius, metres. */
  readonly radius: number;
  readonly standardDistance: number;
  readonly medianDistance: number;
  readonly meanCentreX: number;
  readonly meanCentreY: number;
  /** n, or the sum of weights. */
  readonly n: number;
}

/**
 * Computes the ArcGIS default radius. Errors: no points, negative/non-finite weights, a zero
 * total weight, or all points at one location (radius 0).
 */
export function computeDefaultKdeRadius(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Result<KdeBandwidth, StatsError> {
  const bad = checkCoordinates(x, y) ?? (weights ? (checkSameLength('x', x, 'weights', weights) ?? checkFinite('weights', weights)) : undefined);
  if (bad) return bad;
  const m = x.length;
  if (m === 0) return invalidArgument('points', 0, 'at least one point');
  let W = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < m; i++) {
    const w = weights ? (weights[i] as number) : 1;
    if (w < 0) return invalidArgument(`weights[${i}]`, w, 'a weight >= 0');
    W += w;
    cx += w * (x[i] as number);
    cy += w * (y[i] as number);
  }
  if (!(W > 0)) return invalidArgument('weights', 'total 0', 'a positive total weight');
  cx /= W;
  cy /= W;
  const d = new Float64Array(m);
  let ss = 0;
  for (let i = 0; i < m; i++) {
    const dx = (x[i] as number) - cx;
    const dy = (y[i] as number) - cy;
    d[i] = Math.sqrt(dx * dx + dy * dy);
    ss += (weights ? (weights[i] as number) : 1) * (dx * dx + dy * dy);
  }
  const standardDistance = Math.sqrt(ss / W);
  const medianDistance = weights ? weightedMedian(d, weights, W) : median(d);
  const radius = 0.9 * Math.min(standardDistance, Math.sqrt(1 / Math.LN2) * medianDistance) * W ** -0.2;
  if (!(radius > 0)) return invalidArgument('points', 'all at one location', 'points at two or more locations (the default radius would be 0)');
  return ok({ radius, standardDistance, medianDistance, meanCentreX: cx, meanCentreY: cy, n: W });
}

function median(d: Float64Array): number {
  const s = d.slice().sort();
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

function weightedMedian(d: Float64Array, w: ArrayLike<number>, total: number): number {
  const order = Array.from(d.keys()).sort((a, b) => (d[a] as number) - (d[b] as number));
  let cum = 0;
  for (const i of order) {
    cum += w[i] as number;
    if (cum >= total / 2) return d[i] as number;
  }
  return d[order[order.length - 1] as number] as number;
}
