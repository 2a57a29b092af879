import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { createGrid } from '../../../../shared/domain/geo/grid';
import { LISA_CLASS_LABELS, computeLocalMoran } from '../../../../shared/domain/stats/local-moran';
import { computeGlobalMoran } from '../../../../shared/domain/stats/moran';
import { computeGridWeights } from '../../../../shared/domain/stats/weights';
import { LATTICE_VALUES, QUEEN, ROOK } from './fixtures/lattice-reference';

const gridWeights = (side: number, kind: 'rook' | 'queen') =>
  computeGridWeights(unwrap(createGrid('square', 1, { minX: 0, minY: 0, maxX: side - 0.5, maxY: side - 0.5 })), {
    squareKind: kind,
    includeSelf: false,
  });

describe("local Moran's I (LISA, esda Moran_Local conventions)", () => {
  it('matches the libpysal/numpy reference I_i and lags on the 6x6 lattice to 1e-9', () => {
    for (const [ref, kind] of [
      [ROOK, 'rook'],
      [QUEEN, 'queen'],
    ] as const) {
      const r = unwrap(computeLocalMoran(LATTICE_VALUES, gridWeights(6, kind), { permutations: 0 }));
      for (let i = 0; i < 36; i++) {
        expect(Math.abs(r.I[i]! - ref.localI[i]!)).toBeLessThan(1e-9);
        expect(Math.abs(r.lag[i]! - ref.localLag[i]!)).toBeLessThan(1e-9);
      }
    }
  });

  it('sums to (n - 1) times global I with row-standardized weights', () => {
    const w = gridWeights(6, 'rook');
    const local = unwrap(computeLocalMoran(LATTICE_VALUES, w, { permutations: 0 }));
    const global = unwrap(computeGlobalMoran(LATTICE_VALUES, w));
    expect(local.I.reduce((a, b) => a + b, 0)).toBeCloseTo(35 * global.I, 10);
  });

  it('classes HH/LH/LL/HL by the signs of z and its lag, and keeps only significant ones', () => {
    const r = unwrap(computeLocalMoran(LATTICE_VALUES, gridWeights(6, 'queen'), { permutations: 999, seed: 3, alpha: 0.05 }));
    for (let i = 0; i < 36; i++) {
      const z = r.z[i]!;
      const l = r.lag[i]!;
      const q = z > 0 ? (l > 0 ? 1 : 4) : l > 0 ? 2 : 3;
      expect(r.quadrant[i]).toBe(q);
      expect(r.cluster[i]).toBe(r.pSim[i]! < 0.05 ? q : 0);
    }
    // the 12 and 10 at the centre of the hot cluster are significant high-high
    expect(r.cluster[14]).toBe(1);
    expect(r.cluster[20]).toBe(1);
    expect(LISA_CLASS_LABELS[r.cluster[14]!]).toBe('HH (high-high)');
    const again = unwrap(computeLocalMoran(LATTICE_VALUES, gridWeights(6, 'queen'), { permutations: 999, seed: 3 }));
    expect(Array.from(again.pSim)).toEqual(Array.from(r.pSim));
    for (const p of r.pSim) expect(p).toBeGreaterThanOrEqual(1 / 1000);
  });

  it('rejects an alpha outside (0, 1)', () => {
    expect(computeLocalMoran(LATTICE_VALUES, gridWeights(6, 'rook'), { alpha: 1 })).toMatchObject({ ok: false, error: { name: 'alpha' } });
  });
});
