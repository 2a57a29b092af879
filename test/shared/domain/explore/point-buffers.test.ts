import { describe, expect, it } from 'vitest';
import { boundsOf, buildPointBuffers, countByGroup } from '../../../../shared/domain/explore/point-buffers';

const colors = [
  [255, 0, 0],
  [0, 0, 255],
] as const;

describe('point buffers for deck.gl', () => {
  it('interleaves positions, colours by group and keeps the source row of each point', () => {
    const b = buildPointBuffers([1, 2, 3], [10, 20, 30], [0, 1, 0], colors, [true, true], 128);
    expect(b.length).toBe(3);
    expect(Array.from(b.positions)).toEqual([1, 10, 2, 20, 3, 30]);
    expect(Array.from(b.colors.subarray(4, 8))).toEqual([0, 0, 255, 128]);
    expect(Array.from(b.sourceRows)).toEqual([0, 1, 2]);
  });

  it('drops hidden groups and maps kept points back to their rows', () => {
    const b = buildPointBuffers([1, 2, 3], [10, 20, 30], [0, 1, 0], colors, [false, true]);
    expect(b.length).toBe(1);
    expect(Array.from(b.positions)).toEqual([2, 20]);
    expect(Array.from(b.sourceRows)).toEqual([1]);
  });

  it('counts by group and finds bounds', () => {
    expect(countByGroup([0, 1, 1, 5], 2)).toEqual([1, 2]);
    expect(boundsOf([3, -1, 2], [5, 7, 6])).toEqual([-1, 5, 3, 7]);
    expect(boundsOf([], [])).toBeNull();
  });
});
