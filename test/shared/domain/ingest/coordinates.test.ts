import { describe, expect, it } from 'vitest';
import { createTransform } from '../../../../shared/domain/geo/crs';
import { toFlatPolygon } from '../../../../shared/domain/geo/point-in-polygon';
import { COORD_DEFAULT, COORD_INVALID, COORD_MISSING, COORD_OUTSIDE, COORD_ZERO, estimateCentre, NOTE_FROM_LATLON, NOTE_SWAPPED_LATLON, NOTE_SWAPPED_XY, resolveCoordinates } from '../../../../shared/domain/ingest/coordinates';
import { LATLON_TEXT_BAD } from '../../../../shared/domain/ingest/normalize-sql';

const toFeet = createTransform('EPSG:4326', 'EPSG:2276');

/** n points in a 0.1-degree square around Fort Worth, as lon/lat and as 2276 feet. */
function cloud(n: number) {
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = -97.5 + ((i * 7919) % 1000) / 10000;
    lat[i] = 32.9 + ((i * 104729) % 1000) / 10000;
  }
  const x = Float64Array.from(lon);
  const y = Float64Array.from(lat);
  toFeet.inPlace(x, y);
  return { lon, lat, x, y };
}

describe('resolveCoordinates', () => {
  it('repairs swapped lat/lon, flags zero, missing and non-numeric coordinates', () => {
    const c = cloud(200);
    const lon = Float64Array.from(c.lon);
    const lat = Float64Array.from(c.lat);
    [lon[0], lat[0]] = [lat[0] as number, lon[0] as number];
    lon[1] = 0;
    lat[1] = 0;
    lon[2] = Number.NaN;
    lat[2] = Number.NaN;
    lon[3] = Number.NaN;
    const badText = new Int32Array(200);
    badText[3] = LATLON_TEXT_BAD;
    const r = resolveCoordinates({ lon, lat, badText, analysisCrs: 'EPSG:32138', defaults: [] }, 200);
    expect(r.notes[0]).toBe(NOTE_SWAPPED_LATLON);
    expect(r.lon[0]).toBe(c.lon[0]);
    expect(r.lat[0]).toBe(c.lat[0]);
    expect(Array.from(r.reasons.slice(0, 5))).toEqual([0, COORD_ZERO, COORD_MISSING, COORD_INVALID, 0]);
    expect(r.counts.swappedLatLon).toBe(1);
    expect(Number.isNaN(r.lon[1] as number)).toBe(true);
  });

  it('prefers X/Y, falls back to lat/lon, repairs swapped X/Y, and projects both ways exactly', () => {
    const c = cloud(300);
    const x = Float64Array.from(c.x);
    const y = Float64Array.from(c.y);
    x[5] = Number.NaN;
    y[5] = Number.NaN;
    [x[6], y[6]] = [y[6] as number, x[6] as number];
    const r = resolveCoordinates({ x, y, lon: c.lon, lat: c.lat, badText: new Int32Array(300), xyCrs: 'EPSG:2276', analysisCrs: 'EPSG:32138', defaults: [] }, 300);
    expect(r.notes[5]).toBe(NOTE_FROM_LATLON);
    expect(r.notes[6]).toBe(NOTE_SWAPPED_XY);
    expect(r.counts).toMatchObject({ fromLatLon: 1, swappedXY: 1, pairsDisagree: 0 });
    for (const i of [0, 5, 6, 100]) {
      expect(r.lon[i]).toBeCloseTo(c.lon[i] as number, 9);
      expect(r.x[i]).toBeCloseTo(((c.x[i] as number) * 1200) / 3937, 3);
    }
    expect(r.reasons.every((v) => v === 0)).toBe(true);
  });

  it('quarantines a default location by exact match and points beyond the robust extent or the polygon', () => {
    const c = cloud(400);
    const x = Float64Array.from(c.x);
    const y = Float64Array.from(c.y);
    for (const i of [10, 11, 12]) {
      x[i] = 2274315;
      y[i] = 7030879;
    }
    x[20] = (x[20] as number) + 5_000_000; // far away, not a swap
    const input = { x, y, badText: new Int32Array(400), xyCrs: 'EPSG:2276', analysisCrs: 'EPSG:32138', defaults: [{ pair: 'xy' as const, a: 2274315, b: 7030879 }] };
    const r = resolveCoordinates(input, 400);
    expect([10, 11, 12].map((i) => r.reasons[i])).toEqual([COORD_DEFAULT, COORD_DEFAULT, COORD_DEFAULT]);
    expect(r.reasons[20]).toBe(COORD_OUTSIDE);
    expect(r.reasons.filter((v) => v !== 0).length).toBe(4);
    // A jurisdiction polygon covering the western half only.
    const west = toFlatPolygon([[[-97.6, 32.8], [-97.45, 32.8], [-97.45, 33.1], [-97.6, 33.1], [-97.6, 32.8]]]);
    const p = resolveCoordinates({ ...input, jurisdiction: [west] }, 400);
    for (let i = 0; i < 400; i++) if (p.reasons[i] === 0) expect(p.lon[i]).toBeLessThanOrEqual(-97.45);
    expect(p.extent).toBeUndefined();
  });

  it('estimates the data centre from lat/lon or projected X/Y', () => {
    const c = cloud(100);
    const fromLl = estimateCentre({ lon: c.lon, lat: c.lat }, 100);
    const fromXy = estimateCentre({ x: c.x, y: c.y, xyCrs: 'EPSG:2276' }, 100);
    expect(fromLl?.[0]).toBeCloseTo(-97.45, 1);
    expect(fromXy?.[0]).toBeCloseTo(fromLl?.[0] as number, 6);
    expect(estimateCentre({}, 10)).toBeUndefined();
  });
});
