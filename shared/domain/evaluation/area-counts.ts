/**
 * Counts incidents per month in a design's areas: each target (T), each comparison cell (C),
 * the targets' buffer rings (D) and the comparisons' buffer rings (DC), over a pre and a post
 * period. Points are assigned by point-in-polygon on x, y (analysis CRS, metres); an incident
 * inside any target or comparison is never counted in a ring, and one inside several rings
 * counts once (in the first). Callers pass each case once (case_row = 1).
 */
import { err, ok, type Result } from '../../base/result';
import { assignToAreas, prepareArea } from '../design/areas';
import type { DesignDoc } from '../design/design-doc';
import { monthIndexOf, periodMonths, type DayPeriod, type PeriodMonth } from '../design/period';
import { invalidArgument, type StatsError } from './stats-error';

/** Monthly counts of a design's zones, columnar: unit-major `unitCounts[u * nBins + b]`. */
export interface AreaCounts {
  /** The months of the pre period, then those of the post period (clipped to the periods). */
  readonly bins: readonly PeriodMonth[];
  /** Per bin: 1 = post period. */
  readonly post: Uint8Array;
  /** Units: the targets, then the comparisons, in the design's order; 1 = target. */
  readonly unitIds: readonly string[];
  readonly treated: Uint8Array;
  readonly unitCounts: Float64Array;
  /** Per bin totals of the four zones. */
  readonly target: Float64Array;
  readonly comparison: Float64Array;
  readonly targetBuffer: Float64Array;
  readonly comparisonBuffer: Float64Array;
  /** Per target: its ring's monthly counts, target-major. */
  readonly targetRingCounts: Float64Array;
  /** Points in the periods, and those in no zone. */
  readonly pointsInPeriods: number;
  /**
   * Per bin sums of the squared point weights of the four zones (sum w^2): the Poisson variance
   * of a weighted count. Equal to the counts when no weights are given.
   */
  readonly targetVariance: Float64Array;
  readonly comparisonVariance: Float64Array;
  readonly targetBufferVariance: Float64Array;
  readonly comparisonBufferVariance: Float64Array;
  /** True when point weights (harm weights) were given. */
  readonly weighted: boolean;
}

/**
 * Counts the zones. Errors: overlapping pre and post periods, a design without comparisons, or a
 * weight that is negative or not finite (named by point). Points outside both periods (a washout
 * between them, say) are ignored. `weights` (optional, one per point, e.g. a crime harm index)
 * makes every count a weighted sum; their squares are summed alongside for the variances.
 */
export function countDesignAreas(design: DesignDoc, x: Float64Array, y: Float64Array, days: Float64Array, pre: DayPeriod, post: DayPeriod, weights?: Float64Array): Result<AreaCounts, StatsError> {
  if (weights && weights.length !== x.length) return err(invalidArgument('weights', `${weights.length} values`, `one per point (${x.length})`));
  if (weights) {
    for (let i = 0; i < weights.length; i++) {
      if (!(Number.isFinite(weights[i]!) && weights[i]! >= 0)) return err(invalidArgument(`weight of point ${i + 1}`, weights[i], 'a finite weight >= 0'));
    }
  }
  if (pre.endDay > post.startDay && post.endDay > pre.startDay) return err(invalidArgument('--post', `${post.from}..${post.to}`, `a period not overlapping the pre period ${pre.from}..${pre.to}`));
  if (design.comparisons.length === 0) return err(invalidArgument('design', design.name, 'a design with at least one comparison area'));
  const preMonths = periodMonths(pre);
  const postMonths = periodMonths(post);
  const bins = [...preMonths, ...postMonths];
  const nb = bins.length;
  const postFlag = new Uint8Array(nb);
  postFlag.fill(1, preMonths.length);
  const nt = design.targets.length;
  const areas = [...design.targets, ...design.comparisons].map((a) => prepareArea(a.polygon, a.bufferM));
  const nu = areas.length;
  const unitCounts = new Float64Array(nu * nb);
  const target = new Float64Array(nb);
  const comparison = new Float64Array(nb);
  const targetBuffer = new Float64Array(nb);
  const comparisonBuffer = new Float64Array(nb);
  const targetRingCounts = new Float64Array(nt * nb);
  const vT = new Float64Array(nb);
  const vC = new Float64Array(nb);
  const vD = new Float64Array(nb);
  const vDC = new Float64Array(nb);
  // Keep the points of the two periods, then assign them in one columnar pass.
  const idx: number[] = [];
  const bin: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let b = monthIndexOf(preMonths, days[i]!);
    if (b < 0) {
      b = monthIndexOf(postMonths, days[i]!);
      if (b >= 0) b += preMonths.length;
    }
    if (b >= 0 && Number.isFinite(x[i]! + y[i]!)) {
      idx.push(i);
      bin.push(b);
    }
  }
  const px = Float64Array.from(idx, (i) => x[i]!);
  const py = Float64Array.from(idx, (i) => y[i]!);
  const { inside, ring } = assignToAreas(areas, px, py);
  for (let k = 0; k < idx.length; k++) {
    const b = bin[k]!;
    const u = inside[k]!;
    const w = weights ? weights[idx[k]!]! : 1;
    const w2 = w * w;
    if (u >= 0) {
      unitCounts[u * nb + b]! += w;
      if (u < nt) {
        target[b]! += w;
        vT[b]! += w2;
      } else {
        comparison[b]! += w;
        vC[b]! += w2;
      }
    } else if (ring[k]! >= 0) {
      const r = ring[k]!;
      if (r < nt) {
        targetBuffer[b]! += w;
        vD[b]! += w2;
        targetRingCounts[r * nb + b]! += w;
      } else {
        comparisonBuffer[b]! += w;
        vDC[b]! += w2;
      }
    }
  }
  const treated = new Uint8Array(nu);
  treated.fill(1, 0, nt);
  return ok({
    bins,
    post: postFlag,
    unitIds: [...design.targets.map((t) => t.id), ...design.comparisons.map((c) => c.id)],
    treated,
    unitCounts,
    target,
    comparison,
    targetBuffer,
    comparisonBuffer,
    targetRingCounts,
    pointsInPeriods: idx.length,
    targetVariance: vT,
    comparisonVariance: vC,
    targetBufferVariance: vD,
    comparisonBufferVariance: vDC,
    weighted: weights !== undefined,
  });
}

/** Sum of `series` over the bins with post flag `flag`. */
export function sumWhere(series: ArrayLike<number>, post: Uint8Array, flag: 0 | 1): number {
  let s = 0;
  for (let b = 0; b < post.length; b++) if (post[b] === flag) s += series[b]!;
  return s;
}

/** The values of `series` in the bins with post flag `flag`. */
export function pickWhere(series: ArrayLike<number>, post: Uint8Array, flag: 0 | 1): Float64Array {
  const out: number[] = [];
  for (let b = 0; b < post.length; b++) if (post[b] === flag) out.push(series[b]!);
  return Float64Array.from(out);
}
