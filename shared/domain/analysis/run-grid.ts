/**
 * Runner for cell counts: every cell of a square or hexagonal grid (empty ones included) with
 * its centre, lattice position and count. Hexagons also get axial coordinates (q, r) after Amit
 * Patel's "Hexagonal Grids": r = row, q = col - (row - (row & 1)) / 2 for the odd-r layout, both
 * relative to the grid's cell (0, 0).
 */
import { ok, type Result } from '../../base/result';
import type { StatsError } from '../stats/errors';
import { describeUnits, gridConvention } from './conventions';
import { makeTable, type AnalysisRun, type ResultColumn } from './result';
import { countOutside, unitColumns, type PointUnits } from './units';

/** Cell counts of grid units (built with buildGridUnits). `crs` (of x/y) is recorded in the summary. */
export function runGridCounts(units: PointUnits, params: { unit: string; crs: string | null }): Result<AnalysisRun, StatsError> {
  const g = units.grid;
  const columns: ResultColumn[] = unitColumns(units);
  if (g && g.shape !== 'square' && units.row && units.col) {
    const q = new Int32Array(units.n);
    const r = new Int32Array(units.n);
    for (let i = 0; i < units.n; i++) {
      const row = units.row[i] as number;
      q[i] = (units.col[i] as number) - (row - (row & 1)) / 2;
      r[i] = row;
    }
    columns.push({ name: 'q', values: q }, { name: 'r', values: r });
  }
  columns.push({ name: 'count', values: units.counts });
  let total = 0;
  let nonEmpty = 0;
  for (let i = 0; i < units.n; i++) {
    total += units.counts[i] as number;
    if ((units.counts[i] as number) > 0) nonEmpty++;
  }
  const outside = countOutside(units.cellOfPoint);
  return ok({
    verb: 'grid',
    method: g?.shape === 'square' ? 'Square grid counts' : 'Hexagon grid counts',
    parameters: { unit: params.unit },
    convention: [describeUnits(units), ...gridConvention()],
    summary: {
      cells: units.n,
      crs: params.crs,
      cellsWithIncidents: nonEmpty,
      incidents: total,
      outside,
      cellSizeM: g?.cellSize ?? null,
      cellAreaM2: units.cellArea,
      cols: g?.cols ?? null,
      rows: g?.rows ?? null,
      originX: g?.originX ?? null,
      originY: g?.originY ?? null,
    },
    table: makeTable('cells', columns),
    tables: [],
    warnings: outside > 0 ? [`${outside} incident(s) fell in no cell.`] : [],
  });
}
