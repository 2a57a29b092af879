import { describe, expect, it } from 'vitest';
import { fileText, parseTable, sampleFixture } from './sample-fixtures';

/** Share of `total` held by the top `fraction` of units (zero-count units included). */
function topShare(counts: number[], fraction: number): number {
  const sorted = [...counts].sort((a, b) => b - a);
  const k = Math.ceil(fraction * sorted.length);
  const total = sorted.reduce((s, c) => s + c, 0);
  return sorted.slice(0, k).reduce((s, c) => s + c, 0) / total;
}

describe('sample city crime concentration', () => {
  const { city, files } = sampleFixture();

  it('puts about half of the incidents on the top 5% of street segments', () => {
    const counts = new Array<number>(city.streets.count).fill(0);
    for (let i = 0; i < city.incidents.count; i++) counts[city.incidents.segment[i]!]!++;
    const share = topShare(counts, 0.05);
    // Measured for the default city (seed 20240601, 60,000 incidents): 0.5029 on 10,553 segments.
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.56);
    expect(city.groundTruth.concentration.top5PercentShare).toBeCloseTo(share, 4);
    // Zero-crime segments exist (as in real cities), and a flat city would give ~5%.
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(0.2 * counts.length);
  });

  it('shows the same concentration to an analyst grouping the CSV by block address', () => {
    const t = parseTable(fileText(files, 'incidents.csv'));
    const block = t.col('Block Address');
    const caseCol = t.col('Case Number');
    const perBlock = new Map<string, number>();
    const seen = new Set<string>();
    for (const r of t.rows) {
      if (seen.has(r[caseCol]!)) continue;
      seen.add(r[caseCol]!);
      perBlock.set(r[block]!, (perBlock.get(r[block]!) ?? 0) + 1);
    }
    // Blocks without incidents are absent from the CSV: pad with zeros up to the segment count.
    const counts = [...perBlock.values()];
    while (counts.length < city.streets.count) counts.push(0);
    const share = topShare(counts, 0.05);
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.58);
  });
});
