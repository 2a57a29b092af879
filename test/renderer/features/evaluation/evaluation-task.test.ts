import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { evaluationKey, selectOutcome, washoutBetween } from '../../../../renderer/features/evaluation/evaluation-task';
import type { DesignData } from '../../../../renderer/features/design/design-points';

const period = (t: string) => {
  const p = parsePeriod('p', t);
  if (!p.ok) throw new Error(t);
  return p.value;
};

describe('evaluation choices', () => {
  it('the washout is the gap between the periods, none when post starts the next day', () => {
    expect(washoutBetween(period('2022-01-01..2023-06-30'), period('2023-07-01..2024-12-31'))).toBeNull();
    const w = washoutBetween(period('2022-01-01..2023-06-30'), period('2023-08-01..2024-12-31'))!;
    expect([w.from, w.to, w.endDay - w.startDay]).toEqual(['2023-07-01', '2023-07-31', 31]);
  });

  it('keeps the points of the chosen offense groups only', () => {
    const data = { points: { x: Float64Array.from([1, 2, 3]), y: Float64Array.from([4, 5, 6]), days: Float64Array.from([7, 8, 9]), group: Int32Array.from([0, 1, -1]), groupNames: ['property', 'violent'] } } as unknown as DesignData;
    expect(Array.from(selectOutcome(data, ['violent']).x)).toEqual([2]);
    expect(selectOutcome(data, []).x.length).toBe(3);
  });

  it('names saved evaluations after the design and the time, as the CLI does', () => {
    expect(evaluationKey('gt', new Date('2026-11-29T21:05:07.123Z'))).toBe('evaluations/gt-20261129T210507');
  });
});
