/**
 * Hexagon design units (`--unit hex:M`): a worked tiny design (which hexes are the target's own,
 * within 2 x buffer, within the minimum distance, or in the pool), the pool rule as a property
 * on random targets, the lattice shared with the analysis verbs' `--unit hex:M`, the document's
 * unit kind 'hex' (older documents still parse) and the unit in words.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { buildGridUnits } from '../../../../shared/domain/analysis/units';
import { areaDistance, polygonArea, prepareArea, squareRings } from '../../../../shared/domain/design/areas';
import { parseCovariateSpec } from '../../../../shared/domain/design/covariate-spec';
import { DesignDocSchema } from '../../../../shared/domain/design/design-doc';
import { buildDesignTable } from '../../../../shared/domain/design/design-table';
import { buildDesignUnits } from '../../../../shared/domain/design/design-units';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { hexRings } from '../../../../shared/domain/design/unit-shapes';
import { describeDesignUnit, formatDesignUnitSpec, parseDesignUnitSpec, unitNoun, unitRules } from '../../../../shared/domain/design/unit-spec';
import { cellPolygons, createGrid } from '../../../../shared/domain/geo/grid';

const PRE = unwrap(parsePeriod('--pre', '2023-01-01..2023-12-31'));
const H = Math.sqrt(3) * 50; // row spacing of 100 m hexes: 1.5 x circumradius (100 / sqrt 3) = 86.6 m

function pts(list: readonly (readonly [number, number])[]) {
  return { x: Float64Array.from(list, (p) => p[0]), y: Float64Array.from(list, (p) => p[1]), days: new Float64Array(list.length).fill(PRE.startDay + 10), group: null, groupNames: [] };
}

describe('hexagon design units: a worked tiny design', () => {
  // 100 m hexes (across flats); a 20 m square target centred on the hex of row 2, col 2 of the
  // origin-anchored lattice: centre (200, 2 x 86.6). Buffer 30 m (clearance 60 m), min distance 110 m.
  const centre: [number, number] = [200, 2 * H];
  const target = { id: 'T1', name: 'block', rings: squareRings(centre[0], centre[1], 20) };
  const points = pts([
    [-60, -60], [460, 420], // widen the extent past the second ring
    [200, 2 * H], [205, 2 * H + 5], // inside the target: count for T1
    [230, 2 * H], // in the target's hex, outside the target: counts for that hex
    [400, 2 * H], [401, 2 * H], // in a pool hex two flats east
  ]);
  const built = unwrap(buildDesignUnits({ points, targets: [target], bufferM: 30, cellSizeM: 100, pre: PRE, minDistanceM: 110, cellShape: 'hex-pointy' }));
  const u = built.units;
  const byCentre = (x: number, y: number) => {
    for (let i = u.nTargets; i < u.nUnits; i++) if (Math.abs(u.x[i]! - x) < 1e-6 && Math.abs(u.y[i]! - y) < 1e-6) return i;
    throw new Error(`no hex at ${x},${y}`);
  };
  const total = (i: number) => u.history.subarray(i * u.months.length, (i + 1) * u.months.length).reduce((s, v) => s + v, 0);

  it('keeps the target polygon as the one treated unit and names hexes "hex <id>"', () => {
    expect(u.nTargets).toBe(1);
    expect(u.ids[0]).toBe('T1');
    expect(u.ids.slice(1).every((id) => /^hex \d+$/.test(id))).toBe(true);
    expect(u.unitSpec).toEqual({ kind: 'hex', sizeM: 100 });
    expect(u.areaOf!(1)).toBeCloseTo((Math.sqrt(3) / 2) * 100 * 100, 9);
  });

  it('excludes the covering hex (overlap), the 6 neighbours (gap 36-40 m < 60 m) and the 6 second-ring vertex hexes (gap 102-105 m < 110 m)', () => {
    expect(u.exclusion[byCentre(...centre)]).toBe(1);
    // Neighbours: centres 100 m away; the facing edge is 50 m from the centre, the target reaches 10-13.7 m toward it.
    const ring1 = [[300, 2 * H], [100, 2 * H], [250, 3 * H], [150, 3 * H], [250, H], [150, H]] as const;
    for (const [x, y] of ring1) expect(u.exclusion[byCentre(x, y)]).toBe(2);
    // Second ring toward a vertex: centres 173.2 m away, nearest vertex 115.5 m, gap 101.8 m (105.5 m due north/south).
    const vertexward = [[200, 4 * H], [200, 0], [350, 3 * H], [50, 3 * H], [350, H], [50, H]] as const;
    for (const [x, y] of vertexward) expect(u.exclusion[byCentre(x, y)]).toBe(3);
    // Second ring across a flat: centres 200 m away, facing edge 150 m, gap 136-140 m: pool.
    const flatward = [[400, 2 * H], [0, 2 * H], [300, 4 * H], [100, 4 * H], [300, 0], [100, 0]] as const;
    for (const [x, y] of flatward) expect([u.exclusion[byCentre(x, y)], u.eligible[byCentre(x, y)]]).toEqual([0, 1]);
    let excluded = 0;
    for (let i = u.nTargets; i < u.nUnits; i++) excluded += u.eligible[i] ? 0 : 1;
    expect(excluded).toBe(13);
  });

  it('counts incidents inside the target for the target, the rest in their hex', () => {
    expect(total(0)).toBe(2);
    expect(total(byCentre(...centre))).toBe(1);
    expect(total(byCentre(400, 2 * H))).toBe(2);
    expect(u.incidents).toBe(7);
  });

  it('stores each hex as the pointy-top outline the analysis maps draw', () => {
    const ring = u.shapeOf!(byCentre(400, 2 * H))[0]!;
    expect(ring).toHaveLength(7);
    expect(ring[0]![0]).toBeCloseTo(400 + 50, 9);
    expect(ring[0]![1]).toBeCloseTo(2 * H + 100 / Math.sqrt(3) / 2, 9);
    expect(polygonArea([ring])).toBeCloseTo((Math.sqrt(3) / 2) * 100 * 100, 6);
  });
});

describe('hexagon design units: the pool rule (property)', () => {
  it('never puts a hex within max(2 x buffer, min distance) of a target in the pool, and excludes every hex that close', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 6; trial++) {
      const n = 3000;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = rng.uniform(0, 4000);
        y[i] = rng.uniform(0, 4000);
      }
      const targets = [0, 1].map((k) => ({ id: `T${k + 1}`, name: '', rings: squareRings(rng.uniform(500, 1500) + 2000 * k, rng.uniform(500, 3500), rng.uniform(40, 300)) }));
      const bufferM = rng.uniform(0, 150);
      const minDistanceM = rng.uniform(0, 400);
      const size = rng.uniform(120, 400);
      const u = unwrap(buildDesignUnits({ points: { x, y, days: new Float64Array(n).fill(PRE.startDay), group: null, groupNames: [] }, targets, bufferM, cellSizeM: size, pre: PRE, minDistanceM, cellShape: 'hex-pointy' })).units;
      const prepared = targets.map((t) => prepareArea(t.rings, 0));
      const clear = Math.max(2 * bufferM, minDistanceM);
      let excluded = 0;
      for (let i = u.nTargets; i < u.nUnits; i++) {
        const hex = prepareArea(hexRings(u.x[i]!, u.y[i]!, size), 0);
        const d = Math.min(...prepared.map((p) => areaDistance(hex, p)));
        expect(u.eligible[i] === 1, `trial ${trial}, ${u.ids[i]} at ${d.toFixed(2)} m, clearance ${clear.toFixed(2)} m`).toBe(d >= clear);
        if (u.exclusion[i] === 1) expect(d).toBe(0);
        excluded += u.eligible[i] ? 0 : 1;
      }
      expect(excluded).toBeGreaterThan(0);
    }
  });
});

describe('hexagon design units: the same hexes as the analysis verbs', () => {
  it('has every design hex centre on the analysis lattice of --unit hex:M and counts each incident in the same hex', () => {
    const rng = createRng(5);
    const n = 2000;
    const x = Float64Array.from({ length: n }, () => rng.uniform(-1234, 2777));
    const y = Float64Array.from({ length: n }, () => rng.uniform(310, 3900));
    const target = { id: 'T1', name: '', rings: squareRings(600, 2000, 100) };
    const u = unwrap(buildDesignUnits({ points: { x, y, days: new Float64Array(n).fill(PRE.startDay), group: null, groupNames: [] }, targets: [target], bufferM: 50, cellSizeM: 250, pre: PRE, minDistanceM: 0, cellShape: 'hex-pointy' })).units;
    const analysis = unwrap(buildGridUnits(x, y, { kind: 'hex', size: 250 }));
    const key = (a: number, b: number) => `${a.toFixed(3)},${b.toFixed(3)}`;
    const analysisCount = new Map<string, number>();
    for (let c = 0; c < analysis.n; c++) analysisCount.set(key(analysis.x![c]!, analysis.y![c]!), analysis.counts[c]!);
    const inTarget = prepareArea(target.rings, 0);
    let compared = 0;
    for (let i = u.nTargets; i < u.nUnits; i++) {
      const k = key(u.x[i]!, u.y[i]!);
      const count = u.history.subarray(i * u.months.length, (i + 1) * u.months.length).reduce((s, v) => s + v, 0);
      // Hexes that do not touch the target hold the same incidents in both.
      if (areaDistance(prepareArea(u.shapeOf!(i), 0), inTarget) > 0 && analysisCount.has(k)) {
        expect(count, k).toBe(analysisCount.get(k));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
    // And the outlines are the analysis grid's polygons.
    const g = unwrap(createGrid('hex-pointy', 250, { minX: 0, minY: 0, maxX: 10, maxY: 10 }));
    const poly = cellPolygons(g);
    const first = hexRings(g.originX, g.originY, 250)[0]!;
    for (let k = 0; k < 7; k++) {
      expect(poly.positions[2 * k]!).toBeCloseTo(first[k]![0], 9);
      expect(poly.positions[2 * k + 1]!).toBeCloseTo(first[k]![1], 9);
    }
  });
});

describe('the hex unit spec and document', () => {
  it('parses, formats and describes hex:M (M = width across flats)', () => {
    expect(unwrap(parseDesignUnitSpec('HEX:300'))).toEqual({ kind: 'hex', sizeM: 300 });
    expect(formatDesignUnitSpec({ kind: 'hex', sizeM: 300 })).toBe('hex:300');
    expect(unitNoun('hex')).toBe('hex');
    expect(unitRules({ kind: 'hex', sizeM: 300 })).toMatch(/pointy-top hexagons 300 m across flats \(side 173\.2 m, area 77942 m\^2/);
    expect(describeDesignUnit({ kind: 'hex', sizeM: 300 })).toBe('hexagons of 300 m (across flats)');
    const bad = parseDesignUnitSpec('hex:0');
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.expected).toMatch(/hex:M/);
    expect(parseDesignUnitSpec('hex').ok).toBe(false);
    expect(parseDesignUnitSpec('hex:300', 20).ok).toBe(false);
  });

  it('builds hex units through the design table and stores kind hex; older unit fields still parse', () => {
    const rng = createRng(2);
    const n = 1500;
    const x = Float64Array.from({ length: n }, () => rng.uniform(0, 3000));
    const y = Float64Array.from({ length: n }, () => rng.uniform(0, 3000));
    const table = unwrap(buildDesignTable({ points: { x, y, days: new Float64Array(n).fill(PRE.startDay + 40), group: null, groupNames: [] }, targets: [{ id: 'T1', name: '', rings: squareRings(1500, 1500, 200) }], bufferM: 100, pre: PRE, minDistanceM: 0, unit: { kind: 'hex', sizeM: 300 }, layer: null, terms: unwrap(parseCovariateSpec('total')) }));
    expect(table.units.unitSpec).toEqual({ kind: 'hex', sizeM: 300 });
    expect(table.names).toEqual(['pre count: total']);
    const unit = DesignDocSchema.shape.unit;
    expect(unit.safeParse({ kind: 'hex', sizeM: 300, rules: 'r' }).success).toBe(true);
    expect(unit.safeParse({ kind: 'grid', sizeM: 250 }).success).toBe(true);
    expect(unit.safeParse({ kind: 'hexes', sizeM: 300 }).success).toBe(false);
  });
});
