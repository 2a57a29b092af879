import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { buildFieldFilterSql, type FieldFilter, type FieldKind, type FieldOp } from '../../../../shared/domain/explore/area-field-filters';
import { buildFilterIndex, type FilterIndex } from '../../../../shared/domain/explore/filter-index';
import { filterConditionMask } from '../../../../shared/domain/explore/filter-index-conditions';
import { fieldConditionNeeds, numberConditionLiterals } from '../../../../shared/domain/explore/filter-index-fields';
import { queryExploreFilter, type ExploreFilterOutput } from '../../../../shared/domain/explore/filter-index-query';
import type { PointColumnsView } from '../../../../shared/domain/explore/filtered-points';
import { EMPTY_FILTER, NORMALIZED_COLUMNS, type ExploreFilter } from '../../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
// Text values chosen where JS and DuckDB could differ: case mapping beyond ASCII, blanks that are
// not spaces, astral characters (UTF-16 vs UTF-8 order), a quote, NULL.
const TEXTS = ['BAR', 'bar', 'Bar & Grill', '', '  ', '\t', ' x ', 'İstanbul', 'STRASSE', 'straße', 'Ω', '😀 lot', 'O\'Hara', 'ǅ', null];
// Numbers as text: readable, unreadable, NaN, infinities, signed zero, exponent, NULL.
const NUMS = ['12.5', '20', '5', '-0', '0', '0.1', '0.30000000000000004', '1e3', 'nan', 'inf', '-inf', 'abc', '', null];
const NEEDLES = ['bar', 'BAR', '', 'i̇', 'İ', 'ss', 'ß', '😀', ' ', "'", 'grill', 'ǆ'];
const NUMBER_VALUES = ['12.5', '0', '-0', '0.1', '0.30000000000000004', '1e3', '5', '-1e308', '20', '.5', 'nan', 'x'];

function randomCondition(rng: Rng): FieldFilter {
  const column = rng.pick(['Premise', 'Value', 'Amount', 'Day', 'Count']);
  const kind: FieldKind = column === 'Premise' ? 'text' : column === 'Day' ? 'date' : rng.chance(0.8) ? 'number' : 'text';
  const op = rng.pick<FieldOp>(['eq', 'ne', 'contains', 'lt', 'gt', 'between', 'empty']);
  const pickValue = () => (kind === 'date' ? rng.pick(['2024-03-01', '2024-02-29', '2024-13-01']) : kind === 'number' ? rng.pick(NUMBER_VALUES) : rng.pick([...NEEDLES, ...TEXTS.filter((t): t is string => t !== null)]));
  return { column, kind, op, value: pickValue(), ...(op === 'between' ? { value2: pickValue() } : {}) };
}

function pointsOf(n: number): PointColumnsView {
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return { lon: col((i) => -95 + i * 1e-5), lat: col((i) => 29 + i * 1e-5), x: col((i) => i), y: col((i) => -i), group: new Uint8Array(n), rowId: Uint32Array.from({ length: n }, (_, i) => i) };
}
const comparable = (o: ExploreFilterOutput) => ({
  rowIds: Array.from(o.points.rowId),
  count: o.count,
  start: Array.from(o.histogram?.start ?? []),
  counts: Array.from(o.histogram?.count ?? []),
  hourDow: Array.from(o.hourDow ?? []),
});

describe('filter index: field conditions equal the SQL path (real DuckDB)', () => {
  let engine: SqlEngine;
  let index: FilterIndex;
  const N = 900;

  async function sqlRows(where: string): Promise<number[]> {
    const t = unwrap(await engine.query(`SELECT rowid::INTEGER AS r FROM t WHERE ${where} ORDER BY 1`));
    return Array.from(t.getChild('r')!.toArray() as Int32Array);
  }
  async function memoryRows(f: FieldFilter) {
    const m = unwrap(await filterConditionMask(engine, 't', NORMALIZED_COLUMNS, index, { ...EMPTY_FILTER, fields: [f] }));
    return { rows: Array.from(m.mask!.keys()).filter((r) => m.mask![r] === 1), path: m.paths[0] };
  }

  beforeAll(async () => {
    engine = await openTestEngine();
    const rng = createRng(21);
    const rows = Array.from({ length: N }, (_, i) => {
      const day = rng.chance(0.1) ? 'NULL' : `DATE '2024-02-2${5 + rng.int(5)}' + ${rng.int(8)}`;
      const amount = rng.chance(0.1) ? 'NULL' : rng.pick(["'NaN'::DOUBLE", "'-0'::DOUBLE", "'Infinity'::DOUBLE", '0.0::DOUBLE', '12.5::DOUBLE', `${rng.int(30)}::DOUBLE`, '(0.1 + 0.2)::DOUBLE']);
      return `(TIMESTAMP '2024-01-01' + to_seconds(${rng.int(300 * 86400)}), ${q(rng.pick(['13A', '220', '290']))}, ${q(`B${rng.int(4)}`)}, ${-95 + i * 1e-5}, ${29 + i * 1e-5},
        ${q(rng.pick(TEXTS))}, ${q(rng.pick(NUMS))}, ${amount}, ${day}, ${rng.chance(0.1) ? 'NULL' : rng.int(25) - 5})`;
    });
    unwrap(
      await engine.query(`CREATE TABLE t AS SELECT occurred_from, offense_code, beat, lon, lat, "Premise", "Value", "Amount", "Day", "Count"::INTEGER AS "Count" FROM (VALUES ${rows.join(', ')})
        v(occurred_from, offense_code, beat, lon, lat, "Premise", "Value", "Amount", "Day", "Count")`),
    );
    index = unwrap(await buildFilterIndex(engine, 't', NORMALIZED_COLUMNS))!;
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('text =, ≠, contains and is empty run in memory and keep the SQL rows (Unicode case, blanks, NULL)', async () => {
    for (const op of ['eq', 'ne', 'contains', 'empty'] as const) {
      for (const value of [...NEEDLES, ...TEXTS.filter((t): t is string => t !== null)]) {
        const f: FieldFilter = { column: 'Premise', kind: 'text', op, value };
        const got = await memoryRows(f);
        expect(got.path === 'memory' || got.path === 'cached').toBe(true);
        expect(got.rows, JSON.stringify(f)).toEqual(await sqlRows(buildFieldFilterSql(f)));
      }
    }
    // Worked: 'is empty' keeps NULL, '' and blanks DuckDB's trim removes; ≠ keeps NULL.
    const empty = await memoryRows({ column: 'Premise', kind: 'text', op: 'empty', value: '' });
    const nulls = await sqlRows('"Premise" IS NULL');
    expect(nulls.every((r) => empty.rows.includes(r))).toBe(true);
  });

  it('number =, ≠, <, >, between run in memory and keep the SQL rows (NaN, infinities, -0, NULL, unreadable text)', async () => {
    for (const column of ['Value', 'Amount', 'Count']) {
      for (const op of ['eq', 'ne', 'lt', 'gt', 'between'] as const) {
        for (const value of NUMBER_VALUES) {
          const f: FieldFilter = { column, kind: 'number', op, value, ...(op === 'between' ? { value2: '12.5' } : {}) };
          const got = await memoryRows(f);
          const valid = !['nan', 'x'].includes(value);
          expect(fieldConditionNeeds(f)).toBe(valid ? 'number' : null);
          if (valid) expect(got.path === 'memory' || got.path === 'cached', JSON.stringify(f)).toBe(true);
          expect(got.rows, JSON.stringify(f)).toEqual(await sqlRows(buildFieldFilterSql(f)));
        }
      }
    }
    expect(numberConditionLiterals({ column: 'A', kind: 'number', op: 'between', value: '1e3', value2: '-.5' })).toEqual([1000, -0.5]);
  });

  it('leaves dates, text order and refused values to one SQL scan each, with the same rows', async () => {
    const cases: FieldFilter[] = [
      { column: 'Day', kind: 'date', op: 'eq', value: '2024-03-01' },
      { column: 'Day', kind: 'date', op: 'between', value: '2024-02-29', value2: '2024-03-02' },
      { column: 'Premise', kind: 'text', op: 'lt', value: 'Ω' },
      { column: 'Premise', kind: 'text', op: 'between', value: 'B', value2: '😀' },
      { column: 'Value', kind: 'number', op: 'gt', value: 'not a number' },
      { column: 'Premise', kind: 'text', op: 'eq', value: 'bad \uD800 surrogate' },
    ];
    for (const f of cases) {
      const got = await memoryRows(f);
      expect(got.path).toBe('sql');
      expect(got.rows, JSON.stringify(f)).toEqual(await sqlRows(buildFieldFilterSql(f)));
    }
  });

  it('answers whole filters (area, fields, groups, dates, hours) through the index exactly as the SQL path', async () => {
    const rng = createRng(8);
    const points = pointsOf(N);
    for (let k = 0; k < 30; k++) {
      const filter: ExploreFilter = {
        ...EMPTY_FILTER,
        dateFrom: rng.chance(0.5) ? '2024-03-01' : null,
        groups: rng.chance(0.4) ? [0] : null,
        hours: rng.chance(0.3) ? [1, 5, 9, 13, 17, 21] : null,
        polygon: rng.chance(0.5) ? [[-95.01, 28.99], [-94.994, 29.0], [-94.997, 29.009], [-95.0, 29.004]] : null,
        fields: Array.from({ length: rng.int(3) }, () => randomCondition(rng)),
      };
      for (const bucket of ['week', 'month'] as const) {
        const fast = unwrap(await queryExploreFilter(engine, 't', NORMALIZED_COLUMNS, points, filter, bucket, index));
        const sql = unwrap(await queryExploreFilter(engine, 't', NORMALIZED_COLUMNS, points, filter, bucket, null));
        expect(fast.path).toBe('index');
        expect(sql.path).toBe('sql');
        expect(comparable(fast), JSON.stringify(filter)).toEqual(comparable(sql));
      }
    }
  });

  it('falls back to the SQL path when a condition names a column that does not exist (its error reported as before)', async () => {
    const filter: ExploreFilter = { ...EMPTY_FILTER, fields: [{ column: 'Nope', kind: 'text', op: 'eq', value: 'x' }] };
    const fast = await queryExploreFilter(engine, 't', NORMALIZED_COLUMNS, pointsOf(N), filter, 'week', index);
    expect(fast.ok).toBe(false);
    expect(fast.ok ? '' : JSON.stringify(fast.error)).toMatch(/Nope/);
  });
});
