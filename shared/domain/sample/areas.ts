/**
 * Police districts and beats of the sample city. Six districts (two rows of three, with the
 * north row's boundaries offset from the south row's) each split into four beats along streets,
 * so 24 beats tile the city exactly. Boundaries run on street centrelines, as real beats do;
 * generated locations sit off the centreline, so every point falls in exactly one beat.
 */
import { createTransform } from '../geo/crs';
import { BASE_LINE_Y, BLOCK_FT, BLOCKS_X, BLOCKS_Y, ORIGIN_X, ORIGIN_Y, SAMPLE_CRS } from './constants';
import type { AreaTable } from './types';

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const DISTRICT_NAMES = ['NORTHWEST', 'NORTH CENTRAL', 'NORTHEAST', 'SOUTHWEST', 'SOUTH CENTRAL', 'SOUTHEAST'];
/** Column breaks (in blocks) of the north and south district rows. */
const NORTH_BREAKS = [0, 28, 52, BLOCKS_X];
const SOUTH_BREAKS = [0, 26, 54, BLOCKS_X];
/** Per-district offsets (blocks) of the beat split lines, so beats are not all alike. */
const SPLIT_SHIFT: readonly (readonly [number, number])[] = [[-2, 1], [1, -2], [2, 0], [0, -1], [-1, 2], [2, 1]];

function districtRects(): Rect[] {
  const rects: Rect[] = [];
  for (const [row, breaks] of [[1, NORTH_BREAKS], [0, SOUTH_BREAKS]] as const) {
    for (let c = 0; c < 3; c++) {
      rects.push({
        x0: breaks[c] as number,
        x1: breaks[c + 1] as number,
        y0: row === 1 ? BASE_LINE_Y : 0,
        y1: row === 1 ? BLOCKS_Y : BASE_LINE_Y,
      });
    }
  }
  return rects;
}

function beatRects(d: Rect, shift: readonly [number, number]): Rect[] {
  const xm = Math.round((d.x0 + d.x1) / 2) + shift[0];
  const ym = Math.round((d.y0 + d.y1) / 2) + shift[1];
  return [
    { x0: d.x0, y0: d.y0, x1: xm, y1: ym },
    { x0: xm, y0: d.y0, x1: d.x1, y1: ym },
    { x0: d.x0, y0: ym, x1: xm, y1: d.y1 },
    { x0: xm, y0: ym, x1: d.x1, y1: d.y1 },
  ];
}

/** Counter-clockwise closed ring in feet with a vertex at every street crossing on its edges. */
function rectRing(r: Rect): Float64Array {
  const pts: number[] = [];
  const push = (bx: number, by: number): void => {
    pts.push(ORIGIN_X + bx * BLOCK_FT, ORIGIN_Y + by * BLOCK_FT);
  };
  for (let x = r.x0; x < r.x1; x++) push(x, r.y0);
  for (let y = r.y0; y < r.y1; y++) push(r.x1, y);
  for (let x = r.x1; x > r.x0; x--) push(x, r.y1);
  for (let y = r.y1; y > r.y0; y--) push(r.x0, y);
  push(r.x0, r.y0);
  return Float64Array.from(pts);
}

function toLonLat(ring: Float64Array): Float64Array {
  const n = ring.length / 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = ring[2 * i] as number;
    ys[i] = ring[2 * i + 1] as number;
  }
  createTransform(SAMPLE_CRS, 'EPSG:4326').inPlace(xs, ys);
  const out = new Float64Array(ring.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = xs[i] as number;
    out[2 * i + 1] = ys[i] as number;
  }
  return out;
}

/** The districts, beats, and a block-cell lookup from location to beat. */
export interface CityAreas {
  readonly districts: AreaTable;
  readonly beats: AreaTable;
  /** Beat index of each block cell, row-major from the south-west: cell = bx + by * BLOCKS_X. */
  readonly cellBeat: Uint8Array;
}

/** Builds districts and beats (deterministic, no randomness). */
export function buildAreas(): CityAreas {
  const dRects = districtRects();
  const bRects: Rect[] = [];
  const parent: number[] = [];
  dRects.forEach((d, di) => {
    for (const b of beatRects(d, SPLIT_SHIFT[di] ?? [0, 0])) {
      bRects.push(b);
      parent.push(di);
    }
  });
  const cellBeat = new Uint8Array(BLOCKS_X * BLOCKS_Y);
  bRects.forEach((r, bi) => {
    for (let by = r.y0; by < r.y1; by++) for (let bx = r.x0; bx < r.x1; bx++) cellBeat[bx + by * BLOCKS_X] = bi;
  });
  const dRings = dRects.map(rectRing);
  const bRings = bRects.map(rectRing);
  const districts: AreaTable = {
    count: dRects.length,
    codes: dRects.map((_, i) => String(i + 1)),
    names: dRects.map((_, i) => DISTRICT_NAMES[i] ?? `DISTRICT ${i + 1}`),
    rings: dRings,
    ringsLonLat: dRings.map(toLonLat),
    parent: new Uint8Array(dRects.length),
  };
  const beatCodes = bRects.map((_, i) => `${(parent[i] ?? 0) + 1}${(i % 4) + 1}`);
  const beats: AreaTable = {
    count: bRects.length,
    codes: beatCodes,
    names: beatCodes.map((c) => `BEAT ${c}`),
    rings: bRings,
    ringsLonLat: bRings.map(toLonLat),
    parent: Uint8Array.from(parent),
  };
  return { districts, beats, cellBeat };
}

/**
 * Beat index of a location in feet, or -1 outside the city. Points exactly on an internal
 * boundary go to the beat north/east of it (half-open cells); the outer north/east edges belong
 * to the city.
 */
export function beatAt(areas: CityAreas, x: number, y: number): number {
  const fx = (x - ORIGIN_X) / BLOCK_FT;
  const fy = (y - ORIGIN_Y) / BLOCK_FT;
  if (!(fx >= 0 && fx <= BLOCKS_X && fy >= 0 && fy <= BLOCKS_Y)) return -1;
  const bx = Math.min(BLOCKS_X - 1, Math.floor(fx));
  const by = Math.min(BLOCKS_Y - 1, Math.floor(fy));
  return areas.cellBeat[bx + by * BLOCKS_X] ?? -1;
}
