import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openProjectFile } from '../../../electron/services/project-file';
import { tempDir } from '../../helpers/engine';
import { capture, parseCsv, spi, spiOk, writeSampleDataset } from './analysis-helpers';

const tmp = tempDir('spi-analysis-');
afterAll(() => tmp.cleanup());
const file = (name: string) => path.join(tmp.dir, name);

beforeAll(async () => {
  writeSampleDataset(file('ingested'));
  await spiOk(['project', 'create', 'city.spiproj', '--from', 'ingested'], tmp.dir);
});

describe('--save into a project', () => {
  it('keeps each analysis as a document with its convention and data hash, and logs it', async () => {
    await spiOk(['hotspots', 'city.spiproj', '--unit', 'grid:500', '--weights', 'queen', '--save'], tmp.dir);
    const knoxText = await spiOk(['knox', 'city.spiproj', '--space-bands', '0,100,200', '--time-bands', '0,7,14', '--sims', '19', '--save'], tmp.dir);
    expect(knoxText).toMatch(/Saved as analyses\/knox-\d{8}-\d{6} in city\.spiproj, with a log entry analysis\.knox/);

    const opened = await openProjectFile(file('city.spiproj'));
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.problems).toEqual([]);
    const project = opened.value.project;
    const sha = project.datasets[0]!.meta.source.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const keys = Object.keys(project.documents).filter((k) => k.startsWith('analyses/')).sort();
    expect(keys).toHaveLength(2);
    const hot = project.documents[keys.find((k) => k.startsWith('analyses/hotspots-'))!] as Record<string, any>;
    expect(hot).toMatchObject({
      format: 'spi-analysis',
      verb: 'hotspots',
      method: 'Getis-Ord Gi*',
      parameters: { unit: 'grid:500', weights: 'queen', fdr: false, permutations: 0, seed: 1 },
      dataHash: sha,
      dataset: { id: 'incidents', rows: 1500, used: 1500, filter: null },
    });
    expect(hot.convention.join(' ')).toMatch(/w_ii = 1/);
    expect(Date.parse(hot.createdAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(hot.result.storage).toBe('inline');
    expect(hot.result.table.columns.z).toHaveLength(hot.summary.units);
    expect(hot.result.table.columns.count.reduce((a: number, b: number) => a + b, 0)).toBe(1500);

    const log = project.log.slice(-2);
    expect(log.map((e) => e.action)).toEqual(['analysis.hotspots', 'analysis.knox']);
    expect(log[1]).toMatchObject({ dataHashes: { incidents: sha }, parameters: { simulations: 19, document: keys.find((k) => k.startsWith('analyses/knox-')) } });
    const verify = capture(tmp.dir);
    expect(await spi(['project', 'verify', 'city.spiproj'], verify.io)).toBe(0);
  });
});

describe('outputs', () => {
  it('clusters: point labels as formula-safe CSV, hulls as RFC 7946 lon/lat GeoJSON plus a projected copy in the analysis CRS', async () => {
    await spiOk(['clusters', 'city.spiproj', '--eps', '150', '--min-points', '8', '--out', 'points.csv'], tmp.dir);
    const lines = readFileSync(file('points.csv'), 'utf8').split('\n');
    expect(lines[0]).toBe('id,x,y,cluster,core');
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",\d/);
    expect(lines[2]).toMatch(/^'@SUM\(A1\),\d/);
    expect(lines.filter((l) => l !== '')).toHaveLength(1501);

    const json = JSON.parse(await spiOk(['clusters', 'city.spiproj', '--eps', '150', '--min-points', '8', '--out', 'hulls.geojson', '--json'], tmp.dir));
    const metric = JSON.parse(readFileSync(file('hulls.projected.geojson'), 'utf8'));
    const lonlat = JSON.parse(readFileSync(file('hulls.geojson'), 'utf8'));
    expect(metric.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::32138');
    expect(lonlat.crs).toBeUndefined();
    expect(metric.features).toHaveLength(json.summary.clusters);
    const [x, y] = metric.features[0].geometry.coordinates[0][0];
    const [lon, lat] = lonlat.features[0].geometry.coordinates[0][0];
    expect(x).toBeGreaterThan(600_000);
    expect(y).toBeGreaterThan(2_000_000);
    expect(lon).toBeCloseTo(-97.4, 0);
    expect(lat).toBeCloseTo(32.9, 0);
    expect(json.summary.nearestNeighbour.ratio).toBeLessThan(1);
  });

  it('kde: every cell with its centre and density per km^2, plus the conventions beside the CSV', async () => {
    const text = await spiOk(['kde', 'ingested/incidents.parquet', '--radius', '400', '--cell', '100', '--out', 'kde.csv'], tmp.dir);
    expect(text).toMatch(/Wrote kde\.csv \([\d,]+ rows\)/);
    const csv = parseCsv(readFileSync(file('kde.csv'), 'utf8'));
    expect(csv.header).toEqual(['x', 'y', 'row', 'col', 'density']);
    const sum = csv.rows.reduce((a, r) => a + Number(r[4]), 0);
    expect((sum * 100 * 100) / 1e6).toBeCloseTo(1500, 0);
    for (const r of csv.rows.slice(0, 20)) expect(Math.abs(Number(r[0]) % 100)).toBe(50);
    const meta = JSON.parse(readFileSync(file('kde.meta.json'), 'utf8'));
    expect(meta).toMatchObject({ crs: 'EPSG:32138', parameters: { radius: 400, cell: 100, kernel: 'quartic', areaUnit: 'km2' } });
    expect(meta.convention.join(' ')).toMatch(/K\(d\) = \(3 \/ \(pi r\^2\)\) \(1 - \(d\/r\)\^2\)\^2.*incidents per square kilometre.*row 0 is the northernmost row/);
  });

  it('grid: every hexagon, empty ones included, with axial coordinates', async () => {
    await spiOk(['grid', 'city.spiproj', '--cell', '500', '--shape', 'hex', '--out', 'cells.csv'], tmp.dir);
    const csv = parseCsv(readFileSync(file('cells.csv'), 'utf8'));
    expect(csv.header).toEqual(['id', 'x', 'y', 'row', 'col', 'q', 'r', 'count']);
    expect(csv.rows.reduce((a, r) => a + Number(r[7]), 0)).toBe(1500);
    expect(csv.rows.filter((r) => r[7] === '0').length).toBeGreaterThan(0);
    for (const r of csv.rows.slice(0, 40)) {
      const row = Number(r[3]);
      expect(Number(r[5])).toBe(Number(r[4]) - (row - (row & 1)) / 2);
    }
    expect(existsSync(file('cells.meta.json'))).toBe(true);
  });

  it('emerging: the week/month comparison covers every unit', async () => {
    const json = JSON.parse(await spiOk(['emerging', 'city.spiproj', '--unit', 'grid:1000', '--step', 'month', '--compare-steps', '--json'], tmp.dir));
    expect(json.summary).toMatchObject({ step: 'month', steps: 12, firstStep: '2022-01-01' });
    expect(json.summary.stepComparison.weekSteps).toBeGreaterThanOrEqual(52);
    const cross = json.tables['step-comparison'] as { units: number }[];
    expect(cross.reduce((a, r) => a + r.units, 0)).toBe(json.summary.units);
    expect(json.columns).toEqual(expect.arrayContaining(['class', 'class_name', 'trend_z', 'class_week', 'class_month']));
  });

  it('concentration: ranked units, P(M), Gini and PAI of the top units', async () => {
    const json = JSON.parse(await spiOk(['concentration', 'city.spiproj', '--unit', 'grid:150', '--top', '10', '--json'], tmp.dir));
    expect(Object.keys(json.summary.P)).toEqual(['25', '50', '75']);
    expect(json.rows[0].rank).toBe(1);
    expect(json.rows).toHaveLength(json.summary.units);
    expect(json.rows.at(-1).cumulative_crime_percent).toBeCloseTo(100, 9);
    const top10 = json.rows.slice(0, 10).reduce((a: number, r: { count: number }) => a + r.count, 0);
    expect(json.summary.top.pai).toBeCloseTo(top10 / 1500 / (10 / json.summary.units), 9);
    expect(json.summary.generalizedGini).toBeLessThan(json.summary.gini);
  });
});
