/**
 * Repeat people: persons ranked by how many records (arrests, field contacts, victimizations) a
 * source holds for them in a period, for focused-deterrence and offender-based strategies. The
 * method is deliberately simple and stated in plain words with every list (see
 * {@link describeRanking}): one record counts one; ties go to the person with the more recent
 * record, then to the smaller id. Persons are identified by their normalized id
 * (link/keys.ts personKey), so "P000123" and "p-000123" are one person.
 * Masking: ids are shown as "P-" + the first 6 hex digits of SHA-256(salt + ":" + key), stable
 * for one salt (a project keeps a secret salt), unreadable without it.
 */
import { sha256Hex } from '../../base/hash';
import { personKey } from '../link/keys';

/** What the ranking reads: parallel arrays of one source. */
export interface PeopleRecords {
  readonly persons: readonly (string | null)[];
  /** Days since the epoch; NaN when unknown. */
  readonly t: Float64Array;
  readonly addresses: readonly (string | null)[];
}

/** A period of whole days: [fromDay, toDay] both included (days since the epoch). */
export interface DayPeriod {
  readonly fromDay: number;
  readonly toDay: number;
}

/** One ranked person. */
export interface RankedPerson {
  readonly rank: number;
  readonly key: string;
  /** The id as first written in the source. */
  readonly written: string;
  readonly count: number;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Most frequent addresses of the person's records in the period, most frequent first (at most 3). */
  readonly places: readonly { readonly address: string; readonly count: number }[];
}

export interface PeopleRanking {
  readonly people: RankedPerson[];
  readonly counts: { readonly records: number; readonly inPeriod: number; readonly withoutPerson: number; readonly withoutDate: number; readonly persons: number; readonly personsWithTwoOrMore: number };
}

/**
 * Ranks persons by record count in `period` (see module comment), keeping the first `top`.
 * Records without a person id or without a date are counted apart, never guessed.
 */
export function rankPeople(r: PeopleRecords, period: DayPeriod, top: number): PeopleRanking {
  const by = new Map<string, { written: string; count: number; first: number; last: number; places: Map<string, number> }>();
  let inPeriod = 0;
  let withoutPerson = 0;
  let withoutDate = 0;
  for (let i = 0; i < r.persons.length; i++) {
    const t = r.t[i] as number;
    if (!Number.isFinite(t)) {
      withoutDate++;
      continue;
    }
    const day = Math.floor(t);
    if (day < period.fromDay || day > period.toDay) continue;
    inPeriod++;
    const key = personKey(r.persons[i] ?? null);
    if (key === null) {
      withoutPerson++;
      continue;
    }
    let p = by.get(key);
    if (!p) {
      p = { written: (r.persons[i] as string).trim(), count: 0, first: day, last: day, places: new Map() };
      by.set(key, p);
    }
    p.count++;
    p.first = Math.min(p.first, day);
    p.last = Math.max(p.last, day);
    const a = r.addresses[i];
    if (a) p.places.set(a, (p.places.get(a) ?? 0) + 1);
  }
  const ranked = [...by.entries()].sort((x, y) => y[1].count - x[1].count || y[1].last - x[1].last || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let two = 0;
  for (const [, p] of ranked) if (p.count >= 2) two++;
  return {
    people: ranked.slice(0, Math.max(0, top)).map(([key, p], k) => ({
      rank: k + 1,
      key,
      written: p.written,
      count: p.count,
      firstDay: p.first,
      lastDay: p.last,
      places: [...p.places.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3).map(([address, count]) => ({ address, count })),
    })),
    counts: { records: r.persons.length, inPeriod, withoutPerson, withoutDate, persons: by.size, personsWithTwoOrMore: two },
  };
}

/** "P-3fa9c1": the masked form of a person key under `salt` (see module comment). */
export async function maskPerson(salt: string, key: string): Promise<string> {
  const hex = await sha256Hex(new TextEncoder().encode(`${salt}:${key}`));
  return `P-${hex.slice(0, 6)}`;
}

/** The ranking method and its inputs in plain words, printed with every list. */
export function describeRanking(what: string, source: string, period: DayPeriod, counts: PeopleRanking['counts'], masked: boolean): string[] {
  const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return [
    `Persons are ranked by the number of ${what} records in ${source} dated from ${day(period.fromDay)} to ${day(period.toDay)} (both days included); each record counts one, nothing else is weighed.`,
    'Ties go to the person whose latest record is more recent, then to the smaller id. Ids are compared after upper-casing and dropping a short letter prefix, dashes and leading zeros.',
    `Inputs: ${counts.records.toLocaleString('en-US')} records read, ${counts.inPeriod.toLocaleString('en-US')} in the period, ${counts.withoutPerson.toLocaleString('en-US')} of those without a person id and ${counts.withoutDate.toLocaleString('en-US')} records without a date left out; ${counts.persons.toLocaleString('en-US')} persons, ${counts.personsWithTwoOrMore.toLocaleString('en-US')} with two or more.`,
    'Places: the most frequent addresses of the person\'s records in the period, and their addresses in the other person-based sources of the project.',
    masked ? 'Ids are masked (P- and 6 hex digits of a salted SHA-256 hash, stable within this project); --unmask shows them and is logged.' : 'Ids are shown UNMASKED; this use is recorded in the project log.',
  ];
}
