import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { VIRIDIS } from '../../shared/domain/explore/classing';
import { countColoredPixels, type E2eSession, lookShot, openSession, waitForMapPoints } from './browser';

const SHOTS = path.resolve('test-results/e2e');
const BRIGHT = VIRIDIS[VIRIDIS.length - 1]!; // top class
const TEAL = VIRIDIS[3]!; // middle class

/** Parses "1,234 of 3,120 incidents". */
async function counts(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await page.getByTestId('filtered-count').textContent()) ?? '';
  const m = /^([\d,]+) of ([\d,]+) incidents/.exec(text);
  if (!m) return { shown: -1, total: -1 };
  return { shown: Number(m[1]!.replaceAll(',', '')), total: Number(m[2]!.replaceAll(',', '')) };
}

async function rampPixels(s: E2eSession, name: string): Promise<number[]> {
  await s.page.waitForTimeout(600);
  const shot = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, name) });
  return (await countColoredPixels(s.page, shot, [BRIGHT, TEAL], 40)).counts;
}

describe('explore: density, grid, filters and charts (built renderer)', () => {
  let s: E2eSession;
  let total = 0;
  let before: number[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 1000);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('shows the filtered count, all incidents to start with', async () => {
    await expect.poll(async () => (await counts(s.page)).shown, { timeout: 30_000 }).toBeGreaterThan(2500);
    const c = await counts(s.page);
    expect(c.shown).toBe(c.total);
    total = c.total;
    before = await rampPixels(s, 'explore-points.png');
  });

  it('switches to kernel density: the map turns to the viridis ramp and the legend states the method', async () => {
    await s.page.getByLabel('Kernel density').check();
    await s.page.waitForFunction(() => document.body.dataset.mapLayer === 'kde', null, { timeout: 30_000 });
    const legend = await s.page.getByTestId('layer-legend').textContent();
    expect(legend).toMatch(/quartic kernel/);
    expect(legend).toMatch(/radius [\d,]+ m \(ArcGIS default rule\)/);
    expect(legend).toMatch(/Incidents per km²/);
    expect(legend).toMatch(/Quantiles/);
    const px = await rampPixels(s, 'explore-kde.png');
    expect(px[0]).toBeGreaterThan(before[0]! + 2000);
    expect(px[1]).toBeGreaterThan(before[1]! + 2000);
  });

  it('switches to grid counts: cells in the ramp colours, with the cell size in the legend', async () => {
    await s.page.getByLabel('Grid counts').check();
    await s.page.waitForFunction(() => document.body.dataset.mapLayer === 'grid', null, { timeout: 30_000 });
    expect(await s.page.getByTestId('layer-legend').textContent()).toMatch(/Square grid, cell 250 m/);
    const px = await rampPixels(s, 'explore-grid.png');
    expect(px[0]).toBeGreaterThan(before[0]! + 1000);
  });

  it('colours the grid by Getis-Ord Gi* hot spots with the 99/95/90% legend', async () => {
    await s.page.getByTestId('grid-statistic').selectOption('gistar');
    const legend = s.page.getByLabel('Hot spot bins');
    await legend.waitFor({ timeout: 30_000 });
    await expect.poll(() => s.page.getByTestId('layer-legend').textContent(), { timeout: 30_000 }).toMatch(/binary weights within 500 m/);
    const hot = Number(((await legend.textContent()) ?? '').match(/Hot spot, 99% confidence([\d,]+) cells/)?.[1]?.replace(/,/g, '') ?? 0);
    expect(hot).toBeGreaterThan(10);
    await s.page.waitForTimeout(1500);
    const shot = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'explore-gistar.png') });
    const { counts } = await countColoredPixels(s.page, shot, [[178, 24, 43]], 25);
    expect(counts[0]).toBeGreaterThan(500);
    await s.page.getByTestId('grid-statistic').selectOption('count');
  });

  it('filters by day of week: unticking Sunday drops about a seventh of the incidents', async () => {
    await s.page.getByRole('group', { name: 'Day of week' }).getByRole('button', { name: 'Sun' }).click();
    await expect.poll(async () => (await counts(s.page)).shown, { timeout: 30_000 }).toBeLessThan(total);
    const { shown } = await counts(s.page);
    expect(shown).toBeGreaterThan(total * 0.7);
    expect(shown).toBeLessThan(total * 0.95);
    // The hour x day grid filters too: Monday only.
    await s.page.getByTestId('dow-label-1').click();
    await expect.poll(async () => (await counts(s.page)).shown, { timeout: 30_000 }).toBeLessThan(total * 0.3);
    expect((await counts(s.page)).shown).toBeGreaterThan(0);
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await counts(s.page)).shown, { timeout: 30_000 }).toBe(total);
  });

  it('clicking a histogram bar sets the date filter to that week', async () => {
    const bars = s.page.getByTestId('histogram-bar');
    expect(await bars.count()).toBeGreaterThan(50);
    await bars.nth(10).click();
    await expect.poll(() => s.page.getByTestId('filter-date-from').inputValue(), { timeout: 30_000 }).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const from = await s.page.getByTestId('filter-date-from').inputValue();
    const to = await s.page.getByTestId('filter-date-to').inputValue();
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(6);
    await expect.poll(async () => (await counts(s.page)).shown, { timeout: 30_000 }).toBeLessThan(total * 0.1);
    expect(await s.page.locator('.time-histogram rect.bar.selected').count()).toBe(1);
    await lookShot(s.page, path.join(SHOTS, 'explore-week.png'));
    expect(s.errors).toEqual([]);
  });
});
