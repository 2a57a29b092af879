/**
 * Closed-form column transforms for the projections US agencies use most: Lambert Conformal
 * Conic 2SP (most State Plane zones) to and from geographic degrees, and the exact linear map
 * between two CRSs that differ only in units (a State Plane zone in US feet and its metre twin).
 * Both run on typed arrays in place and agree with proj4js (tested); everything else goes through
 * proj4js point by point (crs.ts).
 */
import { INTERNATIONAL_FOOT_M, US_SURVEY_FOOT_M } from './units';

/** Lambert Conformal Conic (2SP) constants for the fast column path. */
export interface Lcc {
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
export function lccFromProj4(def: string): Lcc | undefined {
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
export function lccInverseInPlace(c: Lcc, xs: Float64Array, ys: Float64Array): void {
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
export function lccForwardInPlace(c: Lcc, xs: Float64Array, ys: Float64Array): void {
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


/** `out = in * scale + offset` per axis: the map between two CRSs that differ only in units. */
export interface UnitShift {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

/**
 * The exact linear map from CRS `src` to CRS `dst` (proj4 strings) when they are the same
 * projection on the same ellipsoid and differ only in linear units and false origin (a State
 * Plane zone in US feet and the same zone in metres: EPSG:2276 -> EPSG:32138). Undefined
 * otherwise. proj4 gives x_0/y_0 in metres whatever the units, so
 * x_dst = (x_src * m_src - x0_src + x0_dst) / m_dst, with m the metres per unit.
 */
export function unitShiftBetween(src: string, dst: string): UnitShift | undefined {
  const a = proj4Params(src);
  const b = proj4Params(dst);
  const rest = (p: Map<string, string>) =>
    [...p.entries()].filter(([k]) => !['units', 'x_0', 'y_0', 'no_defs', 'type', 'to_meter'].includes(k)).map(([k, v]) => `${k}=${v}`).sort().join(' ');
  if (a.get('proj') === 'longlat' || a.get('proj') === 'latlong' || rest(a) !== rest(b)) return undefined;
  const ma = metresPerProj4Unit(a);
  const mb = metresPerProj4Unit(b);
  if (!Number.isFinite(ma) || !Number.isFinite(mb)) return undefined;
  const num = (p: Map<string, string>, k: string) => Number(p.get(k) ?? 0);
  return { scale: ma / mb, dx: (num(b, 'x_0') - num(a, 'x_0')) / mb, dy: (num(b, 'y_0') - num(a, 'y_0')) / mb };
}

/** Applies a {@link UnitShift} in place; non-finite inputs become NaN on both axes. */
export function unitShiftInPlace(s: UnitShift, xs: Float64Array, ys: Float64Array): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      xs[i] = x * s.scale + s.dx;
      ys[i] = y * s.scale + s.dy;
    } else {
      xs[i] = Number.NaN;
      ys[i] = Number.NaN;
    }
  }
}

function proj4Params(def: string): Map<string, string> {
  const p = new Map<string, string>();
  for (const token of def.trim().split(/\s+/)) {
    const [key, value] = token.replace(/^\+/, '').split('=');
    if (key) p.set(key, value ?? '');
  }
  return p;
}

function metresPerProj4Unit(p: Map<string, string>): number {
  if (p.has('to_meter')) return Number(p.get('to_meter'));
  const units = p.get('units');
  return units === 'us-ft' ? US_SURVEY_FOOT_M : units === 'ft' ? INTERNATIONAL_FOOT_M : units === 'm' || units === undefined ? 1 : Number.NaN;
}
