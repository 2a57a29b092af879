/**
 * The planted intervention: target areas around the hottest places where, from the start date,
 * incidents drop by TARGET_DROP, with DISPLACEMENT_RISE more incidents in a ring around each.
 * Generation applies it by thinning (accept a candidate with probability m / max m), so the
 * effect is exact in expectation relative to the rest of the city.
 */
import {
  AREA_POLYGON_VERTICES,
  BUFFER_DISTANCE_FT,
  DISPLACEMENT_RISE,
  INTERVENTION_AREAS,
  ORIGIN_X,
  ORIGIN_Y,
  BLOCK_FT,
  BLOCKS_X,
  BLOCKS_Y,
  SAMPLE_HQ,
  TARGET_DROP,
  TARGET_RADIUS_FT,
} from './constants';
import type { PlaceModel } from './places';
import { roundCentiFoot } from './places';
import type { StreetTable } from './types';
import { isPointInRing } from '../geo/point-in-polygon';

export interface InterventionArea {
  readonly id: string;
  /** Centre (feet): the midpoint of the segment the area was drawn around. */
  readonly cx: number;
  readonly cy: number;
  readonly segment: number;
  /** Closed counter-clockwise ring of the target polygon, flat [x, y, ...] in feet. */
  readonly target: Float64Array;
  /** Closed ring of the outer edge of the displacement buffer (the target ring is its hole). */
  readonly outer: Float64Array;
}

/** Even-odd point-in-polygon test on a closed flat ring (shared with the rest of the app). */
export function pointInRing(ring: Float64Array, x: number, y: number): boolean {
  return isPointInRing(ring, x, y);
}

function regularRing(cx: number, cy: number, r: number): Float64Array {
  const n = AREA_POLYGON_VERTICES;
  const ring = new Float64Array(2 * (n + 1));
  for (let k = 0; k <= n; k++) {
    const a = ((k % n) / n) * 2 * Math.PI;
    ring[2 * k] = roundCentiFoot(cx + r * Math.cos(a));
    ring[2 * k + 1] = roundCentiFoot(cy + r * Math.sin(a));
  }
  return ring;
}

/**
 * Picks INTERVENTION_AREAS target areas: segments ranked by the summed hotness of segments whose
 * midpoints lie within the target radius, taken greedily when at least three outer radii from
 * every earlier pick, fully inside the city, and away from the HQ (whose "default location" rows
 * would blur the counts).
 */
export function selectInterventionAreas(streets: StreetTable, places: PlaceModel): InterventionArea[] {
  const n = streets.count;
  const mx = new Float64Array(n);
  const my = new Float64Array(n);
  const bins = new Map<number, number[]>();
  const binOf = (x: number, y: number): number => Math.floor((x - ORIGIN_X) / BLOCK_FT) * 1000 + Math.floor((y - ORIGIN_Y) / BLOCK_FT);
  for (let s = 0; s < n; s++) {
    mx[s] = ((streets.x0[s] as number) + (streets.x1[s] as number)) / 2;
    my[s] = ((streets.y0[s] as number) + (streets.y1[s] as number)) / 2;
    const b = binOf(mx[s] as number, my[s] as number);
    const list = bins.get(b);
    if (list) list.push(s);
    else bins.set(b, [s]);
  }
  const score = new Float64Array(n);
  const r2 = TARGET_RADIUS_FT * TARGET_RADIUS_FT;
  for (let s = 0; s < n; s++) {
    const x = mx[s] as number;
    const y = my[s] as number;
    const b = binOf(x, y);
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        for (const t of bins.get(b + di * 1000 + dj) ?? []) {
          if (((mx[t] as number) - x) ** 2 + ((my[t] as number) - y) ** 2 <= r2) score[s] = (score[s] as number) + (places.hotness[t] as number);
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  const outerR = TARGET_RADIUS_FT + BUFFER_DISTANCE_FT;
  const areas: InterventionArea[] = [];
  for (const s of order) {
    if (areas.length >= INTERVENTION_AREAS) break;
    const x = mx[s] as number;
    const y = my[s] as number;
    const margin = outerR + 200;
    if (x - ORIGIN_X < margin || y - ORIGIN_Y < margin || ORIGIN_X + BLOCKS_X * BLOCK_FT - x < margin || ORIGIN_Y + BLOCKS_Y * BLOCK_FT - y < margin) continue;
    if (Math.hypot(x - SAMPLE_HQ.x, y - SAMPLE_HQ.y) < outerR + 300) continue;
    if (areas.some((a) => Math.hypot(a.cx - x, a.cy - y) < 3 * outerR)) continue;
    areas.push({
      id: `T${areas.length + 1}`,
      cx: x,
      cy: y,
      segment: s,
      target: regularRing(x, y, TARGET_RADIUS_FT),
      outer: regularRing(x, y, outerR),
    });
  }
  return areas;
}

/**
 * Where a point lies: k + 1 inside target k, -(k + 1) inside the displacement ring of target k,
 * 0 elsewhere. Polygons, not circles, decide, so counts match the exported polygons exactly.
 */
export function classifyPoint(areas: readonly InterventionArea[], x: number, y: number): number {
  const outer2 = (TARGET_RADIUS_FT + BUFFER_DISTANCE_FT) ** 2;
  for (let k = 0; k < areas.length; k++) {
    const a = areas[k] as InterventionArea;
    if ((x - a.cx) ** 2 + (y - a.cy) ** 2 > outer2 + 1) continue;
    if (pointInRing(a.target, x, y)) return k + 1;
    if (pointInRing(a.outer, x, y)) return -(k + 1);
  }
  return 0;
}

/** The largest multiplier: thinning accepts with probability multiplier / MAX_MULTIPLIER. */
export const MAX_MULTIPLIER = Math.max(1, 1 + DISPLACEMENT_RISE);

/** Intensity multiplier of a location class (from {@link classifyPoint}) at a time. */
export function interventionMultiplier(cls: number, ms: number, startMs: number): number {
  if (cls === 0 || ms < startMs) return 1;
  return cls > 0 ? 1 - TARGET_DROP : 1 + DISPLACEMENT_RISE;
}
