/**
 * The ground truth of a generated city, written as ground_truth.json next to the export so that
 * evaluation features (WDD, RES, concentration, near repeat, data-quality checks) can be checked
 * against what was planted. Counts use each incident's TRUE location and Occurred From time;
 * `geocoded` counts leave out incidents whose exported coordinates are missing, zero or the HQ
 * default (swapped lat/lon rows keep correct X/Y, so they stay in).
 */
import { createTransform } from '../geo/crs';
import { DAY_MS } from './calendar';
import {
  AREA_POLYGON_VERTICES,
  BUFFER_DISTANCE_FT,
  DISPLACEMENT_RISE,
  NEAR_REPEAT_CHAIN_RATE,
  NEAR_REPEAT_DAYS,
  NEAR_REPEAT_DISTANCE_FT,
  SAMPLE_AGENCY,
  SAMPLE_CITY_NAME,
  SAMPLE_CRS,
  TARGET_DROP,
  TARGET_RADIUS_FT,
} from './constants';
import type { NearRepeatStats } from './incidents';
import type { InterventionArea } from './intervention';
import { classifyPoint } from './intervention';
import type { MessinessReport } from './messiness';
import { COORD_OK, COORD_SWAPPED, coordIssueOf } from './messiness';
import { blockAddress } from './streets';
import type { IncidentTable, SampleOptions, StreetTable, StudyPeriod } from './types';

export interface PrePost {
  pre: number;
  post: number;
}

export interface GroundTruthArea {
  id: string;
  segmentId: number;
  block: string;
  center: { x: number; y: number; lon: number; lat: number };
  /** Closed exterior ring, EPSG:2276 feet. */
  polygon2276: number[][];
  /** Same ring in lon/lat (RFC 7946 order). */
  polygonLonLat: number[][];
  /** Displacement ring: [outer ring, hole = target ring], feet and lon/lat. */
  bufferPolygon2276: number[][][];
  bufferPolygonLonLat: number[][][];
  counts: { target: PrePost; buffer: PrePost };
  geocoded: { target: PrePost; buffer: PrePost };
}

export interface GroundTruth {
  generator: string;
  formatVersion: 1;
  city: string;
  agency: string;
  crs: 'EPSG:2276';
  options: Required<SampleOptions>;
  period: { start: string; endExclusive: string; days: number };
  hq: { address: string; x: number; y: number; lon: number; lat: number };
  counts: Record<string, number>;
  intervention: {
    startDate: string;
    targetDrop: number;
    displacementRise: number;
    targetRadiusFt: number;
    bufferDistanceFt: number;
    polygonVertices: number;
    rule: string;
    preMonths: number;
    postMonths: number;
    areas: GroundTruthArea[];
    totals: { targets: PrePost; buffers: PrePost; rest: PrePost };
    monthly: { months: string[]; targets: number[]; buffers: number[]; rest: number[] };
  };
  nearRepeat: { distanceFt: number; days: number; chainRate: number; chains: number; followOns: number };
  concentration: { segments: number; segmentsWithIncidents: number; top5PercentShare: number; percentOfSegmentsFor50Percent: number };
  messiness: MessinessReport;
}

const round = (v: number, d: number): number => Number(v.toFixed(d));
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function ringPoints(ring: Float64Array): { feet: number[][]; lonLat: number[][] } {
  const n = ring.length / 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = ring[2 * i] as number;
    ys[i] = ring[2 * i + 1] as number;
  }
  const feet = Array.from(xs, (x, i) => [x, ys[i] as number]);
  createTransform(SAMPLE_CRS, 'EPSG:4326').inPlace(xs, ys);
  return { feet, lonLat: Array.from(xs, (x, i) => [round(x, 7), round(ys[i] as number, 7)]) };
}

function monthIndex(ms: number, startMs: number): number {
  const a = new Date(startMs);
  const b = new Date(ms);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/** Assembles the ground truth; O(incidents). */
export function buildGroundTruth(args: {
  options: Required<SampleOptions>;
  period: StudyPeriod;
  hq: { address: string; x: number; y: number; lon: number; lat: number };
  streets: StreetTable;
  incidents: IncidentTable;
  areas: readonly InterventionArea[];
  nearRepeat: NearRepeatStats;
  messiness: MessinessReport;
  counts: Record<string, number>;
}): GroundTruth {
  const { period, incidents, areas, streets } = args;
  const months = monthIndex(period.endMs, period.startMs);
  const startMonth = monthIndex(period.interventionMs, period.startMs);
  const zero = (): PrePost => ({ pre: 0, post: 0 });
  const per = areas.map(() => ({ target: zero(), buffer: zero(), gTarget: zero(), gBuffer: zero() }));
  const totals = { targets: zero(), buffers: zero(), rest: zero() };
  const monthly = { targets: new Array<number>(months).fill(0), buffers: new Array<number>(months).fill(0), rest: new Array<number>(months).fill(0) };
  const segCounts = new Uint32Array(streets.count);
  // Month of each day of the period (and a little past it: windows may start on the last evening).
  const monthOfDay = new Uint16Array(Math.ceil((period.endMs - period.startMs) / DAY_MS) + 2);
  for (let d = 0; d < monthOfDay.length; d++) monthOfDay[d] = Math.min(months - 1, monthIndex(period.startMs + d * DAY_MS, period.startMs));

  for (let i = 0; i < incidents.count; i++) {
    const seg = incidents.segment[i] as number;
    segCounts[seg] = (segCounts[seg] as number) + 1;
    const from = incidents.occurredFrom[i] as number;
    const key: keyof PrePost = from < period.interventionMs ? 'pre' : 'post';
    const cls = classifyPoint(areas, incidents.x[i] as number, incidents.y[i] as number);
    const m = monthOfDay[Math.min(monthOfDay.length - 1, Math.max(0, Math.floor((from - period.startMs) / DAY_MS)))] as number;
    const issue = coordIssueOf(incidents.mess[i] as number);
    const geocoded = issue === COORD_OK || issue === COORD_SWAPPED;
    if (cls > 0) {
      const a = per[cls - 1]!;
      a.target[key]++;
      if (geocoded) a.gTarget[key]++;
      totals.targets[key]++;
      monthly.targets[m]!++;
    } else if (cls < 0) {
      const a = per[-cls - 1]!;
      a.buffer[key]++;
      if (geocoded) a.gBuffer[key]++;
      totals.buffers[key]++;
      monthly.buffers[m]!++;
    } else {
      totals.rest[key]++;
      monthly.rest[m]!++;
    }
  }

  const sorted = Array.from(segCounts).sort((a, b) => b - a);
  const top = Math.ceil(0.05 * sorted.length);
  let topSum = 0;
  for (let k = 0; k < top; k++) topSum += sorted[k] ?? 0;
  let cum = 0;
  let k50 = 0;
  while (k50 < sorted.length && cum < 0.5 * incidents.count) cum += sorted[k50++] ?? 0;

  const start = new Date(period.startMs);
  const monthNames = Array.from({ length: months }, (_, m) => isoDate(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1)).slice(0, 7));
  const toLonLat = createTransform(SAMPLE_CRS, 'EPSG:4326');

  return {
    generator: 'SPI Workbench sample city generator',
    formatVersion: 1,
    city: SAMPLE_CITY_NAME,
    agency: SAMPLE_AGENCY,
    crs: SAMPLE_CRS,
    options: args.options,
    period: { start: isoDate(period.startMs), endExclusive: isoDate(period.endMs), days: Math.round((period.endMs - period.startMs) / DAY_MS) },
    hq: args.hq,
    counts: args.counts,
    intervention: {
      startDate: isoDate(period.interventionMs),
      targetDrop: TARGET_DROP,
      displacementRise: DISPLACEMENT_RISE,
      targetRadiusFt: TARGET_RADIUS_FT,
      bufferDistanceFt: BUFFER_DISTANCE_FT,
      polygonVertices: AREA_POLYGON_VERTICES,
      rule:
        'Each incident counts once (by case number) at its true location; pre = Occurred From before startDate, post = on or after it. ' +
        'Targets are the polygons; buffers are the rings between each target polygon and a polygon BUFFER_DISTANCE_FT wider. ' +
        'After startDate, incident intensity was multiplied by (1 - targetDrop) in targets and (1 + displacementRise) in buffers.',
      preMonths: startMonth,
      postMonths: months - startMonth,
      areas: areas.map((a, k) => {
        const t = ringPoints(a.target);
        const o = ringPoints(a.outer);
        const [lon, lat] = toLonLat(a.cx, a.cy);
        const c = per[k]!;
        return {
          id: a.id,
          segmentId: a.segment + 1,
          block: blockAddress(streets, a.segment),
          center: { x: a.cx, y: a.cy, lon: round(lon, 7), lat: round(lat, 7) },
          polygon2276: t.feet,
          polygonLonLat: t.lonLat,
          bufferPolygon2276: [o.feet, [...t.feet].reverse()],
          bufferPolygonLonLat: [o.lonLat, [...t.lonLat].reverse()],
          counts: { target: c.target, buffer: c.buffer },
          geocoded: { target: c.gTarget, buffer: c.gBuffer },
        };
      }),
      totals,
      monthly: { months: monthNames, ...monthly },
    },
    nearRepeat: {
      distanceFt: NEAR_REPEAT_DISTANCE_FT,
      days: NEAR_REPEAT_DAYS,
      chainRate: NEAR_REPEAT_CHAIN_RATE,
      chains: args.nearRepeat.chains,
      followOns: args.nearRepeat.followOns,
    },
    concentration: {
      segments: sorted.length,
      segmentsWithIncidents: sorted.filter((c) => c > 0).length,
      top5PercentShare: incidents.count > 0 ? round(topSum / incidents.count, 4) : 0,
      percentOfSegmentsFor50Percent: round((100 * k50) / sorted.length, 2),
    },
    messiness: args.messiness,
  };
}
