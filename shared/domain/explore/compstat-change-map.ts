/**
 * The CompStat change map: square cells (metres in the analysis CRS, aligned on the CRS origin)
 * coloured by the change in incidents between the two CompStat periods, with each cell tested by
 * the same exact conditional Poisson test as the table rows ({@link compareCounts}).
 *
 * Colour: the change scaled to the current period's length, d = a − b · tA / tB (a, b the counts,
 * tA, tB the periods' days; for equal periods simply a − b), in five ColorBrewer RdBu classes
 * (colour-blind safe, prints in grey): big fall (d ≤ −T), fall, no change (d = 0), rise,
 * big rise (d ≥ T), where T is the 75th percentile of |d| over the cells that changed, at least 2.
 * Rises are red (more crime), falls blue. Cells whose change is significant (p < alpha) are drawn
 * opaque and outlined; the others are faded. Only cells with an incident in either period are drawn.
 */
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { err, ok, type Result } from '../../base/result';
import { assignToCells, cellCentres, computeExtent, createGrid } from '../geo/grid';
import { invalidArgument, type StatsError } from '../stats/errors';
import { unprojectInterleavedInPlace } from './analysis-crs';
import { compareCounts, periodDays, type Period } from './compstat';

/** RdBu, 5 classes (ColorBrewer): big fall, fall, none, rise, big rise. */
export const CHANGE_COLORS: readonly (readonly [number, number, number])[] = [
  [5, 113, 176],
  [146, 197, 222],
  [230, 230, 230],
  [244, 165, 130],
  [202, 0, 32],
];

/** Class labels in {@link CHANGE_COLORS} order, given the threshold T. */
export function changeClassLabels(t: number): string[] {
  return [`fall of ${t} or more`, `fall of less than ${t}`, 'no change', `rise of less than ${t}`, `rise of ${t} or more`];
}

/** Most cells the change map draws (the cell size is refused beyond this). */
export const MAX_CHANGE_CELLS = 250_000;

/**
 * Rowids of the rows passing `where` that fall in either period, and which: `period` bit 1 =
 * current, bit 2 = comparison (3 when the periods overlap and the row is in both). UINTEGER /
 * UTINYINT, ascending rowid.
 */
export function buildPeriodRowsSql(table: string, occurred: string, where: string, current: Period, previous: Period): string {
  const inP = (p: Period) => `(occ >= CAST(${quoteLiteral(p.from)} AS TIMESTAMP) AND occ < CAST(${quoteLiteral(p.to)} AS DATE) + INTERVAL 1 DAY)`;
  return `SELECT row_id, (CASE WHEN ${inP(current)} THEN 1 ELSE 0 END + CASE WHEN ${inP(previous)} THEN 2 ELSE 0 END)::UTINYINT AS period
FROM (SELECT rowid::UINTEGER AS row_id, ${occurred} AS occ FROM ${quoteIdent(table)} WHERE ${where})
WHERE ${inP(current)} OR ${inP(previous)} ORDER BY row_id`;
}

/** The drawn cells, as binary polygon attributes for deck.gl and per-cell facts. */
export interface ChangeMapData {
  readonly cells: number;
  /** Interleaved lon/lat of each cell's closed ring (5 vertices). */
  readonly positions: Float64Array;
  readonly startIndices: Int32Array;
  /** RGBA per vertex. */
  readonly vertexColors: Uint8Array;
  /** Rings of the significant cells only (the outlines). */
  readonly significant: { readonly positions: Float64Array; readonly startIndices: Int32Array; readonly cells: number };
  readonly current: Int32Array;
  readonly previous: Int32Array;
  /** d = a − b · tA / tB per cell. */
  readonly change: Float64Array;
  readonly p: Float64Array;
  /** Class 0..4 of each cell ({@link CHANGE_COLORS}). */
  readonly classes: Uint8Array;
  /** Cells per class. */
  readonly classCounts: readonly number[];
  readonly threshold: number;
  readonly rises: number;
  readonly falls: number;
  readonly cellSize: number;
  readonly alpha: number;
}

/**
 * Builds the change map from the map's points (`x`, `y` metres in `crs`, `rowId` the table rowid
 * of each point) and the period rows of {@link buildPeriodRowsSql} (`rowIds`, `period` bits).
 * Points whose row is in no period are ignored; rows without a point (no coordinates) cannot be
 * mapped and are not counted. Errors: no point in either period, a bad cell size, too many cells.
 */
export function computeChangeMap(
  points: { readonly x: Float64Array; readonly y: Float64Array; readonly rowId: Uint32Array },
  rowIds: ArrayLike<number>,
  period: ArrayLike<number>,
  crs: string,
  periods: { readonly current: Period; readonly previous: Period },
  cellSize: number,
  alpha = 0.05,
): Result<ChangeMapData, StatsError> {
  let maxId = 0;
  for (let i = 0; i < points.rowId.length; i++) maxId = Math.max(maxId, points.rowId[i] as number);
  const bits = new Uint8Array(maxId + 1);
  for (let i = 0; i < rowIds.length; i++) if ((rowIds[i] as number) <= maxId) bits[rowIds[i] as number] = period[i] as number;
  const keep: number[] = [];
  for (let i = 0; i < points.rowId.length; i++) if (bits[points.rowId[i] as number]) keep.push(i);
  const x = Float64Array.from(keep, (i) => points.x[i] as number);
  const y = Float64Array.from(keep, (i) => points.y[i] as number);
  const extent = computeExtent(x, y);
  if (!extent) return invalidArgument('incidents', 0, 'at least one mapped incident in either period');
  const grid = createGrid('square', cellSize, extent, { maxCells: MAX_CHANGE_CELLS });
  if (!grid.ok) return err(grid.error);
  const g = grid.value;
  const ids = assignToCells(g, x, y);
  const cur = new Int32Array(g.count);
  const prev = new Int32Array(g.count);
  for (let k = 0; k < keep.length; k++) {
    const b = bits[points.rowId[keep[k] as number] as number] as number;
    const id = ids[k] as number;
    if (id < 0) continue;
    if (b & 1) cur[id]! += 1;
    if (b & 2) prev[id]! += 1;
  }
  const tA = periodDays(periods.current);
  const tB = periodDays(periods.previous);
  const drawn: number[] = [];
  for (let id = 0; id < g.count; id++) if ((cur[id] as number) + (prev[id] as number) > 0) drawn.push(id);
  const n = drawn.length;
  const a = Int32Array.from(drawn, (id) => cur[id] as number);
  const b = Int32Array.from(drawn, (id) => prev[id] as number);
  const change = Float64Array.from(drawn, (_, k) => (a[k] as number) - ((b[k] as number) * tA) / tB);
  const p = new Float64Array(n);
  const sig = new Uint8Array(n);
  let rises = 0;
  let falls = 0;
  for (let k = 0; k < n; k++) {
    const row = compareCounts('', a[k] as number, b[k] as number, tA, tB, alpha);
    p[k] = row.p;
    if (row.flag) sig[k] = 1;
    if (row.flag === 'up') rises++;
    if (row.flag === 'down') falls++;
  }
  const threshold = changeThreshold(change);
  const classes = Uint8Array.from(change, (d) => classOfChange(d, threshold));
  const classCounts = [0, 0, 0, 0, 0];
  for (const c of classes) classCounts[c]! += 1;
  const { x: cx, y: cy } = cellCentres(g);
  const ring = (ids: number[]) => {
    const positions = new Float64Array(ids.length * 10);
    const startIndices = new Int32Array(ids.length + 1);
    const h = g.cellSize / 2;
    ids.forEach((id, k) => {
      const X = cx[id] as number;
      const Y = cy[id] as number;
      positions.set([X - h, Y - h, X + h, Y - h, X + h, Y + h, X - h, Y + h, X - h, Y - h], k * 10);
      startIndices[k + 1] = (k + 1) * 5;
    });
    unprojectInterleavedInPlace(positions, crs);
    return { positions, startIndices, cells: ids.length };
  };
  const all = ring(drawn);
  const vertexColors = new Uint8Array(n * 5 * 4);
  for (let k = 0; k < n; k++) {
    const c = CHANGE_COLORS[classes[k] as number] as readonly [number, number, number];
    for (let v = 0; v < 5; v++) vertexColors.set([c[0], c[1], c[2], sig[k] ? 235 : 110], (k * 5 + v) * 4);
  }
  const significant = ring(drawn.filter((_, k) => sig[k]));
  return ok({ cells: n, positions: all.positions, startIndices: all.startIndices, vertexColors, significant, current: a, previous: b, change, p, classes, classCounts, threshold, rises, falls, cellSize: g.cellSize, alpha });
}

/** T: the 75th percentile (nearest rank) of |d| over cells with d ≠ 0, rounded up, at least 2. */
export function changeThreshold(change: ArrayLike<number>): number {
  const abs: number[] = [];
  for (let i = 0; i < change.length; i++) if ((change[i] as number) !== 0) abs.push(Math.abs(change[i] as number));
  if (abs.length === 0) return 2;
  abs.sort((u, v) => u - v);
  const q = abs[Math.min(abs.length - 1, Math.ceil(0.75 * abs.length) - 1)] as number;
  return Math.max(2, Math.ceil(q));
}

/** Class of a change `d` with threshold `t` (0 big fall .. 4 big rise; 2 only for exactly 0). */
export function classOfChange(d: number, t: number): number {
  if (d === 0) return 2;
  if (d <= -t) return 0;
  if (d < 0) return 1;
  return d >= t ? 4 : 3;
}
