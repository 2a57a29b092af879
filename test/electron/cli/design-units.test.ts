/**
 * `spi design match --units`, `spi design randomize` and `spi design power` on small CSV
 * fixtures: results, recording in a project, and one-line messages naming bad input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject } from '../../../shared/domain/project/project';
import { openProjectFile, saveProjectFile } from '../../../electron/services/project-file';
import { tempDir } from '../../helpers/engine';
import { capture, spi, spiOk } from './analysis-helpers';

const tmp = tempDir('spi-design-units-');
afterAll(() => tmp.cleanup());

// The matching.test.ts fixture (reference pairs from numpy Mahalanobis distances).
const X1 = [12, 15, 9, 20, 4, 7, 11, 3, 14, 6, 8, 10];
const X2 = [3, 5, 2, 6, 1, 4, 2, 0, 5, 1, 3, 7];
const T = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1];
const DISTRICT = ['N', 'S', 'N', 'S', 'N', 'N', 'N', 'S', 'S', 'W', 'N', 'E'];
const unitsCsv = tmp.write('units.csv', `id,treat,x1,x2,district\n${X1.map((x, i) => `u${i},${T[i]},${x},${X2[i]},${DISTRICT[i]}`).join('\n')}\n`);

async function refused(argv: string[]): Promise<string> {
  const c = capture(tmp.dir);
  expect(await spi(argv, c.io)).toBe(2);
  return c.err();
}

describe('spi design match --units', () => {
  it('matches a table of units like the reference (greedy Mahalanobis 1:1) and prints the balance table', async () => {
    const j = JSON.parse(await spiOk(['design', 'match', '--units', unitsCsv, '--treat-column', 'treat', '--covariates', 'x1,x2', '--json'], tmp.dir));
    expect(j.pairs.map((p: { target: string; comparison: string }) => [p.target, p.comparison])).toEqual([['u0', 'u2'], ['u1', 'u8'], ['u3', 'u10'], ['u6', 'u9'], ['u11', 'u5']]);
    expect(j.pairs[0].distance).toBeCloseTo(0.616, 3);
    expect(j.balance.rows).toHaveLength(2);
    expect(j.covariates.units).toHaveLength(12);
    expect(j.covariates.units[0]).toMatchObject({ id: 'u0', treated: true, values: [12, 3], weight: 1 });
    const text = await spiOk(['design', 'match', '--units', unitsCsv, '--treat-column', 'treat', '--covariates', 'x1,x2', '--optimal', '--exact', 'district'], tmp.dir);
    expect(text).toContain('optimal (least total distance');
    expect(text).toContain('s*');
    expect(text).toContain('Unmatched targets:');
    expect(text).toContain('u11: no eligible comparison in the same district (E)');
  });

  it('writes the covariate table as CSV and matches with propensity scores and a caliper', async () => {
    const out = path.join(tmp.dir, 'cov.csv');
    const j = JSON.parse(await spiOk(['design', 'match', '--units', unitsCsv, '--treat-column', 'treat', '--covariates', 'x1,x2', '--method', 'ps', '--caliper', '0.2', '--covariates-out', out, '--json'], tmp.dir));
    expect(j.propensity.converged).toBe(true);
    expect(j.caliperDistance).toBeGreaterThan(0);
    for (const p of j.pairs) expect(p.distance).toBeLessThanOrEqual(j.caliperDistance);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,treated,eligible,excluded,x1,x2,weight');
    expect(lines).toHaveLength(13);
  });

  it('names bad input: file, row and column', async () => {
    const bad = tmp.write('bad.csv', 'id,treat,x1\na,1,3\nb,0,oops\nc,0,4\n');
    expect(await refused(['design', 'match', '--units', bad, '--treat-column', 'treat', '--covariates', 'x1'])).toContain('bad.csv (row 2, column "x1"): "oops" is not a number');
    expect(await refused(['design', 'match', '--units', unitsCsv, '--treat-column', 'treated', '--covariates', 'x1'])).toContain('--treat-column: "treated" is not valid (expected a column of');
    expect(await refused(['design', 'match', '--units', unitsCsv, '--treat-column', 'treat', '--covariates', 'x1', '--method', 'cem'])).toContain('--method: "cem"');
    expect(await refused(['design', 'match', '--units', unitsCsv, '--treat-column', 'treat'])).toContain('--covariates is required');
    expect(await refused(['design', 'match', '--units', path.join(tmp.dir, 'none.csv'), '--treat-column', 'treat', '--covariates', 'x1'])).toContain('none.csv: file not found');
    expect(await refused(['design', 'match', '--units', unitsCsv, '--treat-column', 'treat', '--covariates', 'x1', '--optimal', '--replace'])).toContain('--optimal');
  });
});

describe('spi design randomize', () => {
  const places = tmp.write('places.csv', `id,pre_count,district\n${Array.from({ length: 11 }, (_, i) => `p${i},${(i * 7) % 23},${i % 3 === 0 ? 'A' : 'B'}`).join('\n')}\n`);

  it('same seed, same assignment; paired pairs neighbours by rank; balance shown', async () => {
    const a = JSON.parse(await spiOk(['design', 'randomize', '--units', places, '--method', 'paired', '--rank-column', 'pre_count', '--seed', '7', '--json'], tmp.dir));
    const b = JSON.parse(await spiOk(['design', 'randomize', '--units', places, '--method', 'paired', '--rank-column', 'pre_count', '--seed', '7', '--json'], tmp.dir));
    const c = JSON.parse(await spiOk(['design', 'randomize', '--units', places, '--method', 'paired', '--rank-column', 'pre_count', '--seed', '8', '--json'], tmp.dir));
    expect(a.assignment).toEqual(b.assignment);
    expect(a.assignment).not.toEqual(c.assignment);
    const byPair = new Map<number, string[]>();
    for (const r of a.assignment) if (r.pair !== null) byPair.set(r.pair, [...(byPair.get(r.pair) ?? []), r.arm]);
    for (const arms of byPair.values()) expect(arms.sort()).toEqual(['control', 'treatment']);
    expect(a.balance.rows[0].name).toBe('pre_count');
    const block = JSON.parse(await spiOk(['design', 'randomize', '--units', places, '--method', 'block', '--block-column', 'district', '--seed', '3', '--json'], tmp.dir));
    const inA = block.assignment.filter((r: { block: string }) => r.block === 'A');
    expect(inA.filter((r: { arm: string }) => r.arm === 'treatment').length).toBeGreaterThanOrEqual(1);
  });

  it('records seed, algorithm and the whole assignment in the project log with --save, and writes CSV', async () => {
    const proj = path.join(tmp.dir, 'p.spiproj');
    expect((await saveProjectFile(createProject({ title: 't' }), proj, '0.1.0')).ok).toBe(true);
    const out = path.join(tmp.dir, 'assignment.csv');
    const text = await spiOk(['design', 'randomize', proj, '--units', places, '--method', 'simple', '--seed', '7', '--covariates', 'pre_count', '--save', 'trial', '--out', out], tmp.dir);
    expect(text).toContain('Recorded in');
    expect(text).toMatch(/Balance: \d+ treatment, \d+ control\./);
    expect(text).toMatch(/covariate +mean treatment +mean control +s\* +SMD +VR/);
    expect(text).not.toContain('pool');
    const opened = await openProjectFile(proj);
    if (!opened.ok) throw new Error('project');
    const entry = opened.value.project.log.at(-1)!;
    expect(entry.action).toBe('design.randomize');
    expect(entry.parameters).toMatchObject({ seed: 7, algorithm: 'simple-shuffle', name: 'trial' });
    expect((entry.parameters.assignment as unknown[]).length).toBe(11);
    expect(opened.value.project.documents['randomizations/trial']).toBeDefined();
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('id,arm');
    expect(await refused(['design', 'randomize', proj, '--units', places, '--method', 'simple', '--seed', '7', '--save', 'trial'])).toContain('already exists');
  });

  it('names bad input', async () => {
    expect(await refused(['design', 'randomize', '--units', places, '--method', 'paired', '--seed', '7'])).toContain('--rank-column');
    expect(await refused(['design', 'randomize', '--units', places, '--method', 'stratified', '--seed', '7'])).toContain('--method: "stratified"');
    expect(await refused(['design', 'randomize', '--units', places, '--method', 'simple'])).toContain('--seed is required');
    expect(await refused(['design', 'randomize', '--units', places, '--method', 'block', '--block-column', 'beat', '--seed', '1'])).toContain('"beat"');
  });
});

describe('spi design power', () => {
  const counts = tmp.write('counts.csv', `place,pre_count\n${Array.from({ length: 30 }, (_, i) => `p${i},${5 + ((i * 13) % 40)}`).join('\n')}\n`);

  it('closed form, places needed, simulation and the power curve (JSON and CSV)', async () => {
    const out = path.join(tmp.dir, 'curve.csv');
    const j = JSON.parse(await spiOk(['design', 'power', '--counts', counts, '--reduction', '0.2', '--design', 'paired', '--sims', '500', '--seed', '3', '--out', out, '--json'], tmp.dir));
    expect(j.counts.column).toBe('pre_count');
    expect(j.needed.places).toBe(j.places);
    expect(j.power).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(j.simulated.power - j.power)).toBeLessThan(4 * j.simulated.mcse + 0.02);
    expect(j.curve.filter((c: { curve: string }) => c.curve === 'reduction')).toHaveLength(10);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('curve,reduction,places,power');
    const text = await spiOk(['design', 'power', '--counts', counts, '--reduction', '0.3', '--design', 'randomized', '--places', '10'], tmp.dir);
    expect(text).toMatch(/With 10 target places and 10 controls, a 30.0% reduction: power \d+\.\d%/);
    expect(text).toContain('estimated from the counts');
  });

  it('names bad input', async () => {
    expect(await refused(['design', 'power', '--counts', counts, '--reduction', '1.2'])).toContain('--reduction: "1.2"');
    expect(await refused(['design', 'power', '--counts', counts, '--reduction', '0.2', '--design', 'cluster'])).toContain('--design: "cluster"');
    const bad = tmp.write('bad-counts.csv', 'pre_count\n3\n-\n');
    expect(await refused(['design', 'power', '--counts', bad, '--reduction', '0.2'])).toContain('bad-counts.csv (row 2, column "pre_count")');
    expect(await refused(['design', 'power', '--counts', counts, '--reduction', '0.2', '--target-power', '1.5'])).toContain('--target-power');
  });
});
