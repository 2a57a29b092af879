/**
 * Fixed facts of the synthetic sample city "Riverton, TX": where it sits, its street grid, and
 * the rates of the planted effects and export messiness. Everything here is stated in the
 * README.txt and ground_truth.json the generator writes, so an evaluation can be checked against it.
 */

/** Display name of the fictional city. */
export const SAMPLE_CITY_NAME = 'Riverton, TX';
/** Agency that "exported" the data. */
export const SAMPLE_AGENCY = 'Riverton Police Department';
/** The CRS of every projected coordinate the generator makes: NAD83 / Texas North Central (US ft). */
export const SAMPLE_CRS = 'EPSG:2276' as const;

/** Block length in US survey feet (1/8 mile): the grid spacing of the street network. */
export const BLOCK_FT = 660;
/** City extent in blocks: 80 x 64 blocks = 10 x 8 miles. */
export const BLOCKS_X = 80;
export const BLOCKS_Y = 64;
/**
 * South-west corner of the city in EPSG:2276 feet. The centre (2,274,400 E, 7,030,120 N) lies
 * near lon -97.50, lat 32.95, in open north-central Texas country west of Fort Worth.
 */
export const ORIGIN_X = 2_248_000;
export const ORIGIN_Y = 7_009_000;
/** Grid line index of the address base lines: Main St (x) and Central Ave (y). */
export const BASE_LINE_X = 40;
export const BASE_LINE_Y = 32;

/** Police headquarters: the "default location" geocoders fall back to. EPSG:2276 feet. */
export const SAMPLE_HQ = Object.freeze({
  name: 'Riverton Police Headquarters',
  address: '215 N MAIN ST',
  x: ORIGIN_X + BASE_LINE_X * BLOCK_FT - 85, // west side: odd numbers are on the left going north
  y: ORIGIN_Y + BASE_LINE_Y * BLOCK_FT + 1.15 * BLOCK_FT,
});

/** Default generator options. */
export const DEFAULT_SEED = 20240601;
export const DEFAULT_INCIDENTS = 60_000;
export const DEFAULT_YEARS = 3;
export const DEFAULT_START_YEAR = 2022;

// Planted intervention (hot-spot policing in target areas from mid-period on).
/** Number of target areas. */
export const INTERVENTION_AREAS = 5;
/** Radius of each target area polygon (a regular polygon inscribed in this circle), feet. */
export const TARGET_RADIUS_FT = 450;
/** Width of the displacement ring around each target, feet (ring from R to R + buffer). */
export const BUFFER_DISTANCE_FT = 900;
/** Vertices of the target and ring polygons. */
export const AREA_POLYGON_VERTICES = 64;
/** Relative drop of incidents inside targets after the start date (0.30 = 30% fewer). */
export const TARGET_DROP = 0.3;
/** Relative rise of incidents in the displacement ring after the start date (0.10 = +10%). */
export const DISPLACEMENT_RISE = 0.1;

// Near-repeat burglary chains.
/** Share of burglaries that start a chain of follow-ons. */
export const NEAR_REPEAT_CHAIN_RATE = 0.12;
/** Mean number of follow-ons beyond the first (1 + Poisson(mean)). */
export const NEAR_REPEAT_EXTRA_MEAN = 0.6;
/** Follow-ons fall within this distance (feet) and this many days after the initial burglary. */
export const NEAR_REPEAT_DISTANCE_FT = 400;
export const NEAR_REPEAT_DAYS = 14;

// Calls for service and arrests.
/** Calls that produced no incident, per incident. */
export const UNLINKED_CALLS_PER_INCIDENT = 1.5;
/** Share of arrest-cleared incidents with a second arrestee. */
export const SECOND_ARRESTEE_RATE = 0.12;
/** Chance that an arrestee is someone arrested before (preferential: prolific people repeat more). */
export const REPEAT_ARRESTEE_RATE = 0.35;

// Export messiness: rates per incident; exact injected counts go to ground_truth.json.
/** Rows whose dates use "M/D/YYYY h:mm AM/PM" instead of "YYYY-MM-DD HH:MM". */
export const ALT_DATE_FORMAT_RATE = 0.1;
/** Rows with empty coordinates (X, Y, Latitude, Longitude all blank). */
export const MISSING_COORDINATES_RATE = 0.012;
/** Rows with zero coordinates (0 in all four columns). */
export const ZERO_COORDINATES_RATE = 0.008;
/** Rows geocoded to the police HQ ("default location"), with their true block address. */
export const DEFAULT_LOCATION_RATE = 0.015;
/** Rows with Latitude and Longitude swapped (X and Y stay right). */
export const SWAPPED_LATLON_RATE = 0.003;
/** Incidents exported with a second row: same case number, a second offense. */
export const DUPLICATE_OFFENSE_RATE = 0.04;
/** Rows whose offense description has stray whitespace or odd letter case. */
export const MESSY_DESCRIPTION_RATE = 0.05;
