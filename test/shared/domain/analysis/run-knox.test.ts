import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { nrcSettingsFromEdges, runKnox } from '../../../../shared/domain/analysis/run-knox';

const x = [0, 10, 0, 100, 105, 300];
const y = [0, 0, 10, 100, 100, 0];
const t = [0, 1, 2, 3, 30, 31];

describe('runKnox', () => {
  it('DOMAIN.md check: 15 pairs, 4 close in space, 7 in time, 3 in both, expected 1.867', () => {
    const run = unwrap(runKnox(x, y, t, { spaceBands: [0, 21], timeBands: [0, 8], simulations: 999, seed: 1, nrcCompatible: false }));
    const col = (n: string) => (run.table.columns.find((c) => c.name === n)!.values as Float64Array)[0];
    expect(run.summary).toMatchObject({ events: 6, pairs: 15, spaceTotals: [4], timeTotals: [7] });
    expect(col('observed')).toBe(3);
    expect(col('expected_independence')).toBeCloseTo(28 / 15, 12);
    expect(col('expected')).toBeCloseTo(1.867, 1);
    expect(run.convention.join(' ')).toMatch(/half-open \[a, b\).*999 times, seed 1/);
  });

  it('derives NRC settings from equally spaced edges and refuses others', () => {
    expect(unwrap(nrcSettingsFromEdges([0, 100, 200, 300], [0, 7, 14, 21]))).toEqual({ spatialBandwidth: 100, spatialBands: 3, temporalBandwidth: 7, temporalBands: 3 });
    expect(nrcSettingsFromEdges([0, 100, 250], [0, 7])).toMatchObject({ ok: false, error: { name: '--space-bands', value: '0,100,250' } });
    expect(nrcSettingsFromEdges([10, 20], [0, 7])).toMatchObject({ ok: false });
    expect(nrcSettingsFromEdges([0, 100], [0, 0.5])).toMatchObject({ ok: false, error: { name: '--time-bands' } });
  });

  it('labels open bands "inf" in the parameters and keeps JSON finite', () => {
    const run = unwrap(runKnox(x, y, t, { spaceBands: [0, 21, Number.POSITIVE_INFINITY], timeBands: [0, 8], simulations: 9, seed: 2, nrcCompatible: false }));
    expect(run.parameters.spaceBands).toEqual([0, 21, 'inf']);
    expect(run.table.rows).toBe(2);
    expect(run.warnings.join(' ')).toMatch(/Only 9 simulations/);
  });
});
