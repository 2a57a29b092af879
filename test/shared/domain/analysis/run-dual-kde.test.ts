import { describe, expect, it } from 'vitest';
import { runDualKde } from '../../../../shared/domain/analysis/run-dual-kde';
import type { AnalysisRun } from '../../../../shared/domain/analysis/result';
import { createRng } from '../../../../shared/base/random';

const col = (run: AnalysisRun, name: string) => run.table.columns.find((c) => c.name === name)!.values as Float64Array;
function cloud(n: number, seed: number, cx = 1000, cy = 1000) {
  const rng = createRng(seed);
  return { x: Float64Array.from({ length: n }, () => rng.normal(cx, 300)), y: Float64Array.from({ length: n }, () => rng.normal(cy, 300)) };
}
const base = { kernel: 'quartic' as const, areaUnit: 'km2' as const, radius: 250, cell: 50 };

describe('dual kernel density', () => {
  const a = { name: 'a', ...cloud(200, 1) };

  it('a source against itself: ratio 1 wherever the denominator reaches the floor, difference 0', () => {
    const r = runDualKde(a, a, { ...base, mode: 'ratio' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const ratio = col(r.value, 'ratio');
    const finite = Array.from(ratio).filter(Number.isFinite);
    expect(finite.length).toBeGreaterThan(100);
    for (const v of finite) expect(v).toBeCloseTo(1, 12);
    const d = runDualKde(a, a, { ...base, mode: 'difference' });
    if (!d.ok) throw new Error('difference');
    expect(Math.max(...Array.from(col(d.value, 'difference')).map(Math.abs))).toBeLessThan(1e-9);
  });

  it('zero denominators give empty cells (never Infinity), counted; the floor is one event at half the radius', () => {
    const far = { name: 'b', x: Float64Array.of(1000), y: Float64Array.of(1000) };
    const r = runDualKde(a, far, { ...base, mode: 'ratio' });
    if (!r.ok) throw new Error('ratio');
    const ratio = col(r.value, 'ratio');
    const db = col(r.value, 'density_b');
    expect(Array.from(ratio).some((v) => v === Number.POSITIVE_INFINITY)).toBe(false);
    const floor = ((3 * 0.5625) / (Math.PI * 250 * 250)) * 1e6;
    expect(r.value.parameters.minDenominator).toBeCloseTo(floor, 9);
    let empty = 0;
    ratio.forEach((v, i) => {
      if (Number.isNaN(v)) empty++;
      expect(Number.isNaN(v)).toBe((db[i] as number) < floor);
    });
    expect(r.value.summary.cellsWithoutRatio).toBe(empty);
    // Cells within half the radius of the single B point have a ratio; far ones do not.
    expect(empty).toBeGreaterThan(0);
    expect(empty).toBeLessThan(ratio.length);
    const zeroFloor = runDualKde(a, far, { ...base, mode: 'ratio', minDenominator: 0 });
    if (!zeroFloor.ok) throw new Error('zero floor');
    expect(Array.from(col(zeroFloor.value, 'ratio')).every((v) => Number.isNaN(v) || Number.isFinite(v))).toBe(true);
  });

  it('scales: doubling the numerator doubles the ratio; normalized differences ignore totals', () => {
    const b = { name: 'b', ...cloud(400, 2) };
    const r1 = runDualKde(a, b, { ...base, mode: 'ratio' });
    const r2 = runDualKde({ ...a, weights: new Float64Array(200).fill(2) }, b, { ...base, mode: 'ratio' });
    if (!r1.ok || !r2.ok) throw new Error('ratio');
    const x1 = col(r1.value, 'ratio');
    const x2 = col(r2.value, 'ratio');
    x1.forEach((v, i) => Number.isFinite(v) && expect(x2[i]).toBeCloseTo(2 * v, 9));
    const n1 = runDualKde(a, b, { ...base, mode: 'difference', normalize: true });
    const n2 = runDualKde({ ...a, weights: new Float64Array(200).fill(3) }, b, { ...base, mode: 'difference', normalize: true });
    if (!n1.ok || !n2.ok) throw new Error('difference');
    col(n1.value, 'difference').forEach((v, i) => expect(col(n2.value, 'difference')[i]).toBeCloseTo(v, 12));
  });

  it('refuses an empty source and bad parameters', () => {
    const empty = { name: 'none', x: new Float64Array(0), y: new Float64Array(0) };
    expect(runDualKde(empty, a, { ...base, mode: 'ratio' }).ok).toBe(false);
    expect(runDualKde(a, empty, { ...base, mode: 'ratio' }).ok).toBe(false);
    expect(runDualKde(a, a, { ...base, mode: 'ratio', radius: 0 }).ok).toBe(false);
    expect(runDualKde(a, a, { ...base, mode: 'ratio', minDenominator: -1 }).ok).toBe(false);
  });
});
