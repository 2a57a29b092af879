import { describe, expect, it } from 'vitest';
import { detectMapping, normalizeHeader } from '../../../../shared/domain/ingest/detect-mapping';
import { rolesByColumn, validateMapping, withRole, parseColumnMapping } from '../../../../shared/domain/ingest/mapping';

describe('normalizeHeader', () => {
  it('lower-cases, splits camel case, reads # as number', () => {
    expect(normalizeHeader('Case #')).toBe('case number');
    expect(normalizeHeader('OccurredFromDate')).toBe('occurred from date');
    expect(normalizeHeader(' X_Coordinate ')).toBe('x coordinate');
  });
});

describe('detectMapping', () => {
  it('maps the sample city RMS export header', () => {
    const cols = ['Case Number', 'Offense Code', 'Offense Description', 'Premise Type', 'Occurred From', 'Occurred To', 'Reported Date', 'Block Address', 'Beat', 'District', 'Disposition', 'X Coordinate', 'Y Coordinate', 'Latitude', 'Longitude'];
    const row = ['2022-0000001', '23F', 'Theft From Motor Vehicle', 'PARKING', '2022-01-01 00:51', '', '2022-01-01 01:36', '2900 BLOCK OF N EAST LOOP RD', '34', 'NORTHEAST', 'INACTIVE', '2300728.70', '7049006.49', '33.001499', '-97.416250'];
    const row2 = ['2022-0000002', '35A', 'Drug/Narcotic Violations', 'STREET', '1/1/2022 2:51 AM', '1/1/2022 3:10 AM', '1/1/2022 3:02 AM', '400 BLOCK OF E WHARTON AVE', '24', 'NORTH CENTRAL', 'CLEARED', '2276640.93', '7047326.84', '32.997541', '-97.494874'];
    const { mapping } = detectMapping(cols, [row, row2]);
    expect(mapping.roles).toEqual({
      case_id: 'Case Number',
      offense_code: 'Offense Code',
      offense_description: 'Offense Description',
      occurred_from: 'Occurred From',
      occurred_to: 'Occurred To',
      reported_at: 'Reported Date',
      address: 'Block Address',
      beat: 'Beat',
      district: 'District',
      x: 'X Coordinate',
      y: 'Y Coordinate',
      lat: 'Latitude',
      lon: 'Longitude',
    });
    expect(mapping.dateOrder).toBe('mdy');
  });

  it('maps Memphis open data (free-text offense, lower-case names) and CAD calls by kind', () => {
    const m = detectMapping(['uid', 'offense_type', 'date', 'longitude', 'latitude'], [['15213800', 'personal robbery', '2019-01-01 01:30', '-89.942', '35.149']]).mapping;
    expect(m.roles).toEqual({ case_id: 'uid', offense_description: 'offense_type', occurred_from: 'date', lon: 'longitude', lat: 'latitude' });
    const calls = detectMapping(['Call Number', 'Received', 'Call Type', 'Address', 'X', 'Y', 'Case Number'], [['C1', '2022-01-01 00:10', 'DISTURBANCE', '100 MAIN ST', '2270000', '7030000', '']], 'calls').mapping;
    expect(calls.roles).toMatchObject({ case_id: 'Call Number', occurred_from: 'Received', offense_description: 'Call Type', x: 'X', y: 'Y' });
  });

  it('checks values, not just names: a "Date" column of times is not a date', () => {
    const m = detectMapping(['id', 'date', 'time', 'lat', 'lon'], [['1', '3/1/2024', '14:05', '35', '-90'], ['2', '3/2/2024', '9:30', '35', '-90']]).mapping;
    expect(m.roles).toMatchObject({ occurred_date: 'date', occurred_time: 'time' });
    const lonely = detectMapping(['Latitude', 'Other'], [['35.1', 'x']]).mapping;
    expect(lonely.roles.lat).toBeUndefined();
  });

  it('switches to day-first dates when a day is over 12', () => {
    expect(detectMapping(['Date'], [['25/12/2023'], ['03/01/2024']]).mapping.dateOrder).toBe('dmy');
  });
});

describe('mapping helpers', () => {
  const mapping = { version: 1 as const, kind: 'incidents' as const, roles: { case_id: 'A', x: 'X', y: 'Y' }, dateOrder: 'mdy' as const };

  it('validates against the header and pairs', () => {
    expect(validateMapping(mapping, ['A', 'X', 'Y'], 'f.csv').ok).toBe(true);
    const missing = validateMapping(mapping, ['A', 'X'], 'f.csv');
    expect(!missing.ok && missing.error).toMatchObject({ kind: 'file-format', column: 'Y' });
    const unpaired = validateMapping({ ...mapping, roles: { x: 'X' } }, ['X'], 'f.csv');
    expect(unpaired.ok).toBe(false);
  });

  it('moves a role between columns and lists roles by column', () => {
    const moved = withRole(mapping, 'X', 'case_id');
    expect(moved.roles).toEqual({ case_id: 'X', y: 'Y' });
    expect(rolesByColumn(mapping).get('A')).toBe('case_id');
  });

  it('parses mapping JSON with clear errors', () => {
    expect(parseColumnMapping(JSON.stringify(mapping), 'm.json').ok).toBe(true);
    const bad = parseColumnMapping('{"version":1,"kind":"parking","roles":{}}', 'm.json');
    expect(!bad.ok && bad.error.kind === 'file-format' && bad.error.reason).toMatch(/^not a column mapping: kind:/);
  });
});
