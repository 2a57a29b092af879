import { describe, expect, it } from 'vitest';
import { assignTimeSteps } from '../../../../shared/domain/analysis/time-steps';

const day = (iso: string) => Date.parse(`${iso}Z`) / 86_400_000;

describe('calendar time steps', () => {
  it('weeks run Monday to Sunday (ISO 8601)', () => {
    // 2024-01-01 was a Monday; 2024-01-07 a Sunday.
    const s = assignTimeSteps([day('2024-01-03T10:00:00'), day('2024-01-07T23:59:00'), day('2024-01-08T00:00:00'), day('2024-01-22T12:00:00')], 'week');
    expect(Array.from(s.index)).toEqual([0, 0, 1, 3]);
    expect(s.starts).toEqual(['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-22']);
    expect(s).toMatchObject({ steps: 4, firstPartial: true, lastPartial: true });
  });

  it('months are calendar months; full first and last months are not partial', () => {
    const s = assignTimeSteps([day('2023-11-01T00:00:00'), day('2024-01-31T22:00:00'), Number.NaN, day('2023-12-15T00:00:00')], 'month');
    expect(Array.from(s.index)).toEqual([0, 2, -1, 1]);
    expect(s.starts).toEqual(['2023-11-01', '2023-12-01', '2024-01-01']);
    expect(s).toMatchObject({ steps: 3, firstPartial: false, lastPartial: false });
  });

  it('dates before 1970 (negative day numbers) fall in the right week', () => {
    const s = assignTimeSteps([day('1969-12-29T00:00:00'), day('1970-01-04T00:00:00'), day('1970-01-05T00:00:00')], 'week');
    expect(Array.from(s.index)).toEqual([0, 0, 1]);
    expect(s.starts[0]).toBe('1969-12-29');
  });

  it('no dates: no steps', () => {
    expect(assignTimeSteps([Number.NaN], 'month').steps).toBe(0);
  });
});
