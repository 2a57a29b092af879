import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runConcentration } from '../../../../shared/domain/analysis/run-concentration';
import { buildGivenUnits, buildGridUnits } from '../../../../shared/domain/analysis/units';

describe('runConcentration', () => {
  // Counts (0, 0, 1, 2, 7): C = 10, N = 5. Descending 7, 2, 1: 25% (2.5) and 50% (5) of crime
  // in 1 unit = 20%, 75% (7.5) in 2 = 40%. Gini = [(8-6) 2 + (10-6) 7] / 50 = 0.64; N/C < 1 so
  // G' = G. PAI of the top unit = (7/10) / (1/5) = 3.5.
  const units = unwrap(buildGivenUnits('c.csv', { id: ['a', 'b', 'c', 'd', 'e'], x: [0, 1, 2, 3, 4], y: [0, 0, 0, 0, 0], row: null, col: null, count: [0, 7, 1, 0, 2] }));

  it('worked example: P(M), Gini, PAI and the ranked table', () => {
    const run = unwrap(runConcentration(units, { unit: 'cells', top: 1 }));
    expect(run.summary).toMatchObject({ units: 5, incidents: 10, unitsWithCrime: 3, shareOfUnitsWithCrime: 0.6, crimesPerUnit: 2, P: { '25': 20, '50': 20, '75': 40 } });
    expect(run.summary.gini as number).toBeCloseTo(0.64, 12);
    expect(run.summary.generalizedGini as number).toBeCloseTo(0.64, 12);
    expect((run.summary.top as { pai: number }).pai).toBeCloseTo(3.5, 12);
    expect(run.table.columns.find((c) => c.name === 'id')!.values).toEqual(['b', 'e', 'c', 'a', 'd']);
    expect(Array.from(run.table.columns.find((c) => c.name === 'cumulative_crime_percent')!.values as Float64Array)).toEqual([70, 90, 100, 100, 100]);
  });

  it('generalized Gini with more units than crimes: one crime per unit scores 0', () => {
    const u = unwrap(buildGridUnits([50, 150, 250], [50, 50, 50], { kind: 'grid', size: 100 }));
    const wide = { ...u, n: 6, counts: Float64Array.from([1, 1, 1, 0, 0, 0]), id: Int32Array.from([0, 1, 2, 3, 4, 5]), x: null, y: null, row: null, col: null };
    const run = unwrap(runConcentration(wide, { unit: 'grid:100', top: null }));
    expect(run.summary.generalizedGini as number).toBeCloseTo(0, 12);
    expect(run.warnings.join(' ')).toMatch(/Fewer crimes \(3\) than units \(6\)/);
  });

  it('refuses --top beyond the units, and no crime at all', () => {
    expect(runConcentration(units, { unit: 'cells', top: 6 })).toMatchObject({ ok: false, error: { name: '--top', value: '6' } });
    const none = { ...units, counts: new Float64Array(5) };
    expect(runConcentration(none, { unit: 'cells', top: null })).toMatchObject({ ok: false, error: { name: 'counts', value: 'total 0' } });
  });
});
