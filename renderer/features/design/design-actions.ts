/**
 * Actions of the Design panel that touch the project: the matching request from the panel's
 * settings (run by design-worker-client.ts), and saving / deleting design documents (undoable,
 * logged).
 */
import { err, ok, type Result } from '../../../shared/base/result';
import { DESIGN_NAME, designDocumentKey, DesignDocSchema, type DesignDoc } from '../../../shared/domain/design/design-doc';
import { polygonsFromFeatures } from '../../../shared/domain/design/exact-categories';
import type { LayerFeatureLike } from '../../../shared/domain/analysis/layer-geometry';
import type { DesignPoints } from '../../../shared/domain/design/design-units';
import type { GridMatchInput, LayerFeatures } from '../../../shared/domain/design/grid-match';
import { createTransform } from '../../../shared/domain/geo/crs';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import type { DayPeriod } from '../../../shared/domain/design/period';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import { unitSpecOf } from './design-extras';
import type { DesignData } from './design-points';
import { checkTargets, describeProblem, isBlocking } from './target-stats';
import type { DesignSettings, DraftTarget } from './use-design-workbench';

/** The covariate terms ticked in the settings as `--covariates` text (covariate-spec.ts), in a fixed order. */
export function covariateSpecOf(s: DesignSettings): string {
  const terms: string[] = [];
  if (s.counts) terms.push('counts');
  if (s.total) terms.push('total');
  if (s.history) terms.push('history:month');
  if (s.quarterly) terms.push('history:quarter');
  if (s.trend) terms.push('trend');
  for (const id of s.otherDatasets) terms.push(`total@${id}`);
  for (const key of s.otherGroups) terms.push(`counts:${key}`);
  for (const id of s.otherHistory) terms.push(`history:month@${id}`);
  for (const key of s.fields) terms.push(`field:${key}`);
  return terms.join(',');
}

/** The other datasets the settings' covariates read (totals, group counts, monthly history), each once. */
export function datasetsOfSettings(s: DesignSettings): string[] {
  return [...new Set([...s.otherDatasets, ...s.otherGroups.map((k) => k.slice(k.lastIndexOf('@') + 1)), ...s.otherHistory])];
}

/** The project's reference layer of districts or beats, if it has one. */
export function findCategoryLayer(layers: readonly ProjectLayer[], kind: 'district' | 'beat'): ProjectLayer | null {
  return layers.find((l) => l.meta.role === `${kind}s`) ?? null;
}

/**
 * The matching request for the draft targets and settings, checked first (name, pre period,
 * targets, blocking target problems, covariates, a districts/beats layer for exact matching).
 * For the synthetic method the pair-matching options are left out (they do not apply). Errors
 * are plain words for the panel.
 */
export function buildMatchInput(
  data: DesignData,
  targets: readonly DraftTarget[],
  s: DesignSettings,
  pre: DayPeriod | null,
  layers: readonly ProjectLayer[],
  others: { readonly datasets: readonly { name: string; points: DesignPoints }[]; readonly available: readonly string[] } = { datasets: [], available: [] },
): Result<GridMatchInput, string> {
  if (!DESIGN_NAME.test(s.name)) return err(`Name “${s.name}”: use 1-64 letters, digits, “.”, “_” or “-”.`);
  if (!pre) return err('Set a valid pre period (Targets step).');
  if (targets.length === 0) return err('Add at least one target area first (Targets step).');
  const blocking = checkTargets(targets, s.bufferM, s.minAreaM2, data.extent).filter(isBlocking);
  if (blocking.length) return err(describeProblem(blocking[0]!));
  const covariateSpec = covariateSpecOf(s);
  if (!covariateSpec) return err('Tick at least one covariate.');
  const unit = unitSpecOf(s, layers);
  if (!unit.ok) return unit;
  const fieldLayers: LayerFeatures[] = [];
  for (const key of s.fields) {
    const id = key.slice(0, key.indexOf('.'));
    const layer = layers.find((l) => l.meta.id === id);
    if (!layer) return err(`Field ${key}: the project has no layer “${id}” any more; untick it.`);
    if (!fieldLayers.some((l) => l.name === id)) fieldLayers.push({ name: id, features: layer.geojson.features as LayerFeatureLike[] });
  }
  const synthetic = s.method === 'synthetic';
  let exact: GridMatchInput['exact'] = null;
  if (!synthetic && s.exact !== 'none') {
    const layer = findCategoryLayer(layers, s.exact);
    if (!layer) return err(`Exact matching on ${s.exact}: the project has no reference layer of ${s.exact}s (add one with “Add layer…” or “spi project”).`);
    const toXY = createTransform('EPSG:4326', data.crs);
    exact = { name: s.exact, ...polygonsFromFeatures(layer.geojson.features, s.exact, (lon, lat) => toXY(lon, lat) as [number, number]) };
  }
  return ok({
    name: s.name,
    created: new Date().toISOString(),
    crs: data.crs,
    points: data.points,
    targets: targets.map((t) => ({ id: t.id, name: t.name, rings: t.rings })),
    bufferM: s.bufferM,
    cellSizeM: s.cellSizeM,
    pre,
    minDistanceM: s.minDistanceM,
    covariateSpec,
    method: s.method,
    pairing: synthetic ? 'greedy' : s.pairing,
    ratio: synthetic ? 1 : s.ratio,
    replace: synthetic ? false : s.replace && s.pairing !== 'optimal',
    caliper: synthetic ? null : s.caliper,
    seed: s.seed,
    exact,
    source: { dataset: data.dataset, dataHash: data.dataHash },
    unit: unit.value.spec,
    layer: unit.value.layer ? { name: unit.value.layer.meta.id, features: unit.value.layer.geojson.features as LayerFeatureLike[] } : null,
    datasets: others.datasets,
    availableDatasets: others.available,
    fieldLayers,
    dropMissing: s.dropMissing,
  });
}

/** The settings a saved design restores (its method's own; the rest stay as they are). */
export function settingsOfDesign(doc: DesignDoc): Partial<DesignSettings> {
  const m = doc.method;
  const u = doc.unit;
  const unit: Partial<DesignSettings> =
    u.kind === 'grid' || u.kind === 'hex'
      ? { unitKind: u.kind, cellSizeM: u.sizeM }
      : u.kind === 'circles'
        ? { unitKind: 'circles', circleRadiusM: u.radiusM ?? u.sizeM / 2 }
        : u.kind === 'segments'
          ? { unitKind: 'segments', unitLayer: u.layer ?? '', snapM: u.snapM ?? u.sizeM / 2 }
          : { unitKind: 'polygons', unitLayer: u.layer ?? '' };
  const common = { name: doc.name, preFrom: doc.pre.from, preTo: doc.pre.to, bufferM: doc.targets[0]?.bufferM ?? 0, ...unit };
  if (m.kind !== 'matched') return common;
  // Designs saved before the covariate text was recorded name covariate sets instead.
  const rawTerms = (m.covariateSpec ?? m.covariates.map((c) => (c === 'counts-by-group' ? 'counts' : c === 'monthly-history' ? 'history:month' : 'trend')).join(',')).split(',').map((t) => t.trim());
  // The incidents' own terms have no '@DATASET'; other datasets' terms are restored below.
  const terms = rawTerms.map((t) => t.toLowerCase()).filter((t) => !t.includes('@'));
  const other = rawTerms.filter((t) => t.includes('@') && !t.toLowerCase().startsWith('field:'));
  const exact = m.exact === 'district' || m.exact === 'beat' ? m.exact : 'none';
  return {
    ...common,
    method: m.algorithm,
    pairing: m.pairing ?? 'greedy',
    replace: m.replace,
    exact,
    ratio: m.ratio,
    caliper: m.caliper,
    minDistanceM: m.minDistanceM,
    seed: m.seed,
    counts: terms.some((t) => t === 'counts' || t.startsWith('counts:')),
    total: terms.includes('total'),
    history: terms.includes('history:month') || terms.includes('history'),
    quarterly: terms.includes('history:quarter'),
    trend: terms.includes('trend'),
    otherDatasets: other.filter((t) => t.toLowerCase().startsWith('total@')).map((t) => t.slice(6)),
    otherGroups: other.filter((t) => /^counts:/i.test(t)).map((t) => t.slice(7)),
    otherHistory: other.filter((t) => /^history(:month)?@/i.test(t)).map((t) => t.slice(t.lastIndexOf('@') + 1)),
    fields: rawTerms.filter((t) => t.toLowerCase().startsWith('field:')).map((t) => t.slice(6)),
  };
}

/** A design's unit as `spi design match --unit` spells it. */
export function unitText(u: DesignDoc['unit']): string {
  if (u.kind === 'grid' || u.kind === 'hex') return `${u.kind}:${u.sizeM}`;
  if (u.kind === 'circles') return `circles:${u.radiusM ?? u.sizeM / 2}`;
  return `${u.kind}:${u.layer ?? '?'}`;
}

/** The saved designs of the project: name -> parsed document, or the reason it cannot be read. */
export function listDesigns(documents: Readonly<Record<string, unknown>>): { name: string; doc: DesignDoc | null; problem: string | null }[] {
  return Object.keys(documents)
    .filter((k) => k.startsWith('designs/'))
    .sort()
    .map((k) => {
      const parsed = DesignDocSchema.safeParse(documents[k]);
      const issue = parsed.success ? null : parsed.error.issues[0];
      return { name: k.slice(8), doc: parsed.success ? parsed.data : null, problem: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : null };
    });
}

/** The parameters a log entry records for a design (enough to re-derive it). */
export function designLogParameters(doc: DesignDoc, data: DesignData): Record<string, unknown> {
  const m = doc.method;
  const common = { name: doc.name, pre: `${doc.pre.from}..${doc.pre.to}`, buffer_m: doc.targets[0]?.bufferM ?? 0, targets: doc.targets.map((t) => t.id), dataset: data.dataset, document: designDocumentKey(doc.name) };
  if (m.kind === 'matched') {
    const pairsOrWeights = m.algorithm === 'synthetic' ? { weights: doc.comparisons.map((c) => [c.cellId, c.weight ?? 0]), fit_rmse: m.fit?.rmse ?? null } : { comparisons: doc.comparisons.map((c) => c.cellId), pairs: doc.comparisons.map((c) => [c.targetId, c.cellId]) };
    return { ...common, unit: unitText(doc.unit), match: m.algorithm, pairing: m.pairing ?? 'greedy', ratio: m.ratio, caliper: m.caliper, replace: m.replace, exact: m.exact ?? null, covariates: m.covariateSpec ?? m.covariates, min_distance_m: m.minDistanceM, seed: m.seed, ...pairsOrWeights };
  }
  return { ...common, algorithm: m.algorithm, seed: m.seed, convention: m.convention, treatment: doc.targets.map((t) => t.id), control: doc.comparisons.map((c) => c.id) };
}

/** Saves `doc` as designs/<name> with a log entry (undoable like any project edit). */
export function saveDesign(store: Store, doc: DesignDoc, data: DesignData): void {
  const action = doc.method.kind === 'matched' ? 'design.create' : 'design.randomize';
  const entry = { ...logEntry(action, designLogParameters(doc, data)), dataHashes: { [data.dataset]: data.dataHash } };
  // JSON round trip: the document holds only plain values, as a saved project will.
  store.dispatch({ type: 'set-document', path: designDocumentKey(doc.name), value: JSON.parse(JSON.stringify(doc)), log: entry });
}

/** Deletes designs/<name> with a log entry (undo brings it back). */
export function deleteDesign(store: Store, name: string): void {
  store.dispatch({ type: 'set-document', path: designDocumentKey(name), value: undefined, log: logEntry('design.delete', { name, document: designDocumentKey(name) }) });
}
