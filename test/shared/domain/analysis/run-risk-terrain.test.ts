import { describe, expect, it } from 'vitest';
import type { AnalysisRun } from '../../../../shared/domain/analysis/result';
import { runRiskTerrain, type RiskFactor } from '../../../../shared/domain/analysis/run-risk-terrain';

const col = (run: AnalysisRun, name: string) => run.table.columns.find((c) => c.name === name)!.values as Float64Array;
const factor = (name: string, xs: number[], ys: number[], kind: RiskFactor['kind'], distance: number, weight: number): RiskFactor => ({ name, x: Float64Array.from(xs), y: Float64Array.from(ys), kind, distance, weight });
const outcome = { x: Float64Array.of(0, 1000), y: Float64Array.of(0, 1000) };

describe('risk terrain', () => {
  it('proximity decays linearly from 1 to 0 at the distance (worked values)', () => {
    const r = runRiskTerrain([factor('schools', [500], [500], 'proximity', 300, 1)], { cell: 100, outcome });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const x = col(r.value, 'x');
    const y = col(r.value, 'y');
    const layer = col(r.value, 'f_schools');
    layer.forEach((v, i) => {
      const d = Math.hypot((x[i] as number) - 500, (y[i] as number) - 500);
      expect(v).toBeCloseTo(Math.max(0, 1 - d / 300), 12);
    });
    // Cell centre (550, 550) is 70.71 m away: 1 - 70.71/300 = 0.7643.
    const at = Array.from(x).findIndex((v, i) => v === 550 && y[i] === 550);
    expect(layer[at]).toBeCloseTo(0.764298, 6);
  });

  it('adds layers with their weights; density layers are scaled to a maximum of 1', () => {
    const p = factor('probation', [200, 220, 800], [200, 210, 800], 'density', 400, 2);
    const s = factor('schools', [500], [500], 'proximity', 300, 0.5);
    const r = runRiskTerrain([p, s], { cell: 100, outcome });
    if (!r.ok) throw new Error('run');
    const score = col(r.value, 'score');
    const lp = col(r.value, 'f_probation');
    const ls = col(r.value, 'f_schools');
    expect(Math.max(...Array.from(lp))).toBeCloseTo(1, 12);
    score.forEach((v, i) => expect(v).toBeCloseTo(2 * (lp[i] as number) + 0.5 * (ls[i] as number), 12));
  });

  it('checks the surface against outcome events: share in the top cells and PAI', () => {
    // Events sit at the factor: the top 5% of cells hold them all.
    const events = { x: Float64Array.of(505, 510, 495, 0, 1000), y: Float64Array.of(505, 490, 500, 0, 1000) };
    const r = runRiskTerrain([factor('f', [500], [500], 'proximity', 200, 1)], { cell: 100, outcome: events });
    if (!r.ok) throw new Error('run');
    expect(r.value.summary.top5EventShare).toBeCloseTo(3 / 5, 12);
    const cells = r.value.summary.cells as number;
    const top = Math.round(0.05 * cells);
    expect(r.value.summary.top5Pai).toBeCloseTo((3 / 5) / (top / cells), 9);
  });

  it('refuses no factors, empty factors and bad distances or weights', () => {
    expect(runRiskTerrain([]).ok).toBe(false);
    expect(runRiskTerrain([factor('e', [], [], 'proximity', 100, 1)]).ok).toBe(false);
    expect(runRiskTerrain([factor('e', [1], [1], 'proximity', 0, 1)]).ok).toBe(false);
    expect(runRiskTerrain([factor('e', [1], [1], 'density', 100, -1)]).ok).toBe(false);
  });
});
