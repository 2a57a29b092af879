import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { OFFENSE_GROUPS } from '../../shared/domain/ingest/nibrs';
import { countColoredPixels, type E2eSession, isLocal, lookShot, openSession, waitForMapPoints } from './browser';

const SHOTS = path.resolve('test-results/e2e');
const VIOLENT = OFFENSE_GROUPS.find((g) => g.id === 'violent')!.color;
const PROPERTY = OFFENSE_GROUPS.find((g) => g.id === 'property')!.color;

describe('the workbench in a browser (built renderer, 127.0.0.1 only)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    // 4,000 incidents keeps SwiftShader (software WebGL) fast; the app's default is 60,000.
    await s.page.goto(`${s.baseUrl}?incidents=4000`);
  });

  afterAll(async () => {
    await s?.close();
  });

  it('opens the sample city and draws its incidents as coloured points on the map', async () => {
    const drawn = await waitForMapPoints(s.page, 1000);
    expect(drawn).toBeGreaterThan(3500);
    await expect.poll(() => s.page.getByTestId('dataset-facts').textContent(), { timeout: 30_000 }).toMatch(/Rows/);
    await s.page.waitForTimeout(500);
    const shot = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'sample-city.png') });
    const { counts } = await countColoredPixels(s.page, shot, [VIOLENT, PROPERTY], 30);
    // Pixels, not DOM: both groups' colours are really on the canvas.
    expect(counts[0]).toBeGreaterThan(200);
    expect(counts[1]).toBeGreaterThan(200);
  });

  it('hides a group from the map when its legend box is unticked', async () => {
    await s.page.getByRole('checkbox').first().uncheck();
    await s.page.waitForTimeout(1500);
    const shot = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'violent-hidden.png') });
    const { counts } = await countColoredPixels(s.page, shot, [VIOLENT, PROPERTY], 30);
    expect(counts[0]).toBeLessThan(50);
    expect(counts[1]).toBeGreaterThan(200);
    await s.page.getByRole('checkbox').first().check();
    await s.page.waitForTimeout(1000);
  });

  it('shows a record when a point is clicked (clicks pick; mouse moves do not: hover picking is off)', async () => {
    // deck.gl's hover picking redraws every layer on each mouse move (renderer/map/hover-picking.ts);
    // 'off' means the deck.gl internals it removes were found in this build.
    expect(await s.page.getByTestId('map').getAttribute('data-hover-picking')).toBe('off');
    const popup = s.page.getByRole('dialog', { name: 'Incident record' });
    // Click the first property-coloured pixel of a fresh screenshot, 2 px into the point (the
    // first pixel is its top edge). A frame still being redrawn after the legend test can move
    // the points: then take a new screenshot and click again.
    const clickAPoint = async (): Promise<boolean> => {
      const shot = await s.page.getByTestId('map').screenshot();
      const { first } = await countColoredPixels(s.page, shot, [PROPERTY], 20);
      const box = await s.page.getByTestId('map').boundingBox();
      expect(first[0]).not.toBeNull();
      await s.page.mouse.click(box!.x + first[0]!.x, box!.y + first[0]!.y + 2);
      return popup.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
    };
    await expect.poll(clickAPoint, { timeout: 60_000, interval: 500 }).toBe(true);
    await expect.poll(() => popup.textContent(), { timeout: 30_000 }).toMatch(/Case Number/);
    await lookShot(s.page, path.join(SHOTS, 'record-popup.png'));
  });

  it('states in the About box that the app uses no network', async () => {
    await s.page.getByRole('button', { name: 'About' }).click();
    const about = s.page.getByRole('dialog', { name: 'About SPI Workbench' });
    await expect.poll(() => about.textContent(), { timeout: 10_000 }).toMatch(/Network: none/);
    await expect.poll(() => about.textContent(), { timeout: 10_000 }).toMatch(/browser/);
    await about.getByRole('button', { name: 'Close' }).click();
  });

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    const outside = s.requests.filter((u) => !isLocal(u, s.baseUrl));
    expect(outside).toEqual([]);
    expect(s.requests.length).toBeGreaterThan(3);
    expect(s.errors).toEqual([]);
  });
});
