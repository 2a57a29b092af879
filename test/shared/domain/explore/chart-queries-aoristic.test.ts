import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAoristicHistogram, queryAoristicHourDow, queryHourDow, queryTimeHistogram, sundayFirst } from '../../../../shared/domain/explore/chart-queries';
import { detectExtraColumns } from '../../../../shared/domain/explore/extra-columns';
import { buildFilterWhereSql, EMPTY_FILTER, rawColumns } from '../../../../shared/domain/explore/filters';
import { computeAoristicGrid } from '../../../../shared/domain/outputs/targets/aoristic';
import { createRng } from '../../../../shared/base/random';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const HEADER = ['Occurred From', 'Occurred To', 'Offense Code', 'Beat'];
const COLS = rawColumns('Occurred From', 'Offense Code', 'Beat');
const TO = detectExtraColumns(HEADER).occurredTo;
// A: Mon 2024-01-01 10:30-12:15 (3 hours: 1/3 each in Mon 10, 11, 12).
// B: Sun 2024-01-07 22:00 - Mon 02:00 (4 hours: half in the week of Jan 1, half in the week of Jan 8).
// C: Wed 2024-01-10 00:00 - Jan 30 (over the 7-day cap: its first 168 hours, 120 in the week of
//    Jan 8 and 48 in the week of Jan 15). D: to before from (from hour alone). E: no to. F: no date.
const ROWS: [string, string | null][] = [
  ['2024-01-01 10:30', '2024-01-01 12:15'],
  ['2024-01-07 22:00', '1/8/2024 2:00 AM'],
  ['2024-01-10 00:00', '2024-01-30 00:00'],
  ['2024-01-03 18:00', '2024-01-02 18:00'],
  ['2024-01-03 18:00', null],
  ['not a date', '2024-01-03 18:00'],
];
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe('aoristic explore charts (real DuckDB)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    const values = ROWS.map(([f, t]) => `('${f}', ${t === null ? 'NULL' : `'${t}'`}, '220', '11')`).join(', ');
    expect((await engine.query(`CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v("Occurred From", "Occurred To", "Offense Code", "Beat")`)).ok).toBe(true);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('finds the occurred-to column of raw and normalized tables', () => {
    expect(TO).toContain('Occurred To');
    expect(detectExtraColumns(['occurred_from', 'offense_code', 'occurred_to', 'district'])).toEqual({ occurredTo: 'TRY_CAST("occurred_to" AS TIMESTAMP)', district: 'CAST("district" AS VARCHAR)' });
    expect(detectExtraColumns(['Offense Code', 'Occurred From'])).toEqual({ occurredTo: null, district: null });
  });

  it('spreads the weekly histogram over each window, the capped window over its first 7 days', async () => {
    const h = await queryAoristicHistogram(engine, 't', COLS, TO, 'TRUE', 'week');
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    expect(h.value.weighting).toBe('aoristic');
    expect(Array.from(h.value.start)).toEqual([day('2024-01-01'), day('2024-01-08'), day('2024-01-15')]);
    const c = Array.from(h.value.count);
    expect(c[0]).toBeCloseTo(1 + 0.5 + 1 + 1, 12);
    expect(c[1]).toBeCloseTo(0.5 + 120 / 168, 12);
    expect(c[2]).toBeCloseTo(48 / 168, 12);
    expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(5, 12);
    const plain = await queryTimeHistogram(engine, 't', COLS, 'TRUE', 'week');
    expect(plain.ok && Array.from(plain.value.count)).toEqual([4, 1]);
  });

  it('without an occurred-to column counts each incident at its from time (same as the plain histogram)', async () => {
    const a = await queryAoristicHistogram(engine, 't', COLS, null, 'TRUE', 'month');
    const p = await queryTimeHistogram(engine, 't', COLS, 'TRUE', 'month');
    expect(a.ok && p.ok).toBe(true);
    if (a.ok && p.ok) expect(Array.from(a.value.count)).toEqual(Array.from(p.value.count));
  });

  it('the aoristic hour x day grid is computeAoristicGrid in Sunday-first order', async () => {
    const g = await queryAoristicHourDow(engine, 't', COLS, TO, buildFilterWhereSql(EMPTY_FILTER, COLS));
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.value.total).toBe(5);
    expect(g.value.capped).toBe(1);
    const mon = 1;
    for (const h of [10, 11, 12]) expect(g.value.counts[mon * 24 + h]! - 1 / 168).toBeCloseTo(1 / 3, 12);
    expect(g.value.counts[0 * 24 + 22]! - 1 / 168).toBeCloseTo(0.25, 12); // Sun 22:00 of B
    expect(Array.from(g.value.counts).reduce((a, b) => a + b, 0)).toBeCloseTo(5, 12);
    const plain = await queryHourDow(engine, 't', COLS, 'TRUE');
    expect(plain.ok && Array.from(plain.value).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('reorders Monday-first rows to Sunday-first', () => {
    const m = new Float64Array(168);
    m[6 * 24 + 5] = 7; // Sunday 05:00, Monday-first
    m[0 * 24 + 1] = 3; // Monday 01:00
    const s = sundayFirst(m);
    expect(s[0 * 24 + 5]).toBe(7);
    expect(s[1 * 24 + 1]).toBe(3);
  });

  it('random windows: weekly sums match hour-by-hour expansion, and the grid matches computeAoristicGrid', async () => {
    const rng = createRng(7);
    const HOUR = 3_600_000;
    const base = day('2024-03-04');
    const f: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < 300; i++) {
      const a = base + Math.floor(rng.next() * 60 * 24 * 60) * 60_000;
      f.push(a);
      to.push(a + Math.floor(rng.next() * 10 * 24 * 60) * 60_000);
    }
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const values = f.map((a, i) => `('${iso(a)}', '${iso(to[i]!)}', '220', '1')`).join(', ');
    expect((await engine.query(`CREATE OR REPLACE TABLE r AS SELECT * FROM (VALUES ${values}) v("Occurred From", "Occurred To", "Offense Code", "Beat")`)).ok).toBe(true);
    const weeks = new Map<number, number>();
    for (let i = 0; i < f.length; i++) {
      const h0 = Math.floor(f[i]! / HOUR);
      const k = Math.min(168, Math.max(1, Math.ceil(to[i]! / HOUR) - h0));
      for (let h = h0; h < h0 + k; h++) {
        const d = new Date(h * HOUR);
        const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
        weeks.set(monday, (weeks.get(monday) ?? 0) + 1 / k);
      }
    }
    const h = await queryAoristicHistogram(engine, 'r', COLS, TO, 'TRUE', 'week');
    expect(h.ok).toBe(true);
    if (!h.ok) return;
    for (let i = 0; i < h.value.start.length; i++) expect(h.value.count[i]).toBeCloseTo(weeks.get(h.value.start[i]!) ?? 0, 9);
    const g = await queryAoristicHourDow(engine, 'r', COLS, TO, 'TRUE');
    expect(g.ok).toBe(true);
    if (g.ok) expect(Array.from(g.value.counts)).toEqual(Array.from(sundayFirst(computeAoristicGrid(f, to).weights)));
  });
});
