import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFileSystemError, folderWriteProblem, withoutTempName, writeFailureReason } from '../../../electron/cli/fs-errors';

const dir = mkdtempSync(path.join(tmpdir(), 'spi-fs-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fsError = (code: string, file: string) => Object.assign(new Error(`${code}: failed, open '${file}'`), { code, path: file });

describe('file-system errors in plain words', () => {
  it("shows a writer's temporary file as the file it stands for", () => {
    expect(withoutTempName('/data/out/.incidents.parquet.4242.0123456789ab.tmp')).toBe('/data/out/incidents.parquet');
    expect(withoutTempName('/data/maps/city map.pdf.4242.tmp')).toBe('/data/maps/city map.pdf');
    expect(withoutTempName('/data/notes.tmp')).toBe('/data/notes.tmp');
    expect(withoutTempName('/data/.hidden.csv')).toBe('/data/.hidden.csv');
  });

  it('names the file and the reason; unknown errors are left to the caller', async () => {
    expect(await describeFileSystemError(fsError('EROFS', '/mnt/ro/.x.csv.12.abcdef012345.tmp'))).toBe('/mnt/ro/x.csv: the disk is read-only');
    expect(await describeFileSystemError(fsError('ENOSPC', '/mnt/small/a.pdf'))).toBe('/mnt/small/a.pdf: the disk is full');
    expect(await describeFileSystemError(fsError('EMFILE', '/x'))).toBeNull();
    expect(await describeFileSystemError(new Error('not a file error'))).toBeNull();
  });

  it('ENOENT under a writable folder stays "no such file or folder"', async () => {
    expect(await writeFailureReason(path.join(dir, 'missing', 'deeper', 'x.csv'), fsError('ENOENT', path.join(dir, 'missing')))).toBe('no such file or folder');
  });

  it('a writable folder, or a missing one under a writable folder, has no write problem', async () => {
    expect(await folderWriteProblem(dir)).toBeNull();
    expect(await folderWriteProblem(path.join(dir, 'not', 'yet', 'made'))).toBeNull();
  });
});
