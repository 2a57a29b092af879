/**
 * Place-based partner sources of the sample city: hospital/trauma records of violent injury and
 * facility points (schools, parks and recreation centres, liquor stores). Hospital records carry
 * what trauma registries share with police: an arrival DATE (no time), an injury type, and only
 * a hundred block (HOSPITAL_BLOCK_RATE, located at the block's midpoint) or just the beat (located
 * at the beat's centre); never a case number. Most come from a murder, aggravated assault or
 * robbery in the RMS export; UNREPORTED_INJURY_RATE more were never reported to police.
 */
import type { Rng } from '../../base/random';
import { createTransform } from '../geo/crs';
import { DAY_MS, MINUTE_MS } from './calendar';
import { SAMPLE_CRS } from './constants';
import { cumulative, pickCum } from './people-sources';
import type { PlaceModel } from './places';
import { createPlacement, houseNumberAtPoint, placeOnSegment } from './places';
import { sampleOffenseIndex } from './profiles';
import { sortedOrder } from './order';
import type { AreaTable, IncidentTable, StreetTable, StudyPeriod } from './types';

/** Chance that an incident of each offense sends a victim to hospital. */
export const HOSPITAL_RATES: Readonly<Record<string, number>> = { '09A': 0.6, '13A': 0.5, '120': 0.08 };
/** Injury types, in stored-id order; per offense: weights of [gunshot, stab, blunt]. */
export const INJURY_TYPES: readonly string[] = ['GUNSHOT WOUND', 'STAB/CUT WOUND', 'BLUNT FORCE INJURY'];
const INJURY_MIX: Readonly<Record<string, readonly number[]>> = { '09A': [75, 20, 5], '13A': [35, 35, 30], '120': [20, 20, 60] };
/** Share of hospital records located by hundred block (the rest by beat only). */
export const HOSPITAL_BLOCK_RATE = 0.75;
/** Violent-injury records never reported to police, per record that was. */
export const UNREPORTED_INJURY_RATE = 0.35;
/** Share of hospital patients who are people with an arrest (victim-offender overlap). */
export const PATIENT_ARRESTEE_RATE = 0.3;

/** Hospital/trauma records of violent injury, sorted by arrival time. */
export interface HospitalTable {
  readonly count: number;
  /** Arrival time (exported as a date only). */
  readonly arrival: Float64Array;
  readonly injury: Uint8Array;
  /** Patient's person number (shared with arrests and field interviews). */
  readonly person: Uint32Array;
  /** 0 located by hundred block, 1 by beat only. */
  readonly precision: Uint8Array;
  readonly segment: Int32Array;
  readonly beat: Uint8Array;
  /** Exported location: block midpoint or beat centre, feet. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** The incident the injury came from, or -1 (never reported). */
  readonly incident: Int32Array;
}

/** Facility kinds, in stored-id order, with how many the city has and where they stand (place kind). */
export const FACILITY_KINDS: readonly (readonly [string, number, number])[] = [
  ['ELEMENTARY SCHOOL', 18, 2],
  ['MIDDLE SCHOOL', 7, 2],
  ['HIGH SCHOOL', 5, 0],
  ['PARK/RECREATION CENTER', 10, 2],
  ['LIQUOR STORE', 25, 1],
];

/** Facility points. */
export interface FacilityTable {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly segment: Uint32Array;
  readonly houseNumber: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

function centreOf(ring: Float64Array): [number, number] {
  let sx = 0;
  let sy = 0;
  const n = ring.length / 2 - 1; // closed ring: skip the repeated first vertex
  for (let i = 0; i < n; i++) {
    sx += ring[2 * i] as number;
    sy += ring[2 * i + 1] as number;
  }
  return [sx / n, sy / n];
}

function lonLatOf(x: Float64Array, y: Float64Array): { lon: Float64Array; lat: Float64Array } {
  const lon = Float64Array.from(x);
  const lat = Float64Array.from(y);
  createTransform(SAMPLE_CRS, 'EPSG:4326').inPlace(lon, lat);
  return { lon, lat };
}

/**
 * Hospital records (see module comment). `patients` draws a person number for a patient: an
 * arrestee (PATIENT_ARRESTEE_RATE), a previous patient (a repeat victim, 10%) or a new person.
 */
export function generateHospitalRecords(
  incidents: IncidentTable,
  streets: StreetTable,
  beats: AreaTable,
  beatOf: (x: number, y: number) => number,
  places: PlaceModel,
  period: StudyPeriod,
  arrestees: Uint32Array,
  firstNewPerson: number,
  rng: Rng,
): { table: HospitalTable; nextPerson: number } {
  const codes = Object.keys(HOSPITAL_RATES);
  const rate = new Float64Array(64).fill(0);
  const mix: Float64Array[] = [];
  codes.forEach((c) => {
    const o = sampleOffenseIndex(c);
    if (o >= 0) {
      rate[o] = HOSPITAL_RATES[c] as number;
      mix[o] = cumulative(INJURY_MIX[c] as number[]);
    }
  });
  const source: number[] = [];
  for (let i = 0; i < incidents.count; i++) if (rng.chance(rate[incidents.offense[i] as number] as number)) source.push(i);
  const unreported = Math.round(source.length * UNREPORTED_INJURY_RATE);
  const n = source.length + unreported;
  const arrival = new Float64Array(n);
  const injuryOf = new Uint8Array(n);
  const segOf = new Int32Array(n);
  const incOf = new Int32Array(n).fill(-1);
  const place = createPlacement();
  const xt = new Float64Array(n);
  const yt = new Float64Array(n);
  source.forEach((i, k) => {
    arrival[k] = (incidents.occurredFrom[i] as number) + (10 + rng.int(80)) * MINUTE_MS;
    injuryOf[k] = pickCum(mix[incidents.offense[i] as number] as Float64Array, rng);
    segOf[k] = incidents.segment[i] as number;
    xt[k] = incidents.x[i] as number;
    yt[k] = incidents.y[i] as number;
    incOf[k] = i;
  });
  const violentHours = cumulative([9, 9, 8, 6, 3, 2, 1.5, 1.5, 1.5, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4.5, 5.5, 6.5, 8, 9, 10, 10]);
  const anyMix = cumulative([40, 30, 30]);
  for (let k = source.length; k < n; k++) {
    arrival[k] = period.startMs + rng.int(period.days) * DAY_MS + pickCum(violentHours, rng) * 3_600_000 + rng.int(60) * MINUTE_MS;
    injuryOf[k] = pickCum(anyMix, rng);
    placeOnSegment(streets, places.samplers[rng.chance(0.5) ? 0 : 2]!.sample(rng), rng, place);
    segOf[k] = place.segment;
    xt[k] = place.x;
    yt[k] = place.y;
  }
  const order = sortedOrder(Float64Array.from(arrival, (a) => Math.floor((a - period.startMs) / MINUTE_MS)));
  const beatCentres = beats.rings.map(centreOf);
  const h = {
    arrival: new Float64Array(n),
    injury: new Uint8Array(n),
    person: new Uint32Array(n),
    precision: new Uint8Array(n),
    segment: new Int32Array(n),
    beat: new Uint8Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    incident: new Int32Array(n),
  };
  let next = firstNewPerson;
  for (let k = 0; k < n; k++) {
    const src = order[k] as number;
    h.arrival[k] = arrival[src] as number;
    h.injury[k] = injuryOf[src] as number;
    h.incident[k] = incOf[src] as number;
    const seg = segOf[src] as number;
    h.beat[k] = Math.max(0, beatOf(xt[src] as number, yt[src] as number));
    if (rng.chance(HOSPITAL_BLOCK_RATE)) {
      h.segment[k] = seg;
      h.x[k] = ((streets.x0[seg] as number) + (streets.x1[seg] as number)) / 2;
      h.y[k] = ((streets.y0[seg] as number) + (streets.y1[seg] as number)) / 2;
    } else {
      h.precision[k] = 1;
      h.segment[k] = -1;
      const c = beatCentres[h.beat[k] as number] as [number, number];
      h.x[k] = c[0];
      h.y[k] = c[1];
    }
    if (arrestees.length > 0 && rng.chance(PATIENT_ARRESTEE_RATE)) h.person[k] = arrestees[rng.int(arrestees.length)] as number;
    else if (k > 50 && rng.chance(0.1)) h.person[k] = h.person[rng.int(k)] as number;
    else h.person[k] = next++;
  }
  return { table: { count: n, ...h, ...lonLatOf(h.x, h.y) }, nextPerson: next };
}

/** Facility points: FACILITY_KINDS counts, each placed on a segment drawn for its place kind. */
export function generateFacilities(streets: StreetTable, places: PlaceModel, rng: Rng): FacilityTable {
  const n = FACILITY_KINDS.reduce((s, f) => s + f[1], 0);
  const f = { kind: new Uint8Array(n), segment: new Uint32Array(n), houseNumber: new Int32Array(n), x: new Float64Array(n), y: new Float64Array(n) };
  const place = createPlacement();
  let k = 0;
  FACILITY_KINDS.forEach(([, count, placeKind], kind) => {
    for (let j = 0; j < count; j++, k++) {
      placeOnSegment(streets, places.samplers[placeKind]!.sample(rng), rng, place);
      f.kind[k] = kind;
      f.segment[k] = place.segment;
      f.x[k] = place.x;
      f.y[k] = place.y;
      f.houseNumber[k] = houseNumberAtPoint(streets, place.segment, place.x, place.y);
    }
  });
  return { count: n, ...f, ...lonLatOf(f.x, f.y) };
}
