import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { distance, type Metric } from '../../../../shared/domain/geo/spatial-index';
import { computeKnox } from '../../../../shared/domain/stats/knox';
import { bandOf, formatBandLabels, nrcKnoxBands } from '../../../../shared/domain/stats/knox-bands';
import { randomPoints } from './fixtures/random-points';

/** O(n^2) reference: every pair, half-open bands. */
function bruteObserved(x: ArrayLike<number>, y: ArrayLike<number>, t: ArrayLike<number>, sb: number[], tb: number[], metric: Metric): number[] {
  const T = tb.length - 1;
  const out = new Array((sb.length - 1) * T).fill(0);
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const s = bandOf(sb, distance(x[j]! - x[i]!, y[j]! - y[i]!, metric));
      const b = bandOf(tb, Math.abs(t[j]! - t[i]!));
      if (s >= 0 && b >= 0) out[s * T + b]++;
    }
  }
  return out;
}

describe('Knox near-repeat test', () => {
  const X = [0, 10, 0, 100, 105, 300];
  const Y = [0, 0, 10, 100, 100, 0];
  const DAY = [0, 1, 2, 3, 30, 31];

  it('DOMAIN.md check: N = 15 pairs, 4 space-close, 7 time-close, 3 both, expected 1.867', () => {
    // "close if d <= 20 and |dt| <= 7": no pair has 20 <= d < 21 and days are whole, so the
    // half-open bands [0, 20) and [0, 8) select the same pairs.
    const r = unwrap(computeKnox(X, Y, DAY, { spaceBands: [0, 20], timeBands: [0, 8], simulations: 999, seed: 1 }));
    expect(r.pairs).toBe(15);
    expect(Array.from(r.spaceTotals)).toEqual([4]);
    expect(Array.from(r.timeTotals)).toEqual([7]);
    expect(Array.from(r.observed)).toEqual([3]);
    expect(r.expectedIndependence[0]).toBeCloseTo(1.8667, 4);
    expect(Math.abs(r.expected[0]! - 28 / 15)).toBeLessThan(0.1); // Monte Carlo estimate of it
    expect(r.ratio[0]).toBeCloseTo(3 / r.expected[0]!, 14);
    expect(r.spaceLabels).toEqual(['[0, 20)']);
  });

  it('open-ended bands partition all pairs: the table sums to N and its margins are the totals', () => {
    const r = unwrap(computeKnox(X, Y, DAY, { spaceBands: [0, 20, Infinity], timeBands: [0, 8, Infinity], simulations: 99 }));
    expect(Array.from(r.observed)).toEqual([3, 1, 4, 7]);
    expect(Array.from(r.spaceTotals)).toEqual([4, 11]);
    expect(Array.from(r.timeTotals)).toEqual([7, 8]);
    expect(r.timeLabels).toEqual(['[0, 8)', '[8, inf)']);
  });

  for (const metric of ['euclidean', 'manhattan'] as const) {
    it(`observed counts equal an O(n^2) count on 600 seeded events (${metric}, several band layouts)`, () => {
      const { x, y } = randomPoints(600, 21, { size: 2000, originX: 700_000, originY: 4_000_000 });
      const rng = createRng(5);
      const t = Float64Array.from({ length: x.length }, () => Math.floor(rng.uniform(0, 365)) + (rng.chance(0.2) ? 0.5 : 0));
      const layouts: [number[], number[]][] = [
        [[0, 50, 100, 200], [0, 7, 14, 21]],
        [[0, 1, 100, 200, 300, Infinity], [0, 7, 14, 21, Infinity]],
        [[25, 60, Infinity], [3, 10]],
        [[0, 0.001, 150], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30, 60, Infinity]],
        [[25, 60, 120], [2, 7, Infinity]], // pairs below the first space edge, open time band
        [[0, 50, Infinity], [0, 2.5, 7.5, Infinity]], // fractional time edges (no lookup table)
      ];
      for (const [sb, tb] of layouts) {
        const r = unwrap(computeKnox(x, y, t, { spaceBands: sb, timeBands: tb, metric, simulations: 3 }));
        expect(Array.from(r.observed)).toEqual(bruteObserved(x, y, t, sb, tb, metric));
      }
    });
  }

  it('Monte Carlo: reproducible by seed; expected converges to spaceTotal * timeTotal / N; p in [1/(R+1), 1]', () => {
    const { x, y } = randomPoints(300, 4, { size: 1500 });
    const rng = createRng(8);
    const t = Float64Array.from({ length: 300 }, () => rng.int(200));
    const opts = { spaceBands: [0, 100, 200, Infinity], timeBands: [0, 7, 14, Infinity], simulations: 999, seed: 11 };
    const a = unwrap(computeKnox(x, y, t, opts));
    const b = unwrap(computeKnox(x, y, t, opts));
    expect(Array.from(a.p)).toEqual(Array.from(b.p));
    expect(Array.from(a.expected)).toEqual(Array.from(b.expected));
    for (let c = 0; c < a.expected.length; c++) {
      expect(Math.abs(a.expected[c]! - a.expectedIndependence[c]!) / a.expectedIndependence[c]!).toBeLessThan(0.05);
      expect(a.p[c]).toBeGreaterThanOrEqual(1 / 1000);
      expect(a.p[c]).toBeLessThanOrEqual(1);
      expect(Number.isInteger(a.p[c]! * 1000)).toBe(true); // (1 + count) / (R + 1)
    }
    // Simulated tables preserve the margins, so the expected table sums to N.
    expect(a.expected.reduce((s, v) => s + v, 0)).toBeCloseTo(a.pairs, 6);
  });

  it('detects a planted near-repeat pattern: follow-up events nearby within days', () => {
    const rng = createRng(2);
    const x: number[] = [];
    const y: number[] = [];
    const t: number[] = [];
    for (let i = 0; i < 200; i++) {
      const px = rng.uniform(0, 5000);
      const py = rng.uniform(0, 5000);
      const pt = rng.int(365);
      x.push(px, px + rng.uniform(-50, 50));
      y.push(py, py + rng.uniform(-50, 50));
      t.push(pt, pt + rng.int(3));
    }
    const r = unwrap(computeKnox(x, y, t, { spaceBands: [0, 100, 200], timeBands: [0, 7, 14], simulations: 199, seed: 1 }));
    expect(r.p[0]).toBe(1 / 200);
    expect(r.ratio[0]).toBeGreaterThan(5);
  });

  it('gives the same result for both metrics where they agree (events on one north-south street)', () => {
    const rng = createRng(3);
    const y = Float64Array.from({ length: 200 }, () => rng.uniform(0, 3000));
    const x = new Float64Array(200).fill(512_345);
    const t = Float64Array.from({ length: 200 }, () => rng.int(90));
    const opts = { spaceBands: [0, 100, 250, Infinity], timeBands: [0, 7, 21], simulations: 99, seed: 5 };
    const e = unwrap(computeKnox(x, y, t, { ...opts, metric: 'euclidean' }));
    const m = unwrap(computeKnox(x, y, t, { ...opts, metric: 'manhattan' }));
    expect(Array.from(m.observed)).toEqual(Array.from(e.observed));
    expect(Array.from(m.p)).toEqual(Array.from(e.p));
  });

  it('is invariant to translating coordinates and shifting all dates', () => {
    const { x, y } = randomPoints(250, 6, { size: 1200 });
    const rng = createRng(6);
    const t = Float64Array.from({ length: 250 }, () => rng.int(120));
    const opts = { spaceBands: [0, 80, 160, Infinity], timeBands: [0, 5, 10, Infinity], simulations: 49, seed: 2 };
    const a = unwrap(computeKnox(x, y, t, opts));
    const b = unwrap(computeKnox(x.map((v) => v + 1e6), y.map((v) => v - 3e5), t.map((v) => v + 19_000), opts));
    expect(Array.from(b.observed)).toEqual(Array.from(a.observed));
    expect(Array.from(b.p)).toEqual(Array.from(a.p));
  });

  describe('Near Repeat Calculator compatibility', () => {
    it("reproduces the NRC's tables for Steenbeek's pathological pair: 100 m and 3 days apart", () => {
      // NRC, 2 spatial bands of 200 m, 2 temporal bands of 3 days: the pair lands in
      // "1 to 200" x "4 to 6"; with 100 m bands in "101 to 200" x "4 to 6".
      const x = [0, 0];
      const y = [0, 100];
      const t = [17_897, 17_900.6]; // whole days are used: 3 days apart
      const wide = unwrap(computeKnox(x, y, t, { nrcCompatible: { spatialBandwidth: 200, spatialBands: 2, temporalBandwidth: 3, temporalBands: 2 }, simulations: 9 }));
      expect(wide.metric).toBe('manhattan');
      expect(wide.nrcSpaceLabels).toEqual(['Same location', '1 to 200', '201 to 400', 'More than 400']);
      expect(wide.nrcTimeLabels).toEqual(['0 to 3', '4 to 6', 'More than 6']);
      expect(Array.from(wide.observed)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
      const narrow = unwrap(computeKnox(x, y, t, { nrcCompatible: { spatialBandwidth: 100, spatialBands: 2, temporalBandwidth: 3, temporalBands: 2 }, simulations: 9 }));
      expect(narrow.nrcSpaceLabels![2]).toBe('101 to 200');
      expect(Array.from(narrow.observed)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    });

    it('counts "Same location" as distance < 1 and agrees with a brute-force count on seeded data', () => {
      const { x, y } = randomPoints(400, 9, { size: 1500 });
      const rng = createRng(4);
      const t = Float64Array.from({ length: 400 }, () => rng.int(60) + 0.9);
      const r = unwrap(computeKnox(x, y, t, { nrcCompatible: { spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 }, simulations: 5 }));
      expect(Array.from(r.observed)).toEqual(bruteObserved(x, y, t.map(Math.floor), [0, 1, 100, 200, 300, Infinity], [0, 7, 14, 21, Infinity], 'manhattan'));
      expect(r.observed[0]! + r.observed[1]!).toBeGreaterThan(0); // duplicates exist in the fixture
    });

    it('rejects settings the NRC would not accept', () => {
      expect(nrcKnoxBands({ spatialBandwidth: 0.5, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 })).toMatchObject({ ok: false });
      expect(nrcKnoxBands({ spatialBandwidth: 100, spatialBands: 0, temporalBandwidth: 7, temporalBands: 3 })).toMatchObject({ ok: false });
    });
  });

  it('rejects bad bands, mismatched columns and R < 1 with the value named', () => {
    expect(computeKnox(X, Y, DAY, { spaceBands: [0], timeBands: [0, 7] })).toMatchObject({ ok: false, error: { name: 'space bands' } });
    expect(computeKnox(X, Y, DAY, { spaceBands: [0, 100, 50], timeBands: [0, 7] })).toMatchObject({ ok: false, error: { name: 'space bands', value: '0,100,50' } });
    expect(computeKnox(X, Y, DAY, { spaceBands: [0, Infinity, 9], timeBands: [0, 7] })).toMatchObject({ ok: false });
    expect(computeKnox(X, Y, DAY, { spaceBands: [-1, 7], timeBands: [0, 7] })).toMatchObject({ ok: false });
    expect(computeKnox(X, Y, DAY.slice(1), { spaceBands: [0, 7], timeBands: [0, 7] })).toMatchObject({ ok: false, error: { name: 't' } });
    expect(computeKnox(X, Y, DAY, { spaceBands: [0, 7], timeBands: [0, 7], simulations: 0 })).toMatchObject({ ok: false, error: { name: 'simulations' } });
    expect(computeKnox([1], [1], [1], { spaceBands: [0, 7], timeBands: [0, 7] })).toMatchObject({ ok: false, error: { name: 'events' } });
    const sameSpot = new Float64Array(200); // 200 records at one default location: 19,900 pairs
    expect(computeKnox(sameSpot, sameSpot, sameSpot, { spaceBands: [0, 7], timeBands: [0, 7], maxClosePairs: 10_000 })).toMatchObject({
      ok: false,
      error: { name: 'space bands' },
    });
  });
});
