import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { buildAnalysisPointsSql, checkFilterPredicate, queryAnalysisPoints } from '../../../../shared/domain/analysis/points';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
  unwrap(
    await engine.query(`CREATE TABLE t AS SELECT * FROM (VALUES
      ('A-1', 100.0, 200.0, TIMESTAMP '2024-01-02 12:00:00', DATE '2024-01-02', '2024-01-02 06:00', 3, 'B1', 2.0),
      ('A-2', NULL,  200.0, TIMESTAMP '2024-01-03 00:00:00', DATE '2024-01-03', 'not a date',       4, 'B1', 1.0),
      ('A-3', 300.0, 400.0, NULL,                            NULL,              NULL,               5, 'B2', -1.0),
      ('A-4', 500.0, 600.0, TIMESTAMP '1969-12-31 18:00:00', DATE '1969-12-31', '1969-12-31',      -1, 'B2', NULL)
    ) v(case_id, "X", y, occurred_from, day_date, day_text, day_number, beat, w)`),
  );
});
afterAll(async () => engine.close());

describe('analysis points through the engine', () => {
  it('reads x/y (case-insensitive names) in row order and accounts for every row left out', async () => {
    const p = unwrap(await queryAnalysisPoints(engine, 't', { dates: 'required', idColumn: 'case_id' }, 'inc.csv'));
    expect(p.columns).toMatchObject({ x: 'X', y: 'y', date: { name: 'occurred_from' } });
    expect(Array.from(p.x)).toEqual([100, 500]);
    expect(p.ids).toEqual(['A-1', 'A-4']);
    expect(Array.from(p.days!)).toEqual([Date.UTC(2024, 0, 2, 12) / 864e5, -0.25]);
    expect(p).toMatchObject({ totalRows: 4, matchedRows: 4, skipped: { noCoordinates: 1, noDate: 1, badWeight: 0 } });
  });

  it('takes DATE, text and numeric date columns as days since the epoch', async () => {
    const asDate = unwrap(await queryAnalysisPoints(engine, 't', { dates: 'optional', dateColumn: 'day_date' }, 'inc.csv'));
    expect(Array.from(asDate.days!)).toEqual([Date.UTC(2024, 0, 2) / 864e5, Number.NaN, -1]);
    const asText = unwrap(await queryAnalysisPoints(engine, 't', { dates: 'optional', dateColumn: 'day_text' }, 'inc.csv'));
    expect(Array.from(asText.days!)).toEqual([Date.UTC(2024, 0, 2, 6) / 864e5, Number.NaN, -1]);
    const asNumber = unwrap(await queryAnalysisPoints(engine, 't', { dates: 'required', dateColumn: 'day_number' }, 'inc.csv'));
    expect(Array.from(asNumber.days!)).toEqual([3, 5, -1]);
  });

  it('skips missing or negative weights and applies the filter', async () => {
    const p = unwrap(await queryAnalysisPoints(engine, 't', { dates: 'none', weightColumn: 'W' }, 'inc.csv'));
    expect(Array.from(p.weights!)).toEqual([2]);
    expect(p.skipped).toEqual({ noCoordinates: 1, noDate: 0, badWeight: 2, extraCaseRows: 0 });
    const f = unwrap(await queryAnalysisPoints(engine, 't', { dates: 'none', filter: " beat = 'B2' " }, 'inc.csv'));
    expect(Array.from(f.x)).toEqual([300, 500]);
    expect(f.matchedRows).toBe(2);
  });

  it('counts an incident exported on several rows once, unless asked for every row', async () => {
    unwrap(await engine.query(`CREATE TABLE m AS SELECT * FROM (VALUES ('C1', 1, 10.0, 10.0), ('C1', 2, 10.0, 10.0), ('C2', NULL, 20.0, 20.0), ('C3', 1, 30.0, 30.0)) v(case_id, case_row, x, y)`));
    const once = unwrap(await queryAnalysisPoints(engine, 'm', { dates: 'none' }, 'm.parquet'));
    expect(Array.from(once.x)).toEqual([10, 20, 30]);
    expect(once.skipped.extraCaseRows).toBe(1);
    const all = unwrap(await queryAnalysisPoints(engine, 'm', { dates: 'none', onePerCase: false }, 'm.parquet'));
    expect(Array.from(all.x)).toEqual([10, 10, 20, 30]);
    expect(all.columns.caseRow).toBeNull();
  });

  it('refuses ";" in a filter, and turns an engine error into a message about --filter', async () => {
    expect(checkFilterPredicate("beat = 'B1'; DELETE FROM t")).toMatchObject({ ok: false, error: { name: '--filter' } });
    expect(checkFilterPredicate('  ')).toMatchObject({ ok: false });
    expect(await queryAnalysisPoints(engine, 't', { dates: 'none', filter: 'x = 1; DROP TABLE t' }, 'inc.csv')).toMatchObject({ ok: false, error: { name: '--filter' } });
    const bad = await queryAnalysisPoints(engine, 't', { dates: 'none', filter: 'nope > 1' }, 'inc.csv');
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-argument', name: '--filter', value: 'nope > 1' } });
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.expected).toMatch(/nope/);
    expect(unwrap(await engine.query('SELECT count(*)::INTEGER AS n FROM t')).getChild('n')?.get(0)).toBe(4);
  });

  it('names missing columns with what the dataset has', async () => {
    unwrap(await engine.query('CREATE TABLE u AS SELECT 1 AS lon, 2 AS lat'));
    expect(await queryAnalysisPoints(engine, 'u', { dates: 'none' }, 'u.csv')).toMatchObject({ ok: false, error: { kind: 'column-missing', file: 'u.csv', column: 'x (projected metres; the dataset has: lon, lat)' } });
    expect(await queryAnalysisPoints(engine, 't', { dates: 'required', dateColumn: 'when' }, 't.csv')).toMatchObject({ ok: false, error: { column: expect.stringMatching(/^when \(--date-column/) } });
    expect(buildAnalysisPointsSql('t', { x: 'x', y: 'y', date: null, weight: null, id: null, caseRow: null }, 'a = 1')).toMatch(/FROM "t" WHERE \(a = 1\) ORDER BY rowid$/);
  });
});
