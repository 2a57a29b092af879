/**
 * What the Design panel shows live for each target while it is drawn or edited: its pre-period
 * count (each case once, points inside the polygon), its area and its top offense groups; and
 * the constraint checks (targets touching each other's buffers, a minimum size, inside the data).
 */
import { areaDistance, classifyPoint, polygonArea, prepareArea, type Rings } from '../../../shared/domain/design/areas';
import type { DesignPoints } from '../../../shared/domain/design/build-design';
import type { DayPeriod } from '../../../shared/domain/design/period';

/** Live figures of one target. */
export interface TargetStats {
  /** Incidents inside the polygon in the pre period. */
  readonly count: number;
  readonly areaKm2: number;
  /** Offense groups by count, largest first (at most 3). */
  readonly top: readonly { readonly group: string; readonly n: number }[];
}

/**
 * Counts the pre-period points (days in [pre.startDay, pre.endDay)) inside `rings` (x, y in the
 * points' CRS, metres) and names the top 3 offense groups. Linear in the number of points with a
 * bounding-box test first, so it runs on every edit.
 */
export function computeTargetStats(rings: Rings, points: DesignPoints, pre: Pick<DayPeriod, 'startDay' | 'endDay'>): TargetStats {
  const area = prepareArea(rings, 0);
  const byGroup = new Float64Array(points.groupNames.length);
  let count = 0;
  const { x, y, days, group } = points;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (xi < area.minX || xi > area.maxX || yi < area.minY || yi > area.maxY) continue;
    const d = days[i]!;
    if (!(d >= pre.startDay && d < pre.endDay)) continue;
    if (classifyPoint(area, xi, yi) !== 0) continue;
    count++;
    const g = group ? group[i]! : -1;
    if (g >= 0) byGroup[g]! += 1;
  }
  const top = points.groupNames
    .map((name, g) => ({ group: name, n: byGroup[g]! }))
    .filter((t) => t.n > 0)
    .sort((a, b) => b.n - a.n || a.group.localeCompare(b.group))
    .slice(0, 3);
  return { count, areaKm2: polygonArea(rings) / 1e6, top };
}

/** A broken design rule, with the targets it concerns. */
export type TargetProblem =
  | { readonly kind: 'overlap'; readonly a: string; readonly b: string }
  | { readonly kind: 'in-buffer'; readonly a: string; readonly b: string; readonly distanceM: number }
  | { readonly kind: 'rings-overlap'; readonly a: string; readonly b: string; readonly distanceM: number }
  | { readonly kind: 'too-small'; readonly a: string; readonly areaM2: number; readonly minAreaM2: number }
  | { readonly kind: 'outside-data'; readonly a: string };

/** The points' bounding box (metres). */
export interface Extent {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/**
 * Checks the targets against the design rules, in this order per pair then per target:
 * - overlap: the polygons overlap or touch (the design cannot be built);
 * - in-buffer: one target lies within the other's buffer distance (its incidents would count
 *   as the other's displacement);
 * - rings-overlap: closer than 2 x buffer, so the two buffer rings overlap (allowed; an incident
 *   there counts in the first target's ring);
 * - too-small: area under `minAreaM2`;
 * - outside-data: a vertex outside the incidents' bounding box (no data there to count).
 */
export function checkTargets(targets: readonly { readonly id: string; readonly rings: Rings }[], bufferM: number, minAreaM2: number, extent: Extent | null): TargetProblem[] {
  const out: TargetProblem[] = [];
  const prepared = targets.map((t) => prepareArea(t.rings, bufferM));
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const d = areaDistance(prepared[i]!, prepared[j]!);
      const a = targets[i]!.id;
      const b = targets[j]!.id;
      if (d === 0) out.push({ kind: 'overlap', a, b });
      else if (bufferM > 0 && d <= bufferM) out.push({ kind: 'in-buffer', a, b, distanceM: d });
      else if (bufferM > 0 && d < 2 * bufferM) out.push({ kind: 'rings-overlap', a, b, distanceM: d });
    }
  }
  targets.forEach((t, i) => {
    const areaM2 = polygonArea(t.rings);
    if (areaM2 < minAreaM2) out.push({ kind: 'too-small', a: t.id, areaM2, minAreaM2 });
    const p = prepared[i]!;
    if (extent && (p.minX < extent.minX || p.maxX > extent.maxX || p.minY < extent.minY || p.maxY > extent.maxY)) out.push({ kind: 'outside-data', a: t.id });
  });
  return out;
}

/** Whether a problem stops the design from being built (the others are warnings). */
export function isBlocking(p: TargetProblem): boolean {
  return p.kind === 'overlap';
}

/** The problem in plain words for the panel. */
export function describeProblem(p: TargetProblem): string {
  switch (p.kind) {
    case 'overlap':
      return `${p.a} and ${p.b} overlap or touch: targets must be separate areas`;
    case 'in-buffer':
      return `${p.b} lies ${p.distanceM.toFixed(0)} m from ${p.a}, inside its buffer: displacement there would be counted twice`;
    case 'rings-overlap':
      return `${p.a} and ${p.b} are ${p.distanceM.toFixed(0)} m apart: their buffer rings overlap (an incident there counts in the first ring)`;
    case 'too-small':
      return `${p.a} is ${(p.areaM2 / 1e6).toFixed(4)} km², under the minimum ${(p.minAreaM2 / 1e6).toFixed(4)} km²`;
    case 'outside-data':
      return `${p.a} reaches outside the data's extent: nothing is recorded there`;
  }
}

/** Bounding box of the finite points (null when there are none). */
export function pointsExtent(x: Float64Array, y: Float64Array): Extent | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : null;
}
