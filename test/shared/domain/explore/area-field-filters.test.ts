import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFieldFilterSql,
  buildPolygonFilterSql,
  checkFieldFilter,
  describeFieldFilter,
  fieldKindOfType,
  parseFieldFilters,
  parseFilterPolygon,
  type FieldFilter,
} from '../../../../shared/domain/explore/area-field-filters';
import { buildFilterWhereSql, detectExploreColumns, EMPTY_FILTER, isEmptyFilter, parseExploreFilter, type ExploreFilter } from '../../../../shared/domain/explore/filters';
import { createRng } from '../../../../shared/base/random';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

// An L-shaped area (cells of 0.01 degrees): (0,0) (2,0) (2,1) (1,1) (1,2) (0,2); its notch
// (1..2, 1..2) is outside. Points are in cell units too.
// Houston: |longitude| > 90, so a latitude-first pair is detectable (and swapped back) as on the map.
const LON0 = -95.4;
const LAT0 = 29.7;
const at = (u: number, v: number): [number, number] => [LON0 + 0.01 * u, LAT0 + 0.01 * v];
const L_SHAPE = [at(0, 0), at(2, 0), at(2, 1), at(1, 1), at(1, 2), at(0, 2)];
// case, u, v, swapped?  (null coordinates for case 'n')
const POINTS: [string, number | null, number | null, boolean][] = [
  ['a', 0.5, 0.5, false], // in
  ['b', 1.5, 0.5, false], // in (foot of the L)
  ['c', 0.5, 1.5, false], // in (stem of the L)
  ['d', 1.5, 1.5, false], // out: the notch
  ['e', 2.5, 0.5, false], // out: east of the box
  ['f', -0.5, 1, false], // out: west
  ['g', 0.25, 1.75, true], // in, written latitude-first (the map swaps it back)
  ['n', null, null, false], // no coordinates
];

/** PNPOLY in JS: the reference the SQL must agree with. */
function inside(ring: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

describe('drawn-area and any-field filters (real DuckDB)', () => {
  let engine: SqlEngine;
  const f = (patch: Partial<ExploreFilter>): ExploreFilter => ({ ...EMPTY_FILTER, ...patch });

  beforeAll(async () => {
    engine = await openTestEngine();
    const rows = POINTS.map(([id, u, v, swap]) => {
      if (u === null || v === null) return `('${id}', NULL, NULL)`;
      const [lon, lat] = at(u, v);
      return swap ? `('${id}', '${lat}', '${lon}')` : `('${id}', '${lon}', '${lat}')`;
    });
    expect((await engine.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${rows.join(', ')}) t("Case", "Longitude", "Latitude")`)).ok).toBe(true);
    expect(
      (await engine.query(`CREATE TABLE raw2 AS SELECT "Case", '13A' AS "Offense Code", '2024-03-01 10:00' AS "Occurred From", "Longitude", "Latitude" FROM raw`)).ok,
    ).toBe(true);
    const made = await engine.query(`CREATE TABLE fields AS SELECT * FROM (VALUES
      (1, 'BAR', 12.5, DATE '2024-03-01', 'O''Hara St'),
      (2, 'bar & grill', 20.0, DATE '2024-03-02', 'Main; DROP TABLE fields; --'),
      (3, NULL, NULL, NULL, NULL),
      (4, '  ', 5.0, DATE '2024-02-29', 'x'' OR ''1''=''1'),
      (5, 'PARKING LOT', 100.0, DATE '2024-03-05', 'Elm')
    ) t(id, "Premise ""Type""; --", "Value", "Day", "Address")`);
    expect(made.ok).toBe(true);
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function ids(table: string, where: string): Promise<string[]> {
    const key = table === 'fields' ? 'id' : '"Case"';
    const r = await engine.query(`SELECT ${key}::VARCHAR AS c FROM ${table} WHERE ${where} ORDER BY 1`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.toArray().map((row) => String(row.c));
  }

  it('keeps the incidents inside a concave drawn area: 4 of 8 (the notch, outside and no-coordinate rows drop)', async () => {
    const cols = detectExploreColumns(['Case', 'Offense Code', 'Occurred From', 'Longitude', 'Latitude']);
    expect(cols?.lon).toBeTruthy();
    expect(await ids('raw2', buildFilterWhereSql(f({ polygon: L_SHAPE }), cols!))).toEqual(['a', 'b', 'c', 'g']);
    // Combined with another filter kind, both apply.
    expect(await ids('raw2', buildFilterWhereSql(f({ polygon: L_SHAPE, codes: ['220'] }), cols!))).toEqual([]);
  });

  it('keeps nothing when the table has no coordinates, and nothing for a refused ring', async () => {
    expect(buildFilterWhereSql(f({ polygon: L_SHAPE }), { occurred: 'NULL', code: 'NULL', beat: null })).toBe('FALSE');
    expect(buildPolygonFilterSql([at(0, 0), at(1, 1)], 'x', 'y')).toBe('FALSE');
  });

  it('agrees with a reference PNPOLY on random points and random star-shaped areas', async () => {
    const rng = createRng(42);
    const rnd = () => rng.next();
    const pts = Array.from({ length: 400 }, () => [LON0 + 0.03 * rnd(), LAT0 + 0.03 * rnd()] as const);
    expect((await engine.query(`CREATE TABLE rp AS SELECT * FROM (VALUES ${pts.map(([x, y], i) => `(${i}, ${x}, ${y})`).join(', ')}) t(i, x, y)`)).ok).toBe(true);
    for (let trial = 0; trial < 5; trial++) {
      const n = 3 + Math.floor(rnd() * 12);
      const ring = Array.from({ length: n }, (_, k) => {
        const a = (2 * Math.PI * k) / n;
        const r = 0.004 + 0.011 * rnd();
        return [LON0 + 0.015 + r * Math.cos(a), LAT0 + 0.015 + r * Math.sin(a)] as [number, number];
      });
      const want = pts.flatMap(([x, y], i) => (inside(ring, x, y) ? [i] : []));
      const r = await engine.query(`SELECT i FROM rp WHERE ${buildPolygonFilterSql(ring, 'x', 'y')} ORDER BY i`);
      expect(r.ok).toBe(true);
      const got = r.ok ? r.value.toArray().map((row) => Number(row.i)) : [];
      expect(got).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    }
  });

  it('runs the largest allowed area (500 corners) and still agrees with the reference', async () => {
    const n = 500;
    const ring = Array.from({ length: n }, (_, k) => {
      const a = (2 * Math.PI * k) / n;
      const r = k % 2 ? 0.006 : 0.014;
      return [LON0 + 0.015 + r * Math.cos(a), LAT0 + 0.015 + r * Math.sin(a)] as [number, number];
    });
    const r = await engine.query(`SELECT i FROM rp WHERE ${buildPolygonFilterSql(ring, 'x', 'y')} ORDER BY i`);
    expect(r.ok).toBe(true);
    const rows = await engine.query('SELECT i, x::DOUBLE AS x, y::DOUBLE AS y FROM rp ORDER BY i');
    const want = rows.ok ? rows.value.toArray().flatMap((row) => (inside(ring, Number(row.x), Number(row.y)) ? [Number(row.i)] : [])) : [];
    expect(r.ok ? r.value.toArray().map((row) => Number(row.i)) : null).toEqual(want);
    expect(want.length).toBeGreaterThan(10);
  });

  it('parses saved polygons defensively', () => {
    expect(parseFilterPolygon([[1, 2], [3, 4], [5, 7], [1, 2]])).toEqual([[1, 2], [3, 4], [5, 7]]);
    expect(parseFilterPolygon([[1, 2], [3, 4]])).toBeNull();
    expect(parseFilterPolygon([[1, 2], [3, 4], ['5; DROP', 6]])).toBeNull();
    expect(parseFilterPolygon([[1, 2], [3, 4], [Infinity, 6]])).toBeNull();
    expect(parseFilterPolygon([[1, 2], [3, 4], [200, 6]])).toBeNull();
    expect(parseFilterPolygon('x')).toBeNull();
  });

  const PREMISE = 'Premise "Type"; --';
  const cond = (patch: Partial<FieldFilter>): FieldFilter => ({ column: PREMISE, kind: 'text', op: 'eq', value: '', ...patch });
  const run = (...fs: FieldFilter[]) => ids('fields', buildFilterWhereSql(f({ fields: fs }), { occurred: 'NULL', code: 'NULL', beat: null }));

  it('compares text: =, ≠ (empty cells kept), contains ignoring case, is empty', async () => {
    expect(await run(cond({ value: 'BAR' }))).toEqual(['1']);
    expect(await run(cond({ op: 'ne', value: 'BAR' }))).toEqual(['2', '3', '4', '5']);
    expect(await run(cond({ op: 'contains', value: 'bAr' }))).toEqual(['1', '2']);
    expect(await run(cond({ op: 'empty' }))).toEqual(['3', '4']);
  });

  it('compares numbers and whole days', async () => {
    expect(await run(cond({ column: 'Value', kind: 'number', op: 'gt', value: '12.5' }))).toEqual(['2', '5']);
    expect(await run(cond({ column: 'Value', kind: 'number', op: 'lt', value: ' 12.5 ' }))).toEqual(['4']);
    expect(await run(cond({ column: 'Value', kind: 'number', op: 'between', value: '5', value2: '20' }))).toEqual(['1', '2', '4']);
    expect(await run(cond({ column: 'Value', kind: 'number', op: 'ne', value: '20' }))).toEqual(['1', '3', '4', '5']);
    expect(await run(cond({ column: 'Day', kind: 'date', op: 'eq', value: '2024-03-01' }))).toEqual(['1']);
    expect(await run(cond({ column: 'Day', kind: 'date', op: 'lt', value: '2024-03-01' }))).toEqual(['4']);
    expect(await run(cond({ column: 'Day', kind: 'date', op: 'gt', value: '2024-03-01' }))).toEqual(['2', '5']);
    expect(await run(cond({ column: 'Day', kind: 'date', op: 'between', value: '2024-02-29', value2: '2024-03-02' }))).toEqual(['1', '2', '4']);
    // Two conditions: both must hold.
    expect(await run(cond({ column: 'Value', kind: 'number', op: 'gt', value: '10' }), cond({ op: 'contains', value: 'bar' }))).toEqual(['1', '2']);
  });

  it('keeps hostile column names and values harmless', async () => {
    expect(await run(cond({ column: 'Address', value: 'Main; DROP TABLE fields; --' }))).toEqual(['2']);
    expect(await run(cond({ column: 'Address', value: "x' OR '1'='1" }))).toEqual(['4']);
    expect(await run(cond({ column: 'Address', value: "O'Hara St" }))).toEqual(['1']);
    expect(await run(cond({ column: 'Address', op: 'contains', value: "'); DROP TABLE fields; --" }))).toEqual([]);
    // A number column given SQL instead of a number matches nothing; no SQL is built from it.
    const bad = cond({ column: 'Value', kind: 'number', op: 'gt', value: '1 OR 1=1' });
    expect(buildFieldFilterSql(bad)).toBe('FALSE');
    expect(checkFieldFilter(bad)).toBe('"1 OR 1=1" is not a number.');
    expect(checkFieldFilter(cond({ column: 'Day', kind: 'date', value: '2024-02-30' }))).toMatch(/not a date/);
    // A column that does not exist is an engine error naming it, not an injection.
    const missing = await engine.query(`SELECT count(*) FROM fields WHERE ${buildFieldFilterSql(cond({ column: 'id" FROM fields; DROP TABLE fields; --', value: '1' }))}`);
    expect(missing.ok).toBe(false);
    const still = await engine.query('SELECT count(*)::INTEGER AS n FROM fields');
    expect(still.ok && Number(still.value.getChild('n')?.get(0))).toBe(5);
  });

  it('names kinds, describes chips and parses saved conditions', () => {
    expect(fieldKindOfType('DECIMAL(9,2)')).toBe('number');
    expect(fieldKindOfType('TIMESTAMP WITH TIME ZONE')).toBe('date');
    expect(fieldKindOfType('VARCHAR')).toBe('text');
    expect(describeFieldFilter(cond({ value: 'BAR' }))).toBe('Premise "Type"; -- = "BAR"');
    expect(describeFieldFilter(cond({ column: 'Value', kind: 'number', op: 'between', value: '5', value2: '20' }))).toBe('Value between 5 and 20');
    const saved = parseFieldFilters([{ column: 'A', kind: 'text', op: 'eq', value: 'x' }, { column: 'B', kind: 'text', op: 'drop', value: 'x' }, null, { column: 3 }]);
    expect(saved).toEqual([{ column: 'A', kind: 'text', op: 'eq', value: 'x' }]);
    const parsed = parseExploreFilter({ polygon: L_SHAPE, fields: saved });
    expect(parsed.polygon).toEqual(L_SHAPE);
    expect(isEmptyFilter(parsed)).toBe(false);
    expect(isEmptyFilter({ ...EMPTY_FILTER, fields: [] })).toBe(true);
  });
});
