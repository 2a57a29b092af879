import { describe, expect, it } from 'vitest';
import { parseRepeatPrecision, runRepeats } from '../../../../shared/domain/analysis/run-repeats';
import { tableToRows } from '../../../../shared/domain/analysis/result';

// Six incidents: three at 100 MAIN ST (days 0, 3, 10), two at 5 ELM ST (days 1, 1.5), one at 9 OAK.
// Coordinates: the MAIN ST ones 0-4 m apart, ELM ones exactly on one point, OAK far away.
const X = Float64Array.from([1000, 1004, 1001, 2000, 2000, 5000]);
const Y = Float64Array.from([1000, 1003, 1000, 2000, 2000, 5000]);
const DAYS = Float64Array.from([0, 3, 10, 1, 1.5, 2]);
const ADDR = ['100 MAIN ST', '100 MAIN ST ', '100 MAIN ST', '5 ELM ST', '5 ELM ST', null];

describe('runRepeats', () => {
  it('ranks addresses and gives the share of incidents at repeat places (worked)', () => {
    const r = runRepeats({ x: X, y: Y, days: DAYS, addresses: ADDR }, { precision: { kind: 'address' }, minCount: 2, period: null });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const rows = tableToRows(r.value.table);
    expect(rows.map((row) => [row.place, row.count])).toEqual([['100 MAIN ST', 3], ['5 ELM ST', 2]]);
    expect(rows[0]).toMatchObject({ first_day: '1970-01-01', last_day: '1970-01-11', shortest_gap_days: 3 });
    expect(rows[1]).toMatchObject({ shortest_gap_days: 0.5, x: 2000, y: 2000 });
    // 5 keyed incidents, all 5 at repeat places; 2 places, both repeats; OAK has no address.
    expect(r.value.summary).toMatchObject({ incidents: 5, places: 2, repeatPlaces: 2, incidentsAtRepeatPlaces: 5, shareOfIncidentsAtRepeatPlaces: 1, listed: 2 });
    expect(r.value.warnings.join(' ')).toMatch(/1 incident\(s\) in the period have no address/);
  });

  it('joins near points at 10 m but not at 1 m', () => {
    const one = runRepeats({ x: X, y: Y, days: DAYS, addresses: null }, { precision: { kind: 'metres', metres: 1 }, minCount: 2, period: null });
    const ten = runRepeats({ x: X, y: Y, days: DAYS, addresses: null }, { precision: { kind: 'metres', metres: 10 }, minCount: 2, period: null });
    if (!one.ok || !ten.ok) throw new Error('run');
    // 1 m: only the two ELM ST incidents share a point; the MAIN ST ones are 1-5 m apart.
    expect(tableToRows(one.value.table).map((r) => [r.place, r.count])).toEqual([['2000 2000', 2]]);
    expect(one.value.summary).toMatchObject({ places: 5, repeatPlaces: 1, incidentsAtRepeatPlaces: 2 });
    // 10 m: round(x/10) puts all three MAIN ST points in cell (100,100).
    expect(tableToRows(ten.value.table).map((r) => [r.place, r.count])).toEqual([['1000 1000', 3], ['2000 2000', 2]]);
    expect(ten.value.summary.shareOfIncidentsAtRepeatPlaces).toBeCloseTo(5 / 6, 12);
  });

  it('keeps only the period (both days included) and lists places with at least --min incidents', () => {
    const r = runRepeats({ x: X, y: Y, days: DAYS, addresses: ADDR }, { precision: { kind: 'address' }, minCount: 1, period: { fromDay: 1, toDay: 3 } });
    if (!r.ok) throw new Error('run');
    expect(tableToRows(r.value.table).map((row) => [row.place, row.count])).toEqual([['5 ELM ST', 2], ['100 MAIN ST', 1]]);
    expect(r.value.summary.leftOut).toEqual({ noPlace: 1, outOfPeriod: 2, undated: 0 });
    expect(r.value.convention.join(' ')).toMatch(/1970-01-02 to 1970-01-04, both days included/);
  });

  it('permuting incident order does not change the counts', () => {
    const order = [5, 3, 0, 4, 2, 1];
    const p = (a: ArrayLike<number>) => Float64Array.from(order, (i) => a[i] as number);
    const r = runRepeats({ x: p(X), y: p(Y), days: p(DAYS), addresses: order.map((i) => ADDR[i] ?? null) }, { precision: { kind: 'address' }, minCount: 2, period: null });
    expect(r.ok && tableToRows(r.value.table).map((row) => [row.place, row.count])).toEqual([['100 MAIN ST', 3], ['5 ELM ST', 2]]);
  });

  it('parses the precision and names a bad one', () => {
    expect(parseRepeatPrecision('address')).toEqual({ ok: true, value: { kind: 'address' } });
    expect(parseRepeatPrecision('10m')).toEqual({ ok: true, value: { kind: 'metres', metres: 10 } });
    const bad = parseRepeatPrecision('10ft');
    expect(!bad.ok && bad.error).toMatchObject({ name: '--precision', value: '10ft' });
    const noAddr = runRepeats({ x: X, y: Y, days: null, addresses: null }, { precision: { kind: 'address' }, minCount: 2, period: null });
    expect(!noAddr.ok && noAddr.error).toMatchObject({ name: '--precision' });
  });
});
