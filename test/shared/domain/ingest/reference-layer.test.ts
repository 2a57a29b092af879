import { describe, expect, it } from 'vitest';
import { createTransform } from '../../../../shared/domain/geo/crs';
import { readReferenceLayer } from '../../../../shared/domain/ingest/reference-layer';
import { buildPointShapefile, PRJ_2276, utf8 } from './fixtures';

const toFeet = createTransform('EPSG:4326', 'EPSG:2276');
const ring = [[-97.5, 32.9], [-97.4, 32.9], [-97.4, 33.0], [-97.5, 33.0], [-97.5, 32.9]];

describe('readReferenceLayer', () => {
  it('reads WGS 84 polygons and lines, and lists features it cannot use', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { beat: '11' }, geometry: { type: 'Polygon', coordinates: [ring] } },
        { type: 'Feature', properties: { name: 'Main St' }, geometry: { type: 'LineString', coordinates: [[-97.5, 32.95], [-97.4, 32.95]] } },
        { type: 'Feature', properties: { beat: '12' }, geometry: { type: 'Polygon', coordinates: [[[-97.5, 32.9], [-97.4, 32.9]]] } },
        { type: 'Feature', properties: { beat: '13' }, geometry: null },
        { type: 'Feature', properties: { beat: '14' }, geometry: { type: 'Polygon', coordinates: [[[-97.5, 'x'], [-97.4, 32.9], [-97.4, 33], [-97.5, 32.9]]] } },
      ],
    };
    const r = readReferenceLayer(utf8(JSON.stringify(fc)), 'beats.geojson');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.features).toHaveLength(2);
    expect(r.value.geometryTypes).toEqual(['LineString', 'Polygon']);
    expect(r.value.invalid).toEqual([
      { feature: 3, reason: 'a polygon ring needs at least 4 positions (closed)' },
      { feature: 4, reason: 'no geometry' },
      { feature: 5, reason: 'a position [-97.5,"x"] is not two finite numbers' },
    ]);
    expect(r.value.sourceCrs).toEqual({ code: 'EPSG:4326', how: 'GeoJSON (RFC 7946)' });
  });

  it('reprojects a layer in State Plane feet to lon/lat', () => {
    const feet = ring.map(([lon, lat]) => toFeet(lon as number, lat as number));
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2276' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [feet] } }] };
    const r = readReferenceLayer(utf8(JSON.stringify(fc)), 'districts.geojson');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const back = (r.value.features[0]?.geometry.coordinates as number[][][])[0] as number[][];
    back.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(ring[i]?.[0] as number, 9);
      expect(p[1]).toBeCloseTo(ring[i]?.[1] as number, 9);
    });
    expect(r.value.sourceCrs.code).toBe('EPSG:2276');
  });

  it('uses a shapefile .prj, and asks for the CRS without one', () => {
    const [x, y] = toFeet(-97.45, 32.95);
    const withPrj = readReferenceLayer(buildPointShapefile([[x, y]], [{ NAME: 'HQ' }], PRJ_2276), 'hq.zip');
    expect(withPrj.ok && withPrj.value.features[0]?.geometry.coordinates).toEqual([expect.closeTo(-97.45, 9), expect.closeTo(32.95, 9)]);
    const without = readReferenceLayer(buildPointShapefile([[x, y], [x + 1000, y + 1000]], [{ NAME: 'HQ' }, { NAME: 'B' }]), 'hq.zip');
    expect(!without.ok && without.error.kind).toBe('crs-required');
    expect(readReferenceLayer(buildPointShapefile([[x, y]], [{ NAME: 'HQ' }]), 'hq.zip', 'EPSG:2276').ok).toBe(true);
  });
});
