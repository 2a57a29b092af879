import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { createGrid } from '../../../../shared/domain/geo/grid';
import {
  EMERGING_CLASS_NAMES,
  classifyEmergingHotSpots,
  computeEmergingHotSpots,
  crossTabulateEmerging,
} from '../../../../shared/domain/stats/emerging';
import { computeGiStar } from '../../../../shared/domain/stats/gi-star';
import { computeGridWeights } from '../../../../shared/domain/stats/weights';

const rising = (from: number, to: number) => Array.from({ length: 10 }, (_, t) => from + ((to - from) * t) / 9);

/** [expected class name, bins, z] for one unit over 10 steps (z defaults to the bins). */
const CASES: [string, number[], number[]?][] = [
  ['new hot spot', [0, 0, 0, 0, 0, 0, 0, 0, 0, 2]],
  ['consecutive hot spot', [0, 0, 0, 0, 0, 0, 0, 2, 2, 3]],
  ['intensifying hot spot', [2, 2, 2, 2, 3, 3, 3, 3, 3, 3], rising(2, 4)],
  ['intensifying hot spot', [3, 3, 3, 0, 3, 3, 3, 3, 3, 3], rising(1.5, 5)], // 90% including the final step
  ['persistent hot spot', [3, 2, 3, 2, 3, 2, 3, 2, 3, 2], [3, 2.5, 3, 2.5, 3, 2.5, 3, 2.5, 3, 2.5]],
  ['diminishing hot spot', [3, 3, 3, 3, 3, 3, 2, 2, 2, 2], rising(5, 2.1)],
  ['sporadic hot spot', [2, 0, 2, 0, 0, 2, 0, 0, 0, 2]],
  ['sporadic hot spot', [0, 2, 2, 0, 0, 0, 0, 0, 2, 2]], // hot before the final run
  ['oscillating hot spot', [-2, 0, 0, 2, 0, 0, 0, 0, 0, 2]],
  ['oscillating hot spot', [0, 0, -3, 0, 0, 0, 0, 0, 0, 2]], // only hot now, but cold before: not "new"
  ['historical hot spot', [3, 3, 3, 3, 3, 3, 3, 3, 3, 0]],
  ['new cold spot', [0, 0, 0, 0, 0, 0, 0, 0, 0, -2]],
  ['consecutive cold spot', [0, 0, 0, 0, 0, 0, -2, -2, -2, -2]],
  ['intensifying cold spot', [-2, -2, -2, -2, -3, -3, -3, -3, -3, -3], rising(-2, -4)],
  ['persistent cold spot', [-2, -2, -2, -2, -2, -2, -2, -2, -2, -2], [-2, -2.2, -2, -2.2, -2, -2.2, -2, -2.2, -2, -2.2]],
  ['diminishing cold spot', [-3, -3, -3, -3, -3, -3, -2, -2, -2, -2], rising(-5, -2.1)],
  ['sporadic cold spot', [-2, 0, 0, -2, 0, -2, 0, 0, 0, -2]],
  ['oscillating cold spot', [2, 0, 0, 0, 0, 0, 0, 0, -2, -2]],
  ['historical cold spot', [-3, -3, -3, -3, -3, -3, -3, -3, -3, 0]],
  ['no pattern detected', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  ['no pattern detected', [2, 2, 0, 0, 0, 0, 0, 0, 0, 0]], // past hot spots below 90%
  ['no pattern detected', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], // 90% confidence bins are below the default level
];

function stepMajor(columns: number[][]): number[] {
  const units = columns.length;
  const out = new Array<number>(units * 10);
  columns.forEach((series, i) => series.forEach((v, t) => (out[t * units + i] = v)));
  return out;
}

describe('emerging hot spot classes', () => {
  it('classifies every Esri pattern by the documented decision list', () => {
    const bins = stepMajor(CASES.map(([, b]) => b));
    const z = stepMajor(CASES.map(([, b, zs]) => zs ?? b));
    const r = unwrap(classifyEmergingHotSpots(CASES.length, 10, z, bins));
    CASES.forEach(([name], i) => expect(`${i}: ${EMERGING_CLASS_NAMES[r.classes[i]!]}`).toBe(`${i}: ${name}`));
    expect(r.hotSteps[2]).toBe(10);
    expect(r.coldSteps[8]).toBe(1);
    expect(r.trendP[2]).toBeLessThan(0.05);
  });

  it('counts 90% confidence bins as significant when minBin is 1', () => {
    const r = unwrap(classifyEmergingHotSpots(1, 10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], { minBin: 1 }));
    expect(EMERGING_CLASS_NAMES[r.classes[0]!]).toBe('persistent hot spot');
  });

  it('runs Gi* per time slice of a grid and classifies a cell that heats up at the end', () => {
    const grid = unwrap(createGrid('square', 100, { minX: 0, minY: 0, maxX: 699, maxY: 699 }));
    const w = computeGridWeights(grid);
    const units = grid.count;
    const steps = 8;
    const counts = new Float64Array(units * steps);
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < units; i++) counts[t * units + i] = (i * 7 + t * 3) % 4; // background noise
      if (t >= 5) for (const i of [23, 24, 25, 16, 17, 18, 30, 31, 32]) counts[t * units + i] = 30; // a 3x3 block heats up
    }
    const r = unwrap(computeEmergingHotSpots(units, steps, counts, w));
    const slice = Array.from(counts.subarray(6 * units, 7 * units));
    expect(Array.from(r.z.subarray(6 * units, 7 * units))).toEqual(Array.from(unwrap(computeGiStar(slice, w)).z));
    expect(EMERGING_CLASS_NAMES[r.classes[24]!]).toBe('consecutive hot spot');
  });

  it('cross-tabulates two classifications to show the effect of the time step', () => {
    const counts = crossTabulateEmerging(Int8Array.from([1, 1, 0, -2]), Int8Array.from([1, 2, 0, -2]));
    expect(counts[(1 + 8) * 17 + (1 + 8)]).toBe(1);
    expect(counts[(1 + 8) * 17 + (2 + 8)]).toBe(1);
    expect(counts[8 * 17 + 8]).toBe(1);
    expect(counts[6 * 17 + 6]).toBe(1);
    expect(() => crossTabulateEmerging(Int8Array.from([1]), Int8Array.from([1, 2]))).toThrow(RangeError);
  });

  it('rejects fewer than 2 steps and arrays of the wrong size', () => {
    expect(classifyEmergingHotSpots(1, 1, [0], [0])).toMatchObject({ ok: false, error: { name: 'time steps' } });
    expect(classifyEmergingHotSpots(2, 3, [0, 0], [0, 0])).toMatchObject({ ok: false, error: { name: 'z' } });
  });
});
