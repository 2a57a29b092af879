import { describe, expect, it } from 'vitest';
import { findLayer, parseLayerUnitSpec, restateForLayerUnits } from '../../../../shared/domain/analysis/layer-units';
import { buildPolygonUnits } from '../../../../shared/domain/analysis/polygon-units';
import { runConcentration } from '../../../../shared/domain/analysis/run-concentration';
import { runHotSpots } from '../../../../shared/domain/analysis/run-hotspots';

const planar = (x: number, y: number): [number, number] => [x, y];
const square = (x0: number, y0: number, s: number) => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];
const poly = (beat: string, rings: number[][][]) => ({ properties: { beat }, geometry: { type: 'Polygon', coordinates: rings } });

// P1 (0..100)^2 with a hole (25..75)^2; P2 (100..200)x(0..100) shares P1's east edge;
// P3 (200..300)x(100..200) touches P2 at the corner (200,100) only.
const LAYOUT = [poly('B1', [square(0, 0, 100), square(25, 25, 50)]), poly('B2', [square(100, 0, 100)]), poly('B3', [square(200, 100, 100)])];
// (10,10) P1; (50,50) in P1's hole: outside; (150,50), (150,60) P2; (250,150) P3; (500,500) outside.
const PX = [10, 50, 150, 150, 250, 500];
const PY = [10, 50, 50, 60, 150, 500];

describe('buildPolygonUnits', () => {
  it('counts incidents by point in polygon, holes outside, and reports the rest', () => {
    const r = buildPolygonUnits(LAYOUT, planar, PX, PY, { layerName: 'beats' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const u = r.value;
    expect(u.id).toEqual(['B1', 'B2', 'B3']);
    expect(Array.from(u.counts)).toEqual([1, 2, 1]);
    expect(u.outside).toBe(2);
    expect(Array.from(u.measure!.values)).toEqual([7500, 10000, 10000]);
    expect(Array.from(u.x!)).toEqual([50, 150, 250]);
    expect(Array.from(u.y!)).toEqual([50, 50, 150]);
    // Queen: P1-P2 (edge), P2-P3 (corner). Rook: P1-P2 only.
    expect(Array.from(u.contiguity!.queen.indices)).toEqual([1, 0, 2, 1]);
    expect(Array.from(u.contiguity!.rook.offsets)).toEqual([0, 1, 2, 2]);
    expect(Array.from(u.contiguity!.rook.indices)).toEqual([1, 0]);
  });

  it('gives PAI with each polygon\'s own area (worked: 1.375)', () => {
    const u = buildPolygonUnits(LAYOUT, planar, PX, PY, { layerName: 'beats' });
    if (!u.ok) throw new Error('units');
    const c = runConcentration(u.value, { unit: 'polygons:beats', top: 1 });
    if (!c.ok) throw new Error('conc');
    const stated = restateForLayerUnits(c.value, u.value);
    // Top unit B2: 2 of 4 crimes in 10,000 of 27,500 m^2: (2/4) / (10000/27500) = 1.375.
    const top = stated.summary.top as Record<string, number>;
    expect(top.pai).toBeCloseTo(1.375, 12);
    expect(top.areaPercent).toBeCloseTo((100 * 10000) / 27500, 12);
    expect(stated.convention.find((l) => l.startsWith('PAI'))).toMatch(/a their area, A the area of all polygons/);
    expect(stated.summary.outside).toBe(2);
  });

  it('runs Gi* with rook contiguity (self included)', () => {
    const u = buildPolygonUnits(LAYOUT, planar, PX, PY, { layerName: 'beats' });
    if (!u.ok) throw new Error('units');
    // x = (1, 2, 1): Xbar 4/3, S = sqrt(2 - 16/9) = 0.471405; B1 {B1,B2}: (3 - 8/3) / (S sqrt((6-4)/2)) = 0.707107.
    const gi = runHotSpots(u.value, { unit: 'polygons:beats', weights: { kind: 'rook' }, fdr: false, permutations: 0, seed: 1 });
    if (!gi.ok) throw new Error(JSON.stringify(gi.error));
    const z = gi.value.table.columns.find((c) => c.name === 'z')!.values as Float64Array;
    expect(z[0]).toBeCloseTo(0.707107, 6);
    expect(z[1]).toBeCloseTo(0.707107, 6);
    // B3 alone: (1 - 4/3) / (S sqrt((3-1)/2)) = -0.707107.
    expect(z[2]).toBeCloseTo(-0.707107, 6);
    const hex = runHotSpots(u.value, { unit: 'polygons:beats', weights: { kind: 'hex-pointy' }, fdr: false, permutations: 0, seed: 1 });
    expect(!hex.ok && hex.error).toMatchObject({ name: '--weights', value: 'hex' });
    expect(restateForLayerUnits(gi.value, u.value, { kind: 'rook' }).convention[1]).toMatch(/^Weights: rook contiguity: polygons sharing an edge/);
  });
});

describe('parseLayerUnitSpec / findLayer', () => {
  it('reads segments, segments:LAYER and polygons:LAYER; leaves grid units alone', () => {
    expect(parseLayerUnitSpec('segments')).toEqual({ ok: true, value: { kind: 'segments', layer: 'streets' } });
    expect(parseLayerUnitSpec('polygons:beats')).toEqual({ ok: true, value: { kind: 'polygons', layer: 'beats' } });
    expect(parseLayerUnitSpec('grid:250')).toBeNull();
    const bad = parseLayerUnitSpec('polygons');
    expect(bad && !bad.ok && bad.error).toMatchObject({ name: '--unit', value: 'polygons' });
  });

  it('finds a layer by id or role and lists the layers when none matches', () => {
    const layers = [{ meta: { id: 'beats', name: 'b', role: 'beats' }, geojson: { features: [] } }, { meta: { id: 'zones', name: 'z', role: 'districts' }, geojson: { features: [] } }];
    expect(findLayer(layers, 'district').ok && (findLayer(layers, 'district') as { value: { meta: { id: string } } }).value.meta.id).toBe('zones');
    const miss = findLayer(layers, 'tracts');
    expect(!miss.ok && miss.error.expected).toMatch(/beats \(beats\), zones \(districts\)/);
  });
});
