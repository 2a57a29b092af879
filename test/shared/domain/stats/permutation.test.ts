import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { createConditionalSampler, foldedPseudoP } from '../../../../shared/domain/stats/permutation';

describe('conditional permutation', () => {
  it('draws k distinct units, never the excluded one, uniformly', () => {
    const n = 10;
    const sampler = createConditionalSampler(n, createRng(1));
    const out = new Int32Array(4);
    const hits = new Array(n).fill(0);
    const draws = 20_000;
    for (let r = 0; r < draws; r++) {
      const exclude = r % n;
      sampler.sample(exclude, 4, out);
      expect(new Set(out).size).toBe(4);
      expect(Array.from(out)).not.toContain(exclude);
      for (const v of out) hits[v]++;
    }
    // each unit is excluded in 1/10 of draws and otherwise chosen with probability 4/9
    const expected = draws * 0.9 * (4 / 9);
    for (const h of hits) expect(Math.abs(h - expected) / expected).toBeLessThan(0.05);
  });

  it("folds the pseudo p to the observed value's tail like esda: (min(larger, R - larger) + 1) / (R + 1)", () => {
    expect(foldedPseudoP(0, 999)).toBe(1 / 1000);
    expect(foldedPseudoP(999, 999)).toBe(1 / 1000);
    expect(foldedPseudoP(500, 999)).toBe(500 / 1000);
    expect(foldedPseudoP(400, 999)).toBe(401 / 1000);
    expect(foldedPseudoP(990, 999)).toBe(10 / 1000);
  });
});
