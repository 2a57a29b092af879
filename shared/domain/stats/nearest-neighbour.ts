/**
 * Clark-Evans nearest neighbour index (Clark & Evans 1954, "Distance to nearest neighbor as a
 * measure of spatial relationships in populations", Ecology 35(4)), as ArcGIS "Average Nearest
 * Neighbor" reports it:
 *
 *   observed  = mean over points of the distance to the nearest other point
 *   expected  = 0.5 / sqrt(n / A)
 *   R         = observed / expected      (< 1 clustered, 1 random, > 1 dispersed)
 *   SE        = 0.26136 / sqrt(n^2 / A)
 *   z         = (observed - expected) / SE;  p two-sided normal
 *
 * The result depends heavily on the study area A (m^2). Pass the real study area (e.g. the
 * jurisdiction's polygon area); without one we use the area of the points' axis-aligned
 * bounding rectangle, and say so in `areaSource` (ArcGIS defaults to the minimum enclosing
 * rectangle, which may be rotated and so smaller). Coincident points have distance 0 to each
 * other (no edge correction).
 */
import { ok, type Result } from '../../base/result';
import { buildGridIndex, kNearestNeighbours } from '../geo/spatial-index';
import { checkCoordinates, checkPositive, invalidArgument, type StatsError } from './errors';
import { normalTwoSidedP } from './normal';

export interface NearestNeighbourResult {
  readonly n: number;
  /** Study area used, m^2. */
  readonly area: number;
  readonly areaSource: 'given' | 'bounding-rectangle';
  readonly observedMean: number;
  readonly expectedMean: number;
  readonly ratio: number;
  readonly z: number;
  readonly p: number;
}

/** Computes the index. Errors: fewer than 2 points, a non-positive area (given or derived). */
export function computeNearestNeighbourIndex(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { area?: number } = {},
): Result<NearestNeighbourResult, StatsError> {
  const bad = checkCoordinates(x, y);
  if (bad) return bad;
  const n = x.length;
  if (n < 2) return invalidArgument('points', n, 'at least 2 points');
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i] as number);
    maxX = Math.max(maxX, x[i] as number);
    minY = Math.min(minY, y[i] as number);
    maxY = Math.max(maxY, y[i] as number);
  }
  const given = options.area !== undefined;
  const area = given ? (options.area as number) : (maxX - minX) * (maxY - minY);
  if (given) {
    const badArea = checkPositive('area', area);
    if (badArea) return badArea;
  } else if (!(area > 0)) {
    return invalidArgument('points', `bounding rectangle of area ${area}`, 'points spread in both x and y, or a study area');
  }
  const index = buildGridIndex(x, y, Math.sqrt(area / n) * 1.5);
  const nn = kNearestNeighbours(index, 1);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += nn.distances[i] as number;
  const observedMean = sum / n;
  const expectedMean = 0.5 / Math.sqrt(n / area);
  const se = 0.26136 / Math.sqrt((n * n) / area);
  const z = (observedMean - expectedMean) / se;
  return ok({
    n,
    area,
    areaSource: given ? 'given' : 'bounding-rectangle',
    observedMean,
    expectedMean,
    ratio: observedMean / expectedMean,
    z,
    p: normalTwoSidedP(z),
  });
}
