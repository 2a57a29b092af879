/**
 * Where things happen in the sample city: a per-segment "hotness" (log-normal, with a few hot
 * neighbourhoods, downtown and commercial corridors) that yields the law of crime concentration
 * (about half of incidents on about 5% of segments: Weisburd 2015), split into land-use flavoured
 * samplers, plus helpers that put a point beside a segment or near another point.
 */
import type { AliasSampler, Rng } from '../../base/random';
import { createAliasSampler } from '../../base/random';
import { BLOCK_FT, BLOCKS_X, BLOCKS_Y, ORIGIN_X, ORIGIN_Y } from './constants';
import { horizontalSegment, houseNumberOn, verticalSegment } from './streets';
import type { StreetTable } from './types';

/** Kind of place an event favours. */
export type PlaceKind = 'general' | 'commercial' | 'residential';
export const PLACE_KINDS: readonly PlaceKind[] = ['general', 'commercial', 'residential'];

/** Per-segment weights and their samplers. */
export interface PlaceModel {
  /** Relative crime risk of each segment (mean about 1). */
  readonly hotness: Float64Array;
  /** Commercial share of the land use beside each segment, 0..1. */
  readonly commercial: Float64Array;
  /** Samplers indexed like {@link PLACE_KINDS}. */
  readonly samplers: readonly AliasSampler[];
}

/** Hot (positive) and quiet (negative) neighbourhoods: centre in blocks, radius in blocks, log effect. */
const BUMPS: readonly (readonly [number, number, number, number])[] = [
  [40, 33, 5, 1.3], // downtown
  [21, 47, 4, 1.0], // north side
  [58, 19, 5, 0.9], // east side
  [29, 13, 4, 0.8], // south side
  [66, 44, 3, 0.7], // mall district
  [72, 57, 10, -0.9], // north-east suburbs
  [8, 8, 9, -0.7], // south-west farms
];
/** Standard deviation of the segment-level log-normal noise: tuned for ~50% on top 5%. */
const SEGMENT_SIGMA = 1.52;
const CLASS_LOG_BOOST = [0, 0.35, 0.8]; // local, collector, arterial

/** Builds the place model; draws from `rng` (deterministic for a given seed). */
export function buildPlaceModel(streets: StreetTable, rng: Rng): PlaceModel {
  const n = streets.count;
  const hotness = new Float64Array(n);
  const commercial = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const mx = (((streets.x0[s] as number) + (streets.x1[s] as number)) / 2 - ORIGIN_X) / BLOCK_FT;
    const my = (((streets.y0[s] as number) + (streets.y1[s] as number)) / 2 - ORIGIN_Y) / BLOCK_FT;
    let log = CLASS_LOG_BOOST[streets.roadClass[s] as number] ?? 0;
    for (const [bx, by, r, eff] of BUMPS) {
      const d2 = ((mx - bx) ** 2 + (my - by) ** 2) / (r * r);
      log += eff * Math.exp(-0.5 * d2);
    }
    hotness[s] = Math.exp(log + rng.normal(0, SEGMENT_SIGMA));
    const cls = streets.roadClass[s] as number;
    const downtown = Math.exp(-0.5 * (((mx - 40) ** 2 + (my - 33) ** 2) / 16));
    commercial[s] = Math.min(1, Math.max([0.08, 0.35, 0.75][cls] ?? 0.08, downtown));
  }
  let total = 0;
  for (let s = 0; s < n; s++) total += hotness[s] as number;
  for (let s = 0; s < n; s++) hotness[s] = ((hotness[s] as number) * n) / total;

  const com = new Float64Array(n);
  const res = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const c = commercial[s] as number;
    com[s] = (hotness[s] as number) * c * c;
    res[s] = (hotness[s] as number) * (1 - c);
  }
  return { hotness, commercial, samplers: [createAliasSampler(hotness), createAliasSampler(com), createAliasSampler(res)] };
}

/** A placed point: location in feet, position along the segment, and side. */
export interface Placement {
  segment: number;
  x: number;
  y: number;
  /** 0..1 along the digitized direction. */
  t: number;
  /** Left of the digitized direction (odd house numbers). */
  left: boolean;
}

/** A fresh scratch placement (reuse it in loops to avoid garbage). */
export function createPlacement(): Placement {
  return { segment: 0, x: 0, y: 0, t: 0, left: false };
}

const MAX_X = ORIGIN_X + BLOCKS_X * BLOCK_FT;
const MAX_Y = ORIGIN_Y + BLOCKS_Y * BLOCK_FT;

function inside(x: number, y: number): boolean {
  return x > ORIGIN_X && x < MAX_X && y > ORIGIN_Y && y < MAX_Y;
}

/** Rounds to 0.01 ft, the precision the exports carry, so exported and stored values agree. */
export function roundCentiFoot(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Puts a point beside segment `segment`: 6-94% along it, 30-110 ft off the centreline on a random
 * side (the inner side for segments on the city edge). Writes into `out`.
 */
export function placeOnSegment(streets: StreetTable, segment: number, rng: Rng, out: Placement): Placement {
  return placeAt(streets, segment, rng.uniform(0.06, 0.94), rng.chance(0.5), rng.uniform(30, 110), out);
}

function placeAt(streets: StreetTable, s: number, t: number, left: boolean, setback: number, out: Placement): Placement {
  const x0 = streets.x0[s] as number;
  const y0 = streets.y0[s] as number;
  const dx = (streets.x1[s] as number) - x0;
  const dy = (streets.y1[s] as number) - y0;
  const len = Math.hypot(dx, dy);
  const nx = -dy / len; // left normal
  const ny = dx / len;
  let side = left ? 1 : -1;
  let x = x0 + dx * t + nx * setback * side;
  let y = y0 + dy * t + ny * setback * side;
  if (!inside(x, y)) {
    side = -side;
    x = x0 + dx * t + nx * setback * side;
    y = y0 + dy * t + ny * setback * side;
  }
  out.segment = s;
  out.x = roundCentiFoot(x);
  out.y = roundCentiFoot(y);
  out.t = t;
  out.left = side > 0;
  return out;
}

/**
 * Puts a point beside a grid segment within `maxDist` feet of (x, y): tries random offsets snapped
 * to the nearest grid street; if none lands close enough after 24 tries, falls back to (x, y)'s
 * own segment `fallbackSegment` at the same spot. Returns `out`.
 */
export function placeNear(
  streets: StreetTable,
  x: number,
  y: number,
  maxDist: number,
  fallbackSegment: number,
  rng: Rng,
  out: Placement,
): Placement {
  for (let attempt = 0; attempt < 24; attempt++) {
    const r = maxDist * Math.sqrt(rng.next());
    const a = rng.next() * 2 * Math.PI;
    const px = x + r * Math.cos(a);
    const py = y + r * Math.sin(a);
    if (!inside(px, py)) continue;
    const fx = (px - ORIGIN_X) / BLOCK_FT;
    const fy = (py - ORIGIN_Y) / BLOCK_FT;
    const li = Math.round(fx);
    const lj = Math.round(fy);
    const dxl = Math.abs(fx - li) * BLOCK_FT;
    const dyl = Math.abs(fy - lj) * BLOCK_FT;
    let seg: number;
    let setback: number;
    if (dxl <= dyl) seg = verticalSegment(li, Math.min(BLOCKS_Y - 1, Math.floor(fy)));
    else seg = horizontalSegment(lj, Math.min(BLOCKS_X - 1, Math.floor(fx)));
    // Keep the point's own side and along-position; clamp the setback to a plausible lot depth.
    const x0 = streets.x0[seg] as number;
    const y0 = streets.y0[seg] as number;
    const dx = (streets.x1[seg] as number) - x0;
    const dy = (streets.y1[seg] as number) - y0;
    const len2 = dx * dx + dy * dy;
    const t = Math.min(0.94, Math.max(0.06, ((px - x0) * dx + (py - y0) * dy) / len2));
    const cross = (dx * (py - y0) - dy * (px - x0)) / Math.sqrt(len2);
    setback = Math.min(110, Math.max(30, Math.abs(cross)));
    placeAt(streets, seg, t, cross > 0, setback, out);
    if (Math.hypot(out.x - x, out.y - y) <= maxDist) return out;
  }
  // Same segment, tiny move: always within reach of the original point.
  out.segment = fallbackSegment;
  out.x = roundCentiFoot(x + rng.uniform(-20, 20));
  out.y = roundCentiFoot(y + rng.uniform(-20, 20));
  return out;
}

/** House number of a point beside segment `s`, from its position along and its side. */
export function houseNumberAtPoint(streets: StreetTable, s: number, x: number, y: number): number {
  const x0 = streets.x0[s] as number;
  const y0 = streets.y0[s] as number;
  const dx = (streets.x1[s] as number) - x0;
  const dy = (streets.y1[s] as number) - y0;
  const len2 = dx * dx + dy * dy;
  const t = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / len2));
  const left = dx * (y - y0) - dy * (x - x0) > 0;
  return houseNumberOn(streets, s, t, left);
}
