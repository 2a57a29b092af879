import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, findDateGaps } from '../../../../shared/domain/ingest/quality';

describe('date gaps', () => {
  it('counts empty days between the first and last record and lists the longest runs', () => {
    const days = ['2024-01-01', '2024-01-02', '2024-01-05', '2024-01-06', '2024-01-20'];
    const g = findDateGaps(days, 2);
    expect(g).toEqual({
      empty: 2 + 13,
      span: 20,
      gaps: [
        { from: '2024-01-07', to: '2024-01-19', days: 13 },
        { from: '2024-01-03', to: '2024-01-04', days: 2 },
      ],
    });
    expect(findDateGaps([])).toEqual({ empty: 0, span: 0, gaps: [] });
  });

  it('does calendar arithmetic across month and leap-year ends', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });
});
