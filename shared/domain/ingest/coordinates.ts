/**
 * The coordinate step, on typed arrays: choose each row's coordinate pair (projected X/Y first,
 * latitude/longitude as the fallback), repair swapped pairs, project to WGS 84 and to the
 * analysis CRS, and decide which rows have no usable location (missing, zero, not numbers, a
 * default location, outside the jurisdiction). proj4 runs here, not in DuckDB (DuckDB's spatial
 * extension is not available offline).
 */
import { createTransform } from '../geo/crs';
import { type FlatPolygon, pointsInPolygons } from '../geo/point-in-polygon';
import { computeRobustExtent, isInBox, type Box } from '../geo/robust-extent';
import { LATLON_TEXT_BAD, XY_TEXT_BAD } from './normalize-sql';

/** Coordinate problems (bits of the row's reason mask; at most one is set per row). */
export const COORD_MISSING = 1 << 8;
export const COORD_ZERO = 1 << 9;
export const COORD_INVALID = 1 << 10;
export const COORD_DEFAULT = 1 << 11;
export const COORD_OUTSIDE = 1 << 12;

/** Notes on usable coordinates (not problems). */
export const NOTE_NONE = 0;
export const NOTE_SWAPPED_LATLON = 1;
export const NOTE_SWAPPED_XY = 2;
export const NOTE_FROM_LATLON = 3;

/** A location many rows share that stands for "unknown" (see default-location.ts). */
export interface DefaultLocation {
  readonly pair: 'xy' | 'latlon';
  /** The exact source values (x, y) or (lon, lat). */
  readonly a: number;
  readonly b: number;
}

export interface CoordinateInput {
  readonly x?: Float64Array;
  readonly y?: Float64Array;
  readonly lon?: Float64Array;
  readonly lat?: Float64Array;
  /** Bits XY_TEXT_BAD / LATLON_TEXT_BAD per row. */
  readonly badText: Int32Array;
  /** CRS of x/y (EPSG:4326 when the "X/Y" columns hold degrees). */
  readonly xyCrs?: string;
  readonly analysisCrs: string;
  /** Jurisdiction polygons in lon/lat; without them the data's robust extent decides. */
  readonly jurisdiction?: readonly FlatPolygon[];
  readonly defaults: readonly DefaultLocation[];
  /** How far the robust extent reaches beyond the 1st-99th percentile box, as a share of its size per side (default 0.5). */
  readonly extentExpand?: number;
}

export interface CoordinateResult {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** COORD_* bit per row (0: usable). */
  readonly reasons: Uint16Array;
  /** NOTE_* per row. */
  readonly notes: Uint8Array;
  readonly counts: {
    /** Rows whose latitude/longitude columns are swapped (repaired, or ignored when X/Y were used). */
    readonly swappedLatLon: number;
    readonly swappedXY: number;
    readonly fromLatLon: number;
    /** Rows with both pairs usable that are more than 250 m apart. */
    readonly pairsDisagree: number;
  };
  /** The extent rows had to fall in (analysis CRS metres), when no jurisdiction polygon was given. */
  readonly extent?: Box;
  /** Median lon/lat of usable rows (for choosing a UTM zone); undefined when none. */
  readonly centre?: readonly [number, number];
}

const valid = (a: number, b: number) => Number.isFinite(a) && Number.isFinite(b) && a !== 0 && b !== 0;

/** Per-row swap flags of a pair: outside the majority's extent as given, inside it when swapped. */
function swappedRows(a: Float64Array, b: Float64Array, degrees: boolean): Uint8Array {
  const n = a.length;
  const fa = new Float64Array(n).fill(Number.NaN);
  const fb = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const p = a[i] as number;
    const q = b[i] as number;
    if (valid(p, q) && (!degrees || (Math.abs(p) <= 180 && Math.abs(q) <= 90))) {
      fa[i] = p;
      fb[i] = q;
    }
  }
  const box = computeRobustExtent(fa, fb, { expand: 0.5 });
  const out = new Uint8Array(n);
  if (!box) return out;
  for (let i = 0; i < n; i++) {
    const p = a[i] as number;
    const q = b[i] as number;
    if (valid(p, q) && !isInBox(box, p, q) && isInBox(box, q, p)) out[i] = 1;
  }
  return out;
}

/**
 * Runs the coordinate step over all rows. Per row, in order: X/Y when both are numbers and
 * neither is 0 (swapped X/Y repaired), else latitude/longitude likewise (swapped repaired); then
 * a default location (exact match of the chosen source values) or, for the rest, outside the
 * jurisdiction polygons or the robust extent (1st-99th percentile box of the usable points in
 * the analysis CRS, widened by `extentExpand` of its size on every side). Rows with no usable
 * pair get COORD_INVALID when a coordinate text is not a number, COORD_ZERO when a value is 0,
 * else COORD_MISSING.
 */
export function resolveCoordinates(input: CoordinateInput, rows: number): CoordinateResult {
  const nan = () => new Float64Array(rows).fill(Number.NaN);
  const lon = nan();
  const lat = nan();
  const ax = nan();
  const ay = nan();
  const reasons = new Uint16Array(rows);
  const notes = new Uint8Array(rows);
  const hasXY = input.x !== undefined && input.y !== undefined && input.xyCrs !== undefined;
  const hasLL = input.lon !== undefined && input.lat !== undefined;
  const xyDegrees = input.xyCrs === 'EPSG:4326';
  const swapXY = hasXY ? swappedRows(input.x as Float64Array, input.y as Float64Array, xyDegrees) : new Uint8Array(rows);
  const swapLL = hasLL ? swappedRows(input.lon as Float64Array, input.lat as Float64Array, true) : new Uint8Array(rows);
  const useXY = new Uint8Array(rows);
  let swappedLatLon = 0;
  let swappedXY = 0;
  let fromLatLon = 0;

  // Source values of the chosen pair, kept for the default-location match.
  const srcA = nan();
  const srcB = nan();
  for (let i = 0; i < rows; i++) {
    if (swapLL[i]) swappedLatLon++;
    const x = hasXY ? (input.x as Float64Array)[i] as number : Number.NaN;
    const y = hasXY ? (input.y as Float64Array)[i] as number : Number.NaN;
    const lo = hasLL ? (input.lon as Float64Array)[i] as number : Number.NaN;
    const la = hasLL ? (input.lat as Float64Array)[i] as number : Number.NaN;
    if (hasXY && valid(x, y)) {
      useXY[i] = 1;
      srcA[i] = x;
      srcB[i] = y;
      if (swapXY[i]) {
        swappedXY++;
        notes[i] = NOTE_SWAPPED_XY;
        ax[i] = y;
        ay[i] = x;
      } else {
        ax[i] = x;
        ay[i] = y;
      }
    } else if (hasLL && valid(lo, la)) {
      srcA[i] = lo;
      srcB[i] = la;
      if (swapLL[i]) {
        notes[i] = NOTE_SWAPPED_LATLON;
        lon[i] = la;
        lat[i] = lo;
      } else {
        lon[i] = lo;
        lat[i] = la;
      }
      if (Math.abs(lat[i] as number) > 90 || Math.abs(lon[i] as number) > 180) {
        lon[i] = Number.NaN;
        lat[i] = Number.NaN;
        reasons[i] = COORD_INVALID;
        continue;
      }
      if (hasXY) {
        notes[i] = notes[i] || NOTE_FROM_LATLON;
        fromLatLon++;
      }
    } else {
      const bad = input.badText[i] as number;
      const textBad = (hasXY && (bad & XY_TEXT_BAD) !== 0) || (hasLL && (bad & LATLON_TEXT_BAD) !== 0);
      const zero = x === 0 || y === 0 || lo === 0 || la === 0;
      reasons[i] = textBad ? COORD_INVALID : zero ? COORD_ZERO : COORD_MISSING;
    }
  }

  // Projection: X/Y rows to lon/lat and to the analysis CRS; lat/lon rows to the analysis CRS.
  if (hasXY) {
    const sx = Float64Array.from(ax);
    const sy = Float64Array.from(ay);
    for (let i = 0; i < rows; i++) if (!useXY[i]) sx[i] = sy[i] = Number.NaN;
    const gx = Float64Array.from(sx);
    const gy = Float64Array.from(sy);
    createTransform(input.xyCrs as string, 'EPSG:4326').inPlace(gx, gy);
    createTransform(input.xyCrs as string, input.analysisCrs).inPlace(sx, sy);
    for (let i = 0; i < rows; i++) {
      if (!useXY[i]) continue;
      lon[i] = gx[i] as number;
      lat[i] = gy[i] as number;
      ax[i] = sx[i] as number;
      ay[i] = sy[i] as number;
      if (!Number.isFinite(ax[i]) || !Number.isFinite(lon[i]) || Math.abs(lat[i] as number) > 90) {
        reasons[i] = COORD_INVALID;
        lon[i] = lat[i] = ax[i] = ay[i] = Number.NaN;
      }
    }
  }
  if (hasLL) {
    const sx = nan();
    const sy = nan();
    for (let i = 0; i < rows; i++) {
      if (!useXY[i] && reasons[i] === 0) {
        sx[i] = lon[i] as number;
        sy[i] = lat[i] as number;
      }
    }
    createTransform('EPSG:4326', input.analysisCrs).inPlace(sx, sy);
    for (let i = 0; i < rows; i++) {
      if (!useXY[i] && reasons[i] === 0) {
        ax[i] = sx[i] as number;
        ay[i] = sy[i] as number;
      }
    }
  }

  // Default locations: an exact match of the chosen source values.
  for (const d of input.defaults) {
    const xy = d.pair === 'xy';
    for (let i = 0; i < rows; i++) {
      if (reasons[i] !== 0 || (useXY[i] === 1) !== xy) continue;
      if (srcA[i] === d.a && srcB[i] === d.b) reasons[i] = COORD_DEFAULT;
    }
  }

  // Outside the jurisdiction (polygons) or the robust extent of the usable points.
  let extent: Box | undefined;
  if (input.jurisdiction && input.jurisdiction.length > 0) {
    const inside = pointsInPolygons(input.jurisdiction, lon, lat);
    for (let i = 0; i < rows; i++) if (reasons[i] === 0 && !inside[i]) reasons[i] = COORD_OUTSIDE;
  } else {
    const ux = nan();
    const uy = nan();
    for (let i = 0; i < rows; i++) {
      if (reasons[i] === 0) {
        ux[i] = ax[i] as number;
        uy[i] = ay[i] as number;
      }
    }
    extent = computeRobustExtent(ux, uy, { expand: input.extentExpand ?? 0.5 });
    if (extent) for (let i = 0; i < rows; i++) if (reasons[i] === 0 && !isInBox(extent, ax[i] as number, ay[i] as number)) reasons[i] = COORD_OUTSIDE;
  }

  // Problem rows carry no coordinates, except rows outside the jurisdiction (an analyst who
  // accepts them gets them with their location).
  let pairsDisagree = 0;
  const cl: number[] = [];
  const ct: number[] = [];
  const step = Math.max(1, Math.floor(rows / 50_000));
  for (let i = 0; i < rows; i++) {
    if (reasons[i] !== 0) {
      if (reasons[i] !== COORD_OUTSIDE) lon[i] = lat[i] = ax[i] = ay[i] = Number.NaN;
      continue;
    }
    if (i % step === 0) {
      cl.push(lon[i] as number);
      ct.push(lat[i] as number);
    }
    if (useXY[i] && hasLL && !swapLL[i]) {
      const lo = (input.lon as Float64Array)[i] as number;
      const la = (input.lat as Float64Array)[i] as number;
      if (valid(lo, la)) {
        const dx = ((lon[i] as number) - lo) * Math.cos((la * Math.PI) / 180) * 111_320;
        const dy = ((lat[i] as number) - la) * 110_574;
        if (dx * dx + dy * dy > 250 * 250) pairsDisagree++;
      }
    }
  }
  const median = (a: number[]) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)] as number;
  return {
    lon,
    lat,
    x: ax,
    y: ay,
    reasons,
    notes,
    counts: { swappedLatLon, swappedXY, fromLatLon, pairsDisagree },
    ...(extent ? { extent } : {}),
    ...(cl.length > 0 ? { centre: [median(cl), median(ct)] as const } : {}),
  };
}

/**
 * A first look at where the data is (median lon/lat of up to ~2,000 usable points), before the
 * analysis CRS is chosen: from the latitude/longitude columns when there are any (swapped pairs
 * ignored), else from X/Y projected from `xyCrs`. Undefined when no point is usable.
 */
export function estimateCentre(input: Pick<CoordinateInput, 'x' | 'y' | 'lon' | 'lat' | 'xyCrs'>, rows: number): readonly [number, number] | undefined {
  const step = Math.max(1, Math.floor(rows / 2000));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < rows; i += step) {
    const lo = input.lon?.[i] ?? Number.NaN;
    const la = input.lat?.[i] ?? Number.NaN;
    if (valid(lo, la) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) {
      xs.push(lo);
      ys.push(la);
    }
  }
  if (xs.length === 0 && input.x && input.y && input.xyCrs) {
    const sx: number[] = [];
    const sy: number[] = [];
    for (let i = 0; i < rows; i += step) {
      const x = input.x[i] as number;
      const y = input.y[i] as number;
      if (valid(x, y)) {
        sx.push(x);
        sy.push(y);
      }
    }
    const gx = Float64Array.from(sx);
    const gy = Float64Array.from(sy);
    createTransform(input.xyCrs, 'EPSG:4326').inPlace(gx, gy);
    for (let i = 0; i < gx.length; i++) {
      if (Number.isFinite(gx[i]) && Number.isFinite(gy[i])) {
        xs.push(gx[i] as number);
        ys.push(gy[i] as number);
      }
    }
  }
  if (xs.length === 0) return undefined;
  const median = (a: number[]) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)] as number;
  return [median(xs), median(ys)];
}
