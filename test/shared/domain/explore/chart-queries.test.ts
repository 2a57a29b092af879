import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBeatsSql, buildCountSql, buildRowIdsSql, nextBucket, queryHourDow, queryTimeHistogram } from '../../../../shared/domain/explore/chart-queries';
import { buildFilterWhereSql, EMPTY_FILTER, rawColumns } from '../../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const COLS = rawColumns('Occurred From', 'Offense Code', 'Beat');
// Mon 2024-01-01 09:10 twice, Wed 2024-01-03 (same ISO week), nothing in the week of Jan 8,
// Mon 2024-01-15 23:59 (US format), Thu 2024-02-01, and one unreadable date.
const ROWS = [
  ['2024-01-01 09:10', '11'],
  ['1/1/2024 9:10 AM', '11'],
  ['2024-01-03 18:00', '12'],
  ['1/15/2024 11:59 PM', '12'],
  ['2024-02-01 00:00', ''],
  ['not a date', '13'],
];
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe('explore chart queries (real DuckDB)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    const values = ROWS.map(([d, b]) => `('${d}', '220', ${b === '' ? 'NULL' : `'${b}'`})`).join(', ');
    const r = await engine.query(`CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v("Occurred From", "Offense Code", "Beat")`);
    expect(r.ok).toBe(true);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('counts incidents per ISO week from Monday, filling empty weeks with 0', async () => {
    const h = await queryTimeHistogram(engine, 't', COLS, 'TRUE', 'week');
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    expect(Array.from(h.value.start)).toEqual([day('2024-01-01'), day('2024-01-08'), day('2024-01-15'), day('2024-01-22'), day('2024-01-29')]);
    expect(Array.from(h.value.count)).toEqual([3, 0, 1, 0, 1]);
  });

  it('counts per calendar month and honours the WHERE predicate', async () => {
    const h = await queryTimeHistogram(engine, 't', COLS, buildFilterWhereSql({ ...EMPTY_FILTER, beats: ['11', '12'] }, COLS), 'month');
    expect(h.ok && Array.from(h.value.start)).toEqual([day('2024-01-01')]);
    expect(h.ok && Array.from(h.value.count)).toEqual([4]);
    expect(nextBucket(day('2024-01-01'), 'month')).toBe(day('2024-02-01'));
    expect(nextBucket(day('2024-12-01'), 'month')).toBe(day('2025-01-01'));
  });

  it('fills a 7 x 24 day-by-hour matrix (0 = Sunday), unreadable dates left out', async () => {
    const m = await queryHourDow(engine, 't', COLS, 'TRUE');
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.value.length).toBe(168);
    expect(m.value[1 * 24 + 9]).toBe(2); // Monday 09h
    expect(m.value[3 * 24 + 18]).toBe(1); // Wednesday 18h
    expect(m.value[1 * 24 + 23]).toBe(1); // Monday 23h
    expect(m.value[4 * 24 + 0]).toBe(1); // Thursday 00h
    expect(m.value.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('counts rows, lists their rowids and the distinct beats', async () => {
    const where = buildFilterWhereSql({ ...EMPTY_FILTER, daysOfWeek: [1] }, COLS);
    const n = await engine.query(buildCountSql('t', where));
    expect(n.ok && n.value.getChild('n')?.get(0)).toBe(3);
    const ids = await engine.query(buildRowIdsSql('t', where));
    expect(ids.ok && Array.from(ids.value.getChild('row_id')!.toArray() as Uint32Array)).toEqual([0, 1, 3]);
    const beats = await engine.query(buildBeatsSql('t', COLS)!);
    expect(beats.ok && beats.value.toArray().map((r) => r.beat)).toEqual(['11', '12', '13']);
    expect(buildBeatsSql('t', { ...COLS, beat: null })).toBeNull();
  });
});
