/**
 * Sensitive fields through the CLI (issue 10, privacy): `spi ingest` detects and records them
 * (sensitive.json, with --sensitive/--not-sensitive), `spi project create` keeps them in
 * DatasetMeta, `spi sql` masks them unless --include-sensitive, and `spi project export` leaves
 * them (and the quarantine's raw lines) out unless --include-sensitive, logging the export.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openProjectFile } from '../../../electron/services/project-file';
import { parseParquet } from '../../../shared/domain/ingest/parquet';
import { MASK } from '../../../shared/domain/privacy/sensitive';
import { tempDir } from '../../helpers/engine';
import { capture } from './analysis-helpers';

const tmp = tempDir('spi-privacy-cli-');
const CSV = [
  'Case Number,Offense Code,Occurred Date,Address,Latitude,Longitude,Victim Name,Contact,Beat',
  '23-1,13A,2023-03-01 14:05,12 MAIN ST,35.14,-90.05,"SMITH, JOHN",901-555-0100,B1',
  '23-2,220,2023-03-02 10:00,14 MAIN ST,35.15,-90.04,"DOE, JANE",901-555-0101,B1',
  '23-3,120,2023-03-03 11:00,16 MAIN ST,35.16,-90.03,"ROE, RICH",901-555-0102,B2',
  '23-4,120,not a date,16 MAIN ST,35.16,-90.03,"POE, EDGAR",901-555-0103,B2',
].join('\n');

async function spi(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture(tmp.dir);
  const code = await runCli(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('sensitive fields in the CLI', () => {
  beforeAll(async () => {
    tmp.write('inc.csv', CSV);
    expect((await spi(['ingest', 'inc.csv', '--out', 'out'])).code).toBe(0);
    expect((await spi(['project', 'create', 'p.spiproj', '--from', 'out'])).code).toBe(0);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('spi ingest writes sensitive.json with the detected columns and the evidence', () => {
    const s = JSON.parse(readFileSync(path.join(tmp.dir, 'out', 'sensitive.json'), 'utf8'));
    expect(s.columns).toEqual(['Victim Name', 'Contact']);
    expect(s.detected.map((d: { category: string }) => d.category)).toEqual(['name', 'phone']);
  });

  it('spi ingest takes the analyst\'s corrections, and names a column that does not exist', async () => {
    const r = await spi(['ingest', 'inc.csv', '--out', 'out2', '--not-sensitive', 'Contact', '--sensitive', 'Beat_original', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).sensitive).toEqual(['Victim Name', 'Beat_original']);
    const bad = await spi(['ingest', 'inc.csv', '--out', 'out3', '--sensitive', 'Victim Nam']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--sensitive: "Victim Nam" is not a column');
  }, 60_000);

  it('spi project create records them as DatasetMeta.sensitive', async () => {
    const opened = await openProjectFile(path.join(tmp.dir, 'p.spiproj'));
    expect(opened.ok && opened.value.project.datasets[0]!.meta.sensitive).toEqual(['Victim Name', 'Contact']);
  });

  it('spi sql masks them before the query runs (aliases included) unless --include-sensitive', async () => {
    const masked = await spi(['sql', 'inc.csv', '--json', '--query', 'SELECT "Victim Name" AS v, upper(Contact) AS c, "Case Number" FROM inc ORDER BY 3']);
    expect(masked.code).toBe(0);
    const json = JSON.parse(masked.out);
    expect(json.rows.map((r: { v: string }) => r.v)).toEqual([MASK, MASK, MASK, MASK]);
    expect(json.rows[0].c).toBe(MASK);
    expect(json.rows[0]['Case Number']).toBe('23-1');
    expect(json.sensitive).toEqual({ inc: ['Victim Name', 'Contact'] });
    expect(masked.err).toContain('sensitive columns masked (inc: Victim Name, Contact)');
    const shown = JSON.parse((await spi(['sql', 'inc.csv', '--json', '--include-sensitive', '--query', 'SELECT "Victim Name" AS v FROM inc ORDER BY 1'])).out);
    expect(shown.rows[0].v).toBe('DOE, JANE');
    // A Parquet written by spi ingest: the sensitive.json beside it decides.
    const parquet = JSON.parse((await spi(['sql', 'out/inc.parquet', '--json', '--query', 'SELECT "Victim Name" AS v, case_id FROM inc ORDER BY 2'])).out);
    expect(parquet.rows[0]).toEqual({ v: MASK, case_id: '23-1' });
  }, 60_000);

  it('spi project export leaves them and raw_text out, keeps them with --include-sensitive, and logs with --save-log', async () => {
    const r = await spi(['project', 'export', 'p.spiproj', '--out', 'exp', '--json', '--save-log']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.sensitive_omitted).toEqual(['inc.Victim Name', 'inc.Contact', 'inc.quarantine.raw_text']);
    const data = await parseParquet(new Uint8Array(readFileSync(path.join(tmp.dir, 'exp/datasets/inc/data.parquet'))), 'data.parquet');
    const names = data.ok ? data.value.schema.fields.map((f) => f.name) : [];
    expect(names).toContain('case_id');
    expect(names).not.toContain('Victim Name');
    expect(names).not.toContain('Contact');
    const q = await parseParquet(new Uint8Array(readFileSync(path.join(tmp.dir, 'exp/datasets/inc/quarantine.parquet'))), 'q.parquet');
    expect(q.ok && q.value.schema.fields.map((f) => f.name)).not.toContain('raw_text');
    expect(readFileSync(path.join(tmp.dir, 'exp/datasets/inc/data.parquet')).includes('SMITH')).toBe(false);
    // The log entry: action, parameters, SHA-256 of every file written.
    expect(summary.log.action).toBe('export.project');
    expect(summary.log.parameters).toMatchObject({ format: 'folder', rows: 3, includeSensitive: false, privacy: null });
    expect(Object.keys(summary.log.parameters.files)).toContain('datasets/inc/data.parquet');
    const opened = await openProjectFile(path.join(tmp.dir, 'p.spiproj'));
    expect(opened.ok && opened.value.project.log.at(-1)?.action).toBe('export.project');

    const all = await spi(['project', 'export', 'p.spiproj', '--out', 'exp-all', '--include-sensitive', '--json']);
    expect(JSON.parse(all.out).log.parameters.includeSensitive).toBe(true);
    const full = await parseParquet(new Uint8Array(readFileSync(path.join(tmp.dir, 'exp-all/datasets/inc/data.parquet'))), 'data.parquet');
    expect(full.ok && full.value.schema.fields.map((f) => f.name)).toContain('Victim Name');
    expect(existsSync(path.join(tmp.dir, 'exp-all/log.jsonl'))).toBe(true);
  }, 60_000);

  it('spi export map and spi export targets log export.map / export.targets with --save-log', async () => {
    expect((await spi(['sample', '--out', 'city', '--incidents', '300', '--years', '1'])).code).toBe(0);
    const project = path.join('city', 'sample-city.spiproj');
    const map = await spi(['export', 'map', project, '--out', 'map.png', '--dpi', '150', '--save-log']);
    expect(map.code).toBe(0);
    const targets = await spi(['export', 'targets', project, '--areas', path.join('city', 'beats.geojson'), '--format', 'csv', '--out', 't.csv', '--top', '3', '--save-log']);
    expect(targets.code).toBe(0);
    const opened = await openProjectFile(path.join(tmp.dir, project));
    if (!opened.ok) throw new Error('the project does not open');
    const log = opened.value.project.log;
    const m = log.find((e) => e.action === 'export.map');
    expect(m?.parameters).toMatchObject({ format: 'png', file: 'map.png', rows: null, includeSensitive: false, privacy: null });
    expect(Object.values(m?.parameters.files as Record<string, string>)[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(log.find((e) => e.action === 'export.targets')?.parameters).toMatchObject({ format: 'csv', rows: 3, includeSensitive: false, privacy: 'internal' });
  }, 300_000);
});

