/**
 * Runner for repeat and near-repeat locations (stats/repeats.ts; Farrell & Pease 1993 "Once
 * bitten, twice bitten"; Eck, Clarke & Guerette 2007 "Risky facilities"): places ranked by their
 * number of incidents in a period, with the share of all incidents that happen at places hit
 * more than once. A place is either the exact address text, or the incidents' coordinates
 * snapped to a square lattice of `precision` metres: 1 m finds incidents geocoded to the same
 * point (repeats), 10 m also joins incidents a few metres apart (near-repeat locations: the
 * same building geocoded to slightly different points, a corner and its frontage).
 * Used by `spi repeats` and the Analysis panel alike.
 */
import { ok, type Result } from '../../base/result';
import { computeRepeatLocations, locationKeysFromXY } from '../stats/repeats';
import { invalidArgument, type StatsError } from '../stats/errors';
import { makeTable, type AnalysisRun, type JsonValue } from './result';

/** How incidents are grouped into places. */
export type RepeatPrecision = { readonly kind: 'address' } | { readonly kind: 'metres'; readonly metres: number };

/** Parameters of {@link runRepeats}. */
export interface RepeatParams {
  readonly precision: RepeatPrecision;
  /** Places listed: those with at least this many incidents (default 2 = repeats only). */
  readonly minCount: number;
  /** Whole days since the epoch, both ends included; null = every incident. */
  readonly period: { readonly fromDay: number; readonly toDay: number } | null;
}

/** Incidents as columns: x/y in metres, dates as days since the epoch, address text. */
export interface RepeatInput {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly days: Float64Array | null;
  readonly addresses: readonly (string | null)[] | null;
}

/** Parses "address", "10m", "10" or "2.5m" (metres > 0). Error names the value. */
export function parseRepeatPrecision(text: string): Result<RepeatPrecision, StatsError> {
  const t = text.trim().toLowerCase();
  if (t === 'address') return ok({ kind: 'address' });
  const m = /^(\d+(?:\.\d+)?)\s*m?$/.exec(t);
  const v = m ? Number(m[1]) : Number.NaN;
  if (!(v > 0 && Number.isFinite(v))) return invalidArgument('--precision', text, 'address, or a lattice size in metres such as 1m or 10m');
  return ok({ kind: 'metres', metres: v });
}

/** "YYYY-MM-DD" of a day number (UTC calendar of naive local dates). */
export function formatDay(day: number): string | null {
  return Number.isFinite(day) ? new Date(Math.floor(day) * 86_400_000).toISOString().slice(0, 10) : null;
}

/** A place key as shown: the address, or the lattice cell's centre "x y" in metres. */
function placeLabel(key: string, p: RepeatPrecision): string {
  if (p.kind === 'address') return key;
  const [ix, iy] = key.split(',').map(Number);
  const round = (v: number) => String(Number(v.toFixed(3)));
  return `${round((ix as number) * p.metres)} ${round((iy as number) * p.metres)}`;
}

/** The stated convention of a repeats run. */
export function repeatsConvention(p: RepeatParams): string[] {
  const place =
    p.precision.kind === 'address'
      ? 'Place: the address text as recorded (trimmed; exact match, so "100 MAIN ST" and "100 Main St." are different places); incidents without an address are left out and counted.'
      : `Place: the incident's x/y snapped to a square lattice of ${p.precision.metres} m (cell k = round(x / s) on each axis, i.e. [(k - 1/2) s, (k + 1/2) s), s = ${p.precision.metres} m, ` +
        'centred on multiples of s from the CRS origin); incidents in the same cell are one place. ' +
        (p.precision.metres <= 1 ? 'At 1 m this finds incidents geocoded to the same point (repeats).' : 'Above 1 m it also joins incidents a few metres apart (near-repeat locations); two points closer than s can still fall in neighbouring cells.');
  return [
    'Repeat locations (Farrell & Pease 1993; Eck, Clarke & Guerette 2007): places ranked by incident count; a repeat place has 2 or more incidents in the period.',
    place,
    p.period
      ? `Period: incidents dated ${formatDay(p.period.fromDay)} to ${formatDay(p.period.toDay)}, both days included; undated incidents left out and counted.`
      : 'Period: every incident, dated or not.',
    `Listed: places with at least ${p.minCount} incidents; shares are of every place and every incident in the period, not only those listed.`,
  ];
}

/**
 * Ranks places by count. Table columns: rank, place, count, x, y (mean of its incidents,
 * metres), first_day, last_day, shortest_gap_days (least days between two of its incidents: a
 * near-repeat signal). Errors: bad min count, no incident with a place, addresses required
 * but missing.
 */
export function runRepeats(input: RepeatInput, params: RepeatParams): Result<AnalysisRun, StatsError> {
  if (!(Number.isInteger(params.minCount) && params.minCount >= 1)) return invalidArgument('--min', params.minCount, 'a whole number of incidents >= 1');
  const n = input.x.length;
  const keep = new Uint8Array(n);
  let outOfPeriod = 0;
  let undated = 0;
  for (let i = 0; i < n; i++) {
    if (params.period) {
      const d = input.days?.[i] ?? Number.NaN;
      if (!Number.isFinite(d)) {
        undated++;
        continue;
      }
      const day = Math.floor(d);
      if (day < params.period.fromDay || day > params.period.toDay) {
        outOfPeriod++;
        continue;
      }
    }
    keep[i] = 1;
  }
  let keys: (string | null)[];
  if (params.precision.kind === 'address') {
    if (!input.addresses) return invalidArgument('--precision', 'address', 'an address column in the data (or --precision 10m)');
    keys = Array.from(input.addresses, (a, i) => (keep[i] ? a : null));
  } else {
    const k = locationKeysFromXY(input.x, input.y, params.precision.metres);
    if (!k.ok) return k;
    keys = k.value.map((v, i) => (keep[i] ? v : null));
  }
  const r = computeRepeatLocations(keys);
  if (!r.ok) return r;
  const s = r.value;
  const rankOf = new Map<string, number>();
  s.keys.forEach((k, i) => rankOf.set(k, i));
  const L = s.locations;
  const sx = new Float64Array(L);
  const sy = new Float64Array(L);
  const first = new Float64Array(L).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(L).fill(Number.NEGATIVE_INFINITY);
  const dayLists: number[][] = Array.from({ length: L }, () => []);
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key === null || key === undefined || key.trim() === '') continue;
    const rk = rankOf.get(key.trim());
    if (rk === undefined) continue;
    sx[rk] = (sx[rk] as number) + (input.x[i] as number);
    sy[rk] = (sy[rk] as number) + (input.y[i] as number);
    const d = input.days?.[i];
    if (d !== undefined && Number.isFinite(d)) {
      first[rk] = Math.min(first[rk] as number, d);
      last[rk] = Math.max(last[rk] as number, d);
      if ((s.counts[rk] as number) >= params.minCount) dayLists[rk]?.push(d);
    }
  }
  let listed = 0;
  while (listed < L && (s.counts[listed] as number) >= params.minCount) listed++;
  const rank = new Int32Array(listed);
  const count = new Float64Array(listed);
  const mx = new Float64Array(listed);
  const my = new Float64Array(listed);
  const gap = new Float64Array(listed);
  const firstDay: (string | null)[] = [];
  const lastDay: (string | null)[] = [];
  for (let k = 0; k < listed; k++) {
    rank[k] = k + 1;
    const c = s.counts[k] as number;
    count[k] = c;
    mx[k] = (sx[k] as number) / c;
    my[k] = (sy[k] as number) / c;
    firstDay.push(formatDay(first[k] as number));
    lastDay.push(formatDay(last[k] as number));
    const days = (dayLists[k] ?? []).sort((a, b) => a - b);
    let g = Number.NaN;
    for (let j = 1; j < days.length; j++) g = Number.isNaN(g) ? (days[j] as number) - (days[j - 1] as number) : Math.min(g, (days[j] as number) - (days[j - 1] as number));
    gap[k] = Number.isNaN(g) ? g : Math.round(g * 1000) / 1000;
  }
  const freqCount: number[] = [];
  const freqPlaces: number[] = [];
  const freqIncidents: number[] = [];
  for (let c = s.frequency.length - 1; c >= 1; c--) {
    const places = s.frequency[c] as number;
    if (places === 0) continue;
    freqCount.push(c);
    freqPlaces.push(places);
    freqIncidents.push(c * places);
  }
  // Incidents outside the period were given no key: they are not "without a place".
  const noPlace = s.missing - outOfPeriod - undated;
  const warnings: string[] = [];
  if (noPlace > 0 && params.precision.kind === 'address') warnings.push(`${noPlace} incident(s) in the period have no address and are not counted at any place.`);
  if (s.repeatLocations === 0) warnings.push('No place has 2 or more incidents in the period.');
  const summary: Record<string, JsonValue> = {
    incidents: s.incidents,
    places: s.locations,
    repeatPlaces: s.repeatLocations,
    incidentsAtRepeatPlaces: s.incidentsAtRepeatLocations,
    shareOfIncidentsAtRepeatPlaces: s.shareOfIncidentsAtRepeats,
    shareOfPlacesRepeat: s.shareOfLocationsRepeat,
    maxAtOnePlace: (s.counts[0] as number) ?? 0,
    listed,
    leftOut: { noPlace, outOfPeriod, undated },
  };
  return ok({
    verb: 'repeats',
    method: 'Repeat and near-repeat locations',
    parameters: {
      precision: params.precision.kind === 'address' ? 'address' : `${params.precision.metres}m`,
      min: params.minCount,
      period: params.period ? `${formatDay(params.period.fromDay)}..${formatDay(params.period.toDay)}` : null,
    },
    convention: repeatsConvention(params),
    summary,
    table: makeTable('places', [
      { name: 'rank', values: rank },
      { name: 'place', values: s.keys.slice(0, listed).map((k) => placeLabel(k, params.precision)) },
      { name: 'count', values: count },
      { name: 'x', values: mx },
      { name: 'y', values: my },
      { name: 'first_day', values: firstDay },
      { name: 'last_day', values: lastDay },
      { name: 'shortest_gap_days', values: gap },
    ]),
    tables: [
      makeTable('frequency', [
        { name: 'incidents_at_place', values: Float64Array.from(freqCount) },
        { name: 'places', values: Float64Array.from(freqPlaces) },
        { name: 'incidents', values: Float64Array.from(freqIncidents) },
      ]),
    ],
    warnings,
  });
}
