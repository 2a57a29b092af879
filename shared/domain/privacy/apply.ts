/**
 * Applying a privacy profile: hundred-block addresses, grid-snapped points, dropped offense
 * types and suppressed small counts. Columnar: points stay typed arrays, the result says which
 * rows are kept. Used by the patrol target lists and the briefing-map exports alike.
 */
import { createTransform } from '../geo/crs';
import type { PrivacyProfile } from './profile';

const UNIT_WORDS = /\s+(?:APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|FL|FLOOR|BLDG|LOT|SPC|SPACE|TRLR|#)\s*[#]?\s*[\w-]*\s*$/i;
const HOUSE = /^\s*(\d{1,7})(?:[A-Z](?=\s)|\s*-\s*\d{1,7}[A-Z]?|\s*\d\/\d)?\s+(.+)$/i;
const BLOCK = /^\s*(\d{1,7})\s+BLOCK\b/i;

/**
 * An address generalized to its hundred block: "1234 MAIN ST" -> "1200 BLOCK MAIN ST";
 * "45 MAIN ST" -> "0 BLOCK MAIN ST"; ranges and letter suffixes ("1234-1240 MAIN ST",
 * "1234B MAIN ST") use the first number; apartment/unit/suite parts at the end are removed
 * ("1234 MAIN ST APT 5" -> "1200 BLOCK MAIN ST"). Text already in block form ("1200 BLOCK OF
 * MAIN ST") and text without a leading house number (an intersection "MAIN ST / 1ST AVE", a
 * place name) is returned trimmed and unchanged. Null stays null.
 */
export function hundredBlock(address: string | null): string | null {
  if (address === null) return null;
  const text = address.trim().replace(/\s+/g, ' ');
  if (BLOCK.test(text)) return text;
  const m = HOUSE.exec(text);
  if (!m) return text;
  const street = m[2]!.replace(UNIT_WORDS, '').trim();
  if (street === '') return text;
  const block = Math.floor(Number(m[1]) / 100) * 100;
  return `${block} BLOCK ${street}`;
}

/**
 * A coordinate snapped to the centre of its grid cell: (floor(v / size) + 0.5) * size, cells
 * anchored at the CRS origin like the analysis grids (geo/grid.ts). Units are those of `v`
 * (metres in the analysis CRS). Non-finite values stay as they are.
 */
export function snapToGrid(v: number, size: number): number {
  if (!Number.isFinite(v)) return v;
  return (Math.floor(v / size) + 0.5) * size;
}

/**
 * A count as shown under the profile: "<k" for 1..k-1 when `suppressBelow` (k) > 1, else the
 * number. Zero is shown (it discloses nothing about a person); NaN becomes "". Fractional
 * counts (aoristic weights) are suppressed by the same rule.
 */
export function suppressCount(n: number, suppressBelow: number): number | string {
  if (!Number.isFinite(n)) return '';
  if (suppressBelow > 1 && n > 0 && n < suppressBelow) return `<${suppressBelow}`;
  return n;
}

/** True when the profile withholds an incident of this offense group/code (case-insensitive). */
export function isDropped(profile: PrivacyProfile, group: string | null, code: string | null): boolean {
  if (group !== null && profile.dropGroups.some((g) => g.toLowerCase() === group.toLowerCase())) return true;
  if (code !== null && profile.dropCodes.some((c) => c.toUpperCase() === code.toUpperCase())) return true;
  return false;
}

/** Points to generalize: x/y in a projected CRS in metres, optional text columns. */
export interface PrivacyPoints {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly group?: readonly (string | null)[] | null;
  readonly code?: readonly (string | null)[] | null;
  readonly address?: readonly (string | null)[] | null;
}

/** The generalized points: new arrays (inputs are never changed) and the rows kept. */
export interface PrivatePoints {
  /** 1 = kept, 0 = withheld by the profile's offense rules; same length as the input. */
  readonly keep: Uint8Array;
  readonly kept: number;
  /** Snapped coordinates of EVERY input row (withheld rows included, so indices line up). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Generalized addresses (null when no address column was given). */
  readonly address: (string | null)[] | null;
}

/**
 * Applies a profile to points in metres: offense rows withheld (`keep`), coordinates snapped to
 * the profile's grid (cell centres, origin-anchored), addresses to the hundred block. With a
 * no-op profile the output equals the input (copied). O(n).
 */
export function applyPrivacyToPoints(profile: PrivacyProfile, points: PrivacyPoints): PrivatePoints {
  const n = points.x.length;
  const keep = new Uint8Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const g = profile.gridM;
  const dropping = profile.dropGroups.length > 0 || profile.dropCodes.length > 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const drop = dropping && isDropped(profile, points.group?.[i] ?? null, points.code?.[i] ?? null);
    keep[i] = drop ? 0 : 1;
    if (!drop) kept++;
    x[i] = g === null ? (points.x[i] as number) : snapToGrid(points.x[i] as number, g);
    y[i] = g === null ? (points.y[i] as number) : snapToGrid(points.y[i] as number, g);
  }
  let address: (string | null)[] | null = null;
  if (points.address) {
    const cache = new Map<string, string | null>();
    address = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const a = points.address[i] ?? null;
      if (a === null || profile.addresses === 'none') address[i] = a;
      else {
        let v = cache.get(a);
        if (v === undefined) cache.set(a, (v = hundredBlock(a)));
        address[i] = v;
      }
    }
  }
  return { keep, kept, x, y, address };
}

/**
 * The same for lon/lat points (EPSG:4326 degrees): projected to `metricCrs` (a projected CRS in
 * metres: the project's analysis CRS), snapped there, and brought back to lon/lat, so a grid of
 * 100 m is 100 m on the ground. Returns lon/lat arrays in place of x/y.
 */
export function applyPrivacyToLonLat(
  profile: PrivacyProfile,
  points: Omit<PrivacyPoints, 'x' | 'y'> & { readonly lon: Float64Array; readonly lat: Float64Array },
  metricCrs: string,
): Omit<PrivatePoints, 'x' | 'y'> & { lon: Float64Array; lat: Float64Array } {
  const x = Float64Array.from(points.lon);
  const y = Float64Array.from(points.lat);
  if (profile.gridM !== null) createTransform('EPSG:4326', metricCrs).inPlace(x, y);
  const r = applyPrivacyToPoints(profile, { ...points, x, y });
  if (profile.gridM !== null) createTransform(metricCrs, 'EPSG:4326').inPlace(r.x, r.y);
  return { keep: r.keep, kept: r.kept, address: r.address, lon: r.x, lat: r.y };
}
