import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { buildFilterIndex, type FilterIndex } from '../../../../shared/domain/explore/filter-index';
import { isIndexableFilter, runFilterIndex } from '../../../../shared/domain/explore/filter-index-run';
import { queryExploreFilter, type ExploreFilterOutput } from '../../../../shared/domain/explore/filter-index-query';
import type { PointColumnsView } from '../../../../shared/domain/explore/filtered-points';
import { EMPTY_FILTER, NORMALIZED_COLUMNS, rawColumns, type ExploreColumns, type ExploreFilter } from '../../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const RAW = rawColumns('Occurred From', 'Offense Code', 'Beat');
const CODES = ['13A', '13a ', ' 220', '23F', '290', '35A', '520', '90Z', 'ZZZ', '', '09A', '26A', null];
const BEATS = ['B1', 'B2', 'B3', 'b3', '', null];
const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
const pad = (n: number) => String(n).padStart(2, '0');

/** A text date in one of the raw formats (or unreadable / NULL), spread over 1965..2031. */
function rawDate(rng: Rng): string | null {
  if (rng.chance(0.04)) return null;
  if (rng.chance(0.04)) return 'not a date';
  const y = rng.chance(0.05) ? 1965 : rng.chance(0.05) ? 2031 : 2023 + rng.int(2);
  const mo = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  const h = rng.int(24);
  const mi = rng.int(60);
  switch (rng.int(3)) {
    case 0:
      return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}`;
    case 1:
      return `${mo}/${d}/${y} ${h % 12 === 0 ? 12 : h % 12}:${pad(mi)} ${h < 12 ? 'AM' : 'PM'}`;
    default:
      return `${y}-${pad(mo)}-${pad(d)}`;
  }
}

/** A random filter: each field absent half the time, lists with invalid and unknown entries. */
function randomFilter(rng: Rng): ExploreFilter {
  const maybe = <T>(f: () => T): T | null => (rng.chance(0.5) ? null : f());
  const subset = <T>(items: readonly T[]) => items.filter(() => rng.chance(0.4));
  const day = () => (rng.chance(0.1) ? '2024-02-30' : `${rng.chance(0.1) ? 1965 : 2023 + rng.int(2)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`);
  return {
    dateFrom: maybe(day),
    dateTo: maybe(day),
    groups: maybe(() => subset([0, 1, 2, 3, 4, 5, 6, 200])),
    codes: maybe(() => subset(['13A', ' 13a', '220', '290', 'ZZZ', '', 'NOPE'])),
    daysOfWeek: maybe(() => subset([0, 1, 2, 3, 4, 5, 6, 9])),
    hours: maybe(() => [...subset(Array.from({ length: 24 }, (_, i) => i)), ...(rng.chance(0.2) ? [24, 1.5] : [])]),
    beats: maybe(() => subset(['B1', 'B2', 'b3', '', 'B9'])),
  };
}

/** Map points of some rows (not every row has coordinates), rowid order. */
function pointsOf(rowIds: number[]): PointColumnsView {
  const n = rowIds.length;
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return {
    lon: col((i) => -90 + i * 1e-4),
    lat: col((i) => 35 + i * 1e-4),
    x: col((i) => i),
    y: col((i) => 2 * i),
    group: Uint8Array.from({ length: n }, (_, i) => i % 7),
    rowId: Uint32Array.from(rowIds),
  };
}

function comparable(o: ExploreFilterOutput) {
  return {
    rowIds: Array.from(o.points.rowId),
    x: Array.from(o.points.x),
    count: o.count,
    start: o.histogram ? Array.from(o.histogram.start) : null,
    counts: o.histogram ? Array.from(o.histogram.count) : null,
    weighting: o.histogram?.weighting,
    hourDow: o.hourDow ? Array.from(o.hourDow) : null,
  };
}

async function expectSameAsSql(engine: SqlEngine, table: string, cols: ExploreColumns, points: PointColumnsView, index: FilterIndex, filter: ExploreFilter) {
  for (const bucket of ['week', 'month'] as const) {
    const fast = unwrap(await queryExploreFilter(engine, table, cols, points, filter, bucket, index));
    const sql = unwrap(await queryExploreFilter(engine, table, cols, points, filter, bucket, null));
    expect(fast.path).toBe('index');
    expect(sql.path).toBe('sql');
    expect(sql.histogram).not.toBeNull();
    expect(comparable(fast), JSON.stringify(filter)).toEqual(comparable(sql));
  }
}

describe('explore filter index (real DuckDB)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    const rng = createRng(5);
    const raw = Array.from({ length: 700 }, () => `(${q(rawDate(rng))}, ${q(rng.pick(CODES))}, ${q(rng.pick(BEATS))})`);
    unwrap(await engine.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${raw.join(', ')}) v("Occurred From", "Offense Code", "Beat")`));
    unwrap(
      await engine.query(`CREATE TABLE norm AS SELECT TIMESTAMP '1969-12-25' + to_seconds((random() * 800 * 86400)::BIGINT) AS occurred_from,
        (['13A', '220', '290', 'zzz', '35A'])[1 + (random() * 4)::INTEGER] AS offense_code FROM range(900)`),
    );
    unwrap(await engine.query(`INSERT INTO norm VALUES (NULL, '13A'), (TIMESTAMP '2099-12-31 23:59:59', NULL), (TIMESTAMP '1900-03-04 00:00:00', '220')`));
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('keeps the rows, counts and charts that a worked example gives', async () => {
    unwrap(
      await engine.query(`CREATE TABLE small AS SELECT * FROM (VALUES
        ('2024-01-01 09:10', '13A', 'B1'), ('2024-01-03 18:00', '220', 'B1'), ('2024-01-15 23:59', '13A', 'B2'),
        ('not a date', '13A', 'B1'), ('2024-02-04 09:00', ' 90z', NULL)) v("Occurred From", "Offense Code", "Beat")`),
    );
    const index = unwrap(await buildFilterIndex(engine, 'small', RAW))!;
    expect(index.codes.slice().sort()).toEqual(['13A', '220', '90Z']);
    // Violent (group 0) on Monday (dow 1): the two Monday 13A rows; the histogram ignores no field but dates.
    const r = runFilterIndex(index, { ...EMPTY_FILTER, groups: [0], daysOfWeek: [1] }, 'month')!;
    expect(r.count).toBe(2);
    expect(Array.from(r.pass)).toEqual([1, 0, 1, 0, 0]);
    expect(Array.from(r.histogram.start)).toEqual([Date.UTC(2024, 0, 1)]);
    expect(Array.from(r.histogram.count)).toEqual([2]);
    // The grid ignores the day filter: Monday 09h and 23h, plus nothing else violent with a date.
    expect(r.hourDow[1 * 24 + 9]).toBe(1);
    expect(r.hourDow[1 * 24 + 23]).toBe(1);
    expect(r.hourDow.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('equals the SQL path on a raw export (text dates in mixed formats, messy codes and beats)', async () => {
    const index = unwrap(await buildFilterIndex(engine, 'raw', RAW));
    expect(index).not.toBeNull();
    const points = pointsOf(Array.from({ length: 700 }, (_, i) => i).filter((i) => i % 5 !== 2));
    const rng = createRng(11);
    await expectSameAsSql(engine, 'raw', RAW, points, index!, EMPTY_FILTER);
    for (let k = 0; k < 25; k++) await expectSameAsSql(engine, 'raw', RAW, points, index!, randomFilter(rng));
  });

  it('equals the SQL path on a normalized table without a beat column (dates before 1970 and far ahead)', async () => {
    const cols = { ...NORMALIZED_COLUMNS, beat: null };
    const index = unwrap(await buildFilterIndex(engine, 'norm', cols));
    expect(index?.beats).toBeNull();
    const points = pointsOf(Array.from({ length: 903 }, (_, i) => i));
    const rng = createRng(12);
    for (let k = 0; k < 30; k++) {
      const f = randomFilter(rng);
      await expectSameAsSql(engine, 'norm', cols, points, index!, { ...f, dateFrom: f.dateFrom?.replace(/^2023/, '1970') ?? null });
    }
  });

  it('stays exact when rowids have gaps (deleted rows never pass)', async () => {
    unwrap(await engine.query(`CREATE TABLE gaps AS SELECT * FROM norm`));
    unwrap(await engine.query(`DELETE FROM gaps WHERE rowid % 3 = 1`));
    const cols = { ...NORMALIZED_COLUMNS, beat: null };
    const index = unwrap(await buildFilterIndex(engine, 'gaps', cols));
    const ids = unwrap(await engine.query('SELECT rowid::UINTEGER AS r FROM gaps ORDER BY rowid')).getChild('r')!.toArray() as Uint32Array;
    const points = pointsOf(Array.from(ids));
    if (index === null) return expect(ids.length).toBeLessThan(600); // refused as too sparse: still correct
    expect(index.rows).toBe(ids.length);
    const rng = createRng(13);
    for (let k = 0; k < 10; k++) await expectSameAsSql(engine, 'gaps', cols, points, index, randomFilter(rng));
  });

  it('decodes dictionaries that arrive in several Arrow chunks (thousands of distinct beats)', async () => {
    unwrap(
      await engine.query(`CREATE TABLE many AS SELECT TIMESTAMP '2024-01-01' + to_seconds(i * 3600) AS occurred_from, '13A' AS offense_code,
        'B' || (i * 7919 % 5000) AS beat FROM range(12000) t(i)`),
    );
    const index = unwrap(await buildFilterIndex(engine, 'many', NORMALIZED_COLUMNS))!;
    expect(index.beats).toHaveLength(5000);
    const chunks = unwrap(await engine.query("SELECT v, list(rowid::UINTEGER) AS rs FROM (SELECT rowid, beat AS v FROM many) GROUP BY v")).getChild('rs')!.data.length;
    expect(chunks).toBeGreaterThan(1);
    const points = pointsOf(Array.from({ length: 12000 }, (_, i) => i));
    await expectSameAsSql(engine, 'many', NORMALIZED_COLUMNS, points, index, { ...EMPTY_FILTER, beats: ['B1', 'B4999', 'B2500', 'B77'], hours: [1, 2, 3, 22] });
    await expectSameAsSql(engine, 'many', NORMALIZED_COLUMNS, points, index, { ...EMPTY_FILTER, beats: Array.from({ length: 900 }, (_, i) => `B${i * 5}`) });
  });

  it('leaves filter kinds it does not know to SQL; an area or field conditions need their row mask', async () => {
    const index = unwrap(await buildFilterIndex(engine, 'raw', RAW))!;
    const unknown = { ...EMPTY_FILTER, future: ['x'] } as unknown as ExploreFilter;
    expect(isIndexableFilter(unknown)).toBe(false);
    expect(isIndexableFilter(unknown, true)).toBe(false);
    expect(runFilterIndex(index, unknown, 'week')).toBeNull();
    const points = pointsOf([0, 1, 2]);
    const sqlOnly = await queryExploreFilter(engine, 'raw', RAW, points, unknown, 'week', index);
    expect(sqlOnly.ok && sqlOnly.value.path).toBe('sql');
    // A drawn area (here a refused ring: keeps nothing) is covered only with its mask.
    const area = { ...EMPTY_FILTER, polygon: [[0, 0]] } as unknown as ExploreFilter;
    expect(isIndexableFilter(area)).toBe(false);
    expect(isIndexableFilter(area, true)).toBe(true);
    expect(runFilterIndex(index, area, 'week')).toBeNull();
    expect(runFilterIndex(index, area, 'week', new Uint8Array(index.size - 1))).toBeNull(); // a mask of another size
    expect(runFilterIndex(index, area, 'week', new Uint8Array(index.size))?.count).toBe(0);
    expect(isIndexableFilter({ ...EMPTY_FILTER, polygon: null } as unknown as ExploreFilter)).toBe(true);
    expect(isIndexableFilter({ ...EMPTY_FILTER, fields: [{ column: 'x' }] } as unknown as ExploreFilter)).toBe(false);
    await expectSameAsSql(engine, 'raw', RAW, points, index, area);
    // No field conditions (an empty list) is the filter without them: the index answers, as SQL does.
    await expectSameAsSql(engine, 'raw', RAW, points, index, { ...EMPTY_FILTER, hours: [3], fields: [] } as unknown as ExploreFilter);
  });

  it('refuses a table whose timestamps are infinite (the SQL path keeps them)', async () => {
    unwrap(await engine.query(`CREATE TABLE inf AS SELECT * FROM (VALUES (TIMESTAMP 'infinity', '13A'), (TIMESTAMP '2024-01-01', '13A')) v(occurred_from, offense_code)`));
    expect(unwrap(await buildFilterIndex(engine, 'inf', { ...NORMALIZED_COLUMNS, beat: null }))).toBeNull();
  });
});
