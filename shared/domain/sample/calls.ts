/**
 * Calls for service (CAD) of the sample city. Most incidents come from a call (received when the
 * incident was reported, carrying its case number); officer-initiated activity (drugs, DUI, ...)
 * appears as self-initiated calls with no dispatch delay; and UNLINKED_CALLS_PER_INCIDENT calls
 * per incident end without a report (alarms, traffic, welfare checks, ...), as in real CAD data.
 */
import type { Rng } from '../../base/random';
import { createAliasSampler } from '../../base/random';
import type { CityAreas } from './areas';
import { beatAt } from './areas';
import { YearCounter } from './calendar';
import { UNLINKED_CALLS_PER_INCIDENT } from './constants';
import { sortedOrder } from './order';
import type { PlaceModel } from './places';
import { createPlacement, houseNumberAtPoint, placeOnSegment } from './places';
import { SAMPLE_OFFENSES } from './profiles';
import { TimingModel } from './timing';
import type { CallTable, IncidentTable, StreetTable, StudyPeriod } from './types';

/** Calls that end without a report: [type, weight, priority, place kind (0 general, 1 commercial, 2 residential)]. */
const UNLINKED: readonly (readonly [string, number, number, number])[] = [
  ['SUSPICIOUS ACTIVITY', 14, 3, 0],
  ['ALARM', 12, 2, 1],
  ['TRAFFIC STOP', 14, 4, 0],
  ['DISTURBANCE', 10, 2, 2],
  ['WELFARE CHECK', 7, 2, 2],
  ['TRAFFIC ACCIDENT', 8, 2, 0],
  ['NOISE COMPLAINT', 6, 4, 2],
  ['911 HANGUP', 6, 2, 2],
  ['THEFT', 4, 3, 1],
  ['PARKING VIOLATION', 4, 4, 1],
  ['ANIMAL CALL', 3, 4, 2],
  ['ASSIST OTHER AGENCY', 3, 3, 0],
  ['FOLLOW UP', 3, 4, 0],
  ['ASSAULT', 2, 1, 2],
  ['MISSING PERSON', 1, 2, 2],
];
const UNLINKED_DISPOSITIONS = ['ADVISED', 'GONE ON ARRIVAL', 'UNFOUNDED', 'ASSISTED', 'CITATION ISSUED', 'WARNING', 'FALSE ALARM', 'CANCELLED'];
/** Dispositions, in stored-id order. */
export const CALL_DISPOSITIONS: readonly string[] = ['REPORT TAKEN', 'ARREST MADE', ...UNLINKED_DISPOSITIONS];
const CANCELLED = CALL_DISPOSITIONS.indexOf('CANCELLED');
const FALSE_ALARM = CALL_DISPOSITIONS.indexOf('FALSE ALARM');
/** Hourly call volume (all call types). */
const CALL_HOURS = [3, 2.5, 2, 1.5, 1.2, 1.2, 1.8, 3, 4, 4.5, 5, 5, 5.2, 5.2, 5.3, 5.6, 6, 6.2, 6.2, 6, 5.5, 5, 4.5, 3.8];

const QUEUE_MIN_S = [20, 30, 60, 60];
const QUEUE_MEAN_S = [60, 180, 600, 1200];

/** Writes seconds from received to dispatch, arrival and clearance of call k, by priority. */
function drawResponse(c: CallColumns, k: number, priority: number, selfInitiated: boolean, onSceneMean: number, rng: Rng): void {
  const queue = selfInitiated ? 0 : Math.round((QUEUE_MIN_S[priority - 1] ?? 60) + rng.exponential(QUEUE_MEAN_S[priority - 1] ?? 600));
  const travel = selfInitiated ? 0 : Math.round((priority === 1 ? 60 : 90) + rng.exponential(priority === 1 ? 240 : 420));
  c.dispatchedAfter[k] = queue;
  c.arrivedAfter[k] = queue + travel;
  c.clearedAfter[k] = queue + travel + Math.round(120 + rng.exponential(onSceneMean));
}

interface CallColumns {
  dispatchedAfter: Int32Array;
  arrivedAfter: Int32Array;
  clearedAfter: Int32Array;
}

/** Generates the calls table (sorted by received time) from the incidents. */
export function generateCalls(
  incidents: IncidentTable,
  streets: StreetTable,
  areas: CityAreas,
  places: PlaceModel,
  period: StudyPeriod,
  rng: Rng,
): CallTable {
  const types = [...new Set([...SAMPLE_OFFENSES.map((p) => p.callType), ...UNLINKED.map((u) => u[0])])];
  const typeId = new Map(types.map((t, i) => [t, i]));
  // Phase 1: received times only (linked calls follow their incident's report), then sort.
  const linked: number[] = [];
  for (let i = 0; i < incidents.count; i++) {
    if (rng.chance(SAMPLE_OFFENSES[incidents.offense[i] as number]!.callRate)) linked.push(i);
  }
  const unlinked = Math.round(incidents.count * UNLINKED_CALLS_PER_INCIDENT);
  const n = linked.length + unlinked;
  const timing = new TimingModel(period);
  const daySampler = timing.daySampler([1, 1, 1, 1, 1.05, 1.1, 1], 0.08);
  const hourSampler = createAliasSampler(CALL_HOURS);
  const keys = new Float64Array(n); // seconds after the period start
  linked.forEach((i, k) => {
    keys[k] = Math.floor(((incidents.reported[i] as number) - period.startMs) / 1000) + rng.int(60);
  });
  for (let k = linked.length; k < n; k++) {
    keys[k] = daySampler.sample(rng) * 86_400 + hourSampler.sample(rng) * 3600 + rng.int(3600);
  }
  const order = sortedOrder(keys);

  // Phase 2: everything else, drawn in time order (no permutation of a dozen columns).
  const c = {
    received: new Float64Array(n),
    dispatchedAfter: new Int32Array(n),
    arrivedAfter: new Int32Array(n),
    clearedAfter: new Int32Array(n),
    type: new Uint8Array(n),
    priority: new Uint8Array(n),
    disposition: new Uint8Array(n),
    segment: new Uint32Array(n),
    houseNumber: new Int32Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    beat: new Uint8Array(n),
    incident: new Int32Array(n),
  };
  const typeSampler = createAliasSampler(UNLINKED.map((u) => u[1]));
  const place = createPlacement();
  for (let k = 0; k < n; k++) {
    const src = order[k] as number;
    c.received[k] = period.startMs + (keys[src] as number) * 1000;
    if (src < linked.length) {
      const i = linked[src] as number;
      const p = SAMPLE_OFFENSES[incidents.offense[i] as number]!;
      const seg = incidents.segment[i] as number;
      c.type[k] = typeId.get(p.callType) ?? 0;
      c.priority[k] = p.priority;
      c.disposition[k] = p.onView && incidents.disposition[i] === 0 ? 1 : 0;
      c.segment[k] = seg;
      c.x[k] = incidents.x[i] as number;
      c.y[k] = incidents.y[i] as number;
      c.houseNumber[k] = houseNumberAtPoint(streets, seg, c.x[k] as number, c.y[k] as number);
      c.beat[k] = incidents.beat[i] as number;
      c.incident[k] = i;
      drawResponse(c, k, p.priority, p.onView, 2400, rng);
      continue;
    }
    const [name, , priority, kind] = UNLINKED[typeSampler.sample(rng)]!;
    placeOnSegment(streets, places.samplers[kind]!.sample(rng), rng, place);
    c.type[k] = typeId.get(name) ?? 0;
    c.priority[k] = priority;
    c.segment[k] = place.segment;
    c.x[k] = place.x;
    c.y[k] = place.y;
    c.houseNumber[k] = houseNumberAtPoint(streets, place.segment, place.x, place.y);
    c.beat[k] = Math.max(0, beatAt(areas, place.x, place.y));
    c.incident[k] = -1;
    const selfInitiated = name === 'TRAFFIC STOP';
    if (!selfInitiated && rng.chance(0.05)) {
      c.disposition[k] = CANCELLED;
      c.dispatchedAfter[k] = -1;
      c.arrivedAfter[k] = -1;
      c.clearedAfter[k] = Math.round(60 + rng.exponential(300));
      continue;
    }
    c.disposition[k] = name === 'ALARM' && rng.chance(0.9) ? FALSE_ALARM : 2 + rng.int(UNLINKED_DISPOSITIONS.length - 2);
    drawResponse(c, k, priority, selfInitiated, 900, rng);
  }

  const seq = new Uint32Array(n);
  const years = new YearCounter();
  for (let k = 0; k < n; k++) seq[k] = years.next(c.received[k] as number);
  return { count: n, ...c, types, dispositions: CALL_DISPOSITIONS, seq };
}
