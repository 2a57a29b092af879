/**
 * The synthetic-control part of an evaluation: weights read from the design in the shapes the
 * design document may carry, the gap series (worked values), the placebo rank p-value, and the
 * result's `synthetic` figure in runEvaluation.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import type { AreaCounts } from '../../../../shared/domain/evaluation/area-counts';
import { computeSyntheticEvaluation, syntheticWeightsOf } from '../../../../shared/domain/evaluation/synthetic-design';
import { runPoolPlacebos } from '../../../../shared/domain/evaluation/synthetic-pool';
import { createRng } from '../../../../shared/base/random';
import { isAvailable, runEvaluation } from '../../../../shared/domain/evaluation/run-evaluation';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { buildEvaluationReport } from '../../../../shared/domain/report/report-model';
import { renderReportHtml } from '../../../../shared/domain/report/html';

const sq = (x: number): [number, number][][] => [[[x, 0], [x + 100, 0], [x + 100, 100], [x, 100], [x, 0]]];

function design(method: Record<string, unknown>, comparisonExtra: Record<string, unknown>[] = []): DesignDoc {
  return {
    kind: 'design', formatVersion: 1, name: 's', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
    pre: { from: '2022-01-01', to: '2022-08-31' },
    targets: [{ id: 'T1', name: 'T1', polygon: sq(0), bufferM: 0, areaM2: 1e4 }],
    comparisons: [0, 1, 2, 3].map((j) => ({ id: `C${j + 1}`, name: `C${j + 1}`, targetId: 'T1', cellId: j, matchDistance: 0, polygon: sq(1000 * (j + 1)), bufferM: 0, areaM2: 1e4, ...(comparisonExtra[j] ?? {}) })),
    method: method as DesignDoc['method'],
    balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: 4, nTreatedMatched: null, nControlMatched: null, convention: '', rows: [] },
    unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
  } as DesignDoc;
}

/** 8 pre months and 4 post months; target = (d1 + d2)/2 + small wiggle before, 10 fewer after. */
function counts(): AreaCounts {
  const nb = 12;
  const donors = [
    [20, 22, 21, 23, 22, 24, 23, 25, 24, 26, 25, 27],
    [30, 29, 31, 30, 32, 31, 33, 32, 34, 33, 35, 34],
    [10, 12, 11, 13, 12, 11, 13, 12, 11, 13, 12, 14],
    [40, 41, 39, 42, 40, 43, 41, 44, 42, 45, 43, 46],
  ];
  const wiggle = [0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5];
  const target = donors[0]!.map((v, b) => (v + donors[1]![b]!) / 2 + (b < 8 ? wiggle[b]! : -10));
  const unitCounts = Float64Array.from([...target, ...donors.flat()]);
  const post = new Uint8Array(nb).fill(1, 8);
  const z = new Float64Array(nb);
  return {
    bins: Array.from({ length: nb }, (_, b) => ({ label: `2022-${String(b + 1).padStart(2, '0')}`, startDay: b * 30, endDay: b * 30 + 30, days: 30 })),
    post, unitIds: ['T1', 'C1', 'C2', 'C3', 'C4'], treated: Uint8Array.from([1, 0, 0, 0, 0]), unitCounts,
    target: Float64Array.from(target), comparison: z, targetBuffer: z, comparisonBuffer: z, targetRingCounts: z, pointsInPeriods: 0,
    targetVariance: z, comparisonVariance: z, targetBufferVariance: z, comparisonBufferVariance: z, weighted: false,
  };
}

describe('synthetic-control evaluation', () => {
  it('reads weights from method.weights (numbers, {id, weight}, a record) or from each comparison', () => {
    const want = [0.5, 0.5, 0, 0];
    expect(Array.from(syntheticWeightsOf(design({ kind: 'synthetic', weights: want }))!)).toEqual(want);
    expect(Array.from(syntheticWeightsOf(design({ kind: 'synthetic', weights: [{ id: 'C2', weight: 0.5 }, { id: 'C1', weight: 0.5 }] }))!)).toEqual(want);
    expect(Array.from(syntheticWeightsOf(design({ kind: 'synthetic', weights: { C1: 0.5, C2: 0.5 } }))!)).toEqual(want);
    expect(Array.from(syntheticWeightsOf(design({ kind: 'synthetic', synthetic: { pooled: { weights: [{ unit: 'C1', weight: 0.5 }, { unit: 'C2', weight: 0.5 }] } } }))!)).toEqual(want);
    expect(Array.from(syntheticWeightsOf(design({ kind: 'synthetic' }, want.map((weight) => ({ weight }))))!)).toEqual(want);
    expect(syntheticWeightsOf(design({ kind: 'randomized', algorithm: 'simple', seed: 1, convention: '' }))).toBeNull();
  });

  it('gives the gap target - synthetic per month and ranks the target among the placebos', () => {
    const d = design({ kind: 'synthetic', weights: [0.5, 0.5, 0, 0] });
    const s = unwrap(computeSyntheticEvaluation(d, counts(), syntheticWeightsOf(d)!));
    expect(s.gap.slice(0, 8)).toEqual([0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5]);
    expect(s.gap.slice(8)).toEqual([-10, -10, -10, -10]);
    expect(s.preRmspe).toBeCloseTo(0.5, 12);
    expect(s.postRmspe).toBeCloseTo(10, 12);
    expect(s.rmspeRatio).toBeCloseTo(20, 12);
    expect(s.postGapTotal).toBe(-40);
    const synthPost = [8, 9, 10, 11].reduce((a, b) => a + (counts().unitCounts[12 * 1 + b]! + counts().unitCounts[12 * 2 + b]!) / 2, 0);
    expect(s.percentChange).toBeCloseTo((-4000 / synthPost), 9);
    expect(s.weights).toEqual([{ id: 'C1', weight: 0.5 }, { id: 'C2', weight: 0.5 }]);
    if (!isAvailable(s.placebo)) throw new Error(s.placebo.unavailable);
    // No donor's placebo fit breaks down 20-fold after the date: the target ranks first.
    expect(s.placebo.placebos).toBe(4);
    expect(s.placebo.rank).toBe(1);
    expect(s.placebo.p).toBeCloseTo(1 / 5, 12);
    expect(s.warnings.join(' ')).toContain('p < 0.05 cannot be reached');
    // No recorded pool: the weighted comparison cells are the placebos, and the warning says so.
    expect(s.placebo.pool).toBe('weighted');
    expect(s.placebo.poolSize).toBe(4);
    expect(s.warnings.join(' ')).toContain('does not record its eligible pool');
  });

  it('refits the recorded eligible pool as placebos, capped at the cells nearest the target in pre-period RMSE', () => {
    const d = design({ kind: 'synthetic', weights: [0.5, 0.5, 0, 0] });
    const c = counts();
    const rng = createRng(7);
    // 30 pool cells: noisy flat series at levels 10..68 (no break at the date).
    const np = 30;
    const pool = new Float64Array(np * 12);
    for (let j = 0; j < np; j++) for (let b = 0; b < 12; b++) pool[j * 12 + b] = 10 + 2 * j + (rng.next() - 0.5) * 2;
    const cellIds = Array.from({ length: np }, (_, j) => 100 + j);
    const s = unwrap(computeSyntheticEvaluation(d, c, syntheticWeightsOf(d)!, { pool: { cellIds, counts: pool } }));
    if (!isAvailable(s.placebo)) throw new Error(s.placebo.unavailable);
    expect(s.placebo).toMatchObject({ pool: 'eligible', poolSize: 30, placebos: 30, rank: 1 });
    expect(s.placebo.p).toBeCloseTo(1 / 31, 12);
    expect(s.warnings.join(' ')).not.toContain('cannot be reached');
    const capped = unwrap(computeSyntheticEvaluation(d, c, syntheticWeightsOf(d)!, { pool: { cellIds, counts: pool }, maxPlacebos: 5 }));
    expect(isAvailable(capped.placebo) && [capped.placebo.placebos, capped.placebo.poolSize]).toEqual([5, 30]);
    // The 5 nearest: the target's pre mean is about 26.5, so levels 22..30 (cells 106..110).
    const target = Float64Array.from(c.unitCounts.subarray(0, 12));
    const runs = unwrap(runPoolPlacebos(target, { cellIds, counts: pool }, 8, 5, 1));
    expect([...runs.cells].sort()).toEqual([106, 107, 108, 109, 110]);
    expect(runs.ratios.every((r) => r > 0 && r < 20)).toBe(true);
    expect(computeSyntheticEvaluation(d, c, syntheticWeightsOf(d)!, { pool: { cellIds, counts: pool.subarray(12) } }).ok).toBe(false);
  });

  it('refuses weights that do not sum to 1 or are negative', () => {
    const d = design({ kind: 'synthetic', weights: [0.5, 0.4, 0, 0] });
    expect(computeSyntheticEvaluation(d, counts(), syntheticWeightsOf(d)!).ok).toBe(false);
    const n = design({ kind: 'synthetic', weights: [1.5, -0.5, 0, 0] });
    expect(computeSyntheticEvaluation(n, counts(), syntheticWeightsOf(n)!).ok).toBe(false);
  });
});

describe('runEvaluation on a synthetic-control design', () => {
  it('adds the gap series and placebo test, its note, and the gap chart in the report', () => {
    const d = design({ kind: 'synthetic', weights: [0.5, 0.5, 0, 0] });
    const c = counts();
    const pre = unwrap(parsePeriod('pre', '2022-01-01..2022-08-31'));
    const post = unwrap(parsePeriod('post', '2022-09-01..2022-12-31'));
    // Points: each unit's monthly count (rounded) placed inside its square on the 10th of the month.
    const xs: number[] = [];
    const ys: number[] = [];
    const ds: number[] = [];
    const x0 = [0, 1000, 2000, 3000, 4000];
    for (let u = 0; u < 5; u++) for (let m = 0; m < 12; m++) {
      const n = Math.round(c.unitCounts[u * 12 + m]!);
      for (let k = 0; k < n; k++) {
        xs.push(x0[u]! + 10 + (k % 80));
        ys.push(50);
        ds.push(Date.UTC(2022, m, 10) / 86_400_000);
      }
    }
    const r = unwrap(runEvaluation(d, Float64Array.from(xs), Float64Array.from(ys), Float64Array.from(ds), pre, post));
    if (!r.synthetic || !isAvailable(r.synthetic)) throw new Error('synthetic missing');
    expect(r.synthetic.labels).toHaveLength(12);
    expect(r.synthetic.gap.slice(8).every((g) => g < -8)).toBe(true);
    expect(isAvailable(r.synthetic.placebo) && r.synthetic.placebo.placebos).toBe(4);
    expect(r.notes.synthetic.source).toContain('Abadie, Diamond & Hainmueller (2010)');
    const html = renderReportHtml(buildEvaluationReport({ result: r, design: d, project: { title: 'p', agency: '', author: '' }, layers: [], generatedAt: '2025-01-01T00:00:00Z', appVersion: '0' }));
    expect(html.match(/<svg/g)).toHaveLength(4);
    expect(html).toContain('Synthetic control: post gap');
    // With the eligible pool recorded in method.fit.pool, runEvaluation counts those cells and refits them.
    const poolCells = [1, 2, 3, 4].map((k) => ({ cellId: 10 + k, x: 1000 * k + 50 }));
    const withPool = design({ kind: 'matched', algorithm: 'synthetic', fit: { pool: { cellIds: poolCells.map((p) => p.cellId), x: poolCells.map((p) => p.x), y: poolCells.map(() => 50) } } }, [{ weight: 0.5 }, { weight: 0.5 }, { weight: 0 }, { weight: 0 }]);
    const rp = unwrap(runEvaluation(withPool, Float64Array.from(xs), Float64Array.from(ys), Float64Array.from(ds), pre, post));
    if (!rp.synthetic || !isAvailable(rp.synthetic) || !isAvailable(rp.synthetic.placebo)) throw new Error('placebo missing');
    expect(rp.synthetic.placebo).toMatchObject({ pool: 'eligible', poolSize: 4, placebos: 4 });
    expect(rp.synthetic.gap).toEqual(r.synthetic.gap);
    const plain = unwrap(runEvaluation(design({ kind: 'randomized', algorithm: 'simple', seed: 1, convention: '' }), Float64Array.from(xs), Float64Array.from(ys), Float64Array.from(ds), pre, post));
    expect(plain.synthetic).toBeNull();
  });
});
