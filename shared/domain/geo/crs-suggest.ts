/**
 * Guessing a file's coordinate system from its numbers, and choosing the metric CRS every
 * distance is computed in (the project's "analysis CRS").
 */
import { createTransform, getCrsDefinition, listCrsDefinitions, type CrsDefinition } from './crs';
import { computeRobustExtent, type Box } from './robust-extent';

/** One candidate source CRS with the share of sampled points that land in its area of use. */
export interface CrsCandidate {
  readonly code: string;
  readonly name: string;
  /** 0..1: share of sampled points inside the CRS's area of use after transformation. */
  readonly fit: number;
  /**
   * Median distance in metres between the transformed points and the file's own longitude/
   * latitude columns, when those were given ({@link guessCrs} `lonLat`): under ~100 m confirms
   * the candidate.
   */
  readonly medianOffsetM?: number;
}

/** What the value ranges say about a pair of coordinate columns. */
export type CrsGuess =
  | { readonly kind: 'none' }
  | { readonly kind: 'degrees'; readonly code: 'EPSG:4326'; readonly swapped: boolean }
  | { readonly kind: 'projected'; readonly candidates: readonly CrsCandidate[] };

const SAMPLE = 256;

/**
 * Guesses the CRS of columns (xs = easting or longitude, ys = northing or latitude).
 * Zeros and non-finite values are ignored; the 1st-99th percentile box of the rest decides:
 * - inside lon [-180, 180] x lat [-90, 90] -> degrees (EPSG:4326);
 * - inside lat x lon the other way round -> degrees with the columns swapped;
 * - otherwise projected: every projected CRS in the registry is tried on up to 256 evenly spaced
 *   points; candidates are ranked by the share of points that land inside the CRS's area of
 *   use (widened by 0.5 degree), then by the smaller area of use (the more specific zone),
 *   then plain NAD83 before HARN/2011 (their proj4 definitions coincide, so the numbers cannot
 *   tell them apart), then by how central the points lie in the area of use. Only candidates with fit >= 0.5 are returned, at most `limit` (default 8).
 * `within` (lon/lat box, e.g. the agency's jurisdiction) replaces the areas of use when given.
 * `lonLat`: the same rows' longitude/latitude columns, when the file has both: candidates are
 * then ranked by the median distance between their transformed points and those columns
 * (`medianOffsetM`, within 1 m counts as a tie), which singles out the zone (the NAD83
 * variants still tie).
 */
export function guessCrs(
  xs: Float64Array,
  ys: Float64Array,
  options: { limit?: number; within?: Box; lonLat?: { lon: Float64Array; lat: Float64Array } } = {},
): CrsGuess {
  const px: number[] = [];
  const py: number[] = [];
  const plon: number[] = [];
  const plat: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (Number.isFinite(x) && Number.isFinite(y) && !(x === 0 && y === 0)) {
      px.push(x);
      py.push(y);
      plon.push(options.lonLat?.lon[i] ?? Number.NaN);
      plat.push(options.lonLat?.lat[i] ?? Number.NaN);
    }
  }
  if (px.length === 0) return { kind: 'none' };
  const box = computeRobustExtent(Float64Array.from(px), Float64Array.from(py), { expand: 0 });
  if (!box) return { kind: 'none' };
  const [x0, y0, x1, y1] = box;
  if (x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90) return { kind: 'degrees', code: 'EPSG:4326', swapped: false };
  if (y0 >= -180 && y1 <= 180 && x0 >= -90 && x1 <= 90) return { kind: 'degrees', code: 'EPSG:4326', swapped: true };

  const stride = Math.max(1, Math.floor(px.length / SAMPLE));
  const sx: number[] = [];
  const sy: number[] = [];
  const slon: number[] = [];
  const slat: number[] = [];
  for (let i = 0; i < px.length && sx.length < SAMPLE; i += stride) {
    sx.push(px[i] as number);
    sy.push(py[i] as number);
    slon.push(plon[i] as number);
    slat.push(plat[i] as number);
  }
  const candidates: (CrsCandidate & { centred: number; nad83: boolean })[] = [];
  // With the file's own lon/lat, only systems whose area of use holds their median can match.
  const usableLonLat = slon.map((a, i) => [a, slat[i] as number] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && Math.abs(b) <= 90 && Math.abs(a) <= 180);
  const mid = (v: number[]) => v.sort((p, q) => p - q)[Math.floor(v.length / 2)] as number;
  const centre = usableLonLat.length > 0 ? [mid(usableLonLat.map((p) => p[0])), mid(usableLonLat.map((p) => p[1]))] : undefined;
  for (const def of listCrsDefinitions()) {
    if (def.units === 'degree' || !def.bbox) continue;
    if (centre) {
      const w = widen(def.bbox, 0.5);
      if (!((centre[0] as number) >= w[0] && (centre[0] as number) <= w[2] && (centre[1] as number) >= w[1] && (centre[1] as number) <= w[3])) continue;
    }
    const area = options.within ?? widen(def.bbox, 0.5);
    const lon = Float64Array.from(sx);
    const lat = Float64Array.from(sy);
    createTransform(def.code, 'EPSG:4326').inPlace(lon, lat);
    let inside = 0;
    for (let i = 0; i < lon.length; i++) {
      const a = lon[i] as number;
      const b = lat[i] as number;
      if (a >= area[0] && a <= area[2] && b >= area[1] && b <= area[3]) inside++;
    }
    const fit = inside / lon.length;
    if (fit < 0.5) continue;
    const medianOffsetM = options.lonLat ? medianOffsetMetres(lon, lat, slon, slat) : undefined;
    candidates.push({
      code: def.code,
      name: def.name,
      fit,
      ...(medianOffsetM !== undefined ? { medianOffsetM } : {}),
      centred: centredness(def.bbox, lon, lat),
      nad83: def.name.startsWith('NAD83 /'),
    });
  }
  const offset = (c: CrsCandidate) => c.medianOffsetM ?? Number.POSITIVE_INFINITY;
  candidates.sort(
    (a, b) =>
      (options.lonLat && !(Math.abs(offset(a) - offset(b)) < 1) ? offset(a) - offset(b) || 0 : 0) ||
      b.fit - a.fit ||
      Number(b.nad83) - Number(a.nad83) ||
      a.centred - b.centred ||
      codeNumber(a.code) - codeNumber(b.code),
  );
  return {
    kind: 'projected',
    candidates: candidates.slice(0, options.limit ?? 8).map(({ code, name, fit, medianOffsetM }) => ({ code, name, fit, ...(medianOffsetM !== undefined ? { medianOffsetM } : {}) })),
  };
}

/** Median great-circle-ish distance (equirectangular, metres) between two point lists; undefined if no pair is usable. */
function medianOffsetMetres(lon: Float64Array, lat: Float64Array, refLon: number[], refLat: number[]): number | undefined {
  const d: number[] = [];
  for (let i = 0; i < lon.length; i++) {
    const a = refLon[i] as number;
    const b = refLat[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b) || (a === 0 && b === 0)) continue;
    const dx = ((lon[i] as number) - a) * Math.cos((b * Math.PI) / 180) * 111_320;
    const dy = ((lat[i] as number) - b) * 110_574;
    if (Number.isFinite(dx) && Number.isFinite(dy)) d.push(Math.hypot(dx, dy));
  }
  if (d.length === 0) return undefined;
  d.sort((x, y) => x - y);
  return d[Math.floor((d.length - 1) / 2)];
}

/** How far the points' median lies from the centre of an area of use, in half-widths (0 = centre). */
function centredness(bbox: readonly [number, number, number, number], lon: Float64Array, lat: Float64Array): number {
  const mid = (a: Float64Array) => Float64Array.from(a).sort()[Math.floor(a.length / 2)] ?? 0;
  const cx = (bbox[0] + bbox[2]) / 2;
  const cy = (bbox[1] + bbox[3]) / 2;
  return Math.max(Math.abs(mid(lon) - cx) / ((bbox[2] - bbox[0]) / 2 || 1), Math.abs(mid(lat) - cy) / ((bbox[3] - bbox[1]) / 2 || 1));
}

function widen(b: readonly [number, number, number, number], d: number): Box {
  return [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
}

function codeNumber(code: string): number {
  return Number(code.replace(/^EPSG:/, '')) || 0;
}

/** The UTM zone (1..60) of a longitude in degrees; the Norway/Svalbard exceptions are ignored. */
export function utmZoneOf(lon: number): number {
  const z = Math.floor((((lon + 180) % 360) + 360) % 360 / 6) + 1;
  return Math.min(60, Math.max(1, z));
}

/** The WGS 84 UTM code for a point: EPSG:326zz north of the equator, EPSG:327zz south. */
export function utmCodeFor(lon: number, lat: number): string {
  const zone = String(utmZoneOf(lon)).padStart(2, '0');
  return `EPSG:${lat >= 0 ? '326' : '327'}${zone}`;
}

/** The analysis CRS and why it was chosen (shown in the import summary). */
export interface AnalysisCrsChoice {
  readonly code: string;
  readonly name: string;
  readonly reason: string;
}

/**
 * Chooses the metric CRS for distance work:
 * - a projected source in metres (not Web Mercator) -> the source itself;
 * - a source zone in feet -> its metre twin (same projection and datum: EPSG:2276 -> EPSG:32138).
 *   Better than a UTM zone: coordinates convert exactly (x_m = x_ft * 1200/3937 when the false
 *   origins agree), the agency's own GIS uses the zone, and State Plane zones are designed for
 *   at most 1:10,000 scale error inside the zone where UTM allows 1:2,500;
 * - otherwise (degrees, Web Mercator, a feet zone without twin) -> the WGS 84 UTM zone of
 *   `centroidLonLat` (the data's centre); Web Mercator is never used for distances (its scale
 *   error is 1/cos(latitude), about 20% at 35 degrees).
 * `override` (a user's --analysis-crs) wins when it is a known metric CRS; validity is checked
 * by the caller with {@link validateAnalysisCrs}.
 */
export function chooseAnalysisCrs(sourceCode: string, centroidLonLat: readonly [number, number] | undefined, override?: string): AnalysisCrsChoice {
  if (override) {
    const def = getCrsDefinition(override);
    if (def) return { code: def.code, name: def.name, reason: 'given' };
  }
  const src = getCrsDefinition(sourceCode);
  if (src && src.units === 'metre' && src.code !== 'EPSG:3857') return { code: src.code, name: src.name, reason: 'the source CRS is projected in metres' };
  if (src?.metricTwin) {
    const twin = getCrsDefinition(src.metricTwin);
    if (twin) return { code: twin.code, name: twin.name, reason: `the metre version of the source zone ${src.code} (exact unit conversion)` };
  }
  const [lon, lat] = centroidLonLat ?? [0, 0];
  const code = utmCodeFor(lon, lat);
  const def = getCrsDefinition(code) as CrsDefinition;
  return { code, name: def.name, reason: `the UTM zone of the data's centre (${lon.toFixed(3)}, ${lat.toFixed(3)})` };
}

/** Undefined when `code` is a known CRS with metre units; else a sentence saying what is wrong. */
export function validateAnalysisCrs(code: string): string | undefined {
  const def = getCrsDefinition(code);
  if (!def) return `unknown CRS "${code}" (not in the bundled EPSG table)`;
  if (def.units !== 'metre') return `${def.code} (${def.name}) is in ${def.units === 'degree' ? 'degrees' : 'feet'}; the analysis CRS must be projected in metres`;
  if (def.code === 'EPSG:3857') return 'EPSG:3857 (Web Mercator) distorts distances by about 20% at US latitudes; choose a State Plane (metres) or UTM zone';
  return undefined;
}
