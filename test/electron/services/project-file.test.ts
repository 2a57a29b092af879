import { afterAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { inflateWithZlib, verifyProjectFile } from '../../../electron/services/project-file';
import { readProject } from '../../../shared/domain/project/read-project';
import { readZipEntryWith } from '../../../shared/domain/project/zip-reader';
import { toPlainRows } from '../../../shared/engine/arrow-values';
import { writeProject } from '../../../shared/domain/project/write-project';
import { toParquetBytes } from '../../../shared/domain/project/arrow-parquet';
import { makeProject } from '../../shared/domain/project/fixtures';
import { tempDir } from '../../helpers/engine';

const tmp = tempDir('spi-verify-');
afterAll(() => tmp.cleanup());

describe('verifyProjectFile (the read-back after each save)', () => {
  it('accepts a whole file without decoding its tables', async () => {
    const file = tmp.write('ok.spiproj', await writeProject(makeProject(), { appVersion: 't' }));
    expect(await verifyProjectFile(file)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a file whose Parquet footer states another row count than its description', async () => {
    const p = makeProject();
    const d = p.datasets[0]!;
    p.datasets = [{ ...d, meta: { ...d.meta, rows: 5 }, parquet: toParquetBytes(d.table!), table: null }];
    const file = tmp.write('wrong.spiproj', await writeProject(p, { appVersion: 't' }));
    const r = await verifyProjectFile(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'io', message: 'verification failed: datasets/incidents/data.parquet: holds 4 rows, its description says 5' });
  });

  it('refuses a truncated file, naming what is wrong', async () => {
    const bytes = await writeProject(makeProject(), { appVersion: 't' });
    const file = tmp.write('cut.spiproj', bytes.subarray(0, bytes.length - 30));
    const r = await verifyProjectFile(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'io', message: expect.stringMatching(/^verification failed: /) });
  });
});

describe('inflateWithZlib (native inflate of deflated parts)', () => {
  it('opens a deflated project exactly as the JS inflater does', async () => {
    const bytes = await writeProject(makeProject(), { appVersion: 't', now: '2024-01-01T00:00:00.000Z' });
    const native = await readProject(bytes, 'p.spiproj', { inflateRaw: inflateWithZlib });
    const js = await readProject(bytes, 'p.spiproj');
    expect(native.ok && native.value.problems).toEqual([]);
    expect(native.ok && toPlainRows(native.value.project.datasets[0]!.table!)).toEqual(js.ok && toPlainRows(js.value.project.datasets[0]!.table!));
    expect(native.ok && native.value.project.documents).toEqual(makeProject().documents);
  });

  it('refuses data that inflates past the declared size (a lying zip bomb)', async () => {
    const big = deflateSync(new Uint8Array(1 << 20));
    await expect(inflateWithZlib(big, 1000)).rejects.toThrow();
    const entry = { name: 'x.bin', method: 8, compressedSize: big.length, size: 1000, localHeaderOffset: 0 };
    const zip = new Uint8Array(30 + 5 + big.length);
    new DataView(zip.buffer).setUint32(0, 0x04034b50, true);
    new DataView(zip.buffer).setUint16(26, 5, true);
    zip.set(big, 35);
    const r = await readZipEntryWith(zip, entry, inflateWithZlib);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(/^x\.bin: /);
  });
});
