import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { runCli } from '../../../../electron/cli/main';
import { openProjectFile } from '../../../../electron/services/project-file';
import { prepareKdeLayer, type KdeLayerSettings } from '../../../../shared/domain/explore/density-layer';
import { prepareGridLayer, type GridLayerSettings } from '../../../../shared/domain/explore/grid-layer';
import { countBySource, pointWeights, querySourceWeights, weightedTotal } from '../../../../shared/domain/explore/point-weights';
import { computeScreenHeat } from '../../../../shared/domain/explore/screen-heat';
import { buildWeightedUnionSql } from '../../../../shared/domain/sources/combination';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine, tempDir } from '../../../helpers/engine';

const GRID: GridLayerSettings = { shape: 'square', cell: 100, classing: 'quantile', classes: 5 };
const KDE: KdeLayerSettings = { kernel: 'quartic', radius: 300, cell: 20, classing: 'quantile', classes: 5 };

describe('source weights of a shown combination (map layers)', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads weight and source by rowid from the union table; a plain table has none', async () => {
    expect((await engine.insertArrowTable('pa', tableFromArrays({ x: Float64Array.from([10, 10]), y: Float64Array.from([10, 20]) }))).ok).toBe(true);
    expect((await engine.insertArrowTable('pb', tableFromArrays({ x: Float64Array.from([10, 150, 400]), y: Float64Array.from([10, 10, 10]) }))).ok).toBe(true);
    const sql = buildWeightedUnionSql([
      { table: 'pa', dataset: 'incidents', weight: 1 },
      { table: 'pb', dataset: 'src-calls', weight: 0.25 },
    ]);
    expect((await engine.query(`CREATE TABLE pu AS ${sql}`)).ok).toBe(true);
    const r = await querySourceWeights(engine, 'pu');
    if (!r.ok || !r.value) throw new Error('weights');
    const w = r.value;
    expect(w.sources).toEqual([
      { dataset: 'incidents', weight: 1, rows: 2 },
      { dataset: 'src-calls', weight: 0.25, rows: 3 },
    ]);
    expect(Array.from(w.byRow)).toEqual([1, 1, 0.25, 0.25, 0.25]);
    expect(Array.from(w.sourceByRow)).toEqual([0, 0, 1, 1, 1]);
    // A subset of points (rowids 4, 0, 2) gets its weights in one gather.
    const sub = pointWeights(Uint32Array.from([4, 0, 2]), w.byRow)!;
    expect(Array.from(sub)).toEqual([0.25, 1, 0.25]);
    expect(weightedTotal(sub, 3)).toBe(1.5);
    expect(weightedTotal(null, 3)).toBe(3);
    expect(pointWeights(Uint32Array.from([0]), null)).toBeNull();
    expect(countBySource(Uint32Array.from([4, 0, 2, 3]), w)).toEqual({ points: [1, 3], weighted: [1, 0.75] });
    const plain = await querySourceWeights(engine, 'pa');
    expect(plain.ok && plain.value).toBeNull();
  });

  it('grid: weighted sums per cell (worked), unweighted unchanged', () => {
    // Incidents at (10,10), (10,20); calls (x 0.25) at (10,10), (150,10): cells 2.25 and 0.25.
    const x = Float64Array.from([10, 10, 10, 150]);
    const y = Float64Array.from([10, 20, 10, 10]);
    const w = Float32Array.from([1, 1, 0.25, 0.25]);
    const g = prepareGridLayer(x, y, 'EPSG:32138', GRID, w);
    if (!g.ok) throw new Error('grid');
    expect(Array.from(g.value.counts)).toEqual([2.25, 0.25]);
    expect(g.value.weighted).toEqual({ total: 2.5 });
    const u = prepareGridLayer(x, y, 'EPSG:32138', GRID);
    if (!u.ok) throw new Error('grid');
    expect(Array.from(u.value.counts)).toEqual([3, 1]);
    expect(u.value.weighted).toBeUndefined();
    // All weights 1 gives the unweighted counts exactly.
    const ones = prepareGridLayer(x, y, 'EPSG:32138', GRID, new Float32Array(4).fill(1));
    if (!ones.ok) throw new Error('grid');
    expect(Array.from(ones.value.counts)).toEqual(Array.from(u.value.counts));
  });

  it('density: weights scale the surface; the default radius follows the weights', () => {
    const x = Float64Array.from([0, 100, 500, 520, 900]);
    const y = Float64Array.from([0, 50, 400, 380, 100]);
    const w = Float32Array.from([1, 1, 0.25, 0.25, 0.25]);
    const a = prepareKdeLayer(x, y, 'EPSG:32138', KDE);
    const b = prepareKdeLayer(x, y, 'EPSG:32138', KDE, new Float32Array(5).fill(2));
    const c = prepareKdeLayer(x, y, 'EPSG:32138', KDE, w);
    if (!a.ok || !b.ok || !c.ok) throw new Error('kde');
    expect(b.value.max).toBeCloseTo(2 * a.value.max, 9);
    expect(c.value.weighted).toEqual({ total: 2.75 });
    // Mass (density × cell area) is the weighted total: per km² × 0.02² km².
    const mass = (d: Float32Array) => d.reduce((s, v) => s + v, 0) * (20 * 20) / 1e6;
    expect(mass(c.value.density)).toBeCloseTo(2.75, 1);
    expect(mass(a.value.density)).toBeCloseTo(5, 1);
    const ra = prepareKdeLayer(x, y, 'EPSG:32138', { ...KDE, radius: null });
    const rc = prepareKdeLayer(x, y, 'EPSG:32138', { ...KDE, radius: null }, w);
    if (!ra.ok || !rc.ok) throw new Error('kde');
    expect(rc.value.radius).not.toBeCloseTo(ra.value.radius, 3);
  });

  it('screen heat: a point of weight 2 heats as two points at its place', () => {
    const view = { west: 0.5 - 1e-4, north: 0.5 - 1e-4, zoom: 14, width: 200, height: 200 };
    const one = { x: Float64Array.from([0.5]), y: Float64Array.from([0.5]) };
    const two = { x: Float64Array.from([0.5, 0.5]), y: Float64Array.from([0.5, 0.5]) };
    const weighted = computeScreenHeat(one.x, one.y, view, { radius: 15, intensity: 1 }, 2, 0.25, Float32Array.from([2]));
    const double = computeScreenHeat(two.x, two.y, view, { radius: 15, intensity: 1 });
    expect(Array.from(weighted.rgba)).toEqual(Array.from(double.rgba));
  });

  describe('agrees with spi grid|hotspots|kde --source incidents=1,src-calls=0.25 on the sample city', () => {
    const tmp = tempDir('spi-point-weights-');
    const project = path.join(tmp.dir, 'sample-city.spiproj');
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const code = await runCli([...args, '--json'], { out: (t) => void out.push(t), err: (t) => void out.push(t), cwd: process.cwd(), debug: false });
      expect(code, out.join('')).toBe(0);
      return JSON.parse(out.join('')) as { rows: Record<string, number>[]; summary: Record<string, number> };
    };
    // The CLI's points: finite x/y in the sample's EPSG:32138, each case once; weights by rowid.
    let pts: { x: Float64Array; y: Float64Array; w: Float32Array } = { x: new Float64Array(), y: new Float64Array(), w: new Float32Array() };
    beforeAll(async () => {
      const out: string[] = [];
      const code = await runCli(['sample', '--out', tmp.dir, '--incidents', '300', '--years', '1'], { out: (t) => void out.push(t), err: (t) => void out.push(t), cwd: process.cwd(), debug: false });
      expect(code, out.join('')).toBe(0);
      const opened = await openProjectFile(project);
      if (!opened.ok) throw new Error('open');
      const parts = [];
      for (const [id, weight] of [['incidents', 1], ['src-calls', 0.25]] as const) {
        const d = opened.value.project.datasets.find((x) => x.meta.id === id)!;
        const table = `sc_${weight * 100}`;
        expect((await engine.insertArrowTable(table, d.table!)).ok).toBe(true);
        parts.push({ table, dataset: id, weight });
      }
      expect((await engine.query(`CREATE TABLE sc_union AS ${buildWeightedUnionSql(parts)}`)).ok).toBe(true);
      const weights = await querySourceWeights(engine, 'sc_union');
      if (!weights.ok || !weights.value) throw new Error('weights');
      const r = await engine.query(
        `SELECT rowid::UINTEGER AS r, x::DOUBLE AS x, y::DOUBLE AS y FROM sc_union WHERE isfinite(TRY_CAST(x AS DOUBLE)) AND isfinite(TRY_CAST(y AS DOUBLE)) AND COALESCE(TRY_CAST(case_row AS DOUBLE), 1) <= 1 ORDER BY rowid`,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      pts = {
        x: r.value.getChild('x')!.toArray() as Float64Array,
        y: r.value.getChild('y')!.toArray() as Float64Array,
        w: pointWeights(r.value.getChild('r')!.toArray() as Uint32Array, weights.value.byRow)!,
      };
    }, 240_000);
    afterAll(() => tmp.cleanup());

    it('grid layer counts = spi grid --cell 1000, cell for cell (weighted, not integers)', async () => {
      const layer = prepareGridLayer(pts.x, pts.y, 'EPSG:32138', { ...GRID, cell: 1000 }, pts.w);
      if (!layer.ok) throw new Error(JSON.stringify(layer.error));
      const j = await cli(['grid', project, '--source', 'incidents=1,src-calls=0.25', '--cell', '1000']);
      expect(layer.value.counts.length).toBe(j.rows.length);
      layer.value.counts.forEach((v, i) => expect(v).toBeCloseTo(j.rows[i]!.count as number, 9));
      expect(Array.from(layer.value.counts).some((v) => v !== Math.round(v))).toBe(true);
      expect(layer.value.weighted!.total).toBeCloseTo(j.summary.incidents as number, 6);
    }, 120_000);

    it('grid layer Gi* bins = spi hotspots --weights band:2000 bins', async () => {
      const layer = prepareGridLayer(pts.x, pts.y, 'EPSG:32138', { ...GRID, cell: 1000, statistic: 'gistar', band: 2000 }, pts.w);
      if (!layer.ok) throw new Error(JSON.stringify(layer.error));
      const j = await cli(['hotspots', project, '--source', 'incidents=1,src-calls=0.25', '--unit', 'grid:1000', '--weights', 'band:2000']);
      expect(Array.from(layer.value.hotSpots!.bins)).toEqual(j.rows.map((r) => r.bin));
      expect(j.rows.some((r) => r.bin !== 0)).toBe(true);
    }, 120_000);

    it('density layer: the default radius of spi kde, and the weighted total as its mass', async () => {
      const layer = prepareKdeLayer(pts.x, pts.y, 'EPSG:32138', { ...KDE, radius: null, cell: 100 }, pts.w);
      if (!layer.ok) throw new Error(JSON.stringify(layer.error));
      const j = await cli(['kde', project, '--source', 'incidents=1,src-calls=0.25', '--cell', '100']);
      expect(layer.value.radius).toBeCloseTo(j.summary.radiusM as number, 6);
      expect(layer.value.weighted!.total).toBeCloseTo(j.summary.incidents as number, 4);
      const mass = (layer.value.density.reduce((s, v) => s + v, 0) * 100 * 100) / 1e6;
      expect(mass).toBeCloseTo(j.summary.incidents as number, 0);
      const cliMax = Math.max(...j.rows.map((r) => r.density as number));
      expect(Math.abs(layer.value.max - cliMax) / cliMax).toBeLessThan(0.05);
    }, 120_000);
  });
});
