/**
 * `spi export targets` on a small sample city: a design saved from the planted intervention
 * areas, fresh hot spots and a GeoJSON of areas, in every format, with a privacy profile and
 * the export logged; and one line naming the bad value for bad input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/base/hash';
import { runCli } from '../../../electron/cli/main';
import { CliInputError } from '../../../electron/cli/io';
import { designVerb } from '../../../electron/cli/verbs/design';
import { runExportTargets } from '../../../electron/cli/verbs/export-targets';
import { openProjectFile } from '../../../electron/services/project-file';
import { tempDir } from '../../helpers/engine';
import { findAll, parseCsv, parseXml } from '../../shared/domain/outputs/targets/fixtures';
import { capture } from './analysis-helpers';

const tmp = tempDir('spi-targets-');
const project = () => path.join(tmp.dir, 'sample-city.spiproj');

async function run(argv: string[]): Promise<string> {
  const c = capture(tmp.dir);
  const code = await runExportTargets(argv, c.io);
  if (code !== 0) throw new Error(`exit ${code}: ${c.err()}`);
  return c.out();
}

async function refused(argv: string[]): Promise<string> {
  try {
    await runExportTargets(argv, capture(tmp.dir).io);
  } catch (e) {
    if (e instanceof CliInputError) return e.message;
    throw e;
  }
  throw new Error('expected a CliInputError');
}

describe('spi export targets on the sample city', () => {
  beforeAll(async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['sample', '--out', tmp.dir, '--incidents', '3000', '--years', '1', '--incidents-only-project'], c.io)).toBe(0);
    const d = capture(tmp.dir);
    expect(await designVerb.run(['create', project(), '--name', 'pilot', '--targets-from', 'ground-truth', '--unit', 'grid:250', '--pre', '2022-01-01..2022-06-30', '--save'], d.io)).toBe(0);
  }, 240_000);
  afterAll(() => tmp.cleanup());

  it('lists the design targets as CSV that parses back, matching the JSON figures', async () => {
    const truth = JSON.parse(readFileSync(path.join(tmp.dir, 'ground_truth.json'), 'utf8')).intervention.areas as { id: string }[];
    const json = JSON.parse(await run([project(), '--design', 'pilot', '--format', 'csv', '--out', 'pilot.csv', '--period', '2022-01-01..2022-12-31', '--json']));
    expect(json.rows).toHaveLength(Math.min(10, truth.length));
    expect(new Set(json.rows.map((r: { id: string }) => r.id))).toEqual(new Set(truth.map((a) => a.id).slice(0, 10)));
    const totals = json.rows.map((r: { total: number }) => r.total);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    const csv = parseCsv(readFileSync(path.join(tmp.dir, 'pilot.csv'), 'utf8'));
    const header = csv[0]!;
    expect(header.slice(0, 4)).toEqual(['rank', 'id', 'name', 'centre_lon']);
    expect(csv.slice(1).map((r) => Number(r[header.indexOf('incidents')]))).toEqual(totals);
    expect(csv.slice(1).map((r) => r[header.indexOf('id')])).toEqual(json.rows.map((r: { id: string }) => r.id));
    const first = json.rows[0];
    expect(first.street?.name).toBeTruthy();
    expect(first.windows.length).toBeGreaterThan(0);
    expect(Math.abs(first.lon + 97.5)).toBeLessThan(1);
    expect(Math.abs(first.lat - 32.9)).toBeLessThan(1);
    const groupSum = Object.values(first.byGroup as Record<string, number>).reduce((s, v) => s + v, 0);
    expect(groupSum).toBe(first.total);
  }, 120_000);

  it('with --progress names each step on stderr, the write last (the kill test times from it)', async () => {
    const c = capture(tmp.dir);
    expect(await runExportTargets([project(), '--design', 'pilot', '--out', 'pilot-progress.geojson', '--progress'], c.io)).toBe(0);
    const steps = c.err().trim().split('\n');
    expect(steps[0]).toBe(`reading ${project()}`);
    expect(steps[1]).toMatch(/^building the target list: \d+ areas, [\d,]+ incidents$/);
    expect(steps.at(-1)).toBe('writing outputs');
    expect(c.out()).toContain('Wrote pilot-progress.geojson');
  }, 120_000);

  it('exports fresh hot spots under the public profile and logs the export with the file hash', async () => {
    const out = await run([project(), '--hotspots', '--unit', 'grid:250', '--format', 'geojson', '--out', 'hot.geojson', '--top', '5', '--privacy', 'public', '--dosage', '15m', '--seed', '7', '--save-log']);
    expect(out).toContain('Privacy profile "public"');
    const geo = JSON.parse(readFileSync(path.join(tmp.dir, 'hot.geojson'), 'utf8'));
    expect(geo.features).toHaveLength(5);
    expect(geo.privacy).toContain('hundred block');
    for (const f of geo.features) {
      expect(f.properties.privacy).toBe('public');
      expect(f.properties.dosage_plan).toMatch(/\(Day\)|\(Evening\)|\(Night\)/);
      expect(String(f.properties.top_addresses)).not.toMatch(/^\d+[1-9]\d? [A-Z]/);
      expect(Math.abs((f.properties.centre_x % 100) - 50)).toBeLessThan(1e-6);
    }
    const opened = await openProjectFile(project());
    if (!opened.ok) throw new Error('project');
    const entry = opened.value.project.log.at(-1)!;
    expect(entry.action).toBe('export.targets');
    expect(entry.parameters).toMatchObject({ format: 'geojson', count: 5, privacy: 'public', fileSha256: await sha256Hex(new Uint8Array(readFileSync(path.join(tmp.dir, 'hot.geojson')))) });
    expect(opened.value.project.documents['designs/pilot']).toBeDefined();
  }, 120_000);

  it('writes XLSX, KML, GPX and PDF from a GeoJSON of areas and a profile file', async () => {
    const design = JSON.parse(await run([project(), '--design', 'pilot', '--format', 'geojson', '--out', 'areas.geojson', '--json']));
    const areas = JSON.parse(readFileSync(path.join(tmp.dir, 'areas.geojson'), 'utf8'));
    areas.features[0].properties = { id: 'A1', name: '=cmd|calc <b>' };
    writeFileSync(path.join(tmp.dir, 'areas-in.geojson'), JSON.stringify(areas));
    writeFileSync(path.join(tmp.dir, 'partner.json'), JSON.stringify({ kind: 'privacy-profile', formatVersion: 1, name: 'partner', suppressBelow: 5 }));
    const common = [project(), '--areas', 'areas-in.geojson', '--privacy', 'partner.json', '--top', '3'];
    await run([...common, '--format', 'xlsx', '--out', 't.xlsx']);
    const sheet = await readSheet(readFileSync(path.join(tmp.dir, 't.xlsx')), 'Targets');
    expect(sheet).toHaveLength(Math.min(3, design.rows.length) + 1);
    const names = sheet.slice(1).map((r) => r[2]);
    expect(names).toContain("'=cmd|calc <b>");
    await run([...common, '--format', 'kml', '--out', 't.kml']);
    const kml = parseXml(readFileSync(path.join(tmp.dir, 't.kml'), 'utf8'));
    expect(findAll(kml, 'Placemark').map((p) => findAll(p, 'name')[0]!.text)).toContain(`${names.indexOf("'=cmd|calc <b>") + 1}. =cmd|calc <b>`);
    await run([...common, '--format', 'gpx', '--out', 't.gpx']);
    expect(findAll(parseXml(readFileSync(path.join(tmp.dir, 't.gpx'), 'utf8')), 'wpt')).toHaveLength(sheet.length - 1);
    await run([...common, '--format', 'pdf', '--out', 't.pdf', '--top', '1', '--handling', 'FOUO']);
    const pdf = readFileSync(path.join(tmp.dir, 't.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  }, 180_000);

  it.each([
    [['--design', 'pilot', '--format', 'docx', '--out', 'x.docx'], /--format: "docx" is not valid/],
    [['--format', 'csv', '--out', 'x.csv'], /give exactly one of --design/],
    [['--design', 'pilot', '--hotspots', '--out', 'x.csv'], /give exactly one of --design/],
    [['--design', 'nope', '--out', 'x.csv'], /--design: "nope" is not valid \(expected one of the project's designs: pilot\)/],
    [['--design', 'pilot', '--out', 'x.csv', '--period', '2022-13-01..2022-12-31'], /--period: "2022-13-01\.\.2022-12-31" is not valid/],
    [['--design', 'pilot', '--out', 'x.csv', '--privacy', 'secret'], /--privacy: "secret" is not valid .*internal, public/],
    [['--design', 'pilot', '--out', 'x.csv', '--dosage', 'forever'], /--dosage: "forever" is not valid/],
    [['--design', 'pilot', '--out', 'x.csv', '--format', 'pdf'], /--out: "x\.csv" does not end in \.pdf/],
    [['--design', 'pilot', '--out', 'x.csv', '--top', '0'], /--top: "0" is not valid/],
    [['--hotspots', 'hotspots-none', '--out', 'x.csv'], /--hotspots: "hotspots-none" is not a saved analysis/],
    [['--areas', 'missing.geojson', '--out', 'x.csv'], /--areas: missing\.geojson could not be read/],
  ])('refuses %j naming the bad value', async (args, message) => {
    expect(await refused([project(), ...args])).toMatch(message);
  }, 60_000);
});
