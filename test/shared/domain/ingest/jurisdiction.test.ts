import { describe, expect, it } from 'vitest';
import { isPointInPolygon, pointsInPolygons, toFlatPolygon } from '../../../../shared/domain/geo/point-in-polygon';
import { computeRobustExtent, isInBox } from '../../../../shared/domain/geo/robust-extent';
import { parseJurisdiction } from '../../../../shared/domain/ingest/jurisdiction';

describe('jurisdiction polygons', () => {
  const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];

  it('tests points against outer rings and holes (even-odd rule)', () => {
    const p = toFlatPolygon([square, hole]);
    expect(isPointInPolygon(p, 1, 1)).toBe(true);
    expect(isPointInPolygon(p, 5, 5)).toBe(false);
    expect(isPointInPolygon(p, 11, 5)).toBe(false);
    expect(Array.from(pointsInPolygons([p, toFlatPolygon([hole])], Float64Array.from([1, 5, 20, Number.NaN]), Float64Array.from([1, 5, 20, 1])))).toEqual([1, 1, 0, 0]);
  });

  it('parses Polygon and MultiPolygon features of GeoJSON, and refuses projected or empty files', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] } }, { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[square], [hole]] } }, { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 1] } }] };
    const r = parseJurisdiction(JSON.stringify(fc), 'city.geojson');
    expect(r.ok && r.value.length).toBe(3);
    const projected = parseJurisdiction(JSON.stringify({ ...fc, crs: { type: 'name', properties: { name: 'EPSG:2276' } } }), 'city.geojson');
    expect(!projected.ok && projected.error.kind === 'file-format' && projected.error.reason).toMatch(/in EPSG:2276; give it in WGS 84/);
    expect(parseJurisdiction('{"type":"FeatureCollection","features":[]}', 'city.geojson').ok).toBe(false);
  });
});

describe('computeRobustExtent', () => {
  it('ignores the 1% tails and widens the 1st-99th percentile box by the factor', () => {
    const n = 1000;
    const xs = Float64Array.from({ length: n }, (_v, i) => i / 10);
    const ys = Float64Array.from({ length: n }, (_v, i) => i / 10);
    xs[0] = -1e9;
    ys[n - 1] = 1e9;
    const box = computeRobustExtent(xs, ys, { expand: 0.5 }) as readonly [number, number, number, number];
    expect(box[0]).toBeCloseTo(0.9 - 0.5 * (98.9 - 0.9), 6);
    expect(box[2]).toBeCloseTo(98.9 + 0.5 * (98.9 - 0.9), 6);
    expect(isInBox(box, 50, 50)).toBe(true);
    expect(isInBox(box, -1e9, 50)).toBe(false);
    expect(computeRobustExtent(Float64Array.of(Number.NaN), Float64Array.of(1))).toBeUndefined();
    const one = computeRobustExtent(Float64Array.of(5, 5), Float64Array.of(7, 7)) as readonly number[];
    expect(one[2]! - one[0]!).toBeGreaterThan(0);
  });
});
