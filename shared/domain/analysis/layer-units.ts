/**
 * The glue for street-segment and polygon units: parsing `--unit segments[:LAYER]` and
 * `--unit polygons:LAYER`, choosing the layer, and restating a run's convention and PAI for
 * units that are not equal cells (the generic statements speak of cells and equal areas).
 */
import { ok, type Result } from '../../base/result';
import { computeConcentration } from '../stats/concentration';
import { invalidArgument, type StatsError } from '../stats/errors';
import type { WeightsSpec } from '../stats/hotspots';
import type { AnalysisRun, JsonValue } from './result';
import type { AnalysisUnits } from './units';

/** A unit made from a reference layer: the layer is named by id, role or a .geojson file. */
export type LayerUnitSpec = { readonly kind: 'segments' | 'polygons'; readonly layer: string };

/** Default snapping tolerance for street segments, metres. */
export const DEFAULT_SNAP_M = 30;

/**
 * Parses "segments", "segments:LAYER" (default layer: the one with role streets) or
 * "polygons:LAYER" (a layer id or role such as beats or districts, or a .geojson file); null
 * when the text is not a layer unit (grid/hex are parsed elsewhere).
 */
export function parseLayerUnitSpec(text: string): Result<LayerUnitSpec, StatsError> | null {
  const t = text.trim();
  const [kind, ...rest] = t.split(':');
  const k = (kind ?? '').toLowerCase();
  if (k !== 'segments' && k !== 'polygons') return null;
  const layer = rest.join(':').trim();
  if (k === 'segments') return ok({ kind: 'segments', layer: layer || 'streets' });
  if (!layer) return invalidArgument('--unit', text, 'polygons:<layer id or role, e.g. beats, or a .geojson file>');
  return ok({ kind: 'polygons', layer });
}

/** A reference layer as a project holds it. */
export interface NamedLayer {
  readonly meta: { readonly id: string; readonly name: string; readonly role: string };
  readonly geojson: { readonly features: readonly unknown[] };
}

/**
 * The layer named `name`: by id first, then by role (beats, districts, streets, ...; also the
 * singular "beat"), case-insensitive. Error lists the layers there are.
 */
export function findLayer<T extends NamedLayer>(layers: readonly T[], name: string): Result<T, StatsError> {
  const n = name.toLowerCase();
  const hit =
    layers.find((l) => l.meta.id.toLowerCase() === n) ??
    layers.find((l) => l.meta.role.toLowerCase() === n) ??
    layers.find((l) => l.meta.role.toLowerCase() === `${n}s`);
  if (hit) return ok(hit);
  const have = layers.map((l) => `${l.meta.id} (${l.meta.role})`).join(', ') || 'none';
  return invalidArgument('--unit', name, `a layer of the project (layers: ${have}) or a .geojson file`);
}

function contiguityRule(units: AnalysisUnits, spec: WeightsSpec): string | null {
  if (spec.kind !== 'queen' && spec.kind !== 'rook') return null;
  if (units.source === 'segments') return 'contiguity: street segments sharing an end node (matched to 0.5 m; queen and rook are the same on segments)';
  if (units.source === 'polygons') return spec.kind === 'queen' ? 'queen contiguity: polygons sharing at least one vertex (matched to 0.5 m)' : 'rook contiguity: polygons sharing an edge, i.e. two consecutive vertices (matched to 0.5 m)';
  return null;
}

/**
 * The run with its statements made true for segment and polygon units: the "Units:" line
 * replaced by the units' own description, the contiguity rule named for the geometry, the
 * distance band said to run between midpoints/centroids, and, for concentration, PAI recomputed
 * with each unit's own area (polygons) or length (segments) instead of equal cells. Runs on
 * other units come back unchanged.
 */
export function restateForLayerUnits(run: AnalysisRun, units: AnalysisUnits, weights?: WeightsSpec): AnalysisRun {
  if (units.source !== 'segments' && units.source !== 'polygons') return run;
  const centres = units.source === 'segments' ? 'segment midpoints' : 'polygon centroids';
  let convention = run.convention.map((line) => {
    if (line.startsWith('Units:') && units.description) return units.description;
    if (line.startsWith('Weights:') && weights) {
      const rule = contiguityRule(units, weights);
      const tail = line.slice(line.indexOf('; ') + 2);
      if (rule) return `Weights: ${rule}; ${tail}`;
      if (weights.kind === 'band' || weights.kind === 'knn') return line.replace('unit centres', centres);
    }
    return line;
  });
  let summary: { readonly [key: string]: JsonValue } = run.summary;
  const measure = units.measure;
  if (run.verb === 'concentration' && measure) {
    const what = measure.kind === 'area' ? 'area' : 'length';
    convention = convention.map((line) =>
      line.startsWith('PAI')
        ? `PAI (Chainey et al. 2008) of the top units: (n / N) / (a / A), n their crimes, N all crimes, a their ${what}, A the ${what} of all ${units.source} ` +
          `(${measure.kind === 'area' ? 'polygon areas' : 'segment lengths, the usual adaptation of PAI to street segments'}).`
        : line,
    );
    const top = summary.top as { [key: string]: JsonValue } | undefined;
    const c = computeConcentration(units.counts);
    if (top && typeof top.units === 'number' && c.ok) {
      let a = 0;
      let A = 0;
      for (let u = 0; u < units.n; u++) A += measure.values[u] as number;
      for (let k = 0; k < top.units; k++) a += measure.values[c.value.rank[k] as number] as number;
      const nShare = (top.incidents as number) / c.value.total;
      const pai = A > 0 && a > 0 ? nShare / (a / A) : null;
      summary = { ...summary, top: { ...top, areaPercent: A > 0 ? (100 * a) / A : null, [`${what}Percent`]: A > 0 ? (100 * a) / A : null, pai } };
    }
  }
  const extra: Record<string, JsonValue> = {};
  const u = units as AnalysisUnits & { unsnapped?: number; outside?: number };
  if (typeof u.unsnapped === 'number') extra.unsnapped = u.unsnapped;
  if (typeof u.outside === 'number') extra.outside = u.outside;
  const warnings = [...run.warnings];
  const lost = u.unsnapped ?? u.outside ?? 0;
  if (lost > 0) warnings.push(`${lost.toLocaleString('en-US')} incident(s) ${units.source === 'segments' ? 'were farther than the snapping tolerance from every segment' : 'fell inside no polygon'} and are not counted.`);
  return { ...run, convention, summary: { ...summary, ...extra }, warnings };
}
