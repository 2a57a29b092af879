/**
 * Issue 3, import dialog extras: choosing the sheet of a two-sheet Excel workbook, and importing
 * a beats GeoJSON as a reference layer that the base map then draws (in place of the sample
 * city's beats), saved with the project.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { countColoredPixels, type E2eSession, isLocal, lookShot, openSession, saveProjectAndRead, waitForMapPoints } from './browser';

const OUT = path.resolve('.tmp');
const XLSX = path.join(OUT, 'two-sheets.xlsx');
const BEATS = path.join(OUT, 'beats-z.geojson');
const SAVED = path.join(OUT, 'import-extras.spiproj');
/** The dashed beat outline of the offline base map (renderer/map/basemap-style.ts). */
const BEAT_LINE: [number, number, number] = [0xb9, 0xb4, 0xa6];

/** Four square beats Z1..Z4 over the sample city (lon -97.59..-97.41, lat 32.89..33.01). */
function beatsZ(): object {
  const [x0, y0, x1, y1] = [-97.59, 32.89, -97.41, 33.01];
  const xm = (x0 + x1) / 2;
  const ym = (y0 + y1) / 2;
  const square = (a: number, b: number, c: number, d: number) => [[[a, b], [c, b], [c, d], [a, d], [a, b]]];
  const cells = [square(x0, y0, xm, ym), square(xm, y0, x1, ym), square(x0, ym, xm, y1), square(xm, ym, x1, y1)];
  return { type: 'FeatureCollection', features: cells.map((coordinates, i) => ({ type: 'Feature', properties: { beat: `Z${i + 1}` }, geometry: { type: 'Polygon', coordinates } })) };
}

const text = (value: string) => ({ value, type: String });

describe('import dialog: Excel sheet choice and reference layers', () => {
  let s: E2eSession;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(BEATS, JSON.stringify(beatsZ()));
    const incidents = [
      ['Case Number', 'Offense Code', 'Occurred Date', 'Address', 'Latitude', 'Longitude'].map(text),
      ...[1, 2, 3, 4].map((i) => [`24-10${i}`, '220', `2024-02-0${i} 10:00`, `${i}00 ELM ST`, String(32.95 + i * 0.002), String(-97.5 + i * 0.002)].map(text)),
    ];
    // (A column named "Note" would be marked sensitive, free text, and masked in the preview.)
    const notes = [[text('Info'), text('Source')], [text('Exported from the RMS'), text('records unit')]];
    await writeXlsxFile([{ data: notes, sheet: 'Notes' }, { data: incidents, sheet: 'Incidents' }] as never).toFile(XLSX);
    s = await openSession();
    await s.page.goto(`${s.baseUrl}?incidents=300`);
    await waitForMapPoints(s.page, 100);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('imports a beats GeoJSON as a reference layer and the base map draws it', async () => {
    await s.page.waitForTimeout(1500);
    const before = await countColoredPixels(s.page, await s.page.getByTestId('map').screenshot(), [BEAT_LINE], 12);
    await s.page.getByRole('button', { name: 'Import data…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import a dataset' });
    const chooser = s.page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Import a reference layer…' }).click();
    await (await chooser).setFiles(BEATS);
    await expect.poll(() => dialog.getByTestId('layer-preview').textContent(), { timeout: 20_000 }).toMatch(/4 features \(Polygon\), CRS EPSG:4326/);
    expect(await dialog.getByLabel('Layer role').inputValue()).toBe('beats');
    await lookShot(s.page, path.join(OUT, 'import-layer.png'));
    await dialog.getByRole('button', { name: 'Add layer to project' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Added layer "beats-z" \(beats, 4 features\)/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await s.page.waitForTimeout(2500);
    const shot = await s.page.getByTestId('map').screenshot({ path: path.join(OUT, 'import-layer-map.png') });
    const after = await countColoredPixels(s.page, shot, [BEAT_LINE], 12);
    // The sample's 24 beats (their outlines mostly under the streets) gave way to the 2x2 squares,
    // whose midlines cross the whole city: many more dashed beat-outline pixels.
    expect(after.counts[0]).toBeGreaterThan(before.counts[0]! * 1.3);
  }, 120_000);

  it('lists the sheets of a workbook and imports the chosen one', async () => {
    await s.page.getByRole('button', { name: 'Import data…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import a dataset' });
    const chooser = s.page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(XLSX);
    const sheet = dialog.getByLabel('Excel sheet');
    await sheet.waitFor({ timeout: 60_000 });
    expect(await sheet.locator('option').allTextContents()).toEqual(['Notes', 'Incidents']);
    await expect.poll(() => dialog.getByRole('region').textContent(), { timeout: 10_000 }).toContain('Exported from the RMS');
    await sheet.selectOption('Incidents');
    await expect.poll(() => dialog.getByRole('region').textContent(), { timeout: 30_000 }).toContain('24-101');
    expect(await dialog.getByLabel('Excel sheet').inputValue()).toBe('Incidents');
    await lookShot(s.page, path.join(OUT, 'import-sheet.png'));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = dialog.getByLabel('Import summary');
    await summary.waitFor({ timeout: 90_000 });
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/4 rows read = 4 loaded \+ 0 quarantined/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => s.page.getByTestId('dataset-facts').textContent(), { timeout: 30_000 }).toMatch(/Rows4/);
  }, 180_000);

  it('saves the imported layer with the project and logs both imports', async () => {
    const opened = await saveProjectAndRead(s.page, SAVED);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const layer = opened.value.project.layers.find((l) => l.meta.name === 'beats-z');
    expect(layer?.meta).toMatchObject({ role: 'beats', features: 4 });
    const actions = opened.value.project.log.map((e) => e.action);
    expect(actions).toContain('layer.import');
    expect(actions).toContain('dataset.import');
  }, 60_000);

  it('made no request that left 127.0.0.1 and logged no errors', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
