/**
 * Person-based partner sources of the sample city: field interviews (stop/contact cards) and
 * probation/parole supervision. Both reuse the synthetic person numbers of arrests.ts, so the
 * same people recur across sources as they do in real data: prolific arrestees are contacted
 * in the field again and again, and many of them are under supervision. Person ids in field
 * interview cards are typed by hand: FI_ID_VARIANT_RATE of them are written in another format
 * (`P-000123`, `p000123`, `000123`: the same person once normalized) and FI_ID_TYPO_RATE carry a
 * wrong digit (a different, usually unknown, person): the ground truth keeps the true person.
 */
import type { Rng } from '../../base/random';
import { createTransform } from '../geo/crs';
import { DAY_MS, MINUTE_MS } from './calendar';
import { SAMPLE_CRS } from './constants';
import { sortedOrder } from './order';
import type { PlaceModel } from './places';
import { createPlacement, houseNumberAtPoint, placeOnSegment } from './places';
import type { ArrestTable, IncidentTable, StreetTable, StudyPeriod } from './types';

/** Field interviews per incident. */
export const FI_PER_INCIDENT = 0.12;
/** Share of field-interview subjects who are people with an arrest. */
export const FI_KNOWN_PERSON_RATE = 0.6;
/** Share of field-interview person ids written in another format (same person once normalized). */
export const FI_ID_VARIANT_RATE = 0.05;
/** Share of field-interview person ids with a typo (one digit wrong). */
export const FI_ID_TYPO_RATE = 0.01;
/** Chance that a person with 2+ arrests (1 arrest) is put under supervision. */
export const SUPERVISION_RATE_REPEAT = 0.55;
export const SUPERVISION_RATE_SINGLE = 0.08;

/** Reasons for a field contact, in stored-id order. */
export const FI_REASONS: readonly string[] = ['SUSPICIOUS PERSON', 'PEDESTRIAN STOP', 'TRESPASS WARNING', 'GANG CONTACT', 'CURFEW', 'KNOWN OFFENDER CHECK'];
const FI_REASON_WEIGHTS = [30, 25, 15, 10, 5, 15];
/** Evening/late-heavy hours of field contacts. */
const FI_HOURS = [5, 4, 3, 2, 1, 0.5, 0.5, 0.8, 1, 1.5, 2, 2.5, 3, 3, 3, 3.5, 4, 4.5, 5, 6, 6.5, 7, 7, 6];

/** Field interview cards, sorted by contact time. */
export interface FieldInterviewTable {
  readonly count: number;
  readonly time: Float64Array;
  /** TRUE person number (1-based; numbers above the arrestees' are people never arrested). */
  readonly person: Uint32Array;
  /** 0 written as P000123, 1 a format variant, 2 a typo (see `writtenPerson`). */
  readonly idStyle: Uint8Array;
  /** The person number as written (differs from `person` for typos). */
  readonly writtenPerson: Uint32Array;
  readonly reason: Uint8Array;
  readonly segment: Uint32Array;
  readonly houseNumber: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

/** People under probation or parole supervision (one row per supervision term). */
export interface SupervisionTable {
  readonly count: number;
  readonly person: Uint32Array;
  /** 0 probation, 1 parole. */
  readonly type: Uint8Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly segment: Uint32Array;
  readonly houseNumber: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

/** Highest person number among arrests (people are numbered 1..n in order of first arrest). */
export function arrestedPeople(arrests: ArrestTable): number {
  let n = 0;
  for (let k = 0; k < arrests.count; k++) n = Math.max(n, arrests.person[k] as number);
  return n;
}

function lonLatOf(x: Float64Array, y: Float64Array): { lon: Float64Array; lat: Float64Array } {
  const lon = Float64Array.from(x);
  const lat = Float64Array.from(y);
  createTransform(SAMPLE_CRS, 'EPSG:4326').inPlace(lon, lat);
  return { lon, lat };
}

/**
 * Field interview cards: about FI_PER_INCIDENT per incident, at hot places (the segment of a
 * random incident) 70% of the time, elsewhere on the street otherwise; subjects are arrestees
 * (drawn in proportion to their arrests) FI_KNOWN_PERSON_RATE of the time, else new people who
 * recur among themselves. `firstNewPerson` numbers the people never arrested.
 */
export function generateFieldInterviews(
  incidents: IncidentTable,
  arrests: ArrestTable,
  streets: StreetTable,
  places: PlaceModel,
  period: StudyPeriod,
  firstNewPerson: number,
  rng: Rng,
): { table: FieldInterviewTable; nextPerson: number } {
  const n = incidents.count === 0 ? 0 : Math.round(incidents.count * FI_PER_INCIDENT);
  const keys = new Float64Array(n);
  const hourCum = cumulative(FI_HOURS);
  for (let k = 0; k < n; k++) keys[k] = rng.int(period.days) * 1440 + pickCum(hourCum, rng) * 60 + rng.int(60);
  const order = sortedOrder(keys);
  const t = {
    time: new Float64Array(n),
    person: new Uint32Array(n),
    idStyle: new Uint8Array(n),
    writtenPerson: new Uint32Array(n),
    reason: new Uint8Array(n),
    segment: new Uint32Array(n),
    houseNumber: new Int32Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
  };
  const reasonCum = cumulative(FI_REASON_WEIGHTS);
  const place = createPlacement();
  let next = firstNewPerson;
  for (let k = 0; k < n; k++) {
    t.time[k] = period.startMs + (keys[order[k] as number] as number) * MINUTE_MS;
    let person: number;
    if (arrests.count > 0 && rng.chance(FI_KNOWN_PERSON_RATE)) person = arrests.person[rng.int(arrests.count)] as number;
    else if (next > firstNewPerson && rng.chance(0.3)) person = t.person[rng.int(k)] as number;
    else person = next++;
    t.person[k] = person;
    const style = rng.chance(FI_ID_TYPO_RATE) ? 2 : rng.chance(FI_ID_VARIANT_RATE) ? 1 : 0;
    t.idStyle[k] = style;
    t.writtenPerson[k] = style === 2 ? typo(person, rng) : person;
    t.reason[k] = pickCum(reasonCum, rng);
    const seg = incidents.count > 0 && rng.chance(0.7) ? (incidents.segment[rng.int(incidents.count)] as number) : places.samplers[0]!.sample(rng);
    placeOnSegment(streets, seg, rng, place);
    t.segment[k] = place.segment;
    t.x[k] = place.x;
    t.y[k] = place.y;
    t.houseNumber[k] = houseNumberAtPoint(streets, place.segment, place.x, place.y);
  }
  return { table: { count: n, ...t, ...lonLatOf(t.x, t.y) }, nextPerson: next };
}

/** A different person number with one of its six digits changed. */
function typo(person: number, rng: Rng): number {
  const digits = String(person).padStart(6, '0').split('');
  const at = rng.int(6);
  const old = Number(digits[at]);
  digits[at] = String((old + 1 + rng.int(9)) % 10);
  const changed = Number(digits.join(''));
  return changed === 0 ? person + 1 : changed;
}

/**
 * Supervision terms: people with 2+ arrests are supervised with probability
 * SUPERVISION_RATE_REPEAT, one-arrest people with SUPERVISION_RATE_SINGLE; the term starts 30 to
 * 400 days after their first arrest and lasts one to three years; the supervision address is a
 * residence, on the segment of one of their arrests when that was at home.
 */
export function generateSupervision(arrests: ArrestTable, streets: StreetTable, places: PlaceModel, period: StudyPeriod, rng: Rng): SupervisionTable {
  const people = arrestedPeople(arrests);
  const counts = new Uint32Array(people + 1);
  const first = new Float64Array(people + 1).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < arrests.count; k++) {
    const p = arrests.person[k] as number;
    counts[p] = (counts[p] as number) + 1;
    first[p] = Math.min(first[p] as number, arrests.time[k] as number);
  }
  const rows: number[] = [];
  for (let p = 1; p <= people; p++) {
    const c = counts[p] as number;
    if (c > 0 && rng.chance(c >= 2 ? SUPERVISION_RATE_REPEAT : SUPERVISION_RATE_SINGLE)) rows.push(p);
  }
  const n = rows.length;
  const s = {
    person: Uint32Array.from(rows),
    type: new Uint8Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    segment: new Uint32Array(n),
    houseNumber: new Int32Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
  };
  const place = createPlacement();
  for (let k = 0; k < n; k++) {
    const p = rows[k] as number;
    s.type[k] = rng.chance(0.25) ? 1 : 0;
    const startDay = Math.floor(((first[p] as number) - period.startMs) / DAY_MS) + 30 + rng.int(370);
    s.start[k] = period.startMs + startDay * DAY_MS;
    s.end[k] = (s.start[k] as number) + (365 + rng.int(730)) * DAY_MS;
    placeOnSegment(streets, places.samplers[2]!.sample(rng), rng, place);
    s.segment[k] = place.segment;
    s.x[k] = place.x;
    s.y[k] = place.y;
    s.houseNumber[k] = houseNumberAtPoint(streets, place.segment, place.x, place.y);
  }
  return { count: n, ...s, ...lonLatOf(s.x, s.y) };
}

/** Cumulative sums of weights (for small categorical draws). */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/** Index drawn from cumulative weights. */
export function pickCum(cum: Float64Array, rng: Rng): number {
  const u = rng.next() * (cum[cum.length - 1] as number);
  let i = 0;
  while (i < cum.length - 1 && (cum[i] as number) <= u) i++;
  return i;
}
