import { describe, expect, it } from 'vitest';
import { computeLinks, REASON_NEAR_DISTANCE, REASON_NEAR_TIME, REASON_NORMALIZED, REASON_TIE } from '../../../../shared/domain/link/compute';
import { toLinkDocument, toLinkLogEntry } from '../../../../shared/domain/link/document';
import { scoreLinks } from '../../../../shared/domain/link/evaluate';
import { makeLinkRecords } from '../../../../shared/domain/link/records';
import { parseLinkRule, type LinkRule } from '../../../../shared/domain/link/rule';

const rule = (t: string): LinkRule => {
  const r = parseLinkRule(t);
  if (!r.ok) throw new Error(t);
  return r.value;
};
const f = (xs: number[]) => Float64Array.from(xs);

describe('computeLinks by key', () => {
  const calls = makeLinkRecords('calls', { n: 4, ids: ['C1', 'C2', 'C3', 'C4'], cases: ['2023-0000001', '2023-1', null, '2023-0000009'] });
  const incidents = makeLinkRecords('incidents', { n: 3, ids: ['2023-0000001', '2023-0000002', '2023-0000009'], cases: ['2023-0000001', '2023-0000002', '2023-0000009'] });

  it('links every pair with equal keys and sends differently written ids to review', () => {
    const l = computeLinks(calls, incidents, rule('case'));
    expect(Array.from(l.a)).toEqual([0, 1, 3]);
    expect(Array.from(l.b)).toEqual([0, 0, 2]);
    expect(Array.from(l.reasons)).toEqual([0, REASON_NORMALIZED, 0]);
    expect(l.counts).toMatchObject({ aRecords: 4, bRecords: 3, aUnusable: 1, bUnusable: 0, links: 3, review: 1, aLinked: 3, bLinked: 2 });
  });

  it('links a person to all of their records (one to many)', () => {
    const fi = makeLinkRecords('fi', { n: 2, persons: ['P-000007', 'P000008'] });
    const arrests = makeLinkRecords('arrests', { n: 3, persons: ['P000007', 'P000007', 'P000009'] });
    const l = computeLinks(fi, arrests, rule('person'));
    expect(Array.from(l.b)).toEqual([0, 1]);
    expect(Array.from(l.candidates)).toEqual([2, 2]);
    expect(l.counts.review).toBe(2);
  });
});

describe('computeLinks by place', () => {
  // Days: 19700 = 2023-12-08. B: three incidents.
  const B = makeLinkRecords('b', { n: 3, ids: ['b0', 'b1', 'b2'], x: f([0, 45, 1000]), y: f([0, 0, 0]), t: f([19700.5, 19700.5, 19700.5]) });

  it('links each A record to its best candidate within distance AND window', () => {
    const A = makeLinkRecords('a', { n: 3, ids: ['a0', 'a1', 'a2'], x: f([5, 1000, 3000]), y: f([0, 10, 0]), t: f([19700.6, 19703.6, 19700.5]) });
    const l = computeLinks(A, B, rule('place:50m,2d'));
    // a0: b0 at 5 m (score 0.1 + 0.05) and b1 at 40 m (0.8 + 0.05): certain. a1: too late. a2: too far.
    expect(Array.from(l.a)).toEqual([0]);
    expect(Array.from(l.b)).toEqual([0]);
    expect(l.distance[0]).toBeCloseTo(5, 9);
    expect(l.days[0]).toBeCloseTo(0.1, 9);
    expect(l.review[0]).toBe(0);
    expect(l.counts).toMatchObject({ links: 1, aLinked: 1, bLinked: 1 });
  });

  it('flags ties and links near a limit for review', () => {
    const A = makeLinkRecords('a', { n: 3, x: f([22.5, 990, 1000]), y: f([0, 0, 0]), t: f([19700.5, 19700.5, 19702.3]) });
    const l = computeLinks(A, B, rule('place:50m,2d'));
    expect(Array.from(l.b)).toEqual([0, 2, 2]);
    expect(l.reasons[0]! & REASON_TIE).toBe(REASON_TIE); // 22.5 m from b0 and b1
    expect(l.reasons[1]).toBe(0); // 10 m, same time
    expect(l.reasons[2]! & REASON_NEAR_TIME).toBe(REASON_NEAR_TIME); // 1.8 of 2 days
    const far = computeLinks(makeLinkRecords('a', { n: 1, x: f([1045]), y: f([0]), t: f([19700.5]) }), B, rule('place:50m,2d'));
    expect(far.reasons[0]).toBe(REASON_NEAR_DISTANCE);
  });

  it('compares date-only sources by calendar day', () => {
    const hospital = makeLinkRecords('h', { n: 2, x: f([0, 0]), y: f([0, 0]), t: f([19701, 19702]) });
    expect(hospital.dateOnly).toBe(true);
    const l = computeLinks(hospital, B, rule('place:10m,1d'));
    // Incident on day 19700 (noon): the next day's record is 1 calendar day later, the one after 2.
    expect(Array.from(l.a)).toEqual([0]);
    expect(l.days[0]).toBe(1);
  });

  it('matches the same address, block or cell', () => {
    const a = makeLinkRecords('a', { n: 2, addresses: ['1234 W ELM ST', '1200 BLOCK OF W ELM ST'], x: f([10, 10]), y: f([10, 10]), t: f([19700.5, 19700.5]) });
    const b = makeLinkRecords('b', { n: 1, addresses: ['1234 W. ELM ST'], x: f([90, 0]), y: f([10, 0]), t: f([19700.5]) });
    expect(computeLinks(a, b, rule('place:address,1d')).counts.links).toBe(1);
    expect(computeLinks(a, b, rule('place:block,1d')).counts.links).toBe(2);
    expect(computeLinks(a, b, rule('place:cell100m,1d')).counts.links).toBe(2);
    expect(computeLinks(a, b, rule('place:cell50m,1d')).counts.links).toBe(0);
  });

  it('is symmetric in distance: swapping sides keeps the pairs when each has one candidate', () => {
    const A = makeLinkRecords('a', { n: 2, x: f([0, 500]), y: f([0, 0]), t: f([1, 5]) });
    const Bb = makeLinkRecords('b', { n: 2, x: f([510, 3]), y: f([0, 4]), t: f([5.5, 1.2]) });
    const ab = computeLinks(A, Bb, rule('place:20m,1d'));
    const ba = computeLinks(Bb, A, rule('place:20m,1d'));
    expect(Array.from(ab.a).map((i, k) => `${i}-${ab.b[k]}`).sort()).toEqual(Array.from(ba.b).map((i, k) => `${i}-${ba.a[k]}`).sort());
  });
});

describe('scoring and documents', () => {
  it('computes precision and recall against true pairs, leaving out missing records', () => {
    const A = makeLinkRecords('a', { n: 3, ids: ['a1', 'a2', 'a3'], cases: ['1', '2', '3'] });
    const B = makeLinkRecords('b', { n: 2, ids: ['1', '2'], cases: ['1', '3'] });
    const l = computeLinks(A, B, rule('case'));
    // Found: a1-1 (true), a3-2 (false). Truth: a1-1, a2-2, a9-1 (a9 missing).
    const s = scoreLinks(A, B, l, ['a1', 'a2', 'a9'], ['1', '2', '1']);
    expect(s).toMatchObject({ found: 2, correct: 1, truth: 2, truthMissing: 1, precision: 0.5, recall: 0.5 });
  });

  it('records the rule, the links and the review list in the document and the log entry', () => {
    const A = makeLinkRecords('a', { n: 1, ids: ['C1'], cases: ['P-1'] });
    const B = makeLinkRecords('b', { n: 1, ids: ['X'], cases: ['P1'] });
    const r = rule('case');
    const doc = toLinkDocument('calls-cases', r, computeLinks(A, B, r), A, B, { a: { source: 'calls', filter: null }, b: { source: 'incidents', filter: "x > 1" } }, '2024-01-01T00:00:00.000Z');
    expect(doc).toMatchObject({ kind: 'link-set', rule: 'case', links: { a: ['C1'], b: ['X'], review: [1] }, review: [{ a: 'C1', b: 'X', reasons: ['ids written differently'] }] });
    const log = toLinkLogEntry(doc, 'test', {});
    expect(log).toMatchObject({ action: 'link', parameters: { name: 'calls-cases', rule: 'case', links: 1, review: 1 } });
    expect(log.note).toContain('links/calls-cases');
  });
});
