import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runHotSpots } from '../../../../shared/domain/analysis/run-hotspots';
import { buildGivenUnits, buildGridUnits, type AnalysisUnits } from '../../../../shared/domain/analysis/units';
import { createRng } from '../../../../shared/base/random';

const given = (c: { id?: string[]; x?: number[]; y?: number[]; row?: number[]; col?: number[]; count: number[] }): AnalysisUnits =>
  unwrap(buildGivenUnits('cells.csv', { id: c.id ?? null, x: c.x ?? null, y: c.y ?? null, row: c.row ?? null, col: c.col ?? null, count: c.count }));
const column = (run: { table: { columns: readonly { name: string; values: ArrayLike<unknown> }[] } }, name: string) =>
  Array.from(run.table.columns.find((c) => c.name === name)!.values as ArrayLike<number>);

describe('runHotSpots', () => {
  it('DOMAIN.md: x = 1..5 on a line, |i-j| <= 1 with self -> (-1.7321, -1.7321, 0, 1.7321, 1.7321)', () => {
    const run = unwrap(runHotSpots(given({ row: [0, 0, 0, 0, 0], col: [0, 1, 2, 3, 4], count: [1, 2, 3, 4, 5] }), { unit: 'cells', weights: { kind: 'rook' }, fdr: false, permutations: 0, seed: 1 }));
    const z = column(run, 'z');
    [-1.7320508, -1.7320508, 0, 1.7320508, 1.7320508].forEach((v, i) => expect(z[i]).toBeCloseTo(v, 6));
    expect(run.table.columns.map((c) => c.name)).toEqual(['id', 'row', 'col', 'count', 'z', 'p', 'bin']);
    // |z| = 1.7321 has p = .083: the 90% bins.
    expect(run.summary).toMatchObject({ units: 5, incidents: 15, unitsByBin: { '1': 2, '0': 1, '-1': 2 }, hotSpots: 2, coldSpots: 2 });
    expect(column(run, 'bin')).toEqual([-1, -1, 0, 1, 1]);
  });

  it('permuting the unit order permutes the output; translating the coordinates changes nothing', () => {
    const rng = createRng(4);
    const n = 40;
    const x = Array.from({ length: n }, () => rng.next() * 2000);
    const y = Array.from({ length: n }, () => rng.next() * 2000);
    const count = Array.from({ length: n }, (_, i) => (i % 7) + (x[i]! < 600 ? 9 : 0));
    const params = { unit: 'cells', weights: { kind: 'band', distance: 500 } as const, fdr: true, permutations: 0, seed: 1 };
    const a = unwrap(runHotSpots(given({ x, y, count }), params));
    const order = Array.from({ length: n }, (_, i) => (i * 17) % n);
    const b = unwrap(runHotSpots(given({ id: order.map(String), x: order.map((i) => x[i]!), y: order.map((i) => y[i]!), count: order.map((i) => count[i]!) }), params));
    const c = unwrap(runHotSpots(given({ x: x.map((v) => v + 5e5), y: y.map((v) => v - 3e6), count }), params));
    const za = column(a, 'z');
    const zb = column(b, 'z');
    order.forEach((i, k) => expect(zb[k]).toBeCloseTo(za[i]!, 12));
    column(c, 'z').forEach((v, i) => expect(v).toBeCloseTo(za[i]!, 9));
    expect(column(a, 'p_fdr').every((p, i) => p >= column(a, 'p')[i]! - 1e-15)).toBe(true);
  });

  it('a constant field gives z = 0 everywhere and says so', () => {
    const u = unwrap(buildGridUnits([10, 260, 510, 10, 260, 510], [10, 10, 10, 260, 260, 260], { kind: 'grid', size: 250 }));
    const run = unwrap(runHotSpots(u, { unit: 'grid:250', weights: { kind: 'queen' }, fdr: false, permutations: 99, seed: 1 }));
    expect(column(run, 'z').every((z) => z === 0)).toBe(true);
    expect(column(run, 'bin').every((b) => b === 0)).toBe(true);
    expect(run.warnings.join(' ')).toMatch(/same count/);
    expect(run.convention.join(' ')).toMatch(/99 conditional permutations per unit .* seed 1/);
  });

  it('names a weights spec the units cannot support', () => {
    const u = given({ row: [0, 0, 0], col: [0, 1, 2], count: [1, 2, 3] });
    expect(runHotSpots(u, { unit: 'cells', weights: { kind: 'knn', k: 1 }, fdr: false, permutations: 0, seed: 1 })).toMatchObject({ ok: false, error: { name: '--weights', value: 'knn:1' } });
  });
});
