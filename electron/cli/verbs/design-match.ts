/**
 * `spi design match`: matching on grid cells around target areas of a project or ingest output
 * (SRC), or on a CSV table of units (--units). Prints the covariate table, the pairs or
 * synthetic weights, the balance table and the unmatched targets; --save NAME keeps the design in
 * the project (a synthetic one with its weights and pre-period fit: synthetic-doc.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseCovariateSpec, buildCovariateColumns } from '../../../shared/domain/design/covariate-spec';
import { DESIGN_NAME, designDocumentKey } from '../../../shared/domain/design/design-doc';
import { buildDesignUnits, EXCLUSION_REASONS } from '../../../shared/domain/design/design-units';
import { categoriesFromPolygons, polygonsFromFeatures } from '../../../shared/domain/design/exact-categories';
import { historyToColumns } from '../../../shared/domain/design/covariates';
import { computeMatchReport, type MatchMethod, type MatchReportInput, type MatchReportOptions } from '../../../shared/domain/design/match-report';
import { parsePeriod } from '../../../shared/domain/design/period';
import { toMatchedDesignDoc } from '../../../shared/domain/design/report-doc';
import { toSyntheticDesignDoc } from '../../../shared/domain/design/synthetic-doc';
import { parseUnitsCsv, readCategoryColumn, readIdColumn, readNumericColumn, readTreatmentColumn } from '../../../shared/domain/design/units-table';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { createTransform } from '../../../shared/domain/geo/crs';
import { CliInputError, type CliIo } from '../io';
import { SOURCE_OPTIONS, fail, loadAnalysisSource, parseNumberOption, type LoadedSource } from './analysis-source';
import { formatMatchReport, matchReportJson, writeCovariatesCsv, type CovariateTable } from './design-output';
import { saveDocument, targetsFromGeoJson, targetsFromGroundTruth } from './design-targets';

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
} as const;

const METHODS: Record<string, MatchMethod> = { mahalanobis: 'mahalanobis', ps: 'propensity', propensity: 'propensity', synthetic: 'synthetic' };

interface Common {
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
  if (method === 'synthetic' && (values.optimal || values.replace || values.caliper !== undefined || values.ratio !== undefined)) throw new CliInputError('--method synthetic: --optimal, --replace, --caliper and --ratio apply to pair matching only');
  if (values.optimal && values.replace) throw new CliInputError('--optimal: with --replace every target takes its nearest comparison, so there is nothing to optimize (drop one of them)');
  return { options: { method, pairing: values.optimal ? 'optimal' : 'greedy', ratio, replace: Boolean(values.replace), caliper: caliper ?? undefined, denominator: smd }, seed, caliper, ratio };
}

/** Runs `spi design match` (both modes). */
export async function runDesignMatch(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: MATCH_OPTIONS });
  const common = parseCommon(values);
  if (values.units !== undefined) {
    if (positionals.length > 0) throw new CliInputError(`unexpected argument "${positionals[0]}" (with --units the table is the input; no SRC)`);
    return matchUnitsFile(values, common, io);
  }
  return matchGrid(positionals, values, common, io);
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

async function matchGrid(positionals: string[], values: Record<string, string | boolean | undefined>, common: Common, io: CliIo): Promise<number> {
  const src = positionals[0];
  if (!src) throw new CliInputError('name the SRC (a .spiproj or the output of "spi ingest"), or give --units FILE.csv');
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
  const saveName = values.save as string | undefined;
  if (saveName !== undefined && !DESIGN_NAME.test(saveName)) throw new CliInputError(`--save: "${saveName}" is not a valid design name (expected 1-64 letters, digits, . _ -)`);
  if (saveName !== undefined && !src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`--save: "${src}" is not a project (--save needs a .spiproj SRC)`);
  if ((values.targets === undefined) === (values['targets-from'] === undefined)) throw new CliInputError('give exactly one of --targets FILE.geojson or --targets-from ground-truth');
  if (values['targets-from'] !== undefined && values['targets-from'] !== 'ground-truth') throw new CliInputError(`--targets-from: "${values['targets-from']}" is not valid (expected ground-truth)`);
  const unit = /^grid:(\d+(?:\.\d+)?)$/.exec((values.unit as string | undefined) ?? '');
  if (!unit || !(Number(unit[1]) > 0)) throw new CliInputError(`--unit: "${values.unit ?? ''}" is not valid (expected grid:M with M metres > 0, e.g. grid:250)`);
  if (!values.pre) throw new CliInputError('--pre is required: the matching period, e.g. --pre 2022-01-01..2023-06-30');
  const pre = parsePeriod('--pre', values.pre as string);
  if (!pre.ok) fail(pre.error);
  const spec = (values.covariates as string | undefined) ?? 'counts,trend';
  const terms = parseCovariateSpec(spec);
  if (!terms.ok) throw new CliInputError(formatStatsError(terms.error));
  const exactKind = values.exact as string | undefined;
  if (exactKind !== undefined && exactKind !== 'district' && exactKind !== 'beat') throw new CliInputError(`--exact: "${exactKind}" is not valid (expected district or beat, from the project's reference layers)`);
  let bufferM = values.buffer === undefined ? null : parseNumberOption('--buffer', values.buffer as string, { min: 0, what: 'a distance in metres >= 0' });
  const minDistanceM = values['min-distance'] === undefined ? 0 : parseNumberOption('--min-distance', values['min-distance'] as string, { min: 0, what: 'a distance in metres >= 0' });
  const loaded = await loadAnalysisSource(src, { ...values, save: undefined } as never, { dates: 'required', idColumn: 'offense_group' }, io.cwd);
  const key = saveName ? designDocumentKey(saveName) : null;
  if (key && loaded.project?.project.documents[key] !== undefined && !values.overwrite) throw new CliInputError(`--save: design "${saveName}" already exists in ${src} (add --overwrite to replace it)`);
  let targets;
  if (values.targets !== undefined) targets = await targetsFromGeoJson(values.targets as string, io.cwd, loaded.crs);
  else {
    const gt = targetsFromGroundTruth(loaded);
    targets = gt.targets;
    bufferM ??= gt.bufferM;
  }
  const ids = loaded.points.ids ?? [];
  const groupNames = [...new Set(ids.filter((v): v is string => v !== null && v !== ''))].sort();
  const groupIndex = new Map(groupNames.map((g, i) => [g, i]));
  const group = loaded.points.ids ? Int32Array.from(ids, (v) => (v === null ? -1 : (groupIndex.get(v) ?? -1))) : null;
  const built = buildDesignUnits({ points: { x: loaded.points.x, y: loaded.points.y, days: loaded.points.days!, group, groupNames }, targets, bufferM: bufferM ?? 0, cellSizeM: Number(unit[1]), pre: pre.value, minDistanceM });
  if (!built.ok) throw new CliInputError(formatStatsError(built.error));
  const units = built.value.units;
  const cov = buildCovariateColumns(units, terms.value);
  if (!cov.ok) throw new CliInputError(formatStatsError(cov.error));
  const exact = exactKind ? categoriesFromLayer(loaded, exactKind, units.x, units.y) : undefined;
  const monthNames = units.months.map((m) => `month ${m.label}`);
  const input: MatchReportInput = {
    ids: units.ids,
    names: cov.value.names,
    columns: cov.value.columns,
    treated: units.treated,
    eligible: units.eligible,
    exact,
    predictors: { names: monthNames, columns: historyToColumns(units.history, units.nUnits, units.months.length) },
  };
  const report = computeMatchReport(input, common.options);
  if (!report.ok) throw new CliInputError(formatStatsError(report.error));
  const t: CovariateTable = { ids: units.ids, names: cov.value.names, columns: cov.value.columns, treated: units.treated, eligible: units.eligible, excluded: (i) => EXCLUSION_REASONS[units.exclusion[i]!] ?? '', category: exact ?? null, weights: report.value.weights };
  if (values['covariates-out']) await writeCovariatesCsv(values['covariates-out'] as string, io.cwd, t);
  let excluded = 0;
  for (let i = units.nTargets; i < units.nUnits; i++) excluded += units.eligible[i] ? 0 : 1;
  const header = [
    `Source: ${src} (dataset ${loaded.datasetId}, ${units.incidents} pre-period incidents, ${pre.value.from}..${pre.value.to}), CRS ${loaded.crs}`,
    `Units: ${units.nTargets} targets and ${units.nUnits - units.nTargets} grid cells of ${unit[1]} m; ${excluded} cells excluded (overlapping a target, within 2 x buffer = ${(2 * (bufferM ?? 0)).toFixed(0)} m, or closer than --min-distance ${minDistanceM} m)`,
  ];
  if (saveName && key) {
    const docInput = {
      name: saveName,
      created: new Date().toISOString(),
      crs: loaded.crs,
      units,
      targets,
      report: report.value,
      cellSizeM: Number(unit[1]),
      bufferM: bufferM ?? 0,
      pre: pre.value,
      terms: terms.value,
      covariateSpec: spec,
      options: { ratio: common.ratio, caliper: common.caliper, replace: Boolean(values.replace), minDistanceM, seed: common.seed, exact: exactKind ?? null },
      source: { dataset: loaded.datasetId, dataHash: loaded.dataHash },
      warnings: built.value.warnings,
    };
    const doc = common.options.method === 'synthetic' ? toSyntheticDesignDoc({ ...docInput, covariates: cov.value, denominator: common.options.denominator }) : toMatchedDesignDoc(docInput);
    if (!doc.ok) throw new CliInputError(formatStatsError(doc.error));
    await saveDocument(loaded, key, doc.value, 'design.match', { name: saveName, unit: values.unit, pre: values.pre, buffer_m: bufferM ?? 0, method: values.method ?? 'mahalanobis', pairing: common.options.pairing, ratio: common.ratio, caliper: common.caliper, replace: Boolean(values.replace), exact: exactKind ?? null, covariates: spec, min_distance_m: minDistanceM, seed: common.seed, ...(report.value.synthetic ? { weights: doc.value.comparisons.map((c) => [`cell ${c.cellId}`, c.weight]), fit_rmse: report.value.synthetic.pooled.rmse } : { pairs: report.value.pairs.map((p) => [p.target, p.comparison]) }) });
    header.push(`Saved as ${key} in ${src}.`);
  }
  const warnings = built.value.warnings;
  const json = () => matchReportJson(report.value, t, { source: src, dataset: loaded.datasetId, unit: values.unit, pre: { from: pre.value.from, to: pre.value.to }, bufferM: bufferM ?? 0, minDistanceM, exact: exactKind ?? null, seed: common.seed, saved: key, designWarnings: warnings });
  io.out(values.json ? `${JSON.stringify(json(), null, 2)}\n` : formatMatchReport(report.value, t, [...header, ...warnings.map((w) => `warning: ${w}`)]));
  return 0;
}

/**
 * District or beat of each unit's representative point, from the project's reference layer of
 * that role (lon/lat polygons projected to the analysis CRS); labels from properties.name.
 */
function categoriesFromLayer(loaded: LoadedSource, role: 'district' | 'beat', x: Float64Array, y: Float64Array): NonNullable<MatchReportInput['exact']> {
  const layer = loaded.project?.project.layers.find((l) => l.meta.role === `${role}s`);
  if (!layer) throw new CliInputError(`--exact ${role}: ${loaded.arg} has no reference layer of ${role}s (add one with "spi project", or use --units with a category column)`);
  const toXY = createTransform('EPSG:4326', loaded.crs!);
  return categoriesFromPolygons(role, polygonsFromFeatures(layer.geojson.features, role, (lon, lat) => toXY(lon, lat) as [number, number]), x, y);
}
