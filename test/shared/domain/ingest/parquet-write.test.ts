import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { writeTableAsParquet } from '../../../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../../../shared/domain/ingest/source';
import { openTestEngine } from '../../../helpers/engine';

let engine: SqlEngine;
const dir = mkdtempSync(path.join(os.tmpdir(), 'spi-pq-'));
beforeAll(async () => {
  engine = await openTestEngine();
  const made = await engine.query(
    `CREATE TABLE t AS SELECT i::INTEGER AS i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s, CASE WHEN i % 4 = 0 THEN NULL ELSE i * 1.5 END AS d, ` +
      `TIMESTAMP '2024-01-01 00:00' + INTERVAL (i) MINUTE AS ts, i::BIGINT * 1000000000 AS b, i % 2 = 0 AS bo, DATE '2024-01-01' + CAST(i AS INTEGER) AS dt, ` +
      `NULL::VARCHAR AS none, 'é€ "q", x' AS txt FROM range(2500) r(i); DELETE FROM t WHERE i % 7 = 3`,
  );
  if (!made.ok) throw new Error(JSON.stringify(made.error));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeTableAsParquet', () => {
  it('writes row groups that hyparquet reads back value for value, deleted rows excluded', async () => {
    const sink = memorySink();
    const w = await writeTableAsParquet(engine, 't', sink, { batchRows: 1000 });
    expect(w.ok && w.value.rows).toBe(2500 - 357);
    const bytes = sink.bytes();
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    expect(rows).toHaveLength(2143);
    expect(rows[0]).toMatchObject({ i: 0, s: null, d: null, b: 0n, bo: true, none: null, txt: 'é€ "q", x' });
    const r4 = rows.find((r) => r.i === 4);
    expect(r4).toMatchObject({ s: 'v4', d: null, b: 4000000000n, bo: true });
    expect((r4?.ts as Date).toISOString()).toBe('2024-01-01T00:04:00.000Z');
    expect(rows.find((r) => r.i === 5)?.d).toBe(7.5);
    expect(rows.some((r) => r.i === 3)).toBe(false);
  });

  it('is read by native DuckDB with the same types and sums', async () => {
    const sink = memorySink();
    await writeTableAsParquet(engine, 't', sink, { batchRows: 700 });
    const file = path.join(dir, 't.parquet');
    writeFileSync(file, sink.bytes());
    const native = await (await DuckDBInstance.create(':memory:')).connect();
    const described = await native.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
    expect(Object.fromEntries(described.getRows().map((r) => [String(r[0]), String(r[1])]))).toMatchObject({ i: 'INTEGER', s: 'VARCHAR', d: 'DOUBLE', ts: 'TIMESTAMP', b: 'BIGINT', bo: 'BOOLEAN', dt: 'DATE' });
    const sums = await native.runAndReadAll(`SELECT count(*)::INT, count(s)::INT, sum(d)::DOUBLE, max(ts)::VARCHAR, sum(b)::DOUBLE, count(*) FILTER (WHERE bo)::INT, min(dt)::VARCHAR FROM read_parquet('${file}')`);
    const ours = await engine.query(`SELECT count(*)::INT AS a, count(s)::INT AS b, sum(d)::DOUBLE AS c, max(ts)::VARCHAR AS d, sum(b)::DOUBLE AS e, count(*) FILTER (WHERE bo)::INT AS f, min(dt)::VARCHAR AS g FROM t`);
    expect(ours.ok).toBe(true);
    if (ours.ok) expect(sums.getRows()[0]).toEqual(Object.values(ours.value.toArray()[0]?.toJSON() ?? {}));
  });
});
