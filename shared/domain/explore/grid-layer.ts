/**
 * Grid counts as a choropleth: a square or hexagonal grid over the projected points
 * (geo/grid.ts, aligned on the CRS origin), every cell counted (zeros included, as DOMAIN.md
 * asks), classed, coloured with the viridis ramp, and its outlines brought back
 * to lon/lat for deck.gl's binary polygon layout. Runs in the explore worker.
 *
 * Cells with no incident are their own class ("0", drawn faint grey, every one of them kept):
 * the colour classes are computed over the cells WITH incidents, because with the many empty
 * cells of a city grid quantile breaks over all cells collapse onto 0 and say nothing.
 */
import { err, ok, type Result } from '../../base/result';
import { assignToCells, cellCentres, cellPolygons, computeExtent, countPerCell, createGrid, type GridShape } from '../geo/grid';
import { computeHotSpots } from '../stats/hotspots';
import { classifyByBreaks } from '../stats/classify';
import { invalidArgument, type StatsError } from '../stats/errors';
import { unprojectInterleavedInPlace } from './analysis-crs';
import { classColors, computeBreaks, type ClassingMethod } from './classing';

/** Settings of the grid layer (saved in the map document). */
export interface GridLayerSettings {
  readonly shape: GridShape;
  /** Square side or hexagon flat-to-flat width, metres. */
  readonly cell: number;
  readonly classing: ClassingMethod;
  readonly classes: number;
  /**
   * What colours the cells: incident counts (classed), or Getis-Ord Gi* hot and cold spots of the
   * counts with a fixed distance band of `band` metres (binary weights, self included, every cell
   * counted, FDR-adjusted when `fdr`): the familiar 99/95/90% legend. Default 'count'.
   */
  readonly statistic?: 'count' | 'gistar';
  readonly band?: number;
  readonly fdr?: boolean;
}

/** Gi* bin colours, -3 (cold 99%) .. +3 (hot 99%): ColorBrewer RdBu, colour-blind safe. */
export const HOT_SPOT_COLORS: Readonly<Record<number, readonly [number, number, number]>> = {
  [-3]: [33, 102, 172],
  [-2]: [103, 169, 207],
  [-1]: [209, 229, 240],
  0: [200, 200, 200],
  1: [253, 219, 199],
  2: [239, 138, 98],
  3: [178, 24, 43],
};

/** Alpha of cells with no incident: visible as units of analysis, quieter than any class. */
export const ZERO_CELL_ALPHA = 28;

/** Polygons, colours and legend facts of one grid layer. */
export interface GridLayerData {
  readonly cells: number;
  /** Interleaved lon, lat of every cell's closed ring. */
  readonly positions: Float64Array;
  /** Ring i is vertices startIndices[i] .. startIndices[i + 1]). */
  readonly startIndices: Int32Array;
  /** RGBA per VERTEX (deck.gl binary attributes are per vertex), class colour of its cell. */
  readonly vertexColors: Uint8Array;
  readonly counts: Float64Array;
  /** Class upper bounds over the cells with incidents (cells with 0 are a separate class). */
  readonly breaks: readonly number[];
  readonly colors: readonly (readonly [number, number, number])[];
  readonly shape: GridShape;
  readonly cell: number;
  /** m^2. */
  readonly cellArea: number;
  readonly nonEmpty: number;
  readonly points: number;
  readonly crs: string;
  /** With statistic 'gistar': the bin of each cell (-3..3) and how many cells fall in each bin. */
  readonly hotSpots?: { readonly bins: Int8Array; readonly binCounts: Readonly<Record<string, number>>; readonly band: number; readonly fdr: boolean };
  /** Present when the points were weighted: `counts` are sums of weights; `total` is their sum over the cells. */
  readonly weighted?: { readonly total: number };
}

/** At most this many cells on the map (polygon tessellation cost). */
export const MAX_GRID_CELLS = 250_000;

/**
 * Builds the grid layer of points `x`, `y` (metres in `crs`). With `weights` (one per point,
 * >= 0; a weighted combination's `source_weight`), a cell's value is the sum of its points'
 * weights, as `spi grid --source A=1,B=0.25` counts (Gi* then runs on those sums); null or
 * omitted counts each point 1, exactly as before. Errors: no points, a bad cell size, more
 * than {@link MAX_GRID_CELLS} cells.
 */
export function prepareGridLayer(x: Float64Array, y: Float64Array, crs: string, s: GridLayerSettings, weights: Float32Array | null = null): Result<GridLayerData, StatsError> {
  const extent = computeExtent(x, y);
  if (!extent) return invalidArgument('incidents', 0, 'at least one incident on the map (loosen the filters)');
  const grid = createGrid(s.shape, s.cell, extent, { maxCells: MAX_GRID_CELLS });
  if (!grid.ok) return err(grid.error);
  const g = grid.value;
  const counts = weights ? countPerCell(g, assignToCells(g, x, y), weights) : countPerCell(g, assignToCells(g, x, y));
  let positive = 0;
  for (let i = 0; i < counts.length; i++) if ((counts[i] as number) > 0) positive++;
  const values = new Float64Array(positive);
  for (let i = 0, k = 0; i < counts.length; i++) if ((counts[i] as number) > 0) values[k++] = counts[i] as number;
  const breaks = positive > 0 ? computeBreaks(values, s.classing, s.classes) : ok([0]);
  if (!breaks.ok) return breaks;
  const colors = classColors(breaks.value.length);
  const cls = classifyByBreaks(counts, breaks.value);
  let hotSpots: GridLayerData['hotSpots'];
  if (s.statistic === 'gistar') {
    const band = s.band ?? 2 * s.cell;
    const { x: cx, y: cy } = cellCentres(g);
    const gi = computeHotSpots(counts, { x: cx, y: cy }, { kind: 'band', distance: band }, { fdr: s.fdr ?? false });
    if (!gi.ok) return gi;
    const bins = Int8Array.from(gi.value.bin);
    const binCounts: Record<string, number> = {};
    for (const b of bins) binCounts[String(b)] = (binCounts[String(b)] ?? 0) + 1;
    hotSpots = { bins, binCounts, band, fdr: s.fdr ?? false };
  }
  const { positions, startIndices } = cellPolygons(g);
  unprojectInterleavedInPlace(positions, crs);
  const vertexColors = new Uint8Array((positions.length / 2) * 4);
  let nonEmpty = 0;
  for (let id = 0; id < g.count; id++) {
    const n = counts[id] as number;
    if (n > 0) nonEmpty++;
    const bin = hotSpots ? (hotSpots.bins[id] as number) : 0;
    const c = hotSpots
      ? (HOT_SPOT_COLORS[bin] as readonly [number, number, number])
      : n > 0
        ? (colors[cls[id] as number] as [number, number, number])
        : ([128, 128, 128] as const);
    // Gi* shows every cell (cold spots are often empty cells); non-significant ones stay quiet.
    const alpha = hotSpots ? (bin === 0 ? 60 : 235) : n > 0 ? 255 : ZERO_CELL_ALPHA;
    for (let v = startIndices[id] as number; v < (startIndices[id + 1] as number); v++) {
      vertexColors.set([c[0], c[1], c[2], alpha], 4 * v);
    }
  }
  return ok({
    cells: g.count,
    positions,
    startIndices,
    vertexColors,
    counts,
    breaks: breaks.value,
    colors,
    shape: s.shape,
    cell: s.cell,
    cellArea: g.cellArea,
    nonEmpty,
    points: x.length,
    crs,
    ...(hotSpots ? { hotSpots } : {}),
    ...(weights ? { weighted: { total: sumOf(counts) } } : {}),
  });
}

function sumOf(values: Float64Array): number {
  let t = 0;
  for (let i = 0; i < values.length; i++) t += values[i] as number;
  return t;
}
