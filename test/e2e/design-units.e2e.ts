/**
 * The Design tab matching on units other than grid cells: three target rectangles around the
 * sample city's planted intervention areas, then matching on street segments (target units =
 * segments whose midpoint is inside a target) and on beats; the balance table and the pool's
 * unit words appear, the comparisons are drawn. Screenshot: .tmp/design-units.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isLocal, openSession, type E2eSession } from './browser';
import { drawPlantedTargets, jump, openDesignTab, plantedCentres } from './design-map';

const SHOTS = path.resolve('.tmp');

describe('design on street segments and beats', () => {
  let s: E2eSession;
  let centres: [number, number][] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    centres = await plantedCentres();
    s = await openSession();
    await openDesignTab(s.page, s.baseUrl);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('draws three targets around planted intervention areas', async () => {
    await drawPlantedTargets(s.page, centres, 3);
  });

  it('matches target street segments to pool segments and shows the balance table', async () => {
    await s.page.getByRole('button', { name: '2 Match' }).click();
    await s.page.getByTestId('design-name').fill('e2e-segments');
    await s.page.getByTestId('unit-kind').selectOption('segments');
    expect(await s.page.getByTestId('unit-layer').inputValue()).toBe('streets');
    await s.page.getByTestId('unit-snap').fill('30');
    await s.page.getByTestId('run-match').click();
    await s.page.getByTestId('balance-table').waitFor({ timeout: 120_000 });
    const text = (await s.page.getByTestId('design-result').textContent()) ?? '';
    expect(text).toMatch(/Pool: [\d,]+ street segments of layer streets \(incidents snapped within 30 m\)/);
    // One comparison per target segment, each named as a segment.
    const m = /(\d+) targets, (\d+) comparison areas/.exec(text);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(3);
    expect(Number(m?.[2])).toBe(Number(m?.[1]));
    const smd = await s.page.getByTestId('smd-after').allTextContents();
    expect(smd.length).toBeGreaterThan(1);
    for (const v of smd) expect(v).toMatch(/^−?\d+\.\d{3}$/);
    await jump(s.page, centres[0]!, 15);
    await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'design-units-map.png') });
    await jump(s.page, centres[0]!, 12.5);
    await s.page.setViewportSize({ width: 1280, height: 1700 });
    await s.page.getByTestId('unit-kind').scrollIntoViewIfNeeded();
    await s.page.waitForTimeout(1200);
    await s.page.screenshot({ path: path.join(SHOTS, 'design-units.png'), timeout: 120_000 });
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('matches on the beats around the targets', async () => {
    await s.page.getByTestId('unit-kind').selectOption('polygons');
    await s.page.getByTestId('unit-layer').selectOption('beats');
    await s.page.getByTestId('design-name').fill('e2e-beats');
    await s.page.getByTestId('run-match').click();
    await expect.poll(async () => (await s.page.getByTestId('design-result').textContent()) ?? '', { timeout: 120_000 }).toMatch(/Pool: \d+ polygons of layer beats/);
    await s.page.getByTestId('balance-table').waitFor();
    expect(await s.page.getByTestId('design-result').locator('h3').first().textContent()).toMatch(/e2e-beats/);
  });

  it('made no request that left 127.0.0.1 and logged no errors from the design feature', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors.filter((e) => /design|evaluation|pageerror/i.test(e))).toEqual([]);
  });
});
