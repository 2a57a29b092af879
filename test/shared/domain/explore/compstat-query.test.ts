import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compstatKeySql, compstatTable, groupLabel, NO_KEY, queryCompstat, queryLatestDay } from '../../../../shared/domain/explore/compstat-query';
import { detectExtraColumns } from '../../../../shared/domain/explore/extra-columns';
import { NORMALIZED_COLUMNS } from '../../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const HEADER = ['offense_code', 'occurred_from', 'beat', 'district'];
const EXTRA = detectExtraColumns(HEADER);

describe('CompStat query (real DuckDB, normalized columns)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    // Jan 1-10: 4 robberies in beat A; Jan 11-20: 1 robbery in A, 2 burglaries with no beat; one undated.
    const rows = [
      ['120', '2024-01-02 10:00', 'A', 'N'], ['120', '2024-01-03 10:00', 'A', 'N'], ['120', '2024-01-05 10:00', 'A', 'N'], ['120', '2024-01-10 23:59', 'A', 'N'],
      ['120', '2024-01-11 00:00', 'A', 'N'], ['220', '2024-01-15 10:00', '', 'S'], ['220', '2024-01-20 10:00', null, 'S'], ['220', null, 'A', 'N'],
    ];
    const v = rows.map((r) => `(${r.map((x) => (x === null ? 'NULL' : `'${x}'`)).join(', ')})`).join(', ');
    const r = await engine.query(`CREATE TABLE inc AS SELECT offense_code, CAST(occurred_from AS TIMESTAMP) AS occurred_from, beat, district FROM (VALUES ${v}) t(offense_code, occurred_from, beat, district)`);
    expect(r.ok).toBe(true);
  });
  afterAll(async () => {
    await engine?.close();
  });

  const run = (by: 'group' | 'beat' | 'district', current = { from: '2024-01-11', to: '2024-01-20' }, previous = { from: '2024-01-01', to: '2024-01-10' }) =>
    queryCompstat(engine, { table: 'inc', columns: NORMALIZED_COLUMNS, extra: EXTRA, where: 'TRUE', current, previous, compare: 'previous', by });

  it('counts by offense group label, periods inclusive of their last day to midnight', async () => {
    const r = await run('group');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows.find((x) => x.key === 'Violent')).toMatchObject({ current: 1, previous: 4, change: -3, pctChange: -75 });
    expect(r.value.rows.find((x) => x.key === 'Property')).toMatchObject({ current: 2, previous: 0, pctChange: null });
    expect(r.value.total).toMatchObject({ current: 3, previous: 4 });
  });

  it('counts blank and missing beats under (none), and by district', async () => {
    const r = await run('beat');
    expect(r.ok && r.value.rows.find((x) => x.key === NO_KEY)).toMatchObject({ current: 2, previous: 0 });
    const d = await run('district');
    expect(d.ok && d.value.rows.map((x) => `${x.key}:${x.current}/${x.previous}`).sort()).toEqual(['N:1/4', 'S:2/0']);
  });

  it('counts a row in both periods when they overlap', async () => {
    const r = await run('group', { from: '2024-01-05', to: '2024-01-11' }, { from: '2024-01-01', to: '2024-01-05' });
    expect(r.ok && r.value.rows.find((x) => x.key === 'Violent')).toMatchObject({ current: 3, previous: 3 });
  });

  it('names the missing column, finds the latest day, and tables the result with the total last', async () => {
    const none = compstatKeySql('district', NORMALIZED_COLUMNS, { occurredTo: null, district: null });
    expect(none.ok).toBe(false);
    if (!none.ok && none.error.kind === 'column-missing') expect(none.error.column).toMatch(/^district/);
    const latest = await queryLatestDay(engine, 'inc', NORMALIZED_COLUMNS.occurred, 'TRUE');
    expect(latest.ok && latest.value).toBe('2024-01-20');
    const r = await run('group');
    if (!r.ok) throw new Error('run failed');
    const t = compstatTable(r.value);
    expect(t.header).toEqual(['offense_group', 'current', 'previous', 'change', 'pct_change', 'z', 'p', 'flag']);
    expect(t.rows.at(-1)?.[0]).toBe('Total');
    expect(groupLabel(0)).toBe('Violent');
  });
});
