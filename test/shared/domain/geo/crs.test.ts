import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  createTransform,
  getCrsDefinition,
  listCrsDefinitions,
  metresPerUnit,
  normalizeCrsCode,
  US_SURVEY_FOOT_M,
} from '../../../../shared/domain/geo/crs';

describe('CRS registry', () => {
  it('normalizes common spellings of EPSG codes', () => {
    expect(normalizeCrsCode(' epsg:2276 ')).toBe('EPSG:2276');
    expect(normalizeCrsCode('2276')).toBe('EPSG:2276');
    expect(normalizeCrsCode('urn:ogc:def:crs:EPSG::4326')).toBe('EPSG:4326');
    expect(getCrsDefinition('epsg:3857')?.units).toBe('metre');
    expect(getCrsDefinition('EPSG:9999')).toBeUndefined();
  });

  it('holds WGS84, web mercator and Texas North Central (ftUS)', () => {
    expect(listCrsDefinitions().slice(0, 3).map((d) => d.code)).toEqual(['EPSG:4326', 'EPSG:3857', 'EPSG:2276']);
    expect(getCrsDefinition('EPSG:2276')?.units).toBe('us-ft');
  });

  it('uses the exact US survey foot', () => {
    expect(US_SURVEY_FOOT_M).toBe(1200 / 3937);
    expect(US_SURVEY_FOOT_M).toBeCloseTo(0.3048006096, 10);
    expect(metresPerUnit('us-ft')).toBe(US_SURVEY_FOOT_M);
    expect(metresPerUnit('degree')).toBeNaN();
  });

  it('throws on unknown codes (callers validate first)', () => {
    expect(() => createTransform('EPSG:1', 'EPSG:4326')).toThrow(/EPSG:1/);
  });
});

describe('createTransform', () => {
  const toFeet = createTransform('EPSG:4326', 'EPSG:2276');
  const toLonLat = createTransform('EPSG:2276', 'EPSG:4326');

  it('puts the projection origin at the false easting/northing (600,000 m / 2,000,000 m in US feet)', () => {
    const [x, y] = toFeet(-98.5, 31.6666666666667);
    expect(x).toBeCloseTo(600000 / US_SURVEY_FOOT_M, 3); // 1,968,500 ft
    expect(y).toBeCloseTo(2000000 / US_SURVEY_FOOT_M, 3); // 6,561,666.667 ft
  });

  it('projects lon -97, lat 32.5 to the proj4 value, east and north of the origin', () => {
    const [x, y] = toFeet(-97, 32.5);
    // proj4js 2.22 value; PROJ gives the same to the millimetre.
    expect(x).toBeCloseTo(2430929.794, 2);
    expect(y).toBeCloseTo(6868146.674, 2);
    // 1.5 degrees of longitude east (~140 km = ~462,000 ft) and 0.83 degrees north of the origin.
    expect(x - 1968500).toBeGreaterThan(450000);
    expect(y - 6561666.667).toBeGreaterThan(300000);
  });

  it('round trips EPSG:2276 <-> EPSG:4326 to 1e-6 degrees, point by point', () => {
    for (const [lon, lat] of [[-97.5, 32.95], [-96.1, 33.9], [-99.3, 31.7], [-97, 32.5]] as const) {
      const [x, y] = toFeet(lon, lat);
      const [lon2, lat2] = toLonLat(x, y);
      expect(Math.abs(lon2 - lon)).toBeLessThan(1e-6);
      expect(Math.abs(lat2 - lat)).toBeLessThan(1e-6);
    }
  });

  it('transforms columns in place like the point transform (fast LCC path within 1e-9 degrees)', () => {
    const n = 2000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = 1_600_000 + ((i * 7919) % 1000) * 1200;
      ys[i] = 6_600_000 + ((i * 104729) % 1000) * 900;
    }
    const lon = Float64Array.from(xs);
    const lat = Float64Array.from(ys);
    toLonLat.inPlace(lon, lat);
    const ref = proj4(getCrsDefinition('EPSG:2276')!.proj4, getCrsDefinition('EPSG:4326')!.proj4);
    for (let i = 0; i < n; i++) {
      const [rl, rt] = ref.forward([xs[i]!, ys[i]!]);
      expect(Math.abs(lon[i]! - rl!)).toBeLessThan(1e-9);
      expect(Math.abs(lat[i]! - rt!)).toBeLessThan(1e-9);
    }
    toFeet.inPlace(lon, lat);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(lon[i]! - xs[i]!)).toBeLessThan(1e-3);
      expect(Math.abs(lat[i]! - ys[i]!)).toBeLessThan(1e-3);
    }
  });

  it('keeps missing coordinates missing', () => {
    expect(toLonLat(Number.NaN, 1)).toEqual([Number.NaN, Number.NaN]);
    const xs = Float64Array.from([Number.NaN, 2_274_400]);
    const ys = Float64Array.from([7_030_120, Number.POSITIVE_INFINITY]);
    toLonLat.inPlace(xs, ys);
    expect(Array.from(xs)).toEqual([Number.NaN, Number.NaN]);
    const mx = Float64Array.from([Number.NaN]);
    createTransform('EPSG:4326', 'EPSG:3857').inPlace(mx, Float64Array.from([0]));
    expect(mx[0]).toBeNaN();
  });

  it('projects to web mercator', () => {
    const [x, y] = createTransform('EPSG:4326', 'EPSG:3857')(180, 0);
    expect(x).toBeCloseTo(20037508.34, 1);
    expect(y).toBeCloseTo(0, 6);
  });

  it('is the identity between a CRS and itself', () => {
    expect(createTransform('EPSG:2276', 'epsg:2276')(1, 2)).toEqual([1, 2]);
  });
});
