/**
 * Coordinate reference systems the workbench knows, and transforms between them (proj4js).
 *
 * Axis order is always (x, y) = (easting, northing) = (longitude, latitude), whatever the EPSG
 * axis order says: that is what RMS exports, GeoJSON (RFC 7946) and deck.gl use.
 * The registry is the bundled table `resources/crs/crs-table.json` (every US State Plane zone for
 * NAD83, NAD83(HARN) and NAD83(2011) in metres, US feet and international feet; UTM zones for
 * WGS 84 and NAD83; Web Mercator; WGS 84), generated from the EPSG registry by
 * `electron/tools/build-crs-table.mjs`, plus the hand entries below, which take precedence.
 */
import proj4 from 'proj4';
import table from '../../../resources/crs/crs-table.json' with { type: 'json' };
import { lccForwardInPlace, lccFromProj4, lccInverseInPlace, unitShiftBetween, unitShiftInPlace } from './lcc';
import { INTERNATIONAL_FOOT_M, US_SURVEY_FOOT_M } from './units';

export { INTERNATIONAL_FOOT_M, US_SURVEY_FOOT_M };

/** Linear unit of a CRS's coordinates. */
export type CrsUnits = 'degree' | 'metre' | 'us-ft' | 'ft';

/** One registry entry. `code` is the normalized key, e.g. "EPSG:2276". */
export interface CrsDefinition {
  readonly code: string;
  readonly name: string;
  /** proj4 definition string. */
  readonly proj4: string;
  readonly units: CrsUnits;
  /** Area of use [west, south, east, north] in degrees (EPSG), when known. */
  readonly bbox?: readonly [number, number, number, number];
  /** For a zone in feet: the code of the same projection in metres ("EPSG:32138" for 2276). */
  readonly metricTwin?: string;
}

/**
 * Hand entries. EPSG:2276 keeps y_0=2000000 exactly (the EPSG value is 2000000.0001016 m, a
 * tenth of a millimetre away): the sample city was generated with this definition.
 */
const HAND_ENTRIES: readonly CrsDefinition[] = [
  {
    code: 'EPSG:4326',
    name: 'WGS 84 (longitude/latitude)',
    proj4: '+proj=longlat +datum=WGS84 +no_defs',
    units: 'degree',
    bbox: [-180, -90, 180, 90],
  },
  {
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator (web maps)',
    proj4:
      '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    units: 'metre',
    bbox: [-180, -85.06, 180, 85.06],
  },
  {
    code: 'EPSG:2276',
    name: 'NAD83 / Texas North Central (ftUS)',
    proj4:
      '+proj=lcc +lat_0=31.6666666666667 +lon_0=-98.5 +lat_1=33.9666666666667 +lat_2=32.1333333333333 ' +
      '+x_0=600000 +y_0=2000000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
    units: 'us-ft',
    bbox: [-103.07, 31.72, -94, 34.58],
    metricTwin: 'EPSG:32138',
  },
];

type TableRow = [number, string, string, string, number[], number];
const TABLE_UNITS: Readonly<Record<string, CrsUnits>> = { m: 'metre', 'us-ft': 'us-ft', ft: 'ft', deg: 'degree' };

function fromTable(row: TableRow): CrsDefinition {
  const [code, name, def, units, bbox, twin] = row;
  return {
    code: `EPSG:${code}`,
    name,
    proj4: def,
    units: TABLE_UNITS[units] ?? 'metre',
    bbox: [bbox[0] ?? -180, bbox[1] ?? -90, bbox[2] ?? 180, bbox[3] ?? 90],
    ...(twin ? { metricTwin: `EPSG:${twin}` } : {}),
  };
}

const ENTRIES: readonly CrsDefinition[] = (() => {
  const hand = new Set(HAND_ENTRIES.map((e) => e.code));
  const rows = (table as unknown as { rows: TableRow[] }).rows.map(fromTable).filter((e) => !hand.has(e.code));
  return Object.freeze([...HAND_ENTRIES, ...rows]);
})();

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
  if (m) return `EPSG:${m[1]}`;
  if (t === 'URN:OGC:DEF:CRS:OGC:1.3:CRS84' || t === 'CRS84' || t === 'OGC:CRS84') return 'EPSG:4326';
  return t;
}

/** The registry entry for `code` (any spelling {@link normalizeCrsCode} accepts), or undefined. */
export function getCrsDefinition(code: string): CrsDefinition | undefined {
  return CRS_REGISTRY[normalizeCrsCode(code)];
}

/** All registry entries: the hand entries (4326, 3857, 2276) first, then the table by code. */
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
 * Single points always go through proj4js. Column fast paths: a plain Lambert Conformal Conic
 * zone (most State Plane zones) <-> EPSG:4326 uses a closed form that agrees with proj4js to
 * better than 1e-9 degrees, and two CRSs that differ only in units (2276 -> 32138) use the exact
 * linear map (tested); everything else loops over proj4js.
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

  // Column fast paths (about 10x proj4js per point).
  const srcLcc = dst.code === 'EPSG:4326' ? lccFromProj4(src.proj4) : undefined;
  const dstLcc = src.code === 'EPSG:4326' ? lccFromProj4(dst.proj4) : undefined;
  const shift = identity ? undefined : unitShiftBetween(src.proj4, dst.proj4);

  const inPlace = (xs: Float64Array, ys: Float64Array): void => {
    if (xs.length !== ys.length) throw new RangeError(`x and y columns differ in length (${xs.length} vs ${ys.length})`);
    if (srcLcc) return lccInverseInPlace(srcLcc, xs, ys);
    if (dstLcc) return lccForwardInPlace(dstLcc, xs, ys);
    if (shift) return unitShiftInPlace(shift, xs, ys);
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
