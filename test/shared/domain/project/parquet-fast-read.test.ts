import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DataType, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { parseParquet } from '../../../../shared/domain/ingest/parquet';
import { writeTableAsParquet } from '../../../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../../../shared/domain/ingest/source';
import { toParquetBytes } from '../../../../shared/domain/project/arrow-parquet';
import { readParquetFast } from '../../../../shared/domain/project/parquet-fast-read';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
  const made = await engine.query(
    `CREATE TABLE t AS SELECT i::INTEGER AS i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s, CASE WHEN i % 4 = 0 THEN NULL ELSE i * 1.5 END AS d, ` +
      `CASE WHEN i % 5 = 0 THEN NULL ELSE TIMESTAMP '1969-12-31 23:59:58.123456' + INTERVAL (i) MINUTE END AS ts, i::BIGINT * 1000000000 AS b, ` +
      `CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 = 0 END AS bo, DATE '1960-01-01' + CAST(i * 13 AS INTEGER) AS dt, ` +
      `NULL::VARCHAR AS none, CASE WHEN i % 9 = 0 THEN '' ELSE repeat('é€ "q", x', (i % 11)::INTEGER) END AS txt FROM range(2500) r(i); DELETE FROM t WHERE i % 7 = 3`,
  );
  if (!made.ok) throw new Error(JSON.stringify(made.error));
});
afterAll(async () => {
  await engine.close();
});

async function written(table: string, codec: 'UNCOMPRESSED' | 'SNAPPY', batchRows: number): Promise<Uint8Array> {
  const sink = memorySink();
  const w = await writeTableAsParquet(engine, table, sink, { batchRows, codec });
  if (!w.ok) throw new Error(JSON.stringify(w.error));
  return sink.bytes();
}

/**
 * Every value of every column, bigints as text (for toEqual). The general reader widens an INT32
 * column split over several row groups to Float64 (same values); the fast one keeps Int32, the
 * engine's INTEGER: types are compared with that one difference folded.
 */
function columns(t: Table): Record<string, { type: string; nulls: number; values: unknown[] }> {
  const out: Record<string, { type: string; nulls: number; values: unknown[] }> = {};
  for (const f of t.schema.fields) {
    const v = t.getChild(f.name)!;
    const values: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v.get(i);
      values.push(typeof x === 'bigint' ? String(x) : x);
    }
    out[f.name] = { type: String(f.type) === 'Int32' ? 'Float64' : String(f.type), nulls: v.nullCount, values };
  }
  return out;
}

describe('readParquetFast', () => {
  for (const codec of ['UNCOMPRESSED', 'SNAPPY'] as const) {
    it(`decodes the app writer's ${codec} files to the same values and types as hyparquet`, async () => {
      const bytes = await written('t', codec, 700);
      const fast = readParquetFast(bytes);
      const slow = await parseParquet(bytes, 't.parquet');
      expect(fast).not.toBeNull();
      expect(slow.ok).toBe(true);
      if (!slow.ok || !fast) return;
      expect(fast.numRows).toBe(2143);
      expect(columns(fast)).toEqual(columns(slow.value));
      const row4 = fast.get(fast.getChild('i')!.toArray().indexOf(4))!.toJSON();
      expect(row4).toMatchObject({ i: 4, s: 'v4', d: null, b: 4000000000n, bo: true, none: null, txt: 'é€ "q", x'.repeat(4) });
      expect(new Date(row4.ts as number).toISOString()).toBe('1970-01-01T00:03:58.123Z');
      expect(new Date(row4.dt as number).toISOString()).toBe('1960-02-22T00:00:00.000Z');
    });
  }

  it('keeps the Arrow types the engine needs (no dictionaries, timestamps in milliseconds)', async () => {
    const fast = readParquetFast(await written('t', 'SNAPPY', 1000))!;
    const types = Object.fromEntries(fast.schema.fields.map((f) => [f.name, f.type]));
    expect(DataType.isUtf8(types.s)).toBe(true);
    expect(DataType.isFloat(types.d)).toBe(true);
    expect(DataType.isInt(types.i) && types.i.bitWidth).toBe(32);
    expect(DataType.isInt(types.b) && types.b.bitWidth).toBe(64);
    expect(DataType.isBool(types.bo)).toBe(true);
    expect(DataType.isTimestamp(types.ts) && types.ts.unit).toBe(1);
    expect(DataType.isTimestamp(types.dt)).toBe(true);
  });

  it('matches hyparquet on random tables (nulls, text lengths, row-group sizes)', async () => {
    const rng = createRng(20240601);
    const random = () => rng.next();
    for (let round = 0; round < 4; round++) {
      const n = 50 + Math.floor(random() * 400);
      const pNull = Math.floor(random() * 1000);
      await engine.query(
        `CREATE OR REPLACE TABLE r AS SELECT CASE WHEN hash(i + ${round * 7919}) % 1000 < ${pNull} THEN NULL ELSE repeat(chr((65 + i % 50)::INTEGER), (i * ${round + 3}) % 40) END AS s, ` +
          `CASE WHEN hash(i * 31 + ${round}) % 1000 < ${pNull} THEN NULL ELSE i * ${random().toFixed(6)} END AS x FROM range(${n}) t(i)`,
      );
      const bytes = await written('r', round % 2 ? 'SNAPPY' : 'UNCOMPRESSED', 1 + Math.floor(random() * n));
      const slow = await parseParquet(bytes, 'r.parquet');
      expect(slow.ok).toBe(true);
      if (slow.ok) expect(columns(readParquetFast(bytes)!)).toEqual(columns(slow.value));
    }
  });

  it('writes text native DuckDB reads back byte for byte (DELTA_LENGTH_BYTE_ARRAY, SNAPPY)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spi-fast-'));
    try {
      const file = path.join(dir, 't.parquet');
      writeFileSync(file, await written('t', 'SNAPPY', 700));
      const native = await (await DuckDBInstance.create(':memory:')).connect();
      const sql = `SELECT md5(string_agg(coalesce(s, '~') || '|' || coalesce(txt, '~') || '|' || coalesce(none, '~'), ',' ORDER BY i))::VARCHAR AS h, count(s)::INTEGER AS n FROM`;
      const theirs = (await native.runAndReadAll(`${sql} read_parquet('${file}')`)).getRowObjects()[0];
      const ours = await engine.query(`${sql} t`);
      expect(ours.ok).toBe(true);
      if (ours.ok) expect(theirs).toEqual(ours.value.get(0)!.toJSON());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declines files outside its layout (native DuckDB: dictionary pages), so the caller uses the general reader', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spi-fast-'));
    try {
      const file = path.join(dir, 'native.parquet');
      const native = await (await DuckDBInstance.create(':memory:')).connect();
      await native.run(`COPY (SELECT 'beat ' || (i % 5) AS beat, i FROM range(1000) t(i)) TO '${file}' (FORMAT parquet)`);
      const bytes = new Uint8Array(readFileSync(file));
      expect(readParquetFast(bytes)).toBeNull();
      expect((await parseParquet(bytes, 'native.parquet')).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees with hyparquet on hyparquet-writer files whenever it accepts them', async () => {
    const source = readParquetFast(await written('t', 'SNAPPY', 1000))!;
    const bytes = toParquetBytes(source.select(['i', 's', 'd', 'txt']));
    const slow = await parseParquet(bytes, 'hw.parquet');
    const fast = readParquetFast(bytes);
    expect(slow.ok).toBe(true);
    if (fast && slow.ok) expect(columns(fast)).toEqual(columns(slow.value));
  });

  it('throws on a damaged page instead of returning wrong values', async () => {
    const bytes = await written('t', 'UNCOMPRESSED', 5000);
    const damaged = bytes.slice();
    // Corrupt the first text length prefix of column s (after its page header and levels).
    const at = new TextDecoder('latin1').decode(damaged).indexOf('v1');
    damaged[at - 4] = 0xff;
    damaged[at - 3] = 0xff;
    expect(() => readParquetFast(damaged)).toThrow(/column s/);
    expect(readParquetFast(bytes.subarray(0, bytes.length - 10))).toBeNull();
  });
});
