/**
 * `spi design match`: matching around target areas of a project or ingest output (SRC: grid
 * cells, street segments, polygons or circles; design-match-src.ts), or on a CSV table of units
 * (--units). Prints the covariate table, the pairs or
 * synthetic weights, the balance table and the unmatched targets; --save NAME keeps the design in
 * the project (a synthetic one with its weights and pre-period fit: synthetic-doc.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { computeMatchReport, type MatchMethod, type MatchReportInput, type MatchReportOptions } from '../../../shared/domain/design/match-report';
import { parseUnitsCsv, readCategoryColumn, readIdColumn, readNumericColumn, readTreatmentColumn } from '../../../shared/domain/design/units-table';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { CliInputError, type CliIo } from '../io';
import { SOURCE_OPTIONS, fail, parseNumberOption } from './analysis-source';
import { formatMatchReport, matchReportJson, writeCovariatesCsv, type CovariateTable } from './design-output';
import { matchSource } from './design-match-src';

export const MATCH_OPTIONS = {
  ...SOURCE_OPTIONS,
  save: { type: 'string' },
  targets: { type: 'string' },
  'targets-from': { type: 'string' },
  unit: { type: 'string' },
  pre: { type: 'string' },
  covariates: { type: 'string' },
  method: { type: 'string' },
  caliper: { type: 'string' },
  ratio: { type: 'string' },
  replace: { type: 'boolean' },
  optimal: { type: 'boolean' },
  exact: { type: 'string' },
  buffer: { type: 'string' },
  'min-distance': { type: 'string' },
  seed: { type: 'string' },
  overwrite: { type: 'boolean' },
  'covariates-out': { type: 'string' },
  units: { type: 'string' },
  'treat-column': { type: 'string' },
  'id-column': { type: 'string' },
  smd: { type: 'string' },
  'ps-scale': { type: 'string' },
  'binary-variance': { type: 'string' },
  snap: { type: 'string' },
  'drop-missing': { type: 'boolean' },
} as const;

const METHODS: Record<string, MatchMethod> = { mahalanobis: 'mahalanobis', ps: 'propensity', propensity: 'propensity', synthetic: 'synthetic' };

/** The options both modes share, parsed. */
export interface Common {
  options: MatchReportOptions;
  seed: number;
  caliper: number | null;
  ratio: number;
}

function parseCommon(values: Record<string, string | boolean | undefined>): Common {
  const methodText = (values.method as string | undefined) ?? 'mahalanobis';
  const method = METHODS[methodText];
  if (!method) throw new CliInputError(`--method: "${methodText}" is not valid (expected mahalanobis, ps or synthetic)`);
  const ratio = values.ratio === undefined ? 1 : parseNumberOption('--ratio', values.ratio as string, { min: 1, integer: true, what: 'a whole number >= 1' });
  const caliper = values.caliper === undefined ? null : parseNumberOption('--caliper', values.caliper as string, { min: 0, exclusive: true, what: 'a caliper in SDs of the distance > 0' });
  const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed as string, { min: 0, integer: true, what: 'a whole number >= 0' });
  const smd = (values.smd as string | undefined) ?? 'pooled';
  if (smd !== 'pooled' && smd !== 'treated') throw new CliInputError(`--smd: "${smd}" is not valid (expected pooled or treated)`);
  const scale = (values['ps-scale'] as string | undefined) ?? 'logit';
  if (scale !== 'logit' && scale !== 'probability') throw new CliInputError(`--ps-scale: "${scale}" is not valid (expected logit or probability)`);
  if (values['ps-scale'] !== undefined && method !== 'propensity') throw new CliInputError('--ps-scale applies to --method ps only');
  const binaryVariance = (values['binary-variance'] as string | undefined) ?? 'sample';
  if (binaryVariance !== 'sample' && binaryVariance !== 'proportion') throw new CliInputError(`--binary-variance: "${binaryVariance}" is not valid (expected sample or proportion)`);
  if (method === 'synthetic' && (values.optimal || values.replace || values.caliper !== undefined || values.ratio !== undefined)) throw new CliInputError('--method synthetic: --optimal, --replace, --caliper and --ratio apply to pair matching only');
  if (values.optimal && values.replace) throw new CliInputError('--optimal: with --replace every target takes its nearest comparison, so there is nothing to optimize (drop one of them)');
  return { options: { method, pairing: values.optimal ? 'optimal' : 'greedy', ratio, replace: Boolean(values.replace), caliper: caliper ?? undefined, denominator: smd, scoreScale: scale, binaryVariance }, seed, caliper, ratio };
}

/** Runs `spi design match` (both modes). */
export async function runDesignMatch(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: MATCH_OPTIONS });
  const common = parseCommon(values);
  if (values.units !== undefined) {
    if (positionals.length > 0) throw new CliInputError(`unexpected argument "${positionals[0]}" (with --units the table is the input; no SRC)`);
    return matchUnitsFile(values, common, io);
  }
  return matchSource(positionals, values, common, io);
}

async function matchUnitsFile(values: Record<string, string | boolean | undefined>, common: Common, io: CliIo): Promise<number> {
  const file = values.units as string;
  for (const o of ['targets', 'targets-from', 'unit', 'pre', 'buffer', 'min-distance', 'save'] as const) if (values[o] !== undefined) throw new CliInputError(`--${o} does not apply with --units (the table gives the units and their covariates)`);
  const treatColumn = values['treat-column'] as string | undefined;
  if (!treatColumn) throw new CliInputError('--treat-column is required with --units: the 0/1 column marking targets');
  if (!values.covariates) throw new CliInputError('--covariates is required with --units: the numeric columns to match on, e.g. --covariates pre_count,trend');
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch {
    throw new CliInputError(`--units: ${file}: file not found or unreadable`);
  }
  const table = parseUnitsCsv(text, file);
  if (!table.ok) fail(table.error);
  const ids = readIdColumn(table.value, values['id-column'] as string | undefined);
  if (!ids.ok) fail(ids.error);
  const treated = readTreatmentColumn(table.value, treatColumn);
  if (!treated.ok) fail(treated.error);
  const names = (values.covariates as string).split(',').map((s) => s.trim());
  const columns = names.map((n) => {
    const c = readNumericColumn(table.value, n);
    if (!c.ok) fail(c.error);
    return c.value;
  });
  let exact: MatchReportInput['exact'];
  if (values.exact !== undefined) {
    const c = readCategoryColumn(table.value, values.exact as string, '--exact');
    if (!c.ok) fail(c.error);
    exact = { name: values.exact as string, codes: c.value.codes, labels: c.value.labels };
  }
  const input: MatchReportInput = { ids: ids.value, names, columns, treated: treated.value, exact };
  const report = computeMatchReport(input, common.options);
  if (!report.ok) throw new CliInputError(formatStatsError(report.error));
  const t: CovariateTable = { ids: ids.value, names, columns, treated: treated.value, eligible: null, excluded: null, category: exact ?? null, weights: report.value.weights };
  if (values['covariates-out']) await writeCovariatesCsv(values['covariates-out'] as string, io.cwd, t);
  const header = [`Units: ${file} (${ids.value.length} rows), treatment column ${treatColumn}`];
  io.out(values.json ? `${JSON.stringify(matchReportJson(report.value, t, { units: file, seed: common.seed }), null, 2)}\n` : formatMatchReport(report.value, t, header));
  return 0;
}
