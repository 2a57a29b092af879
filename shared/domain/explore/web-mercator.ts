/**
 * Spherical Web Mercator (EPSG:3857) in "world units": x and y in [0, 1] from the west and north
 * edges of the 85.0511° square, the coordinates maplibre and deck.gl tile at 512 px per tile.
 * A point's screen pixel at zoom z is world * 512 * 2^z (relative to the world's corner).
 */

/** Pixels per world unit at zoom `zoom` with 512 px tiles (maplibre's convention). */
export function worldPixels(zoom: number): number {
  return 512 * 2 ** zoom;
}

/** Longitude (degrees) -> world x in [0, 1]. */
export function lonToWorldX(lon: number): number {
  return (lon + 180) / 360;
}

/** Latitude (degrees, clamped to ±85.0511) -> world y in [0, 1], 0 at the north edge. */
export function latToWorldY(lat: number): number {
  const c = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
  const s = Math.sin((c * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** World x -> longitude, degrees. */
export function worldXToLon(x: number): number {
  return x * 360 - 180;
}

/** World y -> latitude, degrees. */
export function worldYToLat(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** World coordinates of interleaved lon/lat pairs (deck.gl positions), as two columns. */
export function toWorldColumns(positions: ArrayLike<number>): { x: Float64Array; y: Float64Array } {
  const n = Math.floor(positions.length / 2);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = lonToWorldX(positions[2 * i] as number);
    y[i] = latToWorldY(positions[2 * i + 1] as number);
  }
  return { x, y };
}
