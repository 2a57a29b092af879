import { describe, expect, it } from 'vitest';
import { generateSampleCity, toSampleFiles } from '../../../../shared/domain/sample/index';
import { hashFiles } from './sample-fixtures';

describe('sample city determinism', () => {
  const options = { incidents: 8000, years: 2 };

  it('gives identical file text for the same seed and options', () => {
    const a = toSampleFiles(generateSampleCity({ ...options, seed: 7 }));
    const b = toSampleFiles(generateSampleCity({ ...options, seed: 7 }));
    expect(a.map((f) => f.name)).toEqual([
      'incidents.csv', 'calls_for_service.csv', 'arrests.csv', 'streets.geojson', 'beats.geojson', 'districts.geojson',
      'ground_truth.json', 'README.txt',
    ]);
    expect(hashFiles(a)).toBe(hashFiles(b));
    // chunks() can be replayed
    expect(hashFiles(a)).toBe(hashFiles(a));
  });

  it('gives different files for a different seed', () => {
    const a = toSampleFiles(generateSampleCity({ ...options, seed: 7 }));
    const b = toSampleFiles(generateSampleCity({ ...options, seed: 8 }));
    expect(hashFiles(a)).not.toBe(hashFiles(b));
  });

  it('uses the documented defaults', () => {
    const city = generateSampleCity({ incidents: 10 });
    expect(city.options).toEqual({ seed: 20240601, incidents: 10, years: 3, startYear: 2022 });
    expect(city.crs).toBe('EPSG:2276');
    expect(city.groundTruth.intervention.startDate).toBe('2023-07-01');
  });

  it('handles zero incidents and rejects bad options', () => {
    const city = generateSampleCity({ incidents: 0, years: 1 });
    expect(city.incidents.count).toBe(0);
    const text = [...toSampleFiles(city)[0]!.chunks()].join('');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(() => generateSampleCity({ incidents: -1 })).toThrow(RangeError);
    expect(() => generateSampleCity({ incidents: 1.5 })).toThrow(RangeError);
    expect(() => generateSampleCity({ years: 0 })).toThrow(RangeError);
    expect(() => generateSampleCity({ seed: Number.NaN })).toThrow(RangeError);
  });

  it('README.txt describes every file spi sample writes, the partner sources included', () => {
    const readme = toSampleFiles(generateSampleCity({ incidents: 500, years: 1, seed: 7 })).find((f) => f.name === 'README.txt')!;
    const text = [...readme.chunks()].map((c) => (typeof c === 'string' ? c : new TextDecoder().decode(c))).join('');
    for (const name of ['incidents.csv', 'calls_for_service.csv', 'arrests.csv', 'field_interviews.csv', 'probation_parole.csv', 'hospital_injuries.csv', 'facilities.csv', 'ground_truth_links.csv', 'ground_truth_sources.json', 'sample-city.spiproj']) expect(text).toContain(name);
  });
});
