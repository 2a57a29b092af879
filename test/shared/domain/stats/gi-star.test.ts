import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { createGrid } from '../../../../shared/domain/geo/grid';
import { adjustBenjaminiHochberg } from '../../../../shared/domain/stats/fdr';
import { computeGiStar, computeHotSpotBins } from '../../../../shared/domain/stats/gi-star';
import {
  computeContiguityWeights,
  computeDistanceBandWeights,
  computeGridWeights,
  type SpatialWeights,
} from '../../../../shared/domain/stats/weights';
import { BAND150_GI_STAR_Z, LATTICE_VALUES, QUEEN, ROOK } from './fixtures/lattice-reference';

const line = (n: number) => unwrap(computeContiguityWeights(Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []))));
const lattice = (kind: 'rook' | 'queen') =>
  computeGridWeights(unwrap(createGrid('square', 100, { minX: 0, minY: 0, maxX: 599, maxY: 599 })), { squareKind: kind });
const latticeXY = () => ({
  x: Float64Array.from({ length: 36 }, (_, i) => (i % 6) * 100),
  y: Float64Array.from({ length: 36 }, (_, i) => Math.floor(i / 6) * 100),
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThanOrEqual(tol);
}

/** Permutes units: unit i of the new order is old unit order[i]. */
function permute(values: number[], w: SpatialWeights, order: number[]): { values: number[]; lists: number[][] } {
  const inv = new Map(order.map((old, i) => [old, i]));
  const lists = order.map((old) =>
    Array.from(w.neighbours.subarray(w.offsets[old], w.offsets[old + 1])).filter((j) => j !== old).map((j) => inv.get(j)!),
  );
  return { values: order.map((o) => values[o]!), lists };
}

describe('Getis-Ord Gi*', () => {
  it('DOMAIN.md check: x = 1..5 on a line, neighbours |i-j| <= 1 -> -1.7321, -1.7321, 0, 1.7321, 1.7321', () => {
    const r = unwrap(computeGiStar([1, 2, 3, 4, 5], line(5)));
    expectClose(r.z, [-Math.sqrt(3), -Math.sqrt(3), 0, Math.sqrt(3), Math.sqrt(3)], 1e-12);
    expect(r.mean).toBe(3);
    expect(r.sd).toBeCloseTo(Math.sqrt(2), 15);
    expect(r.p[0]).toBeCloseTo(0.0832645166635504, 14);
    expect(Array.from(r.bin)).toEqual([-1, -1, 0, 1, 1]);
    expect(r.binBasis).toBe('normal');
  });

  it('matches the independent libpysal/numpy reference on a 6x6 lattice to 1e-9 (rook, queen, 150 m band)', () => {
    const rook = unwrap(computeGiStar(LATTICE_VALUES, lattice('rook')));
    expectClose(rook.z, ROOK.giStarZ, 1e-9);
    expectClose(rook.p, ROOK.giStarP, 1e-12);
    expectClose(unwrap(computeGiStar(LATTICE_VALUES, lattice('queen'))).z, QUEEN.giStarZ, 1e-9);
    const { x, y } = latticeXY();
    const band = unwrap(computeDistanceBandWeights(x, y, 150));
    expectClose(unwrap(computeGiStar(LATTICE_VALUES, band)).z, BAND150_GI_STAR_Z, 1e-9);
  });

  it('gives 0 (not NaN) for a constant field: z 0, p 1, bin 0', () => {
    for (const c of [0, 7, 0.1]) {
      const r = unwrap(computeGiStar(new Array(36).fill(c), lattice('queen'), { permutations: 19 }));
      expect(Array.from(r.z).every((v) => v === 0)).toBe(true);
      expect(Array.from(r.p).every((v) => v === 1)).toBe(true);
      expect(Array.from(r.pSim!).every((v) => v === 1)).toBe(true);
      expect(Array.from(r.bin).every((v) => v === 0)).toBe(true);
    }
  });

  it('permuting the order of units permutes the output', () => {
    const w = lattice('queen');
    const base = unwrap(computeGiStar(LATTICE_VALUES, w));
    const order = [...Array(36).keys()].map((i) => (i * 7 + 3) % 36);
    const p = permute(LATTICE_VALUES, w, order);
    const moved = unwrap(computeGiStar(p.values, unwrap(computeContiguityWeights(p.lists))));
    expectClose(moved.z, order.map((o) => base.z[o]!), 1e-12);
  });

  it('is invariant to translating coordinates and to positive affine changes of the values', () => {
    const { x, y } = latticeXY();
    const a = unwrap(computeGiStar(LATTICE_VALUES, unwrap(computeDistanceBandWeights(x, y, 150))));
    const moved = unwrap(computeDistanceBandWeights(x.map((v) => v + 2_345_678.9), y.map((v) => v + 987_654.3), 150));
    expectClose(unwrap(computeGiStar(LATTICE_VALUES, moved)).z, a.z, 1e-9);
    expectClose(unwrap(computeGiStar(LATTICE_VALUES.map((v) => 3 * v + 11), moved)).z, a.z, 1e-9);
  });

  it('gives z 0 when a unit neighbours every unit (denominator 0)', () => {
    const w = unwrap(computeContiguityWeights([[1, 2], [0, 2], [0, 1]]));
    expect(Array.from(unwrap(computeGiStar([1, 5, 9], w)).z)).toEqual([0, 0, 0]);
  });

  it('bins at 90/95/99% by two-sided p, signed by z', () => {
    expect(Array.from(computeHotSpotBins([2.6, 2.0, 1.7, 1.6, -1.97, -3, 0], [0.009, 0.045, 0.089, 0.1, 0.049, 0.0027, 0.001]))).toEqual([
      3, 2, 1, 0, -2, -3, 0,
    ]);
  });

  it('with FDR the bins use the adjusted p, so they can only shrink toward 0', () => {
    const w = lattice('rook');
    const plain = unwrap(computeGiStar(LATTICE_VALUES, w));
    const fdr = unwrap(computeGiStar(LATTICE_VALUES, w, { fdr: true }));
    expect(fdr.binBasis).toBe('normal-fdr');
    expectClose(fdr.pFdr!, adjustBenjaminiHochberg(plain.p), 0);
    expect(Array.from(fdr.bin)).toEqual(Array.from(computeHotSpotBins(plain.z, fdr.pFdr!)));
    for (let i = 0; i < 36; i++) expect(Math.abs(fdr.bin[i]!)).toBeLessThanOrEqual(Math.abs(plain.bin[i]!));
    expect(fdr.bin.some((b, i) => b !== plain.bin[i])).toBe(true);
  });

  it('permutation pseudo p is reproducible by seed, bounded by 1/(R+1), and small at the strongest hot spot', () => {
    const w = lattice('queen');
    const a = unwrap(computeGiStar(LATTICE_VALUES, w, { permutations: 999, seed: 42 }));
    const b = unwrap(computeGiStar(LATTICE_VALUES, w, { permutations: 999, seed: 42 }));
    const c = unwrap(computeGiStar(LATTICE_VALUES, w, { permutations: 999, seed: 43 }));
    expect(Array.from(a.pSim!)).toEqual(Array.from(b.pSim!));
    expect(Array.from(a.pSim!)).not.toEqual(Array.from(c.pSim!));
    expect(a.binBasis).toBe('permutation');
    for (const p of a.pSim!) expect(p).toBeGreaterThanOrEqual(1 / 1000);
    const hottest = a.z.indexOf(Math.max(...a.z));
    expect(a.pSim![hottest]).toBeLessThan(0.01);
    // bins from the two-sided pseudo p
    expect(Array.from(a.bin)).toEqual(Array.from(computeHotSpotBins(a.z, Array.from(a.pSim!, (p) => Math.min(1, 2 * p)))));
  });

  it('rejects weights without self, mismatched lengths, non-finite values and tiny inputs', () => {
    const w = lattice('rook');
    const noSelf = { ...w, selfIncluded: false };
    expect(computeGiStar(LATTICE_VALUES, noSelf)).toMatchObject({ ok: false, error: { name: 'weights' } });
    expect(computeGiStar([1, 2], line(2))).toMatchObject({ ok: false, error: { name: 'values' } });
    expect(computeGiStar(LATTICE_VALUES.slice(1), w)).toMatchObject({ ok: false, error: { name: 'weights' } });
    const bad = [...LATTICE_VALUES];
    bad[5] = Number.POSITIVE_INFINITY;
    expect(computeGiStar(bad, w)).toMatchObject({ ok: false, error: { name: 'values[5]', value: 'Infinity' } });
    expect(computeGiStar(LATTICE_VALUES, w, { permutations: -1 })).toMatchObject({ ok: false, error: { name: 'permutations' } });
  });
});
