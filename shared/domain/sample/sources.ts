/**
 * The sample city's sources beyond the RMS export: field interviews, probation/parole
 * supervision, hospital violent-injury records and facility points, generated from a city with
 * their own derived seeds (so the incidents, calls and arrests are untouched), plus the ground
 * truth of how records of different sources belong together: which call and which arrest belong
 * to which case, which hospital record is which reported assault, and who each person really is.
 */
import { createRng, deriveSeed } from '../../base/random';
import { buildAreas, beatAt } from './areas';
import { YearCounter } from './calendar';
import { caseNumberOf } from './csv';
import { generateFacilities, generateHospitalRecords, HOSPITAL_BLOCK_RATE, PATIENT_ARRESTEE_RATE, UNREPORTED_INJURY_RATE, type FacilityTable, type HospitalTable } from './place-sources';
import {
  arrestedPeople,
  FI_ID_TYPO_RATE,
  FI_ID_VARIANT_RATE,
  FI_KNOWN_PERSON_RATE,
  FI_PER_INCIDENT,
  generateFieldInterviews,
  generateSupervision,
  type FieldInterviewTable,
  type SupervisionTable,
} from './people-sources';
import { buildPlaceModel } from './places';
import type { SampleCity } from './types';

/** The partner sources of a city. */
export interface SampleSources {
  readonly fieldInterviews: FieldInterviewTable;
  readonly supervision: SupervisionTable;
  readonly hospital: HospitalTable;
  readonly facilities: FacilityTable;
  /** Person numbers 1..arrested are arrestees; people above were never arrested. */
  readonly arrestedPeople: number;
  readonly people: number;
}

/** Generates the partner sources of `city` (deterministic for its options). O(incidents). */
export function generateSampleSources(city: SampleCity): SampleSources {
  const rngFor = (label: string) => createRng(deriveSeed(city.options.seed, label));
  const places = buildPlaceModel(city.streets, rngFor('places'));
  const areas = buildAreas();
  const arrested = arrestedPeople(city.arrests);
  const fi = generateFieldInterviews(city.incidents, city.arrests, city.streets, places, city.period, arrested + 1, rngFor('field-interviews'));
  const supervision = generateSupervision(city.arrests, city.streets, places, city.period, rngFor('supervision'));
  const hospital = generateHospitalRecords(
    city.incidents,
    city.streets,
    city.beats,
    (x, y) => beatAt(areas, x, y),
    places,
    city.period,
    city.arrests.person,
    fi.nextPerson,
    rngFor('hospital'),
  );
  const facilities = generateFacilities(city.streets, places, rngFor('facilities'));
  return { fieldInterviews: fi.table, supervision, hospital: hospital.table, facilities, arrestedPeople: arrested, people: hospital.nextPerson - 1 };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** "C22-0000001" numbers of the calls, in table order (as calls_for_service.csv writes them). */
export function callNumbers(city: SampleCity): string[] {
  const years = new YearCounter();
  return Array.from(city.calls.received, (ms) => {
    const seq = years.next(ms);
    return `C${String(years.year).slice(2)}-${pad(seq, 7)}`;
  });
}

/** "A22-000001" numbers of the arrests, in table order (as arrests.csv writes them). */
export function arrestNumbers(city: SampleCity): string[] {
  const years = new YearCounter();
  return Array.from(city.arrests.time, (ms) => {
    const seq = years.next(ms);
    return `A${String(years.year).slice(2)}-${pad(seq, 6)}`;
  });
}

/** "FI22-000001" numbers of the field interviews. */
export function fieldInterviewNumbers(s: SampleSources): string[] {
  const years = new YearCounter();
  return Array.from(s.fieldInterviews.time, (ms) => {
    const seq = years.next(ms);
    return `FI${String(years.year).slice(2)}-${pad(seq, 6)}`;
  });
}

/** "H-000001" record ids of the hospital records. */
export const hospitalIds = (s: SampleSources): string[] => Array.from({ length: s.hospital.count }, (_, k) => `H-${pad(k + 1, 6)}`);
/** "S-000001" supervision ids. */
export const supervisionIds = (s: SampleSources): string[] => Array.from({ length: s.supervision.count }, (_, k) => `S-${pad(k + 1, 6)}`);
/** "F-0001" facility ids. */
export const facilityIds = (s: SampleSources): string[] => Array.from({ length: s.facilities.count }, (_, k) => `F-${pad(k + 1, 4)}`);
/** "P000123": the canonical written form of a person number. */
export const personId = (p: number): string => `P${pad(p, 6)}`;

/** Kinds of true links in ground_truth_links.csv. */
export type TruthLinkKind = 'call-case' | 'arrest-case' | 'hospital-incident' | 'fi-person' | 'hospital-person' | 'supervision-person';

/** True links as parallel columns: kind, from id, to id. */
export interface TruthLinks {
  readonly kind: TruthLinkKind[];
  readonly from: string[];
  readonly to: string[];
}

/**
 * The true links: every call and arrest with its case number; every hospital record that came
 * from a reported incident with that case number; and for person sources, every record with the
 * TRUE person id (field-interview cards may be written otherwise).
 */
export function buildTruthLinks(city: SampleCity, s: SampleSources): TruthLinks {
  const out: TruthLinks = { kind: [], from: [], to: [] };
  const add = (kind: TruthLinkKind, from: string, to: string) => {
    out.kind.push(kind);
    out.from.push(from);
    out.to.push(to);
  };
  const calls = callNumbers(city);
  for (let k = 0; k < city.calls.count; k++) {
    const i = city.calls.incident[k] as number;
    if (i >= 0) add('call-case', calls[k] as string, caseNumberOf(city, i));
  }
  const arrests = arrestNumbers(city);
  for (let k = 0; k < city.arrests.count; k++) add('arrest-case', arrests[k] as string, caseNumberOf(city, city.arrests.incident[k] as number));
  const hosp = hospitalIds(s);
  for (let k = 0; k < s.hospital.count; k++) {
    const i = s.hospital.incident[k] as number;
    if (i >= 0) add('hospital-incident', hosp[k] as string, caseNumberOf(city, i));
  }
  const fis = fieldInterviewNumbers(s);
  for (let k = 0; k < s.fieldInterviews.count; k++) add('fi-person', fis[k] as string, personId(s.fieldInterviews.person[k] as number));
  for (let k = 0; k < s.hospital.count; k++) add('hospital-person', hosp[k] as string, personId(s.hospital.person[k] as number));
  const sup = supervisionIds(s);
  for (let k = 0; k < s.supervision.count; k++) add('supervision-person', sup[k] as string, personId(s.supervision.person[k] as number));
  return out;
}

/** The summary written as ground_truth_sources.json: counts, planted rates, and what each link kind means. */
export function sourcesGroundTruth(city: SampleCity, s: SampleSources, truth: TruthLinks): Record<string, unknown> {
  const byKind: Record<string, number> = {};
  for (const k of truth.kind) byKind[k] = (byKind[k] ?? 0) + 1;
  let variants = 0;
  let typos = 0;
  for (let k = 0; k < s.fieldInterviews.count; k++) {
    if (s.fieldInterviews.idStyle[k] === 1) variants++;
    if (s.fieldInterviews.idStyle[k] === 2) typos++;
  }
  let blockLocated = 0;
  let reported = 0;
  for (let k = 0; k < s.hospital.count; k++) {
    if (s.hospital.precision[k] === 0) blockLocated++;
    if ((s.hospital.incident[k] as number) >= 0) reported++;
  }
  return {
    generator: 'SPI Workbench sample city generator (partner sources)',
    formatVersion: 1,
    options: city.options,
    counts: {
      calls: city.calls.count,
      arrests: city.arrests.count,
      fieldInterviews: s.fieldInterviews.count,
      supervision: s.supervision.count,
      hospitalRecords: s.hospital.count,
      hospitalReported: reported,
      hospitalBlockLocated: blockLocated,
      facilities: s.facilities.count,
      arrestedPeople: s.arrestedPeople,
      people: s.people,
      fieldInterviewIdVariants: variants,
      fieldInterviewIdTypos: typos,
    },
    rates: {
      fieldInterviewsPerIncident: FI_PER_INCIDENT,
      fieldInterviewKnownPerson: FI_KNOWN_PERSON_RATE,
      fieldInterviewIdVariant: FI_ID_VARIANT_RATE,
      fieldInterviewIdTypo: FI_ID_TYPO_RATE,
      hospitalBlockLocated: HOSPITAL_BLOCK_RATE,
      unreportedInjuriesPerReported: UNREPORTED_INJURY_RATE,
      patientIsArrestee: PATIENT_ARRESTEE_RATE,
    },
    links: {
      file: 'ground_truth_links.csv',
      counts: byKind,
      meaning: {
        'call-case': 'the call (Call Number) produced the case (Case Number of incidents.csv); the calls file carries it',
        'arrest-case': 'the arrest belongs to the case; arrests.csv carries it',
        'hospital-incident': 'the hospital record (Record ID) is a victim of the case; hospital records carry no case number: find them by place and date',
        'fi-person': 'the field interview card is about this person (the card may spell the id otherwise or carry a typo)',
        'hospital-person': 'the patient is this person',
        'supervision-person': 'the supervision term is of this person',
      },
    },
  };
}
