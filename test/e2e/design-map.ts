/**
 * Map helpers of the Design tab's e2e tests: the bundled sample city's planted intervention
 * centres, lon/lat to page pixels, jumping the map, drawing a target rectangle, and the number of
 * rows of the target table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { jumpMap, waitForMapPoints } from './browser';
import { readProject } from '../../shared/domain/project/read-project';

const BUNDLED = path.resolve('renderer/public/sample-city.spiproj');

/** The planted intervention areas' centres (lon/lat) from the bundled project's ground truth. */
export async function plantedCentres(): Promise<[number, number][]> {
  const opened = await readProject(new Uint8Array(readFileSync(BUNDLED)), 'sample-city.spiproj');
  if (!opened.ok) throw new Error('bundled project unreadable');
  const gt = opened.value.project.documents['sample/ground-truth'] as { intervention: { areas: { center: { lon: number; lat: number } }[] } };
  return gt.intervention.areas.map((a) => [a.center.lon, a.center.lat]);
}

/** A lon/lat position in page pixels (through the map's own projection). */
export async function toPage(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const p = await page.evaluate((ll) => (window as unknown as { __spiMap: { project(l: [number, number]): { x: number; y: number } } }).__spiMap.project(ll), lonLat);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Centres the map on `centre` at `zoom` and waits until it has drawn there. */
export async function jump(page: Page, centre: [number, number], zoom = 14): Promise<void> {
  await jumpMap(page, { center: centre, zoom });
}

/** Draws a rectangle with corners centre ± (dx, dy) degrees with the Design tab's Rectangle tool. */
export async function drawRectangle(page: Page, centre: [number, number], dx: number, dy: number): Promise<void> {
  await page.getByRole('button', { name: 'Rectangle', exact: true }).click();
  const a = await toPage(page, [centre[0] - dx, centre[1] - dy]);
  const b = await toPage(page, [centre[0] + dx, centre[1] + dy]);
  await page.mouse.click(a.x, a.y);
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2);
  await page.mouse.click(b.x, b.y);
}

/** Rows of the target table. */
export const targetRows = (page: Page): Promise<number> => page.getByTestId('target-table').locator('tbody tr').count();

/** Opens the bundled sample city, waits for its points and switches to the Design tab. */
export async function openDesignTab(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await waitForMapPoints(page, 10_000, 170_000);
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.locator('.design-data-note').waitFor({ timeout: 120_000 });
}

/**
 * Draws a target rectangle around each of the planted centres `from`..`n - 1` (the first `n` by
 * default), waiting for its table row; the table already holds `from` targets.
 */
export async function drawPlantedTargets(page: Page, centres: readonly [number, number][], n: number, from = 0): Promise<void> {
  for (let k = from; k < n; k++) {
    await jump(page, centres[k]!);
    await drawRectangle(page, centres[k]!, 0.0015, 0.0012);
    await expect.poll(() => targetRows(page), { timeout: 30_000 }).toBe(k + 1);
  }
}
