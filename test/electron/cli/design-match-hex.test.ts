/**
 * `spi design match SRC --unit hex:M` on the sample city and `spi evaluate` on the saved hex
 * design: the planted targets are the treated units, the pool is hexagons clear of every target
 * and its buffer, the document stores unit kind 'hex' with hexagon polygons, and evaluation
 * counts incidents in those hexagons exactly as the design counted them.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { openProjectFile } from '../../../electron/services/project-file';
import { bundledSampleProject } from '../../helpers/bundled-sample';
import { tempDir } from '../../helpers/engine';
import { capture, spi, spiOk } from './analysis-helpers';

const tmp = tempDir('spi-design-match-hex-');
const project = () => path.join(tmp.dir, 'bundled.spiproj');
const PRE = '2022-01-01..2023-06-30';
const POST = '2023-07-01..2024-12-31';

interface Unit {
  id: string;
  treated: boolean;
  eligible: boolean;
  excluded: string | null;
  values: number[];
}

describe('spi design match --unit hex:M and spi evaluate on the saved design', () => {
  beforeAll(() => copyFileSync(bundledSampleProject(), project()), 300_000);
  afterAll(() => tmp.cleanup());

  it('matches the planted targets against 300 m hexagons, saves kind hex, and evaluate counts in the same hexagons', async () => {
    const j = JSON.parse(await spiOk(['design', 'match', project(), '--targets-from', 'ground-truth', '--pre', PRE, '--unit', 'hex:300', '--covariates', 'total', '--optimal', '--save', 'hex', '--json'], tmp.dir));
    expect([j.unit, j.unitKind]).toEqual(['hex:300', 'hex']);
    expect(j.unitRules).toMatch(/pointy-top hexagons 300 m across flats/);
    expect(j.nTargets).toBe(5);
    const units = new Map<string, Unit>(j.covariates.units.map((u: Unit) => [u.id, u]));
    expect([...units.keys()].slice(0, 5)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    for (const p of j.pairs) expect(units.get(p.comparison)).toMatchObject({ eligible: true, treated: false });
    expect(j.pairs.every((p: { comparison: string }) => /^hex \d+$/.test(p.comparison))).toBe(true);
    const reasons = new Set(j.covariates.units.map((u: Unit) => u.excluded));
    expect(reasons.has('overlaps a target') && reasons.has('within 2 x buffer of a target')).toBe(true);
    // The targets are the city's busiest blocks: far above the pool before, much closer after.
    const row = j.balance.rows[0];
    expect(row.before.smd).toBeGreaterThan(2);
    expect(Math.abs(row.after.smd)).toBeLessThan(row.before.smd / 4);

    const opened = await openProjectFile(project());
    if (!opened.ok) throw new Error('project');
    const doc = readDesignDocument(opened.value.project.documents, 'hex');
    if (!doc.ok) throw new Error(JSON.stringify(doc.error));
    expect(doc.value.unit).toMatchObject({ kind: 'hex', sizeM: 300 });
    expect(doc.value.targets.map((t) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    expect(doc.value.comparisons.map((c) => c.name)).toEqual(j.pairs.map((p: { comparison: string }) => p.comparison));
    for (const c of doc.value.comparisons) {
      expect(c.polygon[0]).toHaveLength(7);
      expect(c.areaM2).toBeCloseTo((Math.sqrt(3) / 2) * 300 ** 2, 6);
    }
    expect(opened.value.project.log.at(-1)?.parameters.unit).toBe('hex:300');

    const r = JSON.parse(await spiOk(['evaluate', project(), '--design', 'hex', '--pre', PRE, '--post', POST, '--json'], tmp.dir));
    const total = (id: string) => units.get(id)!.values[0]!;
    expect(r.counts.T.pre).toBe(['T1', 'T2', 'T3', 'T4', 'T5'].reduce((s, id) => s + total(id), 0));
    expect(r.counts.C.pre).toBe(j.pairs.reduce((s: number, p: { comparison: string }) => s + total(p.comparison), 0));
    expect(r.counts.C.post).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN/);
  }, 300_000);

  it('names a bad hex size in one line', async () => {
    const c = capture(tmp.dir);
    expect(await spi(['design', 'match', project(), '--targets-from', 'ground-truth', '--pre', PRE, '--unit', 'hex:wide'], c.io)).toBe(2);
    expect(c.err()).toMatch(/--unit.*hex:wide.*hex:M/);
    const s = capture(tmp.dir);
    expect(await spi(['design', 'match', project(), '--targets-from', 'ground-truth', '--pre', PRE, '--unit', 'hex:300', '--snap', '20'], s.io)).toBe(2);
    expect(s.err()).toMatch(/--snap/);
  }, 300_000);
});
