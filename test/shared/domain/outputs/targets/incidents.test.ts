import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransform } from '../../../../../shared/domain/geo/crs';
import { queryTargetIncidents } from '../../../../../shared/domain/outputs/targets/incidents';
import type { SqlEngine } from '../../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../../helpers/engine';

let engine: SqlEngine;

beforeAll(async () => {
  engine = await openTestEngine();
  const q = async (sql: string) => {
    const r = await engine.query(sql);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  // A normalized dataset: x/y in EPSG:32138, case_row, one row without coordinates.
  await q(`CREATE TABLE norm AS SELECT * FROM (VALUES
    (700000.0, 2140000.0, TIMESTAMP '2024-03-04 10:30', TIMESTAMP '2024-03-04 12:15', 'property', '220', '1234 MAIN ST', 1.0),
    (700010.0, 2140010.0, TIMESTAMP '2024-03-04 11:00', NULL, 'property', '220', '1234 MAIN ST', 2.0),
    (NULL, NULL, TIMESTAMP '2024-03-05 11:00', NULL, 'violent', '13A', NULL, 1.0),
    (700020.0, 2140020.0, NULL, NULL, NULL, NULL, NULL, 1.0)
  ) t(x, y, occurred_from, occurred_to, offense_group, offense_code, address, case_row)`);
  // A raw export: vendor column names, text dates, lon/lat, no offense_group, no case_row.
  await q(`CREATE TABLE raw AS SELECT * FROM (VALUES
    ('2024-03-04 10:30', '13A', '100 OAK ST', -97.45, 32.93),
    ('2024-03-05 22:00', '220', '200 OAK ST', -97.46, 32.94),
    ('2024-03-06 01:00', '13A', '300 OAK ST', 0.0, 0.0),
    ('2024-03-06 02:00', '13A', '400 OAK ST', 32.93, -97.45)
  ) t("Occurred From", "Offense Code", "Block Address", "Longitude", "Latitude")`);
});
afterAll(async () => {
  await engine.close();
});

describe('queryTargetIncidents', () => {
  it('reads a normalized dataset: each case once, rows without coordinates counted, dictionary-encoded text', async () => {
    const r = await queryTargetIncidents(engine, 'norm', { crs: 'EPSG:32138' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const v = r.value;
    expect(v.n).toBe(2);
    expect(v.skipped).toEqual({ noCoordinates: 1, extraCaseRows: 1 });
    expect(v.crs).toBe('EPSG:32138');
    expect(Array.from(v.x)).toEqual([700000, 700020]);
    expect(v.fromMs[0]).toBe(Date.UTC(2024, 2, 4, 10, 30));
    expect(v.toMs[0]).toBe(Date.UTC(2024, 2, 4, 12, 15));
    expect(v.fromMs[1]).toBeNaN();
    expect(v.group.values).toEqual(['property']);
    expect(Array.from(v.group.codes)).toEqual([0, -1]);
    const all = await queryTargetIncidents(engine, 'norm', { crs: 'EPSG:32138', allRows: true });
    expect(all.ok && all.value.n).toBe(3);
  });

  it('converts x/y in feet to the metric twin', async () => {
    const r = await queryTargetIncidents(engine, 'norm', { crs: 'EPSG:2276', filter: 'offense_group IS NOT NULL' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.crs).toBe('EPSG:32138');
    const [x] = createTransform('EPSG:2276', 'EPSG:32138')(700000, 2140000);
    expect(r.value.x[0]).toBeCloseTo(x, 6);
    expect(r.value.notes[0]).toContain('converted');
  });

  it('reads a raw export by its vendor names, projecting lon/lat (swaps put right, (0, 0) left out) and grouping codes by NIBRS', async () => {
    const r = await queryTargetIncidents(engine, 'raw', { crs: null });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const v = r.value;
    expect(v.n).toBe(3);
    expect(v.skipped.noCoordinates).toBe(1);
    expect(v.x[2]).toBeCloseTo(v.x[0]!, 6);
    expect(v.y[2]).toBeCloseTo(v.y[0]!, 6);
    expect(v.crs).toMatch(/^EPSG:326\d\d$/);
    const [x] = createTransform('EPSG:4326', v.crs)(-97.45, 32.93);
    expect(v.x[0]).toBeCloseTo(x, 6);
    expect(v.fromMs[1]).toBe(Date.UTC(2024, 2, 5, 22, 0));
    expect(v.group.values).toEqual(['violent', 'property']);
    expect(v.address.values).toEqual(['100 OAK ST', '200 OAK ST', '400 OAK ST']);
  });

  it('refuses a table without positions and a bad filter, naming them', async () => {
    const none = await queryTargetIncidents(engine, 'raw', { crs: null, filter: 'nope = 1' });
    expect(!none.ok && none.error.kind === 'invalid-argument' && none.error.name).toBe('--filter');
    await engine.query('CREATE TABLE nopos AS SELECT 1 AS a');
    const r = await queryTargetIncidents(engine, 'nopos', { crs: null });
    expect(!r.ok && r.error.kind).toBe('column-missing');
  });
});
