import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readProject } from '../../shared/domain/project/read-project';
import { type E2eSession, isLocal, lookShot, openSession, waitForMapPoints } from './browser';

const OUT = path.resolve('test-results/e2e');
const title = (s: E2eSession) => s.page.getByTestId('project-title').textContent();

describe('projects in the browser build: save, open, undo, recover, damaged files', () => {
  let s: E2eSession;
  const saved = path.join(OUT, 'saved-city.spiproj');

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=2000`);
    await waitForMapPoints(s.page, 500);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('marks unsaved changes in the title and undoes them', async () => {
    expect(await title(s)).toBe('Sample city');
    await s.page.getByRole('checkbox').first().uncheck();
    await expect.poll(() => title(s), { timeout: 30_000 }).toBe('Sample city •');
    expect(await s.page.title()).toMatch(/^• Sample city — SPI Workbench$/);
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => title(s), { timeout: 30_000 }).toBe('Sample city');
    expect(await s.page.getByRole('checkbox').first().isChecked()).toBe(true);
    await s.page.getByRole('button', { name: 'Redo' }).click();
    expect(await s.page.getByRole('checkbox').first().isChecked()).toBe(false);
  });

  it('saves a .spiproj that holds the data, the layers, the map settings and the log', async () => {
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /^Save project/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Sample city.spiproj');
    await file.saveAs(saved);
    await expect.poll(() => title(s), { timeout: 30_000 }).toBe('Sample city.spiproj');
    const opened = await readProject(new Uint8Array(readFileSync(saved)), 'saved-city.spiproj');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.problems).toEqual([]);
    const p = opened.value.project;
    expect(p.datasets[0]!.table!.numRows).toBeGreaterThan(2000);
    expect(p.layers.map((l) => l.meta.role).sort()).toEqual(['beats', 'districts', 'streets']);
    expect((p.documents.map as { visibleGroups: boolean[] }).visibleGroups[0]).toBe(false);
    expect(p.log.map((e) => e.action)).toEqual(['sample.generate', 'project.save']);
  });

  it('opens the saved project in a fresh page, as it was saved', async () => {
    await s.page.goto(`${s.baseUrl}?incidents=300`);
    await waitForMapPoints(s.page, 100);
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: 'Open project…' }).click();
    await (await chooser).setFiles(saved);
    await expect.poll(() => title(s), { timeout: 30_000 }).toBe('saved-city.spiproj');
    expect(await s.page.getByRole('checkbox').first().isChecked()).toBe(false);
    await expect.poll(() => s.page.getByTestId('dataset-facts').textContent(), { timeout: 30_000 }).toMatch(/Rows2,0\d\d/);
    await lookShot(s.page, path.join(OUT, 'project-opened.png'));
  });

  it('recovers unsaved work after the page goes away', async () => {
    await s.page.getByRole('checkbox').nth(1).uncheck();
    // The app autosaves every minute and whenever the page is hidden; hide it now.
    await s.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await s.page.waitForTimeout(1500);
    await s.page.goto(`${s.baseUrl}?incidents=300`);
    const banner = s.page.getByRole('alert', { name: 'Recover unsaved work' });
    await banner.waitFor({ timeout: 60_000 });
    await banner.getByRole('button', { name: 'Recover' }).click();
    await expect.poll(() => title(s), { timeout: 30_000 }).toBe('Sample city •');
    expect(await s.page.getByRole('checkbox').nth(1).isChecked()).toBe(false);
  });

  it('opens a damaged project read-only and names the damaged part', async () => {
    const bytes = readFileSync(saved);
    const at = bytes.indexOf(Buffer.from('"visibleGroups"'));
    const damaged = Buffer.from(bytes);
    // docs/map.json is deflated; damage the Parquet (stored) data instead: flip bytes mid-file.
    const mid = Math.floor(damaged.length / 2);
    damaged[mid] = (damaged[mid] ?? 0) ^ 0xff;
    const file = path.join(OUT, 'damaged.spiproj');
    writeFileSync(file, damaged);
    expect(at).toBe(-1);
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: 'Open project…' }).click();
    await (await chooser).setFiles(file);
    await expect.poll(() => title(s), { timeout: 30_000 }).toBe('damaged.spiproj (read-only)');
    const notice = await s.page.getByRole('status').allTextContents();
    const problem = notice.join(' ') + ((await s.page.getByRole('alert').allTextContents()).join(' '));
    expect(problem).toMatch(/damaged\.spiproj/);
    await lookShot(s.page, path.join(OUT, 'project-damaged.png'));
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
