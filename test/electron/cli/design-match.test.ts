/**
 * `spi design match` on the sample city: designing around the planted intervention areas (the
 * ground truth) finds comparisons balanced on pre-period counts (|SMD| < 0.1); saving, exact
 * matching on beats, synthetic weights, and messages naming bad input. The pool uses 400 m cells:
 * the planted targets are the city's hottest blocks, and 250 m cells that busy are too few.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { openProjectFile } from '../../../electron/services/project-file';
import { copyBundledSample } from '../../helpers/bundled-sample';
import { tempDir } from '../../helpers/engine';
import { capture, spi, spiOk } from './analysis-helpers';

const tmp = tempDir('spi-design-match-');
const project = () => path.join(tmp.dir, 'sample-city.spiproj');
const PRE = '2022-01-01..2023-06-30';
const base = () => ['design', 'match', project(), '--targets-from', 'ground-truth', '--pre', PRE];

describe('spi design match on the sample city', () => {
  beforeAll(() => {
    // What `spi sample --out DIR --incidents-only-project` writes (the bundled project is made by it).
    copyBundledSample(tmp.dir);
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it('balances the planted targets on pre-period counts (|SMD| < 0.1), saves the design and the covariate table', async () => {
    const cov = path.join(tmp.dir, 'covariates.csv');
    const j = JSON.parse(await spiOk([...base(), '--unit', 'grid:400', '--covariates', 'total', '--optimal', '--save', 'matched', '--covariates-out', cov, '--json'], tmp.dir));
    const truth = JSON.parse(readFileSync(path.join(tmp.dir, 'ground_truth.json'), 'utf8')).intervention;
    expect(j.nTargets).toBe(truth.areas.length);
    expect(j.pairs).toHaveLength(truth.areas.length);
    const row = j.balance.rows[0];
    expect(row.name).toBe('pre count: total');
    expect(Math.abs(row.before.smd)).toBeGreaterThan(1);
    expect(Math.abs(row.after.smd)).toBeLessThan(0.1);
    expect(row.sStar).toBeGreaterThan(0);
    // Never a comparison inside a buffer; the covariate table covers every unit.
    const units = new Map(j.covariates.units.map((u: { id: string }) => [u.id, u]));
    for (const p of j.pairs) expect((units.get(p.comparison) as { eligible: boolean }).eligible).toBe(true);
    expect(j.covariates.units.some((u: { excluded: string | null }) => u.excluded === 'within 2 x buffer of a target')).toBe(true);
    expect(readFileSync(cov, 'utf8').trim().split('\n')).toHaveLength(j.covariates.units.length + 1);
    const opened = await openProjectFile(project());
    if (!opened.ok) throw new Error('project');
    const doc = readDesignDocument(opened.value.project.documents, 'matched');
    if (!doc.ok) throw new Error(JSON.stringify(doc.error));
    expect(doc.value.comparisons.map((c) => `cell ${c.cellId}`)).toEqual(j.pairs.map((p: { comparison: string }) => p.comparison));
    expect(doc.value.method.kind === 'matched' && doc.value.method.pairing).toBe('optimal');
    expect(opened.value.project.log.at(-1)?.action).toBe('design.match');
  }, 300_000);

  it('exact matching on beats keeps every pair within one beat; greedy vs optimal on the monthly history', async () => {
    const j = JSON.parse(await spiOk([...base(), '--unit', 'grid:250', '--covariates', 'history:month,trend', '--exact', 'beat', '--json'], tmp.dir));
    const units = new Map(j.covariates.units.map((u: { id: string; category: string }) => [u.id, u.category]));
    expect(j.pairs.length + j.unmatched.length).toBe(j.nTargets);
    for (const p of j.pairs) expect(units.get(p.comparison)).toBe(units.get(p.target));
    expect(j.droppedCovariates).toEqual(['trend (per month)']);
    expect(j.balance.rows.at(-1).name).toBe('trend (per month)');
    const text = await spiOk([...base(), '--unit', 'grid:250', '--covariates', 'counts:violent,counts:property', '--ratio', '2'], tmp.dir);
    expect(text).toContain('Pairs:');
    expect(text).toContain('SMD before');
  }, 300_000);

  it('synthetic weights reproduce each target\'s monthly history, with the fit reported', async () => {
    const j = JSON.parse(await spiOk([...base(), '--unit', 'grid:250', '--covariates', 'total', '--method', 'synthetic', '--json'], tmp.dir));
    expect(j.synthetic.perTarget).toHaveLength(j.nTargets);
    for (const f of [...j.synthetic.perTarget, j.synthetic.pooled]) {
      const sum = f.weights.reduce((s: number, w: { weight: number }) => s + w.weight, 0);
      expect(sum).toBeCloseTo(1, 8);
      expect(Number.isFinite(f.rmse)).toBe(true);
      expect(f.series).toHaveLength(18);
    }
    // The mean target's monthly series is fitted to within a few crimes a month.
    expect(j.synthetic.pooled.rmse).toBeLessThan(3);
  }, 300_000);

  it('saves a synthetic-control design (weights, pre-period fit) that spi evaluate reads: gap series and placebo p', async () => {
    const j = JSON.parse(await spiOk([...base(), '--unit', 'grid:250', '--covariates', 'total,trend', '--method', 'synthetic', '--save', 'syn', '--json'], tmp.dir));
    const opened = await openProjectFile(project());
    if (!opened.ok) throw new Error('project');
    const doc = readDesignDocument(opened.value.project.documents, 'syn');
    if (!doc.ok) throw new Error(JSON.stringify(doc.error));
    const d = doc.value;
    const m = d.method;
    if (m.kind !== 'matched') throw new Error('kind');
    expect(m.algorithm).toBe('synthetic');
    // The comparisons are the pooled fit's weighted cells, in its order, weights summing to 1.
    expect(d.comparisons.map((c) => `cell ${c.cellId}`)).toEqual(j.synthetic.pooled.weights.map((w: { unit: string }) => w.unit));
    expect(d.comparisons.reduce((s, c) => s + c.weight!, 0)).toBeCloseTo(1, 9);
    expect(m.fit!.rmse).toBeCloseTo(j.synthetic.pooled.rmse, 12);
    expect(m.fit!.labels).toHaveLength(18);
    expect(m.fit!.target).toEqual(j.synthetic.pooled.series);
    expect(m.fit!.perTarget.map((t) => t.targetId)).toEqual(d.targets.map((t) => t.id));
    // Balance after = against the synthetic comparison: the total is reproduced closely.
    const total = d.balance.rows.find((r) => r.name === 'pre count: total')!;
    expect(Math.abs(total.after!.smd!)).toBeLessThan(Math.abs(total.before.smd!));
    expect(opened.value.project.log.at(-1)?.action).toBe('design.match');
    expect(opened.value.project.log.at(-1)?.parameters.weights).toHaveLength(d.comparisons.length);

    const r = JSON.parse(await spiOk(['evaluate', project(), '--design', 'syn', '--pre', PRE, '--post', '2023-07-01..2024-12-31', '--json'], tmp.dir));
    const sy = r.synthetic;
    expect(sy.unavailable).toBeUndefined();
    expect(sy.gap).toHaveLength(36);
    expect(sy.post.filter((v: number) => v === 1)).toHaveLength(18);
    // The stored fit is what the evaluation reproduces over the pre period.
    expect(sy.preRmspe).toBeCloseTo(m.fit!.rmse, 6);
    for (let k = 0; k < 18; k++) expect(sy.synthetic[k]).toBeCloseTo(m.fit!.synthetic[k]!, 6);
    // The planted 30% drop: the post-period gap is negative, and the placebo p is reported.
    expect(sy.postGapTotal).toBeLessThan(0);
    // The placebos come from the recorded eligible pool (all of it, or the 200 nearest), not only the weighted cells.
    expect(m.fit!.pool!.cellIds).toHaveLength(m.fit!.donors);
    expect(sy.placebo.pool).toBe('eligible');
    expect(sy.placebo.poolSize).toBe(m.fit!.donors);
    expect(sy.placebo.placebos).toBe(Math.min(200, m.fit!.donors));
    expect(sy.placebo.placebos).toBeGreaterThan(d.comparisons.length);
    expect(sy.placebo.p).toBeGreaterThan(0);
    expect(sy.placebo.p).toBeLessThanOrEqual(1);
    expect(sy.weights.map((w: { id: string }) => w.id)).toEqual(d.comparisons.map((c) => c.id));
  }, 300_000);

  it('names bad input', async () => {
    const refused = async (argv: string[]) => {
      const c = capture(tmp.dir);
      expect(await spi(argv, c.io)).toBe(2);
      return c.err();
    };
    expect(await refused([...base(), '--unit', 'hex:0'])).toContain('--unit: "hex:0"');
    expect(await refused([...base(), '--unit', 'grid:250', '--covariates', 'counts,calls'])).toContain('--covariates: "calls"');
    expect(await refused([...base(), '--unit', 'grid:250', '--exact', 'county'])).toContain('--exact: "county"');
    expect(await refused([...base(), '--unit', 'grid:250', '--method', 'synthetic', '--ratio', '2'])).toContain('--method synthetic: --optimal, --replace, --caliper and --ratio apply to pair matching only');
    expect(await refused(['design', 'match', project(), '--unit', 'grid:250', '--pre', PRE])).toContain('--targets');
  }, 300_000);
});
