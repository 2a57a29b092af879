/**
 * Loading for `spi export targets`: the project, its incidents (through the Node engine), the
 * privacy profile (a project document or a JSON file), the street layer, and the candidate
 * areas from a design, hot spots (fresh or saved) or a GeoJSON file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analysisDocumentKey } from '../../../shared/domain/analysis/document';
import { runHotSpots } from '../../../shared/domain/analysis/run-hotspots';
import { buildGridUnits } from '../../../shared/domain/analysis/units';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import type { DayPeriod } from '../../../shared/domain/design/period';
import { areasFromDesign, areasFromGeoJson, areasFromHotSpots, hotSpotColumnsOfDocument, hotSpotColumnsOfRun, type TargetArea } from '../../../shared/domain/outputs/targets/areas';
import { queryTargetIncidents, type TargetIncidents } from '../../../shared/domain/outputs/targets/incidents';
import { buildStreetIndex, type StreetIndex } from '../../../shared/domain/outputs/targets/streets';
import { isDropped } from '../../../shared/domain/privacy/apply';
import { NO_PRIVACY, parseProfile, readProfileDocument, type PrivacyProfile } from '../../../shared/domain/privacy/profile';
import type { OpenedProject } from '../../../shared/domain/project/read-project';
import type { UnitSpec, WeightsSpec } from '../../../shared/domain/stats/hotspots';
import { openNodeEngine } from '../../services/duckdb-node';
import { openProjectFile } from '../../services/project-file';
import { CliInputError } from '../io';
import { fail } from './analysis-source';

/** The opened project, its incidents dataset and the incidents read from it. */
export interface LoadedTargetsProject {
  readonly opened: OpenedProject;
  readonly datasetId: string;
  readonly dataHash: string | null;
  readonly incidents: TargetIncidents;
  readonly streets: StreetIndex | null;
}

/** Opens PROJECT, picks the incidents dataset (or --dataset) and reads its incidents. */
export async function loadTargetsProject(arg: string, cwd: string, dataset: string | undefined, filter: string | undefined): Promise<LoadedTargetsProject> {
  const o = await openProjectFile(path.resolve(cwd, arg));
  if (!o.ok) fail(o.error.kind === 'file-format' || o.error.kind === 'file-not-found' ? { ...o.error, path: arg } : o.error);
  const opened = o.value;
  const datasets = opened.project.datasets;
  const d = dataset ? datasets.find((x) => x.meta.id === dataset) : (datasets.find((x) => x.meta.kind === 'incidents' && x.table) ?? datasets.find((x) => x.table));
  if (!d) throw new CliInputError(dataset ? `--dataset: "${dataset}" is not in ${arg} (datasets: ${datasets.map((x) => x.meta.id).join(', ') || 'none'})` : `${arg}: the project has no readable dataset`);
  if (!d.table) throw new CliInputError(`${arg}: dataset "${d.meta.id}" has no readable table`);
  const engine = await openNodeEngine();
  let incidents: TargetIncidents;
  try {
    const inserted = await engine.insertArrowTable('t', d.table);
    if (!inserted.ok) fail(inserted.error);
    const q = await queryTargetIncidents(engine, 't', { crs: d.meta.crs.analysis ?? opened.project.info.analysisCrs, filter });
    if (!q.ok) fail(q.error);
    incidents = q.value;
  } finally {
    await engine.close();
  }
  const layer = opened.project.layers.find((l) => l.meta.role === 'streets');
  return { opened, datasetId: d.meta.id, dataHash: d.meta.source.sha256, incidents, streets: layer ? buildStreetIndex(layer.geojson, incidents.crs) : null };
}

/** --privacy NAME (a project document privacy/NAME or a built-in) or FILE.json; none = internal. */
export async function loadPrivacyProfile(arg: string | undefined, documents: Readonly<Record<string, unknown>>, cwd: string): Promise<PrivacyProfile> {
  if (arg === undefined) return NO_PRIVACY;
  if (/\.json$/i.test(arg)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.resolve(cwd, arg), 'utf8'));
    } catch (e) {
      throw new CliInputError(`--privacy: ${arg} could not be read as JSON (${(e as Error).message})`);
    }
    const p = parseProfile(json, `--privacy ${arg}`);
    if (!p.ok) fail(p.error);
    return p.value;
  }
  const p = readProfileDocument(documents, arg);
  if (!p.ok) fail(p.error);
  return p.value;
}

/** How the hot spots are found when no saved analysis is named. */
export interface HotSpotRequest {
  readonly analysisId: string | null;
  readonly unit: UnitSpec;
  readonly unitText: string;
  readonly weights: WeightsSpec;
  readonly weightsText: string;
  readonly fdr: boolean;
  readonly minBin: number;
}

/** Which source the areas come from. */
export type AreaSource = { kind: 'design'; name: string } | { kind: 'hotspots'; request: HotSpotRequest } | { kind: 'areas'; file: string };

/**
 * The candidate areas and a phrase naming their source. Fresh hot spots run Gi* on the incidents
 * of the period that the privacy profile does not withhold (so a public list never points at
 * places made hot by withheld offenses).
 */
export async function loadTargetAreas(
  source: AreaSource,
  loaded: LoadedTargetsProject,
  period: DayPeriod | null,
  profile: PrivacyProfile,
  cwd: string,
): Promise<{ areas: TargetArea[]; label: string }> {
  const docs = loaded.opened.project.documents;
  const crs = loaded.incidents.crs;
  if (source.kind === 'design') {
    const d = readDesignDocument(docs, source.name);
    if (!d.ok) fail(d.error);
    const a = areasFromDesign(d.value, crs);
    if (!a.ok) fail(a.error);
    return { areas: a.value, label: `design ${source.name}` };
  }
  if (source.kind === 'areas') {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.resolve(cwd, source.file), 'utf8'));
    } catch (e) {
      throw new CliInputError(`--areas: ${source.file} could not be read as JSON (${(e as Error).message})`);
    }
    const a = areasFromGeoJson(json, crs, source.file);
    if (!a.ok) fail(a.error);
    return { areas: a.value, label: `areas ${path.basename(source.file)}` };
  }
  const r = source.request;
  if (r.analysisId !== null) {
    const key = analysisDocumentKey(r.analysisId);
    if (docs[key] === undefined) {
      const saved = Object.keys(docs).filter((k) => k.startsWith('analyses/hotspots')).map((k) => k.slice(9));
      throw new CliInputError(`--hotspots: "${r.analysisId}" is not a saved analysis (${saved.length ? `saved: ${saved.join(', ')}` : 'the project has none; omit the id to run Gi* now'})`);
    }
    const cols = hotSpotColumnsOfDocument(docs[key], key);
    if (!cols.ok) fail(cols.error);
    const a = areasFromHotSpots(cols.value, r.minBin, key);
    if (!a.ok) fail(a.error);
    return { areas: a.value, label: `hot spots ${r.analysisId} (Gi* bin >= ${r.minBin})` };
  }
  const inc = loaded.incidents;
  const keep: number[] = [];
  for (let i = 0; i < inc.n; i++) {
    const g = inc.group.codes[i]!;
    const c = inc.code.codes[i]!;
    if (isDropped(profile, g >= 0 ? inc.group.values[g]! : null, c >= 0 ? inc.code.values[c]! : null)) continue;
    const day = inc.fromMs[i]! / 86_400_000;
    if (period && !(day >= period.startDay && day < period.endDay)) continue;
    keep.push(i);
  }
  const units = buildGridUnits(Float64Array.from(keep, (i) => inc.x[i]!), Float64Array.from(keep, (i) => inc.y[i]!), r.unit);
  if (!units.ok) fail(units.error);
  const run = runHotSpots(units.value, { unit: r.unitText, weights: r.weights, fdr: r.fdr, permutations: 0, seed: 1 });
  if (!run.ok) fail(run.error);
  const a = areasFromHotSpots(hotSpotColumnsOfRun(run.value), r.minBin, 'hot spots');
  if (!a.ok) fail(a.error);
  return { areas: a.value, label: `hot spots (Gi* ${r.unitText}, ${r.weightsText}${r.fdr ? ', FDR' : ''}, bin >= ${r.minBin})` };
}
