import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import {
  classifyByBreaks,
  computeJenksBreaks,
  computeQuantileBreaks,
  computeStdDevBreaks,
} from '../../../../shared/domain/stats/classify';
import { LATTICE_VALUES } from './fixtures/lattice-reference';

/** Within-class sum of squares of the classes defined by upper-bound breaks on sorted values. */
function ssw(sorted: number[], ends: number[]): number {
  let total = 0;
  let start = 0;
  for (const end of ends) {
    const cls = sorted.slice(start, end + 1);
    const m = cls.reduce((a, b) => a + b, 0) / cls.length;
    total += cls.reduce((a, b) => a + (b - m) ** 2, 0);
    start = end + 1;
  }
  return total;
}

describe('class breaks', () => {
  it('quantiles interpolate like numpy.percentile and drop duplicate breaks (many zeros)', () => {
    // numpy: percentile(v, [20, 40, 60, 80, 100]) = 0, 1, 2, 5, 12
    expect(unwrap(computeQuantileBreaks(LATTICE_VALUES, 5))).toEqual([0, 1, 2, 5, 12]);
    expect(unwrap(computeQuantileBreaks([1, 2, 3, 4], 2))).toEqual([2.5, 4]);
    expect(unwrap(computeQuantileBreaks([0, 0, 0, 0, 1], 4))).toEqual([0, 1]);
  });

  it('Jenks (Fisher exact) finds the partition with the least within-class sum of squares (brute force)', () => {
    const rng = createRng(3);
    for (let rep = 0; rep < 10; rep++) {
      const v = Array.from({ length: 14 }, () => Math.round(rng.exponential(10) * 10) / 10);
      const sorted = [...v].sort((a, b) => a - b);
      const breaks = unwrap(computeJenksBreaks(v, 3));
      let best = Infinity;
      for (let a = 0; a < 12; a++) for (let b = a + 1; b < 13; b++) best = Math.min(best, ssw(sorted, [a, b, 13]));
      const ends = breaks.map((br) => sorted.lastIndexOf(br));
      expect(ssw(sorted, ends)).toBeCloseTo(best, 9);
      expect(breaks[2]).toBe(sorted[13]);
    }
  });

  it('Jenks separates obvious groups, handles few distinct values, and samples large inputs', () => {
    expect(unwrap(computeJenksBreaks([1, 2, 3, 20, 21, 22, 50, 51, 52], 3))).toEqual([3, 22, 52]);
    expect(unwrap(computeJenksBreaks([0, 0, 1, 1], 3))).toEqual([0, 1]);
    const rng = createRng(1);
    const big = Array.from({ length: 20_000 }, () => rng.exponential(5));
    const breaks = unwrap(computeJenksBreaks(big, 5, { maxSample: 1000 }));
    expect(breaks).toHaveLength(5);
    expect(breaks[4]).toBe(Math.max(...big));
    expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
  });

  it('standard deviation breaks: mean + (-2, -1, 1, 2) population SD below the maximum, then the maximum', () => {
    const b = unwrap(computeStdDevBreaks(LATTICE_VALUES));
    const want = [-3.85597373, -0.55298686, 6.05298686, 9.35597373, 12];
    b.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 7));
    expect(unwrap(computeStdDevBreaks([1, 2, 3], [-1, 1, 5]))).toHaveLength(3); // mean + 5 SD > max is dropped
  });

  it('assigns each value to the first class whose upper break is >= the value', () => {
    expect(Array.from(classifyByBreaks([0, 1, 1.5, 5, 12, 99], [0, 1, 2, 5, 12]))).toEqual([0, 1, 2, 3, 4, 4]);
  });

  it('rejects empty input, non-finite values and a bad class count', () => {
    expect(computeQuantileBreaks([], 3)).toMatchObject({ ok: false });
    expect(computeJenksBreaks([1, Number.NaN], 2)).toMatchObject({ ok: false, error: { name: 'values[1]' } });
    expect(computeQuantileBreaks([1, 2], 0)).toMatchObject({ ok: false, error: { name: 'classes' } });
  });
});
