/**
 * Counts by polygon (beats, districts, any polygon reference layer) as a choropleth: every point
 * is assigned to the first polygon that contains it (geo/point-in-polygon.ts, even-odd rule, in
 * the analysis CRS), polygons with no incidents count 0, and the mapped value is the count, the
 * count per km² (or mi²) of polygon area, or the count per `per` units of a numeric property
 * (e.g. per 1,000 residents). Areas are planar, from the polygon projected to the analysis CRS
 * (shoelace formula, holes subtracted).
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { createTransform } from '../geo/crs';
import { isPointInPolygon, toFlatPolygon, type FlatPolygon } from '../geo/point-in-polygon';
import { SQUARE_METRES_PER_SQUARE_MILE } from '../stats/kde';

/** What a polygon's value is. */
export type ChoroplethRate = { readonly kind: 'count' } | { readonly kind: 'area'; readonly unit: 'km2' | 'mi2' } | { readonly kind: 'per'; readonly field: string; readonly per: number };

/** Polygons of a reference layer in the analysis CRS, one unit per feature (a MultiPolygon is one unit). */
export interface PolygonUnits {
  readonly crs: string;
  /** Unit label: the feature's name/beat/district/id property, or "#k". */
  readonly names: readonly string[];
  readonly parts: readonly (readonly FlatPolygon[])[];
  /** Planar area, square metres. */
  readonly areas: Float64Array;
  readonly properties: readonly Readonly<Record<string, unknown>>[];
  /** Each unit's polygons in lon/lat (for drawing), as in the GeoJSON: unit -> polygon -> ring -> [lon, lat]. */
  readonly lonLatParts: readonly (readonly (readonly [number, number][])[])[][];
}

const NAME_KEYS = ['name', 'NAME', 'beat', 'BEAT', 'district', 'DISTRICT', 'label', 'id', 'ID'];

function ringArea(ring: Float64Array): number {
  let a = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) a += (ring[2 * j] as number) * (ring[2 * i + 1] as number) - (ring[2 * i] as number) * (ring[2 * j + 1] as number);
  return Math.abs(a) / 2;
}

/**
 * Reads the Polygon and MultiPolygon features of a GeoJSON FeatureCollection (lon/lat, RFC 7946)
 * and projects them to `crs` (metres). Other geometry types are skipped. Errors: not a
 * FeatureCollection, or no polygon at all (the message names `file`).
 */
export function parsePolygonUnits(geojson: unknown, crs: string, file: string): Result<PolygonUnits, AppError> {
  const fc = geojson as { type?: unknown; features?: unknown };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return err({ kind: 'file-format', path: file, reason: 'not a GeoJSON FeatureCollection' });
  const toCrs = createTransform('EPSG:4326', crs);
  const names: string[] = [];
  const parts: FlatPolygon[][] = [];
  const areas: number[] = [];
  const properties: Record<string, unknown>[] = [];
  const lonLatParts: [number, number][][][][] = [];
  for (const f of fc.features as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null }[]) {
    const g = f?.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
    const flat: FlatPolygon[] = [];
    const partsLL: [number, number][][][] = [];
    let area = 0;
    for (const poly of polys) {
      const projected = poly.map((ring) => ring.map(([lon, lat]) => toCrs(Number(lon), Number(lat))));
      const fp = toFlatPolygon(projected);
      if (fp.rings.length === 0) continue;
      flat.push(fp);
      fp.rings.forEach((r, k) => (area += (k === 0 ? 1 : -1) * ringArea(r)));
      partsLL.push(poly.map((ring) => ring.map(([lon, lat]) => [Number(lon), Number(lat)] as [number, number])));
    }
    if (flat.length === 0) continue;
    const props = f.properties ?? {};
    const key = NAME_KEYS.find((k) => props[k] !== undefined && props[k] !== null && String(props[k]).trim() !== '');
    names.push(key ? String(props[key]) : `#${names.length + 1}`);
    parts.push(flat);
    areas.push(area);
    properties.push(props);
    lonLatParts.push(partsLL);
  }
  if (names.length === 0) return err({ kind: 'file-format', path: file, reason: 'no Polygon or MultiPolygon features' });
  return ok({ crs, names, parts, areas: Float64Array.from(areas), properties, lonLatParts });
}

/**
 * Incidents per unit: each point (x, y in the units' CRS) goes to the first unit containing it.
 * Returns the counts (length = units) and how many points fell in no unit. Non-finite points
 * count as outside. O(points x units) bounding-box tests plus the ring tests of candidates.
 */
export function countPointsByPolygon(units: PolygonUnits, xs: ArrayLike<number>, ys: ArrayLike<number>): { counts: Uint32Array; outside: number } {
  const counts = new Uint32Array(units.names.length);
  let outside = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    let hit = -1;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      for (let u = 0; u < units.parts.length && hit < 0; u++) {
        for (const p of units.parts[u] as FlatPolygon[]) {
          if (isPointInPolygon(p, x, y)) {
            hit = u;
            break;
          }
        }
      }
    }
    if (hit >= 0) counts[hit] = (counts[hit] as number) + 1;
    else outside++;
  }
  return { counts, outside };
}

/** The numeric property names present (as numbers or numeric strings) on every unit: candidate denominators. */
export function numericProperties(units: PolygonUnits): string[] {
  const first = units.properties[0] ?? {};
  return Object.keys(first).filter((k) => units.properties.every((p) => p[k] !== null && p[k] !== '' && Number.isFinite(Number(p[k]))));
}

/**
 * The mapped value of every unit: the count; count / area in km² (or mi²); or
 * count / property * per. A unit whose denominator is missing, not a number, or <= 0 gets NaN
 * ("no rate", shown apart in the legend), never Infinity. Errors: `per` not > 0, or a property
 * no unit has (named).
 */
export function computeChoroplethValues(units: PolygonUnits, counts: ArrayLike<number>, rate: ChoroplethRate): Result<{ values: Float64Array; denominators: Float64Array; label: string }, AppError> {
  const n = units.names.length;
  const values = new Float64Array(n);
  const denominators = new Float64Array(n);
  if (rate.kind === 'count') {
    for (let i = 0; i < n; i++) (values[i] = counts[i] as number), (denominators[i] = 1);
    return ok({ values, denominators, label: 'incidents' });
  }
  if (rate.kind === 'area') {
    const m2 = rate.unit === 'km2' ? 1e6 : SQUARE_METRES_PER_SQUARE_MILE;
    for (let i = 0; i < n; i++) {
      const a = (units.areas[i] as number) / m2;
      denominators[i] = a;
      values[i] = a > 0 ? (counts[i] as number) / a : NaN;
    }
    return ok({ values, denominators, label: `incidents per ${rate.unit === 'km2' ? 'km²' : 'mi²'}` });
  }
  if (!(rate.per > 0)) return err({ kind: 'invalid-argument', name: 'per', value: String(rate.per), expected: 'a multiplier > 0, e.g. 1000' });
  if (!units.properties.some((p) => p[rate.field] !== undefined)) return err({ kind: 'column-missing', column: rate.field });
  for (let i = 0; i < n; i++) {
    const d = Number((units.properties[i] ?? {})[rate.field]);
    denominators[i] = Number.isFinite(d) ? d : NaN;
    values[i] = Number.isFinite(d) && d > 0 ? ((counts[i] as number) / d) * rate.per : NaN;
  }
  return ok({ values, denominators, label: `incidents per ${rate.per.toLocaleString('en-US')} ${rate.field}` });
}

/** Parses the CLI/saved form: "count", "km2", "mi2" or "per:FIELD:N" (N defaults to 1000). */
export function parseChoroplethRate(text: string): Result<ChoroplethRate, AppError> {
  const t = text.trim();
  if (t === 'count') return ok({ kind: 'count' });
  if (t === 'km2' || t === 'mi2') return ok({ kind: 'area', unit: t });
  const m = /^per:([^:]+)(?::([0-9.eE+]+))?$/.exec(t);
  if (m && m[1]) {
    const per = m[2] === undefined ? 1000 : Number(m[2]);
    if (per > 0) return ok({ kind: 'per', field: m[1], per });
  }
  return err({ kind: 'invalid-argument', name: '--rate', value: text, expected: 'count, km2, mi2 or per:FIELD:N such as per:population:1000' });
}
