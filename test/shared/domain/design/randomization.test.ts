import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { randomizeAssignment } from '../../../../shared/domain/design/randomization';

const PRE = [40, 12, 33, 7, 25, 19, 3, 28, 15, 9, 22];

describe('randomized assignment', () => {
  it('gives the same assignment for the same seed and a different one for another seed', () => {
    for (const algorithm of ['simple-coin', 'simple-shuffle', 'paired', 'blocked'] as const) {
      const blocks = Int32Array.from(PRE, (_, i) => i % 3);
      const a = unwrap(randomizeAssignment({ algorithm, seed: 7, nUnits: PRE.length, preCounts: PRE, blocks }));
      const b = unwrap(randomizeAssignment({ algorithm, seed: 7, nUnits: PRE.length, preCounts: PRE, blocks }));
      expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
      expect(a.seed).toBe(7);
      expect(a.algorithm).toBe(algorithm);
      expect(a.generator).toMatch(/sfc32/);
      const differs = [8, 9, 10, 11, 12].some((seed) => Array.from(unwrap(randomizeAssignment({ algorithm, seed, nUnits: PRE.length, preCounts: PRE, blocks })).assignment).join() !== Array.from(a.assignment).join());
      expect(differs).toBe(true);
    }
  });

  it('can be re-derived from the recorded seed with the documented draws', () => {
    const r = unwrap(randomizeAssignment({ algorithm: 'simple-coin', seed: 2024, nUnits: 6 }));
    const rng = createRng(2024);
    expect(Array.from(r.assignment)).toEqual(Array.from({ length: 6 }, () => (rng.next() < 0.5 ? 1 : 0)));
  });

  it('simple-shuffle treats exactly floor(n/2)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = unwrap(randomizeAssignment({ algorithm: 'simple-shuffle', seed, nUnits: 11 }));
      expect(r.nTreated).toBe(5);
      expect(r.nControl).toBe(6);
    }
  });

  it('paired: neighbours by pre-count form pairs with exactly one treated each', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = unwrap(randomizeAssignment({ algorithm: 'paired', seed, nUnits: PRE.length, preCounts: PRE }));
      const pair = r.pair!;
      // Ranked: 40(0) 33(2) | 28(7) 25(4) | 22(10) 19(5) | 15(8) 12(1) | 9(9) 7(3) | 3(6) unpaired
      expect(Array.from(pair)).toEqual([0, 3, 0, 4, 1, 2, -1, 1, 3, 4, 2]);
      for (let k = 0; k < 5; k++) {
        const members = Array.from(pair.keys()).filter((i) => pair[i] === k);
        expect(members.reduce((s, i) => s + r.assignment[i]!, 0)).toBe(1);
      }
    }
  });

  it('blocked: each block is split in half (odd leftovers by coin flip)', () => {
    const blocks = Int32Array.from([5, 5, 5, 5, 2, 2, 2, 9, 9, 9, 9]);
    const seen = new Set<number>();
    for (let seed = 0; seed < 30; seed++) {
      const r = unwrap(randomizeAssignment({ algorithm: 'blocked', seed, nUnits: 11, blocks }));
      const treatedIn = (code: number) => Array.from(blocks.keys()).filter((i) => blocks[i] === code).reduce((s, i) => s + r.assignment[i]!, 0);
      expect(treatedIn(5)).toBe(2);
      expect(treatedIn(9)).toBe(2);
      expect([1, 2]).toContain(treatedIn(2));
      seen.add(treatedIn(2));
    }
    expect(seen.size).toBe(2);
  });

  it('simple-coin is balanced in expectation (seeded, 200 designs of 100 units)', () => {
    let treated = 0;
    for (let seed = 0; seed < 200; seed++) treated += unwrap(randomizeAssignment({ algorithm: 'simple-coin', seed, nUnits: 100 })).nTreated;
    // Binomial(20000, 0.5): SD 70.7; 4 SDs.
    expect(Math.abs(treated - 10000)).toBeLessThan(283);
  });

  it('refuses missing inputs by name', () => {
    const r = randomizeAssignment({ algorithm: 'paired', seed: 1, nUnits: 4 });
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('preCounts');
    const b = randomizeAssignment({ algorithm: 'blocked', seed: 1, nUnits: 4, blocks: new Int32Array(3) });
    expect(!b.ok && b.error.kind === 'invalid-argument' && b.error.name).toBe('blocks');
    const s = randomizeAssignment({ algorithm: 'simple-coin', seed: Number.NaN, nUnits: 4 });
    expect(!s.ok && s.error.kind === 'invalid-argument' && s.error.name).toBe('seed');
  });
});
