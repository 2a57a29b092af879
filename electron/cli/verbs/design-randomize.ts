/**
 * `spi design randomize [P.spiproj] --units units.csv --method paired|block|simple|coin --seed N`:
 * random assignment of candidate places (one row per place) to treatment and control, printed in
 * full (and as CSV with --out), with the balance of the chosen columns; with --save NAME the
 * seed, algorithm, generator, the units file's SHA-256 and the whole assignment go into the
 * project's log (and a document randomizations/NAME), so anyone can re-derive it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import { computeBalance } from '../../../shared/domain/design/balance';
import { DESIGN_NAME } from '../../../shared/domain/design/design-doc';
import { randomizeAssignment, type RandomizationAlgorithm } from '../../../shared/domain/design/randomization';
import { parseUnitsCsv, readCategoryColumn, readIdColumn, readNumericColumn } from '../../../shared/domain/design/units-table';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { csvCell } from '../../../shared/domain/ingest/csv-write';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import { openProjectFile, saveProjectFile } from '../../services/project-file';
import { formatTextTable } from '../format';
import { CliInputError, type CliIo } from '../io';
import { fail, parseNumberOption } from './analysis-source';
import { formatBalance, writeCsv } from './design-output';

const ALGORITHMS: Record<string, RandomizationAlgorithm> = { paired: 'paired', block: 'blocked', blocked: 'blocked', simple: 'simple-shuffle', coin: 'simple-coin' };

/** Runs `spi design randomize`. */
export async function runDesignRandomize(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      units: { type: 'string' },
      method: { type: 'string' },
      seed: { type: 'string' },
      'block-column': { type: 'string' },
      'rank-column': { type: 'string' },
      'id-column': { type: 'string' },
      covariates: { type: 'string' },
      out: { type: 'string' },
      save: { type: 'string' },
      overwrite: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const src = positionals[0];
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
  if (src !== undefined && !src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`"${src}" is not a project (.spiproj); the places come from --units`);
  if (values.save !== undefined && !src) throw new CliInputError('--save: name the project first: spi design randomize P.spiproj --units ... --save NAME');
  if (values.save !== undefined && !DESIGN_NAME.test(values.save)) throw new CliInputError(`--save: "${values.save}" is not a valid name (expected 1-64 letters, digits, . _ -)`);
  if (!values.units) throw new CliInputError('--units is required: a CSV with one row per candidate place');
  const algorithm = ALGORITHMS[values.method ?? ''];
  if (!algorithm) throw new CliInputError(`--method: "${values.method ?? ''}" is not valid (expected paired, block, simple or coin)`);
  if (values.seed === undefined) throw new CliInputError('--seed is required: the assignment is re-derived from it (e.g. --seed 7)');
  const seed = parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
  if (algorithm === 'paired' && !values['rank-column']) throw new CliInputError('--method paired needs --rank-column: the pre-period count places are ranked by');
  if (algorithm === 'blocked' && !values['block-column']) throw new CliInputError('--method block needs --block-column: the column holding each place\'s block (e.g. district)');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path.resolve(io.cwd, values.units)));
  } catch {
    throw new CliInputError(`--units: ${values.units}: file not found or unreadable`);
  }
  const table = parseUnitsCsv(new TextDecoder().decode(bytes), values.units);
  if (!table.ok) fail(table.error);
  const t = table.value;
  const ids = readIdColumn(t, values['id-column']);
  if (!ids.ok) fail(ids.error);
  let preCounts: Float64Array | undefined;
  if (values['rank-column']) {
    const c = readNumericColumn(t, values['rank-column'], '--rank-column');
    if (!c.ok) fail(c.error);
    preCounts = c.value;
  }
  let blocks: { codes: Int32Array; labels: string[] } | undefined;
  if (values['block-column']) {
    const c = readCategoryColumn(t, values['block-column'], '--block-column');
    if (!c.ok) fail(c.error);
    blocks = c.value;
  }
  const r = randomizeAssignment({ algorithm, seed, nUnits: t.rows.length, preCounts, blocks: blocks?.codes });
  if (!r.ok) throw new CliInputError(formatStatsError(r.error));
  const a = r.value;
  const covNames = values.covariates ? values.covariates.split(',').map((s) => s.trim()) : values['rank-column'] ? [values['rank-column']] : [];
  const covColumns = covNames.map((n) => {
    const c = readNumericColumn(t, n);
    if (!c.ok) fail(c.error);
    return c.value;
  });
  const balance = covNames.length ? computeBalance({ names: covNames, columns: covColumns, treated: a.assignment }) : null;
  if (balance && !balance.ok) throw new CliInputError(formatStatsError(balance.error));
  const rows = ids.value.map((id, i) => ({
    id,
    arm: a.assignment[i] ? 'treatment' : 'control',
    ...(a.pair ? { pair: a.pair[i]! >= 0 ? a.pair[i]! + 1 : null } : {}),
    ...(blocks ? { block: blocks.labels[blocks.codes[i]!]! } : {}),
  }));
  const fileHash = await sha256Hex(bytes);
  const record = { algorithm: a.algorithm, seed, generator: a.generator, description: a.description, units: values.units, unitsSha256: fileHash, nTreated: a.nTreated, nControl: a.nControl, assignment: rows };
  if (values.out) {
    const cols = Object.keys(rows[0]!);
    await writeCsv(values.out, io.cwd, `${[cols.join(','), ...rows.map((row) => cols.map((c) => csvCell(String((row as Record<string, unknown>)[c] ?? ''))).join(','))].join('\n')}\n`);
  }
  let saved: string | null = null;
  if (values.save !== undefined && src) saved = await saveRandomization(src, values.save, Boolean(values.overwrite), record, io.cwd);
  if (values.json) {
    io.out(`${JSON.stringify({ ...record, balance: balance?.ok ? balance.value : null, saved }, null, 2)}\n`);
    return 0;
  }
  const out = [
    `Randomization: ${a.algorithm}, seed ${seed}, ${a.generator}`,
    `How: ${a.description}`,
    `Units: ${values.units} (SHA-256 ${fileHash.slice(0, 16)}...), ${a.nTreated} treatment, ${a.nControl} control`,
    formatTextTable(Object.keys(rows[0]!), rows, rows.length).trimEnd(),
  ];
  if (balance?.ok) out.push('', formatBalance(balance.value, { treated: 'treatment', control: 'control' }));
  out.push(saved ? `Recorded in ${src}: log entry design.randomize and document ${saved}.` : 'Not recorded (add P.spiproj and --save NAME to keep it in a project log).');
  io.out(`${out.join('\n')}\n`);
  return 0;
}

async function saveRandomization(src: string, name: string, overwrite: boolean, record: Record<string, unknown>, cwd: string): Promise<string> {
  const file = path.resolve(cwd, src);
  const opened = await openProjectFile(file);
  if (!opened.ok) fail(opened.error);
  const project = opened.value.project;
  const key = `randomizations/${name}`;
  if (project.documents[key] !== undefined && !overwrite) throw new CliInputError(`--save: "${name}" already exists in ${src} (add --overwrite to replace it)`);
  const at = new Date().toISOString();
  const entry: LogEntry = { at, by: '', action: 'design.randomize', parameters: { name, document: key, ...record }, dataHashes: {} };
  const updated = { ...project, documents: { ...project.documents, [key]: { kind: 'randomization', created: at, ...record } }, log: [...project.log, entry] };
  const saved = await saveProjectFile(updated, file, process.env.npm_package_version ?? '0.1.0');
  if (!saved.ok) throw new CliInputError(`--save: ${formatAppError(saved.error)}`);
  return key;
}
