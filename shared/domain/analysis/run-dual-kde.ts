/**
 * Dual kernel density: two sources' densities on ONE raster (same cells, same kernel, same
 * radius), combined cell by cell, e.g. shootings relative to calls for service:
 *   ratio:      A(c) / B(c)   (A events per B event in the neighbourhood of c)
 *   difference: A(c) - B(c)   (events per km^2; with `normalize`, each surface is first divided
 *               by its total, so the difference compares shares of each source per km^2)
 * Zero denominators: a ratio is only computed where B(c) >= the floor; other cells get NaN
 * (empty in CSV, null in JSON) and are counted as `cellsWithoutRatio`, never Infinity. The
 * default floor is the density one B event gives at half the radius (quartic:
 * 3 (1 - 0.25)^2 / (pi r^2) per m^2, in the area unit), so a ratio needs about one B event
 * nearby; give `minDenominator` (same unit as the densities) to change it.
 * The raster covers both sources' extent grown by the kernel's reach, edges on multiples of the
 * cell size from the CRS origin (as run-kde.ts). Kernels: stats/kde.ts (Silverman 1986).
 */
import { ok, type Result } from '../../base/result';
import { computeExtent } from '../geo/grid';
import { computeDefaultKdeRadius } from '../stats/bandwidth';
import { checkPositive, invalidArgument, type StatsError } from '../stats/errors';
import { computeKde, SQUARE_METRES_PER_SQUARE_MILE, type Raster } from '../stats/kde';
import { makeTable, type AnalysisRun } from './result';

/** Points of one source (metres), with optional weights. */
export interface DualKdeSource {
  readonly name: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly weights?: Float64Array;
}

export interface DualKdeParams {
  readonly mode: 'ratio' | 'difference';
  /** Radius (quartic) or bandwidth (gaussian), metres; default the ArcGIS rule on A. */
  readonly radius?: number;
  /** Cell size, metres; default the shorter side of the joint extent / 250. */
  readonly cell?: number;
  readonly kernel: 'quartic' | 'gaussian';
  readonly areaUnit: 'km2' | 'mi2';
  /** Ratio: smallest denominator density for a ratio (area unit); default see module comment. */
  readonly minDenominator?: number;
  /** Difference: divide each surface by its total first. */
  readonly normalize?: boolean;
  readonly maxCells?: number;
}

function total(s: DualKdeSource): number {
  if (!s.weights) return s.x.length;
  let t = 0;
  for (let i = 0; i < s.weights.length; i++) t += s.weights[i] as number;
  return t;
}

/** Dual KDE of A against B (see module comment). Errors: an empty source, bad radius/cell, too many cells. */
export function runDualKde(a: DualKdeSource, b: DualKdeSource, params: DualKdeParams): Result<AnalysisRun, StatsError> {
  const ea = computeExtent(a.x, a.y);
  const eb = computeExtent(b.x, b.y);
  if (!ea) return invalidArgument(a.name, '0 points with coordinates', 'at least one point in the numerator source');
  if (!eb) return invalidArgument(b.name, '0 points with coordinates', 'at least one point in the denominator source');
  for (const [name, v] of [['--radius', params.radius], ['--cell', params.cell], ['--min-denominator', params.minDenominator]] as const) {
    if (v !== undefined && name !== '--min-denominator') {
      const bad = checkPositive(name, v);
      if (bad) return bad;
    }
  }
  if (params.minDenominator !== undefined && !(params.minDenominator >= 0)) return invalidArgument('--min-denominator', params.minDenominator, 'a density >= 0');
  let radius = params.radius;
  if (radius === undefined) {
    const rule = computeDefaultKdeRadius(a.x, a.y, a.weights);
    if (!rule.ok) return invalidArgument('--radius', 'default', `${rule.error.expected}, or give --radius`);
    radius = rule.value.radius;
  }
  const ext = { minX: Math.min(ea.minX, eb.minX), minY: Math.min(ea.minY, eb.minY), maxX: Math.max(ea.maxX, eb.maxX), maxY: Math.max(ea.maxY, eb.maxY) };
  const cell = params.cell ?? Math.min(ext.maxX - ext.minX, ext.maxY - ext.minY) / 250;
  if (!(cell > 0)) return invalidArgument('--cell', 'default', 'sources spread in both x and y for the default cell size, or give --cell');
  const pad = params.kernel === 'quartic' ? radius : 5 * radius;
  const west = Math.floor((ext.minX - pad) / cell) * cell;
  const south = Math.floor((ext.minY - pad) / cell) * cell;
  const cols = Math.max(1, Math.ceil((ext.maxX + pad - west) / cell - 1e-9));
  const rows = Math.max(1, Math.ceil((ext.maxY + pad - south) / cell - 1e-9));
  const maxCells = params.maxCells ?? 25_000_000;
  if (cols * rows > maxCells) return invalidArgument('--cell', cell, `a cell size giving at most ${maxCells.toLocaleString('en-US')} cells (got ${(cols * rows).toLocaleString('en-US')})`);
  const raster: Raster = { minX: west, maxY: south + rows * cell, cellSize: cell, cols, rows };
  const opts = { radius, kernel: params.kernel, areaUnit: params.areaUnit };
  const ka = computeKde(a.x, a.y, raster, { ...opts, weights: a.weights });
  if (!ka.ok) return ka;
  const kb = computeKde(b.x, b.y, raster, { ...opts, weights: b.weights });
  if (!kb.ok) return kb;
  const perArea = params.areaUnit === 'km2' ? 1e6 : SQUARE_METRES_PER_SQUARE_MILE;
  const oneAtHalfRadius = params.kernel === 'quartic' ? ((3 * 0.5625) / (Math.PI * radius * radius)) * perArea : (Math.exp(-0.125) / (2 * Math.PI * radius * radius)) * perArea;
  const floor = params.minDenominator ?? oneAtHalfRadius;
  const n = cols * rows;
  const da = ka.value.density;
  const db = kb.value.density;
  const ta = total(a);
  const tb = total(b);
  const value = new Float64Array(n);
  let without = 0;
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let v: number;
    if (params.mode === 'ratio') {
      v = (db[i] as number) >= floor && (db[i] as number) > 0 ? (da[i] as number) / (db[i] as number) : Number.NaN;
      if (Number.isNaN(v)) without++;
    } else v = params.normalize ? (da[i] as number) / (ta || 1) - (db[i] as number) / (tb || 1) : (da[i] as number) - (db[i] as number);
    value[i] = v;
    if (Number.isFinite(v)) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
  }
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const row = new Int32Array(n);
  const col = new Int32Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      cx[i] = west + (c + 0.5) * cell;
      cy[i] = raster.maxY - (r + 0.5) * cell;
      row[i] = r;
      col[i] = c;
    }
  }
  const unit = params.areaUnit === 'km2' ? 'km^2' : 'mi^2';
  const formula =
    params.mode === 'ratio'
      ? `ratio(c) = A(c) / B(c), where B(c) >= ${floor.toPrecision(4)} per ${unit}; other cells have no ratio (empty), never Infinity`
      : params.normalize
        ? 'difference(c) = A(c) / total A - B(c) / total B (shares per unit area)'
        : `difference(c) = A(c) - B(c), events per ${unit}`;
  return ok({
    verb: 'dual-kde',
    method: `Dual kernel density (${params.mode})`,
    parameters: { mode: params.mode, radius, cell, kernel: params.kernel, areaUnit: params.areaUnit, minDenominator: params.mode === 'ratio' ? floor : null, normalize: params.normalize ?? false, numerator: a.name, denominator: b.name },
    convention: [
      `Dual kernel density: A = ${a.name}, B = ${b.name}, each a ${params.kernel} kernel density (Silverman 1986) with radius ${radius.toFixed(1)} m on the same ${cell.toFixed(1)} m cells, per ${unit}.`,
      `${formula}.`,
      params.mode === 'ratio' && params.minDenominator === undefined
        ? 'Denominator floor: the density one B event gives at half the radius, so a ratio needs about one B event nearby.'
        : 'Denominator floor as given.',
      'Cells: the raster covers both sources grown by the kernel reach, edges on multiples of the cell size from the CRS origin; x, y are cell centres; row 0 is the northernmost row.',
    ],
    summary: { numerator: a.name, denominator: b.name, numeratorTotal: ta, denominatorTotal: tb, radiusM: radius, cellM: cell, cols, rows, cells: n, cellsWithoutRatio: params.mode === 'ratio' ? without : 0, max: Number.isFinite(max) ? max : null, min: Number.isFinite(min) ? min : null },
    table: makeTable('cells', [
      { name: 'x', values: cx },
      { name: 'y', values: cy },
      { name: 'row', values: row },
      { name: 'col', values: col },
      { name: 'density_a', values: da },
      { name: 'density_b', values: db },
      { name: params.mode, values: value },
    ]),
    tables: [],
    warnings: params.mode === 'ratio' && without === n ? ['No cell reaches the denominator floor: lower --min-denominator or widen --radius.'] : [],
  });
}
