import { describe, expect, it } from 'vitest';
import { computeLinks } from '../../../../shared/domain/link/compute';
import { toLinkDocument } from '../../../../shared/domain/link/document';
import { makeLinkRecords } from '../../../../shared/domain/link/records';
import { acceptedLinks, decideRows, isLinkDocument, reviewPage, reviewPageWords, savedDecisions, tallyDecisions, withReviewDecisions, REVIEW_PAGE_SIZE, type ReviewDecision } from '../../../../shared/domain/link/review';

// Person links: A1-B1 written the same (certain), A2-B2 written differently (review), A3-B3 too.
const A = makeLinkRecords('a', { n: 3, ids: ['a1', 'a2', 'a3'], persons: ['P000001', 'P000002', 'P000003'] });
const B = makeLinkRecords('b', { n: 3, ids: ['b1', 'b2', 'b3'], persons: ['P000001', 'p-000002', '000003'] });
const links = computeLinks(A, B, { by: 'person' });
const doc = toLinkDocument('t', { by: 'person' }, links, A, B, { a: { source: 'a', filter: null }, b: { source: 'b', filter: null } }, 'T');

describe('review decisions on a link set', () => {
  it('tallies accepted, rejected and pending review rows, keeping every link as found', () => {
    expect(doc.counts.links).toBe(3);
    expect(doc.review.map((r) => r.a)).toEqual(['a2', 'a3']);
    const r = withReviewDecisions(doc, ['reject']);
    expect(r.decisions).toEqual(['reject', null]);
    expect(r.decided).toEqual({ accepted: 0, rejected: 1, pending: 1 });
    expect(r.links).toEqual(doc.links);
    expect(() => withReviewDecisions(doc, ['accept', 'accept', 'accept'])).toThrow();
  });

  it('uses certain links plus accepted ones (pending ones only when asked)', () => {
    expect(acceptedLinks(doc, ['reject', null])).toEqual({ a: ['a1'], b: ['b1'] });
    expect(acceptedLinks(doc, ['reject', null], true)).toEqual({ a: ['a1', 'a3'], b: ['b1', 'b3'] });
    expect(acceptedLinks(doc, ['accept', 'accept'])).toEqual({ a: ['a1', 'a2', 'a3'], b: ['b1', 'b2', 'b3'] });
  });
});

describe('review list paging and decisions', () => {
  it('pages 312 rows 40 at a time: rows 41–80 on page 2, 32 rows on the last, clamped at both ends', () => {
    expect(REVIEW_PAGE_SIZE).toBe(40);
    const p2 = reviewPage(312, 1);
    expect(p2).toEqual({ page: 1, pages: 8, start: 40, end: 80 });
    expect(reviewPageWords(p2, 312)).toBe('rows 41–80 of 312');
    expect(reviewPage(312, 7)).toEqual({ page: 7, pages: 8, start: 280, end: 312 });
    expect(reviewPage(312, 99)).toEqual(reviewPage(312, 7));
    expect(reviewPage(312, -3)).toEqual({ page: 0, pages: 8, start: 0, end: 40 });
    expect(reviewPage(0, 2)).toEqual({ page: 0, pages: 1, start: 0, end: 0 });
    expect(reviewPageWords(reviewPage(0, 0), 0)).toBe('no rows');
    expect(reviewPageWords(reviewPage(4312, 100), 4312)).toBe('rows 4,001–4,040 of 4,312');
    expect(() => reviewPage(10, 0, 0)).toThrow();
  });

  it('every row is on exactly one page, for any total and page size', () => {
    for (let total = 0; total <= 130; total += 13) {
      for (const size of [1, 7, 40]) {
        const seen = new Array<number>(total).fill(0);
        const { pages } = reviewPage(total, 0, size);
        for (let page = 0; page < pages; page++) {
          const p = reviewPage(total, page, size);
          expect(p.end - p.start).toBeLessThanOrEqual(size);
          for (let i = p.start; i < p.end; i++) seen[i]!++;
        }
        expect(seen.every((c) => c === 1)).toBe(true);
      }
    }
  });

  it('decides a page at once and a row with toggling, keeping decisions made elsewhere', () => {
    const none: ReviewDecision[] = new Array(100).fill(null);
    const page2 = decideRows(none, 40, 80, 'accept');
    expect(tallyDecisions(page2)).toEqual({ accepted: 40, rejected: 0, pending: 60 });
    expect(none.every((d) => d === null)).toBe(true);
    const one = decideRows(page2, 3, 4, 'reject', true);
    expect(one[3]).toBe('reject');
    expect(tallyDecisions(one)).toEqual({ accepted: 40, rejected: 1, pending: 59 });
    expect(decideRows(one, 3, 4, 'reject', true)[3]).toBeNull();
    expect(decideRows(one, 50, 51, 'reject', true)[50]).toBe('reject');
    const cleared = decideRows(one, 40, 80, null);
    expect(tallyDecisions(cleared)).toEqual({ accepted: 0, rejected: 1, pending: 99 });
    expect(decideRows(one, 90, 200, 'reject')).toHaveLength(100);
  });

  it('reads decisions back from a saved document, whatever the file holds', () => {
    const saved = withReviewDecisions(doc, [null, 'accept']);
    const back = JSON.parse(JSON.stringify(saved)) as typeof saved;
    expect(savedDecisions(back)).toEqual([null, 'accept']);
    expect(withReviewDecisions(back, savedDecisions(back))).toEqual(saved);
    expect(savedDecisions(doc)).toEqual([null, null]);
    expect(savedDecisions({ ...doc, decisions: ['yes', 'reject', 'accept'] } as typeof doc)).toEqual([null, 'reject']);
    expect(isLinkDocument(back)).toBe(true);
    expect(isLinkDocument({ kind: 'link-set', name: 'x' })).toBe(false);
    expect(isLinkDocument({ kind: 'source-combination' })).toBe(false);
    expect(isLinkDocument(null)).toBe(false);
  });
});
