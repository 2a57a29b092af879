import { formatAppError } from '../../../shared/base/errors';
import { queryLinkRecords, type LinkRecords } from '../../../shared/domain/link/records';
import { dataPeriod, linkedPlaces, parsePeriodText, PEOPLE_BY, PERSON_KINDS, type PeopleBy, type PeopleRow } from '../../../shared/domain/people/list';
import { describeRanking, maskPerson, rankPeople, type PeopleRanking } from '../../../shared/domain/people/rank';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { projectDatasets } from '../datasets/project-datasets';
import { ensureDatasetLoaded } from '../datasets/source-tables';

/** What the People panel asks for: `spi people P.spiproj --by ... --period ... --top N --filter ...`. */
export interface PeopleRequest {
  readonly by: PeopleBy;
  readonly period: string;
  readonly top: number;
  readonly filter: string;
}

/** A ranked list ready to show: ids masked unless `unmasked`. */
export interface PeopleList {
  readonly dataset: string;
  readonly rows: PeopleRow[];
  readonly statement: string[];
  readonly counts: PeopleRanking['counts'];
  readonly masked: boolean;
}

const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/**
 * Ranks the persons of the project's dataset of the kind `req.by` reads, with their places and
 * linked places in the other person-based datasets, as `spi people` does (same shared code:
 * queryLinkRecords, rankPeople, linkedPlaces, maskPerson, describeRanking). Ids are masked with
 * `salt` unless `unmasked`. Throws a plain-words Error for a bad period or filter, or a project
 * without such a dataset.
 */
export async function runPeople(engine: SqlEngine, createdAt: string, req: PeopleRequest, salt: string, unmasked: boolean): Promise<PeopleList> {
  const period = parsePeriodText('Period', req.period);
  if (!period.ok) throw new Error(formatAppError(period.error));
  if (!Number.isInteger(req.top) || req.top < 1 || req.top > 10_000) throw new Error(`Top: "${req.top}" is not a whole number from 1 to 10000`);
  const { kind, what } = PEOPLE_BY[req.by];
  const datasets = projectDatasets(createdAt);
  const target = datasets.find((d) => d.meta.kind === kind && d.table);
  if (!target) throw new Error(`The project has no dataset of kind ${kind} (datasets: ${datasets.map((d) => `${d.meta.id} (${d.meta.kind})`).join(', ')})`);
  const filter = req.filter.trim() || undefined;
  const main = await ensureDatasetLoaded(engine, createdAt, target.meta.id);
  const r = await queryLinkRecords(engine, main.table, target.meta.id, filter);
  if (!r.ok) throw new Error(`Filter: ${formatAppError(r.error)}`);
  if (r.value.persons.every((p) => p === null)) throw new Error(`Dataset "${target.meta.id}" has no person_id column (map a person id column when importing it)`);
  const others: { id: string; records: LinkRecords }[] = [];
  for (const d of datasets) {
    if (d === target || !PERSON_KINDS.includes(d.meta.kind) || !d.table) continue;
    const loaded = await ensureDatasetLoaded(engine, createdAt, d.meta.id);
    const o = await queryLinkRecords(engine, loaded.table, d.meta.id);
    if (o.ok && o.value.persons.some((p) => p !== null)) others.push({ id: d.meta.id, records: o.value });
  }
  const ranking = rankPeople(r.value, period.value, req.top);
  const linked = linkedPlaces(ranking, others);
  const shown = await Promise.all(ranking.people.map((p) => (unmasked ? Promise.resolve(p.written) : maskPerson(salt, p.key))));
  const source = `dataset ${target.meta.id}${filter ? ` (filter ${filter})` : ''}`;
  const statement = describeRanking(what, source, period.value.fromDay === Number.NEGATIVE_INFINITY ? dataPeriod(r.value) : period.value, ranking.counts, !unmasked)
    // The app's words for the CLI's --unmask.
    .map((s) => s.replace('--unmask shows them and is logged', '"Show ids…" shows them, asks why and logs it'));
  const rows = ranking.people.map((p, k) => ({ rank: p.rank, person: shown[k] as string, count: p.count, first: day(p.firstDay), last: day(p.lastDay), places: p.places, linkedPlaces: linked.get(p.key) ?? [] }));
  return { dataset: target.meta.id, rows, statement, counts: ranking.counts, masked: !unmasked };
}

/** A new masking salt: 16 random bytes as hex (Web Crypto). */
export function newMaskSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
