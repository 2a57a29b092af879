/**
 * End to end on the sample city with the issue-8 options: harm weights, a washout, area
 * weights and the report. The planted reduction (ground truth, the same for every offense type,
 * so also for harm-weighted counts) must lie inside the estimated intervals; the HTML report is
 * self-contained and the PDF's text carries the figures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliInputError } from '../../../electron/cli/io';
import { designVerb } from '../../../electron/cli/verbs/design';
import { evaluateVerb } from '../../../electron/cli/verbs/evaluate';
import { copyBundledSample } from '../../helpers/bundled-sample';
import { tempDir } from '../../helpers/engine';
import { capture } from './analysis-helpers';
import { pdfPages } from '../../helpers/pdf-text';


const tmp = tempDir('spi-evaluate-');
const project = () => path.join(tmp.dir, 'sample-city.spiproj');
const PRE = '2022-01-01..2023-06-30';
const POST = '2023-07-01..2024-12-31';

async function evaluate(argv: string[]): Promise<string> {
  const c = capture(tmp.dir);
  const code = await evaluateVerb.run([project(), '--design', 'pilot', '--pre', PRE, '--post', POST, ...argv], c.io);
  if (code !== 0) throw new Error(`exit ${code}: ${c.err()}`);
  return c.out();
}

describe('spi evaluate --harm --washout --report on the sample city', () => {
  beforeAll(async () => {
    // What `spi sample --out DIR --incidents-only-project` writes (the bundled project is made by it).
    copyBundledSample(tmp.dir);
    const c = capture(tmp.dir);
    expect(await designVerb.run(['create', project(), '--name', 'pilot', '--targets-from', 'ground-truth', '--unit', 'grid:250', '--pre', PRE, '--ratio', '3', '--save'], c.io)).toBe(0);
    tmp.write('chi.csv', 'offense_group,weight\nviolent,10\nproperty,2\n*,1\n');
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it('harm-weighted with a washout: the planted reduction lies inside the intervals', async () => {
    const truth = JSON.parse(readFileSync(path.join(tmp.dir, 'ground_truth.json'), 'utf8')).intervention;
    const trueRatio = 1 - truth.targetDrop;
    const r = JSON.parse(await evaluate(['--harm', 'chi.csv', '--washout', '2023-07-01..2023-07-31', '--json']));
    expect(r.harm).toContain('chi.csv');
    expect(r.post.from).toBe('2023-08-01');
    expect(r.washout.days).toBe(31);
    // Weighted counts: variances exceed the totals (weights above 1).
    expect(r.countVariances.T.pre).toBeGreaterThan(r.counts.T.pre);
    expect(r.resInflated.rirrLower).toBeLessThanOrEqual(trueRatio);
    expect(r.resInflated.rirrUpper).toBeGreaterThanOrEqual(trueRatio);
    expect(Math.exp(r.did.ciLower)).toBeLessThanOrEqual(trueRatio);
    expect(Math.exp(r.did.ciUpper)).toBeGreaterThanOrEqual(trueRatio);
    expect(r.wdd.wdd).toBeLessThan(0);
    expect(r.notes.wdd.assumptions.join(' ')).toContain('Var = Σ w²·n');
    expect(r.cumulativeWdd.labels[0]).toBe('2023-08');
    expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN/);
  }, 400_000);

  it('writes a self-contained HTML report and a PDF whose text has the figures', async () => {
    const html = JSON.parse(await evaluate(['--outcome', 'property', '--report', 'report.html', '--report', 'report.pdf', '--caveat', 'LAW ENFORCEMENT SENSITIVE', '--json']));
    expect(html.reports).toEqual([path.join(tmp.dir, 'report.html'), path.join(tmp.dir, 'report.pdf')]);
    const text = readFileSync(path.join(tmp.dir, 'report.html'), 'utf8');
    expect(text).not.toMatch(/https?:/);
    expect(text).toContain('Evaluation of pilot');
    expect(text).toContain('property offenses');
    expect(text).toContain(html.resPoisson.res.toFixed(3));
    expect((text.match(/<svg/g) ?? []).length).toBe(3);
    const all = (await pdfPages(new Uint8Array(readFileSync(path.join(tmp.dir, 'report.pdf'))), ' ')).join('');
    expect(all).toContain('Evaluation of pilot');
    expect(all).toContain(html.resPoisson.res.toFixed(3));
    expect(all).toContain(`${html.did.percentChange.toFixed(1)}%`);
  }, 400_000);

  it('names bad options', async () => {
    const refused = async (argv: string[]) => {
      try {
        await evaluate(argv);
      } catch (e) {
        if (e instanceof CliInputError) return e.message;
        throw e;
      }
      throw new Error('expected a refusal');
    };
    tmp.write('bad.csv', 'offense_code,weight\n220,2\n120,heavy\n');
    expect(await refused(['--harm', 'bad.csv'])).toBe('bad.csv (row 3, column "weight"): weight "heavy" is not a number >= 0');
    expect(await refused(['--washout', '2024-03-01..2024-03-31'])).toContain('inside the post period');
    expect(await refused(['--report', 'out.docx'])).toContain('out.docx');
    expect(await refused(['--area-weights', 'maybe'])).toContain('maybe');
    tmp.write('partial.csv', 'offense_code,weight\n220,2\n');
    expect(await refused(['--harm', 'partial.csv'])).toContain('add rows for these codes');
  }, 400_000);
});
