import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OFFENSE_GROUPS } from '../../shared/domain/ingest/nibrs';
import { createDefaultLayout } from '../../shared/domain/outputs/layout/defaults';
import { countColor, decodePng } from '../shared/domain/outputs/layout/png-decode';
import { type E2eSession, lookShot, openSession, waitForMapPoints } from './browser';

const OUT = path.resolve('test-results/e2e');
const SHOTS = path.resolve('.tmp');

describe('briefing map layout view (browser build)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    await s.page.setViewportSize({ width: 1500, height: 950 });
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 500);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens the layout view with a live preview that follows the title', async () => {
    await s.page.getByRole('button', { name: 'Briefing map…' }).click();
    const preview = s.page.getByTestId('layout-preview');
    await expect.poll(() => preview.locator('svg [data-role="banner"]').count(), { timeout: 120_000 }).toBe(1);
    expect(await preview.locator('svg [data-role="banner"]').textContent()).toBe('LAW ENFORCEMENT SENSITIVE');
    await s.page.getByRole('textbox', { name: 'Title', exact: true }).fill('Weekly robbery briefing');
    await expect.poll(() => preview.locator('svg [data-role="title"]').textContent(), { timeout: 30_000 }).toBe('Weekly robbery briefing');
    expect(await preview.locator('svg [data-role="legend-entry"]').count()).toBeGreaterThan(3);
    expect(await preview.getAttribute('data-scale')).toMatch(/^1:[\d,]+$/);
    await s.page.waitForTimeout(500);
    await lookShot(s.page, path.join(SHOTS, 'layout-view.png'));
    expect(s.errors).toEqual([]);
  }, 240_000);

  it('exports a PNG at 150 dpi: Letter landscape in pixels, incidents in the map frame, the banner', async () => {
    await s.page.getByLabel('Resolution').selectOption('150');
    const download = s.page.waitForEvent('download', { timeout: 180_000 });
    await s.page.getByRole('button', { name: 'Export PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('briefing.png');
    const saved = path.join(OUT, 'layout-briefing.png');
    await file.saveAs(saved);
    const img = decodePng(new Uint8Array(readFileSync(saved)));
    expect([img.width, img.height]).toEqual([1650, 1275]);
    const l = createDefaultLayout();
    const k = 150 / 25.4;
    const frame = [Math.ceil(l.map.box.x * k) + 2, Math.ceil(l.map.box.y * k) + 2, Math.floor((l.map.box.x + l.map.box.w) * k) - 2, Math.floor((l.map.box.y + l.map.box.h) * k) - 2] as const;
    expect(countColor(img, OFFENSE_GROUPS[1]!.color, frame)).toBeGreaterThan(300);
    expect(countColor(img, OFFENSE_GROUPS[0]!.color, frame)).toBeGreaterThan(100);
    const b = l.banner.box;
    expect(countColor(img, [163, 21, 21], [Math.ceil(b.x * k) + 1, Math.ceil(b.y * k) + 1, Math.floor((b.x + b.w) * k) - 1, Math.floor((b.y + b.h) * k) - 1], 10)).toBeGreaterThan(10000);
    await expect.poll(() => s.page.getByTestId('layout-status').textContent(), { timeout: 30_000 }).toContain('Exported 1 PNG page at 150 dpi');
  }, 240_000);

  it('saves the layout in the project', async () => {
    await s.page.getByRole('button', { name: 'Save layout' }).click();
    await expect.poll(() => s.page.getByTestId('layout-status').textContent(), { timeout: 30_000 }).toContain('Saved layout "briefing"');
    expect(await s.page.getByTestId('project-title').textContent()).toMatch(/•$/);
  });
});
