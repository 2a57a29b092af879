/** `spi design show` text for synthetic-control designs (weighted cells, fit RMSE, placebo pool) versus matched ones. */
import { describe, expect, it } from 'vitest';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { describeDesign } from '../../../electron/cli/verbs/design';

const sq = (x: number): [number, number][][] => [[[x, 0], [x + 100, 0], [x + 100, 100], [x, 100], [x, 0]]];

function doc(method: Record<string, unknown>, weights: number[]): DesignDoc {
  return {
    kind: 'design', formatVersion: 1, name: 's', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
    pre: { from: '2022-01-01', to: '2022-08-31' },
    targets: [{ id: 'T1', name: 'Main St', polygon: sq(0), bufferM: 0, areaM2: 1e4 }, { id: 'T2', name: 'Oak', polygon: sq(500), bufferM: 0, areaM2: 1e4 }],
    comparisons: weights.map((w, j) => ({ id: `C${j + 1}`, name: `cell ${j}`, targetId: '(mean of targets)', cellId: 40 + j, matchDistance: 0, polygon: sq(1000 * (j + 1)), bufferM: 0, areaM2: 1e4, weight: w })),
    method: { kind: 'matched', ratio: 1, caliper: null, caliperDistance: null, replace: false, minDistanceM: 400, seed: 7, convention: 'c', covariates: ['monthly-history'], covariateNames: ['month 2022-01'], ...method } as DesignDoc['method'],
    balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 2, nControl: 50, nTreatedMatched: 2, nControlMatched: 3, convention: '', rows: [] },
    unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
  } as DesignDoc;
}

const fit = { labels: ['2022-01'], target: [3], synthetic: [2.9], rmse: 0.4321, donors: 50, perTarget: [], convention: 'c' };

describe('spi design show', () => {
  it('describes a synthetic-control design by its weighted cells, fit RMSE and placebo pool', () => {
    const text = describeDesign(doc({ algorithm: 'synthetic', fit: { ...fit, pool: { cellIds: [1, 2, 3], x: [0, 0, 0], y: [0, 0, 0] } } }, [0.25, 0.75, 0]));
    expect(text).toContain("Method: synthetic control: 2 weighted cells, pre-period RMSE 0.432 (fit of the mean of the 2 targets' monthly counts over 50 eligible cells); placebo pool: 3 eligible cells recorded");
    expect(text).toContain('synthetic comparison of the mean target, weights summing to 1: C2 (cell 41, weight 0.750), C1 (cell 40, weight 0.250), C3 (cell 42, weight 0.000)');
    expect(text).not.toContain('nearest-neighbour');
    expect(text).not.toContain('comparisons none');
    expect(describeDesign(doc({ algorithm: 'synthetic', fit }, [1]))).toContain('placebo pool not recorded');
  });

  it('still describes matched designs as nearest-neighbour matching', () => {
    const text = describeDesign(doc({ algorithm: 'mahalanobis' }, [1]));
    expect(text).toContain('Method: mahalanobis nearest-neighbour matching 1:1');
    expect(text).not.toContain('synthetic control');
  });
});
