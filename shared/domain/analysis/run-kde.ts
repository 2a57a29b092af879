/**
 * Runner for kernel density (stats/kde.ts): a raster of square cells covering the incidents'
 * extent grown by the kernel's reach (r quartic, 5h gaussian: so no mass falls outside), its
 * edges on multiples of the cell size from the CRS origin (so two runs with the same cell size
 * line up cell for cell), every cell written with its centre and its density in incidents per
 * km^2 (or mi^2).
 */
import { ok, type Result } from '../../base/result';
import { computeExtent } from '../geo/grid';
import { computeDefaultKdeRadius } from '../stats/bandwidth';
import { checkPositive, invalidArgument, type StatsError } from '../stats/errors';
import { computeKde, SQUARE_METRES_PER_SQUARE_MILE, type Raster } from '../stats/kde';
import { kdeConvention } from './conventions';
import { makeTable, type AnalysisRun } from './result';

/** Parameters of {@link runKde}. */
export interface KdeParams {
  /** Quartic radius / gaussian bandwidth in metres; default the ArcGIS rule. */
  readonly radius?: number;
  /** Cell size in metres; default the shorter side of the points' extent / 250 (ArcGIS). */
  readonly cell?: number;
  readonly kernel: 'quartic' | 'gaussian';
  readonly areaUnit: 'km2' | 'mi2';
  /** At most this many cells (default 25 million). */
  readonly maxCells?: number;
}

/**
 * Density surface. `weights` per point (>= 0) count that much each. Errors: no points, a
 * non-positive radius or cell, a default radius or cell that cannot be computed (all points at
 * one place or on one line), too many cells.
 */
export function runKde(x: Float64Array, y: Float64Array, params: KdeParams, weights?: Float64Array): Result<AnalysisRun, StatsError> {
  const extent = computeExtent(x, y);
  if (!extent) return invalidArgument('incidents', '0 with coordinates', 'at least one incident with x/y (check --filter)');
  if (params.radius !== undefined) {
    const bad = checkPositive('--radius', params.radius);
    if (bad) return bad;
  }
  if (params.cell !== undefined) {
    const bad = checkPositive('--cell', params.cell);
    if (bad) return bad;
  }
  let radius = params.radius;
  const radiusSource = radius === undefined ? 'arcgis-default' : 'given';
  if (radius === undefined) {
    const rule = computeDefaultKdeRadius(x, y, weights);
    if (!rule.ok) return invalidArgument('--radius', 'default', `${rule.error.expected}, or give --radius`);
    radius = rule.value.radius;
  }
  let cell = params.cell;
  const cellSource = cell === undefined ? 'arcgis-default' : 'given';
  if (cell === undefined) {
    cell = Math.min(extent.maxX - extent.minX, extent.maxY - extent.minY) / 250;
    if (!(cell > 0)) return invalidArgument('--cell', 'default', 'incidents spread in both x and y for the default cell size, or give --cell');
  }
  // Grow by the kernel's reach (r, or 5h for the gaussian) so no mass falls outside the raster.
  const pad = params.kernel === 'quartic' ? radius : 5 * radius;
  const west = Math.floor((extent.minX - pad) / cell) * cell;
  const south = Math.floor((extent.minY - pad) / cell) * cell;
  const cols = Math.max(1, Math.ceil((extent.maxX + pad - west) / cell - 1e-9));
  const rows = Math.max(1, Math.ceil((extent.maxY + pad - south) / cell - 1e-9));
  const maxCells = params.maxCells ?? 25_000_000;
  if (cols * rows > maxCells) return invalidArgument('--cell', cell, `a cell size giving at most ${maxCells.toLocaleString('en-US')} cells (got ${(cols * rows).toLocaleString('en-US')})`);
  const raster: Raster = { minX: west, maxY: south + rows * cell, cellSize: cell, cols, rows };
  const kde = computeKde(x, y, raster, { radius, kernel: params.kernel, areaUnit: params.areaUnit, weights });
  if (!kde.ok) return kde;
  const k = kde.value;
  const n = cols * rows;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const row = new Int32Array(n);
  const col = new Int32Array(n);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      cx[i] = west + (c + 0.5) * cell;
      cy[i] = raster.maxY - (r + 0.5) * cell;
      row[i] = r;
      col[i] = c;
      sum += k.density[i] as number;
    }
  }
  const perArea = params.areaUnit === 'km2' ? 1e6 : SQUARE_METRES_PER_SQUARE_MILE;
  let total = 0;
  if (weights) for (let i = 0; i < weights.length; i++) total += weights[i] as number;
  else total = x.length;
  return ok({
    verb: 'kde',
    method: `Kernel density (${params.kernel})`,
    parameters: { radius, radiusSource, cell, cellSource, kernel: params.kernel, areaUnit: params.areaUnit },
    convention: kdeConvention({ kernel: params.kernel, radius, radiusSource, cell, cellSource, areaUnit: params.areaUnit }),
    summary: {
      incidents: total,
      radiusM: radius,
      cellM: cell,
      cols,
      rows,
      cells: n,
      west,
      south,
      east: west + cols * cell,
      north: raster.maxY,
      maxDensity: k.max,
      densityUnit: params.areaUnit === 'km2' ? 'incidents per km^2' : 'incidents per mi^2',
      integral: (sum * cell * cell) / perArea,
    },
    table: makeTable('cells', [
      { name: 'x', values: cx },
      { name: 'y', values: cy },
      { name: 'row', values: row },
      { name: 'col', values: col },
      { name: 'density', values: k.density },
    ]),
    tables: [],
    warnings: radius < cell ? [`The radius (${radius.toFixed(1)} m) is smaller than a cell (${cell} m): the surface will look spotty; use a smaller --cell.`] : [],
  });
}
