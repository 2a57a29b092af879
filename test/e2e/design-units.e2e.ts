/**
 * The Design tab matching on units other than grid cells, in one session on the bundled sample
 * city (opening it and drawing the planted targets is the expensive part, so it is done once):
 * - hexagons (`--unit hex:M` in the panel): two target rectangles around the planted intervention
 *   areas, then *Hexagons* of 400 m across flats; the result names the pool in hexagons and the
 *   comparisons are hexagons on the map;
 * - a third target, then street segments (target units = segments whose midpoint is inside a
 *   target) and beats; the balance table and the pool's unit words appear, the comparisons are
 *   drawn.
 * Screenshots: .tmp/design-hex.png, .tmp/design-hex-map.png, .tmp/design-units.png,
 * .tmp/design-units-map.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type E2eSession, isLocal, lookShot, openSession, tallScreenshot } from './browser';
import { drawPlantedTargets, jump, openDesignTab, plantedCentres } from './design-map';

const SHOTS = path.resolve('.tmp');

describe('design on hexagons, street segments and beats', () => {
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

  it('draws two targets around planted intervention areas', async () => {
    await drawPlantedTargets(s.page, centres, 2);
  });

  it('matches the targets against 400 m hexagons and draws hexagonal comparisons', async () => {
    await s.page.getByRole('button', { name: '2 Match' }).click();
    await s.page.getByTestId('design-name').fill('e2e-hex');
    await s.page.getByTestId('unit-kind').selectOption('hex');
    await expect.poll(async () => (await s.page.locator('label.field', { has: s.page.getByTestId('cell-size') }).textContent()) ?? '').toMatch(/Hex size \(across flats\), m/);
    await s.page.getByTestId('cell-size').fill('400');
    await s.page.getByTestId('run-match').click();
    await s.page.getByTestId('balance-table').waitFor({ timeout: 120_000 });
    const text = (await s.page.getByTestId('design-result').textContent()) ?? '';
    expect(text).toMatch(/Pool: [\d,]+ hexagons of 400 m \(across flats\)\./);
    const m = /(\d+) targets, (\d+) comparison areas/.exec(text);
    expect([Number(m?.[1]), Number(m?.[2])]).toEqual([2, 2]);
    for (const v of await s.page.getByTestId('smd-after').allTextContents()) expect(v).toMatch(/^−?\d+\.\d{3}$/);
    await jump(s.page, [(centres[0]![0] + centres[1]![0]) / 2, (centres[0]![1] + centres[1]![1]) / 2], 12);
    await lookShot(s.page.getByTestId('map'), path.join(SHOTS, 'design-hex-map.png'));
    await tallScreenshot(s.page, path.join(SHOTS, 'design-hex.png'), 1700, 1200, () => s.page.getByTestId('unit-kind').scrollIntoViewIfNeeded());
  });

  it('draws a third target around a planted intervention area', async () => {
    await s.page.getByRole('button', { name: '1 Targets' }).click();
    await drawPlantedTargets(s.page, centres, 3, 2);
  });

  it('matches target street segments to pool segments and shows the balance table', async () => {
    await s.page.getByRole('button', { name: '2 Match' }).click();
    await s.page.getByTestId('design-name').fill('e2e-segments');
    await s.page.getByTestId('unit-kind').selectOption('segments');
    expect(await s.page.getByTestId('unit-layer').inputValue()).toBe('streets');
    await s.page.getByTestId('unit-snap').fill('30');
    await s.page.getByTestId('run-match').click();
    // The hexagon result is still on screen until this one replaces it.
    await expect.poll(async () => (await s.page.getByTestId('design-result').textContent()) ?? '', { timeout: 120_000 }).toMatch(/Pool: [\d,]+ street segments/);
    await s.page.getByTestId('balance-table').waitFor({ timeout: 120_000 });
    expect(await s.page.getByTestId('design-result').locator('h3').first().textContent()).toMatch(/e2e-segments/);
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
    await lookShot(s.page.getByTestId('map'), path.join(SHOTS, 'design-units-map.png'));
    await tallScreenshot(s.page, path.join(SHOTS, 'design-units.png'), 1700, 1200, async () => {
      await jump(s.page, centres[0]!, 12.5);
      await s.page.getByTestId('unit-kind').scrollIntoViewIfNeeded();
    });
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
