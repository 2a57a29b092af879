import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { runCli } from '../../../../electron/cli/main';
import { openProjectFile } from '../../../../electron/services/project-file';
import { parseWeightsSpec } from '../../../../shared/domain/stats/hotspots';
import { queryCombinedPoints, runWeightedAnalysis, weightedCliCommand, type WeightedMethod } from '../../../../shared/domain/sources/weighted-run';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine, tempDir } from '../../../helpers/engine';

const column = (run: { table: { columns: readonly { name: string; values: ArrayLike<number> | readonly unknown[] }[] } }, name: string) =>
  Array.from(run.table.columns.find((c) => c.name === name)!.values as ArrayLike<number>);

describe('weighted analyses on combined sources (the app path)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('counts each point with its source weight: worked grid counts', async () => {
    // Incidents at (10,10) and (10,20) (one 100 m cell), calls at (10,10) and (150,10) (two cells).
    expect((await engine.insertArrowTable('wa', tableFromArrays({ x: Float64Array.from([10, 10]), y: Float64Array.from([10, 20]) }))).ok).toBe(true);
    expect((await engine.insertArrowTable('wb', tableFromArrays({ x: Float64Array.from([10, 150]), y: Float64Array.from([10, 10]) }))).ok).toBe(true);
    const parts = [
      { table: 'wa', dataset: 'incidents', weight: 1 },
      { table: 'wb', dataset: 'calls', weight: 0.25 },
    ];
    const c = await queryCombinedPoints(engine, parts);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.bySource).toEqual([
      { dataset: 'incidents', weight: 1, points: 2, weighted: 2 },
      { dataset: 'calls', weight: 0.25, points: 2, weighted: 0.5 },
    ]);
    const run = runWeightedAnalysis(c.value.points, 'EPSG:32138', { kind: 'grid', cell: 100 });
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(column(run.value, 'count')).toEqual([2.25, 0.25]);
    expect(run.value.summary.incidents).toBe(2.5);
    // Weight 0 keeps the source in the record but counts nothing.
    const zero = await queryCombinedPoints(engine, [parts[0]!, { ...parts[1]!, weight: 0 }]);
    if (!zero.ok) throw new Error('zero');
    const z = runWeightedAnalysis(zero.value.points, null, { kind: 'grid', cell: 100 });
    if (!z.ok) throw new Error('z');
    expect(column(z.value, 'count')).toEqual([2, 0]);
  });

  it('names the dataset and the column when a source has no coordinates', async () => {
    expect((await engine.insertArrowTable('wn', tableFromArrays({ name: ['a'] }))).ok).toBe(true);
    const r = await queryCombinedPoints(engine, [{ table: 'wn', dataset: 'facilities', weight: 1 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('facilities');
  });

  describe('agrees with spi <verb> --source on the sample city', () => {
    const tmp = tempDir('spi-weighted-');
    const project = path.join(tmp.dir, 'sample-city.spiproj');
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const code = await runCli(args, { out: (t) => void out.push(t), err: (t) => void out.push(t), cwd: process.cwd(), debug: false });
      expect(code, out.join('')).toBe(0);
      return JSON.parse(out.join('')) as { rows: Record<string, number>[]; summary: Record<string, number> };
    };
    let parts: { table: string; dataset: string; weight: number }[] = [];
    beforeAll(async () => {
      const out: string[] = [];
      const code = await runCli(['sample', '--out', tmp.dir, '--incidents', '300', '--years', '1'], { out: (t) => void out.push(t), err: (t) => void out.push(t), cwd: process.cwd(), debug: false });
      expect(code, out.join('')).toBe(0);
      const opened = await openProjectFile(project);
      if (!opened.ok) throw new Error('open');
      parts = [];
      for (const [id, weight] of [['incidents', 1], ['src-calls', 0.25]] as const) {
        const d = opened.value.project.datasets.find((x) => x.meta.id === id)!;
        expect((await engine.insertArrowTable(`city_${weight * 100}`, d.table!)).ok).toBe(true);
        parts.push({ table: `city_${weight * 100}`, dataset: id, weight });
      }
    }, 240_000);
    afterAll(() => tmp.cleanup());

    const methods: [WeightedMethod, string][] = [
      [{ kind: 'grid', cell: 1000 }, 'count'],
      [{ kind: 'concentration', cell: 1000, top: null }, 'count'],
      [{ kind: 'hotspots', cell: 1000, weights: (parseWeightsSpec('queen') as { ok: true; value: never }).value }, 'z'],
      [{ kind: 'kde', radius: 800, cell: 400 }, 'density'],
    ];
    for (const [method, col] of methods) {
      it(`${method.kind}: the same ${col} column as the CLI`, async () => {
        const c = await queryCombinedPoints(engine, parts);
        if (!c.ok) throw new Error(JSON.stringify(c.error));
        const app = runWeightedAnalysis(c.value.points, 'EPSG:32138', method);
        if (!app.ok) throw new Error(JSON.stringify(app.error));
        const command = weightedCliCommand(parts, method).split(' ').slice(1).map((a) => (a === 'P.spiproj' ? project : a));
        const j = await cli([...command, '--json']);
        const appValues = column(app.value, col);
        expect(appValues.length).toBe(j.rows.length);
        appValues.forEach((v, i) => expect(v).toBeCloseTo(j.rows[i]![col] as number, 9));
        expect(appValues.some((v) => v !== Math.round(v)) || method.kind === 'hotspots').toBe(true);
      }, 120_000);
    }
  });
});
