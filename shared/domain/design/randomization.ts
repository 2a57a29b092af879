/**
 * Random assignment of candidate places to treatment and control, reproducible from the recorded
 * seed and algorithm name: every draw comes from createRng(seed) of shared/base/random.ts (sfc32
 * seeded by splitmix32), consumed in the order documented per algorithm, so anyone with this
 * code, the seed and the unit order can re-derive the assignment.
 * Designs: simple (Bernoulli coin flips, or complete randomization of exactly floor(n/2) by
 * shuffling), paired (matched-pair: rank by pre-period count, pair neighbours, flip a coin within
 * each pair) and blocked (complete randomization within each stratum); see Gerber & Green (2012),
 * Field Experiments: Design, Analysis, and Interpretation.
 */
import { createRng, type Rng } from '../../base/random';
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

export type RandomizationAlgorithm = 'simple-coin' | 'simple-shuffle' | 'paired' | 'blocked';

export interface RandomizationInput {
  readonly algorithm: RandomizationAlgorithm;
  /** Any finite number; reduced to 32 bits as createRng does. */
  readonly seed: number;
  readonly nUnits: number;
  /** 'paired': pre-period count per unit (ranked descending, ties by unit index). */
  readonly preCounts?: ArrayLike<number>;
  /** 'blocked': stratum code per unit. */
  readonly blocks?: Int32Array;
}

export interface RandomizationResult {
  readonly algorithm: RandomizationAlgorithm;
  readonly seed: number;
  readonly generator: string;
  /** Per unit: 1 treatment, 0 control. */
  readonly assignment: Uint8Array;
  /** 'paired': pair number per unit (0-based, by rank), -1 for the unit left unpaired. */
  readonly pair: Int32Array | null;
  readonly nTreated: number;
  readonly nControl: number;
  /** How to re-derive it, in words (for the project log). */
  readonly description: string;
}

const GENERATOR = 'sfc32 seeded by splitmix32 (shared/base/random.ts createRng)';

/**
 * Assigns units to treatment (1) or control (0).
 * - simple-coin: unit i in index order gets treatment when rng.next() < 0.5.
 * - simple-shuffle: indices 0..n-1 are shuffled by rng.shuffle (Fisher-Yates, from the end);
 *   the first floor(n/2) are treated (odd n: one more control).
 * - paired: units ranked by preCounts descending (ties: lower index first); ranks 1-2, 3-4, ...
 *   form pairs; per pair in rank order, rng.next() < 0.5 treats the higher-ranked unit, else the
 *   other. With odd n the last-ranked unit is unpaired and gets its own coin flip at the end.
 * - blocked: per block in ascending code order, the block's units (index order) are shuffled and
 *   the first floor(m/2) treated; with odd m the leftover unit gets a coin flip right after.
 * Errors: bad seed or unit count, missing or mismatched preCounts/blocks (named).
 */
export function randomizeAssignment(input: RandomizationInput): Result<RandomizationResult, StatsError> {
  const n = input.nUnits;
  if (!Number.isInteger(n) || n < 2) return err(invalidArgument('nUnits', n, 'a whole number >= 2'));
  if (!Number.isFinite(input.seed)) return err(invalidArgument('seed', input.seed, 'a finite number'));
  const rng = createRng(input.seed);
  const assignment = new Uint8Array(n);
  let pair: Int32Array | null = null;
  let description: string;
  switch (input.algorithm) {
    case 'simple-coin':
      for (let i = 0; i < n; i++) assignment[i] = rng.next() < 0.5 ? 1 : 0;
      description = 'each unit in index order treated when the next uniform draw is < 0.5';
      break;
    case 'simple-shuffle': {
      const idx = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
      for (let k = 0; k < Math.floor(n / 2); k++) assignment[idx[k]!] = 1;
      description = `indices shuffled (Fisher-Yates); the first ${Math.floor(n / 2)} treated`;
      break;
    }
    case 'paired': {
      const pre = input.preCounts;
      if (!pre || pre.length !== n) return err(invalidArgument('preCounts', pre ? `${pre.length} values` : 'missing', `${n} pre-period counts, one per unit`));
      for (let i = 0; i < n; i++) if (!Number.isFinite(pre[i]!)) return err(invalidArgument(`preCounts (unit ${i + 1})`, pre[i], 'a finite count'));
      const ranked = Array.from({ length: n }, (_, i) => i).sort((a, b) => pre[b]! - pre[a]! || a - b);
      pair = new Int32Array(n).fill(-1);
      for (let k = 0; k + 1 < n; k += 2) {
        const hi = ranked[k]!;
        const lo = ranked[k + 1]!;
        pair[hi] = k / 2;
        pair[lo] = k / 2;
        if (rng.next() < 0.5) assignment[hi] = 1;
        else assignment[lo] = 1;
      }
      if (n % 2 === 1) assignment[ranked[n - 1]!] = rng.next() < 0.5 ? 1 : 0;
      description = 'units ranked by pre-period count (descending, ties by index), neighbours paired, one coin flip per pair in rank order (< 0.5 treats the higher-ranked unit)' + (n % 2 ? '; the last-ranked unit unpaired, its own coin flip' : '');
      break;
    }
    case 'blocked': {
      const blocks = input.blocks;
      if (!blocks || blocks.length !== n) return err(invalidArgument('blocks', blocks ? `${blocks.length} values` : 'missing', `${n} block codes, one per unit`));
      const byBlock = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const list = byBlock.get(blocks[i]!);
        if (list) list.push(i);
        else byBlock.set(blocks[i]!, [i]);
      }
      for (const code of [...byBlock.keys()].sort((a, b) => a - b)) assignBlock(byBlock.get(code)!, assignment, rng);
      description = 'per block (ascending code), its units in index order shuffled (Fisher-Yates), the first floor(m/2) treated; an odd leftover unit gets a coin flip';
      break;
    }
  }
  let nTreated = 0;
  for (let i = 0; i < n; i++) nTreated += assignment[i]!;
  return ok({ algorithm: input.algorithm, seed: input.seed, generator: GENERATOR, assignment, pair, nTreated, nControl: n - nTreated, description });
}

function assignBlock(units: number[], assignment: Uint8Array, rng: Rng): void {
  const shuffled = rng.shuffle([...units]);
  const half = Math.floor(shuffled.length / 2);
  for (let k = 0; k < half; k++) assignment[shuffled[k]!] = 1;
  if (shuffled.length % 2 === 1) assignment[shuffled[shuffled.length - 1]!] = rng.next() < 0.5 ? 1 : 0;
}
