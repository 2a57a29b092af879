import { describe, expect, it } from 'vitest';
import { computeLinks } from '../../../../shared/domain/link/compute';
import { toLinkDocument } from '../../../../shared/domain/link/document';
import { makeLinkRecords } from '../../../../shared/domain/link/records';
import { acceptedLinks, withReviewDecisions } from '../../../../shared/domain/link/review';

describe('review decisions on a link set', () => {
  // Person links: A1-B1 written the same (certain), A2-B2 written differently (review), A3-B3 too.
  const A = makeLinkRecords('a', { n: 3, ids: ['a1', 'a2', 'a3'], persons: ['P000001', 'P000002', 'P000003'] });
  const B = makeLinkRecords('b', { n: 3, ids: ['b1', 'b2', 'b3'], persons: ['P000001', 'p-000002', '000003'] });
  const links = computeLinks(A, B, { by: 'person' });
  const doc = toLinkDocument('t', { by: 'person' }, links, A, B, { a: { source: 'a', filter: null }, b: { source: 'b', filter: null } }, 'T');

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
