import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type E2eSession, isLocal, jumpMap, lookShot, openSession, tallScreenshot, waitForMapPoints } from './browser';
import { drawRectangle, jump, plantedCentres, targetRows, toPage } from './design-map';

const SHOTS = path.resolve('.tmp');

const count = async (page: Page, id: string) => Number((await page.getByTestId(`target-count-${id}`).textContent())?.replace(/,/g, ''));
const rows = targetRows;

async function shot(page: Page, name: string, height = 1700): Promise<void> {
  await tallScreenshot(page, path.join(SHOTS, name), height);
}

describe('design options: merge/split/edit targets, optimal and synthetic matching in a worker, DBSCAN targets', () => {
  let s: E2eSession;
  let centres: [number, number][] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    centres = await plantedCentres();
    s = await openSession();
    await s.page.goto(s.baseUrl);
    await waitForMapPoints(s.page, 10_000, 170_000);
    await s.page.getByRole('tab', { name: 'Design' }).click();
    await s.page.locator('.design-data-note').waitFor({ timeout: 120_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('merges two overlapping rectangles into one target (the overlap problem goes away)', async () => {
    const c = centres[0]!;
    await jump(s.page, c);
    await drawRectangle(s.page, [c[0] - 0.0008, c[1]], 0.0012, 0.0012);
    await drawRectangle(s.page, [c[0] + 0.0008, c[1]], 0.0012, 0.0012);
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => (await s.page.getByTestId('target-problems').textContent()) ?? '').toMatch(/T1 and T2 overlap/);
    const before = (await count(s.page, 'T1')) + (await count(s.page, 'T2'));
    await s.page.getByTestId('tick-T1').check();
    await s.page.getByTestId('tick-T2').check();
    await s.page.getByTestId('merge-targets').click();
    await expect.poll(() => rows(s.page)).toBe(1);
    // The union holds every incident of both, the overlap once: fewer than the sum, more than either.
    const merged = await count(s.page, 'T1');
    expect(merged).toBeLessThan(before);
    expect(merged).toBeGreaterThan(before / 2);
    expect(await s.page.getByTestId('target-table').textContent()).toMatch(/merged T1 \+ T2/);
    await s.page.waitForTimeout(1000);
    await shot(s.page, 'design-options-merged.png', 1000);
  });

  it('moves a vertex of the merged target with two clicks: its area grows', async () => {
    const c = centres[0]!;
    const area = async () => Number((await s.page.getByTestId('target-table').locator('tbody tr').first().locator('td.num').nth(1).textContent()) ?? '0');
    const a0 = await area();
    await s.page.getByTestId('edit-T1').click();
    await expect.poll(async () => (await s.page.getByTestId('edit-hint').textContent()) ?? '').toMatch(/click a white handle/);
    // The merged outline's north-east corner is (c + 0.0020, c + 0.0012); drag it north-east.
    const from = await toPage(s.page, [c[0] + 0.002, c[1] + 0.0012]);
    const to = await toPage(s.page, [c[0] + 0.0035, c[1] + 0.0025]);
    await s.page.mouse.click(from.x, from.y);
    await expect.poll(async () => (await s.page.getByTestId('edit-hint').textContent()) ?? '').toMatch(/Click where vertex/);
    await s.page.mouse.move(to.x, to.y);
    await s.page.waitForTimeout(500);
    await lookShot(s.page.getByTestId('map'), path.join(SHOTS, 'design-options-vertex.png'));
    await s.page.mouse.click(to.x, to.y);
    await expect.poll(area).toBeGreaterThan(a0);
    await s.page.getByRole('button', { name: 'Done' }).click();
  });

  it('splits a target with a line, then deletes a part', async () => {
    const c = centres[1]!;
    await jump(s.page, c);
    await drawRectangle(s.page, c, 0.0018, 0.0014);
    await expect.poll(() => rows(s.page)).toBe(2);
    await s.page.getByTestId('split-T2').click();
    const a = await toPage(s.page, [c[0], c[1] - 0.003]);
    const b = await toPage(s.page, [c[0], c[1] + 0.003]);
    await s.page.mouse.click(a.x, a.y);
    await s.page.mouse.click(b.x, b.y);
    await expect.poll(() => rows(s.page)).toBe(3);
    expect(await s.page.getByTestId('edit-message').textContent()).toMatch(/T2 split into 2 parts/);
    await s.page.getByRole('button', { name: 'Delete T3' }).click();
    await expect.poll(() => rows(s.page)).toBe(2);
    // A third target, so balance tables have SDs on both sides.
    await jump(s.page, centres[2]!);
    await drawRectangle(s.page, centres[2]!, 0.0018, 0.0014);
    await expect.poll(() => rows(s.page)).toBe(3);
  });

  it('optimal 1:1 matching (in the worker) shows the balance table', async () => {
    await s.page.getByRole('button', { name: '2 Match' }).click();
    await s.page.getByTestId('design-name').fill('e2e-optimal');
    await s.page.getByTestId('match-pairing').selectOption('optimal');
    await s.page.getByTestId('run-match').click();
    await s.page.getByTestId('balance-table').waitFor({ timeout: 90_000 });
    expect(await s.page.getByTestId('design-result').locator('h3').first().textContent()).toMatch(/mahalanobis, optimal 1:1/);
    expect(await s.page.getByTestId('design-result').textContent()).toMatch(/Total distance \d+\.\d{3}/);
    const smd = await s.page.getByTestId('smd-after').allTextContents();
    expect(smd.length).toBeGreaterThan(2);
    for (const v of smd) expect(v).toMatch(/^−?\d+\.\d{3}$/);
    await shot(s.page, 'design-options-optimal.png');
  });

  it('fits synthetic weights, saves the design and shows its weights and fit under Saved', async () => {
    await s.page.getByTestId('match-method').selectOption('synthetic');
    expect(await s.page.getByTestId('match-pairing').isDisabled()).toBe(true);
    await s.page.getByTestId('design-name').fill('e2e-synthetic');
    await s.page.getByTestId('run-match').click();
    await s.page.getByTestId('synthetic-fit').waitFor({ timeout: 90_000 });
    const weights = s.page.getByTestId('synthetic-weights').locator('tbody tr');
    expect(await weights.count()).toBeGreaterThan(0);
    const w = (await weights.locator('td.num').allTextContents()).filter((_, i) => i % 2 === 1).map(Number);
    for (const v of w) expect(v).toBeGreaterThan(0);
    expect(await s.page.getByTestId('synthetic-rmse').textContent()).toMatch(/^\d+\.\d\d$/);
    await s.page.getByTestId('synthetic-series').waitFor();
    await s.page.getByTestId('save-design').click();
    await expect.poll(() => s.page.getByTestId('save-design').textContent()).toBe('Saved in the project');
    await shot(s.page, 'design-options-synthetic.png', 2000);
    await s.page.getByRole('button', { name: 'Saved', exact: true }).click();
    expect(await s.page.getByTestId('saved-designs').textContent()).toMatch(/e2e-synthetic.*synthetic control \(pre-period fit RMSE \d+\.\d\d\), 3 targets, \d+ weighted cells/);
    await s.page.getByTestId('saved-synthetic-e2e-synthetic').locator('summary').click();
    await s.page.getByTestId('saved-synthetic-e2e-synthetic').getByTestId('synthetic-weights').waitFor();
    await shot(s.page, 'design-options-saved.png', 1400);
  });

  it('adds targets from DBSCAN clusters of the pre-period incidents', async () => {
    await s.page.getByRole('button', { name: '1 Targets' }).click();
    const n0 = await rows(s.page);
    await s.page.getByTestId('dbscan-targets').locator('summary').click();
    await s.page.getByTestId('dbscan-max').fill('3');
    await s.page.getByTestId('dbscan-run').click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(n0 + 3);
    expect(await s.page.getByTestId('target-table').textContent()).toMatch(/DBSCAN eps 75 m, min 40 \(\d+ incidents\)/);
    await jumpMap(s.page, { zoom: 11.5 });
    await shot(s.page, 'design-options-dbscan.png', 1200);
  });

  it('made no request that left 127.0.0.1 and logged no errors from the design feature', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors.filter((e) => /design|evaluation|pageerror/i.test(e))).toEqual([]);
  });
});
