/**
 * The deterministic synthetic "sample city": the app's embedded default project and the main
 * test fixture. `generateSampleCity` builds columnar tables; `toSampleFiles` streams the export
 * files an agency would hand over (RMS incidents, CAD calls, arrests, GIS layers) plus the ground
 * truth of everything planted in them.
 */
import { createRng, deriveSeed } from '../../base/random';
import { createTransform } from '../geo/crs';
import { buildAreas } from './areas';
import { generateArrests } from './arrests';
import { studyPeriod } from './calendar';
import { DEFAULT_INCIDENTS, DEFAULT_SEED, DEFAULT_START_YEAR, DEFAULT_YEARS, SAMPLE_CITY_NAME, SAMPLE_CRS, SAMPLE_HQ } from './constants';
import { generateCalls } from './calls';
import { arrestCsvChunks, callCsvChunks, incidentCsvChunks } from './csv';
import { beatGeoJsonChunks, districtGeoJsonChunks, streetGeoJsonChunks } from './geojson';
import { buildGroundTruth } from './ground-truth';
import { generateIncidents } from './incidents';
import { selectInterventionAreas } from './intervention';
import { injectMessiness } from './messiness';
import { buildPlaceModel } from './places';
import { sampleReadme } from './readme';
import { buildStreets } from './streets';
import type { SampleCity, SampleOptions } from './types';

export type { GroundTruth } from './ground-truth';
export type * from './types';
export { ROAD_CLASSES } from './types';
export * from './constants';
export { SAMPLE_OFFENSES } from './profiles';
export { caseNumberOf, INCIDENT_COLUMNS, CALL_COLUMNS, ARREST_COLUMNS } from './csv';
export { generateSampleSources, buildTruthLinks, callNumbers, arrestNumbers, personId, type SampleSources, type TruthLinks, type TruthLinkKind } from './sources';
export { toSourceFiles } from './sources-csv';

/** The police HQ (the "default location" of ungeocodable rows) in WGS84 [lon, lat]. */
export const SAMPLE_HQ_LONLAT: readonly [number, number] = createTransform(SAMPLE_CRS, 'EPSG:4326')(SAMPLE_HQ.x, SAMPLE_HQ.y);

/** One export file: a name, a media type, and its text as a (re-iterable) sequence of chunks. */
export interface SampleFile {
  name: string;
  mediaType: string;
  chunks(): Iterable<string>;
}

/**
 * Fills defaults and checks options. Invalid values are caller bugs and throw RangeError:
 * seed any finite number; incidents an integer 0..20,000,000; years an integer 1..10;
 * startYear an integer 1971..2100.
 */
export function resolveSampleOptions(options: SampleOptions = {}): Required<SampleOptions> {
  const o = {
    seed: options.seed ?? DEFAULT_SEED,
    incidents: options.incidents ?? DEFAULT_INCIDENTS,
    years: options.years ?? DEFAULT_YEARS,
    startYear: options.startYear ?? DEFAULT_START_YEAR,
  };
  if (!Number.isFinite(o.seed)) throw new RangeError(`sample seed must be a finite number, got ${o.seed}`);
  if (!Number.isInteger(o.incidents) || o.incidents < 0 || o.incidents > 20_000_000) {
    throw new RangeError(`sample incidents must be an integer from 0 to 20,000,000, got ${o.incidents}`);
  }
  if (!Number.isInteger(o.years) || o.years < 1 || o.years > 10) throw new RangeError(`sample years must be an integer from 1 to 10, got ${o.years}`);
  if (!Number.isInteger(o.startYear) || o.startYear < 1971 || o.startYear > 2100) {
    throw new RangeError(`sample startYear must be an integer from 1971 to 2100, got ${o.startYear}`);
  }
  return o;
}

/**
 * Generates the sample city "Riverton, TX" in EPSG:2276 (US survey feet). Deterministic: the
 * same options give identical tables and files. Defaults: seed 20240601, 60,000 incidents over
 * 3 years from 2022-01-01. Cost is linear in `incidents`: for 1,000,000 incidents (plus ~2.4 M
 * calls and ~0.3 M arrests) about 4-6 s on a 2-core machine and ~300 MB of typed arrays.
 * Streaming all files of that city takes longer (~15 s; about 0.6 GB of CSV text).
 */
export function generateSampleCity(options: SampleOptions = {}): SampleCity {
  const opts = resolveSampleOptions(options);
  const rngFor = (label: string) => createRng(deriveSeed(opts.seed, label));
  const period = studyPeriod(opts.startYear, opts.years);
  const streets = buildStreets();
  const areas = buildAreas();
  const places = buildPlaceModel(streets, rngFor('places'));
  const interventionAreas = selectInterventionAreas(streets, places);
  const { table: incidents, nearRepeat } = generateIncidents(
    { streets, areas, places, interventionAreas, period },
    opts.incidents,
    rngFor('incidents'),
  );
  const messiness = injectMessiness(incidents, rngFor('messiness'));
  const calls = generateCalls(incidents, streets, areas, places, period, rngFor('calls'));
  const arrests = generateArrests(incidents, streets, places, period, rngFor('arrests'));
  const [hqLon, hqLat] = SAMPLE_HQ_LONLAT;
  const hq = { address: SAMPLE_HQ.address, x: SAMPLE_HQ.x, y: SAMPLE_HQ.y, lon: hqLon, lat: hqLat };

  let callsWithIncident = 0;
  for (let k = 0; k < calls.count; k++) if ((calls.incident[k] as number) >= 0) callsWithIncident++;
  let people = 0; // person numbers are 1..people, given in order of first arrest
  for (let k = 0; k < arrests.count; k++) people = Math.max(people, arrests.person[k] as number);
  const groundTruth = buildGroundTruth({
    options: opts,
    period,
    hq,
    streets,
    incidents,
    areas: interventionAreas,
    nearRepeat,
    messiness,
    counts: {
      incidents: incidents.count,
      incidentRows: incidents.count + messiness.duplicateOffenseRows.rows,
      calls: calls.count,
      callsWithIncident,
      arrests: arrests.count,
      people,
      streetSegments: streets.count,
      beats: areas.beats.count,
      districts: areas.districts.count,
    },
  });
  return {
    options: opts,
    crs: SAMPLE_CRS,
    name: SAMPLE_CITY_NAME,
    period,
    hq,
    streets,
    beats: areas.beats,
    districts: areas.districts,
    incidents,
    calls,
    arrests,
    groundTruth,
  };
}

/**
 * The export files of a city, in a stable order: incidents.csv, calls_for_service.csv,
 * arrests.csv, streets.geojson, beats.geojson, districts.geojson, ground_truth.json, README.txt.
 * Each `chunks()` call starts a fresh pass, so a file can be streamed more than once.
 */
export function toSampleFiles(city: SampleCity): SampleFile[] {
  const once = (text: () => string) => () => [text()];
  return [
    { name: 'incidents.csv', mediaType: 'text/csv', chunks: () => incidentCsvChunks(city) },
    { name: 'calls_for_service.csv', mediaType: 'text/csv', chunks: () => callCsvChunks(city) },
    { name: 'arrests.csv', mediaType: 'text/csv', chunks: () => arrestCsvChunks(city) },
    { name: 'streets.geojson', mediaType: 'application/geo+json', chunks: () => streetGeoJsonChunks(city) },
    { name: 'beats.geojson', mediaType: 'application/geo+json', chunks: () => beatGeoJsonChunks(city) },
    { name: 'districts.geojson', mediaType: 'application/geo+json', chunks: () => districtGeoJsonChunks(city) },
    { name: 'ground_truth.json', mediaType: 'application/json', chunks: once(() => `${JSON.stringify(city.groundTruth, null, 2)}\n`) },
    { name: 'README.txt', mediaType: 'text/plain', chunks: once(() => sampleReadme(city)) },
  ];
}

/** [minLon, minLat, maxLon, maxLat] of the city (the union of its districts), WGS84 degrees. */
export function sampleCityBounds(city: SampleCity): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const ring of city.districts.ringsLonLat) {
    for (let k = 0; k < ring.length; k += 2) {
      const lon = ring[k] as number;
      const lat = ring[k + 1] as number;
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}
