import { describe, expect, it } from 'vitest';
import { selectPointIndices, subsetPoints } from '../../../../shared/domain/explore/filtered-points';

describe('filtered map points', () => {
  it('keeps the points whose rowid passed the filter, in point order', () => {
    const rowId = Uint32Array.from([0, 2, 3, 7, 9]);
    expect(Array.from(selectPointIndices(rowId, [9, 3, 3, 4, 100]))).toEqual([2, 4]);
    expect(Array.from(selectPointIndices(rowId, []))).toEqual([]);
    expect(Array.from(selectPointIndices(rowId, Uint32Array.from([0, 2, 3, 7, 9])))).toEqual([0, 1, 2, 3, 4]);
  });

  it('subsets every column together', () => {
    const p = {
      lon: Float64Array.from([1, 2, 3]),
      lat: Float64Array.from([4, 5, 6]),
      x: Float64Array.from([7, 8, 9]),
      y: Float64Array.from([10, 11, 12]),
      group: Uint8Array.from([0, 1, 2]),
      rowId: Uint32Array.from([5, 6, 7]),
    };
    const s = subsetPoints(p, Uint32Array.from([2, 0]));
    expect(Array.from(s.lon)).toEqual([3, 1]);
    expect(Array.from(s.y)).toEqual([12, 10]);
    expect(Array.from(s.group)).toEqual([2, 0]);
    expect(Array.from(s.rowId)).toEqual([7, 5]);
  });
});
