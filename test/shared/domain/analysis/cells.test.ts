import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { queryGivenUnits } from '../../../../shared/domain/analysis/cells';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => engine.close());

describe('given cells through the engine', () => {
  it('reads id,row,col,count (any case, extra columns ignored) in file order', async () => {
    unwrap(await engine.query(`CREATE TABLE a AS SELECT * FROM (VALUES ('c2', 0, 1, 2, 'x'), ('c1', 0, 0, 1, 'y')) v("ID", "Row", col, count, note)`));
    const u = unwrap(await queryGivenUnits(engine, 'a', 'a.csv'));
    expect(u).toMatchObject({ source: 'cells', n: 2, id: ['c2', 'c1'], x: null });
    expect(Array.from(u.row!)).toEqual([0, 0]);
    expect(Array.from(u.col!)).toEqual([1, 0]);
    expect(Array.from(u.counts)).toEqual([2, 1]);
  });

  it('names the file, row, column and text of a bad value', async () => {
    unwrap(await engine.query(`CREATE TABLE b AS SELECT * FROM (VALUES ('a', '10', '20', '1'), ('b', '30', 'north', '2')) v(id, x, y, count)`));
    expect(await queryGivenUnits(engine, 'b', 'b.csv')).toMatchObject({ ok: false, error: { kind: 'file-format', path: 'b.csv', row: 2, column: 'y', reason: '"north" is not a number' } });
    unwrap(await engine.query(`CREATE TABLE c AS SELECT * FROM (VALUES ('a', 1)) v(id, count)`));
    expect(await queryGivenUnits(engine, 'c', 'c.csv')).toMatchObject({ ok: false, error: { value: 'no x,y or row,col columns' } });
  });
});
