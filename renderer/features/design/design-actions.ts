/**
 * Actions of the Design panel that touch the project: building a matched design with the shared
 * domain code, and saving / deleting design documents (undoable, logged).
 */
import { err, ok, type Result } from '../../../shared/base/result';
import { buildMatchedDesign, type CovariateSet } from '../../../shared/domain/design/build-design';
import { DESIGN_NAME, designDocumentKey, DesignDocSchema, type DesignDoc } from '../../../shared/domain/design/design-doc';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import type { Store } from '../../state/store';
import { logEntry } from '../project/project-tasks';
import type { DesignData } from './design-points';
import { checkTargets, describeProblem, isBlocking } from './target-stats';
import type { DesignSettings, DraftTarget } from './use-design-workbench';
import type { DayPeriod } from '../../../shared/domain/design/period';

/** The covariate sets ticked in the settings, in the CLI's order. */
export function chosenCovariates(s: DesignSettings): CovariateSet[] {
  const out: CovariateSet[] = [];
  if (s.counts) out.push('counts-by-group');
  if (s.history) out.push('monthly-history');
  if (s.trend) out.push('trend');
  return out;
}

/** Builds the matched design of the draft targets. Errors are plain words for the panel. */
export function runMatching(data: DesignData, targets: readonly DraftTarget[], s: DesignSettings, pre: DayPeriod | null): Result<DesignDoc, string> {
  if (!DESIGN_NAME.test(s.name)) return err(`Name “${s.name}”: use 1-64 letters, digits, “.”, “_” or “-”.`);
  if (!pre) return err('Set a valid pre period (Targets step).');
  if (targets.length === 0) return err('Add at least one target area first (Targets step).');
  const blocking = checkTargets(targets, s.bufferM, s.minAreaM2, data.extent).filter(isBlocking);
  if (blocking.length) return err(describeProblem(blocking[0]!));
  const covariates = chosenCovariates(s);
  if (covariates.length === 0) return err('Tick at least one covariate.');
  const built = buildMatchedDesign({
    name: s.name,
    created: new Date().toISOString(),
    crs: data.crs,
    points: data.points,
    targets: targets.map((t) => ({ id: t.id, name: t.name, rings: t.rings })),
    bufferM: s.bufferM,
    cellSizeM: s.cellSizeM,
    pre,
    covariates,
    algorithm: s.method,
    ratio: s.ratio,
    caliper: s.caliper,
    minDistanceM: s.minDistanceM,
    seed: s.seed,
    source: { dataset: data.dataset, dataHash: data.dataHash },
  });
  return built.ok ? ok(built.value) : err(formatStatsError(built.error));
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
    return { ...common, unit: `grid:${doc.unit.sizeM}`, match: m.algorithm, ratio: m.ratio, caliper: m.caliper, covariates: m.covariates, min_distance_m: m.minDistanceM, seed: m.seed, comparisons: doc.comparisons.map((c) => c.cellId) };
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
