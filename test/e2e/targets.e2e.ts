import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/domain/outputs/targets/fixtures';
import { type E2eSession, lookShot, openSession, waitForMapPoints } from './browser';

const OUT = path.resolve('test-results/e2e');
const SHOTS = path.resolve('.tmp');

describe('target list for patrol (browser build)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    s = await openSession();
    await s.page.setViewportSize({ width: 1400, height: 900 });
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 500);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('builds a ranked list from the hot spots, shows it, and exports a CSV that parses back', async () => {
    await s.page.getByTestId('targets-open').click();
    await s.page.getByTestId('targets-source').selectOption('hotspots');
    await s.page.getByTestId('targets-privacy').selectOption('public');
    await lookShot(s.page, path.join(SHOTS, 'targets-open.png'));
    await s.page.getByTestId('targets-build').click();
    const rows = s.page.locator('[data-testid="targets-table"] tbody tr');
    await expect.poll(async () => (await rows.count()) + (await s.page.locator('.targets-message').count()), { timeout: 120_000 }).toBeGreaterThan(0);
    await lookShot(s.page, path.join(SHOTS, 'targets-built.png'));
    const problem = (await s.page.locator('.targets-message').count()) ? await s.page.locator('.targets-message').textContent() : null;
    expect(problem).toBeNull();
    const shown = await rows.count();
    const firstName = (await rows.first().locator('td').nth(1).textContent()) ?? '';
    expect(firstName).toMatch(/cell/);
    await s.page.waitForTimeout(300);
    await lookShot(s.page, path.join(SHOTS, 'targets-dialog.png'));

    const download = s.page.waitForEvent('download', { timeout: 120_000 });
    await s.page.getByTestId('targets-export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('patrol-targets.csv');
    const saved = path.join(OUT, 'patrol-targets.csv');
    await file.saveAs(saved);
    const csv = parseCsv(readFileSync(saved, 'utf8'));
    expect(csv[0]!.slice(0, 3)).toEqual(['rank', 'id', 'name']);
    expect(csv).toHaveLength(shown + 1);
    expect(csv[1]![2]).toBe(firstName);
    expect(csv[1]![csv[0]!.indexOf('privacy')]).toBe('public');
    await expect.poll(() => s.page.locator('.targets-message').textContent(), { timeout: 30_000 }).toContain('Exported');
    expect(s.errors).toEqual([]);
    expect(s.requests.every((u) => u.startsWith(s.baseUrl))).toBe(true);
  }, 300_000);
});
