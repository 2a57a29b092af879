import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutosaveStore } from '../../../electron/services/autosave-store';
import {
  createNodeHost,
  formatByteSize,
  MAX_OPEN_FILE_BYTES,
  readChosenFile,
  safeFileName,
  toDialogFilters,
  type HostDialogs,
  type NodeHostDeps,
} from '../../../electron/services/host-node';
import { createSettingsStore } from '../../../electron/services/settings-store';

type OpenCall = Parameters<HostDialogs['showOpenDialog']>[0];
type SaveCall = Parameters<HostDialogs['showSaveDialog']>[0];

/** Fake dialogs that answer with fixed choices and record what they were asked. */
function fakeDialogs(open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath?: string }) {
  const calls = { open: [] as OpenCall[], save: [] as SaveCall[] };
  const dialogs: HostDialogs = {
    showOpenDialog: async (o) => (calls.open.push(o), open),
    showSaveDialog: async (o) => (calls.save.push(o), save),
  };
  return { dialogs, calls };
}

describe('host-node', () => {
  let dir: string;
  const deps = (dialogs: HostDialogs, extra: Partial<NodeHostDeps> = {}): NodeHostDeps => ({
    dialogs,
    settings: createSettingsStore(path.join(dir, 'userData')),
    autosave: createAutosaveStore(path.join(dir, 'userData')),
    app: { name: 'SPI Workbench', version: '0.1.0', platform: 'linux' },
    ...extra,
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-host-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('getAppInfo states the host and that there is no network', async () => {
    const host = createNodeHost(deps(fakeDialogs({ canceled: true, filePaths: [] }, { canceled: true }).dialogs));
    expect(await host.getAppInfo()).toEqual({
      ok: true,
      value: { name: 'SPI Workbench', version: '0.1.0', host: 'electron', platform: 'linux', network: 'none' },
    });
  });

  it('openFiles reads the chosen files and cleans the filters for the dialog', async () => {
    const a = path.join(dir, 'calls.csv');
    const b = path.join(dir, 'beats.geojson');
    await writeFile(a, 'id,lat,lon\n1,40.1,-75.2\n');
    await writeFile(b, '{}');
    const { dialogs, calls } = fakeDialogs({ canceled: false, filePaths: [a, b] }, { canceled: true });
    const host = createNodeHost(deps(dialogs));
    const r = await host.openFiles({ title: 'Open', filters: [{ name: 'Data', extensions: ['.csv', 'geojson', ''] }], multiple: true });
    expect(calls.open).toEqual([{ title: 'Open', filters: [{ name: 'Data', extensions: ['csv', 'geojson'] }], multiple: true }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((f) => [f.name, f.path, f.size])).toEqual([
      ['calls.csv', a, 24],
      ['beats.geojson', b, 2],
    ]);
    expect(new TextDecoder().decode(r.value[0]!.bytes)).toBe('id,lat,lon\n1,40.1,-75.2\n');
    expect(r.value[0]!.bytes.constructor).toBe(Uint8Array);
  });

  it('openFiles reads only the first file unless multiple was asked for', async () => {
    const a = path.join(dir, 'a.csv');
    await writeFile(a, 'x');
    const { dialogs } = fakeDialogs({ canceled: false, filePaths: [a, path.join(dir, 'missing.csv')] }, { canceled: true });
    const r = await createNodeHost(deps(dialogs)).openFiles({});
    expect(r.ok && r.value.map((f) => f.name)).toEqual(['a.csv']);
  });

  it('openFiles resolves to [] when the dialog is cancelled', async () => {
    const { dialogs } = fakeDialogs({ canceled: true, filePaths: [] }, { canceled: true });
    expect(await createNodeHost(deps(dialogs)).openFiles({})).toEqual({ ok: true, value: [] });
  });

  it('openFiles names a missing file', async () => {
    const missing = path.join(dir, 'gone.csv');
    const { dialogs } = fakeDialogs({ canceled: false, filePaths: [missing] }, { canceled: true });
    expect(await createNodeHost(deps(dialogs)).openFiles({})).toEqual({ ok: false, error: { kind: 'file-not-found', path: missing } });
  });

  it('openFiles refuses a file over the size limit, naming it, without reading it', async () => {
    const big = path.join(dir, 'huge-export.csv');
    await writeFile(big, 'x'.repeat(2048));
    const { dialogs } = fakeDialogs({ canceled: false, filePaths: [big] }, { canceled: true });
    const r = await createNodeHost(deps(dialogs, { maxOpenFileBytes: 1023 })).openFiles({});
    expect(r).toEqual({
      ok: false,
      error: { kind: 'file-unreadable', path: big, reason: 'huge-export.csv is 2.00 KiB; files of 1.00 KiB or more cannot be opened' },
    });
  });

  it('refuses a real 2 GiB file (sparse, nothing is read)', async () => {
    const big = path.join(dir, 'two-gib.csv');
    await writeFile(big, '');
    await truncate(big, MAX_OPEN_FILE_BYTES + 1);
    const r = await readChosenFile(big);
    expect(r).toMatchObject({ ok: false, error: { kind: 'file-unreadable', path: big } });
    if (!r.ok && r.error.kind === 'file-unreadable') expect(r.error.reason).toContain('two-gib.csv is 2.00 GiB');
  });

  it('saveFile writes atomically where the user chose and keeps a .bak', async () => {
    const target = path.join(dir, 'briefing.pdf');
    await writeFile(target, 'old');
    const { dialogs, calls } = fakeDialogs({ canceled: true, filePaths: [] }, { canceled: false, filePath: target });
    const host = createNodeHost(deps(dialogs, { defaultSaveDirectory: '/home/analyst/Documents' }));
    const r = await host.saveFile({ suggestedName: '../../etc/Briefing: May?.pdf', bytes: new TextEncoder().encode('new'), filters: [] });
    expect(r).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(calls.save[0]?.defaultPath).toBe(path.join('/home/analyst/Documents', 'Briefing_ May_.pdf'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('old');
  });

  it('saveFile resolves to saved:false when cancelled (or an empty path comes back)', async () => {
    for (const save of [{ canceled: true }, { canceled: false, filePath: '' }]) {
      const { dialogs } = fakeDialogs({ canceled: true, filePaths: [] }, save);
      const r = await createNodeHost(deps(dialogs)).saveFile({ suggestedName: 'x.csv', bytes: new Uint8Array() });
      expect(r).toEqual({ ok: true, value: { saved: false, path: null } });
    }
  });

  it('saveFile reports a failed write as an io error naming the path', async () => {
    const target = path.join(dir, 'no-such-folder', 'x.csv');
    const { dialogs } = fakeDialogs({ canceled: true, filePaths: [] }, { canceled: false, filePath: target });
    const r = await createNodeHost(deps(dialogs)).saveFile({ suggestedName: 'x.csv', bytes: new Uint8Array([1]) });
    expect(r).toMatchObject({ ok: false, error: { kind: 'io', path: target } });
  });

  it('recent projects and autosave go through the stores', async () => {
    const host = createNodeHost(deps(fakeDialogs({ canceled: true, filePaths: [] }, { canceled: true }).dialogs));
    const p = { name: 'City', path: '/d/city.spiw', openedAt: '2024-05-01T00:00:00Z' };
    expect(await host.addRecentProject(p)).toEqual({ ok: true, value: [p] });
    expect(await host.listRecentProjects()).toEqual({ ok: true, value: [p] });
    const entry = { key: 'session', savedAt: '2024-05-01T00:00:00Z', bytes: new Uint8Array([1, 2]) };
    expect((await host.putAutosave(entry)).ok).toBe(true);
    expect(await host.getAutosave('session')).toEqual({ ok: true, value: entry });
  });
});

describe('helpers', () => {
  it('formatByteSize', () => {
    expect(formatByteSize(900)).toBe('900 bytes');
    expect(formatByteSize(1536)).toBe('1.50 KiB');
    expect(formatByteSize(2 ** 31)).toBe('2.00 GiB');
    expect(formatByteSize(84 * 2 ** 20)).toBe('84.0 MiB');
  });
  it('safeFileName keeps only a harmless last component', () => {
    expect(safeFileName('C:\\Users\\x\\report.csv')).toBe('report.csv');
    expect(safeFileName('..')).toBe('untitled');
    expect(safeFileName('a\u0000b|c.csv')).toBe('a_b_c.csv');
  });
  it('toDialogFilters drops empty filters', () => {
    expect(toDialogFilters([{ name: 'None', extensions: [''] }])).toEqual([]);
    expect(toDialogFilters(undefined)).toEqual([]);
  });
});
