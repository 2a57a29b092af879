/**
 * The extra data of design covariates (covariate-spec.ts): another dataset of the project
 * (calls for service, arrests) counted into the same design units by the units' own rule (inside
 * a target polygon or cell for grid designs, snapped segment, polygon, circle) over the same
 * pre-period months; and the numeric fields of a polygon layer, read for each unit.
 */
import { err, ok, type Result } from '../../base/result';
import { buildPolygonUnits } from '../analysis/polygon-units';
import { featureIds, type LayerFeatureLike } from '../analysis/layer-geometry';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import type { DesignLayer } from './design-layer-units';
import type { DesignPoints, DesignUnits } from './design-units';
import { monthIndexOf } from './period';

/** Another dataset's pre-period counts in the design units (the shape covariate-spec.ts reads). */
export interface DatasetCounts {
  readonly history: Float64Array;
  readonly groupCounts: Float64Array;
  readonly groupNames: readonly string[];
  /** Pre-period records of the dataset, and those counted in a unit. */
  readonly records: number;
  readonly counted: number;
}

/**
 * Counts `points` (another dataset, same CRS) into the units: row-major units x months and
 * units x groups, months of `units.months` only. Errors: units that cannot locate points (built
 * before units carried their rule).
 */
export function countDatasetIntoUnits(units: DesignUnits, points: DesignPoints): Result<DatasetCounts, StatsError> {
  if (!units.locate) return err(invalidArgument('design units', 'without a location rule', 'units built by buildDesignUnits or buildLayerDesignUnits'));
  const months = units.months;
  const nm = months.length;
  const keep: number[] = [];
  for (let i = 0; i < points.x.length; i++) if (monthIndexOf(months, points.days[i]!) >= 0 && Number.isFinite(points.x[i]! + points.y[i]!)) keep.push(i);
  const at = units.locate(Float64Array.from(keep, (i) => points.x[i]!), Float64Array.from(keep, (i) => points.y[i]!));
  const ng = points.groupNames.length;
  const history = new Float64Array(units.nUnits * nm);
  const groupCounts = new Float64Array(units.nUnits * Math.max(ng, 1));
  let counted = 0;
  for (let k = 0; k < keep.length; k++) {
    const u = at[k]!;
    if (u < 0) continue;
    counted++;
    history[u * nm + monthIndexOf(months, points.days[keep[k]!]!)]! += 1;
    const g = points.group ? points.group[keep[k]!]! : -1;
    if (g >= 0) groupCounts[u * ng + g]! += 1;
  }
  return ok({ history, groupCounts, groupNames: points.groupNames, records: keep.length, counted });
}

function numeric(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return Number.NaN;
}

/**
 * The fields of a layer holding a number (or numeric text) in at least one polygon feature,
 * sorted; what the design panel offers as field covariates.
 */
export function numericFieldNames(features: readonly LayerFeatureLike[]): string[] {
  const out = new Set<string>();
  for (const f of features) {
    const t = f.geometry?.type;
    if (t !== 'Polygon' && t !== 'MultiPolygon') continue;
    for (const [k, v] of Object.entries(f.properties ?? {})) if (!Number.isNaN(numeric(v))) out.add(k);
  }
  return [...out].sort();
}

/**
 * The value of `field` for every design unit (NaN = missing): on polygon units of this same
 * layer the unit's own feature; otherwise the feature whose polygon contains the unit's centre
 * (units.x, units.y; the first in layer order). The field name matches case-insensitively.
 * Errors: a field no polygon of the layer has as a number (the numeric fields listed).
 */
export function layerFieldValues(units: DesignUnits, layer: DesignLayer, field: string): Result<Float64Array, StatsError> {
  const names = numericFieldNames(layer.features);
  const name = names.find((n) => n.toLowerCase() === field.toLowerCase());
  if (name === undefined) return err(invalidArgument('--covariates', `field:${layer.name}.${field}`, `a numeric field of layer ${layer.name} (numeric fields: ${names.join(', ') || 'none'})`));
  const value = layer.features.map((f) => numeric(f.properties?.[name]));
  const ids = featureIds(layer.features);
  const featureOf = new Map(ids.map((id, i) => [id, i]));
  const out = new Float64Array(units.nUnits).fill(Number.NaN);
  const spec = units.unitSpec;
  if (spec?.kind === 'polygons' && spec.layer === layer.name) {
    for (let u = 0; u < units.nUnits; u++) {
      const f = featureOf.get(units.ids[u]!.replace(/^polygon /, ''));
      if (f !== undefined) out[u] = value[f]!;
    }
    return ok(out);
  }
  const located = buildPolygonUnits(layer.features, layer.project, units.x, units.y, { layerName: layer.name });
  if (!located.ok) return err(invalidArgument(located.error.name, located.error.value, located.error.expected));
  const baseIds = located.value.id as readonly string[];
  const cell = located.value.cellOfPoint;
  for (let u = 0; u < units.nUnits; u++) {
    if (cell[u]! < 0) continue;
    const f = featureOf.get(baseIds[cell[u]!]!);
    if (f !== undefined) out[u] = value[f]!;
  }
  return ok(out);
}
