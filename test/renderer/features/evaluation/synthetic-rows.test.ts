/**
 * The Evaluate panel's synthetic-control rows: gap, pre-period RMSPE with the post/pre ratio, and
 * the placebo p with its pool size, each with its formula note; the unweighted-sum caveat; and
 * no such rows for other designs.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { runEvaluation } from '../../../../shared/domain/evaluation/run-evaluation';
import { toResultRows } from '../../../../renderer/features/evaluation/results-view';
import { syntheticWeightingNote, toSyntheticRows } from '../../../../renderer/features/evaluation/synthetic-rows';

const sq = (x: number): [number, number][][] => [[[x, 0], [x + 100, 0], [x + 100, 100], [x, 100], [x, 0]]];

function design(method: Record<string, unknown>, weights: number[] | null): DesignDoc {
  return {
    kind: 'design', formatVersion: 1, name: 's', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
    pre: { from: '2022-01-01', to: '2022-08-31' },
    targets: [{ id: 'T1', name: 'T1', polygon: sq(0), bufferM: 0, areaM2: 1e4 }],
    comparisons: [0, 1, 2, 3].map((j) => ({ id: `C${j + 1}`, name: `C${j + 1}`, targetId: 'T1', cellId: j, matchDistance: 0, polygon: sq(1000 * (j + 1)), bufferM: 0, areaM2: 1e4, ...(weights ? { weight: weights[j] } : {}) })),
    method: method as DesignDoc['method'],
    balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: 4, nTreatedMatched: null, nControlMatched: null, convention: '', rows: [] },
    unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
  } as DesignDoc;
}

/** Monthly counts: donors flat at 20, 30, 10, 40; the target = (C1 + C2)/2 ± 1 before, 10 fewer after. */
function points() {
  const level = [25, 20, 30, 10, 40];
  const xs: number[] = [];
  const ds: number[] = [];
  for (let u = 0; u < 5; u++) for (let m = 0; m < 12; m++) {
    const n = level[u]! + (u === 0 ? (m < 8 ? (m % 2 ? 1 : -1) : -10) : 0);
    for (let k = 0; k < n; k++) {
      xs.push(1000 * u + 10 + k);
      ds.push(Date.UTC(2022, m, 10) / 86_400_000);
    }
  }
  return { x: Float64Array.from(xs), y: new Float64Array(xs.length).fill(50), days: Float64Array.from(ds) };
}

const pre = unwrap(parsePeriod('pre', '2022-01-01..2022-08-31'));
const post = unwrap(parsePeriod('post', '2022-09-01..2022-12-31'));

describe('synthetic-control rows of the Evaluate panel', () => {
  it('shows the gap, the pre RMSPE and ratio, and the placebo p with its pool size, with formula notes', () => {
    const pool = { cellIds: [1, 2, 3, 4], x: [1050, 2050, 3050, 4050], y: [50, 50, 50, 50] };
    const d = design({ kind: 'matched', algorithm: 'synthetic', fit: { pool } }, [0.5, 0.5, 0, 0]);
    const p = points();
    const r = unwrap(runEvaluation(d, p.x, p.y, p.days, pre, post));
    const rows = toSyntheticRows(r);
    expect(rows.map((x) => x.id)).toEqual(['synthetic-gap', 'synthetic-fit', 'synthetic-placebo']);
    expect(rows[0]!.estimate).toBe('−40.0');
    expect(rows[0]!.reading).toContain('40.0 fewer crimes');
    expect(rows[1]!.estimate).toBe('1.00');
    expect(rows[1]!.detail).toBe('post RMSPE 10.00; post/pre ratio 10.00');
    expect(rows[1]!.source).toContain('RMSPE = √(mean over months of gap_t²)');
    // C1 (flat 20) is fitted exactly from C2 and C3 (flat 30 and 10): an infinite ratio, so rank 2.
    expect(rows[2]!.estimate).toBe('p = 0.400');
    expect(rows[2]!.detail).toContain('rank 2 of 5');
    expect(rows[2]!.detail).toContain('4 placebos from the eligible pool of 4 cells');
    expect(rows[2]!.source).toContain('p = (1 + #{placebo ratio ≥ target ratio}) / (1 + placebos)');
    // They follow the five standard rows, with the figure's warnings in their notes.
    const all = toResultRows(r);
    expect(all.map((x) => x.id).slice(5)).toEqual(['synthetic-gap', 'synthetic-fit', 'synthetic-placebo']);
    expect(all[7]!.source).toContain('Warning: synthetic control: only 4 placebos');
    expect(syntheticWeightingNote(r)).toContain('unweighted sum');
  });

  it('says when the pool is not recorded, and adds nothing for other designs', () => {
    const p = points();
    const r = unwrap(runEvaluation(design({ kind: 'matched', algorithm: 'synthetic' }, [0.5, 0.5, 0, 0]), p.x, p.y, p.days, pre, post));
    expect(toSyntheticRows(r)[2]!.detail).toContain('only the 4 weighted cells (the design does not record its pool)');
    const plain = unwrap(runEvaluation(design({ kind: 'randomized', algorithm: 'simple', seed: 1, convention: '' }, null), p.x, p.y, p.days, pre, post));
    expect(toSyntheticRows(plain)).toEqual([]);
    expect(toResultRows(plain)).toHaveLength(5);
    expect(syntheticWeightingNote(plain)).toBeNull();
  });
});
