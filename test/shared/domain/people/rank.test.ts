import { describe, expect, it } from 'vitest';
import { describeRanking, maskPerson, rankPeople } from '../../../../shared/domain/people/rank';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('repeat people ranking', () => {
  const records = {
    persons: ['P000001', 'p-000001', 'P000002', 'P000002', 'P000003', null, 'P000001', 'P000004', 'P000004'],
    t: Float64Array.from([day('2023-01-05') + 0.5, day('2023-02-01'), day('2023-03-01'), day('2023-06-01'), day('2023-05-01'), day('2023-01-01'), day('2024-02-01'), day('2023-01-02'), day('2023-01-03')]),
    addresses: ['1 A ST', '1 A ST', '2 B ST', '3 C ST', '4 D ST', '5 E ST', '1 A ST', '6 F ST', '6 F ST'],
  };
  const y2023 = { fromDay: day('2023-01-01'), toDay: day('2023-12-31') };

  it('ranks by records in the period (written variants are one person), ties by the latest record', () => {
    const r = rankPeople(records, y2023, 10);
    expect(r.people.map((p) => [p.key, p.count])).toEqual([['2', 2], ['1', 2], ['4', 2], ['3', 1]]);
    expect(r.people[1]!.places).toEqual([{ address: '1 A ST', count: 2 }]);
    expect(r.counts).toEqual({ records: 9, inPeriod: 8, withoutPerson: 1, withoutDate: 0, persons: 4, personsWithTwoOrMore: 3 });
    expect(rankPeople(records, y2023, 2).people).toHaveLength(2);
    const all = rankPeople(records, { fromDay: -Infinity, toDay: Infinity }, 1);
    expect(all.people[0]).toMatchObject({ key: '1', count: 3 });
  });

  it('masks ids with a stable salted hash that differs by salt', async () => {
    const a = await maskPerson('salt-1', '123');
    expect(a).toMatch(/^P-[0-9a-f]{6}$/);
    expect(await maskPerson('salt-1', '123')).toBe(a);
    expect(await maskPerson('salt-2', '123')).not.toBe(a);
    expect(await maskPerson('salt-1', '124')).not.toBe(a);
  });

  it('states the method and its inputs in plain words', () => {
    const r = rankPeople(records, y2023, 3);
    const text = describeRanking('arrest', 'dataset arrests', y2023, r.counts, true).join(' ');
    expect(text).toContain('2023-01-01 to 2023-12-31');
    expect(text).toContain('each record counts one');
    expect(text).toContain('8 in the period');
    expect(text).toContain('masked');
  });
});
