/**
 * Repeat locations and repeat victimization (Farrell & Pease 1993, "Once bitten, twice
 * bitten"; Eck, Clarke & Guerette 2007, "Risky facilities"): places (or victims) ranked by how
 * many incidents they had, and how much of all crime happens at places hit more than once.
 * A "repeat" place has 2 or more incidents in the period.
 */
import { ok, type Result } from '../../base/result';
import { checkCoordinates, checkPositive, invalidArgument, type StatsError } from './errors';

export interface RepeatSummary {
  /** Distinct keys ranked by count, highest first (ties: first seen first). */
  readonly keys: string[];
  readonly counts: Int32Array;
  /** Index of the first incident with each ranked key (to show its address, for instance). */
  readonly firstIncident: Int32Array;
  readonly incidents: number;
  /** Incidents without a key (blank address, no victim id): not counted anywhere else. */
  readonly missing: number;
  readonly locations: number;
  readonly repeatLocations: number;
  readonly incidentsAtRepeatLocations: number;
  /** incidentsAtRepeatLocations / incidents (keyed ones), 0..1. */
  readonly shareOfIncidentsAtRepeats: number;
  /** repeatLocations / locations, 0..1. */
  readonly shareOfLocationsRepeat: number;
  /** frequency[c] = number of keys with exactly c incidents (index 0 unused). */
  readonly frequency: Int32Array;
}

/**
 * Ranks keys (addresses, location ids, victim ids) by incident count. null, undefined and blank
 * strings are missing. Error: no incident with a key.
 */
export function computeRepeatLocations(keys: ArrayLike<string | number | null | undefined>): Result<RepeatSummary, StatsError> {
  const counts = new Map<string, { count: number; first: number }>();
  let missing = 0;
  for (let i = 0; i < keys.length; i++) {
    const raw = keys[i];
    const k = raw === null || raw === undefined ? '' : String(raw).trim();
    if (k === '') {
      missing++;
      continue;
    }
    const e = counts.get(k);
    if (e) e.count++;
    else counts.set(k, { count: 1, first: i });
  }
  if (counts.size === 0) return invalidArgument('locations', `${missing} incidents, none with a location`, 'at least one incident with a location');
  const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  const n = ranked.length;
  const rankedCounts = new Int32Array(n);
  const firstIncident = new Int32Array(n);
  let incidents = 0;
  let repeatLocations = 0;
  let atRepeats = 0;
  const max = ranked[0]?.[1].count ?? 0;
  const frequency = new Int32Array(max + 1);
  ranked.forEach(([, e], r) => {
    rankedCounts[r] = e.count;
    firstIncident[r] = e.first;
    incidents += e.count;
    frequency[e.count] = (frequency[e.count] as number) + 1;
    if (e.count >= 2) {
      repeatLocations++;
      atRepeats += e.count;
    }
  });
  return ok({
    keys: ranked.map(([k]) => k),
    counts: rankedCounts,
    firstIncident,
    incidents,
    missing,
    locations: n,
    repeatLocations,
    incidentsAtRepeatLocations: atRepeats,
    shareOfIncidentsAtRepeats: atRepeats / incidents,
    shareOfLocationsRepeat: repeatLocations / n,
    frequency,
  });
}

/**
 * Location keys from coordinates snapped to a `precision` metre lattice (default 1 m), so
 * incidents geocoded to the same address point share a key: "x,y" of the rounded lattice
 * indices. Errors: bad coordinates or precision.
 */
export function locationKeysFromXY(x: ArrayLike<number>, y: ArrayLike<number>, precision = 1): Result<string[], StatsError> {
  const bad = checkCoordinates(x, y) ?? checkPositive('precision', precision);
  if (bad) return bad;
  const keys = new Array<string>(x.length);
  for (let i = 0; i < x.length; i++) keys[i] = `${Math.round((x[i] as number) / precision)},${Math.round((y[i] as number) / precision)}`;
  return ok(keys);
}
