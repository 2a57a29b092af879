/**
 * Seeded pseudo-random numbers: reproducible Monte Carlo (Knox permutations, randomized
 * assignment) and synthetic data (the sample city). Same seed => same sequence, on every run and
 * platform that runs the same JS engine (uniform draws use only 32-bit integer arithmetic; the
 * transcendental helpers `normal` and `poisson` rely on Math.log/exp, which V8 computes with the
 * same fdlibm port everywhere).
 *
 * Generator: sfc32 ("Small Fast Counting", Chris Doty-Humphrey, from the PractRand suite), a
 * 128-bit-state generator that passes PractRand and BigCrush. Its state is filled by splitmix32
 * (a 32-bit adaptation of Steele, Lea & Flood's SplitMix, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014, with the hash constants of Chris Wellons' hash-prospector), and the
 * first 12 outputs are discarded, as PractRand recommends for sfc.
 * JavaScript forms follow bryc's public-domain "PRNGs" collection (github.com/bryc/code).
 */

/** A seeded random stream. Not thread-safe; each worker makes its own from a derived seed. */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform unsigned 32-bit integer in [0, 2^32). */
  uint32(): number;
  /**
   * Uniform integer in [0, n). `n` must be a positive integer <= 2^32. Uses floor(next() * n):
   * the bias is at most n / 2^32 (below 1e-4 for a million items), negligible for our uses.
   */
  int(n: number): number;
  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number;
  /** true with probability p (p <= 0 never, p >= 1 always). */
  chance(p: number): boolean;
  /** Normal deviate (Marsaglia polar method); defaults mean 0, sd 1. */
  normal(mean?: number, sd?: number): number;
  /** Exponential deviate with the given mean (> 0), by inversion. */
  exponential(mean: number): number;
  /**
   * Poisson deviate with mean `lambda` >= 0. Knuth's multiplication method for lambda < 10,
   * Hörmann's PTRS transformed rejection ("The transformed rejection method for generating
   * Poisson random variables", Insurance: Mathematics and Economics 12, 1993) above: O(1).
   */
  poisson(lambda: number): number;
  /** A uniformly chosen element; throws on an empty array (a caller bug). */
  pick<T>(items: readonly T[]): T;
  /**
   * Index drawn with probability proportional to `weights[i]` (non-negative, not all zero) by a
   * linear cumulative scan: O(n) per draw. For many draws use {@link createAliasSampler}.
   */
  pickWeighted(weights: ArrayLike<number>): number;
  /** Fisher-Yates (Durstenfeld) shuffle, in place; returns the same array. */
  shuffle<A extends { length: number; [index: number]: unknown }>(items: A): A;
}

/** splitmix32: turns one 32-bit seed into a stream of well-mixed 32-bit words. */
function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** Reduces a seed to an unsigned 32-bit integer; non-finite seeds are a caller bug. */
function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`random seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

// log(k!) for k < 32 by summation; Stirling's series above that (error < 1e-14).
const LOG_FACTORIAL = new Float64Array(32);
for (let k = 2; k < 32; k++) LOG_FACTORIAL[k] = (LOG_FACTORIAL[k - 1] ?? 0) + Math.log(k);

function logFactorial(k: number): number {
  if (k < 32) return LOG_FACTORIAL[k] ?? 0;
  const inv = 1 / k;
  const inv2 = inv * inv;
  return (
    k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
  );
}

/**
 * Creates a seeded generator (sfc32 seeded by splitmix32, see the module comment).
 * @param seed any finite number; reduced to an unsigned 32-bit integer (`trunc(seed) >>> 0`),
 *   so 0 and 2^32 give the same stream. Throws RangeError on NaN or Infinity.
 */
export function createRng(seed: number): Rng {
  const mix = splitmix32(normalizeSeed(seed));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  let spare = Number.NaN; // second value of the polar method, NaN when empty

  const uint32 = (): number => {
    const t0 = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const t = (t0 + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();

  const next = (): number => uint32() / 4294967296;

  const normal = (mean = 0, sd = 1): number => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = Number.NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return mean + sd * u * f;
  };

  const poisson = (lambda: number): number => {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RangeError(`poisson lambda must be finite and >= 0, got ${lambda}`);
    }
    if (lambda === 0) return 0;
    if (lambda < 10) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    }
    // PTRS (Hörmann 1993), constants as in the paper.
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const bb = 0.931 + 2.53 * slam;
    const aa = -0.059 + 0.02483 * bb;
    const invAlpha = 1.1239 + 1.1328 / (bb - 3.4);
    const vr = 0.9277 - 3.6224 / (bb - 2);
    for (;;) {
      const u = next() - 0.5;
      const v = next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * aa) / us + bb) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(aa / (us * us) + bb);
      if (lhs <= -lambda + k * loglam - logFactorial(k)) return k;
    }
  };

  return {
    next,
    uint32,
    int: (n) => Math.floor(next() * n),
    uniform: (min, max) => min + (max - min) * next(),
    chance: (p) => next() < p,
    normal,
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    pickWeighted(weights) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i] ?? 0;
      if (!(total > 0)) throw new RangeError('pickWeighted() needs a positive total weight');
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      // Rounding can leave r >= 0 after the last item: return the last positive weight.
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
      return weights.length - 1;
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
  };
}

/**
 * Derives an independent 32-bit seed for a named sub-stream (FNV-1a over the label, mixed with
 * the seed by splitmix32), so that modules drawing from their own streams do not shift each
 * other's numbers when one of them changes how many draws it makes.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ normalizeSeed(seed);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return splitmix32(h)();
}

/** O(1) weighted sampler over indices 0..n-1. */
export interface AliasSampler {
  readonly size: number;
  /** Draws an index with probability weights[i] / sum(weights); uses two uniform draws. */
  sample(rng: Rng): number;
}

/**
 * Builds Vose's alias table ("A linear algorithm for generating random numbers with a given
 * distribution", IEEE TSE 17(9), 1991) in O(n): afterwards each draw is O(1).
 * Weights must be finite and >= 0 with a positive sum (else RangeError: a caller bug).
 */
export function createAliasSampler(weights: ArrayLike<number>): AliasSampler {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} is ${w}; weights must be finite and >= 0`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('alias sampler needs a positive total weight');
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = new Float64Array(n);
  const small = new Uint32Array(n);
  const large = new Uint32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = ((weights[i] ?? 0) * n) / total;
    if ((scaled[i] ?? 0) < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns] as number;
    const l = large[--nl] as number;
    prob[s] = scaled[s] as number;
    alias[s] = l;
    const rest = (scaled[l] as number) + (scaled[s] as number) - 1;
    scaled[l] = rest;
    if (rest < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // Leftovers are 1 up to rounding.
  while (nl > 0) prob[large[--nl] as number] = 1;
  while (ns > 0) prob[small[--ns] as number] = 1;
  return {
    size: n,
    sample(rng: Rng): number {
      const i = Math.floor(rng.next() * n);
      return rng.next() < (prob[i] as number) ? i : (alias[i] as number);
    },
  };
}
