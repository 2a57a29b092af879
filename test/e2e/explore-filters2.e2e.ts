import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHANGE_COLORS } from '../../shared/domain/explore/compstat-change-map';
import { OFFENSE_GROUPS } from '../../shared/domain/ingest/nibrs';
import { countColoredPixels, type E2eSession, lookShot, openSession, waitForMapPoints } from './browser';

const SHOTS = path.resolve('.tmp');

/** The filtered count shown in the side panel ("1,234 of 3,120 incidents · 1,200 on the map"). */
async function counts(page: Page): Promise<{ rows: number; mapped: number }> {
  const text = (await page.getByTestId('filtered-count').textContent()) ?? '';
  const m = /^([\d,]+) of [\d,]+ incidents(?: · ([\d,]+) on the map)?/.exec(text);
  return m ? { rows: Number(m[1]!.replaceAll(',', '')), mapped: Number((m[2] ?? '-1').replaceAll(',', '')) } : { rows: -1, mapped: -1 };
}
const rows = async (page: Page) => (await counts(page)).rows;

describe('explore: drawn area, any-field filter, ranked charts, CompStat change map (built renderer)', () => {
  let s: E2eSession;
  let total = 0;
  // The drawn rectangle, in page pixels.
  let box: { x0: number; y0: number; x1: number; y1: number } = { x0: 0, y0: 0, x1: 0, y1: 0 };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 1000);
    await s.page.waitForFunction(() => /^[\d,]+ of/.test(document.querySelector('[data-testid="filtered-count"]')?.textContent ?? ''), null, { timeout: 60_000 });
    total = await rows(s.page);
  }, 180_000);

  afterAll(async () => {
    await s?.close();
  });

  it('draws an area: only incidents inside it count and show, the chip clears it, undo brings it back', async () => {
    const map = (await s.page.getByTestId('map').boundingBox())!;
    const cx = map.x + map.width / 2;
    const cy = map.y + map.height / 2;
    box = { x0: cx - 170, y0: cy - 130, x1: cx + 150, y1: cy + 120 };
    const colours = OFFENSE_GROUPS.map((g) => g.color);
    const sum = (c: number[]) => c.reduce((a, b) => a + b, 0);
    const mapShot = () => s.page.screenshot({ clip: { x: map.x, y: map.y, width: map.width, height: map.height } });
    const innerShot = () => s.page.screenshot({ clip: { x: box.x0 - 8, y: box.y0 - 8, width: box.x1 - box.x0 + 16, height: box.y1 - box.y0 + 16 } });
    // Point-coloured pixels outside the rectangle before filtering (the basemap has a few of its own).
    const outsideBefore = sum((await countColoredPixels(s.page, await mapShot(), colours, 12)).counts) - sum((await countColoredPixels(s.page, await innerShot(), colours, 12)).counts);
    await s.page.getByTestId('draw-area').click();
    await expect.poll(() => s.page.getByTestId('area-hint').count()).toBe(1);
    for (const [x, y] of [[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]] as const) {
      await s.page.mouse.click(x, y);
      await s.page.waitForTimeout(150);
    }
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByTestId('chip-area').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBeLessThan(total);
    const inside = await counts(s.page);
    expect(inside.rows).toBeGreaterThan(20);
    // Every row inside the area has coordinates: all of them are on the map.
    expect(inside.mapped).toBe(inside.rows);
    await waitForMapPoints(s.page, 1);
    await s.page.waitForTimeout(1500);
    const png = await s.page.screenshot({ path: path.join(SHOTS, 'explore-polygon.png') });
    // Point colours appear inside the rectangle, and not outside it (beyond a point's radius).
    const whole = await countColoredPixels(s.page, await mapShot(), colours, 12);
    const within = await countColoredPixels(s.page, await innerShot(), colours, 12);
    expect(sum(within.counts)).toBeGreaterThan(50);
    const outsideAfter = sum(whole.counts) - sum(within.counts);
    expect(outsideBefore).toBeGreaterThan(1000);
    expect(outsideAfter).toBeLessThan(0.1 * outsideBefore);
    expect(png.length).toBeGreaterThan(0);
    // The chip's × clears the area; undo (Ctrl+Z) restores it with the same count.
    await s.page.getByLabel('Clear the drawn area').click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(total);
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(inside.rows);
    expect(await s.page.getByTestId('chip-area').count()).toBe(1);
  }, 180_000);

  it('filters on any field: "beat = X" combines with the area, equals the beat filter without it, and a hostile value matches nothing', async () => {
    const inside = await rows(s.page);
    const beat = await s.page.getByTestId('filter-beat').locator('option').nth(1).getAttribute('value');
    expect(beat).toBeTruthy();
    const fieldNames = await s.page.getByTestId('field-filter-column').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const beatColumn = fieldNames.find((n) => /^beat$/i.test(n))!;
    const addressColumn = fieldNames.find((n) => /address/i.test(n))!;
    expect(beatColumn && addressColumn).toBeTruthy();
    // Area + "Beat = X": both apply.
    await s.page.getByTestId('field-filter-column').selectOption(beatColumn);
    await s.page.getByTestId('field-filter-op').selectOption('eq');
    await s.page.getByTestId('field-filter-value').fill(beat!);
    await s.page.getByTestId('field-filter-add').click();
    // A number column shows its value bare, a text column quoted.
    await expect.poll(() => s.page.getByTestId('chip-field').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${beatColumn} = "?${beat}"?×$`));
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBeLessThan(inside);
    const both = await rows(s.page);
    // Without the area: the field condition alone.
    await s.page.getByLabel('Clear the drawn area').click();
    await expect.poll(() => s.page.getByTestId('chip-area').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).not.toBe(both);
    const byField = await rows(s.page);
    expect(byField).toBeGreaterThanOrEqual(both);
    expect(byField).toBeLessThan(total);
    // The same beat through the beat filter gives the same count (two independent SQL paths).
    await s.page.getByRole('button', { name: new RegExp(`^Remove ${beatColumn} =`) }).click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(total);
    await s.page.getByTestId('filter-beat').selectOption(beat!);
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(byField);
    await s.page.getByTestId('filter-beat').selectOption('');
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(total);
    // A value carrying SQL is only a value: nothing matches, and no error.
    await s.page.getByTestId('field-filter-column').selectOption(addressColumn);
    await s.page.getByTestId('field-filter-value').fill("x' OR '1'='1'; DROP TABLE incidents; --");
    await s.page.getByTestId('field-filter-add').click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(0);
    expect(await s.page.getByRole('alert').count()).toBe(0);
    await s.page.getByRole('button', { name: new RegExp(`^Remove ${addressColumn} =`) }).click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(total);
  }, 180_000);

  it('the ranked chart filters on click to exactly the clicked bar\'s count, and the trend has a rolling average', async () => {
    expect(await rows(s.page)).toBe(total);
    expect(await s.page.getByTestId('rolling-line').count()).toBe(1);
    const bar = s.page.getByTestId('ranked-bar').first();
    await expect.poll(() => bar.count(), { timeout: 30_000 }).toBe(1);
    const n = Number(((await bar.locator('.ranked-n').textContent()) ?? '').replaceAll(',', ''));
    await bar.click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(n);
    await s.page.getByTestId('ranked-kind').selectOption('address');
    await expect.poll(() => s.page.getByTestId('ranked-bar').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await s.page.getByTestId('ranked-kind').selectOption('beat');
    await expect.poll(() => s.page.getByTestId('ranked-bar').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).toBe(total);
  }, 120_000);

  it('CompStat draws the change map with its legend', async () => {
    const map = (await s.page.getByTestId('map').boundingBox())!;
    const left = () => s.page.screenshot({ clip: { x: map.x, y: map.y, width: map.width * 0.45, height: map.height } });
    // The faded (not significant) cells: each class colour at alpha 110/255 over the light map.
    const faded = (c: readonly [number, number, number]) => c.map((v) => Math.round((110 / 255) * v + (145 / 255) * 245)) as unknown as [number, number, number];
    const changeColours = [CHANGE_COLORS[0]!, CHANGE_COLORS[1]!, CHANGE_COLORS[3]!, CHANGE_COLORS[4]!].map(faded);
    const sum = (c: number[]) => c.reduce((a, b) => a + b, 0);
    const baseline = sum((await countColoredPixels(s.page, await left(), changeColours, 20)).counts);
    await s.page.getByTestId('open-compstat').click();
    await s.page.getByTestId('compstat-period').selectOption('ytd');
    await expect.poll(() => s.page.getByTestId('change-map-legend').locator('.change-map-classes li').count(), { timeout: 60_000 }).toBe(6);
    await s.page.waitForTimeout(2000);
    await lookShot(s.page, path.join(SHOTS, 'compstat-change.png'));
    const on = sum((await countColoredPixels(s.page, await left(), changeColours, 20)).counts);
    expect(on - baseline).toBeGreaterThan(3000);
    // The legend names the classes and the significant cells; switching the map off removes the cells.
    expect(await s.page.getByTestId('change-map-legend').textContent()).toMatch(/significant \(p < 0\.05\): \d+ up, \d+ down/);
    await s.page.getByTestId('change-map-toggle').uncheck();
    await s.page.waitForTimeout(1500);
    const off = sum((await countColoredPixels(s.page, await left(), changeColours, 20)).counts);
    expect(Math.abs(off - baseline)).toBeLessThan(0.2 * (on - baseline));
  }, 180_000);
});
