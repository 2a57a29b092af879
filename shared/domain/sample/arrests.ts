/**
 * Arrests of the sample city: one row per arrestee for every incident cleared by arrest
 * (SECOND_ARRESTEE_RATE of them have two). Arrestees are synthetic person numbers, never names;
 * a REPEAT_ARRESTEE_RATE share are people arrested before, drawn in proportion to their earlier
 * arrests (preferential attachment), so a few prolific people carry many arrests, as in real data.
 */
import type { Rng } from '../../base/random';
import { createTransform } from '../geo/crs';
import { MINUTE_MS } from './calendar';
import { REPEAT_ARRESTEE_RATE, SAMPLE_CRS, SECOND_ARRESTEE_RATE } from './constants';
import { permute, sortedOrder } from './order';
import type { PlaceModel } from './places';
import { createPlacement, houseNumberAtPoint, placeOnSegment } from './places';
import { SAMPLE_OFFENSES } from './profiles';
import type { ArrestTable, IncidentTable, StreetTable, StudyPeriod } from './types';

/** Arrest types, in stored-id order. */
export const ARREST_TYPES: readonly string[] = ['ON-VIEW', 'TAKEN INTO CUSTODY', 'SUMMONS/CITED'];
const CLEARED_BY_ARREST = 0;
const RESIDENTIAL = 2;

/** Generates the arrests table (sorted by arrest time) from the incidents. */
export function generateArrests(
  incidents: IncidentTable,
  streets: StreetTable,
  places: PlaceModel,
  period: StudyPeriod,
  rng: Rng,
): ArrestTable {
  const rows: number[] = []; // incident index per arrest
  for (let i = 0; i < incidents.count; i++) {
    if (incidents.disposition[i] !== CLEARED_BY_ARREST) continue;
    rows.push(i);
    if (rng.chance(SECOND_ARRESTEE_RATE)) rows.push(i);
  }
  const n = rows.length;
  const a = {
    incident: Uint32Array.from(rows),
    person: new Uint32Array(n),
    age: new Uint8Array(n),
    time: new Float64Array(n),
    type: new Uint8Array(n),
    offense: new Uint8Array(n),
    segment: new Uint32Array(n),
    houseNumber: new Int32Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
  };
  const birthYears: number[] = [];
  const lastYear = new Date(period.endMs).getUTCFullYear() - 1;
  const place = createPlacement();
  for (let k = 0; k < n; k++) {
    const i = rows[k] as number;
    const p = SAMPLE_OFFENSES[incidents.offense[i] as number]!;
    // Preferential repeat: a uniformly drawn earlier arrest belongs to a person with
    // probability proportional to that person's arrests so far.
    let person: number;
    if (k > 0 && rng.chance(REPEAT_ARRESTEE_RATE)) {
      person = a.person[rng.int(k)] as number;
    } else {
      birthYears.push(Math.min(lastYear - 15, Math.max(1945, Math.round(rng.normal(1992, 11)))));
      person = birthYears.length;
    }
    a.person[k] = person;
    const second = k > 0 && rows[k - 1] === i;
    const secondOffense = incidents.secondOffense[i] as number;
    a.offense[k] = second && secondOffense >= 0 ? secondOffense : (incidents.offense[i] as number);
    const time = p.onView
      ? (incidents.occurredFrom[i] as number) + (5 + rng.int(55)) * MINUTE_MS
      : (incidents.reported[i] as number) + Math.round(30 + rng.exponential(3 * 1440)) * MINUTE_MS;
    a.time[k] = time;
    a.age[k] = Math.max(10, new Date(time).getUTCFullYear() - (birthYears[person - 1] as number));
    a.type[k] = p.onView ? 0 : rng.chance(p.clearance[0] > 0.5 ? 0.2 : 0.3) ? 2 : 1;
    if (p.onView || rng.chance(0.5)) {
      const seg = incidents.segment[i] as number;
      a.segment[k] = seg;
      a.x[k] = incidents.x[i] as number;
      a.y[k] = incidents.y[i] as number;
    } else {
      // Picked up elsewhere, usually near home.
      placeOnSegment(streets, places.samplers[RESIDENTIAL]!.sample(rng), rng, place);
      a.segment[k] = place.segment;
      a.x[k] = place.x;
      a.y[k] = place.y;
    }
    a.houseNumber[k] = houseNumberAtPoint(streets, a.segment[k] as number, a.x[k] as number, a.y[k] as number);
  }

  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = Math.floor(((a.time[k] as number) - period.startMs) / MINUTE_MS);
  const order = sortedOrder(keys);
  const x = permute(a.x, order);
  const y = permute(a.y, order);
  const lon = Float64Array.from(x);
  const lat = Float64Array.from(y);
  createTransform(SAMPLE_CRS, 'EPSG:4326').inPlace(lon, lat);
  return {
    count: n,
    incident: permute(a.incident, order),
    person: permute(a.person, order),
    age: permute(a.age, order),
    time: permute(a.time, order),
    type: permute(a.type, order),
    types: ARREST_TYPES,
    offense: permute(a.offense, order),
    segment: permute(a.segment, order),
    houseNumber: permute(a.houseNumber, order),
    x,
    y,
    lon,
    lat,
  };
}
