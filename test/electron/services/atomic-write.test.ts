import * as fsp from 'node:fs/promises';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPathFor, writeFileAtomic, type AtomicFs } from '../../../electron/services/atomic-write';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const realFs = fsp as unknown as AtomicFs;

/** An fs whose `step` fails with a Node-style error. */
function failingFs(step: 'rename' | 'write' | 'sync' | 'link+copy', code = 'EIO'): AtomicFs {
  const fail = async (): Promise<never> => {
    throw Object.assign(new Error(`${code}: simulated failure`), { code });
  };
  if (step === 'rename') return { ...realFs, rename: fail };
  if (step === 'link+copy') return { ...realFs, link: fail, copyFile: fail };
  return {
    ...realFs,
    async open(p, flags, mode) {
      const h = await fsp.open(p, flags, mode);
      return {
        writeFile: step === 'write' ? fail : (d: Uint8Array) => h.writeFile(d),
        sync: step === 'sync' ? fail : () => h.sync(),
        close: () => h.close(),
      };
    },
  };
}

describe('writeFileAtomic', () => {
  let dir: string;
  let target: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-atomic-'));
    target = path.join(dir, 'city.spiw');
  });
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a new file and no backup when there was nothing to replace', async () => {
    await expect(writeFileAtomic(target, enc('v1'))).resolves.toEqual({ ok: true, value: undefined });
    expect(await readFile(target, 'utf8')).toBe('v1');
    expect(await readdir(dir)).toEqual(['city.spiw']);
  });

  it('replaces the file and keeps the previous version as .bak, leaving no temp file', async () => {
    await writeFile(target, 'v1');
    expect((await writeFileAtomic(target, enc('v2'))).ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('v2');
    expect(await readFile(backupPathFor(target), 'utf8')).toBe('v1');
    expect((await writeFileAtomic(target, enc('v3'))).ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('v3');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('v2');
    expect((await readdir(dir)).sort()).toEqual(['city.spiw', 'city.spiw.bak']);
  });

  it('keeps no backup when asked not to', async () => {
    await writeFile(target, 'v1');
    expect((await writeFileAtomic(target, enc('v2'), { keepBackup: false })).ok).toBe(true);
    expect(await readdir(dir)).toEqual(['city.spiw']);
  });

  it.each(['rename', 'write', 'sync'] as const)('leaves the original untouched when %s fails', async (step) => {
    await writeFile(target, 'original');
    const r = await writeFileAtomic(target, enc('new'), { fs: failingFs(step) });
    expect(r).toMatchObject({ ok: false, error: { kind: 'io', path: target } });
    expect(await readFile(target, 'utf8')).toBe('original');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says the disk is full in plain words', async () => {
    await writeFile(target, 'original');
    const r = await writeFileAtomic(target, enc('new'), { fs: failingFs('write', 'ENOSPC') });
    expect(r).toEqual({ ok: false, error: { kind: 'io', path: target, message: 'cannot save: the disk is full' } });
  });

  it('does not replace the file when no backup can be made', async () => {
    await writeFile(target, 'original');
    const r = await writeFileAtomic(target, enc('new'), { fs: failingFs('link+copy') });
    expect(r.ok).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['city.spiw']);
  });

  it('falls back to copying when hard links are not supported', async () => {
    await writeFile(target, 'v1');
    const noLinks: AtomicFs = {
      ...realFs,
      link: async () => {
        throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      },
    };
    expect((await writeFileAtomic(target, enc('v2'), { fs: noLinks })).ok).toBe(true);
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('v1');
  });

  it('retries a rename that Windows briefly refuses', async () => {
    await writeFile(target, 'v1');
    let refusals = 2;
    const busy: AtomicFs = {
      ...realFs,
      rename: async (a, b) => {
        if (refusals-- > 0) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
        return fsp.rename(a, b);
      },
    };
    expect((await writeFileAtomic(target, enc('v2'), { fs: busy, platform: 'win32' })).ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('v2');
  });

  it('refuses to replace a folder', async () => {
    await mkdir(target);
    const r = await writeFileAtomic(target, enc('x'));
    expect(r).toMatchObject({ ok: false, error: { kind: 'io', path: target } });
    expect((await stat(target)).isDirectory()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('keeps the permission bits of the file it replaces', async () => {
    await writeFile(target, 'v1');
    await chmod(target, 0o600);
    expect((await writeFileAtomic(target, enc('v2'))).ok).toBe(true);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('fails cleanly when the folder does not exist', async () => {
    const r = await writeFileAtomic(path.join(dir, 'missing', 'x.spiw'), enc('x'));
    expect(r).toMatchObject({ ok: false, error: { kind: 'io' } });
  });
});
