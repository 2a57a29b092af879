import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readProject } from '../../../../shared/domain/project/read-project';
import { writeProject } from '../../../../shared/domain/project/write-project';
import { DEFAULT_ZIP_LIMITS, listZipEntries, unsafeNameReason } from '../../../../shared/domain/project/zip-reader';
import { makeProject } from './fixtures';

const good = () => writeProject(makeProject(), { appVersion: '0.1.0', now: '2024-05-02T00:00:00.000Z' });

/** Re-zips a valid project's entries after `edit` changed some (manifest kept as it was). */
async function rezip(edit: (files: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
  const files = unzipSync(await good());
  edit(files);
  return zipSync(files);
}

describe('opening untrusted project files', () => {
  it.each([
    ['../../etc/evil.json', '"." or ".." in the path'],
    ['/etc/passwd', 'absolute path'],
    ['C:/Windows/evil.dll', 'absolute path'],
    ['docs\\..\\evil.json', 'backslashes in the name'],
    ['docs/./x.json', '"." or ".." in the path'],
  ])('refuses the whole file when an entry is named %j', async (name, reason) => {
    const bytes = await rezip((f) => {
      f[name] = strToU8('{}');
    });
    const r = await readProject(bytes, 'evil.spiproj');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ kind: 'project-refused', path: 'evil.spiproj', reason: `entry "${name}": ${reason}` });
    expect(unsafeNameReason(name)).toBe(reason);
  });

  it('refuses symbolic links', async () => {
    const bytes = await rezip((f) => {
      f['link'] = strToU8('/etc/passwd');
    });
    // Mark "link" as a symlink: Unix mode 0120777 in the high 16 bits of its external attributes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nameBytes = strToU8('link');
    for (let p = 0; p < bytes.length - 46; p++) {
      if (view.getUint32(p, true) === 0x02014b50 && view.getUint16(p + 28, true) === 4 && bytes.subarray(p + 46, p + 50).every((b, i) => b === nameBytes[i])) {
        view.setUint32(p + 38, (0o120777 << 16) >>> 0, true);
      }
    }
    const r = await readProject(bytes, 'link.spiproj');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('entry "link": symbolic links are not allowed');
  });

  it('refuses zip bombs by compression ratio, entry count and total size', async () => {
    const bomb = zipSync({ 'manifest.json': strToU8('{}'), 'docs/zeros.json': new Uint8Array(64 * 1024 ** 2) });
    const r = await readProject(bomb, 'bomb.spiproj');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(/^entry "docs\/zeros.json": compression ratio \d+:1 looks like a zip bomb$/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`docs/${i}.json`, strToU8('{}')])));
    const limited = listZipEntries(many, { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 });
    expect(limited).toEqual({ ok: false, error: { kind: 'zip-refused', entry: '*', reason: '50 entries (limit 20)' } });
    const big = listZipEntries(many, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 50 });
    expect(big.ok).toBe(false);
  });

  it('opens intact parts read-only and names the part whose hash does not match', async () => {
    const bytes = await rezip((f) => {
      const q = f['datasets/incidents/quality.json']!;
      f['datasets/incidents/quality.json'] = strToU8(new TextDecoder().decode(q).replace('0.97', '0.12'));
    });
    const r = await readProject(bytes, 'tampered.spiproj');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.readOnly).toBe(true);
    expect(r.value.problems).toHaveLength(1);
    expect(r.value.problems[0]!.part).toBe('datasets/incidents/quality.json');
    expect(r.value.problems[0]!.reason).toMatch(/content does not match the manifest/);
    expect(r.value.project.datasets[0]!.table!.numRows).toBe(4);
    expect(r.value.project.datasets[0]!.quality).toBeNull();
    expect(r.value.project.layers).toHaveLength(1);
  });

  it('recovers the complete parts of a truncated file, read-only', async () => {
    const bytes = await good();
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.7));
    const r = await readProject(cut, 'cut.spiproj');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.readOnly).toBe(true);
    expect(r.value.problems[0]!.reason).toMatch(/damaged or truncated .* complete parts recovered/);
    expect(r.value.problems.some((p) => /missing from the file/.test(p.reason))).toBe(true);
    expect(r.value.project.info.title).toBe('Test city');
  });

  it('reports a file from a newer version and opens what it can read-only', async () => {
    const bytes = await rezip((f) => {
      const m = JSON.parse(new TextDecoder().decode(f['manifest.json']));
      m.formatVersion = 99;
      f['manifest.json'] = strToU8(JSON.stringify(m));
    });
    const r = await readProject(bytes, 'future.spiproj');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.readOnly).toBe(true);
    expect(r.value.formatVersion).toBe(99);
    expect(r.value.problems[0]).toEqual({ part: 'manifest.json', reason: 'format version 99 is newer than this app reads (1): opened read-only, newer parts may be missing' });
    expect(r.value.project.datasets).toHaveLength(1);
  });

  it('names an invalid JSON document and refuses files that are not projects', async () => {
    const broken = await rezip((f) => {
      f['docs/map.json'] = strToU8('{"center": [1,');
    });
    const r = await readProject(broken, 'x.spiproj');
    expect(r.ok && r.value.problems.map((p) => p.part)).toEqual(['docs/map.json']);
    const notProject = await readProject(zipSync({ 'a.txt': strToU8('hi') }), 'a.zip');
    expect(notProject).toEqual({ ok: false, error: { kind: 'project-unreadable', path: 'a.zip', reason: 'manifest.json is missing: not an SPI Workbench project' } });
    const notZip = await readProject(strToU8('hello, I am a CSV'), 'b.spiproj');
    expect(notZip.ok).toBe(false);
    if (!notZip.ok) expect(notZip.error.reason).toMatch(/no end-of-central-directory record/);
  });
});
