import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecentProject } from '../../../shared/contract/host-api';
import {
  createSettingsStore,
  fileSafeTimestamp,
  MAX_RECENT_PROJECTS,
  parseSettings,
  withRecentProject,
} from '../../../electron/services/settings-store';

const project = (n: number, p: string | null = `/data/p${n}.spiw`): RecentProject => ({
  name: `Project ${n}`,
  path: p,
  openedAt: `2024-05-${String(n % 28 + 1).padStart(2, '0')}T10:00:00.000Z`,
});

describe('withRecentProject', () => {
  it('puts the project first, dedupes by path and keeps at most 10', () => {
    let list: RecentProject[] = [];
    for (let i = 0; i < 15; i++) list = withRecentProject(list, project(i), 'linux');
    expect(list).toHaveLength(MAX_RECENT_PROJECTS);
    expect(list.map((p) => p.name)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5].map((n) => `Project ${n}`));
    const again = withRecentProject(list, { ...project(9), name: 'Renamed 9' }, 'linux');
    expect(again).toHaveLength(10);
    expect(again[0]).toMatchObject({ name: 'Renamed 9', path: '/data/p9.spiw' });
    expect(again.filter((p) => p.path === '/data/p9.spiw')).toHaveLength(1);
  });

  it('compares paths case-insensitively on Windows only', () => {
    const a = project(1, 'C:\\Data\\City.spiw');
    const b = project(2, 'c:\\data\\city.spiw');
    expect(withRecentProject([a], b, 'win32')).toHaveLength(1);
    expect(withRecentProject([project(1, '/d/A.spiw')], project(2, '/d/a.spiw'), 'linux')).toHaveLength(2);
  });

  it('dedupes unsaved projects (null path) by name', () => {
    const list = withRecentProject([project(1, null), project(2)], project(1, null), 'linux');
    expect(list.map((p) => p.path)).toEqual([null, '/data/p2.spiw']);
  });

  it('does not change the input list', () => {
    const list = [project(1)];
    withRecentProject(list, project(2), 'linux');
    expect(list).toEqual([project(1)]);
  });
});

describe('parseSettings', () => {
  it('drops invalid recent entries one by one', () => {
    const text = JSON.stringify({ version: 1, recentProjects: [project(1), { name: 42 }, project(2)] });
    expect(parseSettings(text)).toEqual({ ok: true, value: { recentProjects: [project(1), project(2)] } });
  });
  it('refuses text that is not a JSON object', () => {
    expect(parseSettings('{"recentProjects": [').ok).toBe(false);
    expect(parseSettings('[1,2]').ok).toBe(false);
    expect(parseSettings('null').ok).toBe(false);
  });
});

describe('createSettingsStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty without a file and persists the recent list', async () => {
    const store = createSettingsStore(dir);
    expect(await store.listRecentProjects()).toEqual({ ok: true, value: [] });
    await store.addRecentProject(project(1));
    const r = await store.addRecentProject(project(2));
    expect(r).toEqual({ ok: true, value: [project(2), project(1)] });
    const reopened = createSettingsStore(dir);
    expect(await reopened.listRecentProjects()).toEqual({ ok: true, value: [project(2), project(1)] });
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('sets a corrupt file aside as settings.json.corrupt-<time> and starts fresh', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{"recentProjects": [ truncated');
    const seen: string[] = [];
    const store = createSettingsStore(dir, {
      now: () => new Date('2024-05-01T12:30:00.000Z'),
      onCorrupt: (copy) => seen.push(path.basename(copy)),
    });
    expect(await store.listRecentProjects()).toEqual({ ok: true, value: [] });
    const copyName = `settings.json.corrupt-${fileSafeTimestamp(new Date('2024-05-01T12:30:00.000Z'))}`;
    expect(copyName).not.toContain(':');
    expect(seen).toEqual([copyName]);
    expect(await readFile(path.join(dir, copyName), 'utf8')).toBe('{"recentProjects": [ truncated');
    expect((await store.addRecentProject(project(3))).ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([copyName, 'settings.json'].sort());
  });

  it('never loses an entry when adds overlap', async () => {
    const store = createSettingsStore(dir);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.addRecentProject(project(n))));
    const fresh = await createSettingsStore(dir).listRecentProjects();
    expect(fresh.ok && fresh.value.map((p) => p.name)).toEqual([5, 4, 3, 2, 1].map((n) => `Project ${n}`));
  });

  it('creates the settings folder when it does not exist yet', async () => {
    const store = createSettingsStore(path.join(dir, 'nested', 'userData'));
    expect((await store.addRecentProject(project(1))).ok).toBe(true);
  });
});
