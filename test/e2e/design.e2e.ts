import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readProject } from '../../shared/domain/project/read-project';
import { COMPARISON_COLOR, TARGET_COLOR } from '../../renderer/features/design/design-layers';
import { countColoredPixels, type E2eSession, isLocal, jumpMap, openSession, tallScreenshot, waitForMapPoints } from './browser';

const SHOTS = path.resolve('.tmp');
const OUT = path.resolve('test-results/e2e');
const BUNDLED = path.resolve('renderer/public/sample-city.spiproj');

/** The planted intervention areas' centres (lon/lat) from the bundled project's ground truth. */
async function plantedCentres(): Promise<[number, number][]> {
  const opened = await readProject(new Uint8Array(readFileSync(BUNDLED)), 'sample-city.spiproj');
  if (!opened.ok) throw new Error('bundled project unreadable');
  const gt = opened.value.project.documents['sample/ground-truth'] as { intervention: { areas: { center: { lon: number; lat: number } }[] } };
  return gt.intervention.areas.map((a) => [a.center.lon, a.center.lat]);
}

/** Page position of a lon/lat on the map. */
async function toPage(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const p = await page.evaluate((ll) => {
    const m = (window as unknown as { __spiMap: { project(l: [number, number]): { x: number; y: number } } }).__spiMap;
    return m.project(ll);
  }, lonLat);
  return { x: box.x + p.x, y: box.y + p.y };
}

async function drawRectangle(page: Page, centre: [number, number], halfDeg: number): Promise<void> {
  await page.getByRole('button', { name: 'Rectangle', exact: true }).click();
  const a = await toPage(page, [centre[0] - halfDeg, centre[1] - halfDeg * 0.8]);
  const b = await toPage(page, [centre[0] + halfDeg, centre[1] + halfDeg * 0.8]);
  await page.mouse.click(a.x, a.y);
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2);
  await page.mouse.click(b.x, b.y);
}

async function arms(page: Page): Promise<string[]> {
  return page.getByTestId('arm').allTextContents();
}

describe('design panel: draw targets, match, balance, save, randomize (built renderer, bundled sample city)', () => {
  let s: E2eSession;
  let centres: [number, number][] = [];
  const saved = path.join(OUT, 'design-city.spiproj');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(OUT, { recursive: true });
    centres = await plantedCentres();
    s = await openSession();
    await s.page.goto(s.baseUrl);
    await waitForMapPoints(s.page, 10_000, 170_000);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('draws two rectangle targets with mouse clicks and shows their live pre-period counts', async () => {
    await s.page.getByRole('tab', { name: 'Design' }).click();
    await s.page.locator('.design-data-note').waitFor({ timeout: 120_000 });
    expect(await s.page.getByTestId('pre-to').inputValue()).toBe('2023-06-30');
    // Zoom to the first planted area so a click lands where it should.
    await jumpMap(s.page, { center: centres[0]!, zoom: 14 });
    await drawRectangle(s.page, centres[0]!, 0.0018);
    await expect.poll(async () => Number((await s.page.getByTestId('target-count-T1').textContent())?.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(20);
    await jumpMap(s.page, { center: centres[1]!, zoom: 14 });
    await drawRectangle(s.page, centres[1]!, 0.0018);
    await expect.poll(async () => Number((await s.page.getByTestId('target-count-T2').textContent())?.replace(/,/g, '')), { timeout: 30_000 }).toBeGreaterThan(20);
    const table = (await s.page.getByTestId('target-table').textContent()) ?? '';
    expect(table).toMatch(/0\.1\d\d|0\.0\d\d/); // km², a few hundred metres square
    // Polls the drawn map (instead of a fixed 1.5 s wait) until the targets show.
    await expect.poll(async () => (await countColoredPixels(s.page, await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'design-targets.png') }), [TARGET_COLOR], 30)).counts[0], { timeout: 30_000, interval: 500 }).toBeGreaterThan(100);
  });

  it('matches comparison cells: balance table with SMD values, Love plot, and cyan cells on the map', async () => {
    await s.page.getByRole('button', { name: '2 Match' }).click();
    await s.page.getByTestId('design-name').fill('e2e-matched');
    await s.page.getByTestId('run-match').click();
    const table = s.page.getByTestId('balance-table');
    await table.waitFor({ timeout: 60_000 });
    const smd = await s.page.getByTestId('smd-after').allTextContents();
    expect(smd.length).toBeGreaterThan(3);
    for (const v of smd) expect(v).toMatch(/^−?\d+\.\d{3}$/);
    expect(await table.textContent()).toMatch(/pre count: violent/);
    await s.page.getByTestId('love-plot').waitFor();
    await s.page.getByTestId('pre-series').waitFor();
    await jumpMap(s.page, { zoom: 11.5 });
    // Polls the drawn map (instead of a fixed 2.5 s wait) until the comparison cells show.
    await expect.poll(async () => (await countColoredPixels(s.page, await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'design-matched-map.png') }), [COMPARISON_COLOR], 30)).counts[0], { timeout: 30_000, interval: 500 }).toBeGreaterThan(20);
    await tallScreenshot(s.page, path.join(SHOTS, 'design-matched.png'), 1700, 1500);
  });

  it('saves the design in the project (logged, undoable) and finds it after re-opening the project', async () => {
    await s.page.getByTestId('save-design').click();
    await expect.poll(() => s.page.getByTestId('save-design').textContent()).toBe('Saved in the project');
    await s.page.getByRole('button', { name: 'Saved', exact: true }).click();
    expect(await s.page.getByTestId('saved-designs').textContent()).toMatch(/e2e-matched.*matched \(mahalanobis\), 2 targets, 2 comparisons/);
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /^Save project/ }).click();
    await (await download).saveAs(saved);
    const opened = await readProject(new Uint8Array(readFileSync(saved)), 'design-city.spiproj');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const doc = opened.value.project.documents['designs/e2e-matched'] as { method: { kind: string }; comparisons: unknown[] };
    expect(doc.method.kind).toBe('matched');
    expect(doc.comparisons).toHaveLength(2);
    expect(opened.value.project.log.map((e) => e.action)).toContain('design.create');

    await s.page.goto(`${s.baseUrl}?incidents=300`);
    await waitForMapPoints(s.page, 100);
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByRole('button', { name: 'Open project…' }).click();
    await (await chooser).setFiles(saved);
    await expect.poll(() => s.page.getByTestId('project-title').textContent(), { timeout: 60_000 }).toBe('design-city.spiproj');
    await s.page.getByRole('tab', { name: 'Design' }).click();
    await s.page.locator('.design-data-note').waitFor({ timeout: 120_000 });
    await s.page.getByRole('button', { name: 'Saved', exact: true }).click();
    expect(await s.page.getByTestId('saved-designs').textContent()).toMatch(/e2e-matched/);
  });

  it('randomizes the top grid cells with a seed: the same seed gives the same assignment', async () => {
    await s.page.getByRole('tab', { name: 'Explore' }).click();
    await s.page.getByLabel('Grid counts').check();
    await s.page.waitForFunction(() => document.body.dataset.mapLayer === 'grid', null, { timeout: 60_000 });
    await s.page.getByRole('tab', { name: 'Design' }).click();
    await s.page.getByRole('button', { name: 'Randomize', exact: true }).click();
    await s.page.getByLabel(/grid cells/).check();
    await s.page.getByTestId('random-seed').fill('7');
    await s.page.getByTestId('run-randomize').click();
    await s.page.getByTestId('assignment-table').waitFor({ timeout: 30_000 });
    const first = await arms(s.page);
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(first).toContain('treatment');
    expect(first).toContain('control');
    expect(await s.page.getByTestId('random-description').textContent()).toMatch(/seed 7/);
    await s.page.getByTestId('random-seed').fill('8');
    await s.page.getByTestId('run-randomize').click();
    await s.page.getByTestId('random-seed').fill('7');
    await s.page.getByTestId('run-randomize').click();
    await expect.poll(() => s.page.getByTestId('random-description').textContent()).toMatch(/seed 7/);
    expect(await arms(s.page)).toEqual(first);
    await s.page.getByTestId('save-randomized').click();
    await expect.poll(() => s.page.getByTestId('save-randomized').textContent()).toBe('Saved in the project');
    await tallScreenshot(s.page, path.join(SHOTS, 'design-randomized.png'), 1500, 1000);
  });

  it('made no request that left 127.0.0.1 and logged no errors from the design feature', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    // Other panels' layers share the page; this feature's layers are named design-* / evaluation-*.
    expect(s.errors.filter((e) => /design|evaluation|pageerror/i.test(e))).toEqual([]);
  });
});
