/**
 * The pieces of `spi people` the app needs too, so both build the same list: which dataset
 * kind each ranking reads, the period text, the records' own period, the linked places of the
 * ranked persons in the project's other person-based sources, the masking salt document, the
 * unmask log entry, and the CSV of a (masked or unmasked) list.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { personKey } from '../link/keys';
import type { LinkRecords } from '../link/records';
import type { LogEntry } from '../project/manifest';
import { hundredBlock } from '../privacy/apply';
import type { PrivacyProfile } from '../privacy/profile';
import type { DayPeriod, PeopleRanking } from './rank';

/** What `--by` ranks: the dataset kind read and the record noun. */
export const PEOPLE_BY = {
  arrests: { kind: 'arrests', what: 'arrest' },
  contacts: { kind: 'field-interviews', what: 'field contact' },
  victimizations: { kind: 'hospital', what: 'victimization (violent injury)' },
} as const;

/** A `--by` value. */
export type PeopleBy = keyof typeof PEOPLE_BY;

/** Dataset kinds whose records carry person ids (their addresses become linked places). */
export const PERSON_KINDS: readonly string[] = ['arrests', 'field-interviews', 'probation', 'hospital'];

/** The project document that keeps the secret masking salt. */
export const MASK_DOCUMENT = 'people/mask';

/** The salt of a project's `people/mask` document, or null when there is none yet. */
export function maskSaltOf(documents: Readonly<Record<string, unknown>>): string | null {
  const d = documents[MASK_DOCUMENT] as { salt?: unknown } | undefined;
  return typeof d?.salt === 'string' && d.salt.length > 0 ? d.salt : null;
}

/** The `people/mask` document for a new salt (hex text from a secure random source). */
export function toMaskDocument(salt: string, createdAt: string): Record<string, unknown> {
  return { kind: 'people-mask', formatVersion: 1, salt, createdAt };
}

/**
 * "2023-01-01..2023-12-31" -> whole days since the epoch, both included; empty text is every
 * record (an infinite period). Errors name `name` and the text.
 */
export function parsePeriodText(name: string, text: string): Result<DayPeriod, AppError> {
  if (text.trim() === '') return ok({ fromDay: Number.NEGATIVE_INFINITY, toDay: Number.POSITIVE_INFINITY });
  const m = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  const from = m ? Date.parse(`${m[1]}T00:00:00Z`) : Number.NaN;
  const to = m ? Date.parse(`${m[2]}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return err({ kind: 'invalid-argument', name, value: text, expected: 'YYYY-MM-DD..YYYY-MM-DD, the end not before the start' });
  return ok({ fromDay: from / 86_400_000, toDay: to / 86_400_000 });
}

/** The records' own date range as whole days (for the statement when no period is given); 0..0 when undated. */
export function dataPeriod(r: Pick<LinkRecords, 't'>): DayPeriod {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const t of r.t) {
    if (!Number.isFinite(t)) continue;
    lo = Math.min(lo, Math.floor(t));
    hi = Math.max(hi, Math.floor(t));
  }
  return Number.isFinite(lo) ? { fromDay: lo, toDay: hi } : { fromDay: 0, toDay: 0 };
}

/** One linked place: a person's most frequent address in another source. */
export interface LinkedPlace {
  readonly source: string;
  readonly address: string;
  readonly count: number;
}

/**
 * For each ranked person (by normalized key), their most frequent address in each other source
 * (ties: the address met first). Sources without a record of the person add nothing.
 */
export function linkedPlaces(ranking: PeopleRanking, others: readonly { id: string; records: Pick<LinkRecords, 'persons' | 'addresses'> }[]): Map<string, LinkedPlace[]> {
  const wanted = new Set(ranking.people.map((p) => p.key));
  const linked = new Map<string, LinkedPlace[]>();
  for (const o of others) {
    const per = new Map<string, Map<string, number>>();
    o.records.persons.forEach((p, i) => {
      const key = personKey(p);
      const a = o.records.addresses[i];
      if (key === null || !a || !wanted.has(key)) return;
      const m = per.get(key) ?? new Map<string, number>();
      m.set(a, (m.get(a) ?? 0) + 1);
      per.set(key, m);
    });
    for (const [key, m] of per) {
      const [address, count] = [...m.entries()].sort((x, y) => y[1] - x[1])[0] as [string, number];
      linked.set(key, [...(linked.get(key) ?? []), { source: o.id, address, count }]);
    }
  }
  return linked;
}

/** What a people list was asked for (kept in log entries). */
export interface PeopleQuery {
  readonly dataset: string;
  readonly by: PeopleBy | null;
  readonly period: string | null;
  readonly top: number;
  readonly filter: string | null;
}

/** The log entry of showing ids unmasked (action `people.unmask`), as `spi people --unmask --reason` writes it. */
export function toUnmaskLogEntry(q: PeopleQuery, persons: number, reason: string, by: string, at: string = new Date().toISOString()): LogEntry {
  return { at, by, action: 'people.unmask', parameters: { ...q, persons }, dataHashes: {}, note: `person ids shown unmasked: ${reason.trim()}` };
}

/** One row of a people list as shown and exported. */
export interface PeopleRow {
  readonly rank: number;
  readonly person: string;
  readonly count: number;
  readonly first: string;
  readonly last: string;
  readonly places: readonly { readonly address: string; readonly count: number }[];
  readonly linkedPlaces: readonly LinkedPlace[];
}

const csvCell = (v: string | number): string => {
  let s = String(v);
  // A text cell never starts a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The list as CSV (rank, person, records, first, last, places, linked_places; places joined
 * with "; "), preceded by the method statement as `#` comment lines so the file says how it was
 * ranked and whether ids are masked.
 */
export function toPeopleCsv(rows: readonly PeopleRow[], statement: readonly string[]): string {
  const lines = statement.map((s) => `# ${s.replace(/[\r\n]+/g, ' ')}`);
  lines.push('rank,person,records,first,last,places,linked_places');
  for (const r of rows) {
    const places = r.places.map((p) => `${p.address} (${p.count})`).join('; ');
    const linked = r.linkedPlaces.map((l) => `${l.source}: ${l.address} (${l.count})`).join('; ');
    lines.push([r.rank, r.person, r.count, r.first, r.last, places, linked].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The rows as a privacy profile allows them out: with `addresses: 'hundred-block'` every place
 * and linked place is generalized to its hundred block ("1234 MAIN ST" -> "1200 BLOCK MAIN ST")
 * and counts merged by the generalized address; other profile rules (grid, drops, suppression)
 * concern points and offense counts, not a list of persons, and change nothing here.
 */
export function applyProfileToPeopleRows(rows: readonly PeopleRow[], profile: Pick<PrivacyProfile, 'addresses'>): PeopleRow[] {
  if (profile.addresses !== 'hundred-block') return rows.map((r) => ({ ...r }));
  const merge = <T extends { address: string; count: number }>(list: readonly T[], key: (t: T) => string): T[] => {
    const out = new Map<string, T>();
    for (const p of list) {
      const address = hundredBlock(p.address) ?? p.address;
      const k = `${key(p)}\u0000${address}`;
      const had = out.get(k);
      out.set(k, had ? { ...had, count: had.count + p.count } : { ...p, address });
    }
    return [...out.values()];
  };
  return rows.map((r) => ({ ...r, places: merge(r.places, () => ''), linkedPlaces: merge(r.linkedPlaces, (l) => l.source) }));
}

/**
 * What a privacy profile does to a people list, in one line for the export and the panel
 * (only its address rule applies; see {@link applyProfileToPeopleRows}).
 */
export function describePeopleProfile(profile: Pick<PrivacyProfile, 'name' | 'addresses'>): string {
  const what = profile.addresses === 'hundred-block' ? 'places generalized to the hundred block' : 'places exact';
  return `Privacy profile "${profile.name}" applied to this list: ${what} (its grid, withheld offenses and small-count rules concern maps and counts, not a list of persons).`;
}
