import { describe, expect, it } from 'vitest';
import { computeMannKendall } from '../../../../shared/domain/stats/mann-kendall';

describe('Mann-Kendall trend test', () => {
  it('a strictly increasing series of 5: S = 10, Var = 5*4*15/18, z = 9/sqrt(Var), p = 0.02749', () => {
    const r = computeMannKendall([1, 2, 3, 4, 5]);
    expect(r.s).toBe(10);
    expect(r.varianceS).toBeCloseTo(50 / 3, 12);
    expect(r.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    expect(r.p).toBeCloseTo(0.02748633611151033, 12);
    expect(r.tau).toBe(1);
  });

  it('corrects the variance for ties: (1, 2, 2, 3) has S = 5, Var = (156 - 18) / 18', () => {
    const r = computeMannKendall([1, 2, 2, 3]);
    expect(r.s).toBe(5);
    expect(r.varianceS).toBeCloseTo(138 / 18, 12);
    expect(r.z).toBeCloseTo(1.4446302370292303, 12);
    expect(r.p).toBeCloseTo(0.14856177489186864, 12);
  });

  it('is antisymmetric under reversal and gives no trend for flat or short series', () => {
    const up = computeMannKendall([0.3, 1.2, 0.9, 2.5, 3.1, 2.8]);
    const down = computeMannKendall([2.8, 3.1, 2.5, 0.9, 1.2, 0.3]);
    expect(down.s).toBe(-up.s);
    expect(down.z).toBeCloseTo(-up.z, 14);
    expect(computeMannKendall([4, 4, 4, 4])).toMatchObject({ z: 0, p: 1 });
    expect(computeMannKendall([1, 2])).toMatchObject({ z: 0, p: 1 });
    expect(computeMannKendall([1, Number.NaN, 2, 3]).n).toBe(3);
  });
});
