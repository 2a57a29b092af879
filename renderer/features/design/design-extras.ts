/**
 * The design panel's choices beyond grid cells and the incidents' own counts: which project
 * layers can serve as units (street segments, polygons), the unit spec from the settings, the
 * other datasets of the project (with their offense groups) and the numeric polygon-layer fields
 * offered as covariates, and loading the other datasets' points (same reading as
 * design-points.ts: each case once, dates required) for `total@DATASET`, `counts:GROUP@DATASET`
 * and `history:month@DATASET` terms. The matching itself is shared (grid-match.ts), as the CLI.
 */
import { err, ok, type Result } from '../../../shared/base/result';
import { formatAppError } from '../../../shared/base/errors';
import { UNIT_ID_PROPERTIES, type LayerFeatureLike } from '../../../shared/domain/analysis/layer-geometry';
import { DATE_COLUMN_CANDIDATES, queryAnalysisPoints } from '../../../shared/domain/analysis/points';
import type { DesignPoints } from '../../../shared/domain/design/design-units';
import { numericFieldNames } from '../../../shared/domain/design/extra-covariates';
import type { DesignUnitSpec } from '../../../shared/domain/design/unit-spec';
import type { ProjectLayer } from '../../../shared/domain/project/project';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { ensureDatasetLoaded } from '../datasets/source-tables';
import { projectDatasets } from '../datasets/project-datasets';
import type { DesignSettings } from './use-design-workbench';

type Geometry = 'line' | 'polygon' | 'other';

function geometryOf(layer: ProjectLayer): Geometry {
  const f = layer.geojson.features.find((x) => (x as LayerFeatureLike).geometry) as LayerFeatureLike | undefined;
  const t = f?.geometry?.type;
  return t === 'LineString' || t === 'MultiLineString' ? 'line' : t === 'Polygon' || t === 'MultiPolygon' ? 'polygon' : 'other';
}

/** The project layers usable as units of `kind`: line layers for segments, polygon layers for polygons. */
export function unitLayers(layers: readonly ProjectLayer[], kind: 'segments' | 'polygons'): ProjectLayer[] {
  return layers.filter((l) => geometryOf(l) === (kind === 'segments' ? 'line' : 'polygon'));
}

/**
 * The unit spec of the settings; the layer defaults to the streets layer (segments) or the first
 * polygon layer. Errors (plain words): no layer of the kind, sizes that are not > 0.
 */
export function unitSpecOf(s: DesignSettings, layers: readonly ProjectLayer[]): Result<{ spec: DesignUnitSpec; layer: ProjectLayer | null }, string> {
  if (s.unitKind === 'grid' || s.unitKind === 'hex') return s.cellSizeM > 0 ? ok({ spec: { kind: s.unitKind, sizeM: s.cellSizeM }, layer: null }) : err(`Set a ${s.unitKind === 'hex' ? 'hex' : 'cell'} size above 0 m.`);
  if (s.unitKind === 'circles') return s.circleRadiusM > 0 ? ok({ spec: { kind: 'circles', radiusM: s.circleRadiusM }, layer: null }) : err('Set a circle radius above 0 m.');
  const list = unitLayers(layers, s.unitKind);
  const layer = list.find((l) => l.meta.id === s.unitLayer) ?? (s.unitKind === 'segments' ? list.find((l) => l.meta.role === 'streets') : undefined) ?? list[0];
  if (!layer) return err(s.unitKind === 'segments' ? 'Street segments need a street centerline layer (add one with “Add layer…”).' : 'Polygon units need a layer of polygons such as beats (add one with “Add layer…”).');
  if (s.unitKind === 'segments') return s.snapM > 0 ? ok({ spec: { kind: 'segments', layer: layer.meta.id, snapM: s.snapM }, layer }) : err('Set a snapping tolerance above 0 m.');
  return ok({ spec: { kind: 'polygons', layer: layer.meta.id }, layer });
}

/**
 * Numeric fields of the project's polygon layers, as covariate choices ("LAYER.FIELD"); fields
 * named like unit ids or codes (id, beat, district, objectid, ...: UNIT_ID_PROPERTIES) are left
 * out, as a beat number is not a quantity (the CLI still takes them by name).
 */
export function fieldChoices(layers: readonly ProjectLayer[]): { key: string; label: string }[] {
  const ids = new Set(UNIT_ID_PROPERTIES.map((p) => p.toLowerCase()));
  return layers
    .filter((l) => geometryOf(l) === 'polygon')
    .flatMap((l) =>
      numericFieldNames(l.geojson.features as LayerFeatureLike[])
        .filter((f) => !ids.has(f.toLowerCase()))
        .map((f) => ({ key: `${l.meta.id}.${f}`, label: `${l.meta.name}: ${f}` })),
    );
}

/** Another dataset of the project as the covariate box offers it. */
export interface OtherDatasetChoice {
  readonly id: string;
  readonly label: string;
  /** Its offense groups (distinct non-empty `offense_group` values, sorted; none without the column). */
  readonly groups: readonly string[];
  /** Whether it has a date column (DATE_COLUMN_CANDIDATES): without one it cannot be counted by period. */
  readonly dated: boolean;
}

const groupCache = new WeakMap<object, readonly string[]>();

type TableLike = { readonly schema?: { readonly fields?: readonly { readonly name: string }[] }; readonly numRows?: number; getChild?(name: string): { get(i: number): unknown } | null };

/**
 * The distinct offense groups of a dataset table (one pass over the column, cached per table).
 * Groups holding a comma are left out: a comma separates covariate terms.
 */
function groupsOf(table: TableLike): readonly string[] {
  const cached = groupCache.get(table);
  if (cached) return cached;
  const name = table.schema?.fields?.find((f) => f.name.toLowerCase() === 'offense_group')?.name;
  const col = name && typeof table.getChild === 'function' ? table.getChild(name) : null;
  const set = new Set<string>();
  if (col) for (let i = 0; i < (table.numRows ?? 0); i++) {
    const v = col.get(i);
    if (typeof v === 'string' && v.trim() !== '' && !v.includes(',')) set.add(v);
  }
  const out = [...set].sort();
  groupCache.set(table, out);
  return out;
}

/**
 * The other datasets of the open project (not `shownId`) with a readable table, with their
 * offense groups (for `counts:GROUP@ID`) and whether they have dates (`history:month@ID` and
 * every other count term need them).
 */
export function otherDatasetChoices(createdAt: string, shownId: string): OtherDatasetChoice[] {
  return projectDatasets(createdAt)
    .filter((d) => d.table && d.meta.id !== shownId)
    .map((d) => {
      const t = d.table as unknown as TableLike;
      const names = (t.schema?.fields ?? []).map((f) => f.name.toLowerCase());
      return {
        id: d.meta.id,
        label: d.meta.kind && d.meta.kind !== d.meta.id ? `${d.meta.name || d.meta.id} (${d.meta.kind})` : d.meta.name || d.meta.id,
        groups: groupsOf(t),
        dated: DATE_COLUMN_CANDIDATES.some((c) => names.includes(c)),
      };
    });
}

/**
 * The points of the other datasets `ids` in `crs` (x/y metres, dates as days, offense group),
 * each case once. Throws a plain-words Error naming a dataset without x/y in that CRS.
 */
export async function loadOtherDatasets(engine: SqlEngine, createdAt: string, ids: readonly string[], crs: string): Promise<{ name: string; points: DesignPoints }[]> {
  const out: { name: string; points: DesignPoints }[] = [];
  for (const id of ids) {
    const { dataset, table } = await ensureDatasetLoaded(engine, createdAt, id);
    const own = dataset.meta.crs.analysis;
    if (own !== crs) throw new Error(`Dataset ${id} is in ${own ?? 'no known CRS'}, the incidents in ${crs}: it cannot be counted into the same units.`);
    const p = await queryAnalysisPoints(engine, table, { dates: 'required', idColumn: 'offense_group', onePerCase: true }, id);
    if (!p.ok) throw new Error(`Dataset ${id}: ${formatAppError(p.error)}`);
    const ids2 = p.value.ids ?? [];
    const groupNames = [...new Set(ids2.filter((v): v is string => v !== null && v !== ''))].sort();
    const index = new Map(groupNames.map((g, i) => [g, i]));
    out.push({ name: id, points: { x: p.value.x, y: p.value.y, days: p.value.days!, group: p.value.ids ? Int32Array.from(ids2, (v) => (v === null ? -1 : (index.get(v) ?? -1))) : null, groupNames } });
  }
  return out;
}

/** A design's units in words for the panel (the shared wording of reports and `spi design show`). */
export { describeDesignUnit as describeUnit } from '../../../shared/domain/design/unit-spec';
