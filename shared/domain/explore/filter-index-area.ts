/**
 * The drawn-area filter on a {@link FilterIndex}: the rows inside a polygon, computed in memory
 * with exactly the arithmetic of {@link buildPolygonFilterSql} (area-field-filters.ts), so the
 * kept rows equal the SQL predicate's bit for bit, points on edges and vertices included:
 *   - longitude/latitude are the column map's own expressions, evaluated once by DuckDB and kept
 *     as Float64 per rowid (NULL -> NaN, which fails the bounding box as NULL fails it in SQL);
 *   - every constant (bounding box, each edge's latitude range, start and slope) is the value
 *     DuckDB reads from the SQL builder's literal text (`String(n)::DOUBLE`), fetched in one
 *     tiny query, because a 17-digit decimal literal need not parse to the JS double it came from;
 *   - the test per row is the builder's, term for term: `lo <= Y < hi AND X < x_i + (Y - y_i) * k`
 *     in IEEE double (no fused multiply-add in wasm or V8), the parity of the crossings kept.
 * Edges are bucketed into latitude bands (a monotone function of Y, so no crossing edge is ever
 * left out of a point's band), which makes a 500-corner area cost little more than an 8-corner one.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { parseFilterPolygon, type FilterPolygon } from './area-field-filters';

/** Longitude/latitude (degrees, DOUBLE as DuckDB computes the column map's expressions) per rowid; NaN = NULL or no row. */
export interface AreaColumns {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

/** The query for {@link AreaColumns}: rowid and the two expressions cast to DOUBLE, NULL as NaN. */
export function buildAreaColumnsSql(table: string, lonExpr: string, latExpr: string): string {
  const d = (e: string) => `coalesce(CAST((${e}) AS DOUBLE), 'NaN'::DOUBLE)`;
  return `SELECT rowid::UINTEGER AS r, ${d(lonExpr)} AS x, ${d(latExpr)} AS y FROM ${quoteIdent(table)}`;
}

/**
 * Loads {@link AreaColumns} of `table` (`size` = the index's max(rowid) + 1): one scan, 16 bytes
 * per row (16 MB at 1M rows). The expressions must give numbers (ExploreColumns' contract).
 */
export async function loadAreaColumns(engine: SqlEngine, table: string, lonExpr: string, latExpr: string, size: number): Promise<Result<AreaColumns, AppError>> {
  const t = await engine.query(buildAreaColumnsSql(table, lonExpr, latExpr));
  if (!t.ok) return t;
  const r = (t.value.getChild('r')?.toArray() as Uint32Array | undefined) ?? new Uint32Array(0);
  const x = (t.value.getChild('x')?.toArray() as Float64Array | undefined) ?? new Float64Array(0);
  const y = (t.value.getChild('y')?.toArray() as Float64Array | undefined) ?? new Float64Array(0);
  const lon = new Float64Array(size).fill(NaN);
  const lat = new Float64Array(size).fill(NaN);
  for (let i = 0; i < r.length; i++) {
    const row = r[i] as number;
    if (row >= size) continue; // a row added after the index was built: it is not in the index either
    lon[row] = x[i] as number;
    lat[row] = y[i] as number;
  }
  return ok({ lon, lat });
}

/** The SQL builder's literal of `n` (area-field-filters.ts `num`): non-finite numbers are written 0. */
const literal = (n: number) => `${Number.isFinite(n) ? String(n) : '0'}::DOUBLE`;

/**
 * The numbers {@link buildPolygonFilterSql} writes for `ring`, in its order: minY, maxY, minX,
 * maxX, then per non-horizontal edge `i -> i+1`: min(lat), max(lat), lon_i, lat_i, slope. Null
 * when the builder writes FALSE (a refused ring, or only horizontal edges).
 */
export function polygonLiterals(polygon: FilterPolygon): number[] | null {
  const ring = parseFilterPolygon(polygon);
  if (!ring) return null;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const out = [minY, maxY, minX, maxX];
  for (let i = 0; i < ring.length; i++) {
    const [xi, yi] = ring[i] as readonly [number, number];
    const [xj, yj] = ring[(i + 1) % ring.length] as readonly [number, number];
    if (yi === yj) continue;
    out.push(Math.min(yi, yj), Math.max(yi, yj), xi, yi, (xj - xi) / (yj - yi));
  }
  return out.length === 4 ? null : out;
}

/**
 * Reads number literals as DuckDB does (one query, each distinct literal once): the doubles the
 * SQL predicate really compares with, in the order of `values`.
 */
export async function duckDoubles(engine: SqlEngine, values: readonly number[]): Promise<Result<Float64Array, AppError>> {
  if (values.length === 0) return ok(new Float64Array(0));
  const texts = values.map(literal);
  const distinct = [...new Set(texts)];
  const t = await engine.query(`SELECT [${distinct.join(', ')}] AS c`);
  if (!t.ok) return t;
  const list = t.value.getChild('c')?.get(0) as { toArray(): Float64Array } | null | undefined;
  const read = list?.toArray() ?? new Float64Array(0);
  const of = new Map(distinct.map((d, i) => [d, read[i] as number]));
  return ok(Float64Array.from(texts, (d) => of.get(d) as number));
}

/**
 * A slope so steep that `(Y - y_i) * k` could overflow: DuckDB raises an error on an infinite
 * DOUBLE result where JS gives Infinity, so such an area (edges a 1e-298 degree apart in
 * latitude) is left to SQL.
 */
export const MAX_EXACT_SLOPE = 1e300;

/**
 * `mask[rowid] = 1` for rows inside the area whose DuckDB-read constants are `c` (from
 * {@link duckDoubles} of {@link polygonLiterals}): the bounding box (inclusive), then the parity
 * of the half-open crossings, as the SQL. Null when a slope exceeds {@link MAX_EXACT_SLOPE}.
 */
export function areaMask(area: AreaColumns, c: Float64Array): Uint8Array | null {
  const { lon, lat } = area;
  const size = lon.length;
  const mask = new Uint8Array(size);
  const minY = c[0] as number, maxY = c[1] as number, minX = c[2] as number, maxX = c[3] as number;
  const edges = (c.length - 4) / 5;
  for (let e = 0; e < edges; e++) if (!(Math.abs(c[4 + e * 5 + 4] as number) <= MAX_EXACT_SLOPE)) return null;
  // Latitude bands: band(v) = min(B - 1, floor((v - minY) * scale)) never decreases with v, so an
  // edge with lo <= Y < hi is listed in Y's band when it is listed in band(lo)..band(hi).
  const bands = maxY > minY ? Math.max(1, Math.min(4096, edges * 2)) : 1;
  const scale = maxY > minY ? bands / (maxY - minY) : 0;
  const bandOf = (v: number) => Math.min(bands - 1, Math.max(0, Math.floor((v - minY) * scale)));
  const start = new Int32Array(bands + 1);
  for (let e = 0; e < edges; e++) for (let b = bandOf(c[4 + e * 5] as number); b <= bandOf(c[5 + e * 5] as number); b++) start[b + 1]!++;
  for (let b = 0; b < bands; b++) start[b + 1]! += start[b] as number;
  const fill = start.slice(0, bands);
  // Per listed edge: lo, hi, x_i, y_i, k, contiguous per band.
  const list = new Float64Array((start[bands] as number) * 5);
  for (let e = 0; e < edges; e++) {
    for (let b = bandOf(c[4 + e * 5] as number); b <= bandOf(c[5 + e * 5] as number); b++) {
      const at = fill[b]!++ * 5;
      for (let k = 0; k < 5; k++) list[at + k] = c[4 + e * 5 + k] as number;
    }
  }
  for (let r = 0; r < size; r++) {
    const Y = lat[r] as number;
    const X = lon[r] as number;
    if (!(Y >= minY && Y <= maxY && X >= minX && X <= maxX)) continue;
    const b = bandOf(Y);
    let inside = 0;
    for (let k = (start[b] as number) * 5, end = (start[b + 1] as number) * 5; k < end; k += 5) {
      if (Y >= (list[k] as number) && Y < (list[k + 1] as number) && X < (list[k + 2] as number) + (Y - (list[k + 3] as number)) * (list[k + 4] as number)) inside ^= 1;
    }
    mask[r] = inside;
  }
  return mask;
}
