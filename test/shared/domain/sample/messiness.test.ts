import { describe, expect, it } from 'vitest';
import {
  ALT_DATE_FORMAT_RATE,
  DEFAULT_LOCATION_RATE,
  DUPLICATE_OFFENSE_RATE,
  MESSY_DESCRIPTION_RATE,
  MISSING_COORDINATES_RATE,
  SAMPLE_OFFENSES,
  SWAPPED_LATLON_RATE,
  ZERO_COORDINATES_RATE,
} from '../../../../shared/domain/sample/index';
import { fileText, parseTable, sampleFixture } from './sample-fixtures';

describe('incidents.csv messiness', () => {
  const { city, files } = sampleFixture();
  const t = parseTable(fileText(files, 'incidents.csv'));
  const m = city.groundTruth.messiness;
  const col = (name: string): number => t.col(name);
  const canonical = new Map(SAMPLE_OFFENSES.map((p) => [p.code, p.description]));

  // Observed per kind: affected rows and affected distinct cases, detected from the text alone.
  const kinds = {
    altDateFormat: (r: string[]) => /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} [AP]M$/.test(r[col('Occurred From')]!),
    missingCoordinates: (r: string[]) => r[col('X Coordinate')] === '' && r[col('Latitude')] === '',
    zeroCoordinates: (r: string[]) => r[col('X Coordinate')] === '0' && r[col('Longitude')] === '0',
    defaultLocation: (r: string[]) =>
      r[col('X Coordinate')] === city.hq.x.toFixed(2) && r[col('Y Coordinate')] === city.hq.y.toFixed(2),
    swappedLatLon: (r: string[]) => r[col('Latitude')] !== '' && Number(r[col('Latitude')]) < 0, // a longitude in Texas
    messyDescription: (r: string[]) => r[col('Offense Description')] !== canonical.get(r[col('Offense Code')]!),
  } as const;
  const stated = {
    altDateFormat: ALT_DATE_FORMAT_RATE,
    missingCoordinates: MISSING_COORDINATES_RATE,
    zeroCoordinates: ZERO_COORDINATES_RATE,
    defaultLocation: DEFAULT_LOCATION_RATE,
    swappedLatLon: SWAPPED_LATLON_RATE,
    messyDescription: MESSY_DESCRIPTION_RATE,
  } as const;

  it.each(Object.keys(kinds) as (keyof typeof kinds)[])('%s: counts equal ground_truth.json, rate as stated', (kind) => {
    const rows = t.rows.filter(kinds[kind]);
    const cases = new Set(rows.map((r) => r[col('Case Number')]));
    expect(rows.length).toBe(m[kind].rows);
    expect(cases.size).toBe(m[kind].incidents);
    expect(m[kind].rate).toBe(stated[kind]);
    expect(Math.abs(cases.size / 60000 - stated[kind])).toBeLessThanOrEqual(0.05 * stated[kind] + 1e-4);
  });

  it('duplicates 4% of incidents onto a second row with another offense', () => {
    const caseCol = col('Case Number');
    const seen = new Set<string>();
    let second = 0;
    for (const r of t.rows) {
      if (seen.has(r[caseCol]!)) second++;
      seen.add(r[caseCol]!);
    }
    expect(second).toBe(m.duplicateOffenseRows.rows);
    expect(second / 60000).toBeCloseTo(DUPLICATE_OFFENSE_RATE, 3);
  });

  it('keeps the true block address on rows geocoded to the HQ', () => {
    const hqRows = t.rows.filter(kinds.defaultLocation);
    const blocks = new Set(hqRows.map((r) => r[col('Block Address')]));
    expect(blocks.size).toBeGreaterThan(100);
  });

  it('keeps the messy descriptions recognisable after trimming and case folding', () => {
    const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();
    for (const r of t.rows.filter(kinds.messyDescription)) {
      expect(norm(r[col('Offense Description')]!)).toBe(norm(canonical.get(r[col('Offense Code')]!)!));
    }
  });
});
