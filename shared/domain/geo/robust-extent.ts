/**
 * A robust bounding box of point columns: the box between low and high percentiles of x and y,
 * widened by a factor, so a handful of wild points (a typo, a swapped coordinate, a point in
 * another state) neither stretch it nor fall inside it.
 */

/** [minX, minY, maxX, maxY] in the columns' units. */
export type Box = readonly [number, number, number, number];

export interface RobustExtentOptions {
  /** Lower percentile as a fraction (default 0.01). */
  readonly lower?: number;
  /** Upper percentile as a fraction (default 0.99). */
  readonly upper?: number;
  /**
   * Each side moves out by `expand` times the percentile box's width (x) or height (y)
   * (default 0.25: a box 50% wider and taller than the 1st-99th percentile box).
   */
  readonly expand?: number;
  /** Use at most this many points, evenly spaced (default 20,000: a percentile moves by about 0.1 point). */
  readonly maxSample?: number;
}

/**
 * The robust extent of the finite points (xs[i], ys[i]); `undefined` when there is none.
 * Percentiles use the nearest-rank definition on a sample of at most `maxSample` points taken at
 * even strides (deterministic). A degenerate box (all points on one line) is widened by 0.1% of
 * the coordinate magnitude (at least 0.001 unit) so containment tests stay meaningful.
 */
export function computeRobustExtent(xs: Float64Array, ys: Float64Array, options: RobustExtentOptions = {}): Box | undefined {
  const lower = options.lower ?? 0.01;
  const upper = options.upper ?? 0.99;
  const expand = options.expand ?? 0.25;
  const maxSample = options.maxSample ?? 20_000;
  let finite = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) finite++;
  if (finite === 0) return undefined;
  const stride = Math.max(1, Math.floor(finite / maxSample));
  const n = Math.ceil(finite / stride);
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  let seen = 0;
  let k = 0;
  for (let i = 0; i < xs.length && k < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    if (seen++ % stride === 0) {
      sx[k] = xs[i] as number;
      sy[k] = ys[i] as number;
      k++;
    }
  }
  const used = k;
  const px = sx.subarray(0, used).sort();
  const py = sy.subarray(0, used).sort();
  const at = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1))] as number;
  let [x0, x1, y0, y1] = [at(px, lower), at(px, upper), at(py, lower), at(py, upper)];
  const pad = (lo: number, hi: number) => (hi > lo ? (hi - lo) * expand : Math.max(Math.abs(lo) * 0.001, 1e-3));
  const padX = pad(x0, x1);
  const padY = pad(y0, y1);
  x0 -= padX;
  x1 += padX;
  y0 -= padY;
  y1 += padY;
  return [x0, y0, x1, y1];
}

/** Whether (x, y) lies inside `box` (edges included). */
export function isInBox(box: Box, x: number, y: number): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}
