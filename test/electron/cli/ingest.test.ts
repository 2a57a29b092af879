import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { CliInputError, type CliIo } from '../../../electron/cli/io';
import { ingestVerb } from '../../../electron/cli/verbs/ingest';
import { parseDelimited } from '../../../shared/domain/ingest/csv-text';
import { tempDir } from '../../helpers/engine';
import { sampleIncidents } from '../../shared/domain/ingest/fixtures';

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const tmp = tempDir('spi-ingest-');
const { csv, truth } = sampleIncidents(1500);
tmp.write('incidents.csv', csv);
tmp.write('memphis.csv', readFileSync(path.resolve(__dirname, '../../shared/domain/ingest/data/memphis_robberies_2019.csv')));
tmp.write('xy.csv', 'Case,X,Y\n1,2274315,7030879\n2,2290000,7040000\n3,2280000,7035000\n');
tmp.write('evil.csv', 'Case,Note,Latitude,Longitude,Date\n1,=HYPERLINK("x"),0,0,2024-01-01\n2,fine,35.1,-90.0,2024-01-02\n3,ok,35.11,-90.01,2024-01-03\n');
afterAll(() => tmp.cleanup());

describe('spi ingest', () => {
  it('writes the normalized Parquet, quality.json, quarantine.csv and mapping.json, and prints the summary as JSON', async () => {
    const c = capture(tmp.dir);
    const code = await ingestVerb.run(['incidents.csv', '--out', 'out', '--json'], c.io);
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const s = JSON.parse(c.out());
    expect(s.rows_read).toBe(truth.counts.incidentRows);
    expect(s.rows_loaded + s.rows_quarantined).toBe(s.rows_read);
    expect(s.quarantined_by_reason).toEqual({
      'missing coordinates': truth.messiness.missingCoordinates.rows,
      'zero coordinates': truth.messiness.zeroCoordinates.rows,
      'default location': truth.messiness.defaultLocation.rows,
    });
    expect(s.mapping.roles.x).toBe('X Coordinate');
    expect(s.source_crs.code).toBe('EPSG:2276');
    expect(s.analysis_crs.code).toBe('EPSG:32138');
    expect(s.quality.geocoding.threshold).toBe(0.85);

    const out = path.join(tmp.dir, 'out');
    const bytes = readFileSync(path.join(out, 'incidents.parquet'));
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(Number(parquetMetadata(file).num_rows)).toBe(s.rows_loaded);
    const rows = (await parquetReadObjects({ file, columns: ['case_id', 'offense_group', 'x', 'y', 'lon', 'lat', 'occurred_from', 'Case Number'] })) as Record<string, unknown>[];
    expect(rows[0]?.case_id).toBe(rows[0]?.['Case Number']);
    expect(rows.every((r) => typeof r.x === 'number' && typeof r.lon === 'number' && r.occurred_from instanceof Date)).toBe(true);

    expect(JSON.parse(readFileSync(path.join(out, 'quality.json'), 'utf8'))).toEqual({
      ...s.quality,
      crs: { source: s.source_crs?.code ?? null, analysis: s.analysis_crs?.code ?? null },
    });
    expect(JSON.parse(readFileSync(path.join(out, 'mapping.json'), 'utf8'))).toEqual(s.mapping);
    const q = parseDelimited(readFileSync(path.join(out, 'quarantine.csv'), 'utf8'), ',', Infinity, false);
    expect(q[0]?.slice(0, 5)).toEqual(['source_row', 'reason', 'reasons', 'detail', 'raw_text']);
    expect(q.length - 1).toBe(s.rows_quarantined);
  });

  it('infers offense codes from Memphis free-text descriptions and prints a readable summary', async () => {
    const c = capture(tmp.dir);
    expect(await ingestVerb.run(['memphis.csv', '--out', 'mem'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^memphis\.csv: 2,245 rows read = 2,245 loaded \+ 0 quarantined/);
    expect(c.out()).toMatch(/analysis CRS: EPSG:32616 WGS 84 \/ UTM zone 16N/);
    const quality = JSON.parse(readFileSync(path.join(tmp.dir, 'mem', 'quality.json'), 'utf8'));
    expect(quality.offenses.by_group).toEqual([{ group: 'violent', rows: 2245 }]);
    expect(quality.offenses.codes_inferred_from_description).toBe(2245);
  });

  it('prints the detected mapping without loading', async () => {
    const c = capture(tmp.dir);
    expect(await ingestVerb.run(['--print-mapping', 'memphis.csv'], c.io)).toBe(0);
    const p = JSON.parse(c.out());
    expect(p.mapping.roles).toEqual({ case_id: 'uid', offense_description: 'offense_type', occurred_from: 'date', lon: 'longitude', lat: 'latitude' });
    expect(p.crs_guess).toEqual({ kind: 'degrees', code: 'EPSG:4326', swapped: false });
  });

  it('writes formula-safe quarantine cells', async () => {
    const c = capture(tmp.dir);
    expect(await ingestVerb.run(['evil.csv', '--out', 'evil', '--kind', 'partner'], c.io)).toBe(0);
    const text = readFileSync(path.join(tmp.dir, 'evil', 'quarantine.csv'), 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('fails with exit 2 and one line for an unknown EPSG code, an unknown reason, or X/Y without a CRS', async () => {
    const c = capture(tmp.dir);
    await expect(ingestVerb.run(['incidents.csv', '--out', 'o2', '--crs', 'EPSG:99999'], c.io)).rejects.toThrow(CliInputError);
    await expect(ingestVerb.run(['incidents.csv', '--out', 'o2', '--crs', 'EPSG:99999'], c.io)).rejects.toThrow(/--crs: unknown CRS "EPSG:99999"/);
    await expect(ingestVerb.run(['incidents.csv', '--out', 'o2', '--accept', 'bad-dates'], c.io)).rejects.toThrow(/--accept: "bad-dates" is not a quarantine reason/);
    await expect(ingestVerb.run(['nope.csv', '--out', 'o2'], c.io)).rejects.toThrow(/nope\.csv: file not found/);
    const d = capture(tmp.dir);
    expect(await ingestVerb.run(['xy.csv', '--out', 'o3'], d.io)).toBe(2);
    expect(d.err()).toMatch(/^spi ingest: xy\.csv: the X\/Y values are projected coordinates and the file does not say which system; give its EPSG code with --crs EPSG:NNNN; candidates from the value ranges: .*EPSG:2276/);
    const e = capture(tmp.dir);
    expect(await ingestVerb.run(['xy.csv', '--out', 'o3', '--crs', '2276', '--json'], e.io)).toBe(0);
    expect(JSON.parse(e.out()).rows_loaded).toBe(3);
  });
});
