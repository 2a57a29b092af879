/**
 * Offense profiles of the sample city: how often each NIBRS offense occurs, where (land use),
 * when (hour-of-day, day-of-week, summer peak), over what occurred window, how fast it is
 * reported, how it is cleared, and what call for service it comes from. Shapes follow the
 * routine-activity literature loosely: night robberies, evening/weekend assaults, daytime weekday
 * residential burglary, overnight theft from vehicles, business-hours fraud and shoplifting.
 */
import { getNibrsOffense } from '../ingest/nibrs';

/** 24 hourly weights starting at 00:00. */
const H = {
  night: [9, 9, 8, 6, 3, 2, 1.5, 1.5, 1.5, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4.5, 5.5, 6.5, 8, 9, 10, 10],
  evening: [6, 6, 5, 3, 2, 1.2, 1, 1.2, 1.5, 2, 2.5, 3, 3.5, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7, 7, 6.5],
  late: [9, 9, 8, 5, 2, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.7, 0.7, 0.7, 0.8, 1, 1.5, 2, 3, 4, 5.5, 7, 8.5],
  business: [0.5, 0.4, 0.3, 0.3, 0.3, 0.4, 0.8, 1.5, 3, 4.5, 5, 5, 5, 5, 5, 5, 4.5, 4, 3, 2.5, 2, 1.5, 1, 0.7],
  shop: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 2, 3, 4, 4.5, 5, 5.5, 6, 6.5, 6.8, 6.8, 6, 5, 4, 3, 1.5, 0.5],
  afternoon: [2, 1.5, 1, 0.8, 0.6, 0.6, 1, 2, 3, 3.5, 4, 4.5, 5, 5, 5, 5, 5, 5, 5, 4.5, 4, 3.5, 3, 2.5],
  flat: Array.from({ length: 24 }, () => 1),
} as const;

/** Day-of-week weights, Monday first. */
const D = {
  weekday: [1.2, 1.15, 1.15, 1.15, 1.1, 0.65, 0.6],
  weekend: [0.85, 0.8, 0.8, 0.85, 1.1, 1.35, 1.25],
  business: [1.25, 1.2, 1.2, 1.2, 1.15, 0.5, 0.5],
  retail: [0.95, 0.9, 0.9, 0.95, 1.05, 1.2, 1.05],
  flat: [1, 1, 1, 1, 1, 1, 1],
} as const;

/** Premise (NIBRS location type) mixes, as [name, weight]. */
const P = {
  home: [['RESIDENCE/HOME', 1]],
  res: [['RESIDENCE/HOME', 8], ['PARKING/DROP LOT/GARAGE', 1], ['HIGHWAY/ROAD/ALLEY/STREET/SIDEWALK', 1]],
  com: [['COMMERCIAL/OFFICE BUILDING', 3], ['DEPARTMENT/DISCOUNT STORE', 2], ['CONVENIENCE STORE', 2], ['RESTAURANT', 1.5], ['BAR/NIGHTCLUB', 1]],
  store: [['DEPARTMENT/DISCOUNT STORE', 5], ['GROCERY/SUPERMARKET', 3], ['CONVENIENCE STORE', 2], ['SPECIALTY STORE', 2]],
  street: [['HIGHWAY/ROAD/ALLEY/STREET/SIDEWALK', 6], ['PARKING/DROP LOT/GARAGE', 3], ['PARK/PLAYGROUND', 1]],
  vehicle: [['PARKING/DROP LOT/GARAGE', 5], ['HIGHWAY/ROAD/ALLEY/STREET/SIDEWALK', 3], ['RESIDENCE/HOME', 3]],
  nightlife: [['BAR/NIGHTCLUB', 3], ['RESTAURANT', 1], ['PARKING/DROP LOT/GARAGE', 2], ['HIGHWAY/ROAD/ALLEY/STREET/SIDEWALK', 2]],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;
type PremiseMix = (typeof P)[keyof typeof P];

/** Every premise name, in a fixed order (the index stored per incident). */
export const PREMISES: readonly string[] = [...new Set(Object.values(P).flatMap((m) => m.map((e) => e[0])))];

/** Occurred-window kinds: [exact, short, workday, overnight, multiday] probabilities. */
export type WindowMix = readonly [number, number, number, number, number];
export type ReportDelay = 'immediate' | 'soon' | 'later' | 'weeks';

/** How one place kind (general, commercial, residential) shapes an offense. */
export interface PlaceShape {
  readonly hours: readonly number[];
  readonly days: readonly number[];
  readonly windows: WindowMix;
  readonly premises: readonly (readonly [string, number])[];
}

export interface OffenseProfile {
  readonly code: string;
  readonly description: string;
  /** Relative frequency among primary incidents. */
  readonly weight: number;
  /** Probabilities of general / commercial / residential places. */
  readonly place: readonly [number, number, number];
  /** Shapes per place kind, indexed like PLACE_KINDS. */
  readonly shapes: readonly [PlaceShape, PlaceShape, PlaceShape];
  /** Amplitude of the summer peak (0.15 => +15% in mid-July, -15% in mid-January). */
  readonly season: number;
  readonly report: ReportDelay;
  /** Probabilities of clearance by arrest, by exception, and unfounded. */
  readonly clearance: readonly [number, number, number];
  readonly callType: string;
  readonly priority: number;
  /** Share of incidents that come from a call for service (the rest: walk-in or online reports). */
  readonly callRate: number;
  /** Officer-initiated (found on view): arrests at the scene, no dispatch delay. */
  readonly onView: boolean;
  /** Codes of plausible second offenses for two-row exports. */
  readonly companions: readonly string[];
}

const EXACT: WindowMix = [0.7, 0.3, 0, 0, 0];
const THEFT: WindowMix = [0.15, 0.3, 0.25, 0.2, 0.1];

interface Spec {
  w: number;
  place?: readonly [number, number, number];
  hours?: readonly number[];
  days?: readonly number[];
  win?: WindowMix;
  prem?: PremiseMix;
  com?: Partial<{ hours: readonly number[]; days: readonly number[]; win: WindowMix; prem: PremiseMix }>;
  season?: number;
  report?: ReportDelay;
  clear: readonly [number, number, number];
  call: string;
  pri: number;
  callRate?: number;
  onView?: boolean;
  comp?: readonly string[];
}

function profile(code: string, s: Spec): OffenseProfile {
  const entry = getNibrsOffense(code);
  if (!entry) throw new Error(`sample profile uses unknown NIBRS code ${code}`);
  const base: PlaceShape = { hours: s.hours ?? H.afternoon, days: s.days ?? D.flat, windows: s.win ?? EXACT, premises: s.prem ?? P.street };
  const com: PlaceShape = {
    hours: s.com?.hours ?? base.hours,
    days: s.com?.days ?? base.days,
    windows: s.com?.win ?? base.windows,
    premises: s.com?.prem ?? P.com,
  };
  const res: PlaceShape = { ...base, premises: s.prem ?? P.res };
  return {
    code,
    description: entry.description,
    weight: s.w,
    place: s.place ?? [1, 0, 0],
    shapes: [base, com, res],
    season: s.season ?? 0.1,
    report: s.report ?? 'immediate',
    clearance: s.clear,
    callType: s.call,
    priority: s.pri,
    callRate: s.callRate ?? 0.95,
    onView: s.onView ?? false,
    companions: s.comp ?? ['90Z'],
  };
}

/** The offenses the sample city generates, with their profiles. Index = stored offense id. */
export const SAMPLE_OFFENSES: readonly OffenseProfile[] = [
  profile('09A', { w: 0.0007, hours: H.night, days: D.weekend, place: [0.6, 0.1, 0.3], season: 0.15, clear: [0.55, 0.1, 0], call: 'SHOOTING/STABBING', pri: 1, comp: ['520'] }),
  profile('11A', { w: 0.005, hours: H.evening, days: D.weekend, place: [0.2, 0.1, 0.7], prem: P.res, report: 'later', clear: [0.15, 0.2, 0.05], call: 'SEXUAL ASSAULT', pri: 1, callRate: 0.8 }),
  profile('120', { w: 0.035, hours: H.night, days: D.flat, place: [0.6, 0.35, 0.05], season: 0.12, clear: [0.25, 0.03, 0.02], call: 'ROBBERY', pri: 1, comp: ['13A', '13B', '520'] }),
  profile('13A', { w: 0.05, hours: H.evening, days: D.weekend, place: [0.5, 0.2, 0.3], prem: P.res, com: { prem: P.nightlife }, season: 0.18, clear: [0.4, 0.1, 0.02], call: 'ASSAULT', pri: 1, comp: ['520', '13B', '290'] }),
  profile('13B', { w: 0.12, hours: H.evening, days: D.weekend, place: [0.35, 0.2, 0.45], prem: P.res, com: { prem: P.nightlife }, season: 0.15, clear: [0.35, 0.2, 0.03], call: 'DISTURBANCE', pri: 2, comp: ['13C', '290', '90C'] }),
  profile('13C', { w: 0.03, hours: H.afternoon, days: D.flat, place: [0.3, 0.2, 0.5], prem: P.res, report: 'soon', clear: [0.2, 0.15, 0.05], call: 'THREATS', pri: 3, callRate: 0.85 }),
  profile('200', { w: 0.003, hours: H.night, days: D.flat, place: [0.4, 0.3, 0.3], prem: P.res, report: 'soon', clear: [0.12, 0.02, 0.05], call: 'FIRE/ARSON', pri: 1 }),
  profile('220', {
    w: 0.075, place: [0, 0.3, 0.7], days: D.weekday, hours: H.business,
    win: [0.08, 0.12, 0.6, 0.12, 0.08], prem: P.home,
    com: { hours: H.night, days: D.flat, win: [0.05, 0.1, 0, 0.65, 0.2], prem: P.com },
    report: 'soon', clear: [0.1, 0.02, 0.02], call: 'BURGLARY', pri: 2, comp: ['23H', '290', '23D'],
  }),
  profile('23A', { w: 0.004, hours: H.shop, days: D.retail, place: [0.4, 0.6, 0], prem: P.street, com: { prem: P.store }, report: 'later', clear: [0.05, 0.01, 0.02], call: 'THEFT', pri: 3, callRate: 0.7 }),
  profile('23B', { w: 0.003, hours: H.afternoon, days: D.flat, place: [0.6, 0.4, 0], prem: P.street, clear: [0.1, 0.01, 0.02], call: 'ROBBERY', pri: 2 }),
  profile('23C', { w: 0.07, hours: H.shop, days: D.retail, place: [0, 1, 0], prem: P.store, com: { prem: P.store }, clear: [0.55, 0.1, 0.01], call: 'SHOPLIFTING', pri: 3, comp: ['280', '13B'] }),
  profile('23D', { w: 0.03, hours: H.business, days: D.business, place: [0.2, 0.6, 0.2], win: THEFT, report: 'later', clear: [0.07, 0.02, 0.02], call: 'THEFT', pri: 3, callRate: 0.75 }),
  profile('23F', {
    w: 0.1, hours: H.night, days: D.flat, place: [0.3, 0.3, 0.4], win: [0.05, 0.15, 0.15, 0.55, 0.1], prem: P.vehicle,
    com: { prem: P.vehicle }, season: 0.12, report: 'soon', clear: [0.04, 0.01, 0.02], call: 'VEHICLE BURGLARY', pri: 3, callRate: 0.8, comp: ['290', '23G'],
  }),
  profile('23G', { w: 0.02, hours: H.night, days: D.flat, place: [0.4, 0.2, 0.4], win: [0.05, 0.1, 0.2, 0.55, 0.1], prem: P.vehicle, report: 'soon', clear: [0.04, 0.01, 0.02], call: 'THEFT', pri: 3, callRate: 0.8 }),
  profile('23H', { w: 0.12, hours: H.afternoon, days: D.flat, place: [0.4, 0.3, 0.3], win: THEFT, report: 'later', clear: [0.07, 0.02, 0.03], call: 'THEFT', pri: 3, callRate: 0.75, comp: ['290', '280'] }),
  profile('240', { w: 0.05, hours: H.night, days: D.flat, place: [0.4, 0.2, 0.4], win: [0.05, 0.1, 0.2, 0.55, 0.1], prem: P.vehicle, com: { prem: P.vehicle }, report: 'soon', clear: [0.1, 0.02, 0.03], call: 'STOLEN VEHICLE', pri: 2, comp: ['280', '23F'] }),
  profile('250', { w: 0.01, hours: H.business, days: D.business, place: [0, 1, 0], report: 'later', clear: [0.2, 0.05, 0.05], call: 'FRAUD', pri: 4, callRate: 0.6 }),
  profile('26A', { w: 0.035, hours: H.business, days: D.business, place: [0.2, 0.3, 0.5], win: [0.1, 0.2, 0.3, 0, 0.4], prem: P.res, report: 'weeks', season: 0.03, clear: [0.05, 0.05, 0.05], call: 'FRAUD', pri: 4, callRate: 0.4, comp: ['26F', '250'] }),
  profile('26F', { w: 0.012, hours: H.business, days: D.business, place: [0, 0, 1], win: [0.1, 0.1, 0.2, 0, 0.6], prem: P.home, report: 'weeks', season: 0, clear: [0.02, 0.05, 0.05], call: 'FRAUD', pri: 4, callRate: 0.3 }),
  profile('270', { w: 0.004, hours: H.business, days: D.business, place: [0, 1, 0], win: [0.1, 0.1, 0.3, 0, 0.5], report: 'weeks', season: 0, clear: [0.3, 0.1, 0.05], call: 'FRAUD', pri: 4, callRate: 0.5 }),
  profile('280', { w: 0.006, hours: H.afternoon, days: D.flat, place: [0.7, 0.2, 0.1], clear: [0.8, 0.05, 0], call: 'SUSPICIOUS ACTIVITY', pri: 3, onView: true }),
  profile('290', { w: 0.09, hours: H.night, days: D.weekend, place: [0.4, 0.2, 0.4], win: [0.1, 0.15, 0.15, 0.5, 0.1], report: 'soon', clear: [0.06, 0.03, 0.03], call: 'VANDALISM', pri: 3, callRate: 0.85, comp: ['90J', '13C'] }),
  profile('35A', { w: 0.05, hours: H.late, days: D.weekend, place: [0.8, 0.1, 0.1], season: 0.05, clear: [0.9, 0.03, 0], call: 'DRUG ACTIVITY', pri: 3, onView: true, comp: ['35B', '520'] }),
  profile('35B', { w: 0.02, hours: H.late, days: D.weekend, place: [0.8, 0.1, 0.1], season: 0.05, clear: [0.88, 0.05, 0], call: 'DRUG ACTIVITY', pri: 3, onView: true, comp: ['35A'] }),
  profile('520', { w: 0.015, hours: H.night, days: D.weekend, place: [0.8, 0.1, 0.1], season: 0.15, clear: [0.85, 0.05, 0], call: 'WEAPONS', pri: 2, onView: true, comp: ['35A', '13A'] }),
  profile('370', { w: 0.001, hours: H.afternoon, days: D.flat, place: [0, 0, 1], prem: P.home, report: 'weeks', season: 0, clear: [0.3, 0.1, 0.05], call: 'SEX OFFENSE', pri: 4, callRate: 0.5 }),
  profile('39A', { w: 0.0005, hours: H.evening, days: D.weekend, place: [0.3, 0.7, 0], clear: [0.9, 0.05, 0], call: 'SUSPICIOUS ACTIVITY', pri: 4, onView: true }),
  profile('40A', { w: 0.003, hours: H.late, days: D.weekend, place: [1, 0, 0], clear: [0.95, 0, 0], call: 'VICE', pri: 4, onView: true }),
  profile('90C', { w: 0.015, hours: H.late, days: D.weekend, place: [0.4, 0.5, 0.1], com: { prem: P.nightlife }, season: 0.15, clear: [0.7, 0.1, 0.02], call: 'DISTURBANCE', pri: 2, onView: true }),
  profile('90D', { w: 0.02, hours: H.late, days: D.weekend, place: [1, 0, 0], season: 0.05, clear: [0.98, 0, 0], call: 'TRAFFIC STOP', pri: 3, onView: true, comp: ['90Z', '35A'] }),
  profile('90E', { w: 0.01, hours: H.late, days: D.weekend, place: [0.5, 0.5, 0], com: { prem: P.nightlife }, clear: [0.9, 0.05, 0], call: 'INTOXICATED PERSON', pri: 3, onView: true }),
  profile('90J', { w: 0.025, hours: H.afternoon, days: D.flat, place: [0.2, 0.5, 0.3], clear: [0.5, 0.15, 0.03], call: 'TRESPASS', pri: 3, comp: ['290'] }),
  profile('90Z', { w: 0.02, hours: H.afternoon, days: D.flat, place: [0.6, 0.2, 0.2], clear: [0.6, 0.1, 0.02], call: 'SUSPICIOUS ACTIVITY', pri: 3, comp: ['90C', '290'] }),
];

/** Offense id of a NIBRS code in {@link SAMPLE_OFFENSES}, or -1. */
export function sampleOffenseIndex(code: string): number {
  return SAMPLE_OFFENSES.findIndex((p) => p.code === code);
}

/** Incident dispositions, in the order their ids are stored. */
export const DISPOSITIONS: readonly string[] = ['CLEARED BY ARREST', 'CLEARED BY EXCEPTION', 'UNFOUNDED', 'OPEN', 'INACTIVE'];
