import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAppError } from '../../../shared/base/errors';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { openTestEngine } from '../../helpers/engine';

const enc = (s: string) => new TextEncoder().encode(s);

async function load(engine: SqlEngine, name: string, bytes: Uint8Array, table = 't') {
  await engine.registerFileBuffer(name, bytes);
  return loadTableFromSource(engine, { fileName: name, head: bytes.subarray(0, 65536), sqlSource: name, readAll: async () => bytes }, table);
}

describe('loadTableFromSource on the real engine', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('loads comma, pipe and tab files with a quoted embedded newline', async () => {
    const csv = 'case,note,n\n1,"two\nlines",5\n2,plain,6\n';
    const r = await load(engine, 'a.csv', enc(csv), 'a');
    expect(r.ok && r.value).toMatchObject({ table: 'a', rows: 2 });
    const pipe = await load(engine, 'b.txt', enc('case|n\n1|5\n2|6\n3|7\n'), 'b');
    expect(pipe.ok && pipe.value.rows).toBe(3);
    const tab = await load(engine, 'c.tsv', enc('case\tn\n1\t5\n'), 'c');
    expect(tab.ok && tab.value.columns.map((c) => c.name)).toEqual(['case', 'n']);
  });

  it('refuses empty and binary files with a message naming the file', async () => {
    const empty = await load(engine, 'empty.csv', new Uint8Array());
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(formatAppError(empty.error)).toBe('empty.csv: the file is empty');
    const binary = await load(engine, 'photo.csv', new Uint8Array([0xff, 0xd8, 0x00, 0x01]));
    expect(binary.ok).toBe(false);
    if (!binary.ok) expect(formatAppError(binary.error)).toMatch(/^photo\.csv: not a CSV or Parquet file/);
  });

  it('replaces a table of the same name instead of failing', async () => {
    await load(engine, 'v1.csv', enc('x\n1\n2\n'), 'same');
    const second = await load(engine, 'v2.csv', enc('x\n1\n'), 'same');
    expect(second.ok && second.value.rows).toBe(1);
  });
});
