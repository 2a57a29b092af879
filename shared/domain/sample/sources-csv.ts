/**
 * CSV exports of the sample city's partner sources (see sources.ts), in the shapes partners hand
 * over: field interview cards and supervision rosters with person ids and street addresses,
 * trauma records with an arrival date and a block or a beat only, a facility list; lat/lon in
 * WGS84. Also the true links as ground_truth_links.csv.
 */
import { DateFormatter } from './calendar';
import { csvChunks, csvField } from './csv';
import { FI_REASONS } from './people-sources';
import { FACILITY_KINDS, INJURY_TYPES } from './place-sources';
import { buildTruthLinks, facilityIds, fieldInterviewNumbers, hospitalIds, personId, sourcesGroundTruth, supervisionIds, type SampleSources } from './sources';
import { blockAddress, streetAddress } from './streets';
import type { SampleCity } from './types';

const EOL = '\r\n';

export const FIELD_INTERVIEW_COLUMNS = ['FI Number', 'Contact Date', 'Person ID', 'Reason', 'Contact Address', 'Latitude', 'Longitude'] as const;
export const SUPERVISION_COLUMNS = ['Supervision ID', 'Person ID', 'Supervision Type', 'Start Date', 'End Date', 'Residence Address', 'Latitude', 'Longitude'] as const;
export const HOSPITAL_COLUMNS = ['Record ID', 'Arrival Date', 'Patient ID', 'Injury Type', 'Location Precision', 'Injury Location', 'Latitude', 'Longitude'] as const;
export const FACILITY_COLUMNS = ['Facility ID', 'Facility Name', 'Facility Type', 'Address', 'Latitude', 'Longitude'] as const;
export const TRUTH_LINK_COLUMNS = ['link', 'from_id', 'to_id'] as const;

const coords = (lat: number, lon: number): string => `${lat.toFixed(6)},${lon.toFixed(6)}`;

/** The person id as the card writes it: canonical, a format variant, or (typo) another number. */
function writtenId(person: number, style: number, k: number): string {
  if (style === 0 || style === 2) return personId(person);
  const digits = String(person).padStart(6, '0');
  return [`P-${digits}`, `p${digits}`, digits][k % 3] as string;
}

/** field_interviews.csv. */
export function fieldInterviewCsvChunks(city: SampleCity, s: SampleSources): Generator<string> {
  const t = s.fieldInterviews;
  const fmt = new DateFormatter();
  const ids = fieldInterviewNumbers(s);
  const reasons = FI_REASONS.map(csvField);
  return csvChunks(FIELD_INTERVIEW_COLUMNS, t.count, (k) => {
    const id = writtenId(t.writtenPerson[k] as number, t.idStyle[k] as number, k);
    const address = csvField(streetAddress(city.streets, t.segment[k] as number, t.houseNumber[k] as number));
    return `${ids[k]},${fmt.iso(t.time[k] as number)},${id},${reasons[t.reason[k] as number]},${address},${coords(t.lat[k] as number, t.lon[k] as number)}${EOL}`;
  });
}

/** probation_parole.csv. */
export function supervisionCsvChunks(city: SampleCity, s: SampleSources): Generator<string> {
  const t = s.supervision;
  const fmt = new DateFormatter();
  const ids = supervisionIds(s);
  return csvChunks(SUPERVISION_COLUMNS, t.count, (k) => {
    const address = csvField(streetAddress(city.streets, t.segment[k] as number, t.houseNumber[k] as number));
    return (
      `${ids[k]},${personId(t.person[k] as number)},${t.type[k] === 1 ? 'PAROLE' : 'PROBATION'},${fmt.isoDate(t.start[k] as number)},` +
      `${fmt.isoDate(t.end[k] as number)},${address},${coords(t.lat[k] as number, t.lon[k] as number)}${EOL}`
    );
  });
}

/** hospital_injuries.csv: arrival date only; location a hundred block or a beat. */
export function hospitalCsvChunks(city: SampleCity, s: SampleSources): Generator<string> {
  const t = s.hospital;
  const fmt = new DateFormatter();
  const ids = hospitalIds(s);
  const injuries = INJURY_TYPES.map(csvField);
  return csvChunks(HOSPITAL_COLUMNS, t.count, (k) => {
    const block = t.precision[k] === 0;
    const where = block ? csvField(blockAddress(city.streets, t.segment[k] as number)) : csvField(city.beats.names[t.beat[k] as number] ?? '');
    return (
      `${ids[k]},${fmt.isoDate(t.arrival[k] as number)},${personId(t.person[k] as number)},${injuries[t.injury[k] as number]},` +
      `${block ? 'BLOCK' : 'BEAT'},${where},${coords(t.lat[k] as number, t.lon[k] as number)}${EOL}`
    );
  });
}

/** facilities.csv. */
export function facilityCsvChunks(city: SampleCity, s: SampleSources): Generator<string> {
  const t = s.facilities;
  const ids = facilityIds(s);
  const seen = new Map<number, number>();
  return csvChunks(FACILITY_COLUMNS, t.count, (k) => {
    const kind = t.kind[k] as number;
    const nth = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, nth);
    const type = FACILITY_KINDS[kind]![0];
    const street = city.streets.names[city.streets.nameIndex[t.segment[k] as number] as number] ?? '';
    const name = `${street.replace(/^[NSEW] /, '')} ${type} ${nth}`;
    const address = csvField(streetAddress(city.streets, t.segment[k] as number, t.houseNumber[k] as number));
    return `${ids[k]},${csvField(name)},${csvField(type)},${address},${coords(t.lat[k] as number, t.lon[k] as number)}${EOL}`;
  });
}

/** One export file (same shape as index.ts SampleFile). */
export interface SourceFile {
  name: string;
  mediaType: string;
  chunks(): Iterable<string>;
}

/**
 * The partner-source files of a city, in a stable order: field_interviews.csv,
 * probation_parole.csv, hospital_injuries.csv, facilities.csv, ground_truth_links.csv,
 * ground_truth_sources.json. Deterministic: same city, same bytes.
 */
export function toSourceFiles(city: SampleCity, s: SampleSources): SourceFile[] {
  const truth = buildTruthLinks(city, s);
  return [
    { name: 'field_interviews.csv', mediaType: 'text/csv', chunks: () => fieldInterviewCsvChunks(city, s) },
    { name: 'probation_parole.csv', mediaType: 'text/csv', chunks: () => supervisionCsvChunks(city, s) },
    { name: 'hospital_injuries.csv', mediaType: 'text/csv', chunks: () => hospitalCsvChunks(city, s) },
    { name: 'facilities.csv', mediaType: 'text/csv', chunks: () => facilityCsvChunks(city, s) },
    {
      name: 'ground_truth_links.csv',
      mediaType: 'text/csv',
      chunks: () => csvChunks(TRUTH_LINK_COLUMNS, truth.kind.length, (k) => `${truth.kind[k]},${truth.from[k]},${truth.to[k]}${EOL}`),
    },
    { name: 'ground_truth_sources.json', mediaType: 'application/json', chunks: () => [`${JSON.stringify(sourcesGroundTruth(city, s, truth), null, 2)}\n`] },
  ];
}
