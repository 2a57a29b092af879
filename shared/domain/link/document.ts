/**
 * A link set as a project document (`docs/links/<name>`) and its log entry: the rule (as
 * `--by` text and in plain words), both sources with their filters, the counts, every link as
 * parallel id columns, and the review list with its reasons. Enough to re-run the rule and to
 * audit every uncertain link.
 */
import type { LogEntry } from '../project/manifest';
import { reasonWords, type LinkCounts, type LinkSet } from './compute';
import type { LinkRecords } from './records';
import { describeLinkRule, formatLinkRule, type LinkRule } from './rule';

/** Link-set names: letters, digits, '.', '_' and '-', 1-64 characters (a document path). */
export const LINK_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Where a side of the link came from. */
export interface LinkSide {
  readonly source: string;
  readonly filter: string | null;
}

/** One review-list row. */
export interface ReviewRow {
  readonly a: string | null;
  readonly b: string | null;
  readonly distanceM: number | null;
  readonly days: number | null;
  readonly candidates: number;
  readonly reasons: string[];
}

/** The document stored at `links/<name>`. */
export interface LinkDocument {
  readonly kind: 'link-set';
  readonly formatVersion: 1;
  readonly name: string;
  readonly createdAt: string;
  readonly rule: string;
  readonly ruleWords: string;
  readonly a: LinkSide;
  readonly b: LinkSide;
  readonly counts: LinkCounts;
  /** Parallel columns, one entry per link. */
  readonly links: { readonly a: (string | null)[]; readonly b: (string | null)[]; readonly distanceM: (number | null)[]; readonly days: (number | null)[]; readonly review: number[] };
  readonly review: ReviewRow[];
}

const num = (v: number, digits: number): number | null => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** The review rows of a link set, in link order. */
export function reviewRows(links: LinkSet, A: LinkRecords, B: LinkRecords): ReviewRow[] {
  const out: ReviewRow[] = [];
  for (let k = 0; k < links.a.length; k++) {
    if (!links.review[k]) continue;
    out.push({
      a: A.ids[links.a[k] as number] ?? null,
      b: B.ids[links.b[k] as number] ?? null,
      distanceM: num(links.distance[k] as number, 1),
      days: num(links.days[k] as number, 3),
      candidates: links.candidates[k] as number,
      reasons: reasonWords(links.reasons[k] as number),
    });
  }
  return out;
}

/** Builds the document (see module comment). */
export function toLinkDocument(name: string, rule: LinkRule, links: LinkSet, A: LinkRecords, B: LinkRecords, sides: { a: LinkSide; b: LinkSide }, createdAt: string): LinkDocument {
  return {
    kind: 'link-set',
    formatVersion: 1,
    name,
    createdAt,
    rule: formatLinkRule(rule),
    ruleWords: describeLinkRule(rule),
    a: sides.a,
    b: sides.b,
    counts: links.counts,
    links: {
      a: Array.from(links.a, (i) => A.ids[i] ?? null),
      b: Array.from(links.b, (j) => B.ids[j] ?? null),
      distanceM: Array.from(links.distance, (d) => num(d, 1)),
      days: Array.from(links.days, (d) => num(d, 3)),
      review: Array.from(links.review),
    },
    review: reviewRows(links, A, B),
  };
}

/** The log entry of a saved link set (action `link`). */
export function toLinkLogEntry(doc: LinkDocument, by: string, dataHashes: Record<string, string>): LogEntry {
  return {
    at: doc.createdAt,
    by,
    action: 'link',
    parameters: { name: doc.name, rule: doc.rule, a: doc.a, b: doc.b, links: doc.counts.links, review: doc.counts.review },
    dataHashes,
    note: `links/${doc.name}: ${doc.a.source} to ${doc.b.source}, ${doc.ruleWords}`,
  };
}
