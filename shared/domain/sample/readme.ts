/** README.txt of the sample export: what each file holds, its columns, CRS and messiness rates. */
import {
  ALT_DATE_FORMAT_RATE,
  BLOCK_FT,
  DEFAULT_LOCATION_RATE,
  DUPLICATE_OFFENSE_RATE,
  MESSY_DESCRIPTION_RATE,
  MISSING_COORDINATES_RATE,
  SAMPLE_AGENCY,
  SWAPPED_LATLON_RATE,
  UNLINKED_CALLS_PER_INCIDENT,
  ZERO_COORDINATES_RATE,
} from './constants';
import { ARREST_COLUMNS, CALL_COLUMNS, INCIDENT_COLUMNS } from './csv';
import type { SampleCity } from './types';

const pct = (r: number): string => `${+(r * 100).toFixed(2)}%`;

/** The README text for a generated city (plain text, CRLF-free, < 100 lines). */
export function sampleReadme(city: SampleCity): string {
  const gt = city.groundTruth;
  const m = gt.messiness;
  const iv = gt.intervention;
  return `${city.name}: synthetic crime data for SPI Workbench
${'='.repeat(city.name.length + 41)}

EVERYTHING HERE IS SYNTHETIC. ${SAMPLE_AGENCY} does not exist; no record describes a real
person, place or event. Generated with seed ${city.options.seed}, ${city.options.incidents} incidents,
${city.options.years} year(s) from ${gt.period.start} (end exclusive ${gt.period.endExclusive}).
The same seed and options always give byte-identical files.

Coordinate systems
- Projected: ${city.crs}, NAD83 / Texas North Central, US survey feet (1 ft = 1200/3937 m).
- Geographic: WGS84 longitude/latitude (GeoJSON files, Latitude/Longitude columns).
- incidents.csv has both; calls_for_service.csv has X/Y feet only; arrests.csv has lat/lon only.
- The city is a ${BLOCK_FT}-ft street grid, 10 x 8 miles, with two diagonal arterials.

Files
- incidents.csv: the RMS offense export. Columns: ${INCIDENT_COLUMNS.join(', ')}.
  Offense codes are NIBRS. Occurred To is empty when the time is exact. Times are local
  (no time zone). Reported Date is the time the report was taken. Case numbers are
  YYYY-NNNNNNN, numbered in order of reporting within each year.
- calls_for_service.csv: CAD calls. Columns: ${CALL_COLUMNS.join(', ')}.
  Calls that produced an incident carry its Case Number; about ${UNLINKED_CALLS_PER_INCIDENT} calls
  per incident produced none. Empty Dispatched/Arrived means the call was cancelled.
- arrests.csv: one row per arrestee. Columns: ${ARREST_COLUMNS.join(', ')}.
  Person ID is a synthetic number; the same person can appear in several arrests.
- streets.geojson: street centreline segments (LineString) with segment_id, name, road_class
  and address ranges (odd numbers on the left, even on the right, in digitized direction).
- beats.geojson, districts.geojson: patrol beats (${city.beats.count}) and districts (${city.districts.count}).
- ground_truth.json: everything that was planted, for checking analyses (see below).
- Partner sources (written beside these files by "spi sample"): field_interviews.csv (field
  contacts: FI Number, Contact Date, Person ID, Reason, Contact Address, Latitude, Longitude),
  probation_parole.csv (supervision addresses: Supervision ID, Person ID, Supervision Type,
  Start/End Date, Residence Address, Latitude, Longitude), hospital_injuries.csv (violent-injury
  records: Record ID, Arrival Date, Patient ID, Injury Type, Location Precision, Injury Location,
  Latitude, Longitude; some located only to the block), facilities.csv (schools and other
  facilities: Facility ID, Name, Type, Address, Latitude, Longitude).
- ground_truth_links.csv (link, from_id, to_id) and ground_truth_sources.json: which call, arrest
  and hospital record belongs to which case and who each person is, for checking "spi link".
- sample-city.spiproj: a project with these files loaded through the standard ingest pipeline
  (each as a dataset of its kind) and the boundaries and streets as reference layers; above 250,000
  incidents (or with --incidents-only-project) it holds the incidents only.

Planted structure (see ground_truth.json for exact numbers)
- Concentration: ${pct(gt.concentration.top5PercentShare)} of incidents fall on the top 5% of street segments.
- Time: robberies at night, assaults in evenings and weekends, residential burglary on
  weekday daytimes (occurred windows 06:30-19:00), theft from vehicles overnight, summer peak.
- Near repeat: ${gt.nearRepeat.chains} residential burglaries started chains of ${gt.nearRepeat.followOns} follow-on
  burglaries within ${gt.nearRepeat.distanceFt} ft and ${gt.nearRepeat.days} days.
- Intervention: ${iv.areas.length} target areas (radius ${iv.targetRadiusFt} ft). From ${iv.startDate}, incidents
  dropped ${pct(iv.targetDrop)} inside them and rose ${pct(iv.displacementRise)} in a ${iv.bufferDistanceFt}-ft ring around each.

Messiness of incidents.csv (rates per incident; exact counts in ground_truth.json "messiness")
- ${pct(ALT_DATE_FORMAT_RATE)} of incidents (${m.altDateFormat.incidents}) use "M/D/YYYY h:mm AM/PM" dates instead of "YYYY-MM-DD HH:MM".
- ${pct(MISSING_COORDINATES_RATE)} (${m.missingCoordinates.incidents}) have empty coordinates; ${pct(ZERO_COORDINATES_RATE)} (${m.zeroCoordinates.incidents}) have zeros.
- ${pct(DEFAULT_LOCATION_RATE)} (${m.defaultLocation.incidents}) are geocoded to the police HQ (${city.hq.address}) but keep their true block address.
- ${pct(SWAPPED_LATLON_RATE)} (${m.swappedLatLon.incidents}) have Latitude and Longitude swapped (X/Y are right).
- ${pct(DUPLICATE_OFFENSE_RATE)} (${m.duplicateOffenseRows.incidents}) appear on a second row with the same case number and another offense.
- ${pct(MESSY_DESCRIPTION_RATE)} (${m.messyDescription.incidents}) have stray spaces or odd letter case in Offense Description.
`;
}
