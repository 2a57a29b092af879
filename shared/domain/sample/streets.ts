/**
 * The sample city's street network: a grid of block-length segments (1/8 mile) with named
 * arterials every mile, collectors every half mile, and two diagonal arterials cut at every grid
 * line they cross. Addresses use hundred-block numbering from two base lines (Main St for
 * east/west, Central Ave for north/south): the first block out from a base line is the 100 block,
 * with direction prefixes N/S/E/W; diagonals count from their south end without a prefix.
 */
import { BASE_LINE_X, BASE_LINE_Y, BLOCK_FT, BLOCKS_X, BLOCKS_Y, ORIGIN_X, ORIGIN_Y } from './constants';
import { DIAGONALS, ewStreetName, nsStreetName } from './street-names';
import type { RoadClass, StreetTable } from './types';
import { ROAD_CLASSES } from './types';

/** Number of north-south grid segments: (BLOCKS_X + 1) lines of BLOCKS_Y blocks each. */
export const VERTICAL_SEGMENTS = (BLOCKS_X + 1) * BLOCKS_Y;
/** Index of the first east-west segment. */
export const HORIZONTAL_START = VERTICAL_SEGMENTS;
/** Index of the first diagonal segment. */
export const DIAGONAL_START = HORIZONTAL_START + (BLOCKS_Y + 1) * BLOCKS_X;

/** Segment index of the north-south block on grid line `i` (0..BLOCKS_X) between y = j and j + 1. */
export function verticalSegment(i: number, j: number): number {
  return i * BLOCKS_Y + j;
}

/** Segment index of the east-west block on grid line `j` (0..BLOCKS_Y) between x = i and i + 1. */
export function horizontalSegment(j: number, i: number): number {
  return HORIZONTAL_START + j * BLOCKS_X + i;
}

function classOfLine(k: number): RoadClass {
  if (k % 8 === 0) return 'arterial';
  return k % 4 === 0 ? 'collector' : 'local';
}

/** Builds the street table; deterministic (no randomness). */
export function buildStreets(): StreetTable {
  const rows: { x0: number; y0: number; x1: number; y1: number; name: string; cls: RoadClass; hundred: number }[] = [];
  const gx = (i: number): number => ORIGIN_X + i * BLOCK_FT;
  const gy = (j: number): number => ORIGIN_Y + j * BLOCK_FT;

  for (let i = 0; i <= BLOCKS_X; i++) {
    const base = nsStreetName(i);
    for (let j = 0; j < BLOCKS_Y; j++) {
      const north = j >= BASE_LINE_Y;
      const k = north ? j - BASE_LINE_Y + 1 : BASE_LINE_Y - j;
      const [ya, yb] = north ? [gy(j), gy(j + 1)] : [gy(j + 1), gy(j)];
      rows.push({ x0: gx(i), y0: ya, x1: gx(i), y1: yb, name: `${north ? 'N' : 'S'} ${base}`, cls: classOfLine(i), hundred: k * 100 });
    }
  }
  for (let j = 0; j <= BLOCKS_Y; j++) {
    const base = ewStreetName(j);
    for (let i = 0; i < BLOCKS_X; i++) {
      const east = i >= BASE_LINE_X;
      const k = east ? i - BASE_LINE_X + 1 : BASE_LINE_X - i;
      const [xa, xb] = east ? [gx(i), gx(i + 1)] : [gx(i + 1), gx(i)];
      rows.push({ x0: xa, y0: gy(j), x1: xb, y1: gy(j), name: `${east ? 'E' : 'W'} ${base}`, cls: classOfLine(j), hundred: k * 100 });
    }
  }
  for (const d of DIAGONALS) {
    // Walk from the southern end so that numbers increase northward.
    const [a, b] = d.from[1] <= d.to[1] ? [d.from, d.to] : [d.to, d.from];
    const cuts = diagonalCuts(a, b);
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]) * BLOCK_FT;
    for (let c = 0; c + 1 < cuts.length; c++) {
      const t0 = cuts[c] as number;
      const t1 = cuts[c + 1] as number;
      const mid = ((t0 + t1) / 2) * length;
      rows.push({
        x0: gx(a[0] + (b[0] - a[0]) * t0),
        y0: gy(a[1] + (b[1] - a[1]) * t0),
        x1: gx(a[0] + (b[0] - a[0]) * t1),
        y1: gy(a[1] + (b[1] - a[1]) * t1),
        name: d.name,
        cls: 'arterial',
        hundred: (Math.floor(mid / BLOCK_FT) + 1) * 100,
      });
    }
  }

  const n = rows.length;
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const t = {
    x0: new Float64Array(n), y0: new Float64Array(n), x1: new Float64Array(n), y1: new Float64Array(n),
    nameIndex: new Uint16Array(n), roadClass: new Uint8Array(n), hundred: new Int32Array(n),
    fromLeft: new Int32Array(n), toLeft: new Int32Array(n), fromRight: new Int32Array(n), toRight: new Int32Array(n),
  };
  rows.forEach((r, s) => {
    let id = nameIds.get(r.name);
    if (id === undefined) {
      id = names.length;
      names.push(r.name);
      nameIds.set(r.name, id);
    }
    t.x0[s] = r.x0;
    t.y0[s] = r.y0;
    t.x1[s] = r.x1;
    t.y1[s] = r.y1;
    t.nameIndex[s] = id;
    t.roadClass[s] = ROAD_CLASSES.indexOf(r.cls);
    t.hundred[s] = r.hundred;
    t.fromLeft[s] = r.hundred + 1;
    t.toLeft[s] = r.hundred + 99;
    t.fromRight[s] = r.hundred;
    t.toRight[s] = r.hundred + 98;
  });
  return { count: n, names, ...t };
}

/** Parameters (0..1) where the diagonal from a to b crosses grid lines, with both ends. */
function diagonalCuts(a: readonly [number, number], b: readonly [number, number]): number[] {
  const ts = [0, 1];
  for (const axis of [0, 1] as const) {
    const p = a[axis];
    const q = b[axis];
    if (p === q) continue;
    for (let k = Math.ceil(Math.min(p, q)); k <= Math.floor(Math.max(p, q)); k++) {
      const t = (k - p) / (q - p);
      if (t > 0 && t < 1) ts.push(t);
    }
  }
  ts.sort((u, v) => u - v);
  // Drop pieces shorter than ~1/10 block (a line crossing right next to another one).
  const out: number[] = [0];
  const minStep = 0.1 / Math.hypot(b[0] - a[0], b[1] - a[1]);
  for (const t of ts) if (t - (out[out.length - 1] as number) >= minStep) out.push(t);
  if (out[out.length - 1] !== 1) out[out.length - 1] = 1;
  return out;
}

/** The segment's hundred-block label, "1200 BLOCK OF W ELM ST". */
export function blockAddress(streets: StreetTable, segment: number): string {
  return `${streets.hundred[segment] ?? 0} BLOCK OF ${streets.names[streets.nameIndex[segment] ?? 0] ?? ''}`;
}

/**
 * A house number on a segment: `t` in [0, 1] along the digitized direction, odd on the left side
 * and even on the right, within the segment's hundred block.
 */
export function houseNumberOn(streets: StreetTable, segment: number, t: number, left: boolean): number {
  const step = Math.min(48, Math.max(0, Math.floor(t * 49)));
  return (streets.hundred[segment] ?? 0) + 2 * step + (left ? 1 : 0);
}

/** "1234 W ELM ST". */
export function streetAddress(streets: StreetTable, segment: number, houseNumber: number): string {
  return `${houseNumber} ${streets.names[streets.nameIndex[segment] ?? 0] ?? ''}`;
}
