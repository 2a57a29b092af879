/**
 * The unit of a place-based design, as `spi design match --unit` and the design panel name it:
 *   grid:M              square cells of side M metres (the target polygons themselves are the
 *                       treated units: design-units.ts)
 *   hex:M               pointy-top hexagons M metres across flats (the analysis verbs' `--unit
 *                       hex:M`, shared/domain/geo/grid.ts: same lattice anchored at the CRS
 *                       origin); as on grid cells, each target polygon is one treated unit
 *   segments[:LAYER]    street segments of a centerline layer (default role streets); incidents
 *                       snap to the nearest segment within --snap metres (default 30)
 *   polygons:LAYER      the polygons of a layer (beats, districts, a layer id)
 *   circles:R           equal-area circles of radius R metres around candidate hot spots
 * For every kind but grid and hex the treated units are the units a target polygon covers (layer-units
 * of design-layer-units.ts); the rules are stated in {@link unitRules}.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';

/** Default snapping tolerance (m) of street-segment units, as in the analysis verbs. */
export const DESIGN_SNAP_M = 30;

export type DesignUnitSpec =
  | { readonly kind: 'grid'; readonly sizeM: number }
  | { readonly kind: 'hex'; readonly sizeM: number }
  | { readonly kind: 'segments'; readonly layer: string; readonly snapM: number }
  | { readonly kind: 'polygons'; readonly layer: string }
  | { readonly kind: 'circles'; readonly radiusM: number };

const EXPECTED = 'grid:M, hex:M, segments[:LAYER], polygons:LAYER or circles:R (M, R metres > 0; LAYER a layer id or role such as streets or beats)';

/**
 * Parses the unit text (case-insensitive kind). `snapM` applies to segments only (default
 * {@link DESIGN_SNAP_M}); giving it with another kind is an error. Errors name the option.
 */
export function parseDesignUnitSpec(text: string, snapM?: number, option = '--unit'): Result<DesignUnitSpec, StatsError> {
  const t = text.trim();
  const colon = t.indexOf(':');
  const kind = (colon < 0 ? t : t.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : t.slice(colon + 1).trim();
  if (snapM !== undefined && kind !== 'segments') return err(invalidArgument('--snap', snapM, `--unit segments (the snapping tolerance applies to street segments only, not ${kind || 'this unit'})`));
  if (snapM !== undefined && !(snapM > 0 && Number.isFinite(snapM))) return err(invalidArgument('--snap', snapM, 'a snapping tolerance in metres > 0'));
  const metres = (v: string) => (/^\d+(\.\d+)?$/.test(v) && Number(v) > 0 ? Number(v) : null);
  if (kind === 'grid' || kind === 'hex' || kind === 'circles') {
    const m = metres(rest);
    if (m === null) return err(invalidArgument(option, text, EXPECTED));
    return ok(kind === 'circles' ? { kind, radiusM: m } : { kind, sizeM: m });
  }
  if (kind === 'segments') return ok({ kind, layer: rest || 'streets', snapM: snapM ?? DESIGN_SNAP_M });
  if (kind === 'polygons' && rest) return ok({ kind, layer: rest });
  return err(invalidArgument(option, text, EXPECTED));
}

/** The spec as the CLI spells it ("grid:250", "hex:300", "segments:streets", "polygons:beats", "circles:150"). */
export function formatDesignUnitSpec(spec: DesignUnitSpec): string {
  if (spec.kind === 'grid' || spec.kind === 'hex') return `${spec.kind}:${spec.sizeM}`;
  if (spec.kind === 'circles') return `circles:${spec.radiusM}`;
  return `${spec.kind}:${spec.layer}`;
}

/** The singular noun of a unit ("cell", "hex", "segment", "polygon", "circle"), used in unit ids. */
export function unitNoun(kind: DesignUnitSpec['kind']): string {
  return kind === 'grid' ? 'cell' : kind === 'hex' ? 'hex' : kind === 'segments' ? 'segment' : kind === 'polygons' ? 'polygon' : 'circle';
}

/**
 * Whether the target polygons themselves are the treated units (grid cells and hexes), rather
 * than the units a target covers (segments, polygons, circles: design-layer-units.ts).
 */
export function targetsAreUnits(kind: DesignUnitSpec['kind']): kind is 'grid' | 'hex' {
  return kind === 'grid' || kind === 'hex';
}

/**
 * The rules of the unit kind in words: which units are targets, which form the pool, how
 * incidents are counted. Stated in the design document's convention and printed by the CLI.
 */
export function unitRules(spec: DesignUnitSpec): string {
  const pool = 'Pool = units of the same kind that a target does not cover, whose shortest distance to every target polygon and every target unit is at least max(2 x buffer, min-distance) (so neither a comparison nor its buffer ring touches a target or its ring); units closer are listed as excluded with the reason.';
  if (spec.kind === 'grid') return `Units: square grid cells of ${spec.sizeM} m (edges at multiples of the cell size from the CRS origin); each target polygon is one treated unit and counts the incidents inside it. ${pool}`;
  if (spec.kind === 'hex')
    return `Units: pointy-top hexagons ${spec.sizeM} m across flats (side ${(spec.sizeM / Math.sqrt(3)).toFixed(1)} m, area ${((Math.sqrt(3) / 2) * spec.sizeM * spec.sizeM).toFixed(0)} m^2; odd rows shifted east by half a hex; lattice anchored at the CRS origin, the same hexes as the analysis verbs' --unit hex:${spec.sizeM}); each target polygon is one treated unit and counts the incidents inside it, the rest count in their hex. ${pool}`;
  if (spec.kind === 'segments')
    return `Units: street segments of layer "${spec.layer}" (one per line feature); each incident snaps to the nearest segment within ${spec.snapM} m (farther ones are not counted). Target units = segments whose midpoint (half-way along the line) lies inside a target polygon. Stored as the segment widened by the snap tolerance (convex hull of ${spec.snapM} m octagons around its vertices). ${pool}`;
  if (spec.kind === 'polygons')
    return `Units: the polygons of layer "${spec.layer}"; incidents counted by point in polygon (first polygon in layer order on overlap). Target units = polygons whose area-weighted centroid lies inside a target polygon; a target covering no centroid takes the polygon containing its vertex mean (e.g. the beat around a small target block) unless that polygon is another target's unit. A multipolygon is stored with its first part. ${pool}`;
  return `Units: non-overlapping circles of radius ${spec.radiusM} m centred on candidate hot spots: square cells of side ${spec.radiusM} m ranked by pre-period count (cells inside target polygons first, then all others; ties by cell id), each centre kept when at least 2 x ${spec.radiusM} m from every centre kept before; incidents within ${spec.radiusM} m of a centre count for it. Target units = circles whose centre lies inside a target polygon. ${pool}`;
}

/**
 * A saved design's unit in words for the panel, reports and `spi design show`: "grid cells of
 * 250 m", "hexagons of 300 m (across flats)", "street segments of layer streets (incidents snapped within 30 m)", "polygons of layer beats", "circles of radius
 * 150 m". Reads the document's `unit` (older documents have only kind grid and sizeM).
 */
export function describeDesignUnit(unit: { readonly kind: DesignUnitSpec['kind'] | string; readonly sizeM: number; readonly layer?: string; readonly snapM?: number; readonly radiusM?: number }): string {
  if (unit.kind === 'segments') return `street segments of layer ${unit.layer ?? 'streets'} (incidents snapped within ${unit.snapM ?? DESIGN_SNAP_M} m)`;
  if (unit.kind === 'polygons') return `polygons of layer ${unit.layer ?? '?'}`;
  if (unit.kind === 'circles') return `circles of radius ${unit.radiusM ?? unit.sizeM / 2} m`;
  if (unit.kind === 'hex') return `hexagons of ${unit.sizeM} m (across flats)`;
  return `grid cells of ${unit.sizeM} m`;
}
