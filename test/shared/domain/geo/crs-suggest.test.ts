import { describe, expect, it } from 'vitest';
import { createTransform } from '../../../../shared/domain/geo/crs';
import { chooseAnalysisCrs, guessCrs, utmCodeFor, utmZoneOf, validateAnalysisCrs } from '../../../../shared/domain/geo/crs-suggest';

function points(n: number, lon0: number, lat0: number) {
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = lon0 + ((i * 37) % 100) / 1000;
    lat[i] = lat0 + ((i * 61) % 100) / 1000;
  }
  return { lon, lat };
}

describe('guessCrs', () => {
  it('says degrees for lon/lat ranges, and notices swapped columns', () => {
    const p = points(50, -90.1, 35.0);
    expect(guessCrs(p.lon, p.lat)).toEqual({ kind: 'degrees', code: 'EPSG:4326', swapped: false });
    expect(guessCrs(p.lat, p.lon)).toEqual({ kind: 'degrees', code: 'EPSG:4326', swapped: true });
    expect(guessCrs(new Float64Array([0, Number.NaN]), new Float64Array([0, 1]))).toEqual({ kind: 'none' });
  });

  it('offers State Plane candidates for feet values, and singles out the zone with the lon/lat columns', () => {
    const p = points(200, -97.55, 32.9);
    const x = Float64Array.from(p.lon);
    const y = Float64Array.from(p.lat);
    createTransform('EPSG:4326', 'EPSG:2276').inPlace(x, y);
    const blind = guessCrs(x, y);
    expect(blind.kind).toBe('projected');
    if (blind.kind === 'projected') {
      expect(blind.candidates.length).toBeGreaterThan(1);
      expect(blind.candidates.map((c) => c.code)).toContain('EPSG:2276');
    }
    const checked = guessCrs(x, y, { lonLat: p });
    expect(checked.kind === 'projected' && checked.candidates[0]).toMatchObject({ code: 'EPSG:2276', fit: 1 });
    expect(checked.kind === 'projected' && (checked.candidates[0]?.medianOffsetM ?? 99)).toBeLessThan(0.01);
  });
});

describe('analysis CRS', () => {
  it('uses a metric source, the metre twin of a feet zone, else the UTM zone of the centre', () => {
    expect(chooseAnalysisCrs('EPSG:26916', [-90, 35]).code).toBe('EPSG:26916');
    expect(chooseAnalysisCrs('EPSG:2276', [-97.5, 32.9])).toMatchObject({ code: 'EPSG:32138' });
    expect(chooseAnalysisCrs('EPSG:4326', [-89.96, 35.11]).code).toBe('EPSG:32616');
    expect(chooseAnalysisCrs('EPSG:3857', [-122.4, 37.8]).code).toBe('EPSG:32610');
    expect(chooseAnalysisCrs('EPSG:4326', [150, -33.9]).code).toBe('EPSG:32756');
    expect(chooseAnalysisCrs('EPSG:2276', [-97.5, 32.9], 'EPSG:26914').code).toBe('EPSG:26914');
  });

  it('computes UTM zones and refuses non-metric analysis systems', () => {
    expect(utmZoneOf(-180)).toBe(1);
    expect(utmZoneOf(-97.5)).toBe(14);
    expect(utmZoneOf(179.99)).toBe(60);
    expect(utmCodeFor(-97.5, 32.9)).toBe('EPSG:32614');
    expect(validateAnalysisCrs('EPSG:32138')).toBeUndefined();
    expect(validateAnalysisCrs('EPSG:2276')).toMatch(/in feet/);
    expect(validateAnalysisCrs('EPSG:3857')).toMatch(/distorts distances/);
    expect(validateAnalysisCrs('EPSG:1')).toMatch(/unknown CRS "EPSG:1"/);
  });
});
