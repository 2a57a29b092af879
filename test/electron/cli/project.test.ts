import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/io';
import { toParquetBytes } from '../../../shared/domain/project/arrow-parquet';
import { tableFromArrays } from 'apache-arrow';
import { unzipSync, zipSync } from 'fflate';
import { tempDir } from '../../helpers/engine';

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const tmp = tempDir('spi-project-');
afterAll(() => tmp.cleanup());

beforeAll(() => {
  const dir = path.join(tmp.dir, 'ingested');
  mkdirSync(dir);
  const table = tableFromArrays({ case_id: ['A-1', 'A-2', 'A-3'], offense_code: ['13A', '220', '120'], x: new Float64Array([1, 2, 3]) });
  writeFileSync(path.join(dir, 'incidents.parquet'), toParquetBytes(table));
  writeFileSync(path.join(dir, 'quality.json'), JSON.stringify({ rows_read: 4, crs: { source: 'EPSG:2276', analysis: 'EPSG:32614' } }));
  writeFileSync(path.join(dir, 'quarantine.csv'), 'row,reason\n4,unparseable date\n');
  writeFileSync(path.join(dir, 'beats.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
});

describe('spi project', () => {
  it('creates a project from an ingest folder, and info lists what it holds', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['project', 'create', 'city.spiproj', '--from', 'ingested', '--title', 'Riverton', '--agency', 'RPD'], c.io)).toBe(0);
    expect(c.out()).toMatch(/dataset incidents \(incidents\): 3 rows/);
    const i = capture(tmp.dir);
    expect(await runCli(['project', 'info', 'city.spiproj', '--json'], i.io)).toBe(0);
    const report = JSON.parse(i.out());
    expect(report.info).toMatchObject({ title: 'Riverton', agency: 'RPD', analysisCrs: 'EPSG:32614' });
    expect(report.datasets).toEqual([expect.objectContaining({ id: 'incidents', rows: 3, quarantined: 1, storage: 'embedded' })]);
    expect(report.layers).toEqual([{ id: 'beats', name: 'beats', role: 'beats', features: 0 }]);
    expect(report.log.map((e: { action: string }) => e.action)).toEqual(['project.create']);
  });

  it('verifies an intact file (exit 0) and names the damaged part of a tampered one (exit 1)', async () => {
    const ok = capture(tmp.dir);
    expect(await runCli(['project', 'verify', 'city.spiproj'], ok.io)).toBe(0);
    expect(ok.out()).toMatch(/intact/);
    // Change a byte of the dataset's Parquet and re-zip, keeping the original manifest.
    const files = unzipSync(new Uint8Array(readFileSync(path.join(tmp.dir, 'city.spiproj'))));
    const data = files['datasets/incidents/data.parquet']!;
    const at = Buffer.from(data).indexOf(Buffer.from('A-2'));
    data[at] = 'B'.charCodeAt(0);
    writeFileSync(path.join(tmp.dir, 'tampered.spiproj'), zipSync(files));
    const bad = capture(tmp.dir);
    expect(await runCli(['project', 'verify', 'tampered.spiproj'], bad.io)).toBe(1);
    expect(bad.out()).toMatch(/datasets\/incidents\/data\.parquet: content does not match the manifest/);
  });

  it('exports parts a researcher can open without the app (native DuckDB reads the Parquet)', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['project', 'export', 'city.spiproj', '--out', 'unpacked'], c.io)).toBe(0);
    const parquet = path.join(tmp.dir, 'unpacked/datasets/incidents/data.parquet');
    expect(existsSync(path.join(tmp.dir, 'unpacked/manifest.json'))).toBe(true);
    expect(existsSync(path.join(tmp.dir, 'unpacked/layers/beats.geojson'))).toBe(true);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const reader = await conn.runAndReadAll(`SELECT case_id, offense_code, x FROM read_parquet('${parquet}') ORDER BY case_id`);
    expect(reader.getRows()).toEqual([
      ['A-1', '13A', 1],
      ['A-2', '220', 2],
      ['A-3', '120', 3],
    ]);
  });

  it('refuses to overwrite without --force and names missing inputs', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['project', 'create', 'city.spiproj', '--from', 'ingested'], c.io)).toBe(2);
    expect(c.err()).toMatch(/city\.spiproj exists; use --force/);
    const m = capture(tmp.dir);
    expect(await runCli(['project', 'info', 'missing.spiproj'], m.io)).toBe(2);
    expect(m.err()).toMatch(/missing\.spiproj: file not found/);
    const d = capture(tmp.dir);
    expect(await runCli(['project', 'create', 'x.spiproj', '--from', 'nowhere'], d.io)).toBe(2);
    expect(d.err()).toMatch(/nowhere: file not found/);
  });

  it('saves by reference: the Parquet stays in place, and a changed or missing file is reported', async () => {
    const c = capture(tmp.dir);
    expect(await runCli(['project', 'create', 'ref.spiproj', '--from', 'ingested', '--by-reference'], c.io)).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(path.join(tmp.dir, 'ref.spiproj'))));
    expect(Object.keys(files)).not.toContain('datasets/incidents/data.parquet');
    const ok = capture(tmp.dir);
    expect(await runCli(['project', 'info', 'ref.spiproj', '--json'], ok.io)).toBe(0);
    expect(JSON.parse(ok.out()).datasets[0]).toMatchObject({ id: 'incidents', rows: 3, storage: 'reference' });
    expect(JSON.parse(ok.out()).problems).toEqual([]);

    const source = path.join(tmp.dir, 'ingested/incidents.parquet');
    const original = readFileSync(source);
    writeFileSync(source, toParquetBytes(tableFromArrays({ case_id: ['X'], offense_code: ['13A'], x: new Float64Array([9]) })));
    const changed = capture(tmp.dir);
    expect(await runCli(['project', 'verify', 'ref.spiproj'], changed.io)).toBe(1);
    expect(changed.out()).toMatch(/datasets\/incidents \(by reference: .*incidents\.parquet\): the referenced file has changed/);

    rmSync(source);
    const missing = capture(tmp.dir);
    expect(await runCli(['project', 'info', 'ref.spiproj', '--json'], missing.io)).toBe(0);
    const report = JSON.parse(missing.out());
    expect(report.readOnly).toBe(true);
    expect(report.problems[0].reason).toBe('the referenced file is missing');
    expect(report.layers).toHaveLength(1);
    writeFileSync(source, original);
  });
});

