import { describe, expect, it } from 'vitest';
import { getNibrsOffense, NIBRS_OFFENSES, OFFENSE_GROUPS, offenseGroupOf } from '../../../../shared/domain/ingest/nibrs';

describe('NIBRS offense dictionary', () => {
  it('has unique codes including every code the sample and ingest rely on', () => {
    const codes = NIBRS_OFFENSES.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of ['09A', '11A', '120', '13A', '13B', '13C', '200', '220', '23A', '23B', '23C', '23D', '23F', '23G', '23H', '240', '250', '26A', '270', '280', '290', '35A', '35B', '520', '370', '39A', '40A', '90C', '90D', '90E', '90J']) {
      expect(getNibrsOffense(c), c).toBeDefined();
    }
  });

  it('uses the FBI descriptions and UCR Part I classes', () => {
    expect(getNibrsOffense('23F')?.description).toBe('Theft From Motor Vehicle');
    expect(getNibrsOffense('220')?.ucrPart1).toBe('Burglary');
    expect(getNibrsOffense('13B')?.ucrPart1).toBeNull();
    expect(getNibrsOffense('120')?.crimeAgainst).toBe('property');
  });

  it('groups codes after trimming and upper-casing, and flags unknown ones', () => {
    expect(offenseGroupOf(' 13a ')).toBe('violent');
    expect(offenseGroupOf('23f')).toBe('property');
    expect(offenseGroupOf('35A')).toBe('drugs');
    expect(offenseGroupOf('520')).toBe('weapons');
    expect(offenseGroupOf('90J')).toBe('public-order');
    expect(offenseGroupOf('370')).toBe('other');
    expect(offenseGroupOf('XYZ')).toBe('unmapped');
    expect(offenseGroupOf('')).toBe('unmapped');
  });

  it('gives every group a label and a distinct colour', () => {
    const used = new Set(NIBRS_OFFENSES.map((o) => o.group));
    expect(OFFENSE_GROUPS.map((g) => g.id).sort()).toEqual([...used].sort());
    expect(new Set(OFFENSE_GROUPS.map((g) => g.color.join(','))).size).toBe(OFFENSE_GROUPS.length);
  });
});
