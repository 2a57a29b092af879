/**
 * The parallel-trends check of a design: the monthly pre-period counts of the targets and of the
 * comparisons, each as the mean per area (so a 1:3 design compares like with like), from the
 * same point-in-polygon assignment the evaluation uses (shared/domain/design/areas.ts).
 */
import { assignToAreas, prepareArea } from '../../../shared/domain/design/areas';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { monthIndexOf, periodMonths, type DayPeriod } from '../../../shared/domain/design/period';

/** Monthly means per area: labels "YYYY-MM", targets and comparisons. */
export interface PreSeries {
  readonly labels: readonly string[];
  readonly targets: Float64Array;
  readonly comparisons: Float64Array;
}

/**
 * Mean count per target and per comparison area in each month of `pre`. Months are calendar
 * months clipped to the period (periodMonths). A design with no comparisons gives zeros for them.
 */
export function computePreSeries(design: Pick<DesignDoc, 'targets' | 'comparisons'>, x: Float64Array, y: Float64Array, days: Float64Array, pre: DayPeriod): PreSeries {
  const months = periodMonths(pre);
  const nm = months.length;
  const areas = [...design.targets, ...design.comparisons].map((a) => prepareArea(a.polygon, 0));
  const nt = design.targets.length;
  const nc = design.comparisons.length;
  // Only the period's points are assigned (assignment is the costly part).
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (monthIndexOf(months, days[i]!) >= 0) keep.push(i);
  const kx = Float64Array.from(keep, (i) => x[i]!);
  const ky = Float64Array.from(keep, (i) => y[i]!);
  const { inside } = assignToAreas(areas, kx, ky);
  const targets = new Float64Array(nm);
  const comparisons = new Float64Array(nm);
  for (let k = 0; k < keep.length; k++) {
    const a = inside[k]!;
    if (a < 0) continue;
    const m = monthIndexOf(months, days[keep[k]!]!);
    if (a < nt) targets[m]! += 1;
    else comparisons[m]! += 1;
  }
  for (let m = 0; m < nm; m++) {
    targets[m] = nt > 0 ? targets[m]! / nt : 0;
    comparisons[m] = nc > 0 ? comparisons[m]! / nc : 0;
  }
  return { labels: months.map((m) => m.label), targets, comparisons };
}
