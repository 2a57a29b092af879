import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeRes, estimateOverdispersion } from '../../../../shared/domain/evaluation/res';

describe('relative effect size (Farrington et al. 2007)', () => {
  it('reproduces the DOMAIN.md check', () => {
    const r = unwrap(computeRes({ a: 100, b: 60, c: 200, d: 190 }));
    expect(r.res).toBeCloseTo(1.5833, 4);
    expect(r.ciLower).toBeCloseTo(1.086, 3);
    expect(r.ciUpper).toBeCloseTo(2.308, 3);
    expect(r.varLogRes).toBeCloseTo(1 / 100 + 1 / 60 + 1 / 200 + 1 / 190, 14);
    expect(r.rirr).toBeCloseTo(1 / 1.5833333333, 8);
    expect(r.percentChange).toBeCloseTo(-36.842, 3);
    expect(r.rirrLower).toBeCloseTo(1 / r.ciUpper, 12);
    expect(r.percentChangeUpper).toBeCloseTo(100 * (1 / r.ciLower - 1), 10);
  });

  it('inflates the log variance by the overdispersion factor', () => {
    const plain = unwrap(computeRes({ a: 100, b: 60, c: 200, d: 190 }));
    const od = unwrap(computeRes({ a: 100, b: 60, c: 200, d: 190, overdispersion: 1.5 }));
    expect(od.res).toBe(plain.res);
    expect(od.varLogRes).toBeCloseTo(1.5 * plain.varLogRes, 14);
    expect(Math.log(od.ciUpper) - od.logRes).toBeCloseTo(Math.sqrt(1.5) * (Math.log(plain.ciUpper) - plain.logRes), 12);
  });

  it('inverts when target and control swap, and RIRR is its reciprocal', () => {
    const r = unwrap(computeRes({ a: 37, b: 21, c: 90, d: 101 }));
    const s = unwrap(computeRes({ a: 90, b: 101, c: 37, d: 21 }));
    expect(s.res).toBeCloseTo(1 / r.res, 12);
    expect(s.ciLower).toBeCloseTo(1 / r.ciUpper, 12);
    expect(r.rirr * r.res).toBeCloseTo(1, 14);
  });

  it('says a zero cell makes RES undefined, or corrects it on request, never Infinity', () => {
    const r = computeRes({ a: 10, b: 0, c: 20, d: 15 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('undefined-statistic');
      expect(r.error.kind === 'undefined-statistic' && r.error.message).toMatch(/target after \(b\) is 0/);
    }
    const h = unwrap(computeRes({ a: 10, b: 0, c: 20, d: 15, zeroCellCorrection: 'haldane' }));
    expect(h.res).toBeCloseTo((10.5 * 15.5) / (0.5 * 20.5), 12);
    expect(Number.isFinite(h.ciUpper)).toBe(true);
    expect(h.warnings.join(' ')).toMatch(/Haldane/);
  });

  it('refuses a bad overdispersion factor by name', () => {
    const r = computeRes({ a: 1, b: 1, c: 1, d: 1, overdispersion: -2 });
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('overdispersion');
  });
});

describe('overdispersion from monthly counts', () => {
  it('is variance / mean for one series and the pooled Pearson X²/df for several', () => {
    // mean 4, sample variance 20/4 = 5 -> 1.25
    const one = unwrap(estimateOverdispersion([[1, 3, 5, 7, 4]]));
    expect(one.raw).toBeCloseTo(1.25, 12);
    expect(one.df).toBe(4);
    const two = unwrap(estimateOverdispersion([[1, 3, 5, 7, 4], [10, 10, 10]]));
    expect(two.pearsonChiSquare).toBeCloseTo(5, 12);
    expect(two.df).toBe(6);
    expect(two.raw).toBeCloseTo(5 / 6, 12);
  });

  it('floors at 1 unless asked not to, and refuses too few months', () => {
    expect(unwrap(estimateOverdispersion([[5, 5, 5, 5]])).factor).toBe(1);
    expect(unwrap(estimateOverdispersion([[5, 5, 5, 5]], false)).factor).toBe(0);
    expect(estimateOverdispersion([[3]]).ok).toBe(false);
    const bad = estimateOverdispersion([[1, 2], [3, Number.NaN]]);
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.name).toBe('series 2, month 2');
  });
});
