/**
 * Design units other than grid cells (design-layer-units.ts, circle-units.ts, unit-spec.ts):
 * worked values on small planar fixtures (which units are targets, which are excluded and why,
 * the counts per unit and month), the property that no pool unit lies within the clearance of a
 * target polygon or target unit, and the unit spec parser.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import type { LayerFeatureLike } from '../../../../shared/domain/analysis/layer-geometry';
import { distanceToBoundary, prepareArea, squareRings } from '../../../../shared/domain/design/areas';
import { assignToCircles, pickCircleCentres } from '../../../../shared/domain/design/circle-units';
import { buildLayerDesignUnits, type DesignLayer } from '../../../../shared/domain/design/design-layer-units';
import { EXCLUSION_REASONS } from '../../../../shared/domain/design/design-units';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { parseDesignUnitSpec, unitRules } from '../../../../shared/domain/design/unit-spec';
import { formatStatsError } from '../../../../shared/domain/evaluation/stats-error';
import { isPointInPolygon } from '../../../../shared/domain/geo/point-in-polygon';

const PRE = unwrap(parsePeriod('--pre', '2023-01-01..2023-03-31'));
const JAN = PRE.startDay + 3;
const MAR = PRE.startDay + 70;
const identity = (x: number, y: number): [number, number] => [x, y];
const line = (id: number, a: [number, number], b: [number, number]): LayerFeatureLike => ({ id, properties: {}, geometry: { type: 'LineString', coordinates: [a, b] } });
const square = (id: string, x0: number, y0: number, s: number, props: Record<string, unknown> = {}): LayerFeatureLike => ({
  properties: { id, ...props },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]] },
});
const pts = (xy: [number, number, number][]) => ({
  x: Float64Array.from(xy, (p) => p[0]),
  y: Float64Array.from(xy, (p) => p[1]),
  days: Float64Array.from(xy, (p) => p[2]),
  group: null,
  groupNames: [] as string[],
});
/** The target: the square 0..100 m. */
const TARGET = [{ id: 'T1', name: 'Block', rings: squareRings(50, 50, 100) }];

describe('street-segment design units', () => {
  const streets: DesignLayer = {
    name: 'streets',
    project: identity,
    features: [
      line(1, [300, 50], [400, 50]), // 200 m from the target: pool
      line(2, [10, 50], [90, 50]), // midpoint (50, 50) inside: target unit
      line(3, [50, 120], [150, 120]), // 20 m from the target: within 2 x buffer
      line(4, [-50, 90], [40, 90]), // crosses the target, midpoint (-5, 90) outside: overlaps
      line(5, [50, 180], [150, 180]), // 80 m from the target (>= 2 x 25, < 90): min distance
    ],
  };
  const points = pts([
    [50, 52, JAN], [60, 48, MAR], // segment 2
    [350, 49, JAN], [350, 51, JAN], [380, 50, MAR], // segment 1
    [100, 121, MAR], // segment 3
    [1000, 1000, JAN], // unsnapped
    [50, 52, PRE.endDay + 10], // after the pre period
  ]);

  it('puts the covered segment first, excludes by the pool rule with reasons, counts by month', () => {
    const r = unwrap(buildLayerDesignUnits({ points, targets: TARGET, bufferM: 25, pre: PRE, minDistanceM: 90, spec: { kind: 'segments', layer: 'streets', snapM: 5 }, layer: streets }));
    const u = r.units;
    expect(u.nTargets).toBe(1);
    expect(u.ids).toEqual(['segment 2', 'segment 1', 'segment 3', 'segment 4', 'segment 5']);
    expect(Array.from(u.treated)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(u.eligible)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(u.exclusion, (e) => EXCLUSION_REASONS[e])).toEqual(['', '', 'within 2 x buffer of a target', 'overlaps a target', 'closer than the minimum distance to a target']);
    // Months Jan, Feb, Mar: segment 2 has 1 + 0 + 1, segment 1 has 2 + 0 + 1, segment 3 0 + 0 + 1.
    expect(Array.from(u.history)).toEqual([1, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(u.incidents).toBe(7);
    expect(r.warnings).toContain('1 of 7 pre-period incident(s) are farther than 5 m from every segment and count for no unit');
    // Midpoints are the representative points; the stored shape is the 5 m corridor.
    expect([u.x[0], u.y[0]]).toEqual([50, 50]);
    const corridor = u.shapeOf!(1)[0]!;
    const xs = corridor.map((p) => p[0]);
    const ys = corridor.map((p) => p[1]);
    expect(Math.min(...xs)).toBeCloseTo(295, 9);
    expect(Math.max(...xs)).toBeCloseTo(405, 9);
    expect(Math.max(...ys)).toBeCloseTo(55, 9);
    // Another dataset's points are located by the same rule.
    expect(Array.from(u.locate!(Float64Array.of(50, 350, 100, 900), Float64Array.of(53, 50, 118, 900)))).toEqual([0, 1, 2, -1]);
  });

  it('names the target that covers no segment, and fails when none does', () => {
    const far = [...TARGET, { id: 'T2', name: 'Empty', rings: squareRings(2000, 2000, 50) }];
    const r = unwrap(buildLayerDesignUnits({ points, targets: far, bufferM: 0, pre: PRE, minDistanceM: 0, spec: { kind: 'segments', layer: 'streets', snapM: 5 }, layer: streets }));
    expect(r.warnings.some((w) => w.startsWith('target T2 covers no segment'))).toBe(true);
    const none = buildLayerDesignUnits({ points, targets: [far[1]!], bufferM: 0, pre: PRE, minDistanceM: 0, spec: { kind: 'segments', layer: 'streets', snapM: 5 }, layer: streets });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(formatStatsError(none.error)).toMatch(/covering no segment/);
  });
});

describe('polygon design units', () => {
  const beats: DesignLayer = { name: 'beats', project: identity, features: [square('A', 0, 0, 500), square('B', 500, 0, 500), square('C', 1500, 0, 500), square('D', 3000, 0, 500)] };
  const points = pts([[100, 100, JAN], [600, 100, JAN], [1600, 100, JAN], [1700, 100, MAR], [3100, 100, MAR]]);

  it('takes the polygon around a small target, excludes touching and near polygons', () => {
    const small = [{ id: 'T1', name: 'Block', rings: squareRings(100, 100, 60) }];
    const r = unwrap(buildLayerDesignUnits({ points, targets: small, bufferM: 300, pre: PRE, minDistanceM: 0, spec: { kind: 'polygons', layer: 'beats' }, layer: beats }));
    const u = r.units;
    expect(u.ids).toEqual(['polygon A', 'polygon B', 'polygon C', 'polygon D']);
    // B touches A (distance 0); C is 1000 m from A but only 1370 m from the block: >= 600 m, pool; D pool.
    expect(Array.from(u.exclusion, (e) => EXCLUSION_REASONS[e])).toEqual(['', 'overlaps a target', '', '']);
    expect(Array.from(u.eligible)).toEqual([0, 0, 1, 1]);
    expect(u.areaOf!(0)).toBe(250_000);
    expect(Array.from(u.history)).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1]);
  });
});

describe('circle design units', () => {
  it('keeps non-overlapping centres, busiest first, target cells first', () => {
    // Cells of 100 m: (0..100) has 3 points, (100..200) 2, (500..600) 1.
    const x = Float64Array.of(50, 50, 50, 150, 150, 550);
    const y = Float64Array.of(50, 50, 50, 50, 50, 50);
    const c = unwrap(pickCircleCentres(x, y, 100, () => false));
    expect(Array.from(c.x)).toEqual([50, 550]);
    expect(Array.from(assignToCircles(c, x, y))).toEqual([0, 0, 0, 0, 0, 1]);
    // Preferring the cell at x 150 (inside a target) keeps it and drops the busier one.
    const t = unwrap(pickCircleCentres(x, y, 100, (cx) => cx === 150));
    expect(Array.from(t.x)).toEqual([150, 550]);
  });

  it('counts circles around targets and excludes circles within the clearance', () => {
    // Cells of 50 m: the points sit in the cells centred (75, 75), (475, 75) and (1075, 75).
    const points = pts([[75, 75, JAN], [75, 65, JAN], [475, 75, JAN], [1075, 75, MAR]]);
    const r = unwrap(buildLayerDesignUnits({ points, targets: TARGET, bufferM: 100, pre: PRE, minDistanceM: 0, spec: { kind: 'circles', radiusM: 50 }, layer: null }));
    const u = r.units;
    expect(u.ids).toEqual(['circle 1', 'circle 2', 'circle 3']);
    expect([u.x[0], u.x[1], u.x[2]]).toEqual([75, 475, 1075]);
    // Circle 2: 475 - 100 - 50 = 325 m from the target polygon, 400 - 2 x 50 = 300 m from the
    // target circle: both >= 2 x 100, so in the pool; circle 3 too.
    expect(Array.from(u.eligible)).toEqual([0, 1, 1]);
    expect(u.areaOf!(0)).toBeCloseTo(Math.PI * 2500, 9);
    expect(Array.from(u.history)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 1]);
  });
});

describe('property: no pool unit within max(2 x buffer, min distance) of a target', () => {
  it('holds for random streets, targets and distances (checked by sampling every metre)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rng = createRng(seed);
      const features: LayerFeatureLike[] = [];
      for (let i = 0; i < 60; i++) {
        const ax = rng.uniform(0, 2000);
        const ay = rng.uniform(0, 2000);
        features.push(line(i + 1, [ax, ay], [ax + rng.uniform(-200, 200), ay + rng.uniform(-200, 200)]));
      }
      const targets = [
        { id: 'T1', name: 'a', rings: squareRings(rng.uniform(300, 800), rng.uniform(300, 800), rng.uniform(80, 300)) },
        { id: 'T2', name: 'b', rings: squareRings(rng.uniform(1200, 1700), rng.uniform(1200, 1700), rng.uniform(80, 300)) },
      ];
      const n = 400;
      const points = { x: Float64Array.from({ length: n }, () => rng.uniform(0, 2000)), y: Float64Array.from({ length: n }, () => rng.uniform(0, 2000)), days: new Float64Array(n).fill(JAN), group: null, groupNames: [] };
      const bufferM = rng.uniform(0, 120);
      const minDistanceM = rng.uniform(0, 300);
      const built = buildLayerDesignUnits({ points, targets, bufferM, pre: PRE, minDistanceM, spec: { kind: 'segments', layer: 's', snapM: 40 }, layer: { name: 's', features, project: identity } });
      if (!built.ok) continue;
      const u = built.value.units;
      const prepared = targets.map((t) => prepareArea(t.rings, 0));
      const clear = Math.max(2 * bufferM, minDistanceM);
      const seg = (k: number) => (features[Number(u.ids[k]!.slice(8)) - 1]!.geometry!.coordinates as [[number, number], [number, number]]);
      const targetSegs = Array.from({ length: u.nTargets }, (_, k) => seg(k));
      for (let k = u.nTargets; k < u.nUnits; k++) {
        if (!u.eligible[k]) continue;
        checked++;
        const [[ax, ay], [bx, by]] = seg(k);
        const steps = Math.ceil(Math.hypot(bx - ax, by - ay));
        let nearest = Infinity;
        for (let s = 0; s <= steps; s++) {
          const px = ax + ((bx - ax) * s) / steps;
          const py = ay + ((by - ay) * s) / steps;
          for (const t of prepared) nearest = Math.min(nearest, isPointInPolygon(t.flat, px, py) ? 0 : distanceToBoundary(t, px, py));
          for (const [[cx, cy], [dx, dy]] of targetSegs) {
            const len2 = (dx - cx) ** 2 + (dy - cy) ** 2;
            const q = Math.max(0, Math.min(1, ((px - cx) * (dx - cx) + (py - cy) * (dy - cy)) / len2));
            nearest = Math.min(nearest, Math.hypot(cx + q * (dx - cx) - px, cy + q * (dy - cy) - py));
          }
        }
        expect(nearest).toBeGreaterThanOrEqual(clear - 1e-6);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('parseDesignUnitSpec', () => {
  it('reads every kind and names bad input', () => {
    expect(unwrap(parseDesignUnitSpec('grid:250'))).toEqual({ kind: 'grid', sizeM: 250 });
    expect(unwrap(parseDesignUnitSpec('segments'))).toEqual({ kind: 'segments', layer: 'streets', snapM: 30 });
    expect(unwrap(parseDesignUnitSpec('Segments:centerlines', 15))).toEqual({ kind: 'segments', layer: 'centerlines', snapM: 15 });
    expect(unwrap(parseDesignUnitSpec('polygons:beats'))).toEqual({ kind: 'polygons', layer: 'beats' });
    expect(unwrap(parseDesignUnitSpec('circles:150'))).toEqual({ kind: 'circles', radiusM: 150 });
    expect(unwrap(parseDesignUnitSpec('hex:100'))).toEqual({ kind: 'hex', sizeM: 100 });
    for (const bad of ['grid', 'grid:0', 'polygons', 'circles:-5', 'hex:', 'hexagons:100', '']) {
      const r = parseDesignUnitSpec(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(formatStatsError(r.error)).toContain('--unit');
    }
    const snap = parseDesignUnitSpec('grid:100', 20);
    expect(!snap.ok && formatStatsError(snap.error)).toMatch(/--snap.*segments/);
    expect(unitRules({ kind: 'circles', radiusM: 150 })).toMatch(/radius 150 m/);
  });
});
