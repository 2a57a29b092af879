import { describe, expect, it } from 'vitest';
import { sampleCityBounds } from '../../../../shared/domain/sample/index';
import { failures, fileText, sampleFixture } from './sample-fixtures';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}
interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** Signed shoelace area of a closed ring (positive = counter-clockwise). */
function signedArea(ring: ArrayLike<number>[] | number[][]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return a / 2;
}

describe('sample GeoJSON layers', () => {
  const { city, files } = sampleFixture();
  const parse = (name: string): Collection => JSON.parse(fileText(files, name)) as Collection;
  const [minLon, minLat, maxLon, maxLat] = sampleCityBounds(city);

  it('places the city in north Texas, about 10 x 8 miles', () => {
    expect(minLon).toBeGreaterThan(-97.7);
    expect(maxLon).toBeLessThan(-97.3);
    expect(minLat).toBeGreaterThan(32.8);
    expect(maxLat).toBeLessThan(33.1);
    expect((maxLon - minLon) * 69.17 * Math.cos((33 * Math.PI) / 180)).toBeCloseTo(10, 0);
    expect((maxLat - minLat) * 69.05).toBeCloseTo(8, 0);
  });

  it('writes one LineString per street segment with ids, names and address ranges', () => {
    const streets = parse('streets.geojson');
    expect(streets.type).toBe('FeatureCollection');
    expect(streets.features).toHaveLength(city.streets.count);
    const ids = new Set<unknown>();
    const within = ([lon, lat]: number[]): boolean =>
      lon! >= minLon - 1e-6 && lon! <= maxLon + 1e-6 && lat! >= minLat - 1e-6 && lat! <= maxLat + 1e-6;
    const bad = failures(streets.features, (f) => {
      const p = f.properties;
      ids.add(p.segment_id);
      const coords = f.geometry.coordinates as number[][];
      if (f.geometry.type !== 'LineString' || coords.length !== 2 || !coords.every(within)) return 'geometry';
      if (typeof p.name !== 'string' || !['local', 'collector', 'arterial'].includes(p.road_class as string)) return 'name/class';
      const [fl, tl, fr] = [p.from_left, p.to_left, p.from_right] as number[];
      return fl! % 2 === 1 && fr! % 2 === 0 && tl! > fl! ? undefined : `ranges ${fl}-${tl} / ${fr}`;
    });
    expect(bad).toEqual([]);
    expect(ids.size).toBe(city.streets.count);
  });

  it('tiles the city exactly with 24 beats in 6 districts (counter-clockwise rings)', () => {
    const beats = parse('beats.geojson');
    const districts = parse('districts.geojson');
    expect(beats.features).toHaveLength(24);
    expect(districts.features).toHaveLength(6);
    const cityArea = 80 * 660 * 64 * 660;
    const sumFeet = (rings: readonly Float64Array[]): number =>
      rings.reduce((s, r) => s + signedArea(Array.from({ length: r.length / 2 }, (_, i) => [r[2 * i]!, r[2 * i + 1]!])), 0);
    expect(sumFeet(city.beats.rings)).toBeCloseTo(cityArea, 0);
    expect(sumFeet(city.districts.rings)).toBeCloseTo(cityArea, 0);
    for (const f of [...beats.features, ...districts.features]) {
      expect(f.geometry.type).toBe('Polygon');
      expect(signedArea((f.geometry.coordinates as number[][][])[0]!)).toBeGreaterThan(0);
    }
    expect(new Set(beats.features.map((f) => f.properties.district))).toEqual(new Set(['1', '2', '3', '4', '5', '6']));
  });
});
