import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessPointColumns, UNMAPPED_GROUP_INDEX } from '../../../../shared/domain/explore/incident-points';
import { queryIncidentPoints } from '../../../../shared/domain/explore/query-incident-points';
import { OFFENSE_GROUPS } from '../../../../shared/domain/ingest/nibrs';
import { loadTableFromSource } from '../../../../shared/engine/load-table';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const CSV = [
  'Case Number,Offense Code,Longitude,Latitude',
  '24-1, 13a ,-97.10,32.75', // stray space and lower case: still violent
  '24-2,220,-97.11,32.76', // property
  '24-3,220,0,0', // zero coordinates: not a point
  '24-4,120,,', // missing: not a point
  '24-5,23F,32.77,-97.12', // swapped lat/lon: swapped back
  '24-6,ZZZ,-97.13,32.78', // unknown code: unmapped, still on the map
  '24-7,120,abc,32.7', // unparseable: not a point
].join('\n');

const groupIndex = (id: string) => OFFENSE_GROUPS.findIndex((g) => g.id === id);

describe('incident points from a raw export (real DuckDB)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
    const bytes = new TextEncoder().encode(CSV);
    await engine.registerFileBuffer('raw.csv', bytes);
    const loaded = await loadTableFromSource(engine, { fileName: 'raw.csv', head: bytes, sqlSource: 'raw.csv', readAll: async () => bytes }, 'raw');
    expect(loaded.ok).toBe(true);
  });
  afterAll(async () => {
    await engine.close();
  });

  it('keeps usable points, fixes swapped pairs and groups codes by the NIBRS dictionary', async () => {
    const r = await queryIncidentPoints(engine, 'raw');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value;
    expect(p.rows).toBe(7);
    expect(Array.from(p.rowId)).toEqual([0, 1, 4, 5]);
    expect(Array.from(p.lon)).toEqual([-97.1, -97.11, -97.12, -97.13]);
    expect(Array.from(p.lat)).toEqual([32.75, 32.76, 32.77, 32.78]);
    expect(Array.from(p.group)).toEqual([groupIndex('violent'), groupIndex('property'), groupIndex('property'), UNMAPPED_GROUP_INDEX]);
  });

  it('says which columns it needs when the header has none it recognizes', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n');
    await engine.registerFileBuffer('plain.csv', bytes);
    await loadTableFromSource(engine, { fileName: 'plain.csv', head: bytes, sqlSource: 'plain.csv', readAll: async () => bytes }, 'plain');
    const r = await queryIncidentPoints(engine, 'plain');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toMatch(/longitude, latitude and offense code \(found: a, b\)/);
  });
});

describe('guessPointColumns', () => {
  it('finds the usual vendor spellings', () => {
    expect(guessPointColumns(['uid', 'offense_type', 'date', 'longitude', 'latitude'])).toEqual({ lon: 'longitude', lat: 'latitude', code: 'offense_type' });
    expect(guessPointColumns(['INCIDENT', 'UCR_CODE', 'LAT', 'LON'])).toEqual({ lon: 'LON', lat: 'LAT', code: 'UCR_CODE' });
    expect(guessPointColumns(['x', 'y'])).toBeNull();
  });
});

describe('buildGroupFilterSql', () => {
  it('keeps exactly the rows whose CASE group index is in the set, for every kind of subset (NULL and unknown codes are unmapped)', async () => {
    const { buildGroupFilterSql, buildGroupIndexSql } = await import('../../../../shared/domain/explore/incident-points');
    const { NIBRS_OFFENSES, normalizeOffenseCode } = await import('../../../../shared/domain/ingest/nibrs');
    const { createRng } = await import('../../../../shared/base/random');
    const engine = await openTestEngine();
    try {
      const codes = [...new Set(NIBRS_OFFENSES.map((o) => normalizeOffenseCode(o.code)))];
      const values = [...codes.map((c) => `'${c}'`), 'NULL', "'ZZZ'", "''"];
      const made = await engine.query(`CREATE TABLE g AS SELECT * FROM (VALUES ${values.map((v) => `(${v})`).join(', ')}) v(code)`);
      expect(made.ok).toBe(true);
      const rng = createRng(3);
      const subsets: number[][] = [[], [UNMAPPED_GROUP_INDEX], OFFENSE_GROUPS.map((_, i) => i), [...OFFENSE_GROUPS.map((_, i) => i), UNMAPPED_GROUP_INDEX]];
      for (let k = 0; k < 12; k++) subsets.push([...OFFENSE_GROUPS.map((_, i) => i), UNMAPPED_GROUP_INDEX].filter(() => rng.chance(0.5)));
      for (const groups of subsets) {
        const viaCase = `coalesce(list_sort(list(code) FILTER (WHERE ${groups.length ? `${buildGroupIndexSql('(code)')} IN (${groups.join(',')})` : 'FALSE'})), [])`;
        const viaIn = `coalesce(list_sort(list(code) FILTER (WHERE ${buildGroupFilterSql('(code)', groups)})), [])`;
        const r = await engine.query(`SELECT (${viaCase})::VARCHAR AS a, (${viaIn})::VARCHAR AS b, count(*) FILTER (WHERE ${buildGroupFilterSql('(code)', groups)} AND code IS NULL)::INT AS nulls FROM g`);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        const row = r.value.toArray()[0]!.toJSON() as { a: string; b: string; nulls: number };
        expect(row.b, `groups ${groups}`).toBe(row.a);
        expect(row.nulls, `groups ${groups}`).toBe(groups.includes(UNMAPPED_GROUP_INDEX) ? 1 : 0);
      }
    } finally {
      await engine.close();
    }
  });
});
