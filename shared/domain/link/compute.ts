/**
 * Linking two sources by a rule (rule.ts). Columnar in and out: the links are parallel typed
 * arrays of record indices with their distance, time gap, status and reasons.
 * - case / person: every pair of records with equal keys (keys.ts) is a link (a person has many
 *   arrests; a case has a call and arrests). A pair whose texts differ before normalization
 *   ("P-000123" vs "P000123") goes to review (REASON_NORMALIZED).
 * - place: each record of A links to its ONE best candidate in B: the smallest
 *   d / D + |dt| / W (d = 0 for address, block and cell matches). Review when another candidate
 *   scores within TIE_MARGIN of the best (REASON_TIE), or the link is near a limit: d > 0.8 D
 *   (REASON_NEAR_DISTANCE) or |dt| > 0.8 W (REASON_NEAR_TIME).
 * Time gaps: |tA - tB| in days; when either source has dates only, whole calendar days
 * |floor(tA) - floor(tB)|, so a date-only hospital record links to an incident of that evening.
 */
import { addressKey, blockKey, caseKey, personKey } from './keys';
import type { LinkRecords } from './records';
import type { LinkRule } from './rule';

export const REASON_TIE = 1;
export const REASON_NEAR_DISTANCE = 2;
export const REASON_NEAR_TIME = 4;
export const REASON_NORMALIZED = 8;
/** Share of a limit above which a link is "near the threshold". */
export const NEAR_LIMIT = 0.8;
/** Score margin under which a second candidate is a tie. */
export const TIE_MARGIN = 0.1;

/** Links between A and B records, parallel arrays. */
export interface LinkSet {
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Metres between the records (NaN for case/person links). */
  readonly distance: Float64Array;
  /** |time gap| in days (NaN when a time is missing or for case/person links). */
  readonly days: Float64Array;
  /** 0 certain, 1 review. */
  readonly review: Uint8Array;
  /** REASON_* bits. */
  readonly reasons: Uint8Array;
  /** Candidates that met the rule (place) or shared the key (case/person), for record a. */
  readonly candidates: Uint32Array;
  readonly counts: LinkCounts;
}

export interface LinkCounts {
  readonly aRecords: number;
  readonly bRecords: number;
  /** Records left out for lack of what the rule needs (key, coordinates, time, address). */
  readonly aUnusable: number;
  readonly bUnusable: number;
  readonly links: number;
  readonly review: number;
  readonly aLinked: number;
  readonly bLinked: number;
}

class Builder {
  a: number[] = [];
  b: number[] = [];
  d: number[] = [];
  t: number[] = [];
  r: number[] = [];
  c: number[] = [];
  push(a: number, b: number, d: number, t: number, reasons: number, candidates: number): void {
    this.a.push(a);
    this.b.push(b);
    this.d.push(d);
    this.t.push(t);
    this.r.push(reasons);
    this.c.push(candidates);
  }
  finish(A: LinkRecords, B: LinkRecords, aUnusable: number, bUnusable: number): LinkSet {
    const reasons = Uint8Array.from(this.r);
    const review = Uint8Array.from(reasons, (r) => (r !== 0 ? 1 : 0));
    const aSeen = new Uint8Array(A.ids.length);
    const bSeen = new Uint8Array(B.ids.length);
    for (const i of this.a) aSeen[i] = 1;
    for (const j of this.b) bSeen[j] = 1;
    return {
      a: Int32Array.from(this.a),
      b: Int32Array.from(this.b),
      distance: Float64Array.from(this.d),
      days: Float64Array.from(this.t),
      review,
      reasons,
      candidates: Uint32Array.from(this.c),
      counts: {
        aRecords: A.ids.length,
        bRecords: B.ids.length,
        aUnusable,
        bUnusable,
        links: this.a.length,
        review: review.reduce((s, v) => s + v, 0),
        aLinked: aSeen.reduce((s, v) => s + v, 0),
        bLinked: bSeen.reduce((s, v) => s + v, 0),
      },
    };
  }
}

/** Links A to B by `rule` (see module comment). O(|A| + |B| + candidates). */
export function computeLinks(A: LinkRecords, B: LinkRecords, rule: LinkRule): LinkSet {
  if (rule.by === 'case' || rule.by === 'person') return linkByKey(A, B, rule.by === 'case' ? A.cases : A.persons, rule.by === 'case' ? B.cases : B.persons, rule.by === 'case' ? caseKey : personKey);
  return linkByPlace(A, B, rule);
}

function linkByKey(A: LinkRecords, B: LinkRecords, aText: (string | null)[], bText: (string | null)[], key: (s: string | null) => string | null): LinkSet {
  const index = new Map<string, number[]>();
  let bUnusable = 0;
  bText.forEach((text, j) => {
    const k = key(text);
    if (k === null) return void bUnusable++;
    const list = index.get(k);
    if (list) list.push(j);
    else index.set(k, [j]);
  });
  const out = new Builder();
  let aUnusable = 0;
  aText.forEach((text, i) => {
    const k = key(text);
    if (k === null) return void aUnusable++;
    const list = index.get(k);
    if (!list) return;
    const raw = (text as string).trim().toUpperCase();
    for (const j of list) out.push(i, j, Number.NaN, Number.NaN, (bText[j] as string).trim().toUpperCase() === raw ? 0 : REASON_NORMALIZED, list.length);
  });
  return out.finish(A, B, aUnusable, bUnusable);
}

function gapDays(ta: number, tb: number, whole: boolean): number {
  return whole ? Math.abs(Math.floor(ta) - Math.floor(tb)) : Math.abs(ta - tb);
}

function linkByPlace(A: LinkRecords, B: LinkRecords, rule: Extract<LinkRule, { by: 'place' }>): LinkSet {
  const whole = A.dateOnly || B.dateOnly;
  const W = rule.days;
  const byKey = rule.match === 'address' || rule.match === 'block';
  const D = 'metres' in rule ? rule.metres : 0;
  const keyOf = rule.match === 'address' ? addressKey : blockKey;
  const cellOf = (x: number, y: number) => `${Math.floor(x / (D || 1))}:${Math.floor(y / (D || 1))}`;
  const usable = (R: LinkRecords, k: number) => Number.isFinite(R.t[k] as number) && (byKey ? keyOf(R.addresses[k] ?? null) !== null : Number.isFinite(R.x[k] as number) && Number.isFinite(R.y[k] as number));
  const index = new Map<string, number[]>();
  let bUnusable = 0;
  for (let j = 0; j < B.ids.length; j++) {
    if (!usable(B, j)) {
      bUnusable++;
      continue;
    }
    const k = byKey ? (keyOf(B.addresses[j] ?? null) as string) : cellOf(B.x[j] as number, B.y[j] as number);
    const list = index.get(k);
    if (list) list.push(j);
    else index.set(k, [j]);
  }
  const out = new Builder();
  let aUnusable = 0;
  for (let i = 0; i < A.ids.length; i++) {
    if (!usable(A, i)) {
      aUnusable++;
      continue;
    }
    const xa = A.x[i] as number;
    const ya = A.y[i] as number;
    const ta = A.t[i] as number;
    let lists: (number[] | undefined)[];
    if (byKey) lists = [index.get(keyOf(A.addresses[i] ?? null) as string)];
    else if (rule.match === 'cell') lists = [index.get(cellOf(xa, ya))];
    else {
      const cx = Math.floor(xa / D);
      const cy = Math.floor(ya / D);
      lists = [];
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) lists.push(index.get(`${cx + dx}:${cy + dy}`));
    }
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    let bestD = 0;
    let bestT = 0;
    let candidates = 0;
    for (const list of lists) {
      if (!list) continue;
      for (const j of list) {
        const dt = gapDays(ta, B.t[j] as number, whole);
        if (dt > W) continue;
        const d = Math.hypot(xa - (B.x[j] as number), ya - (B.y[j] as number));
        if (rule.match === 'distance' && d > D) continue;
        candidates++;
        const score = (rule.match === 'distance' ? d / D : 0) + (W > 0 ? dt / W : 0);
        if (score < bestScore) {
          second = bestScore;
          bestScore = score;
          best = j;
          bestD = d;
          bestT = dt;
        } else if (score < second) second = score;
      }
    }
    if (best < 0) continue;
    let reasons = 0;
    if (second - bestScore <= TIE_MARGIN) reasons |= REASON_TIE;
    if (rule.match === 'distance' && bestD > NEAR_LIMIT * D) reasons |= REASON_NEAR_DISTANCE;
    if (W > 0 && bestT > NEAR_LIMIT * W) reasons |= REASON_NEAR_TIME;
    out.push(i, best, Number.isFinite(A.x[i] as number) && Number.isFinite(B.x[best] as number) ? bestD : Number.NaN, bestT, reasons, candidates);
  }
  return out.finish(A, B, aUnusable, bUnusable);
}

/** Reasons as words ("tie", "near the distance limit", ...), for output. */
export function reasonWords(reasons: number): string[] {
  const out: string[] = [];
  if (reasons & REASON_TIE) out.push('tie: another candidate is about as close');
  if (reasons & REASON_NEAR_DISTANCE) out.push('near the distance limit');
  if (reasons & REASON_NEAR_TIME) out.push('near the time limit');
  if (reasons & REASON_NORMALIZED) out.push('ids written differently');
  return out;
}
