import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { CliInputError } from '../../../electron/cli/io';
import { runExportMap } from '../../../electron/cli/verbs/export-map';
import { createDefaultLayout } from '../../../shared/domain/outputs/layout/defaults';
import { toTemplateJson } from '../../../shared/domain/outputs/layout/layout-schema';
import { tempDir } from '../../helpers/engine';
import { decodePng } from '../../shared/domain/outputs/layout/png-decode';
import { capture } from './analysis-helpers';
import { pdfText } from '../../helpers/pdf-text';
import { bundledSampleProject } from '../../helpers/bundled-sample';

const tmp = tempDir('spi-export-map-');
const SAMPLE = bundledSampleProject();
afterAll(() => tmp.cleanup());

async function refused(argv: string[]): Promise<string> {
  try {
    await runExportMap(argv, capture(tmp.dir).io);
  } catch (e) {
    if (e instanceof CliInputError) return e.message;
    throw e;
  }
  throw new Error('expected a CliInputError');
}

describe('spi export map', () => {
  it('refuses bad arguments with one line naming the value', async () => {
    expect(await refused([SAMPLE])).toContain('--out is required');
    expect(await refused([SAMPLE, '--out', 'map.svg'])).toContain('"map.svg" is not a supported output');
    expect(await refused([SAMPLE, '--out', 'map.pdf', '--dpi', '200'])).toContain('--dpi: "200" is not valid (expected 150 or 300)');
    expect(await refused(['data.csv', '--out', 'map.pdf'])).toContain('name the project');
    expect(await refused([SAMPLE, '--out', 'map.pdf', '--privacy', 'nosuch'])).toContain('--privacy: "nosuch" is not valid');
    expect(await refused([SAMPLE, '--out', 'map.pdf', '--layout', 'weekly'])).toContain('--layout: "weekly" is not a layout of the project');
    expect(await refused([SAMPLE, '--out', 'map.pdf', '--atlas', 'districts'])).toContain('--atlas: "districts" is not valid (expected beats or design:NAME)');
    writeFileSync(path.join(tmp.dir, 'bad.spilayout.json'), JSON.stringify({ kind: 'spi-layout-template', layout: { ...createDefaultLayout(), page: { size: 'B5' } } }));
    expect(await refused([SAMPLE, '--out', 'map.pdf', '--layout', 'bad.spilayout.json'])).toMatch(/bad\.spilayout\.json: layout field "page\.(size|orientation|margin)"/);
  }, 240_000);

  it('exports the sample city with a template file to PNG at 150 dpi', async () => {
    const layout = createDefaultLayout({ title: 'From a template file', referenceLayers: ['beats', 'districts'] });
    writeFileSync(path.join(tmp.dir, 'weekly.spilayout.json'), toTemplateJson(layout));
    const c = capture(tmp.dir);
    expect(await runExportMap([SAMPLE, '--layout', 'weekly.spilayout.json', '--out', 'map.png', '--dpi', '150'], c.io)).toBe(0);
    const all = Number(/([\d,]+) incidents/.exec(c.out())![1]!.replace(/,/g, ''));
    expect(c.out()).toMatch(/^Wrote map\.png: 1 page, Letter landscape, 150 dpi, [\d,]+ incidents, map scale 1:[\d,]+\.\n$/);
    const img = decodePng(new Uint8Array(readFileSync(path.join(tmp.dir, 'map.png'))));
    expect([img.width, img.height]).toEqual([1650, 1275]);
    // A privacy profile file withholding the violent group: fewer incidents, the profile printed.
    writeFileSync(path.join(tmp.dir, 'release.json'), JSON.stringify({ kind: 'privacy-profile', formatVersion: 1, name: 'release', gridM: 100, dropGroups: ['violent'], suppressBelow: 3 }));
    const p = capture(tmp.dir);
    expect(await runExportMap([SAMPLE, '--layout', 'weekly.spilayout.json', '--out', 'public.pdf', '--dpi', '150', '--privacy', 'release.json'], p.io)).toBe(0);
    const kept = Number(/([\d,]+) incidents/.exec(p.out())![1]!.replace(/,/g, ''));
    expect(kept).toBeLessThan(all);
    expect(kept).toBeGreaterThan(all / 2);
    const text = await pdfText(new Uint8Array(readFileSync(path.join(tmp.dir, 'public.pdf'))));
    expect(text).toContain('Privacy profile "release": points snapped to a 100 m grid; offense groups withheld: violent');
    expect(text).not.toMatch(/Violent \(/);
  }, 240_000);

  it('atlas by beats to PDF: one page per beat', async () => {
    const light = createDefaultLayout({ title: 'Beat atlas', referenceLayers: ['beats'] });
    const layout = { ...light, map: { ...light.map, incidents: false, analysisLayer: false }, inset: { ...light.inset, visible: false } };
    writeFileSync(path.join(tmp.dir, 'atlas.json'), JSON.stringify(layout));
    const c = capture(tmp.dir);
    expect(await runExportMap([SAMPLE, '--layout', 'atlas.json', '--out', 'atlas.pdf', '--dpi', '150', '--atlas', 'beats', '--json'], c.io)).toBe(0);
    const summary = JSON.parse(c.out()) as { pages: number; files: string[] };
    expect(summary.pages).toBe(24);
    expect(existsSync(path.join(tmp.dir, 'atlas.pdf'))).toBe(true);
    const doc = await PDFDocument.load(readFileSync(path.join(tmp.dir, 'atlas.pdf')));
    expect(doc.getPageCount()).toBe(24);
  }, 240_000);
});
