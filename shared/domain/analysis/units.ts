/**
 * Units of analysis for the runners: square or hexagonal cells generated over the incidents
 * (every cell of the bounding box, zero-crime cells included: DOMAIN.md), or units given as a
 * table (`--cells`: id, x/y or row/col, count) so results can be compared with other tools.
 * Also the spatial weights between units, built the same way for every method.
 */
import { ok, type Result } from '../../base/result';
import { assignToCells, cellCentres, cellRowCol, computeExtent, countPerCell, createGrid, type Grid } from '../geo/grid';
import { invalidArgument, type StatsError } from '../stats/errors';
import { computeUnitWeights, type UnitSpec, type WeightsSpec } from '../stats/hotspots';
import { computeGridWeights, weightsFromAdjacency, type SpatialWeights } from '../stats/weights';
import type { CsrAdjacency } from '../geo/spatial-index';
import type { ResultColumn } from './result';

/** Units with their counts. Grid units carry the grid; given cells carry what their file had. */
export interface AnalysisUnits {
  readonly source: 'grid' | 'hex' | 'cells' | 'segments' | 'polygons';
  /** The tessellation (null for given cells). */
  readonly grid: Grid | null;
  readonly n: number;
  /** Unit ids: `row * cols + col` for grids, the file's ids (text) for cells. */
  readonly id: Int32Array | readonly string[];
  /** Unit centres in the analysis CRS (metres), when known. */
  readonly x: Float64Array | null;
  readonly y: Float64Array | null;
  /** Lattice positions (row 0 south, col 0 west; hexes in offset "odd-r" rows), when known. */
  readonly row: Int32Array | null;
  readonly col: Int32Array | null;
  /** Incidents (or summed point weights) per unit. */
  readonly counts: Float64Array;
  /** Area of each unit in m^2 when all are equal cells, else null. */
  readonly cellArea: number | null;
  /**
   * Contiguity read from geometry (street segments sharing an end node; polygons sharing a
   * vertex (queen) or an edge (rook)): used by queen/rook weights on units without a lattice.
   */
  readonly contiguity?: { readonly queen: CsrAdjacency; readonly rook: CsrAdjacency };
  /** Size of each unit when they differ: polygon area (m^2) or segment length (m). */
  readonly measure?: { readonly kind: 'area' | 'length'; readonly values: Float64Array };
  /** The units statement in words, when the generic one would not say how they were made. */
  readonly description?: string;
}

/** Grid units plus the cell id of every point (for time slicing). */
export interface PointUnits extends AnalysisUnits {
  readonly cellOfPoint: Int32Array;
}

/**
 * Builds the grid (`grid:<m>`: squares of that side; `hex:<m>`: pointy-top hexagons that wide
 * across flats) covering the points' bounding box, anchored at the CRS origin, and counts the
 * points (or sums `pointWeights`) per cell. Errors: no points, a cell size that gives too many
 * cells.
 */
export function buildGridUnits(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  spec: UnitSpec,
  pointWeights?: ArrayLike<number>,
): Result<PointUnits, StatsError> {
  const extent = computeExtent(x, y);
  if (!extent) return invalidArgument('incidents', '0 with coordinates', 'at least one incident with x/y (check --filter)');
  const grid = createGrid(spec.kind === 'grid' ? 'square' : 'hex-pointy', spec.size, extent);
  if (!grid.ok) return invalidArgument('--unit', `${spec.kind}:${spec.size}`, grid.error.expected);
  const g = grid.value;
  const cellOfPoint = assignToCells(g, x, y);
  const counts = countPerCell(g, cellOfPoint, pointWeights);
  const centres = cellCentres(g);
  const rc = cellRowCol(g);
  const id = new Int32Array(g.count);
  for (let i = 0; i < g.count; i++) id[i] = i;
  return ok({
    source: spec.kind,
    grid: g,
    n: g.count,
    id,
    x: centres.x,
    y: centres.y,
    row: rc.row,
    col: rc.col,
    counts,
    cellArea: g.cellArea,
    cellOfPoint,
  });
}

/** Columns of a `--cells` table, as read from the file (null when the file has no such column). */
export interface CellColumns {
  readonly id: readonly (string | null)[] | null;
  readonly x: ArrayLike<number | null> | null;
  readonly y: ArrayLike<number | null> | null;
  readonly row: ArrayLike<number | null> | null;
  readonly col: ArrayLike<number | null> | null;
  readonly count: ArrayLike<number | null> | null;
}

/**
 * Checks and adopts given units: a count column and either x,y or row,col are required; counts
 * must be finite and >= 0, row/col integers, (row, col) pairs and ids unique. Missing ids become
 * the 1-based line number. Errors name the file, the 1-based data row and the value.
 */
export function buildGivenUnits(file: string, c: CellColumns): Result<AnalysisUnits, StatsError> {
  if (!c.count) return invalidArgument(`${file}: columns`, 'no count column', 'id,x,y,count or id,row,col,count');
  const hasXy = c.x !== null && c.y !== null;
  const hasRc = c.row !== null && c.col !== null;
  if (!hasXy && !hasRc) return invalidArgument(`${file}: columns`, 'no x,y or row,col columns', 'id,x,y,count or id,row,col,count');
  const n = c.count.length;
  const counts = new Float64Array(n);
  const x = hasXy ? new Float64Array(n) : null;
  const y = hasXy ? new Float64Array(n) : null;
  const row = hasRc ? new Int32Array(n) : null;
  const col = hasRc ? new Int32Array(n) : null;
  const ids: string[] = new Array(n);
  const seenIds = new Set<string>();
  const seenCells = new Set<string>();
  for (let i = 0; i < n; i++) {
    const at = `${file}: row ${i + 1}`;
    const count = c.count[i];
    if (count === null || count === undefined || !Number.isFinite(count) || count < 0) return invalidArgument(`${at}, count`, count, 'a count >= 0');
    counts[i] = count;
    const id = c.id?.[i] ?? String(i + 1);
    if (seenIds.has(id)) return invalidArgument(`${at}, id`, id, 'unique unit ids');
    seenIds.add(id);
    ids[i] = id;
    if (x && y && c.x && c.y) {
      const xi = c.x[i];
      const yi = c.y[i];
      if (xi === null || xi === undefined || !Number.isFinite(xi)) return invalidArgument(`${at}, x`, xi, 'a finite coordinate in metres');
      if (yi === null || yi === undefined || !Number.isFinite(yi)) return invalidArgument(`${at}, y`, yi, 'a finite coordinate in metres');
      x[i] = xi;
      y[i] = yi;
    }
    if (row && col && c.row && c.col) {
      const r = c.row[i];
      const k = c.col[i];
      if (!Number.isInteger(r) || !Number.isInteger(k)) return invalidArgument(`${at}, row/col`, `${r},${k}`, 'integer lattice positions');
      const key = `${r},${k}`;
      if (seenCells.has(key)) return invalidArgument(`${at}, row/col`, key, 'one unit per (row, col)');
      seenCells.add(key);
      row[i] = r as number;
      col[i] = k as number;
    }
  }
  return ok({ source: 'cells', grid: null, n, id: ids, x, y, row, col, counts, cellArea: null });
}

/**
 * Spatial weights between units. Gi* takes them with self (`includeSelf: true`), Moran without.
 * On generated hexagons "queen", "rook" and "hex" all mean the 6 edge neighbours (hexagons meet
 * only along edges); on squares "hex" is refused. Band and knn use the unit centres. Street
 * segments and polygons use their own contiguity (`units.contiguity`) for queen/rook.
 */
export function buildUnitWeights(units: AnalysisUnits, spec: WeightsSpec, includeSelf: boolean): Result<SpatialWeights, StatsError> {
  const g = units.grid;
  const contiguity = spec.kind !== 'band' && spec.kind !== 'knn';
  if (!g && contiguity && units.contiguity) {
    if (spec.kind !== 'queen' && spec.kind !== 'rook') return invalidArgument('--weights', spec.kind === 'hex-pointy' ? 'hex' : spec.kind, `queen, rook, band:<metres> or knn:<k> on ${units.source}`);
    return ok(weightsFromAdjacency(units.contiguity[spec.kind], includeSelf));
  }
  if (g && contiguity) {
    if (g.shape === 'square' && (spec.kind === 'hex-pointy' || spec.kind === 'hex-flat')) {
      return invalidArgument('--weights', spec.kind === 'hex-pointy' ? 'hex' : spec.kind, 'queen or rook on square cells');
    }
    if (g.shape !== 'square' && spec.kind === 'hex-flat') return invalidArgument('--weights', 'hex-flat', 'hex (or queen/rook) on pointy-top hexagons');
    return ok(computeGridWeights(g, { squareKind: spec.kind === 'rook' ? 'rook' : 'queen', includeSelf }));
  }
  const w = computeUnitWeights(spec, { x: units.x ?? undefined, y: units.y ?? undefined, row: units.row ?? undefined, col: units.col ?? undefined }, { includeSelf });
  if (!w.ok && w.error.name === 'units') return invalidArgument('--weights', formatWeightsSpec(spec), `${w.error.expected} in the units (${w.error.value})`);
  return w;
}

/** The spec as the CLI spells it ("band:500", "knn:8", "queen", "hex"). */
export function formatWeightsSpec(spec: WeightsSpec): string {
  if (spec.kind === 'band') return `band:${spec.distance}`;
  if (spec.kind === 'knn') return `knn:${spec.k}`;
  return spec.kind === 'hex-pointy' ? 'hex' : spec.kind;
}

/** The leading columns of a per-unit table: id, centre x/y and row/col when known. */
export function unitColumns(units: AnalysisUnits): ResultColumn[] {
  const cols: ResultColumn[] = [{ name: 'id', values: units.id }];
  if (units.x && units.y) cols.push({ name: 'x', values: units.x }, { name: 'y', values: units.y });
  if (units.row && units.col) cols.push({ name: 'row', values: units.row }, { name: 'col', values: units.col });
  return cols;
}

/** Points that fell in no unit (NaN coordinates or outside the grid): reported, never silently lost. */
export function countOutside(cellOfPoint: Int32Array): number {
  let outside = 0;
  for (let i = 0; i < cellOfPoint.length; i++) if ((cellOfPoint[i] as number) < 0) outside++;
  return outside;
}
