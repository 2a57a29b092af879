/**
 * `spi design match SRC --unit segments|polygons:LAYER|circles:R` on the sample city, and
 * covariates from other datasets (TERM@DATASET) and layer fields: designing around the planted
 * intervention areas on street segments balances pre-period counts (|SMD| < 0.1), never picks a
 * comparison inside a buffer, and saves a document naming its unit; beats as units; calls and
 * arrests counted into the units; one-line messages naming bad input.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDesignDocument } from '../../../shared/domain/design/design-doc';
import { openProjectFile } from '../../../electron/services/project-file';
import { bundledSampleProject } from '../../helpers/bundled-sample';
import { tempDir } from '../../helpers/engine';
import { capture, spi, spiOk } from './analysis-helpers';

const tmp = tempDir('spi-design-match-units-');
const bundled = () => path.join(tmp.dir, 'bundled.spiproj');
const small = () => path.join(tmp.dir, 'small', 'sample-city.spiproj');
const PRE = '2022-01-01..2023-06-30';
const base = (p: string) => ['design', 'match', p, '--targets-from', 'ground-truth', '--pre', PRE];

interface Unit {
  id: string;
  treated: boolean;
  eligible: boolean;
  excluded: string | null;
  values: number[];
}

describe('spi design match on units other than grid cells', () => {
  beforeAll(async () => {
    copyFileSync(bundledSampleProject(), bundled());
    expect(await spi(['sample', '--out', path.join(tmp.dir, 'small'), '--incidents', '6000'], capture(tmp.dir).io)).toBe(0);
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it('matches the planted targets on street segments with |SMD| < 0.1 and saves the design with its unit', async () => {
    const j = JSON.parse(await spiOk([...base(bundled()), '--unit', 'segments', '--covariates', 'total', '--optimal', '--save', 'seg', '--json'], tmp.dir));
    expect(j.unit).toBe('segments:streets');
    expect(j.unitKind).toBe('segments');
    expect(j.unitRules).toMatch(/midpoint/);
    expect(j.nTargets).toBeGreaterThanOrEqual(4);
    expect(j.pairs).toHaveLength(j.nTargets);
    const row = j.balance.rows[0];
    expect(Math.abs(row.before.smd)).toBeGreaterThan(1);
    expect(Math.abs(row.after.smd)).toBeLessThan(0.1);
    const units = new Map<string, Unit>(j.covariates.units.map((u: Unit) => [u.id, u]));
    for (const p of j.pairs) {
      expect(p.target).toMatch(/^segment /);
      expect(units.get(p.comparison)!.eligible).toBe(true);
    }
    expect(j.covariates.units.some((u: Unit) => u.excluded === 'within 2 x buffer of a target')).toBe(true);
    expect(j.covariates.units.some((u: Unit) => u.excluded === 'overlaps a target')).toBe(true);
    const opened = await openProjectFile(bundled());
    if (!opened.ok) throw new Error('project');
    const doc = readDesignDocument(opened.value.project.documents, 'seg');
    if (!doc.ok) throw new Error(JSON.stringify(doc.error));
    expect(doc.value.unit).toMatchObject({ kind: 'segments', layer: 'streets', snapM: 30, sizeM: 60 });
    expect(doc.value.targets.map((t) => t.id)).toEqual(j.pairs.map((p: { target: string }) => p.target));
    expect(doc.value.comparisons.map((c) => c.name)).toEqual(j.pairs.map((p: { comparison: string }) => p.comparison));
    expect(opened.value.project.log.at(-1)?.parameters.unit).toBe('segments:streets');
  }, 300_000);

  it('uses the beats around the targets as target units, with exact matching by district', async () => {
    const out = await spiOk([...base(bundled()), '--unit', 'polygons:beats', '--buffer', '0', '--covariates', 'total', '--exact', 'district'], tmp.dir);
    expect(out).toMatch(/Units: \d+ target unit\(s\) and \d+ polygons of layer beats/);
    expect(out).toMatch(/polygon \S+ +polygon \S+/);
    expect(out).toContain('Target units = polygons whose area-weighted centroid');
  }, 300_000);

  it('counts calls and arrests into the segments as covariates', async () => {
    const j = JSON.parse(await spiOk([...base(small()), '--unit', 'segments', '--covariates', 'total,total@calls,counts:violent@arrests', '--json'], tmp.dir));
    expect(j.covariates.names).toEqual(['pre count: total', 'calls: pre count: total', 'arrests: pre count: violent']);
    expect(j.datasets.map((d: { dataset: string }) => d.dataset)).toEqual(['calls', 'arrests']);
    for (const d of j.datasets) expect(d.counted).toBeGreaterThan(0.8 * d.records);
    const callsTotal = j.covariates.units.reduce((s: number, u: Unit) => s + u.values[1]!, 0);
    expect(callsTotal).toBe(j.datasets[0].counted);
  }, 300_000);

  it('names bad input', async () => {
    const refused = async (argv: string[]) => {
      const c = capture(tmp.dir);
      expect(await spi(argv, c.io)).toBe(2);
      return c.err();
    };
    expect(await refused([...base(bundled()), '--unit', 'hexagons:250'])).toContain('--unit: "hexagons:250" is not valid (expected grid:M, hex:M, segments[:LAYER], polygons:LAYER or circles:R');
    expect(await refused([...base(bundled()), '--unit', 'grid:250', '--snap', '10'])).toContain('--snap: "10" is not valid (expected --unit segments');
    expect(await refused([...base(bundled()), '--unit', 'polygons:precincts'])).toContain('--unit: "precincts" is not a layer of');
    expect(await refused([...base(bundled()), '--unit', 'segments', '--covariates', 'total@calls'])).toContain('--covariates: @calls is not a dataset of');
    expect(await refused([...base(bundled()), '--unit', 'grid:400', '--covariates', 'field:beats.population'])).toContain('a numeric field of layer beats');
  }, 300_000);
});
