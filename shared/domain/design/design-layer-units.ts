/**
 * Design units other than grid cells (unit-spec.ts): street segments and polygons of a reference
 * layer (built by the analysis unit builders, shared/domain/analysis/segment-units.ts and
 * polygon-units.ts, read-only) and circles around candidate hot spots (circle-units.ts). The
 * target units are the units a target polygon covers (segment midpoint, polygon centroid or
 * circle centre inside it; a target covering no polygon centroid takes the polygon containing
 * its vertex mean, e.g. the beat around a small target block); the pool is the other units whose distance to every target polygon
 * and every target unit is at least max(2 x buffer, min-distance). Units come in the
 * {@link DesignUnits} layout: target units first (by target, then layer order), then the rest.
 */
import { err, ok, type Result } from '../../base/result';
import { buildPolygonUnits } from '../analysis/polygon-units';
import { buildSegmentUnits } from '../analysis/segment-units';
import { projectLine, type LayerFeatureLike, type Project2 } from '../analysis/layer-geometry';
import { isPointInPolygon } from '../geo/point-in-polygon';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { areaDistance, distanceToBoundary, polygonArea, prepareArea, type PreparedArea } from './areas';
import { assignToCircles, circleRings, pickCircleCentres } from './circle-units';
import { prepareTargets, type DesignUnits, type DesignUnitsInput } from './design-units';
import { monthIndexOf, periodMonths } from './period';
import { flatToRings, lineAsRing, segmentCorridor } from './unit-shapes';
import { unitNoun, type DesignUnitSpec } from './unit-spec';

/** A reference layer's features (lon/lat) with the projection to the analysis CRS. */
export interface DesignLayer {
  readonly name: string;
  readonly features: readonly LayerFeatureLike[];
  readonly project: Project2;
}

export interface LayerDesignUnitsInput extends Omit<DesignUnitsInput, 'cellSizeM'> {
  readonly spec: Exclude<DesignUnitSpec, { kind: 'grid' | 'hex' }>;
  /** The layer of segments or polygons (null for circles). */
  readonly layer: DesignLayer | null;
}

interface Base {
  readonly n: number;
  readonly ids: readonly string[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly cellOfPoint: Int32Array;
  readonly locate: (x: Float64Array, y: Float64Array) => Int32Array;
  /** Shapes for distances (null for circles: analytic). */
  readonly shapes: readonly (readonly PreparedArea[])[] | null;
  readonly stored: (b: number) => [number, number][][] | readonly (readonly (readonly [number, number])[])[];
  readonly area: (b: number) => number;
}

function buildBase(input: LayerDesignUnitsInput, px: Float64Array, py: Float64Array, targets: readonly PreparedArea[]): Result<Base, StatsError> {
  const spec = input.spec;
  if (spec.kind === 'circles') {
    const picked = pickCircleCentres(px, py, spec.radiusM, (cx, cy) => targets.some((t) => isPointInPolygon(t.flat, cx, cy)));
    if (!picked.ok) return picked;
    const c = picked.value;
    return ok({
      n: c.x.length,
      ids: Array.from(c.x, (_, k) => String(k + 1)),
      x: c.x,
      y: c.y,
      cellOfPoint: assignToCircles(c, px, py),
      locate: (x, y) => assignToCircles(c, x, y),
      shapes: null,
      stored: (b) => circleRings(c.x[b]!, c.y[b]!, spec.radiusM),
      area: () => Math.PI * spec.radiusM * spec.radiusM,
    });
  }
  const layer = input.layer;
  if (!layer) return err(invalidArgument('--unit', spec.kind, `a layer of ${spec.kind}`));
  if (spec.kind === 'segments') {
    const opts = { toleranceM: spec.snapM, layerName: layer.name };
    const built = buildSegmentUnits(layer.features, layer.project, px, py, opts);
    if (!built.ok) return err(invalidArgument(built.error.name, built.error.value, built.error.expected));
    // The same features the builder kept, in the same order (line features with usable coordinates).
    const lines: Float64Array[][] = [];
    for (const f of layer.features) {
      const g = f.geometry;
      const raw = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : null;
      const projected = raw?.map((l) => projectLine(l, layer.project)) ?? null;
      if (!projected || projected.length === 0 || projected.some((p) => p === null || p.length < 4)) continue;
      lines.push(projected as Float64Array[]);
    }
    const u = built.value;
    return ok({
      n: u.n,
      ids: u.id as readonly string[],
      x: u.x!,
      y: u.y!,
      cellOfPoint: u.cellOfPoint,
      locate: (x, y) => {
        const again = buildSegmentUnits(layer.features, layer.project, x, y, opts);
        return again.ok ? again.value.cellOfPoint : new Int32Array(x.length).fill(-1);
      },
      shapes: lines.map((ls) => [prepareArea(ls.map(lineAsRing), 0)]),
      stored: (b) => segmentCorridor(lines[b]!, spec.snapM),
      area: (b) => polygonArea(segmentCorridor(lines[b]!, spec.snapM)),
    });
  }
  const opts = { layerName: layer.name };
  const built = buildPolygonUnits(layer.features, layer.project, px, py, opts);
  if (!built.ok) return err(invalidArgument(built.error.name, built.error.value, built.error.expected));
  const u = built.value;
  return ok({
    n: u.n,
    ids: u.id as readonly string[],
    x: u.x!,
    y: u.y!,
    cellOfPoint: u.cellOfPoint,
    locate: (x, y) => {
      const again = buildPolygonUnits(layer.features, layer.project, x, y, opts);
      return again.ok ? again.value.cellOfPoint : new Int32Array(x.length).fill(-1);
    },
    shapes: u.polygons.map((parts) => parts.map((p) => prepareArea(flatToRings(p.rings), 0))),
    stored: (b) => flatToRings(u.polygons[b]![0]!.rings),
    area: (b) => u.measure!.values[b]!,
  });
}

function boxGap(a: PreparedArea, b: PreparedArea): number {
  return Math.hypot(Math.max(a.minX - b.maxX, b.minX - a.maxX, 0), Math.max(a.minY - b.maxY, b.minY - a.maxY, 0));
}

/**
 * Builds the units of the module comment. Errors (named): no targets, overlapping target
 * polygons, an empty pre period, a layer without units of the kind, no unit covered by any
 * target, no eligible comparison. Targets covering no unit give a warning.
 */
export function buildLayerDesignUnits(input: LayerDesignUnitsInput): Result<{ units: DesignUnits; warnings: string[] }, StatsError> {
  const { points, pre, spec } = input;
  const prepared = prepareTargets(input.targets, input.bufferM);
  if (!prepared.ok) return prepared;
  const { targets, warnings } = prepared.value;
  const months = periodMonths(pre);
  const nm = months.length;
  const keep: number[] = [];
  for (let i = 0; i < points.x.length; i++) if (monthIndexOf(months, points.days[i]!) >= 0 && Number.isFinite(points.x[i]! + points.y[i]!)) keep.push(i);
  if (keep.length === 0) return err(invalidArgument('--pre', `${pre.from}..${pre.to}`, 'a period containing incidents'));
  const px = Float64Array.from(keep, (i) => points.x[i]!);
  const py = Float64Array.from(keep, (i) => points.y[i]!);
  const based = buildBase(input, px, py, targets);
  if (!based.ok) return based;
  const base = based.value;
  const noun = unitNoun(spec.kind);
  // Target units: the representative point inside a target polygon (the first in target order).
  const targetOfBase = new Int32Array(base.n).fill(-1);
  const perTarget: number[][] = targets.map(() => []);
  for (let b = 0; b < base.n; b++) {
    const k = targets.findIndex((t) => isPointInPolygon(t.flat, base.x[b]!, base.y[b]!));
    if (k < 0) continue;
    targetOfBase[b] = k;
    perTarget[k]!.push(b);
  }
  if (spec.kind === 'polygons' && base.shapes) {
    // A target smaller than the polygons (a block inside a beat): the polygon containing the
    // target's vertex mean is its unit.
    perTarget.forEach((list, k) => {
      if (list.length > 0) return;
      const ring = input.targets[k]!.rings[0]!;
      const m = ring.length > 1 ? ring.length - 1 : ring.length;
      let cx = 0;
      let cy = 0;
      for (let v = 0; v < m; v++) {
        cx += ring[v]![0] / m;
        cy += ring[v]![1] / m;
      }
      const b = base.shapes!.findIndex((parts) => parts.some((p) => isPointInPolygon(p.flat, cx, cy)));
      if (b >= 0 && targetOfBase[b]! < 0) {
        targetOfBase[b] = k;
        list.push(b);
      }
    });
  }
  perTarget.forEach((list, k) => {
    if (list.length === 0) warnings.push(`target ${input.targets[k]!.id} covers no ${noun} (no ${spec.kind === 'segments' ? 'segment midpoint' : spec.kind === 'polygons' ? 'polygon centroid' : 'circle centre'} inside it): it has no unit in the design`);
  });
  const order = perTarget.flat();
  const nt = order.length;
  if (nt === 0) return err(invalidArgument('targets', `${input.targets.length} polygon(s) covering no ${noun}`, `target polygons containing the ${spec.kind === 'segments' ? 'midpoint of a street segment' : spec.kind === 'polygons' ? 'centroid of a polygon' : 'centre of a circle'} of --unit ${spec.kind}`));
  for (let b = 0; b < base.n; b++) if (targetOfBase[b]! < 0) order.push(b);
  const nUnits = order.length;
  const designOf = new Int32Array(base.n);
  order.forEach((b, u) => (designOf[b] = u));
  // Pool rule: distance to every target polygon and every target unit.
  const clear = Math.max(2 * input.bufferM, input.minDistanceM);
  const exclusion = new Uint8Array(nUnits);
  const eligible = new Uint8Array(nUnits);
  const r = spec.kind === 'circles' ? spec.radiusM : 0;
  let nEligible = 0;
  for (let u = nt; u < nUnits; u++) {
    const b = order[u]!;
    let nearest = Infinity;
    if (base.shapes) {
      for (const part of base.shapes[b]!) {
        for (const t of targets) if (boxGap(part, t) <= clear) nearest = Math.min(nearest, areaDistance(part, t));
        for (let v = 0; v < nt; v++) for (const tp of base.shapes[order[v]!]!) if (boxGap(part, tp) <= clear) nearest = Math.min(nearest, areaDistance(part, tp));
      }
    } else {
      const cx = base.x[b]!;
      const cy = base.y[b]!;
      for (const t of targets) {
        const d = isPointInPolygon(t.flat, cx, cy) ? 0 : distanceToBoundary(t, cx, cy);
        nearest = Math.min(nearest, Math.max(0, d - r));
      }
      for (let v = 0; v < nt; v++) nearest = Math.min(nearest, Math.max(0, Math.hypot(base.x[order[v]!]! - cx, base.y[order[v]!]! - cy) - 2 * r));
    }
    const reason = nearest <= 1e-9 ? 1 : nearest < 2 * input.bufferM ? 2 : nearest < input.minDistanceM ? 3 : 0;
    exclusion[u] = reason;
    if (reason === 0) {
      eligible[u] = 1;
      nEligible++;
    }
  }
  if (nEligible === 0) return err(invalidArgument('comparison pool', `0 ${spec.kind}`, `${spec.kind} clear of the targets and their buffers (fewer targets, a smaller --buffer or --min-distance)`));
  const ng = points.groupNames.length;
  const history = new Float64Array(nUnits * nm);
  const groupCounts = new Float64Array(nUnits * Math.max(ng, 1));
  let lost = 0;
  for (let k = 0; k < keep.length; k++) {
    const b = base.cellOfPoint[k]!;
    if (b < 0) {
      lost++;
      continue;
    }
    const u = designOf[b]!;
    history[u * nm + monthIndexOf(months, points.days[keep[k]!]!)]! += 1;
    const gr = points.group ? points.group[keep[k]!]! : -1;
    if (gr >= 0) groupCounts[u * ng + gr]! += 1;
  }
  if (lost > 0) {
    const how = spec.kind === 'segments' ? `farther than ${spec.snapM} m from every segment` : spec.kind === 'polygons' ? 'inside no polygon of the layer' : 'in no circle';
    warnings.push(`${lost.toLocaleString('en-US')} of ${keep.length.toLocaleString('en-US')} pre-period incident(s) are ${how} and count for no unit`);
  }
  const treated = new Uint8Array(nUnits);
  treated.fill(1, 0, nt);
  const cellId = Int32Array.from(order, (b, u) => (u < nt ? -1 : b));
  return ok({
    units: {
      nTargets: nt,
      nUnits,
      ids: order.map((b) => `${noun} ${base.ids[b]}`),
      cellId,
      x: Float64Array.from(order, (b) => base.x[b]!),
      y: Float64Array.from(order, (b) => base.y[b]!),
      treated,
      eligible,
      exclusion,
      months,
      history,
      groupCounts,
      groupNames: points.groupNames,
      prepared: targets,
      centres: { x: base.x, y: base.y },
      incidents: keep.length,
      unitSpec: spec,
      shapeOf: (u) => base.stored(order[u]!),
      areaOf: (u) => base.area(order[u]!),
      locate: (x, y) => Int32Array.from(base.locate(x, y), (b) => (b < 0 ? -1 : designOf[b]!)),
      targetOf: Int32Array.from(order.slice(0, nt), (b) => targetOfBase[b]!),
    },
    warnings,
  });
}
