import { describe, expect, it } from 'vitest';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { parsePeriod, type DayPeriod } from '../../../../shared/domain/design/period';
import { countDesignAreas } from '../../../../shared/domain/evaluation/area-counts';
import { createRng } from '../../../../shared/base/random';
import { isAvailable, runEvaluation, type EvaluationResult } from '../../../../shared/domain/evaluation/run-evaluation';

function period(text: string): DayPeriod {
  const p = parsePeriod('p', text);
  if (!p.ok) throw new Error(text);
  return p.value;
}

const square = (x0: number, y0: number, s: number): [number, number][][] => [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]];

/** A target square [0,100]^2 and a comparison square [1000,1100]^2, both with 50 m rings. */
function design(bufferM = 50): DesignDoc {
  const area = { polygon: square(0, 0, 100), bufferM, areaM2: 10_000 };
  return {
    kind: 'design', formatVersion: 1, name: 'hand', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
    pre: { from: '2022-01-01', to: '2022-12-31' },
    targets: [{ id: 'T1', name: 'T1', ...area }],
    comparisons: [{ id: 'C1', name: 'cell', targetId: 'T1', cellId: 0, matchDistance: 0, polygon: square(1000, 1000, 100), bufferM, areaM2: 10_000 }],
    method: { kind: 'randomized', algorithm: 'simple', seed: 1, convention: 'hand-made' },
    balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: 1, nTreatedMatched: null, nControlMatched: null, convention: '', rows: [] },
    unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
  };
}

const PRE = period('2022-01-01..2022-12-31');
const POST = period('2023-01-01..2023-12-31');

/**
 * Points: `n` per zone and period, spread over the days of the period. Zones: T inside the target
 * square, D in its ring (x in (100,150)), C inside the comparison, DC in its ring (x in (1100,1150)),
 * plus decoys: far away, and beyond the rings (x = 160 / 1160), which no zone may count.
 */
function points(counts: { T: [number, number]; C: [number, number]; D: [number, number]; DC: [number, number] }, pre = PRE, post = POST) {
  const xs: number[] = [];
  const ys: number[] = [];
  const ds: number[] = [];
  const place = { T: [50, 50], D: [125, 50], C: [1050, 1050], DC: [1125, 1050] } as const;
  for (const zone of ['T', 'C', 'D', 'DC'] as const) {
    counts[zone].forEach((n, k) => {
      const p = k === 0 ? pre : post;
      for (let i = 0; i < n; i++) {
        xs.push(place[zone][0] + ((i * 7) % 40) - 20);
        ys.push(place[zone][1] + ((i * 13) % 80) - 40);
        ds.push(p.startDay + ((i * 37) % (p.endDay - p.startDay)) + 0.5);
      }
    });
  }
  for (const [x, y] of [[160, 50], [1160, 1050], [5000, 5000], [50, 50]]) {
    xs.push(x!); ys.push(y!); ds.push(x === 50 ? PRE.startDay - 10 : PRE.startDay + 3); // the last is before the pre period
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), d: Float64Array.from(ds) };
}

function run(counts: Parameters<typeof points>[0], pre = PRE, post = POST, bufferM = 50): EvaluationResult {
  const p = points(counts, pre, post);
  const r = runEvaluation(design(bufferM), p.x, p.y, p.d, pre, post, { overdispersion: 'estimate' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('runEvaluation', () => {
  it('reproduces the DOMAIN.md WDD check by counting points in polygons and rings', () => {
    const r = run({ T: [207, 110], C: [308, 318], D: [178, 157], DC: [150, 140] });
    expect(r.counts).toEqual({ T: { pre: 207, post: 110 }, C: { pre: 308, post: 318 }, D: { pre: 178, post: 157 }, DC: { pre: 150, post: 140 } });
    expect(r.timeWeighted).toBe(false);
    if (!isAvailable(r.wdd)) throw new Error(r.wdd.unavailable);
    expect(r.wdd.wdd).toBe(-118);
    expect(r.wdd.se).toBeCloseTo(39.598, 3);
    expect(r.wdd.z).toBeCloseTo(-2.98, 2);
    expect(r.monthly.labels).toHaveLength(24);
    expect(r.monthly.T.reduce((a, b) => a + b, 0)).toBe(317);
  });

  it('reproduces the DOMAIN.md WDQ, TNE and RES checks; the DiD rate ratio equals RIRR for one target and one comparison', () => {
    const r = run({ T: [100, 60], C: [200, 190], D: [80, 70], DC: [50, 50] });
    if (!isAvailable(r.wdq) || !isAvailable(r.resPoisson) || !isAvailable(r.did) || !isAvailable(r.resInflated)) throw new Error('figure missing');
    expect(r.wdq.success).toBeCloseTo(-0.1842, 4);
    expect(r.wdq.buffer).toBeCloseTo(-0.0316, 4);
    expect(r.wdq.wdq).toBeCloseTo(0.1714, 4);
    expect(r.wdq.tne).toBeCloseTo(41.0, 1);
    expect(r.resPoisson.res).toBeCloseTo(1.5833, 4);
    expect(r.resPoisson.ciLower).toBeCloseTo(1.086, 3);
    expect(r.resPoisson.ciUpper).toBeCloseTo(2.308, 3);
    // Monthly Poisson with unit and month effects on two units: conditional on month totals, a
    // logistic model saturated in period, so exp(b) is the ratio of ratios (b/a)/(d/c) exactly.
    expect(r.did.rateRatio).toBeCloseTo((60 / 100) / (190 / 200), 6);
    expect(r.resInflated.overdispersion).toBe(r.overdispersion.factor);
    expect(r.overdispersion.factor).toBeGreaterThanOrEqual(1);
    expect(r.resInflated.ciUpper - r.resInflated.ciLower).toBeGreaterThanOrEqual(r.resPoisson.ciUpper - r.resPoisson.ciLower - 1e-12);
    expect(r.perTarget).toEqual([{ id: 'T1', pre: 100, post: 60, bufferPre: 80, bufferPost: 70 }]);
  });

  it('applies time weights when the periods differ in length (counts per month)', () => {
    const post = period('2023-01-01..2023-06-30');
    const r = run({ T: [120, 30], C: [240, 120], D: [0, 0], DC: [0, 0] }, PRE, post);
    expect(r.timeWeighted).toBe(true);
    if (!isAvailable(r.wdd)) throw new Error(r.wdd.unavailable);
    const m = 365.25 / 12;
    const expected = (30 / (181 / m) - 120 / (365 / m)) - (120 / (181 / m) - 240 / (365 / m));
    expect(r.wdd.wdd).toBeCloseTo(expected, 9);
  });

  it('zero cells give warnings and finite figures, never Infinity or NaN', () => {
    const r = run({ T: [12, 0], C: [30, 28], D: [0, 0], DC: [0, 0] });
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/Infinity|NaN|null,"ciLower"/);
    expect(r.warnings.some((w) => w.includes('Haldane'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('small counts'))).toBe(true);
    if (!isAvailable(r.resPoisson)) throw new Error('RES missing');
    expect(Number.isFinite(r.resPoisson.res) && Number.isFinite(r.resPoisson.ciUpper)).toBe(true);
    // The DiD is undefined with a zero target total after: said in plain words.
    expect(isAvailable(r.did)).toBe(false);
    expect(r.warnings.some((w) => w.startsWith('DiD:'))).toBe(true);
    // WDQ with no change in the target relative to control... here Success != 0, so it has a value.
    expect(isAvailable(r.wdq)).toBe(true);
  });

  it('without buffers (0 m) the WDD has no buffer terms and the WDQ says why it is missing', () => {
    const r = run({ T: [50, 40], C: [60, 65], D: [10, 10], DC: [0, 0] }, PRE, POST, 0);
    expect(r.counts.D).toEqual({ pre: 0, post: 0 });
    if (!isAvailable(r.wdd)) throw new Error('WDD missing');
    expect(r.wdd.includesBuffers).toBe(false);
    expect(r.wdd.wdd).toBe(-10 - 5);
    expect(isAvailable(r.wdq)).toBe(false);
  });

  it('refuses overlapping periods', () => {
    const p = points({ T: [1, 1], C: [1, 1], D: [0, 0], DC: [0, 0] });
    const r = countDesignAreas(design(), p.x, p.y, p.d, PRE, period('2022-12-01..2023-03-31'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('--post');
  });

  it('property: zone totals equal a brute-force count with the closed-form distance to a square', () => {
    // Distance from (x, y) to the axis-aligned square [x0, x0+100]^2 (0 inside).
    const dist = (x: number, y: number, x0: number) => Math.hypot(Math.max(x0 - x, 0, x - x0 - 100), Math.max(x0 - y, 0, y - x0 - 100));
    for (let seed = 1; seed <= 5; seed++) {
      const rng = createRng(seed);
      const n = 3000;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const d = new Float64Array(n);
      const expected = { T: [0, 0], C: [0, 0], D: [0, 0], DC: [0, 0] };
      for (let i = 0; i < n; i++) {
        const near = rng.next() < 0.5 ? 0 : 1000;
        x[i] = near - 100 + rng.next() * 300;
        y[i] = near - 100 + rng.next() * 300;
        d[i] = PRE.startDay + rng.next() * 730;
        const k = d[i]! < POST.startDay ? 0 : 1;
        const dt = dist(x[i]!, y[i]!, 0);
        const dc = dist(x[i]!, y[i]!, 1000);
        if (dt === 0) expected.T[k]!++;
        else if (dc === 0) expected.C[k]!++;
        else if (dt <= 50) expected.D[k]!++;
        else if (dc <= 50) expected.DC[k]!++;
      }
      const r = runEvaluation(design(), x, y, d, PRE, POST);
      if (!r.ok) throw new Error('run');
      for (const z of ['T', 'C', 'D', 'DC'] as const) expect([r.value.counts[z].pre, r.value.counts[z].post]).toEqual(expected[z]);
    }
  });
});
