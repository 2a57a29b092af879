/**
 * A screen-space heat map: a QUICK LOOK, not a density estimate. Points are binned into screen
 * cells at the current zoom and blurred with a Gaussian whose reach is `radius` pixels, then
 * scaled so the hottest cell on screen is the top of the ramp. Its colours therefore change with
 * zoom and with what is on screen, and have no units: the kernel density layer
 * (density-layer.ts, incidents per km²) is the estimate to read numbers from. This is the same
 * recipe as deck.gl's HeatmapLayer (Gaussian kernel, radius in pixels, intensity, weight
 * threshold 0.05) done on the CPU, so it needs no float render targets (SwiftShader-safe). One
 * difference: the top of the ramp is the 99th percentile of the heated cells, not the maximum,
 * so a single stack of records at one address (a default geocode) does not wash out the rest.
 */
import { worldPixels, worldXToLon, worldYToLat } from './web-mercator';

/** The part of the world on screen: its north-west corner in world units, the zoom and the size in pixels. */
export interface HeatViewport {
  readonly west: number;
  readonly north: number;
  readonly zoom: number;
  readonly width: number;
  readonly height: number;
}

/** Heat-map settings: reach in screen pixels, and a multiplier on every point's weight. */
export interface ScreenHeatSettings {
  /** Pixels, 5-200 (the Gaussian's sigma is radius / 3). */
  readonly radius: number;
  /** 0.1-10; 1 puts the 99th percentile of the heated cells on screen at the top of the ramp. */
  readonly intensity: number;
}

/** The heat image and where it goes: [west, south, east, north] lon/lat (deck.gl BitmapLayer bounds). */
export interface ScreenHeat {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  readonly bounds: [number, number, number, number];
  /** Points that fell on the computed area. */
  readonly points: number;
}

/** ColorBrewer YlOrRd (6 classes), light to dark: colour-blind safe and prints in greyscale. */
export const HEAT_RAMP: readonly (readonly [number, number, number])[] = [
  [255, 255, 178], [254, 217, 118], [254, 178, 76], [253, 141, 60], [240, 59, 32], [189, 0, 38],
];

/** Below this share of the maximum a cell is transparent (deck.gl's HeatmapLayer threshold). */
export const HEAT_THRESHOLD = 0.05;

function heatColor(t: number, out: Uint8ClampedArray, at: number): void {
  const u = Math.min(1, t) * (HEAT_RAMP.length - 1);
  const i = Math.min(HEAT_RAMP.length - 2, Math.floor(u));
  const f = u - i;
  const a = HEAT_RAMP[i] as readonly number[];
  const b = HEAT_RAMP[i + 1] as readonly number[];
  out[at] = (a[0] as number) + f * ((b[0] as number) - (a[0] as number));
  out[at + 1] = (a[1] as number) + f * ((b[1] as number) - (a[1] as number));
  out[at + 2] = (a[2] as number) + f * ((b[2] as number) - (a[2] as number));
  out[at + 3] = Math.min(1, 0.15 + 1.5 * t) * 230;
}

/** The q-quantile of the non-zero values (0 when all are zero), by a 1,024-bin histogram between 0 and the maximum. */
export function topPercentile(values: Float32Array, q: number): number {
  let max = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > 0) n++;
    if (v > max) max = v;
  }
  if (n === 0) return 0;
  const bins = new Uint32Array(1024);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > 0) {
      const b = Math.min(1023, Math.floor((v / max) * 1024));
      bins[b] = (bins[b] as number) + 1;
    }
  }
  let seen = 0;
  for (let b = 0; b < 1024; b++) {
    seen += bins[b] as number;
    if (seen >= q * n) return ((b + 1) / 1024) * max;
  }
  return max;
}

/**
 * Heat of points `wx`, `wy` (world units) over `view` grown by `margin` of its size on each side
 * (so a short pan shows no edge), in cells of `cellPx` screen pixels (default 2). Cost: one pass
 * over the points plus two 1-D blurs of (width/cellPx) x (height/cellPx) cells. With `weights`
 * (one per point, >= 0; a weighted combination's `source_weight`) each point adds its weight
 * instead of 1; null/omitted keeps the unweighted loop.
 */
export function computeScreenHeat(
  wx: Float64Array,
  wy: Float64Array,
  view: HeatViewport,
  settings: ScreenHeatSettings,
  cellPx = 2,
  margin = 0.25,
  weights: ArrayLike<number> | null = null,
): ScreenHeat {
  const scale = worldPixels(view.zoom);
  const padX = Math.round(view.width * margin);
  const padY = Math.round(view.height * margin);
  const w = Math.max(1, Math.ceil((view.width + 2 * padX) / cellPx));
  const h = Math.max(1, Math.ceil((view.height + 2 * padY) / cellPx));
  const x0 = view.west * scale - padX;
  const y0 = view.north * scale - padY;
  const grid = new Float32Array(w * h);
  let points = 0;
  for (let i = 0; i < wx.length; i++) {
    const c = Math.floor(((wx[i] as number) * scale - x0) / cellPx);
    const r = Math.floor(((wy[i] as number) * scale - y0) / cellPx);
    if (c >= 0 && c < w && r >= 0 && r < h) {
      grid[r * w + c] = (grid[r * w + c] as number) + (weights ? (weights[i] as number) : 1);
      points++;
    }
  }
  const reach = Math.max(1, Math.round(settings.radius / cellPx));
  const sigma = reach / 3;
  const kernel = new Float32Array(2 * reach + 1);
  for (let k = -reach; k <= reach; k++) kernel[k + reach] = Math.exp(-(k * k) / (2 * sigma * sigma));
  const tmp = new Float32Array(w * h);
  for (let r = 0; r < h; r++) {
    const row = r * w;
    for (let c = 0; c < w; c++) {
      const v = grid[row + c] as number;
      if (v === 0) continue;
      const a = Math.max(0, c - reach);
      const b = Math.min(w - 1, c + reach);
      for (let k = a; k <= b; k++) tmp[row + k] = (tmp[row + k] as number) + v * (kernel[k - c + reach] as number);
    }
  }
  grid.fill(0);
  for (let r = 0; r < h; r++) {
    const a = Math.max(0, r - reach);
    const b = Math.min(h - 1, r + reach);
    for (let c = 0; c < w; c++) {
      const v = tmp[r * w + c] as number;
      if (v === 0) continue;
      for (let k = a; k <= b; k++) grid[k * w + c] = (grid[k * w + c] as number) + v * (kernel[k - r + reach] as number);
    }
  }
  const max = topPercentile(grid, 0.99);
  const rgba = new Uint8ClampedArray(w * h * 4);
  if (max > 0) {
    const gain = settings.intensity / max;
    for (let i = 0; i < grid.length; i++) {
      const t = (grid[i] as number) * gain;
      if (t >= HEAT_THRESHOLD) heatColor(t, rgba, 4 * i);
    }
  }
  const west = worldXToLon(x0 / scale);
  const east = worldXToLon((x0 + w * cellPx) / scale);
  const north = worldYToLat(y0 / scale);
  const south = worldYToLat((y0 + h * cellPx) / scale);
  return { width: w, height: h, rgba, bounds: [west, south, east, north], points };
}
