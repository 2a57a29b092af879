import { describe, expect, it } from 'vitest';
import { computeScreenHeat, HEAT_RAMP, topPercentile } from '../../../../shared/domain/explore/screen-heat';
import { latToWorldY, lonToWorldX, worldPixels, worldXToLon } from '../../../../shared/domain/explore/web-mercator';

const view = (zoom: number) => ({ west: lonToWorldX(-90), north: latToWorldY(35), zoom, width: 200, height: 100 });

function at(zoom: number, px: [number, number][]) {
  const v = view(zoom);
  const s = worldPixels(zoom);
  return { x: Float64Array.from(px, ([a]) => v.west + a / s), y: Float64Array.from(px, ([, b]) => v.north + b / s) };
}

const alphaAt = (h: ReturnType<typeof computeScreenHeat>, sx: number, sy: number, cell = 2) => {
  // screen pixel (sx, sy) of the viewport -> cell of the padded grid (25% margin)
  const c = Math.floor((sx + 50) / cell);
  const r = Math.floor((sy + 25) / cell);
  return h.rgba[4 * (r * h.width + c) + 3]!;
};

describe('topPercentile', () => {
  it('ignores zeros and finds the 99th percentile of the rest within one bin', () => {
    const v = new Float32Array(2000);
    for (let i = 0; i < 1000; i++) v[i] = i + 1; // 1..1000, then 1,000 zeros
    expect(topPercentile(v, 0.99)).toBeCloseTo(990, -1);
    expect(topPercentile(new Float32Array(5), 0.99)).toBe(0);
  });
});

describe('computeScreenHeat', () => {
  it('is hottest on the point, fades to clear beyond the pixel radius, and is symmetric', () => {
    const { x, y } = at(14, [[100, 50]]);
    const h = computeScreenHeat(x, y, view(14), { radius: 20, intensity: 1 });
    expect(h.points).toBe(1);
    expect([h.width, h.height]).toEqual([150, 75]);
    const centre = 4 * ((Math.floor(75 / 2)) * h.width + Math.floor(150 / 2));
    expect(Array.from(h.rgba.subarray(centre, centre + 3))).toEqual([...HEAT_RAMP[5]!]);
    expect(alphaAt(h, 100, 50)).toBeGreaterThan(alphaAt(h, 110, 50));
    expect(alphaAt(h, 110, 50)).toBe(alphaAt(h, 90, 50));
    expect(alphaAt(h, 100, 60)).toBe(alphaAt(h, 100, 40));
    expect(alphaAt(h, 125, 50)).toBe(0); // beyond the 20 px reach
  });

  it('is a relative picture: scaling every weight (duplicating points) changes nothing, intensity does', () => {
    const one = at(14, [[60, 50], [140, 50], [142, 52]]);
    const two = { x: Float64Array.from([...one.x, ...one.x]), y: Float64Array.from([...one.y, ...one.y]) };
    const a = computeScreenHeat(one.x, one.y, view(14), { radius: 15, intensity: 1 });
    const b = computeScreenHeat(two.x, two.y, view(14), { radius: 15, intensity: 1 });
    expect(Buffer.from(b.rgba).equals(Buffer.from(a.rgba))).toBe(true);
    const c = computeScreenHeat(one.x, one.y, view(14), { radius: 15, intensity: 0.3 });
    expect(alphaAt(c, 60, 50)).toBeLessThan(alphaAt(a, 60, 50));
    const d = computeScreenHeat(one.x, one.y, view(14), { radius: 15, intensity: 3 });
    expect(alphaAt(d, 66, 50)).toBeGreaterThan(alphaAt(a, 66, 50));
  });

  it('covers the viewport plus a margin, and leaves out points beyond it', () => {
    const { x, y } = at(12, [[100, 50], [1000, 50]]);
    const h = computeScreenHeat(x, y, view(12), { radius: 10, intensity: 1 });
    expect(h.points).toBe(1);
    const s = worldPixels(12);
    expect(h.bounds[0]).toBeCloseTo(worldXToLon(view(12).west - 50 / s), 9);
    expect(h.bounds[2]).toBeCloseTo(worldXToLon(view(12).west + 250 / s), 9);
    expect(h.bounds[3]).toBeGreaterThan(35);
    expect(h.bounds[1]).toBeLessThan(35);
  });

  it('draws nothing when no point is on screen', () => {
    const h = computeScreenHeat(new Float64Array(0), new Float64Array(0), view(12), { radius: 10, intensity: 1 });
    expect(h.rgba.every((v) => v === 0)).toBe(true);
  });
});
