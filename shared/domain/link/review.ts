/**
 * The analyst's decisions on a link set's review list: each uncertain link accepted, rejected or
 * still pending. Kept inside the saved `links/<name>` document (field `decisions`, parallel to
 * `review`) so the audit shows who kept which uncertain link; the links themselves stay as the
 * rule found them, and {@link acceptedLinks} gives the set to use (certain links plus accepted
 * ones).
 */
import type { LinkDocument } from './document';

/** One decision on a review row. */
export type ReviewDecision = 'accept' | 'reject' | null;

/** A link document with the review decisions. */
export type ReviewedLinkDocument = LinkDocument & {
  readonly decisions: readonly ReviewDecision[];
  readonly decided: { readonly accepted: number; readonly rejected: number; readonly pending: number };
};

/**
 * Adds `decisions` (one per review row, missing ones pending) and their tallies to `doc`.
 * Throws when there are more decisions than review rows (a bug).
 */
export function withReviewDecisions(doc: LinkDocument, decisions: readonly ReviewDecision[]): ReviewedLinkDocument {
  if (decisions.length > doc.review.length) throw new Error(`withReviewDecisions: ${decisions.length} decisions for ${doc.review.length} review rows`);
  const all = doc.review.map((_, i) => decisions[i] ?? null);
  const accepted = all.filter((d) => d === 'accept').length;
  const rejected = all.filter((d) => d === 'reject').length;
  return { ...doc, decisions: all, decided: { accepted, rejected, pending: all.length - accepted - rejected } };
}

/**
 * The links to use: every certain link, and the review links accepted (with `pendingAsAccepted`,
 * the undecided ones too). Parallel id columns, in link order.
 */
export function acceptedLinks(doc: LinkDocument, decisions: readonly ReviewDecision[], pendingAsAccepted = false): { a: (string | null)[]; b: (string | null)[] } {
  const a: (string | null)[] = [];
  const b: (string | null)[] = [];
  let r = 0;
  for (let k = 0; k < doc.links.a.length; k++) {
    if (doc.links.review[k]) {
      const d = decisions[r++] ?? null;
      if (d === 'reject' || (d === null && !pendingAsAccepted)) continue;
    }
    a.push(doc.links.a[k] ?? null);
    b.push(doc.links.b[k] ?? null);
  }
  return { a, b };
}
