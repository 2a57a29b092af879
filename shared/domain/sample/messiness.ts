/**
 * Injects the messiness of real RMS exports into the sample incidents, at the stated rates and
 * with EXACT counts: each kind picks round(rate x incidents) incidents without replacement, and
 * the counts are recorded in ground_truth.json. A duplicated incident's second row repeats the
 * first row's messiness (it is the same record, exported twice).
 *
 * Flags per incident (one byte): bits 0-2 coordinate issue (0 none, 1 missing, 2 zero, 3 HQ
 * default location, 4 swapped lat/lon), bit 3 alternate date format, bits 4-6 description style
 * (0 clean, 1 padded, 2 UPPER, 3 lower, 4 doubled spaces).
 */
import type { Rng } from '../../base/random';
import {
  ALT_DATE_FORMAT_RATE,
  DEFAULT_LOCATION_RATE,
  DUPLICATE_OFFENSE_RATE,
  MESSY_DESCRIPTION_RATE,
  MISSING_COORDINATES_RATE,
  SWAPPED_LATLON_RATE,
  ZERO_COORDINATES_RATE,
} from './constants';
import { SAMPLE_OFFENSES, sampleOffenseIndex } from './profiles';
import type { IncidentTable } from './types';

export const COORD_OK = 0;
export const COORD_MISSING = 1;
export const COORD_ZERO = 2;
export const COORD_DEFAULT = 3;
export const COORD_SWAPPED = 4;
const ALT_DATE_BIT = 8;

/** Coordinate issue of a flags byte (COORD_*). */
export function coordIssueOf(flags: number): number {
  return flags & 7;
}

/** Whether the row uses "M/D/YYYY h:mm AM/PM" dates. */
export function hasAltDate(flags: number): boolean {
  return (flags & ALT_DATE_BIT) !== 0;
}

/** Description style 0-4 (0 = clean). */
export function descriptionStyleOf(flags: number): number {
  return (flags >> 4) & 7;
}

/** Applies a description style: " Robbery  ", "ROBBERY", "robbery", "Theft  From Building ". */
export function styleDescription(description: string, style: number): string {
  switch (style) {
    case 1:
      return ` ${description}  `;
    case 2:
      return description.toUpperCase();
    case 3:
      return description.toLowerCase();
    case 4:
      return `${description.replace(' ', '  ')} `;
    default:
      return description;
  }
}

/** One messiness kind: its stated rate and exact injected counts. */
export interface MessinessCount {
  readonly rate: number;
  /** Incidents (case numbers) affected. */
  readonly incidents: number;
  /** CSV data rows affected (affected incidents plus their second rows). */
  readonly rows: number;
}

export interface MessinessReport {
  readonly altDateFormat: MessinessCount;
  readonly missingCoordinates: MessinessCount;
  readonly zeroCoordinates: MessinessCount;
  readonly defaultLocation: MessinessCount;
  readonly swappedLatLon: MessinessCount;
  readonly messyDescription: MessinessCount;
  /** Incidents exported on two rows; `rows` counts the extra rows. */
  readonly duplicateOffenseRows: MessinessCount;
}

/** Draws k distinct indices of 0..n-1 (partial Fisher-Yates over a fresh identity permutation). */
function sampleDistinct(n: number, k: number, rng: Rng): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const tmp = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = tmp;
  }
  return idx.subarray(0, k);
}

/** Fills `table.mess` and `table.secondOffense` in place and returns the exact counts. */
export function injectMessiness(table: IncidentTable, rng: Rng): MessinessReport {
  const n = table.count;
  const k = (rate: number): number => Math.round(rate * n);
  const mess = table.mess;

  const coordKinds = [
    [COORD_MISSING, k(MISSING_COORDINATES_RATE)],
    [COORD_ZERO, k(ZERO_COORDINATES_RATE)],
    [COORD_DEFAULT, k(DEFAULT_LOCATION_RATE)],
    [COORD_SWAPPED, k(SWAPPED_LATLON_RATE)],
  ] as const;
  const coordTotal = coordKinds.reduce((s, [, c]) => s + c, 0);
  const coordPick = sampleDistinct(n, coordTotal, rng);
  let at = 0;
  for (const [code, c] of coordKinds) {
    for (let i = 0; i < c; i++) mess[coordPick[at++] as number] = code;
  }
  for (const i of sampleDistinct(n, k(ALT_DATE_FORMAT_RATE), rng)) mess[i] = (mess[i] as number) | ALT_DATE_BIT;
  for (const i of sampleDistinct(n, k(MESSY_DESCRIPTION_RATE), rng)) mess[i] = (mess[i] as number) | ((1 + rng.int(4)) << 4);

  const companionIds = SAMPLE_OFFENSES.map((p) => p.companions.map(sampleOffenseIndex).filter((c) => c >= 0));
  for (const i of sampleDistinct(n, k(DUPLICATE_OFFENSE_RATE), rng)) {
    const own = table.offense[i] as number;
    const options = (companionIds[own] ?? []).filter((c) => c !== own);
    // Every profile lists companions other than itself; 90Z is the catch-all fallback.
    table.secondOffense[i] = options.length > 0 ? rng.pick(options) : sampleOffenseIndex(own === sampleOffenseIndex('90Z') ? '90C' : '90Z');
  }

  const count = (rate: number, test: (flags: number) => boolean): MessinessCount => {
    let incidents = 0;
    let rows = 0;
    for (let i = 0; i < n; i++) {
      if (!test(mess[i] as number)) continue;
      incidents++;
      rows += (table.secondOffense[i] as number) >= 0 ? 2 : 1;
    }
    return { rate, incidents, rows };
  };
  const dup = k(DUPLICATE_OFFENSE_RATE);
  return {
    altDateFormat: count(ALT_DATE_FORMAT_RATE, hasAltDate),
    missingCoordinates: count(MISSING_COORDINATES_RATE, (f) => coordIssueOf(f) === COORD_MISSING),
    zeroCoordinates: count(ZERO_COORDINATES_RATE, (f) => coordIssueOf(f) === COORD_ZERO),
    defaultLocation: count(DEFAULT_LOCATION_RATE, (f) => coordIssueOf(f) === COORD_DEFAULT),
    swappedLatLon: count(SWAPPED_LATLON_RATE, (f) => coordIssueOf(f) === COORD_SWAPPED),
    messyDescription: count(MESSY_DESCRIPTION_RATE, (f) => descriptionStyleOf(f) !== 0),
    duplicateOffenseRows: { rate: DUPLICATE_OFFENSE_RATE, incidents: dup, rows: dup },
  };
}
