import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runEmerging } from '../../../../shared/domain/analysis/run-emerging';
import { buildGridUnits } from '../../../../shared/domain/analysis/units';

const day = (iso: string) => Date.parse(`${iso}T12:00:00Z`) / 86_400_000;

/**
 * A 7x7 grid of 100 m cells, one background incident per cell per month for 12 months, and a
 * cell (3,3) that explodes in the last month only: a NEW hot spot with monthly steps.
 */
function fixture() {
  const x: number[] = [];
  const y: number[] = [];
  const d: number[] = [];
  for (let m = 1; m <= 12; m++) {
    for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) {
      x.push(c * 100 + 50);
      y.push(r * 100 + 50);
      d.push(day(`2023-${String(m).padStart(2, '0')}-${String(1 + ((r * 7 + c) % 27)).padStart(2, '0')}`));
    }
  }
  for (let k = 0; k < 30; k++) {
    x.push(350);
    y.push(350);
    d.push(day(`2023-12-${String(1 + (k % 28)).padStart(2, '0')}`));
  }
  return { x, y, d };
}

describe('runEmerging', () => {
  it('finds the new hot spot with monthly steps and states the step', () => {
    const f = fixture();
    const units = unwrap(buildGridUnits(f.x, f.y, { kind: 'grid', size: 100 }));
    const run = unwrap(runEmerging(units, f.d, { unit: 'grid:100', weights: { kind: 'queen' }, step: 'month', compareSteps: false }));
    const centre = units.grid!.cols * 3 + 3;
    const names = run.table.columns.find((c) => c.name === 'class_name')!.values as string[];
    expect(names[centre]).toBe('new hot spot');
    expect(run.summary).toMatchObject({ steps: 12, firstStep: '2023-01-01', lastStep: '2023-12-01' });
    expect(run.convention.join(' ')).toMatch(/calendar months/);
  });

  it('--compare-steps cross-tabulates weekly and monthly classes over every unit', () => {
    const f = fixture();
    const units = unwrap(buildGridUnits(f.x, f.y, { kind: 'grid', size: 100 }));
    const run = unwrap(runEmerging(units, f.d, { unit: 'grid:100', weights: { kind: 'queen' }, step: 'week', compareSteps: true }));
    const cross = run.tables.find((t) => t.name === 'step-comparison')!;
    const n = cross.columns.find((c) => c.name === 'units')!.values as Float64Array;
    expect(n.reduce((a, b) => a + b, 0)).toBe(units.n);
    const cmp = run.summary.stepComparison as { weekSteps: number; monthSteps: number };
    expect(cmp.monthSteps).toBe(12);
    expect(cmp.weekSteps).toBeGreaterThanOrEqual(52);
    const week = run.table.columns.find((c) => c.name === 'class_week')!.values as string[];
    const cls = run.table.columns.find((c) => c.name === 'class_name')!.values as string[];
    expect(week).toEqual(cls);
  });

  it('refuses a step that gives fewer than 2 time steps', () => {
    const units = unwrap(buildGridUnits([0, 100, 200], [0, 0, 0], { kind: 'grid', size: 100 }));
    expect(runEmerging(units, [day('2024-01-02'), day('2024-01-03'), day('2024-01-09')], { unit: 'grid:100', weights: { kind: 'queen' }, step: 'month', compareSteps: false })).toMatchObject({
      ok: false,
      error: { name: '--step', value: 'month' },
    });
  });
});
