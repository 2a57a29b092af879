/**
 * Shapes of the generated sample city. Everything is columnar (typed arrays plus small string
 * tables) so that a million incidents cost tens of megabytes, not a million objects.
 * Coordinates `x`, `y` are EPSG:2276 US survey feet; `lon`, `lat` are WGS84 degrees.
 * Times are epoch milliseconds of LOCAL wall-clock time encoded as if UTC (read them with the
 * getUTC* methods): RMS exports carry no time zone, and DST must not shift an hour-of-day profile.
 */
import type { GroundTruth } from './ground-truth';

/** Options of {@link generateSampleCity}; every field has a default. */
export interface SampleOptions {
  /** Seed of every random draw (default 20240601). Same seed + options => same bytes. */
  seed?: number;
  /** Number of distinct incidents (default 60,000); duplicate offense rows come on top. */
  incidents?: number;
  /** Length of the study period in whole years (default 3). */
  years?: number;
  /** First calendar year of the study period (default 2022); it starts on January 1. */
  startYear?: number;
}

export type RoadClass = 'local' | 'collector' | 'arterial';
export const ROAD_CLASSES: readonly RoadClass[] = ['local', 'collector', 'arterial'];

/** Street centreline segments, one per block face pair (intersection to intersection). */
export interface StreetTable {
  readonly count: number;
  /** Segment id = index + 1 (ids are 1-based in exports). */
  readonly x0: Float64Array;
  readonly y0: Float64Array;
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  /** Index into `names` of the full street name with direction prefix ("W ELM ST"). */
  readonly nameIndex: Uint16Array;
  readonly names: readonly string[];
  /** Index into {@link ROAD_CLASSES}. */
  readonly roadClass: Uint8Array;
  /** Hundred block of the segment (100, 200, ...): addresses run from `hundred` to `hundred + 99`. */
  readonly hundred: Int32Array;
  /** Address ranges: odd numbers on the left, even on the right, digitized in increasing order. */
  readonly fromLeft: Int32Array;
  readonly toLeft: Int32Array;
  readonly fromRight: Int32Array;
  readonly toRight: Int32Array;
}

/** Polygons (beats or districts); each ring is closed and flat: [x0, y0, x1, y1, ..., x0, y0]. */
export interface AreaTable {
  readonly count: number;
  readonly codes: readonly string[];
  readonly names: readonly string[];
  readonly rings: readonly Float64Array[];
  readonly ringsLonLat: readonly Float64Array[];
  /** For beats: index of the district that contains the beat. */
  readonly parent: Uint8Array;
}

/** Incidents (one per case), sorted by reported time; case numbers follow that order. */
export interface IncidentTable {
  readonly count: number;
  /** Index into {@link SAMPLE_OFFENSES} (the generator's offense profiles). */
  readonly offense: Uint8Array;
  /** Second offense for incidents exported on two rows, else -1. */
  readonly secondOffense: Int16Array;
  readonly segment: Uint32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly occurredFrom: Float64Array;
  /** Equal to occurredFrom for exact times (exported as an empty cell). */
  readonly occurredTo: Float64Array;
  readonly reported: Float64Array;
  readonly beat: Uint8Array;
  readonly district: Uint8Array;
  /** Index into `premises`. */
  readonly premise: Uint8Array;
  readonly premises: readonly string[];
  /** Index into `dispositions`. */
  readonly disposition: Uint8Array;
  readonly dispositions: readonly string[];
  /** Case number = `${caseYear}-${caseSeq padded to 7}`. */
  readonly caseYear: Uint16Array;
  readonly caseSeq: Uint32Array;
  /** 0 none, 1 started a near-repeat chain, 2 a follow-on of a chain. */
  readonly nearRepeat: Uint8Array;
  /** Export messiness flags, see messiness.ts. */
  readonly mess: Uint8Array;
}

/** Calls for service, sorted by received time. */
export interface CallTable {
  readonly count: number;
  /** Received time, epoch ms (local wall clock, second resolution). */
  readonly received: Float64Array;
  /** Seconds after `received`; -1 when the step never happened (cancelled call). */
  readonly dispatchedAfter: Int32Array;
  readonly arrivedAfter: Int32Array;
  readonly clearedAfter: Int32Array;
  /** Index into `types`. */
  readonly type: Uint8Array;
  readonly types: readonly string[];
  /** 1 (emergency) to 4. */
  readonly priority: Uint8Array;
  readonly disposition: Uint8Array;
  readonly dispositions: readonly string[];
  readonly segment: Uint32Array;
  readonly houseNumber: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly beat: Uint8Array;
  /** Index of the incident this call produced, or -1. */
  readonly incident: Int32Array;
  /** Call number = `C${yy}-${seq padded to 7}`. */
  readonly seq: Uint32Array;
}

/** Arrests (one row per arrestee per case), sorted by arrest time. */
export interface ArrestTable {
  readonly count: number;
  readonly incident: Uint32Array;
  /** Synthetic person number (P000001...): people repeat, names never exist. */
  readonly person: Uint32Array;
  readonly age: Uint8Array;
  readonly time: Float64Array;
  /** Index into `types`. */
  readonly type: Uint8Array;
  readonly types: readonly string[];
  readonly offense: Uint8Array;
  readonly segment: Uint32Array;
  readonly houseNumber: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
}

/** The study period: [startMs, endMs), whole days. */
export interface StudyPeriod {
  readonly startMs: number;
  readonly endMs: number;
  readonly days: number;
  /** Start of the planted intervention (first day of the middle month). */
  readonly interventionMs: number;
}

/** A generated city. See {@link generateSampleCity}. */
export interface SampleCity {
  readonly options: Required<SampleOptions>;
  readonly crs: 'EPSG:2276';
  readonly name: string;
  readonly period: StudyPeriod;
  readonly hq: { readonly x: number; readonly y: number; readonly lon: number; readonly lat: number; readonly address: string };
  readonly streets: StreetTable;
  readonly beats: AreaTable;
  readonly districts: AreaTable;
  readonly incidents: IncidentTable;
  readonly calls: CallTable;
  readonly arrests: ArrestTable;
  readonly groundTruth: GroundTruth;
}
