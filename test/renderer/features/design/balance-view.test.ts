import { describe, expect, it } from 'vitest';
import { computeBalance } from '../../../../shared/domain/design/balance';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { formatFixed, toBalanceView, toLovePlot } from '../../../../renderer/features/design/balance-view';

/** DOMAIN.md check: treated (10,12,14), control (8,9,10,11) -> pooled SMD 1.4852. */
function balance(): DesignDoc['balance'] {
  const treated = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);
  const r = computeBalance({ names: ['pre count: violent'], columns: [Float64Array.from([10, 12, 14, 8, 9, 10, 11])], treated, weights: Float64Array.from([1, 1, 1, 0, 0, 1, 1]) });
  if (!r.ok) throw new Error('balance failed');
  const b = r.value;
  return { denominator: b.denominator, smdThreshold: b.smdThreshold, nTreated: b.nTreated, nControl: b.nControl, nTreatedMatched: b.nTreatedMatched, nControlMatched: b.nControlMatched, convention: b.convention, rows: b.rows.map((x) => ({ ...x })) };
}

describe('balance table view', () => {
  it('shows the worked SMD, s*, the means of targets, pool and matched, and flags |SMD| >= 0.1', () => {
    const v = toBalanceView(balance());
    const row = v.rows[0]!;
    expect(row.smdBefore).toBe('1.485');
    expect(row.meanTargets).toBe('12.00');
    expect(row.meanPool).toBe('9.50');
    expect(row.meanMatched).toBe('10.50');
    // s* = sqrt((4 + 1.6667)/2) = 1.6833 from the unmatched sample, reused after matching.
    expect(row.sStar).toBe('1.683');
    expect(row.smdAfter).toBe(((12 - 10.5) / Math.sqrt((4 + 5 / 3) / 2)).toFixed(3));
    expect(row.flagBefore).toBe(true);
    expect(row.flagAfter).toBe(true);
    expect(v.denominator).toMatch(/unmatched sample/);
    expect(v.summary).toMatch(/3 targets, pool of 4 units, 2 matched comparisons: 0 of 1 covariates within \|SMD\| < 0.1/);
  });

  it('writes undefined values as a dash and negatives with a true minus sign', () => {
    expect(formatFixed(null, 2)).toBe('–');
    expect(formatFixed(Number.NaN, 2)).toBe('–');
    expect(formatFixed(-0.1234, 3)).toBe('−0.123');
    expect(formatFixed(-0.0001, 2)).toBe('0.00');
  });

  it('Love plot keeps signs and its axis always shows the threshold lines', () => {
    const lp = toLovePlot(balance());
    expect(lp.points[0]!.before).toBeCloseTo(1.4852, 4);
    expect(lp.limit).toBeCloseTo(1.4852, 4);
    const small = toLovePlot({ ...balance(), rows: [] });
    expect(small.limit).toBe(0.2);
  });
});
