import { describe, expect, it } from 'vitest';
import { computeChoroplethValues, countPointsByPolygon, numericProperties, parseChoroplethRate, parsePolygonUnits } from '../../../../shared/domain/explore/choropleth';
import { computeEqualIntervalBreaks, prepareChoroplethLayer } from '../../../../shared/domain/explore/choropleth-layer';
import { createTransform } from '../../../../shared/domain/geo/crs';

const CRS = 'EPSG:32616';
const toLonLat = createTransform(CRS, 'EPSG:4326');
const toXY = createTransform('EPSG:4326', CRS);
const X0 = 500_000;
const Y0 = 3_800_000;

/** A square of `side` metres with its south-west corner at (x, y) metres, as lon/lat. */
function square(x: number, y: number, side: number): number[][] {
  return [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]].map(([a, b]) => toLonLat(a!, b!));
}

/** Beats A (1 km square, 2,000 people), B (2 km x 1 km as two squares, 500 people) and C (1 km square with a 500 m hole, no population). */
const layout = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { beat: 'A', population: 2000 }, geometry: { type: 'Polygon', coordinates: [square(X0, Y0, 1000)] } },
    { type: 'Feature', properties: { beat: 'B', population: '500' }, geometry: { type: 'MultiPolygon', coordinates: [[square(X0 + 1000, Y0, 1000)], [square(X0 + 2000, Y0, 1000)]] } },
    { type: 'Feature', properties: { beat: 'C', population: null }, geometry: { type: 'Polygon', coordinates: [square(X0, Y0 + 1000, 1000), square(X0 + 250, Y0 + 1250, 500)] } },
    { type: 'Feature', properties: { beat: 'road' }, geometry: { type: 'LineString', coordinates: [square(X0, Y0, 10)[0], square(X0, Y0, 10)[1]] } },
  ],
};

// 3 points in A, 2 in B's east half, 1 in C's ring, 1 in C's hole (outside), 1 far away.
const pts: [number, number][] = [[X0 + 100, Y0 + 100], [X0 + 500, Y0 + 500], [X0 + 900, Y0 + 300], [X0 + 2500, Y0 + 500], [X0 + 2100, Y0 + 900], [X0 + 100, Y0 + 1900], [X0 + 500, Y0 + 1500], [X0 + 9000, Y0]];
const xs = Float64Array.from(pts, (p) => p[0]);
const ys = Float64Array.from(pts, (p) => p[1]);

describe('counts and rates by polygon', () => {
  const parsed = parsePolygonUnits(layout, CRS, 'beats.geojson');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const units = parsed.value;

  it('reads polygons and multipolygons with names and planar areas (holes subtracted), skipping lines', () => {
    expect(units.names).toEqual(['A', 'B', 'C']);
    expect(units.areas[0]).toBeCloseTo(1e6, -1);
    expect(units.areas[1]).toBeCloseTo(2e6, -1);
    expect(units.areas[2]).toBeCloseTo(1e6 - 0.25e6, -1);
    expect(numericProperties(units)).toEqual([]); // C has no population
  });

  it('assigns each point to its polygon; holes and far points are outside; zero-count polygons stay', () => {
    expect(countPointsByPolygon(units, xs, ys)).toEqual({ counts: Uint32Array.from([3, 2, 1]), outside: 2 });
    expect(countPointsByPolygon(units, new Float64Array([NaN]), new Float64Array([1])).outside).toBe(1);
  });

  it('computes rates per km², per mi² and per 1,000 of a property, with no rate where the denominator is missing', () => {
    const counts = [3, 2, 1];
    const km2 = computeChoroplethValues(units, counts, { kind: 'area', unit: 'km2' });
    if (!km2.ok) throw new Error('rate');
    expect(Array.from(km2.value.values).map((v) => Number(v.toFixed(3)))).toEqual([3, 1, 1.333]);
    expect(km2.value.label).toBe('incidents per km²');
    const mi2 = computeChoroplethValues(units, counts, { kind: 'area', unit: 'mi2' });
    expect(mi2.ok && mi2.value.values[0]).toBeCloseTo(3 * 2.589988110336, 6);
    const per = computeChoroplethValues(units, counts, { kind: 'per', field: 'population', per: 1000 });
    if (!per.ok) throw new Error('rate');
    expect(per.value.values[0]).toBeCloseTo(1.5, 12);
    expect(per.value.values[1]).toBeCloseTo(4, 12);
    expect(per.value.values[2]).toBeNaN();
    expect(computeChoroplethValues(units, counts, { kind: 'per', field: 'households', per: 1000 })).toEqual({ ok: false, error: { kind: 'column-missing', column: 'households' } });
  });

  it('classes the units and counts them per class, the no-rate ones apart', () => {
    const layer = prepareChoroplethLayer(units, xs, ys, { kind: 'per', field: 'population', per: 1000 }, { classing: 'equal', classes: 2 });
    if (!layer.ok) throw new Error('layer');
    expect(layer.value.breaks).toEqual([2.75, 4]);
    expect(Array.from(layer.value.classes)).toEqual([0, 1, -1]);
    expect(layer.value.classCounts).toEqual([1, 1, 1]);
    expect(layer.value.outside).toBe(2);
    const q = prepareChoroplethLayer(units, xs, ys, { kind: 'count' }, { classing: 'quantile', classes: 3 });
    expect(q.ok && Array.from(q.value.counts)).toEqual([3, 2, 1]);
  });

  it('parses the rate forms and names a bad one', () => {
    expect(parseChoroplethRate('km2')).toEqual({ ok: true, value: { kind: 'area', unit: 'km2' } });
    expect(parseChoroplethRate('per:population')).toEqual({ ok: true, value: { kind: 'per', field: 'population', per: 1000 } });
    expect(parseChoroplethRate('per:pop:100000')).toEqual({ ok: true, value: { kind: 'per', field: 'pop', per: 100000 } });
    expect(parseChoroplethRate('per:pop:0').ok).toBe(false);
    expect(parseChoroplethRate('acres')).toMatchObject({ ok: false, error: { name: '--rate', value: 'acres' } });
    expect(computeEqualIntervalBreaks([5, 5], 3)).toEqual([5]);
  });

  it('refuses a file with no polygons or not a FeatureCollection, naming it', () => {
    expect(parsePolygonUnits({ type: 'FeatureCollection', features: [] }, CRS, 'x.geojson')).toEqual({ ok: false, error: { kind: 'file-format', path: 'x.geojson', reason: 'no Polygon or MultiPolygon features' } });
    expect(parsePolygonUnits([], CRS, 'y.json').ok).toBe(false);
    expect(toXY(-87, 34)[0]).toBeCloseTo(500_000, 0);
  });
});
