import { describe, expect, it } from 'vitest';
import {
  addDays,
  comparisonPeriod,
  compareCounts,
  computeCompstat,
  formatPctChange,
  parsePeriod,
  periodDays,
  poissonTwoCountP,
  poissonZ,
  shiftYears,
} from '../../../../shared/domain/explore/compstat';

describe('CompStat periods', () => {
  it('reads A..B, last-N, ytd and mtd against the latest day', () => {
    expect(parsePeriod('2024-01-01..2024-01-28', null)).toEqual({ ok: true, value: { from: '2024-01-01', to: '2024-01-28' } });
    expect(parsePeriod('last-28', '2024-03-10')).toEqual({ ok: true, value: { from: '2024-02-12', to: '2024-03-10' } });
    expect(parsePeriod('YTD', '2024-03-10')).toEqual({ ok: true, value: { from: '2024-01-01', to: '2024-03-10' } });
    expect(parsePeriod('mtd', '2024-03-10')).toEqual({ ok: true, value: { from: '2024-03-01', to: '2024-03-10' } });
  });

  it('refuses malformed, impossible and reversed periods, naming the value', () => {
    for (const bad of ['2024-01-01', '2024-02-30..2024-03-01', '2024-03-01..2024-01-01', 'last-0', 'last-x', 'yesterday']) {
      const r = parsePeriod(bad, '2024-03-10');
      expect(r.ok, bad).toBe(false);
      if (!r.ok && r.error.kind === 'invalid-argument') expect(r.error.value).toBe(bad);
    }
    expect(parsePeriod('last-28', null).ok).toBe(false);
  });

  it('compares with the same number of days just before, or the same dates last year', () => {
    const p = { from: '2024-02-12', to: '2024-03-10' };
    expect(periodDays(p)).toBe(28);
    expect(comparisonPeriod(p, 'previous')).toEqual({ from: '2024-01-15', to: '2024-02-11' });
    expect(periodDays(comparisonPeriod(p, 'previous'))).toBe(28);
    expect(comparisonPeriod({ from: '2024-01-01', to: '2024-02-29' }, 'last-year')).toEqual({ from: '2023-01-01', to: '2023-02-28' });
    expect(shiftYears('2023-03-01', -1)).toBe('2022-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('previous periods tile the calendar: no gap and no overlap, for any length', () => {
    for (let n = 1; n <= 400; n += 37) {
      const cur = { from: '2023-11-05', to: addDays('2023-11-05', n - 1) };
      const prev = comparisonPeriod(cur, 'previous');
      expect(periodDays(prev)).toBe(n);
      expect(addDays(prev.to, 1)).toBe(cur.from);
    }
  });
});

describe('CompStat test of two Poisson counts', () => {
  it('matches scipy.stats.binomtest worked values (exact conditional test)', () => {
    expect(poissonTwoCountP(30, 15)).toBeCloseTo(0.035697803555194696, 10);
    expect(poissonTwoCountP(10, 0)).toBeCloseTo(0.001953125, 12);
    expect(poissonTwoCountP(0, 5)).toBeCloseTo(0.0625, 12);
    expect(poissonTwoCountP(120, 100)).toBeCloseTo(0.2000922290282712, 8);
    expect(poissonTwoCountP(3, 1)).toBeCloseTo(0.625, 12);
    expect(poissonTwoCountP(20, 20)).toBe(1);
    expect(poissonTwoCountP(0, 0)).toBe(1);
    // Unequal periods (28 vs 29 days): p0 = 28/57.
    expect(poissonTwoCountP(30, 15, 28, 29)).toBeCloseTo(0.024302340926890327, 8);
  });

  it('gives the square-root-rule z-score', () => {
    expect(poissonZ(30, 15)).toBeCloseTo(2.268741117363173, 10);
    expect(poissonZ(10, 0)).toBeCloseTo(4.47213595499958, 10);
    expect(poissonZ(0, 5)).toBeCloseTo(-3.1622776601683795, 10);
    // Current period half as long as the comparison: r = 1/2.
    expect(poissonZ(20, 10, 1, 2)).toBeCloseTo(3.651483716701108, 10);
  });

  it('is symmetric in the two counts for equal periods, and p falls as the gap grows', () => {
    for (const [a, b] of [[7, 3], [40, 25], [0, 9], [100, 80]] as const) {
      expect(poissonTwoCountP(a, b)).toBeCloseTo(poissonTwoCountP(b, a), 12);
      expect(poissonZ(a, b)).toBeCloseTo(-poissonZ(b, a), 12);
    }
    let last = 1.01;
    for (let a = 20; a <= 60; a += 5) {
      const p = poissonTwoCountP(a, 20);
      expect(p).toBeLessThan(last);
      last = p;
    }
  });
});

describe('CompStat table', () => {
  it('computes change, % change and flags, largest change first, with a total', () => {
    const r = computeCompstat(
      new Map([['Violent', 30], ['Property', 100], ['Drugs', 4]]),
      new Map([['Violent', 15], ['Property', 100], ['Weapons', 2]]),
      { current: { from: '2024-02-01', to: '2024-02-28' }, previous: { from: '2024-01-04', to: '2024-01-31' }, compare: 'previous', by: 'group' },
    );
    expect(r.rows.map((x) => x.key)).toEqual(['Violent', 'Drugs', 'Weapons', 'Property']);
    const violent = r.rows[0]!;
    expect(violent).toMatchObject({ current: 30, previous: 15, change: 15, pctChange: 100, flag: 'up' });
    expect(violent.p).toBeCloseTo(0.035698, 5);
    expect(r.rows.find((x) => x.key === 'Drugs')).toMatchObject({ previous: 0, pctChange: null, flag: null });
    expect(r.rows.find((x) => x.key === 'Property')).toMatchObject({ change: 0, pctChange: 0, p: 1, flag: null });
    expect(r.total).toMatchObject({ key: 'Total', current: 134, previous: 117, change: 17 });
  });

  it('flags a significant fall as down and formats percentages', () => {
    const row = compareCounts('B1', 5, 25, 28, 28, 0.05);
    expect(row.flag).toBe('down');
    expect(formatPctChange(row)).toBe('−80.0%');
    expect(formatPctChange(compareCounts('x', 3, 0, 1, 1, 0.05))).toBe('new');
    expect(formatPctChange(compareCounts('x', 0, 0, 1, 1, 0.05))).toBe('—');
    expect(formatPctChange(compareCounts('x', 12, 8, 1, 1, 0.05))).toBe('+50.0%');
  });
});
