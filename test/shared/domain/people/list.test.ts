import { describe, expect, it } from 'vitest';
import { applyProfileToPeopleRows, dataPeriod, describePeopleProfile, linkedPlaces, maskSaltOf, parsePeriodText, toMaskDocument, toPeopleCsv, toUnmaskLogEntry, type PeopleRow } from '../../../../shared/domain/people/list';
import { rankPeople } from '../../../../shared/domain/people/rank';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('repeat people list: the pieces spi people and the app share', () => {
  it('parses a period (both days included), refuses a reversed one naming the field, and empty means every record', () => {
    expect(parsePeriodText('Period', '2023-01-01..2023-12-31')).toEqual({ ok: true, value: { fromDay: day('2023-01-01'), toDay: day('2023-12-31') } });
    expect(parsePeriodText('Period', '')).toEqual({ ok: true, value: { fromDay: -Infinity, toDay: Infinity } });
    expect(parsePeriodText('Period', '2023-12-31..2023-01-01')).toMatchObject({ ok: false, error: { kind: 'invalid-argument', name: 'Period', value: '2023-12-31..2023-01-01' } });
    expect(parsePeriodText('--period', '2023')).toMatchObject({ ok: false, error: { name: '--period' } });
    expect(dataPeriod({ t: Float64Array.from([day('2023-03-01') + 0.7, Number.NaN, day('2023-01-02')]) })).toEqual({ fromDay: day('2023-01-02'), toDay: day('2023-03-01') });
  });

  it('links the ranked persons to their most frequent address in each other source, by normalized id', () => {
    const ranking = rankPeople({ persons: ['P000001', 'P000001', 'P000002'], t: Float64Array.from([1, 2, 3]), addresses: ['1 A ST', '1 A ST', '2 B ST'] }, { fromDay: -Infinity, toDay: Infinity }, 1);
    const linked = linkedPlaces(ranking, [
      { id: 'probation', records: { persons: ['p-000001', '000001', 'P000002', null], addresses: ['9 Z ST', '8 Y ST', '7 X ST', '1 A ST'] } },
      { id: 'fi', records: { persons: ['P1', 'P1', 'P1'], addresses: ['5 E ST', '6 F ST', '6 F ST'] } },
    ]);
    expect([...linked.keys()]).toEqual(['1']);
    expect(linked.get('1')).toEqual([
      { source: 'probation', address: '9 Z ST', count: 1 },
      { source: 'fi', address: '6 F ST', count: 2 },
    ]);
  });

  it('keeps the salt in people/mask and logs an unmask with its reason and query', () => {
    expect(maskSaltOf({})).toBeNull();
    expect(maskSaltOf({ 'people/mask': toMaskDocument('abc', 'T') })).toBe('abc');
    const e = toUnmaskLogEntry({ dataset: 'src-arrests', by: 'arrests', period: null, top: 5, filter: null }, 5, '  case review 24-1 ', 'analyst', 'T');
    expect(e).toEqual({ at: 'T', by: 'analyst', action: 'people.unmask', parameters: { dataset: 'src-arrests', by: 'arrests', period: null, top: 5, filter: null, persons: 5 }, dataHashes: {}, note: 'person ids shown unmasked: case review 24-1' });
  });

  const rows: PeopleRow[] = [
    { rank: 1, person: 'P-3fa9c1', count: 3, first: '2023-01-01', last: '2023-02-01', places: [{ address: '1234 MAIN ST', count: 2 }, { address: '1210 MAIN ST', count: 1 }], linkedPlaces: [{ source: 'probation', address: '=cmd', count: 1 }] },
  ];

  it('writes the CSV with the method as comments, places joined, and no cell starting a formula', () => {
    const csv = toPeopleCsv(rows, ['Persons are ranked by arrests.', 'Ids are masked.']);
    expect(csv.split('\n')).toEqual([
      '# Persons are ranked by arrests.',
      '# Ids are masked.',
      'rank,person,records,first,last,places,linked_places',
      "1,P-3fa9c1,3,2023-01-01,2023-02-01,1234 MAIN ST (2); 1210 MAIN ST (1),probation: =cmd (1)",
      '',
    ]);
    expect(toPeopleCsv([{ ...rows[0]!, places: [], linkedPlaces: [] , person: '=1+1' }], [])).toContain("'=1+1");
  });

  it('generalizes places to the hundred block under a hundred-block profile, merging counts', () => {
    const out = applyProfileToPeopleRows(rows, { addresses: 'hundred-block' });
    expect(out[0]!.places).toEqual([{ address: '1200 BLOCK MAIN ST', count: 3 }]);
    expect(applyProfileToPeopleRows(rows, { addresses: 'none' })).toEqual(rows);
    expect(describePeopleProfile({ name: 'public', addresses: 'hundred-block' })).toMatch(/^Privacy profile "public" applied to this list: places generalized to the hundred block/);
    expect(describePeopleProfile({ name: 'internal', addresses: 'none' })).toContain('places exact');
  });
});
