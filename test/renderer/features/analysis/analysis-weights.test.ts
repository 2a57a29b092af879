import { describe, expect, it } from 'vitest';
import { runAnalysisJob, type AnalysisJob } from '../../../../renderer/features/analysis/analysis-jobs';
import { selectJobPoints, type RowFacts } from '../../../../renderer/features/analysis/analysis-points';
import { docColumn } from '../../../../renderer/features/analysis/analysis-view';
import { runConcentration } from '../../../../shared/domain/analysis/run-concentration';
import { buildGridUnits } from '../../../../shared/domain/analysis/units';

// Incidents (weight 1) at (10,10), (10,20), (260,10); calls (0.25) at (10,10), (150,10), (150,20).
const X = Float64Array.from([10, 10, 260, 10, 150, 150]);
const Y = Float64Array.from([10, 20, 10, 10, 10, 20]);
const W = Float64Array.from([1, 1, 1, 0.25, 0.25, 0.25]);

function job(weights: Float64Array | null): AnalysisJob {
  return {
    method: { kind: 'concentration', unit: { kind: 'grid', size: 100 }, top: null },
    crs: 'EPSG:32138',
    x: X,
    y: Y,
    days: null,
    addresses: null,
    weights,
    pointsNote: 'test points',
    provenance: { id: 'unsaved', createdAt: '2025-01-01T00:00:00.000Z', dataHash: 'h', dataset: { id: 'd', rows: 6, matched: 6, used: 6, filter: null } },
  };
}

describe('Analysis panel on a weighted combination', () => {
  it('concentration counts weighted sums per cell, as buildGridUnits with the point weights (the CLI path)', () => {
    const r = runAnalysisJob(job(W));
    if (!r.ok) throw new Error(r.error);
    const units = buildGridUnits(X, Y, { kind: 'grid', size: 100 }, W);
    if (!units.ok) throw new Error('units');
    const cli = runConcentration(units.value, { unit: 'grid:100', top: null });
    if (!cli.ok) throw new Error('cli');
    const counts = Array.from(docColumn(r.doc, 'count') as ArrayLike<number>);
    expect(counts).toEqual(Array.from(cli.value.table.columns.find((c) => c.name === 'count')!.values as ArrayLike<number>));
    // Cells (0-100): 2.25, (100-200): 0.5, (200-300): 1.
    expect([...counts].sort()).toEqual([0.5, 1, 2.25]);
    const unweighted = runAnalysisJob(job(null));
    if (!unweighted.ok) throw new Error(unweighted.error);
    expect(Array.from(docColumn(unweighted.doc, 'count') as ArrayLike<number>).sort()).toEqual([1, 2, 3]);
  });

  it('selectJobPoints carries each point its source weight by rowid and says so', () => {
    const facts: RowFacts = { days: null, addresses: null, addressColumn: null, extraCaseRow: Uint8Array.from([0, 0, 1, 0]), xy: null, weights: Float64Array.from([1, 1, 1, 0.25]) };
    const points = {
      lon: new Float64Array(4),
      lat: new Float64Array(4),
      x: Float64Array.from([1, 2, 3, 4]),
      y: Float64Array.from([1, 2, 3, 4]),
      group: new Uint8Array(4),
      rowId: Uint32Array.from([3, 0, 2, 1]),
    };
    const p = selectJobPoints(points, facts, 'EPSG:32614', false);
    // Rowid 2 repeats a case (left out); the others keep their weights in point order.
    expect(Array.from(p.weights!)).toEqual([0.25, 1, 1]);
    expect(p.note).toContain('weighted total 2.25');
    const plain = selectJobPoints(points, { ...facts, weights: null }, 'EPSG:32614', false);
    expect(plain.weights).toBeNull();
    expect(plain.note).not.toContain('weighted');
  });
});
