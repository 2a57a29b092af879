/**
 * The map frame's projection and scale. Briefing maps are drawn in Web Mercator (EPSG:3857), the
 * projection of the app's map, so the printed map looks like the screen. Its scale varies with
 * latitude, so the map scale "1:S" is defined at the frame's centre latitude, along the parallel:
 * one millimetre of page is S millimetres of ground there.
 *
 * Ground distance on the WGS 84 ellipsoid along a parallel is N(phi) cos(phi) per radian of
 * longitude, N = a / sqrt(1 - e^2 sin^2 phi) (the prime-vertical radius), while Web Mercator
 * x = a * lambda. The point scale along the parallel is therefore
 *   k(phi) = sqrt(1 - e^2 sin^2 phi) / cos(phi)   (Web Mercator metres per ground metre).
 * (Snyder 1987, "Map Projections: A Working Manual", eq. 4-2 and 7-8; EPSG Guidance Note 7-2,
 * 1024 "Popular Visualisation Pseudo-Mercator".) Web Mercator is not conformal on the ellipsoid:
 * the scale along the meridian differs by up to e^2 ~ 0.67%, which is why the scale bar is
 * horizontal and measured along the parallel.
 */

/** WGS 84 semi-major axis (m) and first eccentricity squared. */
export const WGS84_A = 6378137;
export const WGS84_E2 = 0.00669437999014;
const MAX_LAT = 85.0511287798;

/** Lon/lat degrees -> Web Mercator metres. Latitudes beyond +-85.0511 are clamped. */
export function toMercator(lon: number, lat: number): [number, number] {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return [(WGS84_A * lon * Math.PI) / 180, WGS84_A * Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

/** Web Mercator metres -> lon/lat degrees. */
export function fromMercator(x: number, y: number): [number, number] {
  return [((x / WGS84_A) * 180) / Math.PI, ((2 * Math.atan(Math.exp(y / WGS84_A)) - Math.PI / 2) * 180) / Math.PI];
}

/** Web Mercator point scale along the parallel at `lat` degrees (see the module comment). */
export function mercatorScaleFactor(lat: number): number {
  const phi = (lat * Math.PI) / 180;
  const s = Math.sin(phi);
  return Math.sqrt(1 - WGS84_E2 * s * s) / Math.cos(phi);
}

/** Where a map frame looks: its size on the page and its ground scale. */
export interface FrameView {
  readonly widthMm: number;
  readonly heightMm: number;
  /** Centre in Web Mercator metres and in degrees. */
  readonly centreX: number;
  readonly centreY: number;
  readonly centreLon: number;
  readonly centreLat: number;
  /** Scale denominator S of "1:S" at the centre latitude. */
  readonly scale: number;
  /** Web Mercator metres per page millimetre (= S / 1000 * k(centre latitude)). */
  readonly mercPerMm: number;
}

/** A frame centred on `lon`, `lat` at 1:`scale`, `widthMm` x `heightMm` on the page. */
export function frameAt(lon: number, lat: number, scale: number, widthMm: number, heightMm: number): FrameView {
  const [cx, cy] = toMercator(lon, lat);
  return { widthMm, heightMm, centreX: cx, centreY: cy, centreLon: lon, centreLat: lat, scale, mercPerMm: (scale / 1000) * mercatorScaleFactor(lat) };
}

/**
 * The frame that shows `bounds` [west, south, east, north] (degrees) whole, with `padding` (a
 * fraction of the frame, default 4%) around it. The scale is rounded up to 2 significant digits
 * (1:23,417 -> 1:24,000) so it prints as a round number. A zero-size bounds gets 1:5,000.
 */
export function frameFitting(bounds: readonly [number, number, number, number], widthMm: number, heightMm: number, padding = 0.04): FrameView {
  const [w, s, e, n] = bounds;
  const [x0, y0] = toMercator(w, s);
  const [x1, y1] = toMercator(e, n);
  const [clon, clat] = fromMercator((x0 + x1) / 2, (y0 + y1) / 2);
  const mercPerMm = Math.max((x1 - x0) / widthMm, (y1 - y0) / heightMm) / (1 - 2 * padding);
  const raw = mercPerMm > 0 ? (mercPerMm * 1000) / mercatorScaleFactor(clat) : 5000;
  return frameAt(clon, clat, roundScale(raw), widthMm, heightMm);
}

/** Rounds a scale denominator up to 2 significant digits (min 100). */
export function roundScale(s: number): number {
  if (!(s > 100)) return 100;
  const p = 10 ** (Math.floor(Math.log10(s)) - 1);
  return Math.ceil(s / p - 1e-9) * p;
}

/** Projects lon/lat to frame millimetres (origin top-left, y down). */
export function projectToFrame(view: FrameView, lon: number, lat: number): [number, number] {
  const [x, y] = toMercator(lon, lat);
  return [view.widthMm / 2 + (x - view.centreX) / view.mercPerMm, view.heightMm / 2 - (y - view.centreY) / view.mercPerMm];
}

/** The frame's extent in degrees [west, south, east, north]. */
export function frameBounds(view: FrameView): [number, number, number, number] {
  const hw = (view.widthMm / 2) * view.mercPerMm;
  const hh = (view.heightMm / 2) * view.mercPerMm;
  const [w, s] = fromMercator(view.centreX - hw, view.centreY - hh);
  const [e, n] = fromMercator(view.centreX + hw, view.centreY + hh);
  return [w, s, e, n];
}

/** A scale bar: its length on the page and the tick labels. */
export interface ScaleBar {
  /** Ground length of the whole bar, metres. */
  readonly groundMetres: number;
  readonly lengthMm: number;
  /** Ticks from 0 to the full length: page offset (mm) and label ("0", "0.5", "1"). */
  readonly ticks: readonly { readonly mm: number; readonly label: string }[];
  /** "mi", "ft", "km" or "m". */
  readonly unit: string;
  /** "1:24,000". */
  readonly ratio: string;
}

const FOOT = 0.3048;
const MILE = 1609.344;

/** 1, 2 or 5 times a power of ten, the largest not above `v`. */
function niceBelow(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [5, 2, 1]) if (m * p <= v) return m * p;
  return p;
}

function formatNumber(v: number): string {
  return Number(v.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/**
 * The longest round scale bar that fits `maxMm` at the frame's scale: 1/2/5 x 10^k of the unit
 * (miles, or feet below a quarter mile, for 'imperial'; km, or metres below 1 km, for 'metric'),
 * with 4 segments when the length divides nicely, else 2. Length on the page =
 * ground / (S / 1000) mm, exact at the frame's centre latitude.
 */
export function computeScaleBar(view: FrameView, maxMm: number, units: 'imperial' | 'metric'): ScaleBar {
  const metresPerMm = view.scale / 1000;
  const maxGround = maxMm * metresPerMm;
  let unit: string;
  let unitMetres: number;
  if (units === 'imperial') {
    const useMiles = maxGround >= MILE / 4;
    unit = useMiles ? 'mi' : 'ft';
    unitMetres = useMiles ? MILE : FOOT;
  } else {
    const useKm = maxGround >= 1000;
    unit = useKm ? 'km' : 'm';
    unitMetres = useKm ? 1000 : 1;
  }
  let length = niceBelow(maxGround / unitMetres);
  // Quarter and half miles read better than 0.2 / 0.5 mi on a police map.
  if (unit === 'mi' && length < 1 && maxGround / unitMetres >= 0.25) length = maxGround / unitMetres >= 0.5 ? 0.5 : 0.25;
  const groundMetres = length * unitMetres;
  const lengthMm = groundMetres / metresPerMm;
  const lead = Number((length / 10 ** Math.floor(Math.log10(length))).toPrecision(3));
  const parts = lead === 1 || lead === 2 || (unit === 'mi' && length === 0.5) ? 4 : 2;
  const ticks = Array.from({ length: parts + 1 }, (_, i) => ({ mm: (lengthMm * i) / parts, label: formatNumber((length * i) / parts) }));
  return { groundMetres, lengthMm, ticks, unit, ratio: `1:${Math.round(view.scale).toLocaleString('en-US')}` };
}
