/**
 * The target-list panel's work, outside React: read the incidents from the app's engine, take
 * the areas (a saved design, or the significant Gi* cells of the grid layer's settings), build
 * the list with shared/ code, and export it through the host (desktop: save dialog; browser:
 * download), logging the export in the project.
 */
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { runHotSpots } from '../../../shared/domain/analysis/run-hotspots';
import { buildGridUnits } from '../../../shared/domain/analysis/units';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../shared/domain/design/period';
import { areasFromDesign, areasFromHotSpots, hotSpotColumnsOfRun, type TargetArea } from '../../../shared/domain/outputs/targets/areas';
import { buildTargetList, type TargetList } from '../../../shared/domain/outputs/targets/build';
import { exportTargetList, TARGET_FORMAT_INFO, toTargetExportLogEntry, type TargetFormat } from '../../../shared/domain/outputs/targets/export';
import { queryTargetIncidents } from '../../../shared/domain/outputs/targets/incidents';
import { buildStreetIndex, type StreetIndex } from '../../../shared/domain/outputs/targets/streets';
import { isDropped } from '../../../shared/domain/privacy/apply';
import { readProfileDocument } from '../../../shared/domain/privacy/profile';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import fontRegularUrl from '../../../resources/fonts/DejaVuSans.ttf?url';
import fontBoldUrl from '../../../resources/fonts/DejaVuSans-Bold.ttf?url';

/** What the analyst chose in the panel. */
export interface TargetRequest {
  /** 'hotspots' or a design name. */
  readonly source: string;
  readonly from: string;
  readonly to: string;
  readonly top: number;
  readonly privacy: string;
  readonly dosage: boolean;
}

/** A built list with the street index the PDF map draws. */
export interface BuiltTargets {
  readonly list: TargetList;
  readonly streets: StreetIndex | null;
}

/** Design names in the project's documents. */
export function designNames(documents: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(documents).filter((k) => k.startsWith('designs/')).map((k) => k.slice(8)).sort();
}

/** Builds the list for the open dataset. Errors come back as one plain sentence. */
export async function buildTargets(state: AppState, engine: SqlEngine, r: TargetRequest): Promise<{ ok: true; value: BuiltTargets } | { ok: false; message: string }> {
  const ds = state.dataset;
  if (!ds) return { ok: false, message: 'Open a project or import incidents first.' };
  const documents = state.doc.documents;
  const profile = readProfileDocument(documents, r.privacy);
  if (!profile.ok) return { ok: false, message: formatAppError(profile.error) };
  let period = null;
  if (r.from || r.to) {
    const p = parsePeriod('Period', `${r.from}..${r.to}`);
    if (!p.ok) return { ok: false, message: formatAppError(p.error) };
    period = p.value;
  }
  const crs = ds.stored?.meta.crs.analysis ?? ds.imported?.analysisCrs ?? null;
  const inc = await queryTargetIncidents(engine, ds.table, { crs });
  if (!inc.ok) return { ok: false, message: formatAppError(inc.error) };
  const incidents = inc.value;
  let areas: TargetArea[];
  let label: string;
  if (r.source === 'hotspots') {
    const g = state.doc.layer.grid;
    const keep: number[] = [];
    for (let i = 0; i < incidents.n; i++) {
      const gi = incidents.group.codes[i]!;
      const ci = incidents.code.codes[i]!;
      if (isDropped(profile.value, gi >= 0 ? incidents.group.values[gi]! : null, ci >= 0 ? incidents.code.values[ci]! : null)) continue;
      const day = incidents.fromMs[i]! / 86_400_000;
      if (period && !(day >= period.startDay && day < period.endDay)) continue;
      keep.push(i);
    }
    const unit = { kind: g.shape === 'square' ? ('grid' as const) : ('hex' as const), size: g.cell };
    const units = buildGridUnits(Float64Array.from(keep, (i) => incidents.x[i]!), Float64Array.from(keep, (i) => incidents.y[i]!), unit);
    if (!units.ok) return { ok: false, message: formatAppError(units.error) };
    const band = g.band ?? 500;
    const run = runHotSpots(units.value, { unit: `${unit.kind}:${unit.size}`, weights: { kind: 'band', distance: band }, fdr: g.fdr ?? false, permutations: 0, seed: 1 });
    if (!run.ok) return { ok: false, message: formatAppError(run.error) };
    const a = areasFromHotSpots(hotSpotColumnsOfRun(run.value), 2, 'grid layer');
    if (!a.ok) return { ok: false, message: formatAppError(a.error) };
    areas = a.value;
    label = `hot spots (Gi* ${unit.kind}:${unit.size}, band:${band}${g.fdr ? ', FDR' : ''}, 95%+)`;
  } else {
    const d = readDesignDocument(documents, r.source);
    if (!d.ok) return { ok: false, message: formatAppError(d.error) };
    const a = areasFromDesign(d.value, incidents.crs);
    if (!a.ok) return { ok: false, message: formatAppError(a.error) };
    areas = a.value;
    label = `design ${r.source}`;
  }
  const layer = state.project.layers.find((l) => l.meta.role === 'streets');
  const streets = layer ? buildStreetIndex(layer.geojson, incidents.crs) : null;
  const list = buildTargetList({ areas, incidents, source: label, period, top: r.top, profile: profile.value, streets, dosage: r.dosage ? { minutes: 15, visitsPerShift: 2, seed: 1 } : null });
  return { ok: true, value: { list, streets } };
}

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

/** The bundled DejaVu fonts (local assets, never a network URL), fetched once. */
function loadFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  const get = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
  fonts ??= Promise.all([get(fontRegularUrl), get(fontBoldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

/**
 * Exports the list: bytes from shared/, saved through the host, then the export is logged in
 * the project (document `targets/last-export` records what was written; the log entry holds the
 * format, rows, privacy profile and SHA-256). Returns a message for the panel.
 */
export async function exportTargets(store: Store, host: HostApi, built: BuiltTargets, format: TargetFormat, handling: string): Promise<string> {
  const info = TARGET_FORMAT_INFO[format];
  const bytes = await exportTargetList(built.list, format, { handling, streets: built.streets, fonts: format === 'pdf' ? await loadFonts() : undefined });
  const suggestedName = `patrol-targets.${info.extension}`;
  const saved = await host.saveFile({ suggestedName, bytes: bytes as Uint8Array<ArrayBuffer>, filters: [{ name: info.label, extensions: [info.extension] }] });
  if (!saved.ok) return formatAppError(saved.error);
  if (!saved.value.saved) return 'Export cancelled.';
  const file = saved.value.path ?? suggestedName;
  const entry = await toTargetExportLogEntry(built.list, format, bytes, file, 'analyst');
  store.dispatch({ type: 'set-document', path: 'targets/last-export', value: { ...entry.parameters, at: entry.at }, log: entry });
  return `Exported ${built.list.rows.length} areas as ${info.label} (${file}).`;
}
