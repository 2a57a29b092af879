import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli/main';
import { type E2eSession, lookShot, openProjectFile, openSession } from './browser';

const SHOTS = path.resolve('.tmp');
const OUT = path.resolve('test-results/e2e/datasets-city');

const mapRendered = (s: E2eSession) => s.page.evaluate(() => Number(document.body.dataset.mapRendered ?? '0'));

describe('Dataset picker: a project with several sources, shown one at a time', () => {
  let s: E2eSession;
  const project = path.join(OUT, 'sample-city.spiproj');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rmSync(OUT, { recursive: true, force: true });
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), cwd: process.cwd(), debug: false };
    const code = await runCli(['sample', '--out', OUT, '--incidents', '2000', '--years', '1'], io);
    expect(code, out.join('')).toBe(0);
    s = await openSession();
    await openProjectFile(s.page, s.baseUrl, project, 'sample-city.spiproj', { fresh: true });
  }, 420_000);
  afterAll(async () => {
    await s?.close();
  });

  it('lists every dataset with its kind and rows, and switching to the calls changes the points shown', async () => {
    const picker = s.page.getByTestId('dataset-picker');
    await picker.waitFor({ timeout: 60_000 });
    expect(await picker.getByRole('button').first().textContent()).toMatch(/Dataset ▾.*\(incidents\)/);
    await expect.poll(() => mapRendered(s), { timeout: 120_000 }).toBeGreaterThan(1000);
    const incidentPoints = await mapRendered(s);
    expect(await s.page.getByTestId('legend-kind').textContent()).toBe('Incidents by offense group');

    await picker.getByRole('button', { name: /Dataset ▾/ }).click();
    const options = picker.getByRole('option');
    expect(await options.count()).toBe(7);
    const texts = await options.allTextContents();
    expect(texts.join('|')).toMatch(/calls/);
    expect(texts.join('|')).toMatch(/field-interviews/);
    expect(texts.every((t) => /[\d,]+ rows$/.test(t))).toBe(true);
    await lookShot(s.page, path.join(SHOTS, 'datasets-picker.png'));

    await s.page.getByTestId('dataset-option-src-calls').click();
    await expect.poll(() => picker.getByRole('button').first().textContent(), { timeout: 60_000 }).toMatch(/\(calls\)/);
    // The map reports 0 points while the new dataset's layer is being built: wait for the calls.
    await expect.poll(async () => { const n = await mapRendered(s); return n > 0 && n !== incidentPoints; }, { timeout: 120_000 }).toBe(true);
    expect(await s.page.getByTestId('legend-kind').textContent()).toBe('Calls by offense group');
    await s.page.waitForTimeout(1000);
    await lookShot(s.page, path.join(SHOTS, 'datasets-calls.png'));
  }, 300_000);
});
