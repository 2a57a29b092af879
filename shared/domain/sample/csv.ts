/**
 * CSV exports of the sample city, written as RMS/CAD systems write them: vendor-style headers,
 * CRLF line ends, RFC 4180 quoting where a field needs it, and the injected messiness of
 * messiness.ts. Rows stream as text chunks of about CHUNK_ROWS rows, so a million-row file never
 * exists as one string.
 */
import { DateFormatter, YearCounter } from './calendar';
import { COORD_DEFAULT, COORD_MISSING, COORD_SWAPPED, COORD_ZERO, coordIssueOf, descriptionStyleOf, hasAltDate, styleDescription } from './messiness';
import { SAMPLE_OFFENSES } from './profiles';
import { blockAddress, streetAddress } from './streets';
import type { SampleCity } from './types';

/** Rows per yielded chunk. */
export const CHUNK_ROWS = 2000;
const EOL = '\r\n';

/** Quotes a field when RFC 4180 requires it (comma, quote, CR, LF) or it has edge whitespace. */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Streams a header line, then `rowCount` rows given as finished CSV text (one or more lines each, with line ends). */
export function* csvChunks(header: readonly string[], rowCount: number, row: (i: number) => string): Generator<string> {
  yield header.map(csvField).join(',') + EOL;
  let buf: string[] = [];
  for (let i = 0; i < rowCount; i++) {
    buf.push(row(i));
    if (buf.length >= CHUNK_ROWS) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length > 0) yield buf.join('');
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** "1234 W ELM ST", quoted if ever needed: the check runs once per street name, not per row. */
function addressWriter(city: SampleCity): (segment: number, house: number) => string {
  const safe = city.streets.names.map((name) => csvField(name) === name);
  return (segment, house) => {
    const text = streetAddress(city.streets, segment, house);
    return safe[city.streets.nameIndex[segment] as number] ? text : csvField(text);
  };
}

/** Case number of incident `i`: "2023-0012345". */
export function caseNumberOf(city: SampleCity, i: number): string {
  return `${city.incidents.caseYear[i]}-${pad(city.incidents.caseSeq[i] as number, 7)}`;
}

export const INCIDENT_COLUMNS = [
  'Case Number', 'Offense Code', 'Offense Description', 'Premise Type', 'Occurred From', 'Occurred To', 'Reported Date',
  'Block Address', 'Beat', 'District', 'Disposition', 'X Coordinate', 'Y Coordinate', 'Latitude', 'Longitude',
] as const;

/** incidents.csv: one row per incident, plus a second row (same case) for two-offense incidents. */
export function incidentCsvChunks(city: SampleCity): Generator<string> {
  const t = city.incidents;
  const fmt = new DateFormatter();
  const hq = [city.hq.x.toFixed(2), city.hq.y.toFixed(2), city.hq.lat.toFixed(6), city.hq.lon.toFixed(6)].join(',');
  const blocks = new Map<number, string>();
  const blockOf = (seg: number): string => {
    let b = blocks.get(seg);
    if (b === undefined) {
      b = csvField(blockAddress(city.streets, seg));
      blocks.set(seg, b);
    }
    return b;
  };
  const descriptions = SAMPLE_OFFENSES.map((p) => [0, 1, 2, 3, 4].map((style) => csvField(styleDescription(p.description, style))));
  const premises = t.premises.map(csvField);
  const dispositions = t.dispositions.map(csvField);
  const districts = city.districts.names.map(csvField);
  const beats = city.beats.codes.map(csvField);

  const usDate = (ms: number): string => fmt.us(ms);
  const isoDate = (ms: number): string => fmt.iso(ms);

  return csvChunks(INCIDENT_COLUMNS, t.count, (i) => {
    const flags = t.mess[i] as number;
    const date = hasAltDate(flags) ? usDate : isoDate;
    const from = t.occurredFrom[i] as number;
    const to = t.occurredTo[i] as number;
    let coords: string;
    switch (coordIssueOf(flags)) {
      case COORD_MISSING:
        coords = ',,,';
        break;
      case COORD_ZERO:
        coords = '0,0,0,0';
        break;
      case COORD_DEFAULT:
        coords = hq;
        break;
      case COORD_SWAPPED:
        coords = `${(t.x[i] as number).toFixed(2)},${(t.y[i] as number).toFixed(2)},${(t.lon[i] as number).toFixed(6)},${(t.lat[i] as number).toFixed(6)}`;
        break;
      default:
        coords = `${(t.x[i] as number).toFixed(2)},${(t.y[i] as number).toFixed(2)},${(t.lat[i] as number).toFixed(6)},${(t.lon[i] as number).toFixed(6)}`;
    }
    const style = descriptionStyleOf(flags);
    const tail =
      `,${premises[t.premise[i] as number]},${date(from)},${to === from ? '' : date(to)},${date(t.reported[i] as number)},` +
      `${blockOf(t.segment[i] as number)},${beats[t.beat[i] as number]},${districts[t.district[i] as number]},` +
      `${dispositions[t.disposition[i] as number]},${coords}${EOL}`;
    const caseNo = caseNumberOf(city, i);
    const o = t.offense[i] as number;
    let line = `${caseNo},${SAMPLE_OFFENSES[o]!.code},${descriptions[o]![style]}${tail}`;
    const second = t.secondOffense[i] as number;
    if (second >= 0) line += `${caseNo},${SAMPLE_OFFENSES[second]!.code},${descriptions[second]![style]}${tail}`;
    return line;
  });
}

export const CALL_COLUMNS = [
  'Call Number', 'Received', 'Dispatched', 'Arrived', 'Cleared', 'Call Type', 'Priority', 'Disposition',
  'Address', 'Beat', 'X', 'Y', 'Case Number',
] as const;

/** calls_for_service.csv: CAD calls, X/Y only (EPSG:2276 feet), times with seconds. */
export function callCsvChunks(city: SampleCity): Generator<string> {
  const c = city.calls;
  const fmt = new DateFormatter();
  const years = new YearCounter();
  const types = c.types.map(csvField);
  const dispositions = c.dispositions.map(csvField);
  const beats = city.beats.codes.map(csvField);
  const address = addressWriter(city);
  const step = (received: number, after: number): string => (after < 0 ? '' : fmt.isoSeconds(received + after * 1000));
  return csvChunks(CALL_COLUMNS, c.count, (k) => {
    const received = c.received[k] as number;
    const seq = years.next(received);
    const inc = c.incident[k] as number;
    return (
      `C${String(years.year).slice(2)}-${pad(seq, 7)},${fmt.isoSeconds(received)},${step(received, c.dispatchedAfter[k] as number)},` +
      `${step(received, c.arrivedAfter[k] as number)},${step(received, c.clearedAfter[k] as number)},${types[c.type[k] as number]},${c.priority[k]},` +
      `${dispositions[c.disposition[k] as number]},${address(c.segment[k] as number, c.houseNumber[k] as number)},` +
      `${beats[c.beat[k] as number]},${(c.x[k] as number).toFixed(2)},${(c.y[k] as number).toFixed(2)},${inc >= 0 ? caseNumberOf(city, inc) : ''}${EOL}`
    );
  });
}

export const ARREST_COLUMNS = [
  'Arrest Number', 'Case Number', 'Person ID', 'Age', 'Arrest Date', 'Arrest Type', 'Charge Code', 'Charge Description',
  'Arrest Address', 'Latitude', 'Longitude',
] as const;

/** arrests.csv: one row per arrestee, lat/lon only; person ids are synthetic, no names. */
export function arrestCsvChunks(city: SampleCity): Generator<string> {
  const a = city.arrests;
  const fmt = new DateFormatter();
  const years = new YearCounter();
  const types = a.types.map(csvField);
  const address = addressWriter(city);
  return csvChunks(ARREST_COLUMNS, a.count, (k) => {
    const time = a.time[k] as number;
    const seq = years.next(time);
    const p = SAMPLE_OFFENSES[a.offense[k] as number]!;
    return (
      `A${String(years.year).slice(2)}-${pad(seq, 6)},${caseNumberOf(city, a.incident[k] as number)},P${pad(a.person[k] as number, 6)},` +
      `${a.age[k]},${fmt.iso(time)},${types[a.type[k] as number]},${p.code},${csvField(p.description)},` +
      `${address(a.segment[k] as number, a.houseNumber[k] as number)},` +
      `${(a.lat[k] as number).toFixed(6)},${(a.lon[k] as number).toFixed(6)}${EOL}`
    );
  });
}
