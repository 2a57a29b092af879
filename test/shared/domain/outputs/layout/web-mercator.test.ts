import { describe, expect, it } from 'vitest';
import {
  WGS84_A,
  WGS84_E2,
  computeScaleBar,
  frameAt,
  frameBounds,
  frameFitting,
  fromMercator,
  mercatorScaleFactor,
  projectToFrame,
  roundScale,
  toMercator,
} from '../../../../../shared/domain/outputs/layout/web-mercator';

/** Ground length (m) along the parallel at `lat` between two longitudes: N(phi) cos(phi) dLambda. */
function parallelArc(lat: number, dLonDeg: number): number {
  const phi = (lat * Math.PI) / 180;
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * Math.sin(phi) ** 2);
  return n * Math.cos(phi) * ((dLonDeg * Math.PI) / 180);
}

/** Great-circle distance (haversine, mean Earth radius 6,371,008.8 m), an independent check. */
function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

describe('Web Mercator frame', () => {
  it('round-trips lon/lat through Web Mercator', () => {
    for (const [lon, lat] of [[-97.1, 32.7], [0, 0], [151.2, -33.9], [-122.4, 47.6]] as const) {
      const [x, y] = toMercator(lon, lat);
      const [lo, la] = fromMercator(x, y);
      expect(lo).toBeCloseTo(lon, 9);
      expect(la).toBeCloseTo(lat, 9);
    }
    // EPSG:3857 worked value: lon 180 -> x = pi * a.
    expect(toMercator(180, 0)[0]).toBeCloseTo(Math.PI * WGS84_A, 3);
  });

  it('has scale factor 1 at the equator and about sec(phi) elsewhere', () => {
    expect(mercatorScaleFactor(0)).toBeCloseTo(1, 12);
    expect(mercatorScaleFactor(60)).toBeCloseTo(2 * Math.sqrt(1 - WGS84_E2 * 0.75), 9);
  });

  it('fits the bounds inside the frame and rounds the scale to 2 significant digits', () => {
    const b = [-97.2, 32.6, -97.0, 32.8] as const;
    const v = frameFitting(b, 200, 150);
    const [w, s, e, n] = frameBounds(v);
    expect(w).toBeLessThan(b[0]);
    expect(s).toBeLessThan(b[1]);
    expect(e).toBeGreaterThan(b[2]);
    expect(n).toBeGreaterThan(b[3]);
    expect(roundScale(23417)).toBe(24000);
    expect(roundScale(99000)).toBe(99000);
    expect(v.scale % 10 ** (Math.floor(Math.log10(v.scale)) - 1)).toBe(0);
  });

  it('scale bar length matches ground distance at the frame latitude within 1% (many latitudes and scales)', () => {
    for (const lat of [-60, -33.9, 0, 25, 32.7, 47.6, 64]) {
      for (const scale of [2500, 12000, 24000, 99000, 500000]) {
        for (const units of ['imperial', 'metric'] as const) {
          const v = frameAt(-97, lat, scale, 200, 150);
          const bar = computeScaleBar(v, 50, units);
          expect(bar.lengthMm).toBeLessThanOrEqual(50 + 1e-9);
          expect(bar.lengthMm).toBeGreaterThan(50 / 5 - 1e-9);
          // Find the longitude difference whose ground length along the centre parallel is the bar's.
          const dLon = bar.groundMetres / parallelArc(lat, 1);
          const [x0] = projectToFrame(v, -97, lat);
          const [x1] = projectToFrame(v, -97 + dLon, lat);
          expect(Math.abs(x1 - x0 - bar.lengthMm) / bar.lengthMm).toBeLessThan(0.01);
          // And by a great-circle distance on a sphere (short distances: within 1% too).
          expect(Math.abs(haversine(-97, lat, -97 + dLon, lat) - bar.groundMetres) / bar.groundMetres).toBeLessThan(0.01);
        }
      }
    }
  });

  it('picks round lengths: 1/2/5 x 10^k, quarter and half miles', () => {
    const v = frameAt(-97, 32.7, 24000, 200, 150);
    const mi = computeScaleBar(v, 15, 'imperial');
    // 15 mm at 1:24,000 = 360 m, under a quarter mile: feet, 1,181 ft -> 1,000 ft in 4 segments.
    expect(mi.unit).toBe('ft');
    expect(mi.ticks.map((t) => t.label)).toEqual(['0', '250', '500', '750', '1,000']);
    expect(mi.lengthMm).toBeCloseTo((1000 * 0.3048) / 24, 9);
    const km = computeScaleBar(frameAt(-97, 32.7, 99000, 200, 150), 40, 'metric');
    expect(km.unit).toBe('km');
    expect(km.groundMetres).toBe(2000);
    expect(km.lengthMm).toBeCloseTo(2000 / 99, 9);
    const half = computeScaleBar(frameAt(-97, 32.7, 40000, 200, 150), 30, 'imperial');
    expect([half.unit, half.groundMetres]).toEqual(['mi', 0.5 * 1609.344]);
    expect(mi.ratio).toBe('1:24,000');
  });
});
