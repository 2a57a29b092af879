import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runMoran } from '../../../../shared/domain/analysis/run-moran';
import { buildGivenUnits } from '../../../../shared/domain/analysis/units';

// A 5x5 lattice with a high corner.
const row: number[] = [];
const col: number[] = [];
const count: number[] = [];
for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) {
  row.push(r);
  col.push(c);
  count.push(r + c < 3 ? 8 - r - c : (r * 3 + c) % 4);
}
const units = unwrap(buildGivenUnits('g.csv', { id: null, x: null, y: null, row, col, count }));
const get = (run: { table: { columns: readonly { name: string; values: ArrayLike<unknown> }[] } }, name: string) =>
  Array.from(run.table.columns.find((c) => c.name === name)!.values as ArrayLike<number>);

/** Moran's I by its definition with dense rook weights, row-standardized: an independent check. */
function denseMoran(): number {
  const n = count.length;
  const mean = count.reduce((a, b) => a + b, 0) / n;
  const z = count.map((v) => v - mean);
  let num = 0;
  for (let i = 0; i < n; i++) {
    const nb = [];
    for (let j = 0; j < n; j++) if (Math.abs(row[i]! - row[j]!) + Math.abs(col[i]! - col[j]!) === 1) nb.push(j);
    for (const j of nb) num += (z[i]! * z[j]!) / nb.length;
  }
  return (num / n) / (z.reduce((a, v) => a + v * v, 0) / n); // S0 = n for row-standardized weights
}

describe('runMoran', () => {
  it('global I equals the definition; the lag column is the row-standardized lag of z', () => {
    const run = unwrap(runMoran(units, { unit: 'cells', weights: { kind: 'rook' }, local: false, permutations: 0, seed: 1 }));
    expect(run.summary.I as number).toBeCloseTo(denseMoran(), 12);
    const z = get(run, 'z');
    const lag = get(run, 'lag');
    // unit (2,2) = index 12 has rook neighbours 7, 11, 13, 17
    expect(lag[12]).toBeCloseTo((z[7]! + z[11]! + z[13]! + z[17]!) / 4, 12);
    expect(run.convention.join(' ')).toMatch(/row-standardized/);
  });

  it('local Moran: classes per unit, seeded, and the counts by class add up', () => {
    const params = { unit: 'cells', weights: { kind: 'queen' } as const, local: true, permutations: 499, seed: 9, alpha: 0.05 };
    const a = unwrap(runMoran(units, params));
    const b = unwrap(runMoran(units, params));
    expect(get(a, 'p_sim')).toEqual(get(b, 'p_sim'));
    expect(get(a, 'cluster')[0]).toBe(1); // the high corner is high-high
    const byCluster = a.summary.unitsByCluster as Record<string, number>;
    expect(Object.values(byCluster).reduce((s, v) => s + v, 0)).toBe(25);
    expect(a.parameters).toMatchObject({ local: true, permutations: 499, seed: 9, alpha: 0.05 });
  });

  it('warns when local Moran runs without permutations', () => {
    const run = unwrap(runMoran(units, { unit: 'cells', weights: { kind: 'rook' }, local: true, permutations: 0, seed: 1 }));
    expect(run.warnings.join(' ')).toMatch(/without permutations/);
  });
});
