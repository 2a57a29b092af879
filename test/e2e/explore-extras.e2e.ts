import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type E2eSession, lookShot, openSession, waitForMapPoints } from './browser';

const SHOTS = path.resolve('.tmp');

/** The filtered count shown in the side panel ("1,234 of 3,120 incidents"). */
async function filteredCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('filtered-count').textContent()) ?? '';
  const m = /^([\d,]+) of/.exec(text);
  return m ? Number(m[1]!.replaceAll(',', '')) : -1;
}

const mapZoom = (page: Page) => page.evaluate(() => (window as unknown as { __spiMap: { getZoom(): number } }).__spiMap.getZoom());
const cellTitles = (page: Page) => page.getByTestId('hour-dow-cell').evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));

describe('explore extras: table, CompStat, aoristic charts, playback (built renderer)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 1000);
    await s.page.waitForFunction(() => /^[\d,]+ of/.test(document.querySelector('[data-testid="filtered-count"]')?.textContent ?? ''), null, { timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('the table shows the filtered rows, rendering only those in view, and sorts by a column', async () => {
    const total = await filteredCount(s.page);
    await s.page.getByTestId('open-table').click();
    await expect.poll(() => s.page.getByTestId('table-count').textContent(), { timeout: 30_000 }).toBe(`${total.toLocaleString('en-US')} rows`);
    await expect.poll(() => s.page.getByTestId('table-row').first().getAttribute('data-rowid'), { timeout: 30_000 }).not.toBeNull();
    const rendered = await s.page.getByTestId('table-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    // Deep scroll: rows near the middle are fetched and shown, still only a window of them.
    await s.page.locator('.itable-scroll').evaluate((el) => (el.scrollTop = 24 * 1500));
    await expect.poll(() => s.page.getByTestId('table-row').first().locator('.itable-cell').first().textContent(), { timeout: 30_000 }).toMatch(/^1,[45]\d\d$/);
    expect(await s.page.getByTestId('table-row').count()).toBeLessThan(60);
    const sortColumn = (await s.page.locator('.itable-sort').first().textContent())!.trim();
    await s.page.locator('.itable-sort').first().click();
    await expect.poll(() => s.page.getByTestId('table-count').textContent(), { timeout: 30_000 }).toContain(`sorted by ${sortColumn} ↑`);
    await expect.poll(() => s.page.getByTestId('table-row').first().getAttribute('data-rowid'), { timeout: 30_000 }).not.toBeNull();
    const firstCells = await s.page.getByTestId('table-row').evaluateAll((rows) => rows.slice(0, 8).map((r) => r.children[1]?.textContent ?? ''));
    const sorted = [...firstCells].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(firstCells).toEqual(sorted);
  }, 120_000);

  it('clicking a row selects it, highlights it, opens the record and flies the map to it', async () => {
    const before = await mapZoom(s.page);
    const row = s.page.getByTestId('table-row').nth(3);
    // A row is a placeholder until its page has loaded: wait for its record id.
    await expect.poll(() => row.getAttribute('data-rowid'), { timeout: 30_000 }).toMatch(/^\d+$/);
    const rowId = await row.getAttribute('data-rowid');
    await row.click();
    await expect.poll(() => s.page.locator(`[data-testid="table-row"][data-rowid="${rowId}"]`).getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => s.page.getByRole('dialog', { name: 'Incident record' }).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => mapZoom(s.page), { timeout: 15_000 }).toBeGreaterThanOrEqual(15.9);
    expect(before).toBeLessThan(15.9);
    await s.page.waitForTimeout(800);
    await lookShot(s.page, path.join(SHOTS, 'explore-table.png'));
  }, 120_000);

  it('a map click selects the incident and the table scrolls to its row', async () => {
    const selected = await s.page.locator('[data-testid="table-row"][aria-selected="true"]').getAttribute('data-rowid');
    await s.page.getByRole('button', { name: 'Close', exact: true }).click();
    await s.page.locator('.itable-scroll').evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => s.page.locator('[data-testid="table-row"][aria-selected="true"]').count(), { timeout: 10_000 }).toBe(0);
    // The map shows the selected incident in the middle of the part the drawer leaves open.
    const map = await s.page.getByTestId('map').boundingBox();
    const drawer = await s.page.getByTestId('incident-table').boundingBox();
    const x = map!.x + map!.width / 2;
    const y = map!.y + (drawer!.y - map!.y) / 2;
    // Software WebGL: picking may need a frame after the pointer arrives; retry the click.
    await expect.poll(async () => {
      await s.page.mouse.move(x - 3, y - 3);
      await s.page.mouse.move(x, y);
      await s.page.waitForTimeout(400);
      await s.page.mouse.click(x, y);
      await s.page.waitForTimeout(1500);
      return s.page.locator('[data-testid="table-row"][aria-selected="true"]').count();
    }, { timeout: 40_000, interval: 500 }).toBe(1);
    expect(await s.page.locator('[data-testid="table-row"][aria-selected="true"]').getAttribute('data-rowid')).toBe(selected);
  }, 120_000);

  it('CompStat lists the offense groups with changes and a total, and breaks down by beat', async () => {
    await s.page.getByTestId('open-table').click();
    await s.page.getByTestId('open-compstat').click();
    await expect.poll(() => s.page.getByTestId('compstat-row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    const keys = await s.page.getByTestId('compstat-row').evaluateAll((rows) => rows.map((r) => r.querySelector('th')?.textContent ?? ''));
    expect(keys).toContain('Property');
    expect(keys).toContain('Violent');
    expect(keys.at(-1)).toBe('Total');
    expect(await s.page.getByTestId('compstat-periods').textContent()).toMatch(/\(28 days\) vs .*\(28 days\)/);
    await s.page.getByTestId('compstat-compare').selectOption('last-year');
    await s.page.getByTestId('compstat-period').selectOption('ytd');
    await expect.poll(() => s.page.getByTestId('compstat-periods').textContent(), { timeout: 30_000 }).toMatch(/^\d{4}-01-01 – /);
    await s.page.getByTestId('compstat-by').selectOption('beat');
    await expect.poll(() => s.page.getByTestId('compstat-row').count(), { timeout: 30_000 }).toBeGreaterThan(6);
    await lookShot(s.page, path.join(SHOTS, 'explore-compstat.png'));
    await s.page.getByLabel('Close CompStat').click();
  }, 120_000);

  it('the aoristic toggle spreads the hour x day grid and the caption says which', async () => {
    await expect.poll(() => s.page.getByTestId('hour-dow-caption').getAttribute('data-weighting'), { timeout: 10_000 }).toBe('from');
    const before = await cellTitles(s.page);
    await s.page.getByTestId('aoristic-toggle').check();
    await expect.poll(() => s.page.getByTestId('hour-dow-caption').getAttribute('data-weighting'), { timeout: 30_000 }).toBe('aoristic');
    expect(await s.page.getByTestId('hour-dow-caption').textContent()).toMatch(/aoristic: spread over occurred from–to, 7-day cap/);
    const after = await cellTitles(s.page);
    expect(after).not.toEqual(before);
    expect(after.some((t) => /\d\.\d incidents/.test(t))).toBe(true);
    expect(await s.page.locator('.time-histogram figcaption').textContent()).toMatch(/aoristic/);
    await lookShot(s.page.locator('.explore-charts'), path.join(SHOTS, 'explore-aoristic.png'));
    await s.page.getByTestId('aoristic-toggle').uncheck();
    await expect.poll(() => cellTitles(s.page), { timeout: 30_000 }).toEqual(before);
  }, 120_000);

  it('playback shows the window large on the map, filters to it, advances, and stays out of the undo history', async () => {
    const total = await filteredCount(s.page);
    const title = await s.page.title();
    const undo = s.page.getByRole('button', { name: 'Undo', exact: true });
    expect(await undo.isDisabled()).toBe(true);
    await s.page.getByTestId('open-playback').click();
    const label = s.page.getByTestId('playback-label');
    await expect.poll(() => label.textContent(), { timeout: 10_000 }).toMatch(/\d{4}$/);
    await expect.poll(() => filteredCount(s.page), { timeout: 30_000 }).toBeLessThan(total / 10);
    const first = await label.textContent();
    await s.page.getByLabel('Next step').click();
    await expect.poll(() => label.textContent(), { timeout: 10_000 }).not.toBe(first);
    const second = await label.textContent();
    await s.page.getByTestId('playback-play').click();
    await expect.poll(() => label.textContent(), { timeout: 15_000 }).not.toBe(second);
    await s.page.waitForTimeout(600);
    await lookShot(s.page, path.join(SHOTS, 'explore-playback.png'));
    await s.page.getByTestId('playback-play').click();
    expect(await s.page.title()).toBe(title);
    expect(await undo.isDisabled()).toBe(true);
    await s.page.getByLabel('Close playback').click();
    await expect.poll(() => filteredCount(s.page), { timeout: 30_000 }).toBe(total);
    expect(await label.count()).toBe(0);
    // "Keep dates" turns a window into the saved filter: one undoable step.
    await s.page.getByTestId('open-playback').click();
    await s.page.getByRole('button', { name: 'Keep dates' }).click();
    await expect.poll(() => s.page.getByTestId('filter-date-from').inputValue(), { timeout: 10_000 }).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await undo.isDisabled()).toBe(false);
    await undo.click();
    await expect.poll(() => s.page.getByTestId('filter-date-from').inputValue(), { timeout: 10_000 }).toBe('');
  }, 120_000);
});
