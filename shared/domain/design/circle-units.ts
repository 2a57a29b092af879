/**
 * Equal-area circles around candidate hot spots, as design units (`--unit circles:R`): square
 * cells of side R ranked by their incident count (cells whose centre lies inside a target
 * polygon first, so every busy target gets a circle; then all the others; ties by cell id), each
 * cell centre kept as a circle centre when it is at least 2R from every centre kept before, so
 * the circles never overlap. Only cells with at least one incident are candidates. An incident
 * counts for the circle whose centre is within R of it (distance <= R; circles may touch, and a
 * point on two boundaries counts for the first kept).
 */
import { err, ok, type Result } from '../../base/result';
import { assignToCells, cellCentres, computeExtent, countPerCell, createGrid } from '../geo/grid';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

/** Circle centres (analysis CRS, m) in the order they were kept. */
export interface CircleCentres {
  readonly radiusM: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Picks the circle centres of the module comment from points (x, y metres). `first(cx, cy)` says
 * whether a candidate cell centre is preferred (inside a target polygon). Errors: a radius that
 * is not > 0, no points, a grid too large for the extent.
 */
export function pickCircleCentres(x: Float64Array, y: Float64Array, radiusM: number, first: (cx: number, cy: number) => boolean): Result<CircleCentres, StatsError> {
  if (!(radiusM > 0 && Number.isFinite(radiusM))) return err(invalidArgument('--unit circles', radiusM, 'a radius in metres > 0'));
  const extent = computeExtent(x, y);
  if (!extent) return err(invalidArgument('incidents', '0 with coordinates', 'pre-period incidents with x/y to place circles on'));
  const grid = createGrid('square', radiusM, extent, { align: true, maxCells: 4_000_000 });
  if (!grid.ok) return err(grid.error);
  const g = grid.value;
  const counts = countPerCell(g, assignToCells(g, x, y));
  const centres = cellCentres(g);
  const cand: number[] = [];
  const pref = new Uint8Array(g.count);
  for (let c = 0; c < g.count; c++) {
    if (counts[c]! < 1) continue;
    cand.push(c);
    pref[c] = first(centres.x[c]!, centres.y[c]!) ? 1 : 0;
  }
  cand.sort((a, b) => pref[b]! - pref[a]! || counts[b]! - counts[a]! || a - b);
  const bucket = 2 * radiusM;
  const kept = new Map<string, number[]>();
  const kx: number[] = [];
  const ky: number[] = [];
  for (const c of cand) {
    const cx = centres.x[c]!;
    const cy = centres.y[c]!;
    const bx = Math.floor(cx / bucket);
    const by = Math.floor(cy / bucket);
    let clear = true;
    for (let dx = -1; dx <= 1 && clear; dx++) {
      for (let dy = -1; dy <= 1 && clear; dy++) {
        for (const k of kept.get(`${bx + dx},${by + dy}`) ?? []) {
          if (Math.hypot(kx[k]! - cx, ky[k]! - cy) < bucket - 1e-9) {
            clear = false;
            break;
          }
        }
      }
    }
    if (!clear) continue;
    const key = `${bx},${by}`;
    const list = kept.get(key);
    if (list) list.push(kx.length);
    else kept.set(key, [kx.length]);
    kx.push(cx);
    ky.push(cy);
  }
  return ok({ radiusM, x: Float64Array.from(kx), y: Float64Array.from(ky) });
}

/**
 * The circle of each point: the first kept centre within R (inclusive), else -1. Columnar; a
 * bucket hash of side 2R keeps it linear in the points.
 */
export function assignToCircles(c: CircleCentres, x: ArrayLike<number>, y: ArrayLike<number>): Int32Array {
  const bucket = 2 * c.radiusM;
  const map = new Map<string, number[]>();
  for (let k = 0; k < c.x.length; k++) {
    const key = `${Math.floor(c.x[k]! / bucket)},${Math.floor(c.y[k]! / bucket)}`;
    const list = map.get(key);
    if (list) list.push(k);
    else map.set(key, [k]);
  }
  const out = new Int32Array(x.length).fill(-1);
  const r2 = c.radiusM * c.radiusM;
  for (let i = 0; i < x.length; i++) {
    const px = x[i]!;
    const py = y[i]!;
    if (!Number.isFinite(px + py)) continue;
    const bx = Math.floor(px / bucket);
    const by = Math.floor(py / bucket);
    let best = -1;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const k of map.get(`${bx + dx},${by + dy}`) ?? []) {
          if ((best < 0 || k < best) && (c.x[k]! - px) ** 2 + (c.y[k]! - py) ** 2 <= r2) best = k;
        }
      }
    }
    out[i] = best;
  }
  return out;
}

/** A circle as a closed ring of `sides` vertices (default 64), for drawing and documents. */
export function circleRings(cx: number, cy: number, r: number, sides = 64): [number, number][][] {
  const ring: [number, number][] = [];
  for (let k = 0; k < sides; k++) {
    const a = (2 * Math.PI * k) / sides;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return [ring];
}
