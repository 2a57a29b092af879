/**
 * The placebo pool of a synthetic-control evaluation: the design's full eligible comparison pool
 * (grid cells recorded in `method.fit.pool` by synthetic-doc.ts), counted per month over the
 * evaluation's pre and post periods, and the in-space placebo refits over it (Abadie, Diamond &
 * Hainmueller 2010): each placebo cell is fitted from every other pool cell and its post/pre
 * RMSPE ratio recorded. With more pool cells than `maxPlacebos` (default 200), the placebos are
 * the cells nearest the mean target in pre-period RMSE (ties in a seeded random order), so the
 * reference distribution is made of units that resemble the target before the date.
 */
import { createRng } from '../../base/random';
import { ok, type Result } from '../../base/result';
import { squareRings } from '../design/areas';
import type { DesignDoc } from '../design/design-doc';
import { hexRings } from '../design/unit-shapes';
import type { DayPeriod } from '../design/period';
import { countDesignAreas } from './area-counts';
import { computeSyntheticControl } from './synthetic';
import type { StatsError } from './stats-error';

/** Monthly counts of the pool cells: row-major cells x bins (the evaluation's bins). */
export interface SyntheticPoolCounts {
  readonly cellIds: readonly number[];
  readonly counts: Float64Array;
}

/** Default cap on placebo refits. */
export const MAX_PLACEBOS = 200;

/**
 * Counts the recorded pool cells of a synthetic design (each a square of the design's cell
 * size, or on a hex design (unit kind 'hex') a pointy-top hexagon that wide across flats; no buffer; points inside a target are not counted, as in area-counts.ts). Returns null
 * when the design records no pool (designs saved before the pool was stored). Errors as
 * countDesignAreas (overlapping periods, a bad weight).
 */
export function countSyntheticPool(design: DesignDoc, x: Float64Array, y: Float64Array, days: Float64Array, pre: DayPeriod, post: DayPeriod, weights?: Float64Array): Result<SyntheticPoolCounts | null, StatsError> {
  const pool = design.method.kind === 'matched' ? design.method.fit?.pool : undefined;
  if (!pool || pool.cellIds.length === 0) return ok(null);
  const size = design.unit.sizeM;
  const hex = design.unit.kind === 'hex';
  const shape = hex ? hexRings : squareRings;
  const area = hex ? (Math.sqrt(3) / 2) * size * size : size * size;
  const comparisons = pool.cellIds.map((cell, k) => ({ id: `P${k + 1}`, name: `${hex ? 'hex' : 'cell'} ${cell}`, targetId: '', cellId: cell, matchDistance: 0, polygon: shape(pool.x[k]!, pool.y[k]!, size), bufferM: 0, areaM2: area }));
  const counted = countDesignAreas({ ...design, targets: design.targets.map((t) => ({ ...t, bufferM: 0 })), comparisons }, x, y, days, pre, post, weights);
  if (!counted.ok) return counted;
  const nt = design.targets.length;
  const nb = counted.value.bins.length;
  return ok({ cellIds: [...pool.cellIds], counts: counted.value.unitCounts.slice(nt * nb) });
}

/** The placebo refits: the pool cells used and their post/pre RMSPE ratios (Infinity when a fit is exact before the date). */
export interface PlaceboRuns {
  readonly cells: number[];
  readonly ratios: Float64Array;
  readonly poolSize: number;
}

/**
 * Refits placebos over `pool` (row-major nPool x nb, the first `t0` bins pre): picks at most
 * `maxPlacebos` cells nearest `target` in pre-period RMSE (sqrt(mean_m (x_jm - y_m)^2), ties
 * broken by a seeded shuffle), and fits each from all the other pool cells (Abadie, Diamond &
 * Hainmueller 2010). Pools of fewer than 3 cells give no runs.
 */
export function runPoolPlacebos(target: Float64Array, pool: SyntheticPoolCounts, t0: number, maxPlacebos = MAX_PLACEBOS, seed = 1): Result<PlaceboRuns, StatsError> {
  const nb = target.length;
  const np = pool.cellIds.length;
  if (np < 3) return ok({ cells: [], ratios: new Float64Array(0), poolSize: np });
  const order = createRng(seed).shuffle(Int32Array.from({ length: np }, (_, j) => j));
  const dist = new Float64Array(np);
  for (let j = 0; j < np; j++) {
    let s = 0;
    for (let m = 0; m < t0; m++) s += (pool.counts[j * nb + m]! - target[m]!) ** 2;
    dist[j] = Math.sqrt(s / t0);
  }
  const rank = new Int32Array(np);
  order.forEach((j, k) => (rank[j] = k));
  const picked = Array.from(order).sort((a, b) => dist[a]! - dist[b]! || rank[a]! - rank[b]!).slice(0, Math.min(np, maxPlacebos));
  const ratios = new Float64Array(picked.length);
  const donors = new Float64Array((np - 1) * nb);
  for (let k = 0; k < picked.length; k++) {
    const j = picked[k]!;
    donors.set(pool.counts.subarray(0, j * nb), 0);
    donors.set(pool.counts.subarray((j + 1) * nb), j * nb);
    const fit = computeSyntheticControl({ treated: pool.counts.subarray(j * nb, (j + 1) * nb), donors, nDonors: np - 1, preMonths: t0 });
    if (!fit.ok) return fit;
    ratios[k] = fit.value.rmspeRatio ?? Number.POSITIVE_INFINITY;
  }
  return ok({ cells: picked.map((j) => pool.cellIds[j]!), ratios, poolSize: np });
}
