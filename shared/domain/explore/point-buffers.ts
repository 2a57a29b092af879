/**
 * Binary attributes for a deck.gl point layer, built straight from Arrow columns: no per-row
 * objects, so a million incidents cost two typed arrays (ARCHITECTURE.md, rule 1).
 */
export interface PointBuffers {
  /** Number of points kept. */
  length: number;
  /** lon, lat pairs in degrees (deck.gl `getPosition`, size 2, 64-bit for metre accuracy). */
  positions: Float64Array;
  /** RGBA per point (deck.gl `getFillColor`, size 4, normalized). */
  colors: Uint8Array;
  /** For each kept point, its row in the source columns (to identify a clicked point). */
  sourceRows: Uint32Array;
}

/**
 * Keeps the points whose group is visible and colours them by group.
 * @param lon,lat degrees, same length.
 * @param group group index per point; `colors[group]` is its RGB colour.
 * @param visible `visible[group]` true to keep that group (missing entries mean hidden).
 * @param alpha 0-255 opacity for every point.
 */
export function buildPointBuffers(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  group: ArrayLike<number>,
  colors: readonly (readonly [number, number, number])[],
  visible: readonly boolean[],
  alpha = 200,
): PointBuffers {
  const n = lon.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (visible[group[i] ?? -1]) kept++;
  const positions = new Float64Array(kept * 2);
  const rgba = new Uint8Array(kept * 4);
  const sourceRows = new Uint32Array(kept);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const g = group[i] ?? -1;
    if (!visible[g]) continue;
    const c = colors[g] ?? [0, 0, 0];
    positions[2 * k] = lon[i] ?? 0;
    positions[2 * k + 1] = lat[i] ?? 0;
    rgba[4 * k] = c[0];
    rgba[4 * k + 1] = c[1];
    rgba[4 * k + 2] = c[2];
    rgba[4 * k + 3] = alpha;
    sourceRows[k] = i;
    k++;
  }
  return { length: kept, positions, colors: rgba, sourceRows };
}

/** Count of points per group index (length `groupCount`); indices outside are ignored. */
export function countByGroup(group: ArrayLike<number>, groupCount: number): number[] {
  const counts = new Array<number>(groupCount).fill(0);
  for (let i = 0; i < group.length; i++) {
    const g = group[i] ?? -1;
    if (g >= 0 && g < groupCount) counts[g] = (counts[g] ?? 0) + 1;
  }
  return counts;
}

/** [minLon, minLat, maxLon, maxLat] of the points, or null when there are none. */
export function boundsOf(lon: ArrayLike<number>, lat: ArrayLike<number>): [number, number, number, number] | null {
  if (lon.length === 0) return null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < lon.length; i++) {
    const x = lon[i] ?? 0, y = lat[i] ?? 0;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}
