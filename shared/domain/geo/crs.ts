/**
 * Coordinate reference systems the workbench knows, and transforms between them (proj4js).
 *
 * Axis order is always (x, y) = (easting, northing) = (longitude, latitude), whatever the EPSG
 * axis order says: that is what RMS exports, GeoJSON (RFC 7946) and deck.gl use.
 * The registry is a plain record so that more zones (all US State Plane zones, UTM) can be added
 * as data, without touching the functions.
 */
import proj4 from 'proj4';

/** Linear unit of a CRS's coordinates. */
export type CrsUnits = 'degree' | 'metre' | 'us-ft' | 'ft';

/** One registry entry. `code` is the normalized key, e.g. "EPSG:2276". */
export interface CrsDefinition {
  readonly code: string;
  readonly name: string;
  /** proj4 definition string. */
  readonly proj4: string;
  readonly units: CrsUnits;
}

/** The US survey foot in metres, exactly 1200/3937 (US Survey Foot, Federal Register 1959). */
export const US_SURVEY_FOOT_M = 1200 / 3937;
/** The international foot in metres, exactly 0.3048. */
export const INTERNATIONAL_FOOT_M = 0.3048;

const ENTRIES: readonly CrsDefinition[] = [
  {
    code: 'EPSG:4326',
    name: 'WGS 84 (longitude/latitude)',
    proj4: '+proj=longlat +datum=WGS84 +no_defs',
    units: 'degree',
  },
  {
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator (web maps)',
    proj4:
      '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    units: 'metre',
  },
  {
    code: 'EPSG:2276',
    name: 'NAD83 / Texas North Central (ftUS)',
    proj4:
      '+proj=lcc +lat_0=31.6666666666667 +lon_0=-98.5 +lat_1=33.9666666666667 +lat_2=32.1333333333333 ' +
      '+x_0=600000 +y_0=2000000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
    units: 'us-ft',
  },
];

/** Known CRSs keyed by normalized code ("EPSG:2276"). */
export const CRS_REGISTRY: Readonly<Record<string, CrsDefinition>> = Object.freeze(
  Object.fromEntries(ENTRIES.map((e) => [e.code, e])),
);

/**
 * Normalizes how people write a CRS code: "epsg:2276", " EPSG:2276 ", "2276" and
 * "EPSG::2276" (URN style) all become "EPSG:2276". Other text is trimmed and upper-cased.
 */
export function normalizeCrsCode(code: string): string {
  const t = code.trim().toUpperCase();
  const m = /^(?:EPSG:+)?(\d+)$/.exec(t) ?? /^URN:OGC:DEF:CRS:EPSG:[^:]*:(\d+)$/.exec(t);
  return m ? `EPSG:${m[1]}` : t;
}

/** The registry entry for `code` (any spelling {@link normalizeCrsCode} accepts), or undefined. */
export function getCrsDefinition(code: string): CrsDefinition | undefined {
  return CRS_REGISTRY[normalizeCrsCode(code)];
}

/** All registry entries, in registration order. */
export function listCrsDefinitions(): readonly CrsDefinition[] {
  return ENTRIES;
}

/** Metres per coordinate unit; NaN for degrees (angular units have no fixed length). */
export function metresPerUnit(units: CrsUnits): number {
  switch (units) {
    case 'metre':
      return 1;
    case 'us-ft':
      return US_SURVEY_FOOT_M;
    case 'ft':
      return INTERNATIONAL_FOOT_M;
    case 'degree':
      return Number.NaN;
  }
}

/** Lambert Conformal Conic (2SP) constants for the fast column path. */
interface Lcc {
  e: number;
  n: number;
  aF: number;
  rho0: number;
  lon0: number;
  x0: number;
  y0: number;
  toMetre: number;
}

const GRS80_WGS84_A = 6378137;
const ELLIPSOID_RF: Readonly<Record<string, number>> = { GRS80: 298.257222101, WGS84: 298.257223563 };

/**
 * Lambert Conformal Conic constants from a proj4 string, or undefined when the string is not a
 * plain LCC 2SP on the GRS80/WGS84 ellipsoid without a datum shift (those go through proj4js).
 * Formulas: EPSG Guidance Note 7-2, method 9802 (Snyder 1987, "Map Projections: A Working
 * Manual", pp. 104-110). At this ellipsoid pair NAD83 and WGS84 coincide, as in proj4js.
 */
function lccFromProj4(def: string): Lcc | undefined {
  const p = new Map<string, string>();
  for (const token of def.trim().split(/\s+/)) {
    const [key, value] = token.replace(/^\+/, '').split('=');
    if (key) p.set(key, value ?? '');
  }
  const rf = ELLIPSOID_RF[p.get('ellps') ?? (p.get('datum') === 'NAD83' ? 'GRS80' : p.get('datum') ?? '')];
  const towgs = (p.get('towgs84') ?? '0').split(',').map(Number);
  const units = p.get('units');
  const toMetre = units === 'us-ft' ? US_SURVEY_FOOT_M : units === 'ft' ? INTERNATIONAL_FOOT_M : units === 'm' || units === undefined ? 1 : Number.NaN;
  if (p.get('proj') !== 'lcc' || rf === undefined || towgs.some((v) => v !== 0) || Number.isNaN(toMetre)) return undefined;
  if (p.has('k') || p.has('k_0') || p.has('a') || p.has('b') || p.has('pm') || p.has('axis')) return undefined;
  const rad = (key: string): number => (Number(p.get(key) ?? 0) * Math.PI) / 180;
  const lat1 = rad('lat_1');
  const lat2 = p.has('lat_2') ? rad('lat_2') : lat1;
  const e = Math.sqrt((2 - 1 / rf) / rf);
  const m = (phi: number): number => Math.cos(phi) / Math.sqrt(1 - (e * Math.sin(phi)) ** 2);
  const t = (phi: number): number => Math.tan(Math.PI / 4 - phi / 2) / ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2);
  const n = Math.abs(lat1 - lat2) > 1e-10 ? Math.log(m(lat1) / m(lat2)) / Math.log(t(lat1) / t(lat2)) : Math.sin(lat1);
  if (!(n > 0)) return undefined; // southern-hemisphere cones: leave them to proj4js
  const aF = (GRS80_WGS84_A * m(lat1)) / (n * t(lat1) ** n);
  return { e, n, aF, rho0: aF * t(rad('lat_0')) ** n, lon0: rad('lon_0'), x0: Number(p.get('x_0') ?? 0), y0: Number(p.get('y_0') ?? 0), toMetre };
}

/** In place: projected (CRS units) -> lon/lat degrees. */
function lccInverseInPlace(c: Lcc, xs: Float64Array, ys: Float64Array): void {
  // Latitude from the conformal latitude chi by Snyder's series (eq. 3-5), no iteration:
  // truncation error ~1e-12 rad for GRS80.
  const e2 = c.e * c.e;
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  const e8 = e4 * e4;
  const k2 = e2 / 2 + (5 * e4) / 24 + e6 / 12 + (13 * e8) / 360;
  const k4 = (7 * e4) / 48 + (29 * e6) / 240 + (811 * e8) / 11520;
  const k6 = (7 * e6) / 120 + (81 * e8) / 1120;
  const k8 = (4279 * e8) / 161280;
  const invN = 1 / c.n;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) * c.toMetre - c.x0;
    const dy = c.rho0 - ((ys[i] as number) * c.toMetre - c.y0);
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) {
      xs[i] = Number.NaN;
      ys[i] = Number.NaN;
      continue;
    }
    const t = Math.pow(Math.sqrt(dx * dx + dy * dy) / c.aF, invN);
    const chi = Math.PI / 2 - 2 * Math.atan(t);
    const s2 = Math.sin(2 * chi);
    const c2 = Math.cos(2 * chi);
    const s4 = 2 * s2 * c2;
    const c4 = c2 * c2 - s2 * s2;
    const s6 = s4 * c2 + c4 * s2;
    const s8 = 2 * s4 * c4;
    const phi = chi + k2 * s2 + k4 * s4 + k6 * s6 + k8 * s8;
    xs[i] = ((Math.atan2(dx, dy) * invN + c.lon0) * 180) / Math.PI;
    ys[i] = (phi * 180) / Math.PI;
  }
}

/** In place: lon/lat degrees -> projected (CRS units). */
function lccForwardInPlace(c: Lcc, xs: Float64Array, ys: Float64Array): void {
  for (let i = 0; i < xs.length; i++) {
    const lon = ((xs[i] as number) * Math.PI) / 180;
    const phi = ((ys[i] as number) * Math.PI) / 180;
    if (!Number.isFinite(lon) || !Number.isFinite(phi)) {
      xs[i] = Number.NaN;
      ys[i] = Number.NaN;
      continue;
    }
    const es = c.e * Math.sin(phi);
    const t = Math.tan(Math.PI / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (c.e / 2);
    const rho = c.aF * t ** c.n;
    const theta = c.n * (lon - c.lon0);
    xs[i] = (c.x0 + rho * Math.sin(theta)) / c.toMetre;
    ys[i] = (c.y0 + c.rho0 - rho * Math.cos(theta)) / c.toMetre;
  }
}

/** A point transform between two CRSs, plus a column (in place) form. */
export interface CoordinateTransform {
  /** Transforms one point. Non-finite input gives [NaN, NaN]. */
  (x: number, y: number): [number, number];
  readonly from: string;
  readonly to: string;
  /**
   * Transforms columns in place: xs[i], ys[i] become the target coordinates. Non-finite inputs
   * become NaN (a missing coordinate stays missing). `xs` and `ys` must have the same length.
   */
  inPlace(xs: Float64Array, ys: Float64Array): void;
}

/**
 * Creates a transform from CRS `from` to CRS `to` (codes as {@link getCrsDefinition} accepts).
 * The same code on both sides gives an identity transform. An unknown code throws: callers
 * check user input with {@link getCrsDefinition} first, so reaching here with one is a bug.
 * Single points always go through proj4js. Columns between a plain Lambert Conformal Conic zone
 * (most State Plane zones) and EPSG:4326 use a closed-form implementation that agrees with
 * proj4js to better than 1e-9 degrees (tested); everything else loops over proj4js.
 * Accuracy: proj4js round trips EPSG:2276 <-> EPSG:4326 to ~1e-12 degrees.
 */
export function createTransform(from: string, to: string): CoordinateTransform {
  const src = getCrsDefinition(from);
  const dst = getCrsDefinition(to);
  if (!src) throw new Error(`unknown CRS "${from}"`);
  if (!dst) throw new Error(`unknown CRS "${to}"`);
  const identity = src.code === dst.code;
  const converter = identity ? undefined : proj4(src.proj4, dst.proj4);
  const point = [0, 0];

  const one = (x: number, y: number): [number, number] => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return [Number.NaN, Number.NaN];
    if (!converter) return [x, y];
    point[0] = x;
    point[1] = y;
    const r = converter.forward(point);
    return [r[0] ?? Number.NaN, r[1] ?? Number.NaN];
  };

  // Column fast path for State Plane LCC zones <-> WGS84 (about 10x proj4js per point).
  const srcLcc = dst.code === 'EPSG:4326' ? lccFromProj4(src.proj4) : undefined;
  const dstLcc = src.code === 'EPSG:4326' ? lccFromProj4(dst.proj4) : undefined;

  const inPlace = (xs: Float64Array, ys: Float64Array): void => {
    if (xs.length !== ys.length) throw new RangeError(`x and y columns differ in length (${xs.length} vs ${ys.length})`);
    if (srcLcc) return lccInverseInPlace(srcLcc, xs, ys);
    if (dstLcc) return lccForwardInPlace(dstLcc, xs, ys);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      const y = ys[i] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        xs[i] = Number.NaN;
        ys[i] = Number.NaN;
      } else if (converter) {
        point[0] = x;
        point[1] = y;
        const r = converter.forward(point);
        xs[i] = r[0] ?? Number.NaN;
        ys[i] = r[1] ?? Number.NaN;
      }
    }
  };

  return Object.assign(one, { from: src.code, to: dst.code, inPlace });
}
