import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, methodFromParams, toCliCommand, unitChoices } from '../../../../renderer/features/analysis/analysis-params';
import { runAnalysisJob, type AnalysisJob } from '../../../../renderer/features/analysis/analysis-jobs';
import { docColumn } from '../../../../renderer/features/analysis/analysis-view';
import { jobUnitLayer, styledUnitFeatures } from '../../../../renderer/features/analysis/analysis-unit-layers';
import { createTransform } from '../../../../shared/domain/geo/crs';

const CRS = 'EPSG:32614';
const toLonLat = createTransform(CRS, 'EPSG:4326');
const ll = (x: number, y: number) => toLonLat(x, y) as [number, number];

// Three 1 km east-west streets 200 m apart; two 500 m x 600 m beats side by side (UTM 14N metres).
const streets = {
  meta: { id: 'streets', name: 'Streets', role: 'streets' },
  geojson: {
    type: 'FeatureCollection' as const,
    features: [0, 200, 400].map((dy, i) => ({
      type: 'Feature',
      properties: { id: `S${i + 1}` },
      geometry: { type: 'LineString', coordinates: [ll(600_000, 3_600_000 + dy), ll(601_000, 3_600_000 + dy)] },
    })),
  },
};
const square = (x0: number) => [[ll(x0, 3_599_900), ll(x0 + 500, 3_599_900), ll(x0 + 500, 3_600_500), ll(x0, 3_600_500), ll(x0, 3_599_900)]];
const beats = {
  meta: { id: 'beats', name: 'Beats', role: 'beats' },
  geojson: {
    type: 'FeatureCollection' as const,
    features: [
      { type: 'Feature', properties: { beat: 'A' }, geometry: { type: 'Polygon', coordinates: square(600_000) } },
      { type: 'Feature', properties: { beat: 'B' }, geometry: { type: 'Polygon', coordinates: square(600_500) } },
    ],
  },
};
const partners = { meta: { id: 'partners', name: 'Partners', role: 'partner-locations' }, geojson: { type: 'FeatureCollection' as const, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ll(600_100, 3_600_100) } }] } };
const layers = [streets, beats, partners];

// 10 incidents 3 m off S1 (beat A), 3 incidents 2 m off S2 (beat B), one 100 m from every street
// (beat A), one 4 km away (no street, no beat).
function points() {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 10; i++) xs.push(600_100 + 10 * i), ys.push(3_600_003);
  for (let i = 0; i < 3; i++) xs.push(600_700 + 10 * i), ys.push(3_600_198);
  xs.push(600_300, 605_000);
  ys.push(3_600_100, 3_600_000);
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

function job(layerUnit: string, top = '1', snap = '30'): AnalysisJob {
  const m = methodFromParams('concentration', { ...DEFAULT_PARAMS, layerUnit, top, snap });
  if (!m.ok) throw new Error(m.error);
  return {
    method: m.method,
    crs: CRS,
    ...points(),
    days: null,
    addresses: null,
    pointsNote: 'test points',
    provenance: { id: 'unsaved', createdAt: '2025-01-01T00:00:00.000Z', dataHash: 'h', dataset: { id: 'd', rows: 15, matched: 15, used: 15, filter: null } },
    unitLayer: jobUnitLayer(m.method, layers),
  };
}

describe('concentration on street segments and polygons in the Analysis panel', () => {
  it('offers street segments for the streets layer and one polygon choice per polygon layer', () => {
    const choices = unitChoices(layers, '30');
    expect(choices.map((c) => c.value)).toEqual(['', 'segments:streets', 'polygons:beats']);
    expect(choices[1]!.label).toBe('Street segments (snap 30 m)');
    expect(choices[2]!.label).toBe('Polygons: Beats');
    expect(unitChoices([partners], '30').map((c) => c.value)).toEqual(['']);
  });

  it('checks the unit and snap fields and writes the same command line as spi', () => {
    const seg = methodFromParams('concentration', { ...DEFAULT_PARAMS, layerUnit: 'segments:streets', snap: '25', top: '5' });
    expect(seg).toEqual({ ok: true, method: { kind: 'concentration', unit: { kind: 'segments', layer: 'streets', snap: 25 }, top: 5 } });
    if (seg.ok) expect(toCliCommand(seg.method, null)).toBe('spi concentration P.spiproj --unit segments:streets --snap 25 --top 5');
    const poly = methodFromParams('concentration', { ...DEFAULT_PARAMS, layerUnit: 'polygons:beats' });
    if (!poly.ok) throw new Error(poly.error);
    expect(toCliCommand(poly.method, null)).toBe('spi concentration P.spiproj --unit polygons:beats');
    const bad = methodFromParams('concentration', { ...DEFAULT_PARAMS, layerUnit: 'segments:streets', snap: '-3' });
    expect(bad).toEqual({ ok: false, error: 'Snap (m): "-3" is not valid (expected a snapping tolerance in metres > 0)' });
    // Moran keeps its cells whatever concentration's unit is (the CLI refuses layer units for moran).
    const moran = methodFromParams('moran', { ...DEFAULT_PARAMS, layerUnit: 'polygons:beats' });
    expect(moran.ok && 'unit' in moran.method && moran.method.unit).toEqual({ kind: 'grid', size: 250 });
  });

  it('counts snapped incidents per segment, reports the unsnapped ones and computes PAI by length', () => {
    const r = runAnalysisJob(job('segments:streets'));
    if (!r.ok) throw new Error(r.error);
    const doc = r.doc;
    expect(docColumn(doc, 'id')).toEqual(['S1', 'S2', 'S3']);
    expect(docColumn(doc, 'count')).toEqual([10, 3, 0]);
    const s = doc.summary as Record<string, unknown>;
    expect(s.unsnapped).toBe(2);
    // PAI = (10/13) / (1 km / 3 km) = 30/13.
    expect((s.top as Record<string, number>).pai).toBeCloseTo(30 / 13, 6);
    expect((doc.warnings as string[]).some((w) => w.startsWith('2 incident(s) were farther than the snapping tolerance'))).toBe(true);
    expect((doc.convention as string[]).some((l) => l.startsWith('PAI') && l.includes('segment lengths'))).toBe(true);
    expect((doc.parameters as Record<string, unknown>).unit).toBe('segments:streets');
    const styled = styledUnitFeatures(doc);
    expect(styled?.kind).toBe('segments');
    expect(styled?.features.map((f) => [f.properties.id, f.properties.width])).toEqual([
      ['S1', 4],
      ['S2', 2],
      ['S3', 1],
    ]);
  });

  it('counts incidents by point in polygon, reports those outside, PAI by area', () => {
    const r = runAnalysisJob(job('polygons:beats'));
    if (!r.ok) throw new Error(r.error);
    expect(docColumn(r.doc, 'id')).toEqual(['A', 'B']);
    expect(docColumn(r.doc, 'count')).toEqual([11, 3]);
    const s = r.doc.summary as Record<string, unknown>;
    expect(s.outside).toBe(1);
    // PAI = (11/14) / (0.3 km^2 / 0.6 km^2).
    expect((s.top as Record<string, number>).pai).toBeCloseTo(22 / 14, 4);
    expect((r.doc.convention as string[]).some((l) => l.includes('polygons of layer "beats"'))).toBe(true);
    const styled = styledUnitFeatures(r.doc);
    expect(styled?.features.map((f) => f.properties.color[3])).toEqual([230, 90]);
  });

  it('refuses a layer the project does not have, in words', () => {
    const j = { ...job('polygons:beats'), unitLayer: null };
    expect(runAnalysisJob(j)).toEqual({ ok: false, error: 'Units: layer "beats" is not in the project (add it under Layers, or choose cells)' });
  });
});
