/**
 * The Design tab matching on hexagons (`--unit hex:M` in the panel): two target rectangles
 * around the sample city's planted intervention areas, then *Hexagons* of 400 m across flats;
 * the result names the pool in hexagons, comparisons are hexagons on the map, and the saved
 * design reopens as hexagons. Screenshots: .tmp/design-hex.png, .tmp/design-hex-map.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isLocal, openSession, type E2eSession } from './browser';
import { drawPlantedTargets, jump, openDesignTab, plantedCentres } from './design-map';

const SHOTS = path.resolve('.tmp');

describe('design on hexagons', () => {
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
    await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'design-hex-map.png') });
    await s.page.setViewportSize({ width: 1280, height: 1700 });
    await s.page.getByTestId('unit-kind').scrollIntoViewIfNeeded();
    await s.page.waitForTimeout(1200);
    await s.page.screenshot({ path: path.join(SHOTS, 'design-hex.png'), timeout: 120_000 });
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('made no request that left 127.0.0.1 and logged no errors from the design feature', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors.filter((e) => /design|evaluation|pageerror/i.test(e))).toEqual([]);
  });
});
