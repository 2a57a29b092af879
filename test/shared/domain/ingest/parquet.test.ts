import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parseParquet } from '../../../../shared/domain/ingest/parquet';
import { loadTableFromSource } from '../../../../shared/engine/load-table';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

function sampleParquet(): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'case_id', data: ['A-1', 'A-2', 'A-3'], type: 'STRING' },
        { name: 'x', data: new Float64Array([1.5, 2.5, 3.5]), type: 'DOUBLE' },
        { name: 'n', data: new Int32Array([7, 8, 9]), type: 'INT32' },
      ],
    }),
  );
}

describe('Parquet through the JS reader', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads every column and row into Arrow', async () => {
    const parsed = await parseParquet(sampleParquet(), 'cases.parquet');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.numRows).toBe(3);
    expect(parsed.value.getChild('case_id')?.get(2)).toBe('A-3');
    expect(parsed.value.getChild('x')?.get(1)).toBe(2.5);
  });

  it('loads into DuckDB as a queryable table', async () => {
    const bytes = sampleParquet();
    const loaded = await loadTableFromSource(engine, { fileName: 'cases.parquet', head: bytes, sqlSource: 'unused', readAll: async () => bytes }, 'cases');
    expect(loaded.ok && loaded.value.rows).toBe(3);
    const sum = await engine.query('SELECT sum(n)::INTEGER AS s, sum(x) AS sx FROM cases');
    expect(sum.ok && sum.value.toArray()[0]?.toJSON()).toEqual({ s: 24, sx: 7.5 });
  });

  it('names the file when the bytes are not Parquet', async () => {
    const parsed = await parseParquet(new Uint8Array([0x50, 0x41, 0x52, 0x31, 1, 2, 3]), 'broken.parquet');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ kind: 'file-format', path: 'broken.parquet' });
  });
});
