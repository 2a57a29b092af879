/**
 * The metric CRS the explore layers compute in (DOMAIN.md: distances never in degrees): the
 * WGS 84 UTM zone of the points' centre, so KDE radii, cell sizes and densities are in metres
 * and km^2. Points go lon/lat -> x/y with {@link createTransform}; layer geometry comes back the
 * same way for drawing.
 */
import { createTransform } from '../geo/crs';
import { utmCodeFor } from '../geo/crs-suggest';
import { computeExtent } from '../geo/grid';

/**
 * EPSG code of the UTM zone (EPSG:326zz north, 327zz south) holding the centre of the points'
 * bounding box; EPSG:32601 style zone 1 when there are no points (nothing to project).
 */
export function chooseExploreCrs(lon: ArrayLike<number>, lat: ArrayLike<number>): string {
  const e = computeExtent(lon, lat);
  if (!e) return utmCodeFor(-177, 0);
  return utmCodeFor((e.minX + e.maxX) / 2, (e.minY + e.maxY) / 2);
}

/** Projects lon/lat degrees to `crs` (metres): new columns, inputs untouched; NaN stays NaN. */
export function projectLonLat(lon: ArrayLike<number>, lat: ArrayLike<number>, crs: string): { x: Float64Array; y: Float64Array } {
  const x = Float64Array.from(lon);
  const y = Float64Array.from(lat);
  createTransform('EPSG:4326', crs).inPlace(x, y);
  return { x, y };
}

/** Turns interleaved x, y pairs in `crs` into interleaved lon, lat degrees, in place. */
export function unprojectInterleavedInPlace(positions: Float64Array, crs: string): void {
  const n = positions.length >> 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = positions[2 * i] as number;
    y[i] = positions[2 * i + 1] as number;
  }
  createTransform(crs, 'EPSG:4326').inPlace(x, y);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = x[i] as number;
    positions[2 * i + 1] = y[i] as number;
  }
}
