import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeDefaultKdeRadius } from '../../../../shared/domain/stats/bandwidth';

describe('ArcGIS default kernel density radius', () => {
  it('worked example: 4 corners of a 2 m square and its centre', () => {
    // mean centre (1, 1); distances sqrt2 x4 and 0: SD = sqrt(4 * 2 / 5), Dm = sqrt2
    const r = unwrap(computeDefaultKdeRadius([0, 2, 0, 2, 1], [0, 0, 2, 2, 1]));
    const sd = Math.sqrt(8 / 5);
    expect(r.standardDistance).toBeCloseTo(sd, 14);
    expect(r.medianDistance).toBeCloseTo(Math.SQRT2, 14);
    expect(r.radius).toBeCloseTo(0.9 * Math.min(sd, Math.sqrt(1 / Math.LN2) * Math.SQRT2) * 5 ** -0.2, 14);
    expect(r.radius).toBeCloseTo(0.8251, 4);
  });

  it('uses the median term when it is smaller (a tight core with far outliers) and an even-count median', () => {
    const r = unwrap(computeDefaultKdeRadius([-1, 1, -1, 1, -100, 100], [0, 0, 0, 0, 0, 0]));
    expect(r.medianDistance).toBe(1);
    expect(r.radius).toBeCloseTo(0.9 * Math.sqrt(1 / Math.LN2) * 6 ** -0.2, 12);
  });

  it('with weights: weighted centre, SD and median, and n = sum of weights', () => {
    const r = unwrap(computeDefaultKdeRadius([0, 10], [0, 0], [3, 1]));
    expect(r.meanCentreX).toBe(2.5);
    expect(r.n).toBe(4);
    expect(r.standardDistance).toBeCloseTo(Math.sqrt((3 * 2.5 ** 2 + 7.5 ** 2) / 4), 12);
    expect(r.medianDistance).toBe(2.5);
  });

  it('is invariant to translation and refuses a single location or bad weights', () => {
    const a = unwrap(computeDefaultKdeRadius([0, 3, 7, 1], [2, 9, 4, 4]));
    const b = unwrap(computeDefaultKdeRadius([1e6, 1e6 + 3, 1e6 + 7, 1e6 + 1], [2e6 + 2, 2e6 + 9, 2e6 + 4, 2e6 + 4]));
    expect(b.radius).toBeCloseTo(a.radius, 8);
    expect(computeDefaultKdeRadius([5, 5], [5, 5])).toMatchObject({ ok: false, error: { name: 'points' } });
    expect(computeDefaultKdeRadius([0, 1], [0, 1], [1, -1])).toMatchObject({ ok: false, error: { name: 'weights[1]' } });
    expect(computeDefaultKdeRadius([], [])).toMatchObject({ ok: false });
  });
});
