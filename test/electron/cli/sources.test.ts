/**
 * The issue-12 verbs end to end on a small sample city: "spi sample" writes the calls, arrests
 * and partner datasets into the project; link, people, --source, dual-kde and risk-terrain run on
 * it, and link counts are checked against the generator's ground truth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openProjectFile } from '../../../electron/services/project-file';
import { tempDir } from '../../helpers/engine';
import { capture } from './analysis-helpers';

const tmp = tempDir('spi-sources-');
const project = () => path.join(tmp.dir, 'sample-city.spiproj');
async function spi(...argv: string[]) {
  const c = capture(tmp.dir);
  const code = await runCli(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('spi link / people / --source / dual-kde / risk-terrain on the sample city', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const r = await spi('sample', '--out', tmp.dir, '--incidents', '3000', '--years', '1', '--seed', '9');
    expect(r.code, r.err).toBe(0);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('puts the calls, arrests and partner sources in the sample project as datasets of their kind', async () => {
    const o = await openProjectFile(project());
    if (!o.ok) throw new Error('open');
    expect(o.value.project.datasets.map((d) => [d.meta.id, d.meta.kind])).toEqual([
      ['incidents', 'incidents'], ['src-arrests', 'arrests'], ['src-calls', 'calls'], ['src-facilities', 'facilities'],
      ['src-field-interviews', 'field-interviews'], ['src-hospital', 'hospital'], ['src-probation', 'probation'],
    ]);
    // Incidents stay the first dataset (datasets are listed by id), as other features expect.
    expect(o.value.project.datasets[0]!.meta.id).toBe('incidents');
    expect(o.value.project.documents['sample/ground-truth-sources']).toMatchObject({ formatVersion: 1 });
  });

  it('links calls to cases and saves the link set with its rule in the project and the log', async () => {
    const r = await spi('link', 'calls', 'incidents', '--project', project(), '--by', 'case', '--truth', 'ground_truth_links.csv', '--truth-link', 'call-case', '--save', 'calls-cases', '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    const truth = readFileSync(path.join(tmp.dir, 'ground_truth_links.csv'), 'utf8').split('\r\n').filter((l) => l.startsWith('call-case,')).length;
    expect(json.score.precision).toBe(1);
    expect(json.score.recall).toBe(1);
    expect(json.counts.links + json.score.truthMissing).toBe(truth);
    expect(json.saved).toBe('links/calls-cases');
    const o = await openProjectFile(project());
    if (!o.ok) throw new Error('open');
    expect(o.value.project.documents['links/calls-cases']).toMatchObject({ kind: 'link-set', rule: 'case', counts: { links: json.counts.links } });
    expect(o.value.project.log.at(-1)).toMatchObject({ action: 'link', parameters: { name: 'calls-cases', rule: 'case' } });
  });

  it('links hospital records to violent incidents by place with a review list, in text', async () => {
    const r = await spi('link', 'hospital', 'incidents', '--project', project(), '--by', 'place:150m,1d', '--filter-b', "offense_code IN ('09A','13A','120')", '--truth', 'ground_truth_links.csv', '--truth-link', 'hospital-incident');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('within 150 m of each other and no more than 1 day apart');
    expect(r.out).toMatch(/precision (0\.9\d\d|1\.000)/);
  });

  it('refuses bad link input with one line naming the value', async () => {
    const bad = await spi('link', 'calls', 'incidents', '--project', project(), '--by', 'place:50m');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('place:50m');
    const missing = await spi('link', 'nope', 'incidents', '--project', project(), '--by', 'case');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('"nope" is not a dataset');
  });

  it('--source combines datasets with weights on any analysis verb (a harm index)', async () => {
    const one = JSON.parse((await spi('grid', project(), '--cell', '500', '--json')).out);
    const calls = JSON.parse((await spi('grid', project(), '--source', 'calls', '--cell', '500', '--json')).out);
    const harm = await spi('grid', project(), '--source', 'incidents=1,calls=0.25', '--cell', '500', '--json');
    expect(harm.code, harm.err).toBe(0);
    const h = JSON.parse(harm.out);
    const total = (j: { rows: { count: number }[] }) => j.rows.reduce((s, r) => s + r.count, 0);
    expect(total(h)).toBeCloseTo(total(one) + 0.25 * total(calls), 6);
    expect(h.source.dataset).toBe('incidents+calls=0.25');
    const alt = JSON.parse((await spi('grid', project(), '--source', 'incidents,calls', '--source-weights', 'calls=0.25', '--cell', '500', '--json')).out);
    expect(total(alt)).toBeCloseTo(total(h), 9);
    const bad = await spi('kde', path.join(tmp.dir, 'incidents.csv'), '--source', 'calls');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--source');
  });

  it('dual KDE of shootings relative to calls and a risk terrain from partner locations', async () => {
    const d = await spi('dual-kde', project(), '--source', 'incidents', '--filter', "offense_code IN ('13A','09A')", '--divide-by', 'calls', '--radius', '400', '--cell', '250', '--json');
    expect(d.code, d.err).toBe(0);
    const dj = JSON.parse(d.out);
    expect(dj.summary.cellsWithoutRatio).toBeGreaterThan(0);
    expect(dj.rows.every((r: { ratio: number | null }) => r.ratio === null || Number.isFinite(r.ratio))).toBe(true);
    const t = await spi('risk-terrain', project(), '--factor', 'facilities:proximity:300m:2', '--factor', 'probation:density:500m', '--factor-filter', "facilities=category LIKE '%SCHOOL%'", '--cell', '250', '--json');
    expect(t.code, t.err).toBe(0);
    const tj = JSON.parse(t.out);
    expect(tj.parameters.factors).toEqual([
      { name: 'facilities', kind: 'proximity', distance: 300, weight: 2, points: 30 },
      expect.objectContaining({ name: 'probation', kind: 'density', distance: 500, weight: 1 }),
    ]);
    expect(tj.summary.top10Pai).toBeGreaterThan(0);
  });

  it('lists repeat people masked by default; unmasking needs a reason and is logged', async () => {
    const m = await spi('people', project(), '--by', 'contacts', '--top', '5', '--json');
    expect(m.code, m.err).toBe(0);
    const mj = JSON.parse(m.out);
    expect(mj.masked).toBe(true);
    expect(mj.people).toHaveLength(5);
    for (const p of mj.people) expect(p.person).toMatch(/^P-[0-9a-f]{6}$/);
    expect(mj.people[0].count).toBeGreaterThanOrEqual(mj.people[4].count);
    expect(mj.method.join(' ')).toContain('field contact');
    const again = JSON.parse((await spi('people', project(), '--by', 'contacts', '--top', '5', '--json')).out);
    expect(again.people.map((p: { person: string }) => p.person)).toEqual(mj.people.map((p: { person: string }) => p.person));
    const noReason = await spi('people', project(), '--by', 'contacts', '--unmask');
    expect(noReason.code).toBe(2);
    const u = await spi('people', project(), '--by', 'contacts', '--top', '5', '--unmask', '--reason', 'focused deterrence call-in list', '--json');
    expect(u.code, u.err).toBe(0);
    expect(JSON.parse(u.out).people[0].person).toMatch(/^(P|p)?-?\d+$/);
    const o = await openProjectFile(project());
    if (!o.ok) throw new Error('open');
    expect(o.value.project.log.at(-1)).toMatchObject({ action: 'people.unmask', note: expect.stringContaining('focused deterrence') });
  });

  it('evaluates an outcome from weighted sources: weight 0 gives the incidents alone, 0.25 adds a quarter of each call', async () => {
    const made = await spi('design', 'create', project(), '--name', 'src-eval', '--targets-from', 'ground-truth', '--unit', 'grid:250', '--pre', '2022-01-01..2022-06-30', '--save');
    expect(made.code, made.err).toBe(0);
    const run = async (...extra: string[]) => {
      const r = await spi('evaluate', project(), '--design', 'src-eval', '--pre', '2022-01-01..2022-06-30', '--post', '2022-07-01..2022-12-31', '--json', ...extra);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out) as { counts: Record<'T' | 'C' | 'D' | 'DC', { pre: number; post: number }>; harm: string | null };
    };
    const alone = await run('--dataset', 'incidents');
    const zero = await run('--source', 'incidents=1,src-calls=0');
    const quarter = await run('--source', 'incidents=1,src-calls=0.25');
    const calls = await run('--dataset', 'src-calls');
    expect(zero.counts).toEqual(alone.counts);
    expect(zero.harm).toContain('sources incidents=1,src-calls=0');
    for (const z of ['T', 'C', 'D', 'DC'] as const) for (const p of ['pre', 'post'] as const) expect(quarter.counts[z][p]).toBeCloseTo(alone.counts[z][p] + 0.25 * calls.counts[z][p], 6);
    expect(quarter.counts.C.pre).toBeGreaterThan(alone.counts.C.pre);
  });
});
