import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autosavePath,
  createAutosaveStore,
  decodeAutosave,
  encodeAutosave,
  parseAutosaveKey,
} from '../../../electron/services/autosave-store';

describe('autosave file layout', () => {
  it('round-trips savedAt and bytes', () => {
    const entry = { key: 'session', savedAt: '2024-05-01T12:00:00.000Z', bytes: new Uint8Array([1, 2, 3, 250]) };
    expect(decodeAutosave('session', encodeAutosave(entry))).toEqual({ ok: true, value: entry });
  });
  it('refuses foreign or truncated bytes', () => {
    expect(decodeAutosave('k', new Uint8Array([1, 2, 3])).ok).toBe(false);
    const good = encodeAutosave({ key: 'k', savedAt: 'x', bytes: new Uint8Array(10) });
    expect(decodeAutosave('k', good.subarray(0, 14)).ok).toBe(false);
  });
});

describe('parseAutosaveKey', () => {
  it.each(['session', 'project-1.state', 'A_b-9'])('accepts %s', (k) => {
    expect(parseAutosaveKey(k).ok).toBe(true);
  });
  it.each(['', '..', '.hidden', 'trailing.', 'CON', 'nul.txt', 'com1', 'a/b', 'a\\b', 'x'.repeat(101)])('refuses %j', (k) => {
    expect(parseAutosaveKey(k)).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });
});

describe('createAutosaveStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-autosave-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns null for a key never saved', async () => {
    expect(await createAutosaveStore(dir).get('session')).toEqual({ ok: true, value: null });
  });

  it('puts into <userData>/autosave/<key>.bin and gets it back', async () => {
    const store = createAutosaveStore(dir);
    const entry = { key: 'session', savedAt: '2024-05-01T12:00:00.000Z', bytes: new Uint8Array([9, 8, 7]) };
    expect(await store.put(entry)).toEqual({ ok: true, value: undefined });
    expect(await readdir(path.join(dir, 'autosave'))).toEqual(['session.bin']);
    const back = await store.get('session');
    expect(back).toEqual({ ok: true, value: entry });
    // The bytes own their buffer: nothing but the payload would cross IPC.
    if (back.ok && back.value) expect(back.value.bytes.buffer.byteLength).toBe(3);
    await store.put({ ...entry, bytes: new Uint8Array([1]) });
    expect(await store.get('session')).toMatchObject({ ok: true, value: { bytes: new Uint8Array([1]) } });
    expect(await readdir(path.join(dir, 'autosave'))).toEqual(['session.bin']);
  });

  it('reports a corrupt autosave as a file-format error naming the file', async () => {
    await mkdir(path.join(dir, 'autosave'));
    await writeFile(autosavePath(dir, 'session'), 'garbage');
    expect(await createAutosaveStore(dir).get('session')).toEqual({
      ok: false,
      error: { kind: 'file-format', path: autosavePath(dir, 'session'), reason: 'not an autosave file' },
    });
  });

  it('refuses a key that is not a safe file name', async () => {
    const store = createAutosaveStore(dir);
    const r = await store.put({ key: 'CON', savedAt: 'x', bytes: new Uint8Array() });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });
});
