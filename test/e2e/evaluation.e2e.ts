import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli/main';
import { type E2eSession, isLocal, lookShot, openProjectFile, openSession } from './browser';

const SHOTS = path.resolve('.tmp');
const OUT = path.resolve('test-results/e2e');

describe('evaluate panel: a design saved by "spi design create --save", evaluated in the app', () => {
  let s: E2eSession;
  const project = path.join(OUT, 'evaluation-city.spiproj');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(OUT, { recursive: true });
    copyFileSync(path.resolve('renderer/public/sample-city.spiproj'), project);
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), cwd: process.cwd(), debug: false };
    const code = await runCli(['design', 'create', project, '--name', 'cli-planted', '--targets-from', 'ground-truth', '--unit', 'grid:250', '--pre', '2022-01-01..2023-06-30', '--save'], io);
    expect(code, out.join('')).toBe(0);
    s = await openSession();
    await openProjectFile(s.page, s.baseUrl, project, 'evaluation-city.spiproj', { fresh: true });
    // The CLI design, a browser and a 60k-incident project on a shared 2-core machine.
  }, 420_000);
  afterAll(async () => {
    await s?.close();
  });

  it('lists the CLI design and evaluates it: WDD, WDQ, RES and DiD with numbers and sources', async () => {
    await s.page.getByRole('tab', { name: 'Evaluate' }).click();
    const select = s.page.getByTestId('eval-design');
    await select.waitFor({ timeout: 120_000 });
    expect(await select.inputValue()).toBe('cli-planted');
    expect(await s.page.getByTestId('eval-post-from').inputValue()).toBe('2023-07-01');
    await s.page.getByTestId('run-evaluation').click();
    const results = s.page.getByTestId('results-table');
    await results.waitFor({ timeout: 60_000 });
    const wdd = (await s.page.getByTestId('result-wdd').locator('.estimate').textContent()) ?? '';
    expect(wdd).toMatch(/^−?\d+(\.\d)?$/);
    // The planted intervention cut crime in the targets by 30%: the WDD is negative.
    expect(wdd.startsWith('−')).toBe(true);
    expect(await s.page.getByTestId('result-wdd').textContent()).toMatch(/z = −\d+\.\d\d.*CI \[/);
    const res = (await s.page.getByTestId('result-res').locator('.estimate').textContent()) ?? '';
    expect(Number(res)).toBeGreaterThan(1);
    expect(await s.page.getByTestId('result-res').textContent()).toMatch(/CI \[\d\.\d{3}, \d\.\d{3}\]/);
    expect(await s.page.getByTestId('result-did').textContent()).toMatch(/%/);
    expect(await s.page.getByTestId('result-wdd').getAttribute('title')).toMatch(/Wheeler/);
    await s.page.getByTestId('monthly-chart').locator('svg').waitFor();
    await s.page.getByTestId('cumulative-chart').locator('svg').waitFor();
    await s.page.setViewportSize({ width: 1280, height: 1600 });
    await s.page.waitForTimeout(1500);
    await lookShot(s.page, path.join(SHOTS, 'evaluation-results.png'));
    await s.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('saves the evaluation (logged) and exports the HTML report', async () => {
    await s.page.getByTestId('save-evaluation').click();
    await expect.poll(() => s.page.getByTestId('evaluation-status').textContent()).toMatch(/Saved as evaluations\/cli-planted-\d{8}T\d{6}/);
    const download = s.page.waitForEvent('download');
    await s.page.getByTestId('export-html').click();
    const file = path.join(OUT, 'evaluation-report.html');
    await (await download).saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/WDD|Weighted displacement difference/);
  });

  it('made no request that left 127.0.0.1 and logged no errors from the evaluation feature', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors.filter((e) => /design|evaluation|pageerror/i.test(e))).toEqual([]);
  });
});
