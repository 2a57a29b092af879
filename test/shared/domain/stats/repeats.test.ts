import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeRepeatLocations, locationKeysFromXY } from '../../../../shared/domain/stats/repeats';

describe('repeat locations', () => {
  it('ranks places by count and reports the share of incidents at repeat places', () => {
    const r = unwrap(computeRepeatLocations(['100 MAIN ST', '5 ELM', ' 100 MAIN ST ', '7 OAK', '5 ELM', '100 MAIN ST', '', null, '9 PINE']));
    expect(r.keys).toEqual(['100 MAIN ST', '5 ELM', '7 OAK', '9 PINE']);
    expect(Array.from(r.counts)).toEqual([3, 2, 1, 1]);
    expect(Array.from(r.firstIncident)).toEqual([0, 1, 3, 8]);
    expect(r).toMatchObject({ incidents: 7, missing: 2, locations: 4, repeatLocations: 2, incidentsAtRepeatLocations: 5 });
    expect(r.shareOfIncidentsAtRepeats).toBeCloseTo(5 / 7, 15);
    expect(r.shareOfLocationsRepeat).toBe(0.5);
    expect(Array.from(r.frequency)).toEqual([0, 2, 1, 1]);
  });

  it('keys coordinates on a metre lattice so one address point is one place', () => {
    const keys = unwrap(locationKeysFromXY([1000.2, 1000.4, 1003], [50.1, 49.9, 50], 1));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(locationKeysFromXY([1], [1], 0)).toMatchObject({ ok: false, error: { name: 'precision' } });
  });

  it('works for victim ids (repeat victimization) and refuses input with no key at all', () => {
    expect(unwrap(computeRepeatLocations([17, 17, 4])).keys).toEqual(['17', '4']);
    expect(computeRepeatLocations([null, ''])).toMatchObject({ ok: false, error: { name: 'locations' } });
  });
});
