import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { runCli } from '../../electron/cli/main';
import { openProjectFile as readProjectFile } from '../../electron/services/project-file';
import { guessPointColumns } from '../../shared/domain/explore/incident-points';
import { countColoredPixels, type E2eSession, lookShot, openProjectFile, openSession, waitForMapPoints } from './browser';

const SHOTS = path.resolve('.tmp');
const OUT = path.resolve('test-results/e2e/sources-weighted');

const mapRendered = (s: E2eSession) => s.page.evaluate(() => Number(document.body.dataset.mapRendered ?? '0'));
/** The number after "weighted total" in a text ("… weighted total 1,234.5 …"). */
const totalIn = (text: string | null) => {
  const m = /weighted total ([\d,]+(?:\.\d+)?)/.exec(text ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : Number.NaN;
};

/** Rows the map draws (usable lon/lat, as buildIncidentPointsSql keeps them). */
function mappedRows(table: Table): number {
  const cols = guessPointColumns(table.schema.fields.map((f) => f.name))!;
  const lon = table.getChild(cols.lon)!;
  const lat = table.getChild(cols.lat)!;
  let n = 0;
  for (let i = 0; i < table.numRows; i++) {
    let x = Number(lon.get(i) ?? Number.NaN);
    let y = Number(lat.get(i) ?? Number.NaN);
    if (lon.get(i) === null || lat.get(i) === null || !Number.isFinite(x) || !Number.isFinite(y) || (x === 0 && y === 0)) continue;
    if (Math.abs(y) > 90 && Math.abs(x) <= 90) [x, y] = [y, x];
    if (x >= -180 && x <= 180 && y >= -90 && y <= 90) n++;
  }
  return n;
}

describe('A weighted combination in the standard views: counts, layers, legend, colours', () => {
  let s: E2eSession;
  const project = path.join(OUT, 'sample-city.spiproj');
  let expected = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rmSync(OUT, { recursive: true, force: true });
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), cwd: process.cwd(), debug: false };
    expect(await runCli(['sample', '--out', OUT, '--incidents', '400', '--years', '1'], io), out.join('')).toBe(0);
    const opened = await readProjectFile(project);
    if (!opened.ok) throw new Error('open');
    const table = (id: string) => opened.value.project.datasets.find((d) => d.meta.id === id)!.table!;
    expected = mappedRows(table('incidents')) * 1 + mappedRows(table('src-calls')) * 0.25;
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=200`);
    await waitForMapPoints(s.page, 50);
    await openProjectFile(s.page, s.baseUrl, project, 'sample-city.spiproj');
  }, 420_000);
  afterAll(async () => {
    await s?.close();
  });

  it('counts, grids and colours the combination by source weight', async () => {
    const picker = s.page.getByTestId('dataset-picker');
    await picker.waitFor({ timeout: 60_000 });
    await expect.poll(() => mapRendered(s), { timeout: 120_000 }).toBeGreaterThan(100);
    await picker.getByRole('button', { name: /Dataset ▾/ }).click();
    await picker.getByRole('button', { name: 'Combine sources…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Combine sources' });
    await dialog.getByLabel('Combination name').fill('harm');
    await dialog.getByRole('button', { name: 'Combine and show' }).click();
    await expect.poll(() => picker.getByRole('button').first().textContent(), { timeout: 60_000 }).toContain('Weighted combination "harm"');

    // The filtered count: records and their weighted total (every record on the map, no filter).
    expect(expected % 1).not.toBe(0);
    const count = s.page.getByTestId('filtered-count');
    await expect.poll(async () => totalIn(await count.textContent()), { timeout: 60_000 }).toBeCloseTo(expected, 2);
    expect(await count.textContent()).toMatch(/ records, weighted total /);

    // The legend names the sources with their weights; points are drawn in the sources' colours.
    const legend = s.page.getByTestId('source-legend');
    await legend.waitFor({ timeout: 30_000 });
    expect(await s.page.getByTestId('legend-kind').textContent()).toBe('Records by source (weighted)');
    const rows = await legend.getByTestId('source-legend-row').allTextContents();
    expect(rows[0]).toContain('incidents × 1');
    expect(rows[1]).toContain('src-calls × 0.25');
    expect(Number(/: ([\d,.]+)\./.exec((await legend.getByTestId('source-legend-total').textContent()) ?? '')?.[1]?.replace(/,/g, ''))).toBeCloseTo(expected, 2);
    await s.page.waitForTimeout(1500);
    const mapShot = await s.page.getByTestId('map').screenshot({ path: path.join(SHOTS, 'sources-weighted-points.png') });
    const points = await countColoredPixels(s.page, mapShot, [
      [0, 114, 178],
      [230, 159, 0],
    ], 30);
    expect(points.counts[0]).toBeGreaterThan(50);
    expect(points.counts[1]).toBeGreaterThan(50);

    // The grid layer sums the weights: its legend says weighted and gives the same total.
    await s.page.getByTestId('layer-kind-grid').check();
    const weighted = s.page.getByTestId('layer-weighted');
    await weighted.waitFor({ timeout: 120_000 });
    expect(totalIn(await weighted.textContent())).toBeCloseTo(expected, 2);
    expect(await s.page.getByTestId('layer-legend').textContent()).toContain('weighted records per cell');
    await weighted.scrollIntoViewIfNeeded();
    await lookShot(s.page, path.join(SHOTS, 'sources-weighted.png'));
    await legend.scrollIntoViewIfNeeded();
    await lookShot(s.page, path.join(SHOTS, 'sources-weighted-legend.png'));

    // Gi* on the weighted counts, and the density of weighted records.
    await s.page.getByTestId('grid-statistic').selectOption('gistar');
    await expect.poll(() => s.page.getByTestId('layer-legend').textContent(), { timeout: 120_000 }).toContain('Getis-Ord Gi*');
    expect(totalIn(await weighted.textContent())).toBeCloseTo(expected, 2);
    await s.page.getByTestId('layer-kind-kde').check();
    await expect.poll(() => s.page.getByTestId('layer-legend').textContent(), { timeout: 120_000 }).toContain('Weighted records per km²');
    expect(totalIn(await s.page.getByTestId('layer-weighted').textContent())).toBeCloseTo(expected, 2);
  }, 300_000);
});
