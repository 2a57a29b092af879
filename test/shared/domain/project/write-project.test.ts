import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableAsParquet } from '../../../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../../../shared/domain/ingest/source';
import { listZipEntries } from '../../../../shared/domain/project/zip-reader';
import { readProject } from '../../../../shared/domain/project/read-project';
import { pagesCompressed, writeProject } from '../../../../shared/domain/project/write-project';
import type { Project } from '../../../../shared/domain/project/project';
import { toPlainRows } from '../../../../shared/engine/arrow-values';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';
import { makeProject } from './fixtures';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
  const made = await engine.query(
    `CREATE TABLE inc AS SELECT 'C-' || i AS case_id, CASE WHEN i % 10 = 0 THEN NULL ELSE -97.3 + i / 1e4 END AS lon, 32.7 + i / 1e4 AS lat, ` +
      `TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS occurred_from, (i % 7)::INTEGER AS beat FROM range(3000) t(i)`,
  );
  if (!made.ok) throw new Error(JSON.stringify(made.error));
});
afterAll(async () => {
  await engine.close();
});

async function parquetOf(codec: 'UNCOMPRESSED' | 'SNAPPY'): Promise<Uint8Array> {
  const sink = memorySink();
  const w = await writeTableAsParquet(engine, 'inc', sink, { codec, batchRows: 1000 });
  if (!w.ok) throw new Error(JSON.stringify(w.error));
  return sink.bytes();
}

function projectWith(parquet: Uint8Array, rows = 3000): Project {
  const p = makeProject();
  p.datasets = [{ ...p.datasets[0]!, meta: { ...p.datasets[0]!.meta, rows }, table: null, parquet, quarantine: null }];
  return p;
}

describe('saving and reopening large datasets quickly', () => {
  it('stores SNAPPY Parquet in the zip as it is and deflates uncompressed Parquet (level 1)', async () => {
    const snappy = await parquetOf('SNAPPY');
    const plain = await parquetOf('UNCOMPRESSED');
    expect(pagesCompressed(snappy)).toBe(true);
    expect(pagesCompressed(plain)).toBe(false);
    expect(pagesCompressed(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(snappy.length).toBeLessThan(plain.length);
    for (const [parquet, method] of [[snappy, 0], [plain, 8]] as const) {
      const bytes = await writeProject(projectWith(parquet), { appVersion: 't', now: '2024-01-01T00:00:00.000Z' });
      const listed = listZipEntries(bytes);
      expect(listed.ok && listed.value.find((e) => e.name === 'datasets/incidents/data.parquet')?.method).toBe(method);
    }
  });

  it('reopens both layouts to the same table (the fast decoder) with every hash checked', async () => {
    const tables = [];
    for (const codec of ['SNAPPY', 'UNCOMPRESSED'] as const) {
      const bytes = await writeProject(projectWith(await parquetOf(codec)), { appVersion: 't' });
      const opened = await readProject(bytes, 'p.spiproj');
      expect(opened.ok && opened.value.problems).toEqual([]);
      if (opened.ok) tables.push(opened.value.project.datasets[0]!.table!);
    }
    expect(tables[0]!.numRows).toBe(3000);
    expect(toPlainRows(tables[0]!)).toEqual(toPlainRows(tables[1]!));
    expect(toPlainRows(tables[0]!.slice(10, 11))).toEqual([{ case_id: 'C-10', lon: null, lat: 32.701, occurred_from: '2024-01-01 10:00:00', beat: 3 }]);
  });

  it('a stored part changed by one byte is reported by hash and not decoded', async () => {
    const bytes = await writeProject(projectWith(await parquetOf('SNAPPY')), { appVersion: 't' });
    const entry = (listZipEntries(bytes) as { ok: true; value: { name: string; localHeaderOffset: number }[] }).value.find((e) => e.name.endsWith('data.parquet'))!;
    const damaged = bytes.slice();
    const at = entry.localHeaderOffset + 30 + 'datasets/incidents/data.parquet'.length + 100;
    damaged[at] = damaged[at]! ^ 1;
    const opened = await readProject(damaged, 'p.spiproj');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.readOnly).toBe(true);
    expect(opened.value.problems[0]).toMatchObject({ part: 'datasets/incidents/data.parquet', reason: expect.stringContaining('does not match the manifest') });
    expect(opened.value.project.datasets[0]?.table ?? null).toBeNull();
  });

  it('decodeTables: false checks hashes and footers only, and still catches a wrong row count', async () => {
    const parquet = await parquetOf('SNAPPY');
    const good = await readProject(await writeProject(projectWith(parquet), { appVersion: 't' }), 'p.spiproj', { decodeTables: false });
    expect(good.ok && good.value.problems).toEqual([]);
    expect(good.ok && good.value.project.datasets[0]!.table).toBeNull();
    // A writer that sealed a wrong description: every hash matches, the footer does not.
    const wrong = await readProject(await writeProject(projectWith(parquet, 2999), { appVersion: 't' }), 'p.spiproj', { decodeTables: false });
    expect(wrong.ok && wrong.value.problems).toEqual([{ part: 'datasets/incidents/data.parquet', reason: 'holds 3000 rows, its description says 2999' }]);
  });
});
