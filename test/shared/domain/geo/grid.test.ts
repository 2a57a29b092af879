import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import {
  assignToCells,
  cellCentres,
  cellPolygons,
  cellRowCol,
  computeExtent,
  contiguityFromRowCol,
  countPerCell,
  createGrid,
  gridContiguity,
  type Grid,
  type GridShape,
} from '../../../../shared/domain/geo/grid';
import { randomPoints } from '../stats/fixtures/random-points';

const SHAPES: GridShape[] = ['square', 'hex-pointy', 'hex-flat'];

function signedArea(pos: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let k = a; k < b - 1; k++) s += pos[2 * k]! * pos[2 * k + 3]! - pos[2 * k + 2]! * pos[2 * k + 1]!;
  return s / 2;
}

describe('grids and hexagons', () => {
  const { x, y } = randomPoints(2000, 5, { size: 3000, originX: 500_123.4, originY: 3_700_456.7 });
  const extent = computeExtent(x, y)!;

  for (const shape of SHAPES) {
    for (const align of [true, false]) {
      it(`${shape} (${align ? 'aligned' : 'at the extent'}) puts every point of the extent in a cell`, () => {
        const grid = unwrap(createGrid(shape, 250, extent, { align }));
        const ids = assignToCells(grid, x, y);
        expect(ids.every((id) => id >= 0 && id < grid.count)).toBe(true);
        const counts = countPerCell(grid, ids);
        expect(counts.length).toBe(grid.count);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(x.length);
        expect(counts.some((c) => c === 0)).toBe(true); // zero-crime cells are kept
      });
    }

    it(`${shape}: each point goes to the cell whose centre is nearest (the cells are its Voronoi regions)`, () => {
      const grid = unwrap(createGrid(shape, 200, extent));
      const ids = assignToCells(grid, x, y);
      const c = cellCentres(grid);
      for (let i = 0; i < 400; i++) {
        let best = -1;
        let bd = Infinity;
        for (let id = 0; id < grid.count; id++) {
          const d = Math.hypot(c.x[id]! - x[i]!, c.y[id]! - y[i]!);
          if (d < bd) {
            bd = d;
            best = id;
          }
        }
        const mine = Math.hypot(c.x[ids[i]!]! - x[i]!, c.y[ids[i]!]! - y[i]!);
        expect(mine).toBeCloseTo(bd, 6); // equal up to rounding: ties only on a shared edge
        expect(best).toBeGreaterThanOrEqual(0);
      }
    });

    it(`${shape}: polygons are closed counter-clockwise rings of the stated area around each centre`, () => {
      const grid = unwrap(createGrid(shape, 150, { minX: 0, minY: 0, maxX: 900, maxY: 700 }));
      const { positions, startIndices } = cellPolygons(grid);
      const c = cellCentres(grid);
      const per = shape === 'square' ? 5 : 7;
      expect(startIndices.length).toBe(grid.count + 1);
      for (let id = 0; id < grid.count; id++) {
        const a = startIndices[id]!;
        const b = startIndices[id + 1]!;
        expect(b - a).toBe(per);
        expect(positions[2 * a]).toBeCloseTo(positions[2 * (b - 1)]!, 9);
        expect(signedArea(positions, a, b)).toBeCloseTo(grid.cellArea, 6);
        let sx = 0;
        let sy = 0;
        for (let k = a; k < b - 1; k++) {
          sx += positions[2 * k]!;
          sy += positions[2 * k + 1]!;
        }
        expect(sx / (per - 1)).toBeCloseTo(c.x[id]!, 6);
        expect(sy / (per - 1)).toBeCloseTo(c.y[id]!, 6);
      }
    });
  }

  it('square cells are half-open: a point on a shared edge belongs to the cell east / north of it', () => {
    const grid = unwrap(createGrid('square', 100, { minX: 0, minY: 0, maxX: 299, maxY: 199 }));
    expect(grid).toMatchObject({ cols: 3, rows: 2, originX: 50, originY: 50, cellArea: 10_000 });
    expect(Array.from(assignToCells(grid, [100, 0, 299.9, 50, -1], [50, 100, 199, 0, 0]))).toEqual([1, 3, 5, 0, -1]);
    const { row, col } = cellRowCol(grid);
    expect(Array.from(row)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(col)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('hexagon size is the distance between adjacent centres; area is (sqrt 3 / 2) w^2', () => {
    const grid = unwrap(createGrid('hex-pointy', 100, { minX: 0, minY: 0, maxX: 1000, maxY: 1000 }));
    expect(grid.cellArea).toBeCloseTo((Math.sqrt(3) / 2) * 100 * 100, 9);
  });

  it('aligned grids of two subsets share one lattice, so periods line up cell for cell', () => {
    for (const shape of SHAPES) {
      const a = unwrap(createGrid(shape, 250, { minX: 1000, minY: 2000, maxX: 5000, maxY: 6000 }));
      const b = unwrap(createGrid(shape, 250, { minX: 3100, minY: 4300, maxX: 9000, maxY: 7000 }));
      const ca = cellCentres(a);
      const cb = cellCentres(b);
      const key = (px: number, py: number) => `${px.toFixed(6)},${py.toFixed(6)}`;
      const set = new Set(Array.from(ca.x, (px, i) => key(px, ca.y[i]!)));
      const shared = Array.from(cb.x, (px, i) => key(px, cb.y[i]!)).filter((k) => set.has(k));
      expect(shared.length).toBeGreaterThan(50);
    }
  });

  const contiguityCases: [GridShape, 'rook' | 'queen', number][] = [
    ['square', 'rook', 100],
    ['square', 'queen', 100 * Math.SQRT2],
    ['hex-pointy', 'queen', 100],
    ['hex-flat', 'queen', 100],
  ];
  for (const [shape, kind, reach] of contiguityCases) {
    it(`${shape} ${shape === 'square' ? kind : ''} contiguity = the cells whose centres are ${reach.toFixed(1)} m away`, () => {
      const grid: Grid = unwrap(createGrid(shape, 100, { minX: 0, minY: 0, maxX: 730, maxY: 610 }));
      const adj = gridContiguity(grid, kind);
      const c = cellCentres(grid);
      for (let i = 0; i < grid.count; i++) {
        const expected: number[] = [];
        for (let j = 0; j < grid.count; j++) {
          if (j !== i && Math.hypot(c.x[j]! - c.x[i]!, c.y[j]! - c.y[i]!) <= reach + 1e-6) expected.push(j);
        }
        expect(Array.from(adj.indices.subarray(adj.offsets[i], adj.offsets[i + 1]))).toEqual(expected);
      }
      if (shape !== 'square') expect(Math.max(...Array.from({ length: grid.count }, (_, i) => adj.offsets[i + 1]! - adj.offsets[i]!))).toBe(6);
    });
  }

  it('contiguity from row/col lists (a --cells CSV) matches the full grid on the cells given', () => {
    const grid = unwrap(createGrid('hex-pointy', 100, { minX: 0, minY: 0, maxX: 600, maxY: 600 }));
    const full = gridContiguity(grid);
    const { row, col } = cellRowCol(grid);
    const keep = [...Array(grid.count).keys()].filter((id) => id % 3 !== 1).reverse(); // a subset, shuffled order
    const sub = contiguityFromRowCol(keep.map((id) => row[id]!), keep.map((id) => col[id]!), 'hex-pointy');
    keep.forEach((id, i) => {
      const expected = Array.from(full.indices.subarray(full.offsets[id], full.offsets[id + 1]))
        .filter((j) => j % 3 !== 1)
        .map((j) => keep.indexOf(j))
        .sort((a, b) => a - b);
      expect(Array.from(sub.indices.subarray(sub.offsets[i], sub.offsets[i + 1]))).toEqual(expected);
    });
  });

  it('sums weights per cell when given', () => {
    const grid = unwrap(createGrid('square', 10, { minX: 0, minY: 0, maxX: 19, maxY: 9 }));
    expect(Array.from(countPerCell(grid, Int32Array.from([0, 1, 1, -1]), [0.5, 0.25, 0.25, 9]))).toEqual([0.5, 0.5]);
  });

  it('rejects a non-positive cell size, a bad extent and absurd cell counts with the value named', () => {
    const ext = { minX: 0, minY: 0, maxX: 1e6, maxY: 1e6 };
    expect(createGrid('square', 0, ext)).toMatchObject({ ok: false, error: { name: 'cellSize', value: '0' } });
    expect(createGrid('square', 1, ext)).toMatchObject({ ok: false, error: { name: 'cellSize' } });
    expect(createGrid('hex-flat', 10, { minX: 5, minY: 0, maxX: 1, maxY: 1 })).toMatchObject({ ok: false, error: { name: 'extent' } });
    expect(computeExtent([], [])).toBeUndefined();
  });
});
