import { describe, expect, it } from 'vitest';
import { createAliasSampler, createRng, deriveSeed } from '../../../shared/base/random';

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const draws = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('createRng', () => {
  it('pins the sfc32 + splitmix32 stream (changing it would change every seeded result)', () => {
    const r = createRng(1);
    expect([r.uint32(), r.uint32(), r.uint32()]).toEqual([1689047798, 3678829038, 1136791837]);
    expect(deriveSeed(20240601, 'incidents')).toBe(2386577970);
  });

  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = draws(100, () => a.next());
    expect(draws(100, () => b.next())).toEqual(sa);
    expect(draws(100, () => c.next())).not.toEqual(sa);
  });

  it('reduces seeds to unsigned 32-bit integers and rejects non-finite ones', () => {
    expect(createRng(7.9).uint32()).toBe(createRng(7).uint32());
    expect(createRng(2 ** 32 + 5).uint32()).toBe(createRng(5).uint32());
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(Infinity)).toThrow(RangeError);
  });

  it('draws uniform floats in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = createRng(3);
    const xs = draws(200_000, () => r.next());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    expect(variance(xs)).toBeCloseTo(1 / 12, 3);
  });

  it('draws integers in [0, n) hitting every value about equally', () => {
    const r = createRng(4);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400); // ~4 SD
  });

  it('draws normal deviates with the requested mean and sd', () => {
    const r = createRng(5);
    const xs = draws(100_000, () => r.normal(10, 2));
    expect(mean(xs)).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance(xs))).toBeCloseTo(2, 1);
  });

  it.each([0.5, 3, 9.9, 10, 50, 1000])('draws Poisson(%d) with mean and variance lambda', (lambda) => {
    const r = createRng(6);
    const xs = draws(60_000, () => r.poisson(lambda));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    const se = Math.sqrt(lambda / xs.length);
    expect(Math.abs(mean(xs) - lambda)).toBeLessThan(5 * se);
    expect(variance(xs) / lambda).toBeGreaterThan(0.95);
    expect(variance(xs) / lambda).toBeLessThan(1.05);
  });

  it('returns 0 for Poisson(0) and throws on a negative mean', () => {
    const r = createRng(1);
    expect(r.poisson(0)).toBe(0);
    expect(() => r.poisson(-1)).toThrow(RangeError);
  });

  it('draws exponential deviates with the requested mean', () => {
    const r = createRng(8);
    expect(mean(draws(100_000, () => r.exponential(3)))).toBeCloseTo(3, 1);
  });

  it('shuffles into a permutation of the input', () => {
    const r = createRng(9);
    const a = Uint32Array.from({ length: 1000 }, (_, i) => i);
    r.shuffle(a);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(a.subarray(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('picks by weight, never a zero-weight index', () => {
    const r = createRng(10);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.pickWeighted([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeCloseTo(3, 0);
    expect(() => r.pickWeighted([0, 0])).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});

describe('createAliasSampler', () => {
  it('samples indices in proportion to their weights', () => {
    const weights = [5, 0, 1, 2, 0.5, 1.5];
    const total = weights.reduce((s, w) => s + w, 0);
    const s = createAliasSampler(weights);
    const r = createRng(11);
    const counts = new Array<number>(weights.length).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[s.sample(r)]!++;
    weights.forEach((w, i) => {
      const p = w / total;
      expect(Math.abs(counts[i]! - n * p)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)) + 1e-9);
    });
  });

  it('rejects negative, non-finite or all-zero weights', () => {
    expect(() => createAliasSampler([1, -1])).toThrow(RangeError);
    expect(() => createAliasSampler([1, Number.NaN])).toThrow(RangeError);
    expect(() => createAliasSampler([0, 0])).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('gives distinct, stable sub-seeds per label', () => {
    expect(deriveSeed(1, 'a')).toBe(deriveSeed(1, 'a'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(1, 'b'));
    expect(deriveSeed(1, 'a')).not.toBe(deriveSeed(2, 'a'));
  });
});
