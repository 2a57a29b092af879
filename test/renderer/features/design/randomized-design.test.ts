import { describe, expect, it } from 'vitest';
import type { DesignPoints } from '../../../../shared/domain/design/build-design';
import { DesignDocSchema } from '../../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { rectangleRings } from '../../../../renderer/features/design/geometry';
import { buildRandomizedDesign, computeCandidateCovariates, countStrata, type Candidate } from '../../../../renderer/features/design/randomized-design';

const pre = (() => {
  const p = parsePeriod('pre', '1970-01-01..1970-12-31');
  if (!p.ok) throw new Error('period');
  return p.value;
})();

/** 8 squares of 100 m in a row, 300 m apart; square k holds k + 1 points (group k % 2). */
function fixture(): { candidates: Candidate[]; points: DesignPoints } {
  const candidates: Candidate[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const g: number[] = [];
  for (let k = 0; k < 8; k++) {
    candidates.push({ id: `H${k + 1}`, name: `cell ${k}`, rings: rectangleRings([k * 300, 0], [k * 300 + 100, 100])!, cellId: k });
    for (let i = 0; i <= k; i++) {
      x.push(k * 300 + 10 + i);
      y.push(50);
      g.push(k % 2);
    }
  }
  return { candidates, points: { x: Float64Array.from(x), y: Float64Array.from(y), days: new Float64Array(x.length).fill(5), group: Int32Array.from(g), groupNames: ['property', 'violent'] } };
}

describe('randomized design', () => {
  it('counts each candidate\'s pre-period incidents, in total and per group', () => {
    const { candidates, points } = fixture();
    const cov = computeCandidateCovariates(candidates, points, pre);
    expect(Array.from(cov.total)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(cov.names).toEqual(['pre count: all', 'pre count: property', 'pre count: violent']);
    expect(Array.from(cov.columns[2]!)).toEqual([0, 2, 0, 4, 0, 6, 0, 8]);
  });

  it('cuts strata of similar counts, highest first', () => {
    expect(Array.from(countStrata([1, 8, 3, 6, 5, 2], 3))).toEqual([2, 0, 1, 0, 1, 2]);
  });

  it('the same seed gives the same assignment; the document is valid and pairs are split', () => {
    const { candidates, points } = fixture();
    const covariates = computeCandidateCovariates(candidates, points, pre);
    const input = { name: 'r1', created: '2026-01-01T00:00:00Z', crs: 'EPSG:32138', candidates, covariates, algorithm: 'paired' as const, seed: 7, bufferM: 50, cellSizeM: 100, pre, source: { dataset: 'd', dataHash: 'h', incidents: 36 } };
    const a = buildRandomizedDesign(input);
    const b = buildRandomizedDesign(input);
    if (!a.ok || !b.ok) throw new Error('randomization failed');
    expect(Array.from(a.value.assignment.assignment)).toEqual(Array.from(b.value.assignment.assignment));
    expect(DesignDocSchema.safeParse(JSON.parse(JSON.stringify(a.value.doc))).success).toBe(true);
    expect(a.value.doc.targets).toHaveLength(4);
    expect(a.value.doc.comparisons).toHaveLength(4);
    expect(a.value.doc.method).toMatchObject({ kind: 'randomized', algorithm: 'paired', seed: 7 });
    // Each pair (ranks 1-2, 3-4, ...) has one place in each arm; a control's targetId is its pair partner.
    const pair = a.value.assignment.pair!;
    for (const c of a.value.doc.comparisons) {
      const i = candidates.findIndex((x) => x.id === c.id);
      const j = candidates.findIndex((x) => x.id === c.targetId);
      expect(pair[i]).toBe(pair[j]);
    }
    expect(a.value.doc.balance.rows[0]!.name).toBe('pre count: all');
  });
});
