/**
 * A risk-terrain style surface (after Caplan & Kennedy's Risk Terrain Modeling, simplified and
 * stated): each risk factor (schools, probation addresses, liquor stores, ...) becomes a layer on
 * one grid of square cells, scaled 0..1, and the layers are added with weights:
 *   score(c) = sum_f w_f * layer_f(c)
 *   proximity: layer(c) = max(0, 1 - d(c) / D), d the distance from the cell centre to the
 *              factor's nearest point, D the factor's distance (linear distance decay)
 *   density:   layer(c) = KDE_f(c) / max_c KDE_f(c), a quartic kernel density (Silverman 1986)
 *              of the factor's points with radius D
 * Unlike full RTM, weights are given, not estimated: the surface says where the chosen factors
 * cluster. With outcome points (e.g. incidents) the run also reports how many fall in the
 * highest-scoring 5% and 10% of cells and the PAI (Chainey et al. 2008) of those cells.
 */
import { ok, type Result } from '../../base/result';
import { computeExtent } from '../geo/grid';
import { checkPositive, invalidArgument, type StatsError } from '../stats/errors';
import { computeKde, type Raster } from '../stats/kde';
import { makeTable, type AnalysisRun, type ResultColumn } from './result';

/** One risk factor: points (metres), how they act, their reach (metres) and weight. */
export interface RiskFactor {
  readonly name: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly kind: 'proximity' | 'density';
  readonly distance: number;
  readonly weight: number;
}

export interface RiskTerrainParams {
  /** Cell size, metres (default 100). */
  readonly cell?: number;
  /** Outcome points for the extent and the check (else the factors' extent). */
  readonly outcome?: { readonly x: Float64Array; readonly y: Float64Array; readonly weights?: Float64Array | null };
  readonly maxCells?: number;
}

/** The share of outcome events in the top `share` of cells by score, and their PAI. */
function topShare(score: Float64Array, counts: Float64Array, totalEvents: number, share: number): { cells: number; events: number; eventShare: number; pai: number | null } {
  const order = Array.from(score.keys()).sort((i, j) => (score[j] as number) - (score[i] as number) || i - j);
  const k = Math.max(1, Math.round(share * score.length));
  let events = 0;
  for (let t = 0; t < k; t++) events += counts[order[t] as number] as number;
  const eventShare = totalEvents > 0 ? events / totalEvents : 0;
  return { cells: k, events, eventShare, pai: totalEvents > 0 ? eventShare / (k / score.length) : null };
}

/** Builds the surface (see module comment). Errors: no factor, a factor without points, bad distance/weight/cell. */
export function runRiskTerrain(factors: readonly RiskFactor[], params: RiskTerrainParams = {}): Result<AnalysisRun, StatsError> {
  if (factors.length === 0) return invalidArgument('--factor', 'none', 'at least one factor, e.g. --factor facilities:proximity:300m');
  for (const f of factors) {
    if (f.x.length === 0) return invalidArgument('--factor', f.name, 'a factor with at least one point with coordinates (check its filter)');
    const bad = checkPositive(`--factor ${f.name} distance`, f.distance);
    if (bad) return bad;
    if (!(f.weight >= 0) || !Number.isFinite(f.weight)) return invalidArgument(`--factor ${f.name} weight`, f.weight, 'a weight >= 0');
  }
  const cell = params.cell ?? 100;
  const badCell = checkPositive('--cell', cell);
  if (badCell) return badCell;
  const ex = params.outcome && params.outcome.x.length > 0 ? computeExtent(params.outcome.x, params.outcome.y) : null;
  let ext = ex ?? { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  if (!ex) {
    for (const f of factors) {
      const e = computeExtent(f.x, f.y);
      if (e) ext = { minX: Math.min(ext.minX, e.minX), minY: Math.min(ext.minY, e.minY), maxX: Math.max(ext.maxX, e.maxX), maxY: Math.max(ext.maxY, e.maxY) };
    }
  }
  const west = Math.floor(ext.minX / cell) * cell;
  const south = Math.floor(ext.minY / cell) * cell;
  const cols = Math.max(1, Math.ceil((ext.maxX - west) / cell + 1e-9));
  const rows = Math.max(1, Math.ceil((ext.maxY - south) / cell + 1e-9));
  const maxCells = params.maxCells ?? 10_000_000;
  if (cols * rows > maxCells) return invalidArgument('--cell', cell, `a cell size giving at most ${maxCells.toLocaleString('en-US')} cells (got ${(cols * rows).toLocaleString('en-US')})`);
  const n = cols * rows;
  const maxY = south + rows * cell;
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      cx[r * cols + c] = west + (c + 0.5) * cell;
      cy[r * cols + c] = maxY - (r + 0.5) * cell;
    }
  }
  const score = new Float64Array(n);
  const layers: ResultColumn[] = [];
  for (const f of factors) {
    const layer = new Float64Array(n);
    if (f.kind === 'proximity') {
      // Each factor point raises the cells within D: O(points * (D / cell)^2), no full distance matrix.
      const reach = Math.ceil(f.distance / cell);
      for (let p = 0; p < f.x.length; p++) {
        const pc = Math.floor(((f.x[p] as number) - west) / cell);
        const pr = Math.floor((maxY - (f.y[p] as number)) / cell);
        for (let r = Math.max(0, pr - reach); r <= Math.min(rows - 1, pr + reach); r++) {
          for (let c = Math.max(0, pc - reach); c <= Math.min(cols - 1, pc + reach); c++) {
            const i = r * cols + c;
            const v = 1 - Math.hypot((cx[i] as number) - (f.x[p] as number), (cy[i] as number) - (f.y[p] as number)) / f.distance;
            if (v > (layer[i] as number)) layer[i] = v;
          }
        }
      }
    } else {
      const raster: Raster = { minX: west, maxY, cellSize: cell, cols, rows };
      const k = computeKde(f.x, f.y, raster, { radius: f.distance, kernel: 'quartic', areaUnit: 'km2' });
      if (!k.ok) return k;
      const max = k.value.max;
      for (let i = 0; i < n; i++) layer[i] = max > 0 ? (k.value.density[i] as number) / max : 0;
    }
    for (let i = 0; i < n; i++) score[i] = (score[i] as number) + f.weight * (layer[i] as number);
    layers.push({ name: `f_${f.name}`, values: layer });
  }
  const summary: Record<string, number | string | null> = { cells: n, cols, rows, cellM: cell, west, south, factors: factors.length };
  let maxScore = 0;
  for (let i = 0; i < n; i++) maxScore = Math.max(maxScore, score[i] as number);
  summary.maxScore = maxScore;
  const tables = [];
  if (params.outcome && params.outcome.x.length > 0) {
    const counts = new Float64Array(n);
    let totalEvents = 0;
    const o = params.outcome;
    for (let p = 0; p < o.x.length; p++) {
      const c = Math.min(cols - 1, Math.floor(((o.x[p] as number) - west) / cell));
      const r = Math.min(rows - 1, Math.floor((maxY - (o.y[p] as number)) / cell));
      const w = o.weights ? (o.weights[p] as number) : 1;
      counts[r * cols + c] = (counts[r * cols + c] as number) + w;
      totalEvents += w;
    }
    const top = [0.05, 0.1].map((s) => ({ share: s, ...topShare(score, counts, totalEvents, s) }));
    summary.outcomeEvents = totalEvents;
    summary.top5EventShare = top[0]!.eventShare;
    summary.top5Pai = top[0]!.pai;
    summary.top10EventShare = top[1]!.eventShare;
    summary.top10Pai = top[1]!.pai;
    tables.push(makeTable('check', [
      { name: 'top_share_of_cells', values: Float64Array.from(top, (t) => t.share) },
      { name: 'cells', values: Float64Array.from(top, (t) => t.cells) },
      { name: 'events', values: Float64Array.from(top, (t) => t.events) },
      { name: 'event_share', values: Float64Array.from(top, (t) => t.eventShare) },
      { name: 'pai', values: Float64Array.from(top, (t) => t.pai ?? Number.NaN) },
    ]));
  }
  const row = Int32Array.from({ length: n }, (_, i) => Math.floor(i / cols));
  const col = Int32Array.from({ length: n }, (_, i) => i % cols);
  return ok({
    verb: 'risk-terrain',
    method: 'Risk terrain (weighted sum of proximity and density layers)',
    parameters: { cell, factors: factors.map((f) => ({ name: f.name, kind: f.kind, distance: f.distance, weight: f.weight, points: f.x.length })) },
    convention: [
      'score(c) = sum over factors of weight * layer(c), each layer scaled 0..1 on the same grid.',
      'proximity layer: max(0, 1 - d / D), d the distance from the cell centre to the nearest factor point (linear distance decay to 0 at D).',
      'density layer: quartic kernel density of the factor points with radius D (Silverman 1986), divided by its maximum.',
      'Weights are given by the analyst, not estimated (unlike Risk Terrain Modeling\'s regression step).',
      `Cells: ${cell} m squares, edges on multiples of ${cell} m from the CRS origin, covering ${params.outcome ? 'the outcome points' : 'the factor points'}; x, y are cell centres; row 0 is the northernmost row.`,
      ...(params.outcome ? ['Check: share of outcome events in the top 5% and 10% of cells by score; PAI = (event share) / (cell share) (Chainey et al. 2008).'] : []),
    ],
    summary,
    table: makeTable('cells', [{ name: 'x', values: cx }, { name: 'y', values: cy }, { name: 'row', values: row }, { name: 'col', values: col }, { name: 'score', values: score }, ...layers]),
    tables,
    warnings: [],
  });
}
