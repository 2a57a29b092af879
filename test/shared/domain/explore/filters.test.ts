import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFilterWhereSql,
  detectExploreColumns,
  EMPTY_FILTER,
  isEmptyFilter,
  isIsoDay,
  NORMALIZED_COLUMNS,
  parseExploreFilter,
  rawColumns,
  type ExploreColumns,
  type ExploreFilter,
} from '../../../../shared/domain/explore/filters';
import { OFFENSE_GROUPS } from '../../../../shared/domain/ingest/nibrs';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

// Raw export rows: mixed date formats, one unreadable date, a beat with a quote in it.
// 2024-03-01 is a Friday (DuckDB dayofweek 5), 03-02 Saturday (6), 03-04 Monday (1), 03-10 Sunday (0).
const RAW_ROWS = [
  ['24-1', '13A', '2024-03-01 14:05', '11'],
  ['24-2', '220', '3/2/2024 2:05 PM', '12'],
  ['24-3', ' 23f ', '2024-03-04 23:30', "O'Hara"],
  ['24-4', '120', 'garbage', '11'],
  ['24-5', '13A', '2024-03-10 00:15:00', '12'],
];
const groupIndex = (id: string) => OFFENSE_GROUPS.findIndex((g) => g.id === id);
const RAW = rawColumns('Occurred From', 'Offense Code', 'Beat');
const f = (patch: Partial<ExploreFilter>): ExploreFilter => ({ ...EMPTY_FILTER, ...patch });

describe('explore filter SQL (real DuckDB)', () => {
  let engine: SqlEngine;
  const values = RAW_ROWS.map((r) => `(${r.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`).join(', ');

  beforeAll(async () => {
    engine = await openTestEngine();
    const made = await engine.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${values}) t("Case Number", "Offense Code", "Occurred From", "Beat")`);
    expect(made.ok).toBe(true);
    const norm = await engine.query(
      `CREATE TABLE norm AS SELECT "Case Number" AS case_id, trim("Offense Code") AS offense_code,
       try_strptime("Occurred From", ['%Y-%m-%d %H:%M', '%m/%d/%Y %I:%M %p', '%Y-%m-%d %H:%M:%S']) AS occurred_from, "Beat" AS beat FROM raw`,
    );
    expect(norm.ok).toBe(true);
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function cases(table: string, columns: ExploreColumns, filter: ExploreFilter): Promise<string[]> {
    const id = table === 'raw' ? '"Case Number"' : 'case_id';
    const r = await engine.query(`SELECT ${id} AS c FROM ${table} WHERE ${buildFilterWhereSql(filter, columns)} ORDER BY 1`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.toArray().map((row) => String(row.c));
  }

  for (const [table, columns] of [['raw', RAW], ['norm', NORMALIZED_COLUMNS]] as const) {
    describe(`on the ${table} table`, () => {
      it('keeps everything with the empty filter, the unreadable date included', async () => {
        expect(buildFilterWhereSql(EMPTY_FILTER, columns)).toBe('TRUE');
        expect(await cases(table, columns, EMPTY_FILTER)).toEqual(['24-1', '24-2', '24-3', '24-4', '24-5']);
      });

      it('filters by an inclusive date range across both date formats', async () => {
        expect(await cases(table, columns, f({ dateFrom: '2024-03-02', dateTo: '2024-03-04' }))).toEqual(['24-2', '24-3']);
        expect(await cases(table, columns, f({ dateFrom: '2024-03-04' }))).toEqual(['24-3', '24-5']);
        expect(await cases(table, columns, f({ dateTo: '2024-03-01' }))).toEqual(['24-1']);
      });

      it('filters by day of week (0 = Sunday) and hour of day', async () => {
        expect(await cases(table, columns, f({ daysOfWeek: [0, 6] }))).toEqual(['24-2', '24-5']);
        expect(await cases(table, columns, f({ hours: [14] }))).toEqual(['24-1', '24-2']);
        expect(await cases(table, columns, f({ daysOfWeek: [5], hours: [14] }))).toEqual(['24-1']);
      });

      it('filters by offense group and by code (trimmed, any case)', async () => {
        expect(await cases(table, columns, f({ groups: [groupIndex('violent')] }))).toEqual(['24-1', '24-4', '24-5']);
        expect(await cases(table, columns, f({ groups: [groupIndex('property')] }))).toEqual(['24-2', '24-3']);
        expect(await cases(table, columns, f({ codes: ['23f', '120'] }))).toEqual(['24-3', '24-4']);
      });

      it('filters by beat, quoting values with quotes in them', async () => {
        expect(await cases(table, columns, f({ beats: ["O'Hara"] }))).toEqual(['24-3']);
        expect(await cases(table, columns, f({ beats: ['12', "x' OR '1'='1"] }))).toEqual(['24-2', '24-5']);
      });

      it('keeps nothing for an empty list', async () => {
        expect(await cases(table, columns, f({ daysOfWeek: [] }))).toEqual([]);
        expect(await cases(table, columns, f({ beats: [] }))).toEqual([]);
      });
    });
  }

  it('quotes hostile code values instead of running them', async () => {
    const where = buildFilterWhereSql(f({ codes: ["13A') OR TRUE --"] }), RAW);
    expect(where).toContain("'13A'') OR TRUE --'");
    expect(await cases('raw', RAW, f({ codes: ["13A') OR TRUE --"] }))).toEqual([]);
  });

  it('leaves out malformed dates and out-of-range numbers rather than emitting bad SQL', () => {
    const where = buildFilterWhereSql(f({ dateFrom: "2024-13-01' OR 1=1", daysOfWeek: [7, -1, 2.5, 3], hours: [24, 5] }), RAW);
    expect(where).not.toContain('OR 1=1');
    expect(where).toContain('IN (3)');
    expect(where).toContain('IN (5)');
  });
});

describe('column maps and saved filters', () => {
  it('detects normalized columns, and raw ones by their usual spellings', () => {
    expect(detectExploreColumns(['case_id', 'offense_code', 'occurred_from', 'beat', 'lon', 'lat'])).toBe(NORMALIZED_COLUMNS);
    expect(detectExploreColumns(['case_id', 'offense_code', 'occurred_from'])?.beat).toBeNull();
    const raw = detectExploreColumns(['Case Number', 'Offense Code', 'Occurred From', 'Occurred To', 'Beat', 'Latitude']);
    expect(raw?.occurred).toContain('"Occurred From"');
    expect(raw?.code).toContain('"Offense Code"');
    expect(raw?.beat).toContain('"Beat"');
    expect(detectExploreColumns(['Latitude', 'Longitude'])).toBeNull();
  });

  it('checks ISO days as real calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('3/1/2024')).toBe(false);
  });

  it('parses saved filters, dropping what does not check out', () => {
    expect(parseExploreFilter(null)).toBe(EMPTY_FILTER);
    const p = parseExploreFilter({ dateFrom: '2024-01-01', dateTo: 'soon', daysOfWeek: [1, 9, 1], hours: 'all', beats: ['11', 3], groups: [0] });
    expect(p).toEqual({ dateFrom: '2024-01-01', dateTo: null, groups: [0], codes: null, daysOfWeek: [1], hours: null, beats: ['11'], polygon: null, fields: null });
    expect(isEmptyFilter(parseExploreFilter({}))).toBe(true);
    expect(isEmptyFilter(p)).toBe(false);
  });
});
