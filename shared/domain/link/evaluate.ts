/**
 * Checking links against known true links (the sample city's ground truth, or a hand-checked
 * list): precision = true links found / links found; recall = true links found / true links
 * whose two records are both present in the linked sources (records quarantined or filtered out
 * cannot be found, and are counted apart as `truthMissing`). Pairs are compared by record id.
 */
import type { LinkSet } from './compute';
import type { LinkRecords } from './records';

export interface LinkScore {
  readonly found: number;
  readonly correct: number;
  readonly truth: number;
  readonly truthMissing: number;
  readonly precision: number;
  readonly recall: number;
  /** Among review links: how many are true (a review list should hold the doubtful ones). */
  readonly review: number;
  readonly reviewCorrect: number;
}

const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * Scores `links` against the true pairs (a id, b id). Duplicate pairs (two rows of one record)
 * count once. Precision and recall are NaN when their denominator is 0.
 */
export function scoreLinks(A: LinkRecords, B: LinkRecords, links: LinkSet, truthA: readonly string[], truthB: readonly string[]): LinkScore {
  const aIds = new Set(A.ids.filter((x): x is string => x !== null));
  const bIds = new Set(B.ids.filter((x): x is string => x !== null));
  const truth = new Set<string>();
  let truthMissing = 0;
  truthA.forEach((a, k) => {
    const b = truthB[k] as string;
    if (aIds.has(a) && bIds.has(b)) truth.add(pairKey(a, b));
    else truthMissing++;
  });
  const found = new Set<string>();
  const review = new Set<string>();
  for (let k = 0; k < links.a.length; k++) {
    const key = pairKey(A.ids[links.a[k] as number] ?? '', B.ids[links.b[k] as number] ?? '');
    found.add(key);
    if (links.review[k]) review.add(key);
  }
  let correct = 0;
  for (const f of found) if (truth.has(f)) correct++;
  let reviewCorrect = 0;
  for (const r of review) if (truth.has(r)) reviewCorrect++;
  return {
    found: found.size,
    correct,
    truth: truth.size,
    truthMissing,
    precision: found.size > 0 ? correct / found.size : Number.NaN,
    recall: truth.size > 0 ? correct / truth.size : Number.NaN,
    review: review.size,
    reviewCorrect,
  };
}
