import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findStaleTempFiles, writeFileAtomic } from '../../../electron/services/atomic-write';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The id of a process that has already ended (so it certainly does not run any more). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('findStaleTempFiles', () => {
  const target = '/data/city.spiproj';
  const old = () => 1_000;
  const opts = { pid: 500, startedMs: 2_000, isAlive: (pid: number) => pid === 600 };

  it('picks the temporary files of dead writers of this target (and of its .bak) older than this process', () => {
    const names = [
      '.city.spiproj.123.0123456789ab.tmp', // dead writer: stale
      '.city.spiproj.bak.124.0123456789ab.tmp', // dead writer's backup copy: stale
      '.city.spiproj.600.0123456789ab.tmp', // a live writer (another window, the CLI): kept
      '.city.spiproj.500.0123456789ab.tmp', // this process: kept
      '.other.spiproj.123.0123456789ab.tmp', // another target: kept
      '.city.spiproj.123.tmp', // not our pattern: kept
      'city.spiproj', // the file itself
      '.cityXspiproj.123.0123456789ab.tmp', // the dot is literal, not "any character"
    ];
    expect(findStaleTempFiles(target, names, old, opts)).toEqual(['.city.spiproj.123.0123456789ab.tmp', '.city.spiproj.bak.124.0123456789ab.tmp']);
  });

  it('keeps a dead writer\'s file that is newer than this process, or whose time is unknown', () => {
    expect(findStaleTempFiles(target, ['.city.spiproj.123.0123456789ab.tmp'], () => 3_000, opts)).toEqual([]);
    expect(findStaleTempFiles(target, ['.city.spiproj.123.0123456789ab.tmp'], () => null, opts)).toEqual([]);
  });
});

describe('writeFileAtomic clean-up of leftovers from killed saves', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-stale-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('removes a dead writer\'s temporary files after a successful save, and nothing else', async () => {
    const target = path.join(dir, 'city.spiproj');
    const dead = deadPid();
    const past = new Date(Date.now() - 3_600_000);
    const stale = [`.city.spiproj.${dead}.0123456789ab.tmp`, `.city.spiproj.bak.${dead}.ba9876543210.tmp`];
    const kept = [`.city.spiproj.${process.ppid}.0123456789ab.tmp`, `.other.spiproj.${dead}.0123456789ab.tmp`, 'notes.txt'];
    for (const name of [...stale, ...kept]) {
      await writeFile(path.join(dir, name), 'half a file');
      await utimes(path.join(dir, name), past, past);
    }
    expect((await writeFileAtomic(target, enc('v1'))).ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['city.spiproj', ...kept].sort());
    expect(await readFile(target, 'utf8')).toBe('v1');
  });

  it('leaves them alone when asked not to clean', async () => {
    const target = path.join(dir, 'city.spiproj');
    const name = `.city.spiproj.${deadPid()}.0123456789ab.tmp`;
    await writeFile(path.join(dir, name), 'x');
    const past = new Date(Date.now() - 3_600_000);
    await utimes(path.join(dir, name), past, past);
    expect((await writeFileAtomic(target, enc('v1'), { cleanStaleTemps: false })).ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([name, 'city.spiproj'].sort());
  });
});
