/**
 * Washout periods and zone areas (for the WDD's area weights), and their effect on a full
 * evaluation: washout days are counted nowhere; comparison counts are rescaled to the targets'
 * area exactly when the areas differ.
 */
import { describe, expect, it } from 'vitest';
import { formatAppError } from '../../../../shared/base/errors';
import { unwrap } from '../../../../shared/base/result';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { parsePeriod, type DayPeriod } from '../../../../shared/domain/design/period';
import { isAvailable, runEvaluation } from '../../../../shared/domain/evaluation/run-evaluation';
import { formatStatsError } from '../../../../shared/domain/evaluation/stats-error';
import { applyWashout } from '../../../../shared/domain/evaluation/washout';
import { computeZoneAreas } from '../../../../shared/domain/evaluation/zone-areas';

const period = (t: string): DayPeriod => {
  const p = parsePeriod('p', t);
  if (!p.ok) throw new Error(formatAppError(p.error));
  return p.value;
};
const square = (x0: number, y0: number, s: number): [number, number][][] => [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]];

function design(targetSide: number, compSide: number, bufferM: number): DesignDoc {
  return {
    kind: 'design', formatVersion: 1, name: 'd', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
    pre: { from: '2022-01-01', to: '2022-12-31' },
    targets: [{ id: 'T1', name: 'T1', polygon: square(0, 0, targetSide), bufferM, areaM2: targetSide ** 2 }],
    comparisons: [{ id: 'C1', name: 'C1', targetId: 'T1', cellId: 0, matchDistance: 0, polygon: square(5000, 0, compSide), bufferM, areaM2: compSide ** 2 }],
    method: { kind: 'randomized', algorithm: 'simple', seed: 1, convention: '' },
    balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: 1, nTreatedMatched: null, nControlMatched: null, convention: '', rows: [] },
    unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
  };
}

describe('applyWashout', () => {
  const PRE = period('2022-01-01..2022-12-31');
  const POST = period('2023-01-01..2023-12-31');
  it('cuts the start of the post period, or the end of the pre period', () => {
    const a = unwrap(applyWashout(PRE, POST, period('2023-01-01..2023-02-28')));
    expect([a.post.from, a.post.to, a.cutPostDays, a.cutPreDays]).toEqual(['2023-03-01', '2023-12-31', 59, 0]);
    expect(a.pre).toBe(PRE);
    const b = unwrap(applyWashout(PRE, POST, period('2022-12-01..2023-01-31')));
    expect([b.pre.to, b.post.from, b.cutPreDays, b.cutPostDays]).toEqual(['2022-11-30', '2023-02-01', 31, 31]);
  });
  it('between the periods changes nothing; inside a period or covering one is refused', () => {
    const gap = unwrap(applyWashout(PRE, period('2023-03-01..2023-12-31'), period('2023-01-01..2023-02-28')));
    expect(gap.cutPostDays + gap.cutPreDays).toBe(0);
    const inside = applyWashout(PRE, POST, period('2023-05-01..2023-05-31'));
    expect(!inside.ok && formatStatsError(inside.error)).toContain('inside the post period');
    const all = applyWashout(PRE, POST, period('2022-12-01..2024-01-31'));
    expect(all.ok).toBe(false);
  });
});

describe('computeZoneAreas', () => {
  it('measures squares and their buffer rings (area + perimeter r + pi r^2) within 1%', () => {
    const a = computeZoneAreas(design(100, 200, 50));
    expect(a.T).toBeCloseTo(10_000, -1);
    expect(a.C).toBeCloseTo(40_000, -2);
    const ring = (s: number, r: number) => 4 * s * r + Math.PI * r * r;
    expect(Math.abs(a.D / ring(100, 50) - 1)).toBeLessThan(0.01);
    expect(Math.abs(a.DC / ring(200, 50) - 1)).toBeLessThan(0.01);
  });
  it('counts an overlap of rings once (the first area\'s), as the incident counts do', () => {
    const d = design(100, 100, 50);
    const near = { ...d, comparisons: [{ ...d.comparisons[0]!, polygon: square(150, 0, 100) }] };
    const a = computeZoneAreas(near);
    // The gap (100..150) is in T's ring; C's ring loses it and its own interior is never a ring.
    const ring = 4 * 100 * 50 + Math.PI * 2500;
    expect(Math.abs(a.D / ring - 1)).toBeLessThan(0.01);
    expect(a.DC).toBeLessThan(ring - 50 * 100 + 1);
  });
});

describe('runEvaluation with washout and area weights', () => {
  const PRE = period('2022-01-01..2022-12-31');
  const POST = period('2023-01-01..2023-12-31');
  /** n points per zone per period, spread over the period's days; zone centres per design. */
  function pts(d: DesignDoc, n: { T: [number, number]; C: [number, number] }, extra: { day: number; x: number; y: number }[] = []) {
    const xs: number[] = [];
    const ys: number[] = [];
    const ds: number[] = [];
    for (const [zone, at] of [['T', d.targets[0]!.polygon[0]![0]!], ['C', d.comparisons[0]!.polygon[0]![0]!]] as const) {
      n[zone].forEach((k, i) => {
        const p = i === 0 ? PRE : POST;
        for (let j = 0; j < k; j++) {
          xs.push(at[0] + 10 + (j % 7));
          ys.push(at[1] + 10 + (j % 5));
          ds.push(p.startDay + ((j * 11) % (p.endDay - p.startDay)) + 0.5);
        }
      });
    }
    for (const e of extra) {
      xs.push(e.x);
      ys.push(e.y);
      ds.push(e.day);
    }
    return { x: Float64Array.from(xs), y: Float64Array.from(ys), d: Float64Array.from(ds) };
  }

  it('rescales C to the targets\' area when the areas differ (auto), not when asked off', () => {
    const d = design(100, 200, 0);
    const p = pts(d, { T: [100, 60], C: [400, 400] });
    const auto = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST));
    expect(auto.areas.weighted).toBe(true);
    if (!isAvailable(auto.wdd)) throw new Error(auto.wdd.unavailable);
    const k = auto.areas.T / auto.areas.C; // about 1/4
    expect(k).toBeCloseTo(0.25, 2);
    expect(auto.wdd.wdd).toBeCloseTo(-40 - 0 * k, 9);
    expect(auto.wdd.variance).toBeCloseTo(160 + 800 * k * k, 6);
    expect(auto.wddUnit).toContain('area the size of the targets');
    expect(auto.notes.wdd.assumptions.join(' ')).toContain('area weights');
    const off = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST, { areaWeights: 'off' }));
    expect(off.areas.weighted).toBe(false);
    expect(isAvailable(off.wdd) && off.wdd.variance).toBe(960);
    expect(off.warnings.join(' ')).toContain('mixes area with effect');
    const same = unwrap(runEvaluation(design(100, 100, 0), p.x, p.y, p.d, PRE, POST));
    expect(same.areas.weighted).toBe(false);
  });

  it('leaves washout days out of every count and reports the periods used', () => {
    const d = design(100, 100, 0);
    const inWashout = Array.from({ length: 50 }, (_, i) => ({ day: POST.startDay + 5 + (i % 20), x: 20, y: 20 }));
    const p = pts(d, { T: [100, 0], C: [100, 100] }, inWashout);
    const without = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST, { areaWeights: 'off' }));
    expect(without.counts.T.post).toBe(50);
    const w = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST, { washout: period('2023-01-01..2023-01-31'), areaWeights: 'off' }));
    expect(w.counts.T.post).toBe(0);
    expect(w.post.from).toBe('2023-02-01');
    expect(w.washout).toEqual({ from: '2023-01-01', to: '2023-01-31', days: 31 });
    expect(w.monthly.labels[12]).toBe('2023-02');
    expect(w.notes.counts.assumptions.join(' ')).toContain('washout 2023-01-01..2023-01-31');
    // Zero post count in T: RES gets the Haldane correction with a warning, never Infinity.
    expect(JSON.stringify(w)).not.toMatch(/Infinity|NaN/);
    expect(w.warnings.join(' ')).toContain('Haldane');
  });

  it('harm weights: counts are weighted sums and the WDD variance is sum w^2 n', () => {
    const d = design(100, 100, 0);
    const p = pts(d, { T: [10, 4], C: [10, 10] });
    const weights = new Float64Array(p.x.length).fill(1);
    for (let i = 0; i < 5; i++) weights[i] = 10; // 5 target pre incidents weigh 10
    const r = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST, { weights, harmLabel: 'test weights', areaWeights: 'off' }));
    expect(r.counts.T).toEqual({ pre: 55, post: 4 });
    expect(r.countVariances.T).toEqual({ pre: 505, post: 4 });
    if (!isAvailable(r.wdd)) throw new Error('wdd');
    expect(r.wdd.variance).toBe(505 + 4 + 10 + 10);
    expect(r.harm).toBe('test weights');
    expect(r.notes.wdd.assumptions.join(' ')).toContain('Var = Σ w²·n');
    const bad = runEvaluation(d, p.x, p.y, p.d, PRE, POST, { weights: new Float64Array(p.x.length).fill(-1) });
    expect(!bad.ok && formatStatsError(bad.error)).toContain('weight of point 1');
  });

  it('the cumulative WDD ends at the whole-period WDD when the periods are equally long', () => {
    const d = design(100, 100, 0);
    const p = pts(d, { T: [120, 60], C: [100, 110] });
    const r = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST, { areaWeights: 'off' }));
    if (!isAvailable(r.wdd)) throw new Error('wdd');
    expect(r.cumulativeWdd.labels).toHaveLength(12);
    expect(r.cumulativeWdd.wdd.at(-1)).toBeCloseTo(r.wdd.wdd, 9);
    expect(r.cumulativeWdd.ciUpper.at(-1)).toBeCloseTo(r.wdd.ciUpper, 9);
  });
});
