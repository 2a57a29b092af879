import { describe, expect, it } from 'vitest';
import { mergeCells, selectHotCells, selectTopCells, type CellRings } from '../../../../renderer/features/design/hotspot-targets';

/** A 3x3 grid of unit squares (closed counter-clockwise rings), cell id = row * 3 + col. */
function grid(): CellRings {
  const pos: number[] = [];
  const starts: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) {
    starts.push(pos.length / 2);
    pos.push(c, r, c + 1, r, c + 1, r + 1, c, r + 1, c, r);
  }
  return { positions: Float64Array.from(pos), startIndices: Int32Array.from(starts) };
}

const area = (ring: [number, number][]) => {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return s / 2;
};

describe('targets from hot spot cells', () => {
  it('picks significant hot cells, hottest and busiest first', () => {
    const bins = Int8Array.from([0, 3, 2, -3, 3, 1, 2, 0, 0]);
    const counts = [0, 5, 9, 0, 7, 1, 3, 0, 0];
    expect(selectHotCells(bins, 3, counts)).toEqual([4, 1]);
    expect(selectHotCells(bins, 2, counts)).toEqual([4, 1, 2, 6]);
  });

  it('picks the top-N cells by count, never a cell with 0', () => {
    expect(selectTopCells([3, 0, 9, 3, 1], 3)).toEqual([2, 0, 3]);
    expect(selectTopCells([0, 0, 2], 5)).toEqual([2]);
  });

  it('merges neighbouring cells into one outline: an L of 3 cells has 6 corners and area 3', () => {
    const m = mergeCells(grid(), [0, 1, 3]);
    expect(m).toHaveLength(1);
    expect(m[0]!.cells).toEqual([0, 1, 3]);
    expect(m[0]!.rings).toHaveLength(1);
    expect(m[0]!.rings[0]).toHaveLength(7);
    expect(Math.abs(area(m[0]!.rings[0]!))).toBeCloseTo(3, 12);
  });

  it('keeps separate clusters apart and joins cells touching at a corner', () => {
    const apart = mergeCells(grid(), [0, 2]);
    expect(apart.map((g) => g.cells)).toEqual([[0], [2]]);
    const corner = mergeCells(grid(), [0, 4]);
    expect(corner).toHaveLength(1);
  });

  it('a ring of 8 cells gives an outer ring and a hole (area 9 - 1)', () => {
    const m = mergeCells(grid(), [0, 1, 2, 3, 5, 6, 7, 8]);
    expect(m).toHaveLength(1);
    expect(m[0]!.rings).toHaveLength(2);
    expect(Math.abs(area(m[0]!.rings[0]!))).toBeCloseTo(9, 12);
    expect(Math.abs(area(m[0]!.rings[1]!))).toBeCloseTo(1, 12);
  });
});
