import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { openTestEngine, tempDir } from '../../helpers/engine';

// Statements run with a QueryControl go through runPendingQuery (shared/engine/pending-query.ts)
// on the real duckdb-wasm engine: DuckDB's own progress through a CSV, and a cancel that stops
// the statement between polls and leaves nothing behind.
let engine: SqlEngine;
const dir = tempDir('spi-pending-');
let csv: string;
const ROWS = 400_000;

async function tableExists(name: string): Promise<boolean> {
  const r = await engine.query(`SELECT count(*)::INT AS n FROM information_schema.tables WHERE table_name = '${name}'`);
  if (!r.ok) throw new Error('cannot list tables');
  return Number(r.value.getChild('n')?.get(0)) === 1;
}

beforeAll(async () => {
  engine = await openTestEngine();
  const lines = ['case_id,offense,occurred,x,y'];
  for (let i = 0; i < ROWS; i++) lines.push(`C${i},13A,2024-03-${String((i % 28) + 1).padStart(2, '0')} 12:00,${(i * 7919) % 100000}.5,${(i * 104729) % 100000}.25`);
  csv = dir.write('rows.csv', `${lines.join('\n')}\n`);
  // Report from the first poll (the app waits 300 ms before the first report).
  const set = await engine.query('SET progress_bar_time=0');
  if (!set.ok) throw new Error('cannot set progress_bar_time');
});
afterAll(async () => {
  await engine.close();
  dir.cleanup();
});

describe('a statement run with progress and cancellation', () => {
  it('reports DuckDB progress through the file, rising to at most 1, and returns the result', async () => {
    const seen: number[] = [];
    const r = await engine.query(`CREATE TABLE all_rows AS SELECT * FROM read_csv('${csv}', all_varchar=true)`, { onProgress: (f) => seen.push(f) });
    expect(r.ok).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] as number);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBeLessThanOrEqual(1);
    const n = await engine.query('SELECT count(*)::INT AS n FROM all_rows');
    expect(n.ok && Number(n.value.getChild('n')?.get(0))).toBe(ROWS);
  });

  it('calls onWait after every poll with the seconds so far (a sign of life without progress)', async () => {
    const waits: number[] = [];
    const r = await engine.query(`CREATE TABLE waited AS SELECT *, md5(case_id) AS h FROM read_csv('${csv}', all_varchar=true)`, { onWait: (s) => waits.push(s) });
    expect(r.ok).toBe(true);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] as number);
    expect(waits[0]).toBeGreaterThanOrEqual(0);
  });

  it('returns a query result as a table, the same as without control', async () => {
    const sql = `SELECT offense, count(*)::INT AS n, min(case_id) AS first FROM read_csv('${csv}', all_varchar=true) GROUP BY 1`;
    const plain = await engine.query(sql);
    const polled = await engine.query(sql, { cancel: { aborted: false } });
    if (!plain.ok || !polled.ok) throw new Error('query failed');
    expect(polled.value.toArray().map((x) => x.toJSON())).toEqual(plain.value.toArray().map((x) => x.toJSON()));
    expect(polled.value.toArray()[0]?.toJSON()).toEqual({ offense: '13A', n: ROWS, first: 'C0' });
  });

  it('stops when cancelled mid-statement: {kind:"cancelled"}, no table made, the engine still answers', async () => {
    let progressed = 0;
    const token = { aborted: false };
    const r = await engine.query(`CREATE TABLE cancelled_rows AS SELECT *, md5(case_id) AS h FROM read_csv('${csv}', all_varchar=true)`, {
      cancel: token,
      onProgress: () => {
        progressed++;
        token.aborted = true;
      },
    });
    expect(progressed).toBeGreaterThanOrEqual(1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('cancelled');
    expect(await tableExists('cancelled_rows')).toBe(false);
    const after = await engine.query('SELECT 42 AS x');
    expect(after.ok && after.value.getChild('x')?.get(0)).toBe(42);
  });

  it('other statements sent while it runs wait for it (one between polls would make DuckDB drop it)', async () => {
    const seen: number[] = [];
    const long = engine.query(`CREATE TABLE gated AS SELECT *, md5(case_id) AS h FROM read_csv('${csv}', all_varchar=true)`, { onProgress: (f) => seen.push(f) });
    const order: string[] = [];
    const other = engine.query('SELECT count(*)::INT AS n FROM gated').then((r) => {
      order.push('other');
      return r;
    });
    const done = await long.then((r) => {
      order.push('long');
      return r;
    });
    const counted = await other;
    expect(done.ok).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(order).toEqual(['long', 'other']);
    // It ran after the table existed, so it sees every row.
    expect(counted.ok && Number(counted.value.getChild('n')?.get(0))).toBe(ROWS);
  });

  it('an aborted token stops the statement before it starts', async () => {
    const r = await engine.query('CREATE TABLE never AS SELECT 1 AS x', { cancel: { aborted: true } });
    expect(!r.ok && r.error.kind).toBe('cancelled');
    expect(await tableExists('never')).toBe(false);
  });

  it('a SQL error is a value naming the statement, as without control', async () => {
    const r = await engine.query('SELECT * FROM no_such_table', { onProgress: () => undefined });
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'sql') {
      expect(r.error.sql).toBe('SELECT * FROM no_such_table');
      expect(r.error.message).toMatch(/no_such_table/);
    } else throw new Error(`expected a sql error, got ${JSON.stringify(r)}`);
  });
});
