import { parseArgs } from 'node:util';
import { buildMatchedDesign, type CovariateSet } from '../../../shared/domain/design/build-design';
import { DESIGN_NAME, designDocumentKey, readDesignDocument, type DesignDoc } from '../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../shared/domain/design/period';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { openProjectFile } from '../../services/project-file';
import { formatTextTable } from '../format';
import { CliInputError, type CliIo, type Verb } from '../io';
import { SOURCE_OPTIONS, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';
import { saveDocument, targetsFromGeoJson, targetsFromGroundTruth } from './design-targets';
import path from 'node:path';
import { runDesignMatch } from './design-match';
import { MATCH_SRC_HELP } from './design-match-src';
import { describeDesignUnit } from '../../../shared/domain/design/unit-spec';
import { runDesignPower } from './design-power';
import { runDesignRandomize } from './design-randomize';

const HELP = `spi design match SRC (--targets T.geojson | --targets-from ground-truth) --pre FROM..TO
                 --unit grid:M|hex:M|segments[:LAYER]|polygons:LAYER|circles:R [--snap M]
                 [--covariates counts:violent,counts:property,history:month,trend,total@calls,field:L.F]
                 [--method mahalanobis|ps|synthetic] [--caliper SD] [--ratio K] [--replace]
                 [--optimal] [--exact district|beat] [--buffer M] [--min-distance M] [--seed N]
                 [--smd pooled|treated] [--ps-scale logit|probability]
                 [--binary-variance sample|proportion] [--drop-missing]
                 [--covariates-out FILE.csv] [--json] [--save NAME [--overwrite]]
spi design match --units U.csv --treat-column C --covariates a,b,c [--id-column C]
                 [--exact COLUMN] [same matching options]
spi design randomize [P.spiproj] --units U.csv --method paired|block|simple|coin --seed N
                 [--rank-column C] [--block-column C] [--covariates a,b] [--out FILE.csv]
                 [--save NAME] [--json]
spi design power --counts C.csv [--column C] --reduction R [--alpha 0.05]
                 --design paired|randomized|pre-post [--months-pre 12 --months-post 12]
                 [--dispersion K] [--places N] [--target-power 0.8] [--sims 2000 --seed N]
                 [--control-ratio 1] [--out curve.csv] [--json]
spi design create P.spiproj --name NAME (--targets T.geojson | --targets-from ground-truth)
                  --unit grid:M --pre FROM..TO [options] [--save]
spi design show P.spiproj --name NAME [--json]

match: the covariate table of every unit (the --unit cells, segments, polygons or circles, plus
the targets; --covariates-out writes it as CSV), then pairs (greedy nearest neighbour, or --optimal:
least total distance by the Hungarian algorithm) or synthetic-control weights (--method synthetic:
non-negative weights summing to 1 reproducing each target's monthly pre-period counts, fit =
RMSE), the balance table before/after (SMD with the s* denominator from the unmatched sample,
variance ratios, flags at |SMD| >= 0.1) and unmatched targets with the reason. Covariate terms:
counts, counts:GROUP, total, history:month, history:quarter, trend (collinear ones, e.g. trend
beside history:month, are left out of the distance and named, but kept in the balance table).
--caliper is in SDs of the distance (of the logit score for ps); --exact district|beat matches
within the district/beat (of the project's reference layer) holding the unit's centre. --replace
here means matching WITH replacement; --save NAME stores a matched design (not synthetic).
--smd treated uses s* = s_T (ATT, as R MatchIt); --ps-scale probability matches on the fitted
probability instead of its logit, and --binary-variance proportion takes p(1 - p) as the variance
of 0/1 covariates: MatchIt's conventions (docs/design.md, "Comparison with MatchIt (R)").
Match options for SRC:
${MATCH_SRC_HELP}
randomize: simple (shuffle, floor(n/2) treated), coin (one coin per place), paired (ranked by
--rank-column, neighbours paired, a coin per pair), block (shuffled within --block-column).
power: Wald test on the log ratio of totals, Poisson or NB2 (see docs/design.md for formulas).
See docs/design.md for formulas, sources and worked examples.

create: builds a matched evaluation design and (with --save) stores it in the project as document
designs/NAME with an entry in the project's log.
Targets: polygons of a GeoJSON file in lon/lat (projected to the project's analysis CRS), or the
intervention areas of the sample city's "sample/ground-truth" document.
Comparison pool: square cells of the --unit size (edges at multiples of M from the CRS origin)
at least max(2 x buffer, --min-distance) metres from every target, so neither a comparison cell
nor its own buffer ring touches a target or its ring. Each target is matched to --ratio cells
(nearest neighbour, without replacement) on pre-period covariates computed from the incidents
(each case counted once): counts-by-group (pre-period count per offense_group), monthly-history
(the count of every pre month) and trend (OLS slope of the monthly counts). The balance table
gives the standardized mean difference SMD = (mean_T - mean_C) / s*, s* = sqrt((s_T^2 + s_C^2)/2)
from the UNMATCHED sample (so before and after share one denominator), flagged when |SMD| >= 0.1,
and the variance ratio s_T^2 / s_C^2 (flagged outside 0.5..2).

Options:
  --name NAME               design name (letters, digits, . _ -)
  --targets FILE.geojson    target polygons (lon/lat); properties.id / properties.name
  --targets-from ground-truth   the sample city's planted intervention areas
  --buffer M                displacement buffer distance in metres (default: the ground truth's,
                            else 0 = no buffer rings)
  --unit grid:M             comparison cells: squares of side M metres
  --pre FROM..TO            the pre period used for matching (dates, both included)
  --match mahalanobis|propensity   distance (default mahalanobis; propensity = logistic score)
  --ratio K                 comparison cells per target (default 1)
  --caliper SD              maximum match distance in SDs of the distance (default none)
  --covariates LIST         of counts-by-group, monthly-history, trend (default
                            counts-by-group,trend; monthly-history must stand alone: the
                            trend and the group totals are sums of the monthly counts)
  --min-distance M          extra clearance between comparison cells and targets (default 0)
  --seed N                  recorded with the design (nearest-neighbour matching is deterministic)
  --replace                 with --save, overwrite an existing design of that name
  --json                    print the whole design document as JSON
  --save                    store the design in the project
  --dataset ID, --filter SQL, --crs EPSG:N, --all-rows   as for the analysis verbs`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  name: { type: 'string' },
  targets: { type: 'string' },
  'targets-from': { type: 'string' },
  buffer: { type: 'string' },
  unit: { type: 'string' },
  pre: { type: 'string' },
  match: { type: 'string' },
  ratio: { type: 'string' },
  caliper: { type: 'string' },
  covariates: { type: 'string' },
  'min-distance': { type: 'string' },
  seed: { type: 'string' },
  replace: { type: 'boolean' },
} as const;

const COVARIATES: readonly CovariateSet[] = ['counts-by-group', 'monthly-history', 'trend'];
const f3 = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));

/**
 * The design as text: targets, comparisons, the balance table with its convention. Synthetic-
 * control designs are described as such (weighted cells, pre-period fit RMSE, placebo pool).
 */
export function describeDesign(d: DesignDoc): string {
  const lines = [`Design ${d.name} (created ${d.created}), CRS ${d.crs ?? 'unknown'}, unit ${describeDesignUnit(d.unit)}, pre period ${d.pre.from}..${d.pre.to}`];
  const synthetic = d.method.kind === 'matched' && d.method.algorithm === 'synthetic';
  if (d.method.kind === 'matched' && synthetic) {
    const m = d.method;
    const weighted = d.comparisons.filter((c) => (c.weight ?? 0) > 0).length;
    const fit = m.fit;
    const pool = fit?.pool ? `; placebo pool: ${fit.pool.cellIds.length} eligible cells recorded` : '; placebo pool not recorded (the weighted cells only)';
    lines.push(
      `Method: synthetic control: ${weighted} weighted cells, pre-period RMSE ${fit ? fit.rmse.toFixed(3) : 'unknown'} (fit of the mean of the ${d.targets.length} targets' monthly counts over ${fit?.donors ?? '?'} eligible cells)${pool}, min distance ${m.minDistanceM} m, seed ${m.seed}`,
      `Covariates: ${m.covariateNames.join('; ')}`,
    );
  } else if (d.method.kind === 'matched') {
    const m = d.method;
    lines.push(`Method: ${m.algorithm} nearest-neighbour matching 1:${m.ratio} without replacement, caliper ${m.caliper ?? 'none'}, min distance ${m.minDistanceM} m, seed ${m.seed}`, `Covariates: ${m.covariateNames.join('; ')}`);
  }
  lines.push('', `Targets (${d.targets.length}), buffer ring = polygon buffered by the distance, minus the polygon:`);
  if (synthetic) {
    for (const t of d.targets) lines.push(`  ${t.id} ${t.name}: ${(t.areaM2 / 1e6).toFixed(4)} km^2, buffer ${t.bufferM.toFixed(1)} m`);
    const byWeight = [...d.comparisons].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
    lines.push(`  synthetic comparison of the mean target, weights summing to 1: ${byWeight.map((c) => `${c.id} (cell ${c.cellId}, weight ${(c.weight ?? 0).toFixed(3)})`).join(', ') || 'none'}`);
  }
  for (const t of synthetic ? [] : d.targets) {
    const comps = d.comparisons.filter((c) => c.targetId === t.id);
    lines.push(`  ${t.id} ${t.name}: ${(t.areaM2 / 1e6).toFixed(4)} km^2, buffer ${t.bufferM.toFixed(1)} m; comparisons ${comps.map((c) => `${c.id} (cell ${c.cellId}, distance ${c.matchDistance.toFixed(3)})`).join(', ') || 'none'}`);
  }
  for (const u of d.unmatched) lines.push(`  unmatched: ${u.targetId} (${u.reason})`);
  const b = d.balance;
  lines.push('', `Balance: ${b.nTreated} targets, pool of ${b.nControl} cells, ${b.nControlMatched ?? 0} matched; |SMD| < ${b.smdThreshold} is balanced (* = not)`);
  const rows = b.rows.map((r) => ({
    covariate: r.name,
    'mean T': f3(r.before.meanTreated),
    'mean pool': f3(r.before.meanControl),
    'mean matched': f3(r.after?.meanControl ?? null),
    's*': f3(r.sStar),
    'SMD before': r.before.smd === null ? null : `${r.before.smd.toFixed(3)}${r.before.smdFlag ? '*' : ''}`,
    'SMD after': r.after?.smd == null ? null : `${r.after.smd.toFixed(3)}${r.after.smdFlag ? '*' : ''}`,
    'VR before': f3(r.before.varianceRatio),
    'VR after': f3(r.after?.varianceRatio ?? null),
  }));
  lines.push(formatTextTable(['covariate', 'mean T', 'mean pool', 'mean matched', 's*', 'SMD before', 'SMD after', 'VR before', 'VR after'], rows, rows.length).trimEnd());
  lines.push('', `Convention: ${b.convention}`);
  if (d.method.kind === 'matched') lines.push(`Matching: ${d.method.convention}`);
  for (const w of d.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

async function create(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const src = positionals[0];
  if (!src || !src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`name the project: spi design create P.spiproj ... (got "${src ?? ''}")`);
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
  const name = values.name;
  if (!name || !DESIGN_NAME.test(name)) throw new CliInputError(`--name: "${name ?? ''}" is not valid (expected 1-64 letters, digits, . _ -)`);
  if ((values.targets === undefined) === (values['targets-from'] === undefined)) throw new CliInputError('give exactly one of --targets FILE.geojson or --targets-from ground-truth');
  if (values['targets-from'] !== undefined && values['targets-from'] !== 'ground-truth') throw new CliInputError(`--targets-from: "${values['targets-from']}" is not valid (expected ground-truth)`);
  const unit = /^grid:(\d+(?:\.\d+)?)$/.exec(values.unit ?? '');
  if (!unit || !(Number(unit[1]) > 0)) throw new CliInputError(`--unit: "${values.unit ?? ''}" is not valid (expected grid:M with M metres > 0, e.g. grid:250)`);
  if (!values.pre) throw new CliInputError('--pre is required: the matching period, e.g. --pre 2022-01-01..2023-06-30');
  const pre = parsePeriod('--pre', values.pre);
  if (!pre.ok) fail(pre.error);
  const algorithm = values.match ?? 'mahalanobis';
  if (algorithm !== 'mahalanobis' && algorithm !== 'propensity') throw new CliInputError(`--match: "${algorithm}" is not valid (expected mahalanobis or propensity)`);
  const ratio = values.ratio === undefined ? 1 : parseNumberOption('--ratio', values.ratio, { min: 1, integer: true, what: 'a whole number >= 1' });
  const caliper = values.caliper === undefined ? null : parseNumberOption('--caliper', values.caliper, { min: 0, exclusive: true, what: 'a caliper in SDs > 0' });
  const minDistanceM = values['min-distance'] === undefined ? 0 : parseNumberOption('--min-distance', values['min-distance'], { min: 0, what: 'a distance in metres >= 0' });
  const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
  const covariates = (values.covariates ?? 'counts-by-group,trend').split(',').map((s) => s.trim());
  for (const c of covariates) if (!COVARIATES.includes(c as CovariateSet)) throw new CliInputError(`--covariates: "${c}" is not valid (expected ${COVARIATES.join(', ')})`);
  let bufferM = values.buffer === undefined ? null : parseNumberOption('--buffer', values.buffer, { min: 0, what: 'a distance in metres >= 0' });
  const loaded = await loadAnalysisSource(src, values, { dates: 'required', idColumn: 'offense_group' }, io.cwd);
  const key = designDocumentKey(name);
  if (values.save && loaded.project?.project.documents[key] !== undefined && !values.replace) throw new CliInputError(`--name: design "${name}" already exists in ${src} (use --replace to overwrite it)`);
  let targets;
  if (values.targets !== undefined) targets = await targetsFromGeoJson(values.targets, io.cwd, loaded.crs);
  else {
    const gt = targetsFromGroundTruth(loaded);
    targets = gt.targets;
    bufferM ??= gt.bufferM;
  }
  const ids = loaded.points.ids ?? [];
  const groupNames = [...new Set(ids.filter((v): v is string => v !== null && v !== ''))].sort();
  const groupIndex = new Map(groupNames.map((g, i) => [g, i]));
  const group = loaded.points.ids ? Int32Array.from(ids, (v) => (v === null ? -1 : (groupIndex.get(v) ?? -1))) : null;
  const built = buildMatchedDesign({
    name,
    created: new Date().toISOString(),
    crs: loaded.crs,
    points: { x: loaded.points.x, y: loaded.points.y, days: loaded.points.days!, group, groupNames },
    targets,
    bufferM: bufferM ?? 0,
    cellSizeM: Number(unit[1]),
    pre: pre.value,
    covariates: covariates as CovariateSet[],
    algorithm,
    ratio,
    caliper,
    minDistanceM,
    seed,
    source: { dataset: loaded.datasetId, dataHash: loaded.dataHash },
  });
  if (!built.ok) throw new CliInputError(formatStatsError(built.error));
  const doc = built.value;
  if (values.save) {
    await saveDocument(loaded, key, doc, 'design.create', { name, unit: values.unit, pre: values.pre, buffer_m: doc.targets[0]!.bufferM, match: algorithm, ratio, caliper, covariates, min_distance_m: minDistanceM, seed, targets: doc.targets.map((t) => t.id), comparisons: doc.comparisons.map((c) => c.cellId) });
  }
  if (values.json) io.out(`${JSON.stringify(doc, null, 2)}\n`);
  else io.out(`${describeDesign(doc)}${values.save ? `Saved as ${key} in ${src}.` : 'Not saved (add --save to keep it in the project).'}\n`);
  return 0;
}

async function show(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, json: { type: 'boolean' } } });
  const src = positionals[0];
  if (!src) throw new CliInputError('name the project: spi design show P.spiproj --name NAME');
  if (!values.name) throw new CliInputError('--name is required: the design to show');
  const opened = await openProjectFile(path.resolve(io.cwd, src));
  if (!opened.ok) fail(opened.error);
  const d = readDesignDocument(opened.value.project.documents, values.name, '--name');
  if (!d.ok) fail(d.error);
  io.out(values.json ? `${JSON.stringify(d.value, null, 2)}\n` : describeDesign(d.value));
  return 0;
}

export const designVerb: Verb = {
  name: 'design',
  summary: 'evaluation designs: match comparisons (balance table), randomize, power; create/show saved designs',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'create') return create(rest, io);
    if (sub === 'show') return show(rest, io);
    if (sub === 'match') return runDesignMatch(rest, io);
    if (sub === 'randomize') return runDesignRandomize(rest, io);
    if (sub === 'power') return runDesignPower(rest, io);
    throw new CliInputError(`"${sub ?? ''}" is not a design subcommand (expected match, randomize, power, create or show)`);
  },
};
