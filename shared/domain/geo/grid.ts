/**
 * Square fishnets and hexagon tessellations over an extent in a projected CRS (metres): the
 * units of analysis for hot spots and concentration. Every cell of the grid exists, whether or
 * not a crime falls in it, because zero-crime units count (DOMAIN.md).
 *
 * Conventions (stated in the UI and CLI output):
 * - Cell ids are `row * cols + col`; row 0 is the southernmost row, col 0 the westernmost.
 * - `originX/originY` is the CENTRE of cell (0, 0), for every shape.
 * - square: side `cellSize`; cell (r, c) is [cx - s/2, cx + s/2) x [cy - s/2, cy + s/2)
 *   (half-open, so a point on a shared edge belongs to the cell east/north of it).
 * - hex-pointy (pointy top, rows of hexes, odd rows shifted east by half a cell, "odd-r"):
 *   `cellSize` is the flat-to-flat width w = the distance between the centres of adjacent
 *   cells; circumradius R = w / sqrt 3, row spacing 1.5 R, area (sqrt 3 / 2) w^2.
 * - hex-flat (flat top, columns of hexes, odd columns shifted north by half a cell, "odd-q"):
 *   the same with x and y exchanged.
 * Hex layouts follow Amit Patel's "Hexagonal Grids" (redblobgames.com, offset coordinates);
 * points are assigned by cube rounding of fractional axial coordinates.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { CsrAdjacency } from './spatial-index';

/** A bad cell size or extent, named with its value (the app's `invalid-argument` error). */
export type GridError = Extract<AppError, { kind: 'invalid-argument' }>;

function invalid(name: string, value: unknown, expected: string): Result<never, GridError> {
  return err({ kind: 'invalid-argument', name, value: String(value), expected });
}

export type GridShape = 'square' | 'hex-pointy' | 'hex-flat';

/** Axis-aligned rectangle in the analysis CRS. */
export interface Extent {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A tessellation: plain numbers, so it serializes into a project file and across IPC. */
export interface Grid {
  readonly shape: GridShape;
  readonly cellSize: number;
  readonly originX: number;
  readonly originY: number;
  readonly cols: number;
  readonly rows: number;
  /** cols * rows. */
  readonly count: number;
  /** Area of one cell in CRS units squared (m^2). */
  readonly cellArea: number;
}

const SQRT3 = Math.sqrt(3);

/** Extent of point columns, or undefined when there are no points. */
export function computeExtent(x: ArrayLike<number>, y: ArrayLike<number>): Extent | undefined {
  if (x.length === 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  return { minX, minY, maxX, maxY };
}

/**
 * Builds the grid that covers `extent`. With `align` (default true) the lattice is anchored at
 * the CRS origin, so the same cell size gives the same cells for any subset of the data (grids
 * of two periods line up); otherwise at the extent's south-west corner. Square grids cover the
 * extent exactly; hex grids may carry one extra row/column on each side (a hex sticks out of
 * its row). `maxCells` (default 25 million) turns an absurd cell size into an error.
 */
export function createGrid(
  shape: GridShape,
  cellSize: number,
  extent: Extent,
  options: { align?: boolean; maxCells?: number } = {},
): Result<Grid, GridError> {
  if (!(Number.isFinite(cellSize) && cellSize > 0)) return invalid('cellSize', cellSize, 'a finite number > 0');
  const { minX, minY, maxX, maxY } = extent;
  if (![minX, minY, maxX, maxY].every(Number.isFinite) || maxX < minX || maxY < minY) {
    return invalid('extent', `${minX},${minY},${maxX},${maxY}`, 'finite bounds with min <= max');
  }
  const align = options.align ?? true;
  const maxCells = options.maxCells ?? 25_000_000;
  let grid: Grid;
  if (shape === 'square') {
    const left = align ? Math.floor(minX / cellSize) * cellSize : minX;
    const bottom = align ? Math.floor(minY / cellSize) * cellSize : minY;
    const cols = Math.floor((maxX - left) / cellSize) + 1;
    const rows = Math.floor((maxY - bottom) / cellSize) + 1;
    grid = make(shape, cellSize, left + cellSize / 2, bottom + cellSize / 2, cols, rows);
  } else if (shape === 'hex-pointy') {
    grid = pointyGrid(cellSize, minX, minY, maxX, maxY, align);
  } else {
    const t = pointyGrid(cellSize, minY, minX, maxY, maxX, align);
    grid = make('hex-flat', cellSize, t.originY, t.originX, t.rows, t.cols);
  }
  if (!(grid.count <= maxCells)) {
    return invalid('cellSize', cellSize, `a size giving at most ${maxCells} cells over this extent (got ${grid.count})`);
  }
  return ok(grid);
}

function make(shape: GridShape, cellSize: number, originX: number, originY: number, cols: number, rows: number): Grid {
  const cellArea = shape === 'square' ? cellSize * cellSize : (SQRT3 / 2) * cellSize * cellSize;
  return { shape, cellSize, originX, originY, cols, rows, count: cols * rows, cellArea };
}

function pointyGrid(w: number, minX: number, minY: number, maxX: number, maxY: number, align: boolean): Grid {
  const R = w / SQRT3;
  const dy = 1.5 * R;
  const ax = align ? 0 : minX;
  const ay = align ? 0 : minY;
  let row0 = Math.floor((minY - R - ay) / dy);
  row0 -= ((row0 % 2) + 2) % 2; // keep row parity, so odd rows stay the shifted ones
  const col0 = Math.floor((minX - w - ax) / w);
  const ox = ax + col0 * w;
  const oy = ay + row0 * dy;
  const rows = Math.floor((maxY + R - oy) / dy) + 1;
  const cols = Math.floor((maxX + w / 2 - ox) / w) + 1;
  return make('hex-pointy', w, ox, oy, cols, rows);
}

/** Offset (row, col) of the pointy-top hex containing (px, py), relative to cell (0,0)'s centre. */
function pointyCell(w: number, px: number, py: number): [number, number] {
  const R = w / SQRT3;
  const q = ((SQRT3 / 3) * px - py / 3) / R;
  const r = ((2 / 3) * py) / R;
  const s = -q - r;
  let rq = Math.round(q);
  let rr = Math.round(r);
  const rs = Math.round(s);
  const dq = Math.abs(rq - q);
  const dr = Math.abs(rr - r);
  const ds = Math.abs(rs - s);
  if (dq > dr && dq > ds) rq = -rr - rs;
  else if (dr > ds) rr = -rq - rs;
  return [rr, rq + (rr - (rr & 1)) / 2];
}

/**
 * Cell id of every point (-1 when the point is outside the grid or not finite). O(n).
 */
export function assignToCells(grid: Grid, x: ArrayLike<number>, y: ArrayLike<number>): Int32Array {
  const n = x.length;
  const out = new Int32Array(n);
  const { shape, cellSize: s, originX, originY, cols, rows } = grid;
  for (let i = 0; i < n; i++) {
    const px = (x[i] as number) - originX;
    const py = (y[i] as number) - originY;
    let row: number;
    let col: number;
    if (shape === 'square') {
      col = Math.floor(px / s + 0.5);
      row = Math.floor(py / s + 0.5);
    } else if (shape === 'hex-pointy') {
      [row, col] = pointyCell(s, px, py);
    } else {
      [col, row] = pointyCell(s, py, px);
    }
    out[i] = Number.isFinite(px + py) && row >= 0 && row < rows && col >= 0 && col < cols ? row * cols + col : -1;
  }
  return out;
}

/**
 * Count (or sum of `weights`) per cell for every cell of the grid, zeros included. Points with
 * id -1 (outside) are skipped; `assignToCells` reports them.
 */
export function countPerCell(grid: Grid, cellIds: Int32Array, weights?: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(grid.count);
  for (let i = 0; i < cellIds.length; i++) {
    const c = cellIds[i] as number;
    if (c >= 0) counts[c] = (counts[c] as number) + (weights ? (weights[i] as number) : 1);
  }
  return counts;
}

/** Row and column of every cell id (row 0 south, col 0 west). */
export function cellRowCol(grid: Grid): { row: Int32Array; col: Int32Array } {
  const row = new Int32Array(grid.count);
  const col = new Int32Array(grid.count);
  for (let id = 0; id < grid.count; id++) {
    row[id] = Math.floor(id / grid.cols);
    col[id] = id % grid.cols;
  }
  return { row, col };
}

/** Centre of every cell, in the grid's CRS. */
export function cellCentres(grid: Grid): { x: Float64Array; y: Float64Array } {
  const { shape, cellSize: w, originX, originY, cols, count } = grid;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const dr = (1.5 * w) / SQRT3;
  for (let id = 0; id < count; id++) {
    const r = Math.floor(id / cols);
    const c = id % cols;
    if (shape === 'square') {
      x[id] = originX + c * w;
      y[id] = originY + r * w;
    } else if (shape === 'hex-pointy') {
      x[id] = originX + (c + 0.5 * (r & 1)) * w;
      y[id] = originY + r * dr;
    } else {
      x[id] = originX + c * dr;
      y[id] = originY + (r + 0.5 * (c & 1)) * w;
    }
  }
  return { x, y };
}

/**
 * Cell outlines as closed rings (first vertex repeated, counter-clockwise), in deck.gl's binary
 * polygon layout: polygon i is vertices `startIndices[i] .. startIndices[i+1])` of `positions`
 * (x, y pairs). 5 vertices per square, 7 per hexagon.
 */
export function cellPolygons(grid: Grid): { positions: Float64Array; startIndices: Int32Array } {
  const corners = grid.shape === 'square' ? 4 : 6;
  const { x, y } = cellCentres(grid);
  const per = corners + 1;
  const positions = new Float64Array(grid.count * per * 2);
  const startIndices = new Int32Array(grid.count + 1);
  const ox: number[] = [];
  const oy: number[] = [];
  if (grid.shape === 'square') {
    const h = grid.cellSize / 2;
    ox.push(-h, h, h, -h);
    oy.push(-h, -h, h, h);
  } else {
    const R = grid.cellSize / SQRT3;
    const start = grid.shape === 'hex-pointy' ? 30 : 0;
    for (let k = 0; k < 6; k++) {
      const a = ((start + 60 * k) * Math.PI) / 180;
      ox.push(R * Math.cos(a));
      oy.push(R * Math.sin(a));
    }
  }
  for (let id = 0; id < grid.count; id++) {
    const base = id * per * 2;
    for (let k = 0; k <= corners; k++) {
      positions[base + 2 * k] = (x[id] as number) + (ox[k % corners] as number);
      positions[base + 2 * k + 1] = (y[id] as number) + (oy[k % corners] as number);
    }
    startIndices[id + 1] = (id + 1) * per;
  }
  return { positions, startIndices };
}

/** Contiguity on a lattice: rook/queen for squares, the 6 edge neighbours for hexagons. */
export type LatticeContiguity = 'rook' | 'queen' | 'hex-pointy' | 'hex-flat';

/** (dRow, dCol) offsets of neighbours; hex offsets depend on the parity of the row/column. */
function neighbourOffsets(kind: LatticeContiguity, row: number, col: number): readonly (readonly [number, number])[] {
  switch (kind) {
    case 'rook':
      return ROOK;
    case 'queen':
      return QUEEN;
    case 'hex-pointy':
      return (row & 1) === 0 ? POINTY_EVEN : POINTY_ODD;
    case 'hex-flat':
      return (col & 1) === 0 ? FLAT_EVEN : FLAT_ODD;
  }
}
const ROOK = [[-1, 0], [0, -1], [0, 1], [1, 0]] as const;
const QUEEN = [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]] as const;
const POINTY_EVEN = [[-1, -1], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 0]] as const;
const POINTY_ODD = [[-1, 0], [-1, 1], [0, -1], [0, 1], [1, 0], [1, 1]] as const;
const FLAT_EVEN = [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, 0]] as const;
const FLAT_ODD = [[-1, 0], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]] as const;

/** The contiguity kind that matches a grid's shape ('rook' or 'queen' choose for squares). */
export function gridContiguityKind(grid: Grid, squareKind: 'rook' | 'queen' = 'queen'): LatticeContiguity {
  return grid.shape === 'square' ? squareKind : grid.shape;
}

/**
 * Contiguity of an arbitrary set of lattice cells given by row/column (e.g. the rows of a
 * `--cells` CSV, which may omit cells): i and j are neighbours when their offsets match the
 * kind. Neighbour lists exclude self and are ascending. Duplicate (row, col) pairs are a caller
 * error: the first occurrence wins the lookup, later ones get no neighbours from others.
 */
export function contiguityFromRowCol(row: ArrayLike<number>, col: ArrayLike<number>, kind: LatticeContiguity): CsrAdjacency {
  const n = row.length;
  const key = (r: number, c: number) => `${r},${c}`;
  const lookup = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = key(row[i] as number, col[i] as number);
    if (!lookup.has(k)) lookup.set(k, i);
  }
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  const nb: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = row[i] as number;
    const c = col[i] as number;
    nb.length = 0;
    for (const [dr, dc] of neighbourOffsets(kind, r, c)) {
      const j = lookup.get(key(r + dr, c + dc));
      if (j !== undefined && j !== i) nb.push(j);
    }
    nb.sort((a, b) => a - b);
    for (const j of nb) out.push(j);
    offsets[i + 1] = out.length;
  }
  return { offsets, indices: Int32Array.from(out) };
}

/** Contiguity between all cells of a grid (squares: rook or queen; hexes: 6 neighbours). */
export function gridContiguity(grid: Grid, squareKind: 'rook' | 'queen' = 'queen'): CsrAdjacency {
  const kind = gridContiguityKind(grid, squareKind);
  const { cols, rows, count } = grid;
  const offsets = new Int32Array(count + 1);
  const indices = new Int32Array(count * (kind === 'queen' ? 8 : kind === 'rook' ? 4 : 6));
  let len = 0;
  for (let id = 0; id < count; id++) {
    const r = Math.floor(id / cols);
    const c = id % cols;
    // Offsets are listed in ascending (row, col) order, hence ascending id.
    for (const [dr, dc] of neighbourOffsets(kind, r, c)) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) indices[len++] = rr * cols + cc;
    }
    offsets[id + 1] = len;
  }
  return { offsets, indices: indices.slice(0, len) };
}
