import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { computeLinks } from '../../../shared/domain/link/compute';
import { LINK_NAME, toLinkDocument, toLinkLogEntry } from '../../../shared/domain/link/document';
import { scoreLinks, type LinkScore } from '../../../shared/domain/link/evaluate';
import { queryLinkRecords } from '../../../shared/domain/link/records';
import { describeLinkRule, formatLinkRule, parseLinkRule } from '../../../shared/domain/link/rule';
import { openNodeEngine } from '../../services/duckdb-node';
import { saveProjectFile } from '../../services/project-file';
import { CliInputError, EXIT_OK, type CliIo, type Verb } from '../io';
import { fail } from './analysis-source';
import { loadSourceTable, openProjectOption, parseKindOption } from './link-source';

const HELP = `spi link SRC_A SRC_B --by case|person|place:50m,2d [options]

Links the records of two sources and lists the links, with a review list of the uncertain ones.
  --by case               same case number: a call's or arrest's related case (its "Case Number"
                          column) against an incident's case number; ids compare after
                          upper-casing, dropping spaces/dashes and leading zeros
  --by person             same person id (a leading "P"/"ID" prefix and leading zeros ignored)
  --by place:50m,2d       within 50 m (also km, ft) AND within 2 days (also h); each A record
                          links to its closest B candidate (distance/50m + days/2d smallest)
  --by place:address,2d   same normalized street address, within 2 days
  --by place:block,2d     same hundred block (one street segment), within 2 days
  --by place:cell100m,2d  same 100 m grid cell, within 2 days
Dates without a time (a hospital arrival date) compare by calendar day. Review list: case and
person links whose ids were written differently; place links with a tie (another candidate within
0.1 of the best score) or near a limit (over 80% of the distance or the window).

SRC_A, SRC_B: with --project, dataset ids of the project; otherwise files: a normalized dataset
(.parquet, or CSV written by "spi ingest") or any export (CSV, Excel, GeoJSON), loaded through the
standard ingest pipeline as the kind its name suggests (calls, arrests, field interviews,
probation, hospital, facilities; else incidents) or --kind-a/--kind-b.

Options:
  --project P.spiproj   take SRC_A and SRC_B from this project
  --save NAME           keep the links in the project as document links/NAME, with a log entry
  --filter-a "SQL"      keep only A rows matching a predicate (e.g. "offense_code IN ('13A','09A')")
  --filter-b "SQL"      the same for B
  --kind-a K, --kind-b K  dataset kind of a file SRC (incidents, calls, arrests, ...)
  --crs EPSG:N          CRS of x/y columns of file SRCs that do not say it
  --truth FILE.csv      score the links against known true links (columns link, from_id, to_id:
                        the sample city's ground_truth_links.csv): precision and recall
  --truth-link KIND     use only truth rows of this link kind (e.g. call-case)
  --limit N             links and review rows printed in text output (default 20)
  --json                everything as JSON, every link included
`;

const OPTIONS = {
  by: { type: 'string' },
  project: { type: 'string' },
  save: { type: 'string' },
  'filter-a': { type: 'string' },
  'filter-b': { type: 'string' },
  'kind-a': { type: 'string' },
  'kind-b': { type: 'string' },
  crs: { type: 'string' },
  truth: { type: 'string' },
  'truth-link': { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const linkVerb: Verb = {
  name: 'link',
  summary: 'link records of two sources by case number, person id or place and time, with a review list',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    if (positionals.length !== 2) throw new CliInputError(`name two sources, SRC_A and SRC_B (got ${positionals.length})`);
    const [srcA, srcB] = positionals as [string, string];
    if (values.by === undefined) throw new CliInputError('--by is required: case, person or place:50m,2d');
    const rule = parseLinkRule(values.by);
    if (!rule.ok) fail(rule.error);
    if (values.save !== undefined && !values.project) throw new CliInputError('--save needs --project P.spiproj');
    if (values.save !== undefined && !LINK_NAME.test(values.save)) throw new CliInputError(`--save: "${values.save}" is not a valid name (letters, digits, '.', '_', '-', up to 64)`);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new CliInputError(`--limit: "${values.limit}" is not a whole number >= 0`);
    const kindA = parseKindOption('--kind-a', values['kind-a']);
    const kindB = parseKindOption('--kind-b', values['kind-b']);
    const project = values.project ? await openProjectOption(values.project, io.cwd, values.save !== undefined) : null;
    const truth = values.truth ? await readTruth(values.truth, values['truth-link'], io.cwd) : null;

    const engine = await openNodeEngine();
    let result;
    try {
      const a = await loadSourceTable(engine, srcA, 'link_a', { project: project?.opened ?? null, kind: kindA, crs: values.crs, cwd: io.cwd });
      const b = await loadSourceTable(engine, srcB, 'link_b', { project: project?.opened ?? null, kind: kindB, crs: values.crs, analysisCrs: a.analysisCrs, cwd: io.cwd });
      if (rule.value.by === 'place' && a.analysisCrs && b.analysisCrs && a.analysisCrs !== b.analysisCrs) {
        throw new CliInputError(`${srcA} is in ${a.analysisCrs} and ${srcB} in ${b.analysisCrs}: place links need one metric CRS (re-ingest one with --analysis-crs)`);
      }
      const A = await queryLinkRecords(engine, 'link_a', srcA, values['filter-a']);
      if (!A.ok) fail(A.error.kind === 'invalid-argument' ? { ...A.error, name: '--filter-a' } : A.error);
      const B = await queryLinkRecords(engine, 'link_b', srcB, values['filter-b']);
      if (!B.ok) fail(B.error.kind === 'invalid-argument' ? { ...B.error, name: '--filter-b' } : B.error);
      result = { a, b, A: A.value, B: B.value };
    } finally {
      await engine.close();
    }
    const { a, b, A, B } = result;
    const started = performance.now();
    const links = computeLinks(A, B, rule.value);
    const seconds = (performance.now() - started) / 1000;
    const score = truth ? scoreLinks(A, B, links, truth.from, truth.to) : null;
    const createdAt = new Date().toISOString();
    const sides = { a: { source: srcA, filter: values['filter-a'] ?? null }, b: { source: srcB, filter: values['filter-b'] ?? null } };
    const doc = toLinkDocument(values.save ?? 'unsaved', rule.value, links, A, B, sides, createdAt);
    let saved: string | null = null;
    if (project && values.save !== undefined) {
      const p = project.opened.project;
      const updated = { ...p, documents: { ...p.documents, [`links/${values.save}`]: doc }, log: [...p.log, toLinkLogEntry(doc, 'spi link', { [srcA]: a.dataHash, [srcB]: b.dataHash })] };
      const written = await saveProjectFile(updated, project.path, process.env.npm_package_version ?? '0.1.0');
      if (!written.ok) throw new CliInputError(`--save: ${formatAppError(written.error)}`);
      saved = `links/${values.save}`;
    }
    if (values.json) {
      io.out(`${JSON.stringify({ ...doc, sources: { a: { ...sides.a, how: a.how, kind: a.kind }, b: { ...sides.b, how: b.how, kind: b.kind } }, score, saved, seconds: Number(seconds.toFixed(3)) })}\n`);
      return EXIT_OK;
    }
    const c = links.counts;
    const lines = [
      `Link ${srcA} (A) to ${srcB} (B) by ${formatLinkRule(rule.value)}: ${describeLinkRule(rule.value)}.`,
      `A: ${c.aRecords.toLocaleString('en-US')} records (${a.how})${c.aUnusable ? `, ${c.aUnusable.toLocaleString('en-US')} without what the rule needs` : ''}${sides.a.filter ? `; filter ${sides.a.filter}` : ''}.`,
      `B: ${c.bRecords.toLocaleString('en-US')} records (${b.how})${c.bUnusable ? `, ${c.bUnusable.toLocaleString('en-US')} without what the rule needs` : ''}${sides.b.filter ? `; filter ${sides.b.filter}` : ''}.`,
      `${c.links.toLocaleString('en-US')} links: ${c.aLinked.toLocaleString('en-US')} A records linked, ${c.bLinked.toLocaleString('en-US')} B records linked; ${c.review.toLocaleString('en-US')} to review.`,
    ];
    if (score) lines.push(formatScore(score));
    const shown = Math.min(limit, doc.links.a.length);
    if (shown > 0) {
      lines.push('', `First ${shown} links (A -> B, distance m, days):`);
      for (let k = 0; k < shown; k++) lines.push(`  ${doc.links.a[k]} -> ${doc.links.b[k]}  ${doc.links.distanceM[k] ?? '-'}  ${doc.links.days[k] ?? '-'}${doc.links.review[k] ? '  REVIEW' : ''}`);
    }
    if (doc.review.length > 0 && limit > 0) {
      lines.push('', `Review list (${doc.review.length.toLocaleString('en-US')}; first ${Math.min(limit, doc.review.length)}):`);
      for (const r of doc.review.slice(0, limit)) lines.push(`  ${r.a} -> ${r.b}: ${r.reasons.join('; ')} (${r.candidates} candidate${r.candidates === 1 ? '' : 's'})`);
    }
    if (saved) lines.push('', `Saved as ${saved} in ${values.project}, with a log entry "link".`);
    io.out(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};

/** "Against the truth: precision 0.981 (...), recall 0.944 (...)". */
export function formatScore(s: LinkScore): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
  return (
    `Against the truth: precision ${f(s.precision)} (${s.correct.toLocaleString('en-US')} of ${s.found.toLocaleString('en-US')} links true), ` +
    `recall ${f(s.recall)} (${s.correct.toLocaleString('en-US')} of ${s.truth.toLocaleString('en-US')} true links found; ${s.truthMissing.toLocaleString('en-US')} true links have a record missing from a source); ` +
    `review list: ${s.reviewCorrect.toLocaleString('en-US')} of ${s.review.toLocaleString('en-US')} true.`
  );
}

/** Reads a truth CSV (link,from_id,to_id), optionally one link kind. */
async function readTruth(file: string, kind: string | undefined, cwd: string): Promise<{ from: string[]; to: string[] }> {
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch(() => null);
  if (text === null) throw new CliInputError(`--truth: ${file}: file not found`);
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = (rows[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const [li, fi, ti] = ['link', 'from_id', 'to_id'].map((h) => head.indexOf(h));
  if (fi === undefined || ti === undefined || fi < 0 || ti < 0) throw new CliInputError(`--truth: ${file} has no from_id and to_id columns (header: ${rows[0] ?? ''})`);
  const from: string[] = [];
  const to: string[] = [];
  for (const line of rows.slice(1)) {
    const cells = line.split(',');
    if (kind !== undefined && li !== undefined && li >= 0 && cells[li] !== kind) continue;
    from.push(cells[fi] ?? '');
    to.push(cells[ti] ?? '');
  }
  if (kind !== undefined && from.length === 0) throw new CliInputError(`--truth-link: no rows of link kind "${kind}" in ${file}`);
  return { from, to };
}

