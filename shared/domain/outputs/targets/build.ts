/**
 * The ranked patrol target list: per area its centre, size, nearest street and cross streets,
 * most frequent addresses, counts by offense group in the period, peak days and hours and the
 * recommended patrol windows from the aoristic grid, and an optional dosage plan. The privacy
 * profile is applied here (withheld offenses, hundred-block addresses, snapped centres and
 * points); small-count suppression is applied when the list is formatted (rows.ts).
 */
import type { DayPeriod } from '../../design/period';
import { polygonArea } from '../../design/areas';
import { createTransform } from '../../geo/crs';
import { isPointInPolygon, toFlatPolygon } from '../../geo/point-in-polygon';
import { applyPrivacyToPoints, hundredBlock, isDropped, snapToGrid } from '../../privacy/apply';
import { describeProfile, type PrivacyProfile } from '../../privacy/profile';
import { computeAoristicGrid, DEFAULT_CAP_HOURS, DEFAULT_SHIFTS, patrolWindows, peakTimes, type AoristicGrid, type PatrolWindow, type Shift } from './aoristic';
import type { AreaRings, TargetArea } from './areas';
import { planDosage, type DosageOptions, type DosageVisit } from './dosage';
import type { TargetIncidents } from './incidents';
import { findNearestStreet, type NearestStreet, type StreetIndex } from './streets';

/** What to build. */
export interface TargetListOptions {
  readonly areas: readonly TargetArea[];
  readonly incidents: TargetIncidents;
  /** Where the areas came from, in words ("design pilot", "hot spots grid:250, band:500"). */
  readonly source: string;
  /** Incidents whose occurred_from falls in the period (null = all). */
  readonly period: DayPeriod | null;
  /** Areas kept after ranking (default 10). */
  readonly top?: number;
  readonly profile: PrivacyProfile;
  readonly streets?: StreetIndex | null;
  readonly shifts?: readonly Shift[];
  /** Window length in hours (default 2) and windows per shift (default 2). */
  readonly windowHours?: number;
  readonly windowsPerShift?: number;
  readonly capHours?: number;
  readonly dosage?: DosageOptions | null;
  /** ISO time of the list (default now). */
  readonly generatedAt?: string;
}

/** One ranked area. */
export interface TargetRow {
  readonly rank: number;
  readonly id: string;
  readonly name: string;
  /** Centre (area centroid; snapped to the profile's grid when it has one): metres and lon/lat. */
  readonly x: number;
  readonly y: number;
  readonly lon: number;
  readonly lat: number;
  readonly areaM2: number;
  readonly street: NearestStreet | null;
  readonly topAddresses: readonly { readonly address: string; readonly count: number }[];
  readonly total: number;
  /** Counts per group, aligned with {@link TargetList.groups}. */
  readonly byGroup: readonly number[];
  readonly grid: AoristicGrid;
  readonly peakDays: readonly string[];
  readonly peakHours: readonly string[];
  readonly windows: readonly PatrolWindow[];
  readonly dosage: readonly DosageVisit[] | null;
  readonly z: number | null;
  /** Outline in the list CRS and in lon/lat. */
  readonly rings: AreaRings;
  readonly ringsLonLat: AreaRings;
  /** Incident positions inside (privacy-snapped), metres, for the sheet's map. */
  readonly pointsX: Float64Array;
  readonly pointsY: Float64Array;
}

/** The whole list with everything an export prints beside the rows. */
export interface TargetList {
  readonly rows: readonly TargetRow[];
  readonly groups: readonly string[];
  readonly crs: string;
  readonly source: string;
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly profile: PrivacyProfile;
  readonly privacy: string;
  readonly generatedAt: string;
  readonly shifts: readonly Shift[];
  readonly candidates: number;
  readonly incidentsUsed: number;
  readonly withheld: number;
  /** Lines that state how the numbers were made. */
  readonly conventions: readonly string[];
  readonly warnings: readonly string[];
}

const DAY_MS = 86_400_000;

/** Area-weighted centroid of the outer ring (the mean of its vertices when degenerate). */
export function ringCentroid(rings: AreaRings): [number, number] {
  const r = rings[0] ?? [];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 1; i < r.length; i++) {
    const [x0, y0] = r[i - 1]!;
    const [x1, y1] = r[i]!;
    const c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  if (Math.abs(a) < 1e-9) {
    const n = Math.max(1, r.length);
    return [r.reduce((s, p) => s + p[0], 0) / n, r.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Builds the list: incidents in the period and not withheld by the profile are assigned to
 * every area containing them (point in polygon, even-odd; overlapping areas each count the
 * incident), areas are ranked by that count (ties: the source's order, i.e. z for hot spots) and
 * the first `top` are described. Each case counts once (incidents.ts).
 */
export function buildTargetList(o: TargetListOptions): TargetList {
  const inc = o.incidents;
  const profile = o.profile;
  const shifts = o.shifts ?? DEFAULT_SHIFTS;
  const groupDropped = inc.group.values.map((g) => isDropped(profile, g, null));
  const codeDropped = inc.code.values.map((c) => isDropped(profile, null, c));
  const addresses = inc.address.values.map((a) => (profile.addresses === 'hundred-block' ? (hundredBlock(a) ?? a) : a));
  const use = new Uint8Array(inc.n);
  let used = 0;
  let withheld = 0;
  let outOfPeriod = 0;
  for (let i = 0; i < inc.n; i++) {
    const g = inc.group.codes[i]!;
    const c = inc.code.codes[i]!;
    if ((g >= 0 && groupDropped[g]) || (c >= 0 && codeDropped[c])) {
      withheld++;
      continue;
    }
    if (o.period) {
      const day = (inc.fromMs[i]! as number) / DAY_MS;
      if (!(day >= o.period.startDay && day < o.period.endDay)) {
        outOfPeriod++;
        continue;
      }
    }
    use[i] = 1;
    used++;
  }
  const snapped = applyPrivacyToPoints(profile, { x: inc.x, y: inc.y });
  const groups = inc.group.values.map((g, k) => ({ g, k })).filter(({ k }) => !groupDropped[k]).map(({ g }) => g).sort();
  const groupSlot = inc.group.values.map((g) => groups.indexOf(g));
  const hasUngrouped = Array.from(inc.group.codes).some((c, i) => c < 0 && use[i]);
  const allGroups = hasUngrouped ? [...groups, '(none)'] : groups;

  const counted = o.areas.map((area, order) => {
    const poly = toFlatPolygon(area.rings as unknown as number[][][]);
    const inside: number[] = [];
    for (let i = 0; i < inc.n; i++) if (use[i] && isPointInPolygon(poly, inc.x[i]!, inc.y[i]!)) inside.push(i);
    return { area, order, inside };
  });
  counted.sort((a, b) => b.inside.length - a.inside.length || a.order - b.order);
  const chosen = counted.slice(0, Math.max(0, o.top ?? 10));
  const toLonLat = createTransform(inc.crs, 'EPSG:4326');

  const rows: TargetRow[] = chosen.map(({ area, inside }, r) => {
    const byGroup = new Array<number>(allGroups.length).fill(0);
    const addressCounts = new Map<string, number>();
    for (const i of inside) {
      const g = inc.group.codes[i]!;
      byGroup[g < 0 ? allGroups.length - 1 : groupSlot[g]!]! += 1;
      const a = inc.address.codes[i]!;
      if (a >= 0) addressCounts.set(addresses[a]!, (addressCounts.get(addresses[a]!) ?? 0) + 1);
    }
    const topAddresses = [...addressCounts].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).slice(0, 3).map(([address, count]) => ({ address, count }));
    const rows32 = Int32Array.from(inside);
    const grid = computeAoristicGrid(inc.fromMs, inc.toMs, rows32, o.capHours ?? DEFAULT_CAP_HOURS);
    const peaks = peakTimes(grid);
    const windows = patrolWindows(grid, shifts, o.windowHours ?? 2, o.windowsPerShift ?? 2);
    let [x, y] = ringCentroid(area.rings);
    const street = o.streets ? findNearestStreet(o.streets, x, y) : null;
    if (profile.gridM !== null) [x, y] = [snapToGrid(x, profile.gridM), snapToGrid(y, profile.gridM)];
    const [lon, lat] = toLonLat(x, y);
    const ringsLonLat = area.rings.map((ring) => ring.map(([px, py]) => toLonLat(px, py)));
    return {
      rank: r + 1,
      id: area.id,
      name: area.name,
      x,
      y,
      lon,
      lat,
      areaM2: polygonArea(area.rings as unknown as [number, number][][]),
      street,
      topAddresses,
      total: inside.length,
      byGroup,
      grid,
      peakDays: peaks.days,
      peakHours: peaks.hours,
      windows,
      dosage: o.dosage ? planDosage(windows, o.dosage, area.id) : null,
      z: area.z,
      rings: area.rings,
      ringsLonLat,
      pointsX: Float64Array.from(inside, (i) => snapped.x[i]!),
      pointsY: Float64Array.from(inside, (i) => snapped.y[i]!),
    };
  });

  const warnings: string[] = [];
  if (o.areas.length === 0) warnings.push('No areas to rank (no design targets, significant hot spots or polygons).');
  const capped = rows.reduce((s, r) => s + r.grid.capped, 0);
  const undated = rows.reduce((s, r) => s + r.grid.undated, 0);
  if (undated) warnings.push(`${undated} incident(s) in the listed areas have no occurred_from: counted, but not in the peak times.`);
  if (inc.skipped.noCoordinates) warnings.push(`${inc.skipped.noCoordinates} incident(s) without coordinates are not on the list.`);
  const cap = o.capHours ?? DEFAULT_CAP_HOURS;
  return {
    rows,
    groups: allGroups,
    crs: inc.crs,
    source: o.source,
    period: o.period ? { from: o.period.from, to: o.period.to } : null,
    profile,
    privacy: describeProfile(profile),
    generatedAt: o.generatedAt ?? new Date().toISOString(),
    shifts,
    candidates: o.areas.length,
    incidentsUsed: used,
    withheld,
    conventions: [
      `Areas from ${o.source}, ranked by incidents inside${o.period ? ` with occurred_from in ${o.period.from}..${o.period.to}` : ''} (each case once; ${outOfPeriod} outside the period or undated); top ${rows.length} of ${o.areas.length}.`,
      `Peak days/hours and patrol windows: aoristic hour-by-day grid (Ratcliffe 2000): an incident counts 1/k in each of the k clock hours between occurred_from and occurred_to, windows longer than ${cap} hours spread over their first ${cap} hours (${capped} such incident(s)).`,
      `Patrol windows: the top ${o.windowsPerShift ?? 2} non-overlapping ${o.windowHours ?? 2}-hour windows per shift (${shifts.map((s) => `${s.name} ${String(s.start).padStart(2, '0')}-${String(s.end).padStart(2, '0')}`).join(', ')}) by aoristic weight.`,
      ...(o.dosage ? [`Dosage (Koper 1995): ${o.dosage.visitsPerShift} visit(s) of ${o.dosage.minutes} minutes per shift at random starts inside the shift's windows (window drawn by weight), seed ${o.dosage.seed}.`] : []),
      `Centres: area centroids in ${inc.crs}${profile.gridM !== null ? `, snapped to the ${profile.gridM} m privacy grid` : ''}; nearest street from the street centerline layer${o.streets ? '' : ' (none in the project)'}.`,
    ],
    warnings,
  };
}
