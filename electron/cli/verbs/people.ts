import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { queryLinkRecords, type LinkRecords } from '../../../shared/domain/link/records';
import { PEOPLE_BY, PERSON_KINDS, dataPeriod, linkedPlaces, maskSaltOf, parsePeriodText, toMaskDocument, toUnmaskLogEntry, type PeopleBy } from '../../../shared/domain/people/list';
import { describeRanking, maskPerson, rankPeople, type DayPeriod } from '../../../shared/domain/people/rank';
import { openNodeEngine } from '../../services/duckdb-node';
import { saveProjectFile } from '../../services/project-file';
import { CliInputError, EXIT_OK, type CliIo, type Verb } from '../io';
import { fail } from './analysis-source';
import { loadSourceTable, openProjectOption } from './link-source';

const HELP = `spi people P.spiproj --by arrests|contacts|victimizations [--period A..B] [--top N] [options]

Repeat people: persons ranked by their number of arrests, field contacts or victimizations
(hospital violent-injury records) in a period, with their linked places, for focused-deterrence
or offender-based strategies. The ranking method and its inputs are printed in plain words with
every list. Person ids are MASKED by default: shown as P- and 6 hex digits of a salted SHA-256
hash, stable within the project (the secret salt is kept in the project as document people/mask,
created on first use). --unmask prints the ids and records that use in the project log.

Options:
  --by WHAT        arrests (dataset of kind arrests), contacts (field-interviews) or
                   victimizations (hospital)
  --dataset ID     rank this dataset instead (any dataset with a person_id column)
  --period A..B    dates YYYY-MM-DD, both included (default: every record)
  --top N          persons listed (default 20)
  --filter "SQL"   keep only some records (e.g. "offense_group = 'violent'")
  --unmask         show real person ids (logged in the project)
  --reason TEXT    why the ids are unmasked (kept in the log entry; required with --unmask)
  --json           everything as JSON
`;

const OPTIONS = {
  by: { type: 'string' },
  dataset: { type: 'string' },
  period: { type: 'string' },
  top: { type: 'string' },
  filter: { type: 'string' },
  unmask: { type: 'boolean' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** "2023-01-01..2023-12-31" -> whole days since the epoch, both included (shared/domain/people/list.ts). */
export function parsePeriodOption(text: string | undefined): DayPeriod {
  if (text === undefined) return { fromDay: Number.NEGATIVE_INFINITY, toDay: Number.POSITIVE_INFINITY };
  const r = parsePeriodText('--period', text);
  if (!r.ok) throw new CliInputError(`--period: "${text}" is not valid (expected YYYY-MM-DD..YYYY-MM-DD, the end not before the start)`);
  return r.value;
}

export const peopleVerb: Verb = {
  name: 'people',
  summary: 'repeat people: persons ranked by arrests, field contacts or victimizations (masked by default)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    if (positionals.length !== 1) throw new CliInputError('name one project: spi people P.spiproj --by arrests');
    const src = positionals[0] as string;
    if (!src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`"${src}" is not a project: person lists need a .spiproj (its secret masking salt and its log)`);
    const by = values.by ?? (values.dataset ? undefined : 'arrests');
    if (by !== undefined && !(by in PEOPLE_BY)) throw new CliInputError(`--by: "${values.by}" is not valid (expected arrests, contacts or victimizations)`);
    const period = parsePeriodOption(values.period);
    const top = values.top === undefined ? 20 : Number(values.top);
    if (!Number.isInteger(top) || top < 1 || top > 10_000) throw new CliInputError(`--top: "${values.top}" is not a whole number from 1 to 10000`);
    if (values.unmask && !values.reason?.trim()) throw new CliInputError('--unmask needs --reason "why the ids are needed" (it is recorded in the project log)');
    const { opened, path: abs } = await openProjectOption(src, io.cwd, true);
    const datasets = opened.project.datasets;
    const target = values.dataset ? datasets.find((d) => d.meta.id === values.dataset) : datasets.find((d) => d.meta.kind === PEOPLE_BY[by as PeopleBy].kind);
    if (!target) throw new CliInputError(values.dataset ? `--dataset: "${values.dataset}" is not in ${src} (datasets: ${datasets.map((d) => d.meta.id).join(', ')})` : `${src} has no dataset of kind ${PEOPLE_BY[by as PeopleBy].kind} (datasets: ${datasets.map((d) => `${d.meta.id} (${d.meta.kind})`).join(', ')})`);
    const what = by ? PEOPLE_BY[by as PeopleBy].what : `${target.meta.id}`;

    const engine = await openNodeEngine();
    const others: { id: string; kind: string; records: LinkRecords }[] = [];
    let main: LinkRecords;
    try {
      await loadSourceTable(engine, target.meta.id, 'people_main', { project: opened, cwd: io.cwd });
      const r = await queryLinkRecords(engine, 'people_main', target.meta.id, values.filter);
      if (!r.ok) fail(r.error.kind === 'invalid-argument' ? { ...r.error, name: '--filter' } : r.error);
      main = r.value;
      if (main.persons.every((p) => p === null)) throw new CliInputError(`dataset "${target.meta.id}" has no person_id column (map a person id column when importing it)`);
      for (const d of datasets) {
        if (d === target || !PERSON_KINDS.includes(d.meta.kind) || !d.table) continue;
        const table = `people_${others.length}`;
        await loadSourceTable(engine, d.meta.id, table, { project: opened, cwd: io.cwd });
        const o = await queryLinkRecords(engine, table, d.meta.id);
        if (o.ok && o.value.persons.some((p) => p !== null)) others.push({ id: d.meta.id, kind: d.meta.kind, records: o.value });
      }
    } finally {
      await engine.close();
    }
    const ranking = rankPeople(main, period, top);
    const linked = linkedPlaces(ranking, others);

    // The salt: kept secret in the project; made (and saved) on first use.
    let project = opened.project;
    let salt = maskSaltOf(project.documents);
    let changed = false;
    if (salt === null) {
      salt = randomBytes(16).toString('hex');
      project = { ...project, documents: { ...project.documents, 'people/mask': toMaskDocument(salt, new Date().toISOString()) } };
      changed = true;
    }
    const shown = await Promise.all(ranking.people.map(async (p) => (values.unmask ? p.written : maskPerson(salt as string, p.key))));
    const statement = describeRanking(what, `dataset ${target.meta.id}${values.filter ? ` (filter ${values.filter})` : ''}`, period.fromDay === Number.NEGATIVE_INFINITY ? dataPeriod(main) : period, ranking.counts, !values.unmask);
    if (values.unmask) {
      project = {
        ...project,
        log: [...project.log, toUnmaskLogEntry({ dataset: target.meta.id, by: (by as PeopleBy | undefined) ?? null, period: values.period ?? null, top, filter: values.filter ?? null }, ranking.people.length, values.reason ?? '', 'spi people')],
      };
      changed = true;
    }
    if (changed) {
      const saved = await saveProjectFile(project, abs, process.env.npm_package_version ?? '0.1.0');
      if (!saved.ok) throw new CliInputError(`${src}: could not record the ${values.unmask ? 'unmasked use' : 'masking salt'}: ${formatAppError(saved.error)}`);
    }
    const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const rows = ranking.people.map((p, k) => ({ rank: p.rank, person: shown[k] as string, count: p.count, first: day(p.firstDay), last: day(p.lastDay), places: p.places, linkedPlaces: linked.get(p.key) ?? [] }));
    if (values.json) {
      io.out(`${JSON.stringify({ method: statement, masked: !values.unmask, dataset: target.meta.id, counts: ranking.counts, people: rows, logged: values.unmask ? 'people.unmask' : null }, null, 2)}\n`);
      return EXIT_OK;
    }
    const lines = [`Repeat people: ${what} (${values.unmask ? 'UNMASKED' : 'masked'})`, '', ...statement, ''];
    for (const r of rows) {
      lines.push(`${String(r.rank).padStart(3)}. ${r.person}  ${r.count} record${r.count === 1 ? '' : 's'}  ${r.first} .. ${r.last}`);
      for (const p of r.places) lines.push(`       ${p.address} (${p.count})`);
      for (const l of r.linkedPlaces) lines.push(`       ${l.source}: ${l.address}${l.count > 1 ? ` (${l.count})` : ''}`);
    }
    if (values.unmask) lines.push('', `This unmasked use was recorded in the log of ${src} (people.unmask).`);
    io.out(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};
