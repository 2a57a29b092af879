import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { createGrid } from '../../../../shared/domain/geo/grid';
import { computeGlobalMoran, computeWeightMoments } from '../../../../shared/domain/stats/moran';
import { computeContiguityWeights, computeGridWeights, rowStandardize } from '../../../../shared/domain/stats/weights';
import { LATTICE_VALUES, QUEEN, ROOK } from './fixtures/lattice-reference';

const gridWeights = (side: number, kind: 'rook' | 'queen') =>
  computeGridWeights(unwrap(createGrid('square', 1, { minX: 0, minY: 0, maxX: side - 0.5, maxY: side - 0.5 })), {
    squareKind: kind,
    includeSelf: false,
  });

describe("global Moran's I (esda conventions, row-standardized)", () => {
  it('a 3x3 checkerboard with rook weights gives I = -1 exactly, E[I] = -1/8', () => {
    // 1 0 1 / 0 1 0 / 1 0 1: every rook neighbour of a 1 is a 0 and vice versa.
    const r = unwrap(computeGlobalMoran([1, 0, 1, 0, 1, 0, 1, 0, 1], gridWeights(3, 'rook')));
    expect(r.I).toBeCloseTo(-1, 14);
    expect(r.expected).toBe(-0.125);
    // Row-standardized: S0 = n = 9. S1 = sum over the 12 edges of (w_ij + w_ji)^2:
    // 8 corner-edge pairs (1/2 + 1/3)^2 and 4 edge-centre pairs (1/3 + 1/4)^2 = 6.916666...
    expect(r.s0).toBeCloseTo(9, 14);
    expect(r.s1).toBeCloseTo(8 * (5 / 6) ** 2 + 4 * (7 / 12) ** 2, 14);
    // Values from the same formulas in numpy on libpysal's lat2W(3, 3) (fixtures/lattice-reference.py).
    expect(r.s2).toBeCloseTo(36.80555555555555, 12);
    expect(r.varianceNormality).toBeCloseTo(0.05721450617283948, 12);
    expect(r.varianceRandomization).toBeCloseTo(0.07316192680776012, 12);
    expect(r.zNormality).toBeCloseTo(-3.6580949686592725, 10);
    expect(r.zRandomization).toBeCloseTo(-3.234934455923615, 10);
    // binary weights give the same I on a checkerboard
    expect(unwrap(computeGlobalMoran([1, 0, 1, 0, 1, 0, 1, 0, 1], gridWeights(3, 'rook'), { transform: 'binary' })).I).toBeCloseTo(-1, 14);
  });

  for (const [name, ref, kind] of [
    ['rook', ROOK, 'rook'],
    ['queen', QUEEN, 'queen'],
  ] as const) {
    it(`matches the libpysal/numpy reference on the 6x6 lattice (${name}) to 1e-9`, () => {
      const r = unwrap(computeGlobalMoran(LATTICE_VALUES, gridWeights(6, kind)));
      const m = ref.moran;
      for (const [got, want] of [
        [r.I, m.I],
        [r.expected, m.EI],
        [r.s0, m.s0],
        [r.s1, m.s1],
        [r.s2, m.s2],
        [r.varianceNormality, m.varNorm],
        [r.varianceRandomization, m.varRand],
        [r.zNormality, m.zNorm],
        [r.zRandomization, m.zRand],
        [r.pNormality, m.pNorm],
        [r.pRandomization, m.pRand],
      ] as const) {
        expect(Math.abs(got - want)).toBeLessThan(1e-9);
      }
    });
  }

  it('computes S1 and S2 for asymmetric weights as Cliff & Ord define them', () => {
    // w01 = 1, w10 = 0.5, w12 = 0.5, w20 = 1 (row-standardized by hand)
    const w = rowStandardize({ n: 3, offsets: Int32Array.from([0, 1, 3, 4]), neighbours: Int32Array.from([1, 0, 2, 0]), values: null, selfIncluded: false });
    const m = computeWeightMoments(w);
    expect(m.s0).toBeCloseTo(3, 15);
    expect(m.s1).toBeCloseTo(0.5 * (2 * (1 + 0.5) ** 2 + 2 * 0.5 ** 2 + 2 * 1 ** 2), 15);
    // row sums 1,1,1; column sums 1.5, 1, 0.5
    expect(m.s2).toBeCloseTo(2.5 ** 2 + 2 ** 2 + 1.5 ** 2, 15);
  });

  it('permutation test: reproducible by seed; simulated mean near E[I] and SD near sqrt(Var_rand)', () => {
    const w = gridWeights(6, 'rook');
    const a = unwrap(computeGlobalMoran(LATTICE_VALUES, w, { permutations: 999, seed: 7 }));
    const b = unwrap(computeGlobalMoran(LATTICE_VALUES, w, { permutations: 999, seed: 7 }));
    expect(a.simulation).toEqual(b.simulation);
    const s = a.simulation!;
    expect(s.pSim).toBeLessThan(0.01);
    expect(s.pSim).toBeGreaterThanOrEqual(1 / 1000);
    expect(Math.abs(s.mean - a.expected)).toBeLessThan(0.02);
    expect(s.sd / Math.sqrt(a.varianceRandomization)).toBeGreaterThan(0.85);
    expect(s.sd / Math.sqrt(a.varianceRandomization)).toBeLessThan(1.15);
    expect(s.pZ).toBeLessThan(0.01);
  });

  it('is invariant to permuting unit order and to positive affine value changes', () => {
    const w = gridWeights(6, 'queen');
    const base = unwrap(computeGlobalMoran(LATTICE_VALUES, w)).I;
    expect(unwrap(computeGlobalMoran(LATTICE_VALUES.map((v) => 2.5 * v - 4), w)).I).toBeCloseTo(base, 12);
  });

  it('refuses a constant field, weights with self, and fewer than 4 units (no NaN)', () => {
    expect(computeGlobalMoran(new Array(9).fill(3), gridWeights(3, 'rook'))).toMatchObject({ ok: false, error: { name: 'values', value: 'all 3' } });
    const withSelf = computeGridWeights(unwrap(createGrid('square', 1, { minX: 0, minY: 0, maxX: 2.5, maxY: 2.5 })));
    expect(computeGlobalMoran([1, 0, 1, 0, 1, 0, 1, 0, 1], withSelf)).toMatchObject({ ok: false, error: { name: 'weights' } });
    const three = unwrap(computeContiguityWeights([[1], [2], []], { includeSelf: false }));
    expect(computeGlobalMoran([1, 2, 3], three)).toMatchObject({ ok: false, error: { name: 'values', value: '3 units' } });
    expect(computeGlobalMoran([1, 2, 3, 4], gridWeights(3, 'rook'))).toMatchObject({ ok: false, error: { name: 'weights' } });
  });
});
