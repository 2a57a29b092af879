/**
 * Conditional randomization for local statistics (Anselin 1995, "Local indicators of spatial
 * association - LISA", Geographical Analysis 27(2)): the value at unit i is held fixed and its
 * k_i neighbours' values are replaced by k_i values drawn without replacement from the other
 * n - 1 units. Seeded with shared/base/random.ts, so a run is reproducible from its seed.
 */
import type { Rng } from '../../base/random';

/**
 * Draws k distinct indices uniformly from {0..n-1} \ {exclude} into `out[0..k)`, by a partial
 * Fisher-Yates shuffle of a pool that persists between calls (O(k) per draw, no allocation).
 * A partial shuffle yields a uniform ordered sample whatever the pool's starting order, so the
 * pool never needs resetting.
 */
export interface ConditionalSampler {
  sample(exclude: number, k: number, out: Int32Array): void;
}

/** Creates a sampler over n units (n >= 2; k <= n - 1 per call is the caller's contract). */
export function createConditionalSampler(n: number, rng: Rng): ConditionalSampler {
  const pool = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    pool[i] = i;
    pos[i] = i;
  }
  const swap = (a: number, b: number) => {
    const va = pool[a] as number;
    const vb = pool[b] as number;
    pool[a] = vb;
    pool[b] = va;
    pos[vb] = a;
    pos[va] = b;
  };
  return {
    sample(exclude, k, out) {
      swap(pos[exclude] as number, n - 1);
      const m = n - 1;
      for (let t = 0; t < k; t++) {
        swap(t, t + rng.int(m - t));
        out[t] = pool[t] as number;
      }
    },
  };
}

/**
 * Folded pseudo p-value of PySAL/esda (`p_sim`): with `larger` = #{simulated >= observed} out
 * of R, take the smaller tail, larger := min(larger, R - larger), and p = (larger + 1) / (R + 1)
 * (Hope 1968; esda Moran, Moran_Local, G_Local). One-sided in the direction of the observed
 * value; its minimum is 1 / (R + 1).
 */
export function foldedPseudoP(larger: number, permutations: number): number {
  const tail = permutations - larger < larger ? permutations - larger : larger;
  return (tail + 1) / (permutations + 1);
}
