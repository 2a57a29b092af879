import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { choleskyDecompose, choleskyInverse, choleskySolve, matVec, multiply, weightedCrossProducts } from '../../../../shared/domain/evaluation/linalg';

function randomSpd(p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const n = p + 5;
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return weightedCrossProducts(x, n, p, new Float64Array(n).fill(1)).xtwx;
}

describe('dense linear algebra', () => {
  it('solves A x = b and inverts A for a random SPD matrix', () => {
    for (const p of [1, 3, 12, 60]) {
      const a = randomSpd(p, p);
      const chol = choleskyDecompose(a, p);
      expect(chol.ok).toBe(true);
      if (!chol.ok) return;
      const x = new Float64Array(p).map((_, i) => i - p / 2);
      const b = matVec(a, p, p, x);
      const solved = choleskySolve(chol.l, p, b);
      for (let i = 0; i < p; i++) expect(solved[i]).toBeCloseTo(x[i]!, 8);
      const prod = multiply(a, choleskyInverse(chol.l, p), p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) expect(prod[i * p + j]).toBeCloseTo(i === j ? 1 : 0, 8);
    }
  });

  it('names the first column that is a combination of earlier ones', () => {
    // columns: 1, x, 2x + 1 (collinear), z
    const n = 6;
    const p = 4;
    const x = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      x[i * p] = 1;
      x[i * p + 1] = i;
      x[i * p + 2] = 2 * i + 1;
      x[i * p + 3] = (i * i) % 5;
    }
    const { xtwx } = weightedCrossProducts(x, n, p, new Float64Array(n).fill(1));
    expect(choleskyDecompose(xtwx, p)).toEqual({ ok: false, column: 2 });
  });

  it('weighted cross-products equal the naive sums', () => {
    const x = Float64Array.from([1, 2, 1, -1, 1, 0.5]);
    const w = [2, 3, 0.5];
    const z = [1, -2, 4];
    const { xtwx, xtwz } = weightedCrossProducts(x, 3, 2, w, z);
    expect(Array.from(xtwx)).toEqual([5.5, 1.25, 1.25, 11.125]);
    expect(Array.from(xtwz)).toEqual([2 - 6 + 2, 4 + 6 + 1]);
  });
});
