/**
 * Evaluate tab, newer data and harm weights: a small sample-city project (`spi sample
 * --incidents 1500`) with a CLI design is opened in the app; "Append newer export…" refuses a
 * renamed-column export by name, previews a newer export with the SAME counts as
 * `spi project append` on a copy of the project, replaces the data, and "Undo append" restores
 * it; appended again and saved, the file holds the merged rows and both log entries. Then the
 * harm-weighted outcome with an edited weight is evaluated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli/main';
import { type E2eSession, isLocal, lookShot, openProjectFile, openSession } from './browser';

const SHOTS = path.resolve('.tmp');
const OUT = path.resolve('test-results/e2e/append');

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), cwd: OUT, debug: false };
  const code = await runCli(args, io);
  if (code !== 0) throw new Error(`spi ${args.join(' ')}: ${out.join('')}`);
  return out.join('');
}

/** The newer export: the later 60% of the rows, 10 with a corrected address, 25 new cases, one row with a bad date. */
function newerExport(csv: string): string {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0]!;
  const rows = lines.slice(1);
  const kept = rows.slice(Math.floor(rows.length * 0.4));
  let changed = 0;
  const out = kept.map((l) => {
    if (changed < 10 && l.includes(' BLOCK OF ')) {
      changed++;
      return l.replace(' BLOCK OF ', ' BLOCK OF NEW ');
    }
    return l;
  });
  rows.slice(-25).forEach((l, i) => out.push(l.replace(/^[^,]+/, `2025-90000${String(i).padStart(2, '0')}`)));
  out.push(rows.at(-1)!.replace(/^[^,]+/, '2025-9999999').replace(/,\d{4}-\d\d-\d\d \d\d:\d\d,/, ',not a date,'));
  return `${[header, ...out].join('\n')}\n`;
}

describe('Evaluate tab: append newer data and harm weights', () => {
  let s: E2eSession;
  const project = path.join(OUT, 'sample-city.spiproj');
  const newer = path.join(OUT, 'rms-newer.csv');
  const renamed = path.join(OUT, 'rms-renamed.csv');
  let expected: { added: number; changed: number; unchanged: number; kept: number; exportRowsQuarantined: number; rowsAfter: number; hashes: { before: string; export: string } };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    await cli(['sample', '--out', OUT, '--incidents', '1500', '--incidents-only-project']);
    await cli(['design', 'create', project, '--name', 'pilot', '--targets-from', 'ground-truth', '--unit', 'grid:250', '--pre', '2022-01-01..2023-06-30', '--save']);
    const csv = readFileSync(path.join(OUT, 'incidents.csv'), 'utf8');
    writeFileSync(newer, newerExport(csv));
    writeFileSync(renamed, newerExport(csv).replace('Case Number', 'Incident No'));
    // What the CLI makes of the same export, on a copy of the project.
    copyFileSync(project, path.join(OUT, 'cli-copy.spiproj'));
    expected = JSON.parse(await cli(['project', 'append', 'cli-copy.spiproj', 'rms-newer.csv', '--dataset', 'incidents', '--out', 'cli-appended.spiproj', '--json']));
    s = await openSession();
    await openProjectFile(s.page, s.baseUrl, project, 'sample-city.spiproj', { fresh: true });
  }, 420_000);
  afterAll(async () => {
    await s?.close();
  });

  it('refuses an export the saved mapping does not fit, naming the file and the column; nothing changes', async () => {
    await s.page.getByRole('tab', { name: 'Evaluate' }).click();
    await s.page.getByTestId('append-pick').waitFor({ timeout: 120_000 });
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByTestId('append-pick').click();
    await (await chooser).setFiles(renamed);
    await expect.poll(() => s.page.getByTestId('append-error').textContent(), { timeout: 120_000 }).toMatch(/rms-renamed\.csv was not appended, nothing changed: .*Case Number/);
    expect(await s.page.getByTestId('append-preview').count()).toBe(0);
  }, 200_000);

  it('previews the same added / changed / unchanged / quarantined counts as spi project append, then replaces the data', async () => {
    // 25 copied rows under new case numbers (less any the ingest quarantines), 10 edited addresses.
    expect(expected.added).toBeGreaterThanOrEqual(20);
    expect(expected.added).toBeLessThanOrEqual(25);
    expect(expected.changed).toBeGreaterThanOrEqual(5);
    expect(expected.changed).toBeLessThanOrEqual(10);
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByTestId('append-pick').click();
    await (await chooser).setFiles(newer);
    const preview = s.page.getByTestId('append-preview');
    await preview.waitFor({ timeout: 120_000 });
    const num = async (id: string) => Number(((await s.page.getByTestId(id).locator('td.num').textContent()) ?? '').replace(/[^0-9].*$/, '').replace(/,/g, ''));
    expect(await num('append-added')).toBe(expected.added);
    expect(await num('append-changed')).toBe(expected.changed);
    expect(await num('append-unchanged')).toBe(expected.unchanged);
    expect(await num('append-quarantined')).toBe(expected.exportRowsQuarantined);
    expect(expected.exportRowsQuarantined).toBeGreaterThanOrEqual(1);
    await lookShot(s.page, path.join(SHOTS, 'append.png'));
    await s.page.getByTestId('append-confirm').click();
    await expect.poll(() => s.page.getByTestId('append-done').textContent(), { timeout: 120_000 }).toContain(`${expected.added} added, ${expected.changed} changed`);
    expect(await s.page.getByTestId('append-done').textContent()).toContain(`→ ${expected.rowsAfter.toLocaleString('en-US')} rows`);
    await s.page.getByTestId('append-undo').waitFor({ timeout: 60_000 });
  }, 300_000);

  it('"Undo append" shows the previous data again', async () => {
    await s.page.getByTestId('append-undo').click();
    await expect.poll(() => s.page.getByTestId('append-done').textContent(), { timeout: 120_000 }).toMatch(/Undone: rms-newer\.csv removed/);
    expect(await s.page.getByTestId('append-undo').count()).toBe(0);
  }, 200_000);

  it('appended again and saved, the project holds the merged rows and the logged hashes', async () => {
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByTestId('append-pick').click();
    await (await chooser).setFiles(newer);
    await s.page.getByTestId('append-confirm').click({ timeout: 120_000 });
    await s.page.getByTestId('append-undo').waitFor({ timeout: 120_000 });
    const download = s.page.waitForEvent('download');
    await s.page.getByRole('button', { name: /^Save project/ }).click();
    const file = path.join(OUT, 'saved-from-app.spiproj');
    await (await download).saveAs(file);
    await cli(['project', 'verify', 'saved-from-app.spiproj']);
    const info = JSON.parse(await cli(['project', 'info', 'saved-from-app.spiproj', '--json']));
    expect(info.datasets.find((d: { id: string }) => d.id === 'incidents').rows).toBe(expected.rowsAfter);
    const appends = info.log.filter((e: { action: string }) => e.action === 'dataset.append');
    expect(appends.length).toBe(2);
    expect(info.log.filter((e: { action: string }) => e.action === 'dataset.append.undo').length).toBe(1);
    expect(appends.at(-1).dataHashes['incidents@before']).toBe(expected.hashes.before);
    expect(appends.at(-1).dataHashes['incidents@export']).toBe(expected.hashes.export);
    expect(appends.at(-1).parameters).toMatchObject({ added: expected.added, changed: expected.changed, unchanged: expected.unchanged });
    // Saved: the append can no longer be undone from the app.
    await expect.poll(() => s.page.getByTestId('append-undo').count(), { timeout: 30_000 }).toBe(0);
  }, 300_000);

  it('evaluates a harm-weighted outcome with an edited weight (weighted harm, Var = Σ w²·n)', async () => {
    await s.page.getByTestId('eval-design').waitFor({ timeout: 120_000 });
    await s.page.getByTestId('eval-harm').check();
    await s.page.getByTestId('harm-weight-1').fill('10');
    await s.page.getByTestId('run-evaluation').click();
    await s.page.getByTestId('results-table').waitFor({ timeout: 120_000 });
    const wdd = (await s.page.getByTestId('result-wdd').textContent()) ?? '';
    expect(wdd).toMatch(/harm units/);
    expect(wdd).not.toMatch(/crimes/);
    expect(await s.page.getByTestId('result-wdd').getAttribute('title')).toContain('Σ w²·n');
    expect(await s.page.getByTestId('evaluation-result').locator('caption').first().textContent()).toMatch(/^Weighted harm: .*weights table, 7 rows/);
    // A bad weight is named by its row and nothing is evaluated.
    await s.page.getByTestId('harm-weight-2').fill('heavy');
    expect(await s.page.getByTestId('harm-error').textContent()).toBe('weights table (row 2, column "weight"): weight "heavy" is not a number >= 0');
    await s.page.getByTestId('harm-weight-2').fill('2');
    await s.page.getByTestId('harm-weights').scrollIntoViewIfNeeded();
    await lookShot(s.page, path.join(SHOTS, 'append-harm.png'));
    // A weights CSV in the `spi evaluate --harm` format replaces the table.
    const chi = path.join(OUT, 'chi.csv');
    writeFileSync(chi, 'offense_code,offense_group,weight\n13A,,50\n,violent,10\n,property,2\n*,,1\n');
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByTestId('harm-load').click();
    await (await chooser).setFiles(chi);
    await expect.poll(() => s.page.getByTestId('harm-message').textContent(), { timeout: 30_000 }).toBe('Loaded 4 weight row(s) from chi.csv.');
    expect(await s.page.getByTestId('harm-weights').locator('tbody tr').count()).toBe(4);
    await s.page.getByTestId('run-evaluation').click();
    await expect.poll(() => s.page.getByTestId('evaluation-result').locator('caption').first().textContent(), { timeout: 60_000 }).toMatch(/weights table, 4 rows/);
  }, 300_000);

  it('made no request that left 127.0.0.1 and logged no page errors', () => {
    expect(s.requests.filter((u) => !isLocal(u, s.baseUrl))).toEqual([]);
    expect(s.errors.filter((e) => /append|harm|evaluation|pageerror/i.test(e))).toEqual([]);
  });
});
