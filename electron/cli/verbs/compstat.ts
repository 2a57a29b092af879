import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { comparisonPeriod, formatPctChange, parsePeriod, periodDays, type CompareMode, type CompstatBy, type CompstatResult } from '../../../shared/domain/explore/compstat';
import { compstatTable, queryCompstat, queryLatestDay } from '../../../shared/domain/explore/compstat-query';
import { detectExtraColumns } from '../../../shared/domain/explore/extra-columns';
import { detectExploreColumns } from '../../../shared/domain/explore/filters';
import { formatRowsCsv } from '../../../shared/domain/explore/table-query';
import { checkFilterPredicate } from '../../../shared/domain/analysis/points';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { writeFileAtomic } from '../../services/atomic-write';
import { openNodeEngine } from '../../services/duckdb-node';
import { openProjectFile } from '../../services/project-file';
import { CliInputError, EXIT_OK, type CliIo, type Verb } from '../io';

const HELP = `spi compstat SRC --period A..B [--compare previous|last-year] [--by group|beat|district]
             [--filter "SQL"] [--alpha P] [--json | --out FILE.csv]

CompStat: incidents in this period against a comparison period, by offense group, beat or
district, with the change, the percentage change and whether the change is larger than chance.

SRC       a project (.spiproj: its "incidents" dataset, or --dataset ID), a normalized Parquet
          from "spi ingest", or an RMS export CSV (columns found by name: Occurred From,
          Offense Code, Beat, District, or the normalized names)
--period  A..B (ISO days, both included), last-N (the N days ending on the latest incident
          date, e.g. last-28), ytd (1 January to the latest date) or mtd (month to date)
--compare previous (default): the same number of days just before A;
          last-year: the same dates one year earlier (29 Feb -> 28 Feb)
--by      group (default: NIBRS offense groups), beat or district
--filter  keep rows matching a SQL predicate on the source's columns (read-only)
--alpha   flag changes with p < alpha (default 0.05)
--dataset ID    which dataset of a project
--json    print everything as JSON
--out     write the table as CSV (text cells never start a formula)

Dates are of occurred-from (time of day ignored: a period runs from 00:00 of A to 24:00 of B).
The test: with a incidents in tA days and b in tB days, under "the daily rate did not change"
a | a+b ~ Binomial(a+b, tA/(tA+tB)) (conditional test of two Poisson counts, Przyborowski &
Wilenski 1940); p is two-sided exact (the binom.test "minlike" rule). z is the square-root
rule: z = 2 (sqrt(a) - sqrt(r b)) / sqrt(1 + r), r = tA/tB (the square root of a Poisson count
has variance 1/4, Anscombe 1948); |z| > 1.96 is roughly p < 0.05.
No correction for testing many rows: at alpha 0.05 about 1 in 20 unchanged beats is flagged.
pct_change is empty when the comparison count is 0.

Example:
  spi compstat city.spiproj --period last-28 --by beat --out compstat.csv
  spi compstat incidents.csv --period ytd --compare last-year --json
`;

const OPTIONS = {
  period: { type: 'string' },
  compare: { type: 'string' },
  by: { type: 'string' },
  filter: { type: 'string' },
  alpha: { type: 'string' },
  dataset: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
} as const;

async function fileBytes(arg: string, abs: string): Promise<Uint8Array> {
  const info = await stat(abs).catch(() => null);
  if (!info) throw new CliInputError(`${arg}: file not found`);
  if (!info.isFile()) throw new CliInputError(`${arg}: not a file`);
  return new Uint8Array(await readFile(abs));
}

/** Loads SRC as table "t" (a project's dataset through Arrow, else CSV/Parquet). */
async function loadSource(engine: SqlEngine, src: string, abs: string, dataset: string | undefined): Promise<void> {
  if (src.toLowerCase().endsWith('.spiproj')) {
    await fileBytes(src, abs);
    const o = await openProjectFile(abs);
    if (!o.ok) throw new CliInputError(formatAppError(o.error.kind === 'file-format' ? { ...o.error, path: src } : o.error));
    const datasets = o.value.project.datasets;
    const d = dataset ? datasets.find((x) => x.meta.id === dataset) : (datasets.find((x) => x.meta.kind === 'incidents') ?? datasets[0]);
    if (!d) throw new CliInputError(dataset ? `--dataset: "${dataset}" is not in ${src} (datasets: ${datasets.map((x) => x.meta.id).join(', ') || 'none'})` : `${src}: the project has no dataset`);
    if (!d.table) throw new CliInputError(`${src}: dataset "${d.meta.id}" has no readable table`);
    const r = await engine.insertArrowTable('t', d.table);
    if (!r.ok) throw new CliInputError(formatAppError(r.error));
    return;
  }
  if (dataset !== undefined) throw new CliInputError(`--dataset: "${dataset}" applies to a .spiproj SRC only`);
  const bytes = await fileBytes(src, abs);
  const r = await loadTableFromSource(engine, { fileName: src, head: bytes.subarray(0, 65536), sqlSource: abs, readAll: async () => bytes }, 't');
  if (!r.ok) throw new CliInputError(formatAppError(r.error));
}

function textReport(r: CompstatResult, src: string): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const head = [
    `CompStat: ${src}, by ${r.by === 'group' ? 'offense group' : r.by}`,
    `This period:       ${r.current.from} .. ${r.current.to} (${periodDays(r.current)} days)`,
    `Compared with:     ${r.previous.from} .. ${r.previous.to} (${periodDays(r.previous)} days, ${r.compare === 'previous' ? 'the period before' : 'the same dates last year'})`,
    `Flag: two-sided exact Poisson test p < ${r.alpha} (▲ up, ▼ down); z by the square-root rule.`,
    '',
  ];
  const rows = [...r.rows, r.total];
  const w = Math.max(8, ...rows.map((x) => x.key.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w) : c.padStart(i === 7 ? 3 : 9))).join('  ');
  const body = [line(['', 'current', 'previous', 'change', '% change', 'z', 'p', '']), ...rows.map((x, i) =>
    (i === rows.length - 1 ? '\n' : '') +
    line([x.key, fmt(x.current), fmt(x.previous), `${x.change > 0 ? '+' : ''}${fmt(x.change)}`, formatPctChange(x), x.z.toFixed(2), x.p < 0.0001 ? '<0.0001' : x.p.toFixed(4), x.flag === 'up' ? '▲' : x.flag === 'down' ? '▼' : '']),
  )];
  return `${[...head, ...body].join('\n')}\n`;
}

export const compstatVerb: Verb = {
  name: 'compstat',
  summary: 'CompStat: this period vs the previous one or last year, by offense group, beat or district, with a Poisson test',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = positionals[0];
    if (src === undefined) throw new CliInputError('name the SRC: a .spiproj, a .parquet dataset or an RMS export CSV');
    if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
    if (values.period === undefined) throw new CliInputError('--period is required: A..B (e.g. 2024-01-01..2024-01-28), last-28, ytd or mtd');
    const compare = (values.compare ?? 'previous').toLowerCase();
    if (compare !== 'previous' && compare !== 'last-year') throw new CliInputError(`--compare: "${values.compare}" is not valid (expected previous or last-year)`);
    const by = (values.by ?? 'group').toLowerCase();
    if (by !== 'group' && by !== 'beat' && by !== 'district') throw new CliInputError(`--by: "${values.by}" is not valid (expected group, beat or district)`);
    const alpha = values.alpha === undefined ? 0.05 : Number(values.alpha);
    if (!(alpha > 0 && alpha < 1)) throw new CliInputError(`--alpha: "${values.alpha}" is not valid (expected a probability between 0 and 1, e.g. 0.05)`);
    if (values.out !== undefined && path.extname(values.out).toLowerCase() !== '.csv') throw new CliInputError(`--out: "${values.out}" is not a supported output (spi compstat writes .csv; --json prints to stdout)`);
    if (values.json && values.out !== undefined) throw new CliInputError('--json and --out: give one of them');
    if (values.filter !== undefined) {
      const f = checkFilterPredicate(values.filter);
      if (!f.ok) throw new CliInputError(formatAppError(f.error));
    }
    // A fixed period is checked before the engine starts: a typo fails at once.
    if (values.period.includes('..')) {
      const p = parsePeriod(values.period, null);
      if (!p.ok) throw new CliInputError(formatAppError(p.error));
    }
    const engine = await openNodeEngine();
    try {
      await loadSource(engine, src, path.resolve(io.cwd, src), values.dataset);
      const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent('t')})`);
      const header = described.ok ? described.value.toArray().map((r) => String(r.name)) : [];
      const columns = detectExploreColumns(header);
      if (!columns) throw new CliInputError(`${src}: no occurred date and offense code columns found (columns: ${header.join(', ')})`);
      const where = values.filter === undefined ? 'TRUE' : `(${values.filter})`;
      const latest = await queryLatestDay(engine, 't', columns.occurred, where);
      if (!latest.ok) throw new CliInputError(formatAppError(latest.error));
      const current = parsePeriod(values.period, latest.value);
      if (!current.ok) throw new CliInputError(formatAppError(current.error));
      const previous = comparisonPeriod(current.value, compare);
      const result = await queryCompstat(engine, {
        table: 't',
        columns,
        extra: detectExtraColumns(header),
        where,
        current: current.value,
        previous,
        compare,
        by: by as CompstatBy,
        alpha,
      });
      if (!result.ok) throw new CliInputError(`${src}: ${formatAppError(result.error)}`);
      const r = result.value;
      if (values.json) {
        io.out(`${JSON.stringify({ verb: 'compstat', source: src, by: r.by, compare: r.compare as CompareMode, current: r.current, previous: r.previous, days: { current: periodDays(r.current), previous: periodDays(r.previous) }, alpha: r.alpha, test: 'two-sided exact conditional Poisson test (binomial, minlike); z = 2(sqrt(a) - sqrt(r b))/sqrt(1 + r), r = tA/tB', rows: r.rows, total: r.total }, null, 2)}\n`);
        return EXIT_OK;
      }
      if (values.out !== undefined) {
        const t = compstatTable(r);
        const bytes = new TextEncoder().encode(formatRowsCsv(t.header, t.rows));
        const written = await writeFileAtomic(path.resolve(io.cwd, values.out), bytes, { keepBackup: false });
        if (!written.ok) throw new CliInputError(`--out: ${values.out}: ${formatAppError(written.error)}`);
        io.out(`${textReport(r, src)}\nWrote ${values.out} (${r.rows.length + 1} rows, total last).\n`);
        return EXIT_OK;
      }
      io.out(textReport(r, src));
      return EXIT_OK;
    } finally {
      await engine.close();
    }
  },
};
