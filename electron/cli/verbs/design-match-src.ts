/**
 * `spi design match SRC`: matching around target areas of a project or ingest output on grid
 * cells, street segments, polygons of a layer or circles around candidate hot spots
 * (shared/domain/design/unit-spec.ts), with covariates from the incidents, from other datasets of
 * the project (TERM@DATASET) and from numeric fields of polygon layers (field:LAYER.FIELD),
 * through the same shared code as the design panel (design-table.ts).
 */
import { datasetsOfTerms, fieldsOfTerms, parseCovariateSpec } from '../../../shared/domain/design/covariate-spec';
import { DESIGN_NAME, designDocumentKey } from '../../../shared/domain/design/design-doc';
import type { DesignLayer } from '../../../shared/domain/design/design-layer-units';
import { buildDesignTable } from '../../../shared/domain/design/design-table';
import { EXCLUSION_REASONS, type DesignPoints } from '../../../shared/domain/design/design-units';
import { categoriesFromPolygons, polygonsFromFeatures } from '../../../shared/domain/design/exact-categories';
import { historyToColumns } from '../../../shared/domain/design/covariates';
import { computeMatchReport, type MatchReportInput } from '../../../shared/domain/design/match-report';
import { parsePeriod } from '../../../shared/domain/design/period';
import { toMatchedDesignDoc } from '../../../shared/domain/design/report-doc';
import { toSyntheticDesignDoc } from '../../../shared/domain/design/synthetic-doc';
import { formatDesignUnitSpec, parseDesignUnitSpec, unitRules } from '../../../shared/domain/design/unit-spec';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { createTransform } from '../../../shared/domain/geo/crs';
import { CliInputError, type CliIo } from '../io';
import { fail, loadAnalysisSource, parseNumberOption, type LoadedSource } from './analysis-source';
import type { Common } from './design-match';
import { formatMatchReport, matchReportJson, writeCovariatesCsv, type CovariateTable } from './design-output';
import { loadDesignLayer, saveDocument, targetsFromGeoJson, targetsFromGroundTruth } from './design-targets';

/** Help lines of the unit and covariate options of `spi design match SRC`. */
export const MATCH_SRC_HELP = `  --unit grid:M | hex:M | segments[:LAYER] | polygons:LAYER | circles:R
                        grid: square cells of M m (each target polygon is one unit); hex:
                        pointy-top hexagons M m across flats, the hexes of "spi hotspots --unit
                        hex:M" (each target polygon is one unit); segments:
                        street segments (default layer role streets), target units = midpoint
                        inside a target; polygons: a layer's polygons (beats, districts), target
                        units = centroid inside a target; circles: non-overlapping circles of
                        radius R m around the busiest cells, target units = centre inside a target
  --snap M              segments: snapping tolerance in metres (default 30)
  --covariates LIST     counts, counts:GROUP, total, history:month, history:quarter, trend; any of
                        them @DATASET for another dataset of the project (total@calls,
                        counts:violent@arrests, history:month@calls); field:LAYER.FIELD for a
                        numeric field of a polygon layer (e.g. field:beats.population)
  --drop-missing        leave out units without a value for a field covariate (default: error)`;

function groupsOf(ids: readonly (string | null)[] | null): Pick<DesignPoints, 'group' | 'groupNames'> {
  const list = ids ?? [];
  const groupNames = [...new Set(list.filter((v): v is string => v !== null && v !== ''))].sort();
  const index = new Map(groupNames.map((g, i) => [g, i]));
  return { group: ids ? Int32Array.from(list, (v) => (v === null ? -1 : (index.get(v) ?? -1))) : null, groupNames };
}

/** The datasets named after '@' loaded from the project (id, or kind when one dataset has it). */
async function loadOtherDatasets(src: string, loaded: LoadedSource, names: readonly string[], values: Record<string, string | boolean | undefined>, cwd: string): Promise<{ points: Map<string, DesignPoints>; available: string[] }> {
  const points = new Map<string, DesignPoints>();
  const datasets = loaded.project?.project.datasets ?? [];
  const available = datasets.map((d) => (d.meta.kind && d.meta.kind !== d.meta.id ? `${d.meta.id} (${d.meta.kind})` : d.meta.id));
  for (const name of names) {
    if (!loaded.project) throw new CliInputError(`--covariates: @${name} names another dataset, so SRC must be a project (.spiproj); ${src} is not`);
    const byKind = datasets.filter((d) => d.meta.kind === name);
    const d = datasets.find((x) => x.meta.id === name) ?? (byKind.length === 1 ? byKind[0] : undefined);
    if (!d) throw new CliInputError(`--covariates: @${name} is not a dataset of ${src} (datasets: ${available.join(', ') || 'none'})`);
    const other = await loadAnalysisSource(src, { dataset: d.meta.id, crs: values.crs as string | undefined }, { dates: 'required', idColumn: 'offense_group' }, cwd);
    if (other.crs !== loaded.crs) throw new CliInputError(`--covariates: dataset ${d.meta.id} is in ${other.crs ?? 'an unknown CRS'}, the incidents in ${loaded.crs}: pass --crs EPSG:N`);
    points.set(name, { x: other.points.x, y: other.points.y, days: other.points.days!, ...groupsOf(other.points.ids) });
  }
  return { points, available };
}

/** Runs the SRC mode of `spi design match`. */
export async function matchSource(positionals: string[], values: Record<string, string | boolean | undefined>, common: Common, io: CliIo): Promise<number> {
  const src = positionals[0];
  if (!src) throw new CliInputError('name the SRC (a .spiproj or the output of "spi ingest"), or give --units FILE.csv');
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
  const saveName = values.save as string | undefined;
  if (saveName !== undefined && !DESIGN_NAME.test(saveName)) throw new CliInputError(`--save: "${saveName}" is not a valid design name (expected 1-64 letters, digits, . _ -)`);
  if (saveName !== undefined && !src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`--save: "${src}" is not a project (--save needs a .spiproj SRC)`);
  if ((values.targets === undefined) === (values['targets-from'] === undefined)) throw new CliInputError('give exactly one of --targets FILE.geojson or --targets-from ground-truth');
  if (values['targets-from'] !== undefined && values['targets-from'] !== 'ground-truth') throw new CliInputError(`--targets-from: "${values['targets-from']}" is not valid (expected ground-truth)`);
  const snap = values.snap === undefined ? undefined : parseNumberOption('--snap', values.snap as string, { min: 0, exclusive: true, what: 'a snapping tolerance in metres > 0' });
  const unit = parseDesignUnitSpec((values.unit as string | undefined) ?? '', snap);
  if (!unit.ok) throw new CliInputError(formatStatsError(unit.error));
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
  // The layer of segment or polygon units; the unit spec then names it by its id.
  let u = unit.value;
  let layer: DesignLayer | null = null;
  if (u.kind === 'segments' || u.kind === 'polygons') {
    layer = await loadDesignLayer(loaded, u.layer, '--unit', io.cwd);
    u = { ...u, layer: layer.name };
  }
  const fieldLayers = new Map<string, DesignLayer>();
  for (const f of fieldsOfTerms(terms.value)) if (!fieldLayers.has(f.layer)) fieldLayers.set(f.layer, await loadDesignLayer(loaded, f.layer, `--covariates field:${f.key}`, io.cwd));
  const others = await loadOtherDatasets(src, loaded, datasetsOfTerms(terms.value), values, io.cwd);
  const points: DesignPoints = { x: loaded.points.x, y: loaded.points.y, days: loaded.points.days!, ...groupsOf(loaded.points.ids) };
  const built = buildDesignTable({ points, targets, bufferM: bufferM ?? 0, pre: pre.value, minDistanceM, unit: u, layer, terms: terms.value, datasets: others.points, availableDatasets: others.available, fieldLayers, dropMissing: Boolean(values['drop-missing']) });
  if (!built.ok) throw new CliInputError(formatStatsError(built.error));
  const { units, warnings, names, columns } = built.value;
  const exact = exactKind ? categoriesFromLayer(loaded, exactKind, units.x, units.y) : undefined;
  const input: MatchReportInput = {
    ids: units.ids,
    names,
    columns,
    treated: units.treated,
    eligible: units.eligible,
    exact,
    predictors: { names: units.months.map((m) => `month ${m.label}`), columns: historyToColumns(units.history, units.nUnits, units.months.length) },
  };
  const report = computeMatchReport(input, common.options);
  if (!report.ok) throw new CliInputError(formatStatsError(report.error));
  const t: CovariateTable = { ids: units.ids, names, columns, treated: units.treated, eligible: units.eligible, excluded: (i) => EXCLUSION_REASONS[units.exclusion[i]!] ?? '', category: exact ?? null, weights: report.value.weights };
  if (values['covariates-out']) await writeCovariatesCsv(values['covariates-out'] as string, io.cwd, t);
  let excluded = 0;
  for (let i = units.nTargets; i < units.nUnits; i++) excluded += units.eligible[i] ? 0 : 1;
  const unitText = formatDesignUnitSpec(u);
  const kindWord = u.kind === 'grid' ? `grid cells of ${u.sizeM} m` : u.kind === 'hex' ? `hexagons of ${u.sizeM} m across flats` : u.kind === 'circles' ? `circles of radius ${u.radiusM} m` : `${u.kind} of layer ${u.layer}`;
  const header = [
    `Source: ${src} (dataset ${loaded.datasetId}, ${units.incidents} pre-period incidents, ${pre.value.from}..${pre.value.to}), CRS ${loaded.crs}`,
    `Units: ${units.nTargets} target unit(s) and ${units.nUnits - units.nTargets} ${kindWord}; ${excluded} excluded (overlapping a target, within 2 x buffer = ${(2 * (bufferM ?? 0)).toFixed(0)} m, closer than --min-distance ${minDistanceM} m${built.value.dropped.others ? ', or a missing field value' : ''})`,
    ...(u.kind === 'grid' ? [] : [`Unit rules: ${unitRules(u)}`]),
    ...built.value.datasetCounts.map((d) => `Dataset ${d.dataset}: ${d.counted} of ${d.records} pre-period records counted in a unit`),
  ];
  if (saveName && key) {
    const docInput = {
      name: saveName,
      created: new Date().toISOString(),
      crs: loaded.crs,
      units,
      targets,
      report: report.value,
      cellSizeM: u.kind === 'grid' || u.kind === 'hex' ? u.sizeM : 1,
      bufferM: bufferM ?? 0,
      pre: pre.value,
      terms: terms.value,
      covariateSpec: spec,
      options: { ratio: common.ratio, caliper: common.caliper, replace: Boolean(values.replace), minDistanceM, seed: common.seed, exact: exactKind ?? null },
      source: { dataset: loaded.datasetId, dataHash: loaded.dataHash },
      warnings,
    };
    const doc = common.options.method === 'synthetic' ? toSyntheticDesignDoc({ ...docInput, covariates: { names, columns }, denominator: common.options.denominator }) : toMatchedDesignDoc(docInput);
    if (!doc.ok) throw new CliInputError(formatStatsError(doc.error));
    const r = report.value;
    await saveDocument(loaded, key, doc.value, 'design.match', { name: saveName, unit: unitText, pre: values.pre, buffer_m: bufferM ?? 0, method: values.method ?? 'mahalanobis', pairing: common.options.pairing, ratio: common.ratio, caliper: common.caliper, replace: Boolean(values.replace), exact: exactKind ?? null, covariates: spec, drop_missing: Boolean(values['drop-missing']), min_distance_m: minDistanceM, seed: common.seed, ...(r.synthetic ? { weights: r.synthetic.pooled.weights.map((w) => [w.unit, w.weight]), fit_rmse: r.synthetic.pooled.rmse } : { pairs: r.pairs.map((p) => [p.target, p.comparison]) }) });
    header.push(`Saved as ${key} in ${src}.`);
  }
  const json = () => matchReportJson(report.value, t, { source: src, dataset: loaded.datasetId, unit: unitText, unitKind: u.kind, unitRules: unitRules(u), pre: { from: pre.value.from, to: pre.value.to }, bufferM: bufferM ?? 0, minDistanceM, exact: exactKind ?? null, seed: common.seed, saved: key, datasets: built.value.datasetCounts, dropped: built.value.dropped, designWarnings: warnings });
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
