/**
 * Kernel density as a map image: stats/kde.ts on projected points (metres), classed, coloured
 * with the viridis ramp, and placed by its four corners in lon/lat. Runs in the explore worker.
 *
 * The raster covers the points' extent grown by the kernel's reach (r quartic, 5h gaussian), so
 * no density mass falls off the map; the default radius is ArcGIS's rule (stats/bandwidth.ts)
 * and the default cell the shorter side of the points' extent / 250 (ArcGIS), as in
 * analysis/run-kde.ts. Cells with zero density are transparent and not classed (a surface is
 * mostly zeros away from incidents: quantiles over them would say nothing).
 */
import { err, ok, type Result } from '../../base/result';
import { computeExtent } from '../geo/grid';
import { computeDefaultKdeRadius } from '../stats/bandwidth';
import { classifyByBreaks } from '../stats/classify';
import { invalidArgument, type StatsError } from '../stats/errors';
import { computeKde, createRaster } from '../stats/kde';
import { createTransform } from '../geo/crs';
import { classColors, computeBreaks, type ClassingMethod } from './classing';

/** Settings of the density layer (saved in the map document). */
export interface KdeLayerSettings {
  readonly kernel: 'quartic' | 'gaussian';
  /** Metres; null = ArcGIS default rule. */
  readonly radius: number | null;
  /** Metres; null = shorter extent side / 250. */
  readonly cell: number | null;
  readonly classing: ClassingMethod;
  readonly classes: number;
}

/** Everything the map and the legend need to show one density surface. */
export interface KdeLayerData {
  readonly width: number;
  readonly height: number;
  /** width * height RGBA, row 0 north (image order). */
  readonly rgba: Uint8ClampedArray;
  /** Corners in lon/lat: [[left, bottom], [left, top], [right, top], [right, bottom]] (deck.gl BitmapLayer). */
  readonly corners: [[number, number], [number, number], [number, number], [number, number]];
  /** Class upper bounds, incidents per km^2. */
  readonly breaks: readonly number[];
  readonly colors: readonly (readonly [number, number, number])[];
  readonly kernel: 'quartic' | 'gaussian';
  readonly radius: number;
  readonly radiusSource: 'given' | 'arcgis-default';
  readonly cell: number;
  readonly cellSource: 'given' | 'arcgis-default';
  /** Highest density, incidents per km^2. */
  readonly max: number;
  readonly points: number;
  readonly crs: string;
  /** The surface itself, incidents per km^2, row 0 north (for a GeoTIFF export). */
  readonly density: Float32Array;
  /** West and north edges of the raster in `crs` metres (the GeoTIFF tie point). */
  readonly origin: readonly [number, number];
  /** Present when the points were weighted: the density is of weighted events; `total` is the sum of the weights. */
  readonly weighted?: { readonly total: number };
}

/** At most this many raster cells for a map image (a 2,000 x 2,000 image). */
export const MAX_DISPLAY_CELLS = 4_000_000;

/**
 * Builds the density image of points `x`, `y` (metres in `crs`). With `weights` (one per point,
 * >= 0; a weighted combination's `source_weight`) each point counts its weight, in the density
 * and in the default radius rule, as `spi kde --source A=1,B=0.25`; null or omitted counts each
 * point 1, exactly as before. Errors: no points, a radius
 * or cell that is not positive, a default that cannot be computed (all points at one place),
 * more than {@link MAX_DISPLAY_CELLS} cells.
 */
export function prepareKdeLayer(x: Float64Array, y: Float64Array, crs: string, s: KdeLayerSettings, weights: Float32Array | null = null): Result<KdeLayerData, StatsError> {
  const extent = computeExtent(x, y);
  if (!extent) return invalidArgument('incidents', 0, 'at least one incident on the map (loosen the filters)');
  let radius = s.radius;
  if (radius === null) {
    const rule = weights ? computeDefaultKdeRadius(x, y, weights) : computeDefaultKdeRadius(x, y);
    if (!rule.ok) return rule;
    radius = rule.value.radius;
  }
  if (!(radius > 0)) return invalidArgument('radius', radius, 'a radius > 0 metres');
  const cell = s.cell ?? Math.min(extent.maxX - extent.minX, extent.maxY - extent.minY) / 250;
  if (!(cell > 0)) return invalidArgument('cell', cell, 'a cell size > 0 metres (incidents spread in both x and y for the default)');
  const pad = s.kernel === 'quartic' ? radius : 5 * radius;
  const raster = createRaster(
    { minX: extent.minX - pad, minY: extent.minY - pad, maxX: extent.maxX + pad, maxY: extent.maxY + pad },
    cell,
    MAX_DISPLAY_CELLS,
  );
  if (!raster.ok) return raster;
  const kde = computeKde(x, y, raster.value, weights ? { radius, kernel: s.kernel, areaUnit: 'km2', weights } : { radius, kernel: s.kernel, areaUnit: 'km2' });
  if (!kde.ok) return kde;
  const { density, max } = kde.value;
  const { cols, rows, minX, maxY } = raster.value;
  let positive = 0;
  for (let i = 0; i < density.length; i++) if ((density[i] as number) > 0) positive++;
  const values = new Float64Array(positive);
  for (let i = 0, k = 0; i < density.length; i++) if ((density[i] as number) > 0) values[k++] = density[i] as number;
  const breaks = positive > 0 ? computeBreaks(values, s.classing, s.classes) : ok([0]);
  if (!breaks.ok) return err(breaks.error);
  const colors = classColors(breaks.value.length);
  const cls = classifyByBreaks(density, breaks.value);
  const rgba = new Uint8ClampedArray(cols * rows * 4);
  for (let i = 0; i < density.length; i++) {
    if (!((density[i] as number) > 0)) continue;
    const c = colors[cls[i] as number] as [number, number, number];
    rgba[4 * i] = c[0];
    rgba[4 * i + 1] = c[1];
    rgba[4 * i + 2] = c[2];
    rgba[4 * i + 3] = 255;
  }
  const maxX = minX + cols * cell;
  const minY = maxY - rows * cell;
  const toLonLat = createTransform(crs, 'EPSG:4326');
  const corners = [toLonLat(minX, minY), toLonLat(minX, maxY), toLonLat(maxX, maxY), toLonLat(maxX, minY)] as KdeLayerData['corners'];
  return ok({
    width: cols,
    height: rows,
    rgba,
    corners,
    breaks: breaks.value,
    colors,
    kernel: s.kernel,
    radius,
    radiusSource: s.radius === null ? 'arcgis-default' : 'given',
    cell,
    cellSource: s.cell === null ? 'arcgis-default' : 'given',
    max,
    points: x.length,
    crs,
    density: Float32Array.from(density),
    origin: [minX, maxY],
    ...(weights ? { weighted: { total: weights.reduce((a, b) => a + b, 0) } } : {}),
  });
}
