import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPeriodRowsSql, changeThreshold, classOfChange, computeChangeMap, CHANGE_COLORS } from '../../../../shared/domain/explore/compstat-change-map';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const CUR = { from: '2024-03-01', to: '2024-03-28' };
const PREV = { from: '2024-02-02', to: '2024-02-29' };
const CRS = 'EPSG:32616';
// Three 500 m cells (aligned on the CRS origin): A with 10 now / 0 before (p = 0.001953, a
// significant rise), B with 3 / 1 (p = 0.625), C with 0 / 6 (p = 0.03125, a significant fall).
const CELLS = { A: [440_250, 4_630_250], B: [440_750, 4_630_250], C: [441_250, 4_630_750] } as const;

function fixture() {
  const x: number[] = [];
  const y: number[] = [];
  const rowIds: number[] = [];
  const period: number[] = [];
  const add = (cell: keyof typeof CELLS, bits: number, n: number) => {
    for (let i = 0; i < n; i++) {
      const id = x.length;
      x.push(CELLS[cell][0] + (i % 5) * 10);
      y.push(CELLS[cell][1] - (i % 3) * 10);
      rowIds.push(id);
      period.push(bits);
    }
  };
  add('A', 1, 10);
  add('B', 1, 3);
  add('B', 2, 1);
  add('C', 2, 6);
  // A point in neither period (its row is not in the period rows) does not count.
  x.push(CELLS.A[0]);
  y.push(CELLS.A[1]);
  const points = { x: Float64Array.from(x), y: Float64Array.from(y), rowId: Uint32Array.from({ length: x.length }, (_, i) => i) };
  return { points, rowIds: Uint32Array.from(rowIds), period: Uint8Array.from(period) };
}

describe('CompStat change map', () => {
  it('counts each cell in both periods and tests it with the exact Poisson test (worked values)', () => {
    const { points, rowIds, period } = fixture();
    const r = computeChangeMap(points, rowIds, period, CRS, { current: CUR, previous: PREV }, 500);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.value;
    expect(m.cells).toBe(3);
    const byCurrent = [...m.current].map((a, k) => ({ a, b: m.previous[k], d: m.change[k], p: m.p[k], c: m.classes[k] }));
    const A = byCurrent.find((c) => c.a === 10)!;
    const B = byCurrent.find((c) => c.a === 3)!;
    const C = byCurrent.find((c) => c.b === 6)!;
    expect(A.p).toBeCloseTo(0.001953, 6);
    expect(B.p).toBeCloseTo(0.625, 6);
    expect(C.p).toBeCloseTo(0.03125, 6);
    // |d| = 10, 2, 6 -> T = 75th percentile (nearest rank) = 10.
    expect(m.threshold).toBe(10);
    expect([A.c, B.c, C.c]).toEqual([4, 3, 1]);
    expect(m.rises).toBe(1);
    expect(m.falls).toBe(1);
    expect(m.significant.cells).toBe(2);
    expect(m.classCounts).toEqual([0, 1, 0, 1, 1]);
    // Significant cells opaque, others faded; rings are closed lon/lat squares near Chicago.
    const k = [...m.current].indexOf(3);
    expect(m.vertexColors[k * 20 + 3]).toBe(110);
    expect([...m.vertexColors.slice(0, 3)]).toEqual([...CHANGE_COLORS[m.classes[0]!]!]);
    expect(m.positions[0]).toBeCloseTo(m.positions[8]!, 12);
    expect(m.positions[0]).toBeGreaterThan(-88);
    expect(m.positions[1]).toBeGreaterThan(41.5);
  });

  it('scales the comparison count to the current period for unequal lengths', () => {
    const { points, rowIds, period } = fixture();
    const r = computeChangeMap(points, rowIds, period, CRS, { current: CUR, previous: { from: '2024-01-05', to: '2024-02-29' } }, 500);
    expect(r.ok && [...r.value.change].sort((u, v) => u - v)).toEqual([-3, 2.5, 10]);
  });

  it('is symmetric: swapping the periods mirrors the classes and keeps p', () => {
    const { points, rowIds, period } = fixture();
    const swapped = period.map((b) => (b === 1 ? 2 : b === 2 ? 1 : 3));
    const r1 = computeChangeMap(points, rowIds, period, CRS, { current: CUR, previous: PREV }, 500);
    const r2 = computeChangeMap(points, rowIds, swapped, CRS, { current: CUR, previous: PREV }, 500);
    expect(r1.ok && r2.ok).toBe(true);
    if (!r1.ok || !r2.ok) return;
    expect([...r2.value.classes]).toEqual([...r1.value.classes].map((c) => 4 - c));
    expect([...r2.value.p]).toEqual([...r1.value.p]);
  });

  it('refuses no points and absurd cells; thresholds and classes follow their definitions', () => {
    const { points } = fixture();
    expect(computeChangeMap(points, [], [], CRS, { current: CUR, previous: PREV }, 500).ok).toBe(false);
    expect(computeChangeMap(points, [0], [1], CRS, { current: CUR, previous: PREV }, -1).ok).toBe(false);
    expect(changeThreshold([0, 0])).toBe(2);
    expect(changeThreshold([1, -1, 0.5])).toBe(2);
    expect([classOfChange(-2, 2), classOfChange(-0.1, 2), classOfChange(0, 2), classOfChange(1.9, 2), classOfChange(2, 2)]).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('period rows SQL (real DuckDB)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    await engine.query(`CREATE TABLE inc AS SELECT * FROM (VALUES
      (TIMESTAMP '2024-03-28 23:59'), (TIMESTAMP '2024-03-29 00:00'), (TIMESTAMP '2024-02-02 00:00'), (TIMESTAMP '2024-02-01 23:00'), (NULL), (TIMESTAMP '2024-03-01 00:00')
    ) t(occ_from)`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('marks each row in the current (1) or comparison (2) period, inclusive days', async () => {
    const r = await engine.query(buildPeriodRowsSql('inc', 'occ_from', 'TRUE', CUR, PREV));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toArray().map((row) => [Number(row.row_id), Number(row.period)])).toEqual([[0, 1], [2, 2], [5, 1]]);
    const both = await engine.query(buildPeriodRowsSql('inc', 'occ_from', 'TRUE', CUR, { from: '2024-02-02', to: '2024-03-01' }));
    expect(both.ok && both.value.toArray().map((row) => Number(row.period))).toEqual([1, 2, 3]);
  });
});
