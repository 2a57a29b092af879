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
  return { ...doc, decisions: all, decided: tallyDecisions(all) };
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

/** Review rows shown per page in the app. */
export const REVIEW_PAGE_SIZE = 40;

/** One page of a review list: rows `start` (inclusive) to `end` (exclusive), 0-based. */
export interface ReviewPage {
  /** The page shown, 0-based, clamped to the pages there are. */
  readonly page: number;
  /** Number of pages (at least 1, even for an empty list). */
  readonly pages: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Page `page` (0-based) of a review list of `total` rows, `size` rows a page (default
 * {@link REVIEW_PAGE_SIZE}). A page below 0 or past the last is clamped to the first or last;
 * an empty list has one empty page (start = end = 0). Throws when `size` is not a positive
 * integer (a bug).
 */
export function reviewPage(total: number, page: number, size = REVIEW_PAGE_SIZE): ReviewPage {
  if (!Number.isInteger(size) || size < 1) throw new Error(`reviewPage: page size ${size} is not a positive integer`);
  const n = Math.max(0, Math.floor(total));
  const pages = Math.max(1, Math.ceil(n / size));
  const p = Math.min(pages - 1, Math.max(0, Math.floor(Number.isFinite(page) ? page : 0)));
  return { page: p, pages, start: p * size, end: Math.min(n, (p + 1) * size) };
}

/**
 * "rows 41–80 of 312": the 1-based row range of a page, with thousands separators ("no rows"
 * for an empty list).
 */
export function reviewPageWords(p: ReviewPage, total: number): string {
  if (total <= 0 || p.end <= p.start) return 'no rows';
  const f = (n: number) => n.toLocaleString('en-US');
  return `rows ${f(p.start + 1)}–${f(p.end)} of ${f(total)}`;
}

/**
 * The decisions with rows `from` (inclusive) to `to` (exclusive) set to `d`, or, when
 * `toggle` is true and the range is a single row already at `d`, that row back to pending
 * (clicking ✓ twice undoes it). A new array; `decisions` is not changed. The range is clipped
 * to the list.
 */
export function decideRows(decisions: readonly ReviewDecision[], from: number, to: number, d: ReviewDecision, toggle = false): ReviewDecision[] {
  const out = decisions.slice();
  const lo = Math.max(0, from);
  const hi = Math.min(out.length, to);
  const value = toggle && hi - lo === 1 && out[lo] === d ? null : d;
  for (let i = lo; i < hi; i++) out[i] = value;
  return out;
}

/** Accepted, rejected and pending counts of `decisions`. */
export function tallyDecisions(decisions: readonly ReviewDecision[]): { accepted: number; rejected: number; pending: number } {
  let accepted = 0;
  let rejected = 0;
  for (const d of decisions) {
    if (d === 'accept') accepted++;
    else if (d === 'reject') rejected++;
  }
  return { accepted, rejected, pending: decisions.length - accepted - rejected };
}

/**
 * The decisions kept in a saved link document, one per review row: values other than
 * 'accept'/'reject' (a document saved by `spi link --save` has none at all, an edited file may
 * hold anything) are pending; extra entries past the review list are dropped.
 */
export function savedDecisions(doc: LinkDocument & { readonly decisions?: unknown }): ReviewDecision[] {
  const saved = Array.isArray(doc.decisions) ? (doc.decisions as unknown[]) : [];
  return doc.review.map((_, i) => (saved[i] === 'accept' || saved[i] === 'reject' ? saved[i] : null));
}

/**
 * Whether a project document looks like a link set (`kind: 'link-set'` with a review list, its
 * counts and its links), so the app can list and re-show it; anything else is skipped.
 */
export function isLinkDocument(value: unknown): value is LinkDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<LinkDocument>;
  return v.kind === 'link-set' && typeof v.name === 'string' && typeof v.rule === 'string' && Array.isArray(v.review) && typeof v.counts === 'object' && v.counts !== null && typeof v.links === 'object' && v.links !== null;
}
