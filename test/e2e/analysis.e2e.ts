import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readProject } from '../../shared/domain/project/read-project';
import { LISA_COLORS, TOP_COLOR } from '../../renderer/features/analysis/analysis-view';
import { countColoredPixels, type E2eSession, lookShot, openSession, waitForMapPoints } from './browser';

const OUT = path.resolve('.tmp');
const HH = LISA_COLORS[1]!;
const HULL = [27, 158, 119] as const;

async function setField(s: E2eSession, label: string, value: string) {
  const input = s.page.getByTestId('analysis-panel').getByLabel(label, { exact: true });
  await input.fill(value);
}

async function run(s: E2eSession) {
  await s.page.getByTestId('analysis-run').click();
  await expect.poll(() => s.page.getByTestId('analysis-run').isEnabled(), { timeout: 120_000 }).toBe(true);
  const error = s.page.getByTestId('analysis-error');
  if (await error.count()) throw new Error(`analysis error: ${await error.textContent()}`);
}

async function mapPixels(s: E2eSession, name: string, colors: readonly (readonly [number, number, number])[]) {
  await s.page.waitForTimeout(800);
  const shot = await s.page.getByTestId('map').screenshot();
  await lookShot(s.page, path.join(OUT, name));
  return (await countColoredPixels(s.page, shot, colors, 18)).counts;
}

describe('analysis panel: Moran, concentration, Knox, clusters, save (built renderer)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    s = await openSession();
    await s.page.setViewportSize({ width: 1400, height: 1000 });
    await s.page.goto(`${s.baseUrl}?incidents=3000`);
    await waitForMapPoints(s.page, 1000);
    await s.page.getByTestId('analysis-panel').locator('summary').first().click();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("runs local Moran's I and draws HH cells on the canvas, stating I, z and p", async () => {
    const before = (await mapPixels(s, 'analysis-before.png', [HH]))[0]!;
    await setField(s, 'Permutations', '99');
    await run(s);
    const result = s.page.getByTestId('analysis-result');
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/Global Moran's I\s*0\.\d+/);
    expect(text).toMatch(/z \(randomization\)\s*\d/);
    expect(text).toMatch(/pseudo p \(99 permutations\)/);
    const legend = (await s.page.getByTestId('analysis-legend').textContent()) ?? '';
    const hh = /HH \(high-high\)\s*([\d,]+)/.exec(legend);
    expect(Number(hh?.[1]?.replaceAll(',', ''))).toBeGreaterThan(0);
    const after = (await mapPixels(s, 'analysis-moran.png', [HH]))[0]!;
    expect(after).toBeGreaterThan(before + 300);
    await s.page.getByTestId('analysis-save').click();
    await expect.poll(() => s.page.getByTestId('analysis-saved-as').textContent(), { timeout: 10_000 }).toMatch(/^saved as analyses\/moran-\d{8}-\d{6}/);
  });

  it('runs concentration: the P% of places table, Gini, PAI of the top cells and the Lorenz curve', async () => {
    await s.page.getByRole('button', { name: 'Concentration' }).click();
    await setField(s, 'PAI of top N', '10');
    await run(s);
    const rows = await s.page.getByTestId('concentration-table').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    const pct = rows.map((r) => Number(/%([\d.]+)%/.exec(r)?.[1]));
    expect(rows[0]).toMatch(/^25%/);
    expect(rows[2]).toMatch(/^75%/);
    // Crime concentrates: 50% of crime in well under 50% of places, and the shares rise with M.
    expect(pct[1]).toBeLessThan(20);
    expect(pct[0]).toBeLessThan(pct[1]!);
    expect(pct[1]).toBeLessThan(pct[2]!);
    const text = (await s.page.getByTestId('analysis-result').textContent()) ?? '';
    const gini = Number(/Gini(0\.\d+)/.exec(text)?.[1]);
    expect(gini).toBeGreaterThan(0.5);
    expect(gini).toBeLessThan(1);
    expect(text).toMatch(/Top 10 places[\d.]+% of crime on [\d.]+% of the area: PAI [\d.]+/);
    expect(await s.page.getByTestId('lorenz-chart').locator('path').count()).toBe(1);
    await lookShot(s.page.getByTestId('analysis-result'), path.join(OUT, 'analysis-concentration-panel.png'));
  });

  it('runs concentration by beat polygons: a table, the units stated, beats filled on the map', async () => {
    const units = s.page.getByTestId('analysis-panel').getByLabel('Units', { exact: true });
    await units.selectOption({ label: 'Polygons: Beats' });
    await setField(s, 'PAI of top N', '2');
    await run(s);
    const rows = await s.page.getByTestId('concentration-table').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(await s.page.getByTestId('concentration-units').textContent()).toMatch(/polygons of layer “beats”/);
    const text = (await s.page.getByTestId('analysis-result').textContent()) ?? '';
    expect(text).toMatch(/Top 2 places[\d.]+% of crime on [\d.]+% of the area: PAI [\d.]+/);
    expect(text).toMatch(/polygon id/);
    expect(await s.page.getByTestId('analysis-panel').textContent()).toContain('--unit polygons:beats --top 2');
    const targets = (await mapPixels(s, 'analysis-concentration-beats.png', [TOP_COLOR]))[0]!;
    expect(targets).toBeGreaterThan(500);
    await lookShot(s.page.getByTestId('analysis-result'), path.join(OUT, 'analysis-concentration-beats-panel.png'));
    await units.selectOption({ value: '' });
  });

  it('runs a Knox test with few simulations, and cancels a long one', async () => {
    await s.page.getByRole('button', { name: 'Knox' }).click();
    await setField(s, 'Simulations', '99');
    await run(s);
    // 4 space bands x 4 time bands, each cell coloured by its Monte Carlo p.
    expect(await s.page.getByTestId('knox-table').locator('tbody tr').count()).toBe(4);
    expect(await s.page.getByTestId('knox-table').locator('tbody td').count()).toBe(16);
    // Closest band pair: far more pairs than chance; with 99 simulations the smallest p is 0.01 (not < .01).
    expect(await s.page.getByTestId('knox-table').locator('tbody td').first().getAttribute('class')).toBe('knox-p05');
    const text = (await s.page.getByTestId('analysis-result').textContent()) ?? '';
    expect(text).toMatch(/Simulations99 \(seed 1\)/);
    await lookShot(s.page.getByTestId('analysis-result'), path.join(OUT, 'analysis-knox-panel.png'));
    await setField(s, 'Simulations', '200000');
    await s.page.getByTestId('analysis-run').click();
    await expect.poll(() => s.page.getByTestId('analysis-progress').textContent(), { timeout: 60_000 }).toMatch(/Knox Monte Carlo simulations [\d,]+ of 200,000/);
    await s.page.getByTestId('analysis-cancel').click();
    await expect.poll(() => s.page.getByTestId('analysis-error').textContent(), { timeout: 10_000 }).toMatch(/Cancelled/);
    expect(await s.page.getByTestId('analysis-run').isEnabled()).toBe(true);
  });

  it('runs emerging hot spots by month and shows how many cells change class with a weekly step', async () => {
    await s.page.getByRole('button', { name: 'Emerging' }).click();
    await setField(s, 'Size (m)', '500');
    await run(s);
    const legend = (await s.page.getByTestId('analysis-legend').textContent()) ?? '';
    expect(legend).toMatch(/no pattern detected\s*[\d,]+/);
    const text = (await s.page.getByTestId('analysis-result').textContent()) ?? '';
    expect(text).toMatch(/Time steps3\d months/);
    expect(text).toMatch(/The step matters: [\d,]+ of [\d,]+ cells change class between weekly \(1\d\d steps\) and monthly \(3\d steps\)/);
    await mapPixels(s, 'analysis-emerging.png', [HH]);
  });

  it('lists repeat places at a 10 m precision', async () => {
    await s.page.getByRole('button', { name: 'Repeats' }).click();
    await run(s);
    expect(await s.page.getByTestId('repeats-table').locator('tbody tr').count()).toBeGreaterThan(0);
    const text = (await s.page.getByTestId('analysis-result').textContent()) ?? '';
    expect(text).toMatch(/Incidents at repeat places[\d,]+ of [\d,]+ \([\d.]+%\)/);
    await mapPixels(s, 'analysis-repeats.png', [HH]);
  });

  it('runs DBSCAN and draws the cluster hulls with their counts', async () => {
    await s.page.getByRole('button', { name: 'Clusters' }).click();
    await setField(s, 'Eps (m)', '150');
    await setField(s, 'Min points', '8');
    await run(s);
    const text = (await s.page.getByTestId('analysis-result').textContent()) ?? '';
    const clusters = Number(/Clusters(\d+)/.exec(text)?.[1]);
    expect(clusters).toBeGreaterThan(0);
    expect(text).toMatch(/Clark-Evans R0\.\d+/);
    expect(await s.page.getByTestId('clusters-table').locator('tbody tr').count()).toBe(Math.min(10, clusters));
    const hull = (await mapPixels(s, 'analysis-clusters.png', [HULL]))[0]!;
    expect(hull).toBeGreaterThan(50);
    await s.page.getByTestId('analysis-save').click();
    await expect.poll(() => s.page.getByTestId('analysis-saved-as').textContent(), { timeout: 10_000 }).toMatch(/analyses\/clusters-/);
  });

  it('re-shows a saved analysis from its document, and saves them in the project with log entries', async () => {
    await s.page.getByTestId('analysis-saved').getByRole('button', { name: /^moran-/ }).click();
    await expect.poll(() => s.page.getByTestId('analysis-legend').textContent(), { timeout: 10_000 }).toMatch(/HH \(high-high\)/);
    expect((await mapPixels(s, 'analysis-moran-reshown.png', [HH]))[0]).toBeGreaterThan(300);
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /^Save project/ }).click();
    const file = await download;
    const saved = path.join(OUT, 'analysis-saved.spiproj');
    await file.saveAs(saved);
    const opened = await readProject(new Uint8Array(readFileSync(saved)), 'analysis-saved.spiproj');
    if (!opened.ok) throw new Error('project did not open');
    const keys = Object.keys(opened.value.project.documents).filter((k) => k.startsWith('analyses/'));
    expect(keys.map((k) => k.replace(/-\d{8}-\d{6}.*$/, ''))).toEqual(expect.arrayContaining(['analyses/moran', 'analyses/clusters']));
    const moran = opened.value.project.documents[keys.find((k) => k.startsWith('analyses/moran'))!] as { format: string; verb: string; convention: string[]; result: { storage: string } };
    expect(moran).toMatchObject({ format: 'spi-analysis', verb: 'moran', result: { storage: 'inline' } });
    expect(moran.convention.join(' ')).toMatch(/row-standardized/);
    const actions = opened.value.project.log.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['analysis.moran', 'analysis.clusters']));
  });
});
