import { describe, expect, it } from 'vitest';
import { adjustBenjaminiHochberg } from '../../../../shared/domain/stats/fdr';

describe('Benjamini-Hochberg FDR', () => {
  it('adjusts like R: p.adjust(c(.01, .04, .03, .005), "BH") = .02 .04 .04 .02', () => {
    const adj = adjustBenjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 15));
  });

  it('keeps NaN out of the count, caps at 1 and never lowers a p', () => {
    const adj = adjustBenjaminiHochberg([0.9, Number.NaN, 0.5]);
    expect(Number.isNaN(adj[1]!)).toBe(true);
    expect(adj[0]).toBeCloseTo(0.9, 15);
    expect(adj[2]).toBeCloseTo(0.9, 15);
    const p = [0.001, 0.2, 0.04, 0.7, 0.03, 0.99];
    const a = adjustBenjaminiHochberg(p);
    p.forEach((v, i) => {
      expect(a[i]!).toBeGreaterThanOrEqual(v);
      expect(a[i]!).toBeLessThanOrEqual(1);
    });
  });
});
