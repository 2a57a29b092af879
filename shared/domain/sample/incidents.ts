/**
 * Generates the sample city's incidents as columns. Each primary incident draws an offense, a
 * kind of place, a segment (concentrated: places.ts), a day (weekday x season), an occurred
 * window and a reporting delay; the planted intervention thins candidates by location and date;
 * residential burglaries seed near-repeat chains. Incidents are then sorted by reported time and
 * numbered per reporting year ("2023-0012345").
 */
import type { AliasSampler, Rng } from '../../base/random';
import { createAliasSampler } from '../../base/random';
import { createTransform } from '../geo/crs';
import type { CityAreas } from './areas';
import { beatAt } from './areas';
import { DAY_MS, YearCounter } from './calendar';
import {
  NEAR_REPEAT_CHAIN_RATE,
  NEAR_REPEAT_DAYS,
  NEAR_REPEAT_DISTANCE_FT,
  NEAR_REPEAT_EXTRA_MEAN,
  SAMPLE_CRS,
} from './constants';
import type { InterventionArea } from './intervention';
import { classifyPoint, interventionMultiplier, MAX_MULTIPLIER } from './intervention';
import type { PlaceModel } from './places';
import { createPlacement, placeNear, placeOnSegment } from './places';
import { DISPOSITIONS, PREMISES, SAMPLE_OFFENSES, sampleOffenseIndex } from './profiles';
import type { PlaceShape } from './profiles';
import { permute, sortedOrder } from './order';
import { drawReportDelayMs, TimingModel } from './timing';
import type { IncidentTable, StreetTable, StudyPeriod } from './types';

/** Near-repeat bookkeeping for the ground truth. */
export interface NearRepeatStats {
  readonly chains: number;
  readonly followOns: number;
}

/** Everything the incident generator needs from the rest of the city. */
export interface IncidentContext {
  readonly streets: StreetTable;
  readonly areas: CityAreas;
  readonly places: PlaceModel;
  readonly interventionAreas: readonly InterventionArea[];
  readonly period: StudyPeriod;
}

const BURGLARY = sampleOffenseIndex('220');
const RESIDENTIAL = 2;
const PREMISE_INDEX = new Map(PREMISES.map((p, i) => [p, i]));
const PREMISE_MIXES = new Map<PlaceShape, { weights: number[]; ids: number[] }>();

/** A shape's premise weights and premise ids, cached (draws happen per incident). */
function premiseMix(shape: PlaceShape): { weights: number[]; ids: number[] } {
  let m = PREMISE_MIXES.get(shape);
  if (!m) {
    m = { weights: shape.premises.map((e) => e[1]), ids: shape.premises.map((e) => PREMISE_INDEX.get(e[0]) ?? 0) };
    PREMISE_MIXES.set(shape, m);
  }
  return m;
}

/**
 * Generates exactly `count` incidents (0 allowed). Deterministic for a given `rng` state.
 * Memory: about 90 bytes per incident, in typed arrays.
 */
export function generateIncidents(ctx: IncidentContext, count: number, rng: Rng): { table: IncidentTable; nearRepeat: NearRepeatStats } {
  const { streets, places, interventionAreas, period } = ctx;
  const timing = new TimingModel(period);
  const offenseSampler = createAliasSampler(SAMPLE_OFFENSES.map((p) => p.weight));
  const daySamplers: AliasSampler[][] = SAMPLE_OFFENSES.map((p) => p.shapes.map((s) => timing.daySampler(s.days, p.season)));

  const g = {
    offense: new Uint8Array(count),
    segment: new Uint32Array(count),
    x: new Float64Array(count),
    y: new Float64Array(count),
    from: new Float64Array(count),
    to: new Float64Array(count),
    reported: new Float64Array(count),
    premise: new Uint8Array(count),
    nearRepeat: new Uint8Array(count),
  };
  const place = createPlacement();
  const win = new Float64Array(2);
  let n = 0;
  let chains = 0;
  let followOns = 0;

  /** Thins by the intervention and stores the candidate; returns whether it was kept. */
  const keep = (o: number, shape: PlaceShape, report: number): boolean => {
    const cls = classifyPoint(interventionAreas, place.x, place.y);
    const m = interventionMultiplier(cls, win[0] as number, period.interventionMs);
    if (m < MAX_MULTIPLIER && rng.next() * MAX_MULTIPLIER >= m) return false;
    g.offense[n] = o;
    g.segment[n] = place.segment;
    g.x[n] = place.x;
    g.y[n] = place.y;
    g.from[n] = win[0] as number;
    g.to[n] = win[1] as number;
    g.reported[n] = (win[1] as number) + report;
    const pm = premiseMix(shape);
    g.premise[n] = pm.ids[rng.pickWeighted(pm.weights)] ?? 0;
    n++;
    return true;
  };

  while (n < count) {
    const o = offenseSampler.sample(rng);
    const profile = SAMPLE_OFFENSES[o]!;
    const kind = rng.pickWeighted(profile.place);
    const shape = profile.shapes[kind as 0 | 1 | 2];
    placeOnSegment(streets, places.samplers[kind]!.sample(rng), rng, place);
    const day = daySamplers[o]![kind]!.sample(rng);
    timing.drawWindow(shape, day, rng, win);
    if (!keep(o, shape, drawReportDelayMs(profile.report, rng))) continue;

    if (o === BURGLARY && kind === RESIDENTIAL && rng.chance(NEAR_REPEAT_CHAIN_RATE)) {
      const origin = n - 1;
      const ox = place.x;
      const oy = place.y;
      const oseg = place.segment;
      const followers = 1 + rng.poisson(NEAR_REPEAT_EXTRA_MEAN);
      let kept = 0;
      for (let f = 0; f < followers && n < count; f++) {
        const fday = day + 1 + rng.int(NEAR_REPEAT_DAYS - 1);
        if (fday >= period.days) continue;
        placeNear(streets, ox, oy, NEAR_REPEAT_DISTANCE_FT, oseg, rng, place);
        timing.drawWindow(shape, fday, rng, win);
        if (keep(o, shape, drawReportDelayMs(profile.report, rng))) {
          g.nearRepeat[n - 1] = 2;
          kept++;
        }
      }
      if (kept > 0) {
        g.nearRepeat[origin] = 1;
        chains++;
        followOns += kept;
      }
    }
  }

  return { table: finish(g, ctx, count, rng), nearRepeat: { chains, followOns } };
}

/** Sorts by reported time, assigns case numbers, beats, dispositions and lon/lat. */
function finish(
  g: { offense: Uint8Array; segment: Uint32Array; x: Float64Array; y: Float64Array; from: Float64Array; to: Float64Array; reported: Float64Array; premise: Uint8Array; nearRepeat: Uint8Array },
  ctx: IncidentContext,
  count: number,
  rng: Rng,
): IncidentTable {
  const { period, areas } = ctx;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = Math.floor(((g.reported[i] as number) - period.startMs) / 60_000);
  const order = sortedOrder(keys);
  const t = {
    offense: permute(g.offense, order),
    segment: permute(g.segment, order),
    x: permute(g.x, order),
    y: permute(g.y, order),
    occurredFrom: permute(g.from, order),
    occurredTo: permute(g.to, order),
    reported: permute(g.reported, order),
    premise: permute(g.premise, order),
    nearRepeat: permute(g.nearRepeat, order),
  };

  const beat = new Uint8Array(count);
  const district = new Uint8Array(count);
  const disposition = new Uint8Array(count);
  const caseYear = new Uint16Array(count);
  const caseSeq = new Uint32Array(count);
  const openAfter = period.endMs - 90 * DAY_MS;
  const years = new YearCounter();
  for (let i = 0; i < count; i++) {
    const b = beatAt(areas, t.x[i] as number, t.y[i] as number);
    if (b < 0) throw new Error(`sample incident ${i} fell outside the city at (${t.x[i]}, ${t.y[i]})`);
    beat[i] = b;
    district[i] = areas.beats.parent[b] as number;
    const reported = t.reported[i] as number;
    caseSeq[i] = years.next(reported);
    caseYear[i] = years.year;
    const c = SAMPLE_OFFENSES[t.offense[i] as number]!.clearance;
    const pick = rng.pickWeighted([c[0], c[1], c[2], Math.max(0, 1 - c[0] - c[1] - c[2])]);
    disposition[i] = pick < 3 ? pick : reported >= openAfter || rng.chance(0.2) ? 3 : 4;
  }

  const lon = Float64Array.from(t.x);
  const lat = Float64Array.from(t.y);
  createTransform(SAMPLE_CRS, 'EPSG:4326').inPlace(lon, lat);

  return {
    count,
    ...t,
    lon,
    lat,
    beat,
    district,
    premises: PREMISES,
    disposition,
    dispositions: DISPOSITIONS,
    caseYear,
    caseSeq,
    secondOffense: new Int16Array(count).fill(-1),
    mess: new Uint8Array(count),
  };
}
