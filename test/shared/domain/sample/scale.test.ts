import { describe, expect, it } from 'vitest';
import { generateSampleCity, toSampleFiles } from '../../../../shared/domain/sample/index';

describe('sample city at scale', () => {
  it('generates 1,000,000 incidents in typed arrays and streams the full incidents.csv', () => {
    const city = generateSampleCity({ incidents: 1_000_000 });
    expect(city.incidents.count).toBe(1_000_000);
    expect(city.incidents.x).toBeInstanceOf(Float64Array);
    const file = toSampleFiles(city).find((f) => f.name === 'incidents.csv')!;
    let lines = 0;
    let chunks = 0;
    for (const chunk of file.chunks()) {
      chunks++;
      for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
    }
    expect(lines).toBe(1 + 1_000_000 + city.groundTruth.messiness.duplicateOffenseRows.rows);
    expect(chunks).toBeGreaterThan(100); // streamed, never one giant string
    expect(city.groundTruth.concentration.top5PercentShare).toBeGreaterThan(0.4);
  }, 120_000);
});
