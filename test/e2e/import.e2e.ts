import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { OFFENSE_GROUPS } from '../../shared/domain/ingest/nibrs';
import { generateSampleCity, toSampleFiles } from '../../shared/domain/sample';
import { countColoredPixels, type E2eSession, isLocal, lookShot, openSession, waitForMapPoints } from './browser';

const OUT = path.resolve('test-results/e2e');
const MEMPHIS = path.resolve('test/shared/domain/ingest/data/memphis_robberies_2019.csv');
const VIOLENT = OFFENSE_GROUPS.find((g) => g.id === 'violent')!.color;

/** Opens *Import data…*, picks `file` with the file chooser and returns the dialog. */
async function chooseImportFile(page: Page, file: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Import data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a dataset' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  return dialog;
}

describe('importing a real police export through the dialog (Memphis robberies 2019)', () => {
  let s: E2eSession;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=300`);
    await waitForMapPoints(s.page, 100);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('previews the detected column roles, imports, and accounts for every row', async () => {
    const dialog = await chooseImportFile(s.page, MEMPHIS);
    await dialog.getByRole('button', { name: 'Import', exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toMatch(/coordinates in degrees/);
    await lookShot(s.page, path.join(OUT, 'import-preview.png'));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = dialog.getByLabel('Import summary');
    await summary.waitFor({ timeout: 90_000 });
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/2,245 rows read = 2,245 loaded \+ 0 quarantined|2,245/);
    await lookShot(s.page, path.join(OUT, 'import-summary.png'));
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('shows the imported robberies on the map as violent offenses', async () => {
    await expect.poll(() => s.page.getByTestId('dataset-facts').textContent(), { timeout: 30_000 }).toMatch(/Rows2,245/);
    await expect.poll(() => s.page.locator('.legend').textContent(), { timeout: 10_000 }).toMatch(/Violent2,245/);
    await s.page.waitForTimeout(1500);
    const shot = await s.page.getByTestId('map').screenshot({ path: path.join(OUT, 'import-map.png') });
    const { counts } = await countColoredPixels(s.page, shot, [VIOLENT], 30);
    expect(counts[0]).toBeGreaterThan(200);
  });

  it('shows the read step of a large export running, and Cancel stops it with nothing loaded', async () => {
    // ~52 MB, 260,000 rows: the reading statement runs for seconds, polled in steps.
    const file = toSampleFiles(generateSampleCity({ incidents: 250_000 })).find((f) => f.name === 'incidents.csv')!;
    const big = path.join(OUT, 'big-export.csv');
    writeFileSync(big, [...file.chunks()].join(''));
    const facts = await s.page.getByTestId('dataset-facts').textContent();
    const dialog = await chooseImportFile(s.page, big);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 60_000 });
    const message = dialog.locator('p.progress');
    await expect.poll(() => message.textContent(), { timeout: 60_000, interval: 50 }).toMatch(/^reading and normalizing big-export\.csv \(\d+ MB\): \d+ s$/);
    // The browser engine gives no fraction (duckdb-wasm reports it through eval, which the CSP
    // forbids): the bar holds at the read step's start while the seconds count.
    expect(Number(await dialog.locator('progress.ingest-progress').getAttribute('value'))).toBe(0.05);
    await lookShot(s.page, path.join(OUT, 'import-progress.png'));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Import of big-export\.csv cancelled: nothing was loaded/);
    await dialog.getByRole('button', { name: 'Import', exact: true }).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await s.page.getByTestId('dataset-facts').textContent()).toBe(facts);
    await expect.poll(() => s.page.locator('.legend').textContent(), { timeout: 10_000 }).toMatch(/Violent2,245/);
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
