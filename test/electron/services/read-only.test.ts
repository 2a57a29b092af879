/**
 * Issue 10 "read-only folders give a clear message, never a half-written file": saving a project,
 * `spi ingest --out`, `spi project export --out`, `spi export targets --out` and `spi export map --out` into a folder on a
 * READ-ONLY file system. The tests run as root, so chmod would not stop a write: the folder is a
 * read-only bind mount of itself (`mount --bind D D; mount -o remount,ro,bind D`). Each must exit
 * with one line naming the file or folder and saying the disk is read-only, and leave every file
 * that was there byte for byte (and nothing new: no temporary file, no empty folder).
 * Only where this process may not mount (an unprivileged container) is the suite skipped, and it
 * says so.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAppError } from '../../../shared/base/errors';
import type { CliIo } from '../../../electron/cli/io';
import { runCli } from '../../../electron/cli/main';
import { saveProjectFile } from '../../../electron/services/project-file';
import { makeKillCsv } from './fixtures/kill-inputs';
import { makeKillTestProject } from './fixtures/kill-project';

const root = mkdtempSync(path.join(tmpdir(), 'spi-readonly-'));
const ro = path.join(root, 'ro');
mkdirSync(ro);

/** True when this process may bind-mount (probed on a scratch folder, unmounted at once). */
function canMount(): boolean {
  const probe = path.join(root, 'probe');
  mkdirSync(probe);
  try {
    execFileSync('mount', ['--bind', probe, probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mountable = canMount();
if (!mountable) console.warn('read-only folder tests skipped: this process may not mount (mount --bind was refused), so a read-only folder cannot be made for root');

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

/** Every file and folder below `dir` with the SHA-256 of each file's bytes. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(dir, full);
      if (statSync(full).isDirectory()) {
        result[`${rel}/`] = 'folder';
        walk(full);
      } else result[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return result;
}

describe.skipIf(!mountable)('writing into a read-only folder', () => {
  let before: Record<string, string>;
  let mounted = false;

  beforeAll(async () => {
    // What is in the folder before it becomes read-only: a saved project, an earlier import's
    // outputs and an earlier target list (all written by the code under test).
    const saved = await saveProjectFile(makeKillTestProject(300, 'A', 1), path.join(ro, 'city.spiproj'), '0.1.0');
    if (!saved.ok) throw new Error(formatAppError(saved.error));
    writeFileSync(path.join(root, 'a.csv'), makeKillCsv(300, 5));
    const ingest = capture(root);
    if ((await runCli(['ingest', 'a.csv', '--out', 'ro/out', '--table', 'incidents'], ingest.io)) !== 0) throw new Error(ingest.err());
    const sample = capture(root);
    if ((await runCli(['sample', '--out', 'city', '--incidents', '300', '--years', '1'], sample.io)) !== 0) throw new Error(sample.err());
    const targets = capture(root);
    if ((await runCli(['export', 'targets', 'city/sample-city.spiproj', '--areas', 'city/beats.geojson', '--format', 'geojson', '--top', '3', '--out', 'ro/targets.geojson'], targets.io)) !== 0) throw new Error(targets.err());
    before = snapshot(ro);
    execFileSync('mount', ['--bind', ro, ro]);
    mounted = true;
    execFileSync('mount', ['-o', 'remount,ro,bind', ro]);
  }, 300_000);

  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', ro]);
    rmSync(root, { recursive: true, force: true });
  });

  it('the folder really is read-only for root', () => {
    expect(() => writeFileSync(path.join(ro, 'probe.txt'), 'x')).toThrow(/EROFS/);
  });

  it('saving a project: a message naming the file and the read-only disk; the saved file stays', async () => {
    const target = path.join(ro, 'city.spiproj');
    const result = await saveProjectFile(makeKillTestProject(300, 'B', 2), target, '0.1.0');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : formatAppError(result.error)).toBe(`${target}: cannot save: the disk is read-only`);
    expect(snapshot(ro)).toEqual(before);
  });

  it('spi ingest into an existing folder: exit 2 before the import, the folder named, the earlier outputs stay', async () => {
    const c = capture(root);
    expect(await runCli(['ingest', 'a.csv', '--out', 'ro/out', '--table', 'incidents'], c.io)).toBe(2);
    expect(c.err()).toBe('spi ingest: --out: cannot write into ro/out: the disk is read-only\n');
    expect(snapshot(ro)).toEqual(before);
  }, 120_000);

  it('spi ingest into a new folder: exit 2 before the import, the folder named', async () => {
    const c = capture(root);
    expect(await runCli(['ingest', 'a.csv', '--out', 'ro/new/deeper'], c.io)).toBe(2);
    expect(c.err()).toBe('spi ingest: --out: cannot write into ro/new/deeper: the disk is read-only\n');
    expect(snapshot(ro)).toEqual(before);
  }, 120_000);

  it('spi project export: exit 2, the folder named', async () => {
    const c = capture(root);
    expect(await runCli(['project', 'export', 'ro/city.spiproj', '--out', 'ro/parts'], c.io)).toBe(2);
    expect(c.err()).toBe(`spi project: ${path.join(ro, 'parts')}: the disk is read-only\n`);
    expect(snapshot(ro)).toEqual(before);
  }, 120_000);

  it('spi export targets: exit 2, the file named, the earlier list stays', async () => {
    const c = capture(root);
    const code = await runCli(['export', 'targets', 'city/sample-city.spiproj', '--areas', 'city/beats.geojson', '--format', 'geojson', '--top', '6', '--out', 'ro/targets.geojson'], c.io);
    expect(code).toBe(2);
    expect(c.err()).toMatch(/^spi export: .*ro\/targets\.geojson: cannot save: the disk is read-only\n$/);
    expect(snapshot(ro)).toEqual(before);
  }, 120_000);

  it('spi export map: exit 2, the map named (not its temporary file)', async () => {
    const c = capture(root);
    expect(await runCli(['export', 'map', 'city/sample-city.spiproj', '--out', 'ro/map.pdf', '--dpi', '150'], c.io)).toBe(2);
    expect(c.err()).toBe(`spi export: ${path.join(ro, 'map.pdf')}: cannot save: the disk is read-only\n`);
    expect(snapshot(ro)).toEqual(before);
  }, 120_000);
});
