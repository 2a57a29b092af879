import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAppError } from '../../../../shared/base/errors';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { formatCrsRequired } from '../../../../shared/domain/ingest/crs-resolve';
import { ingestSource } from '../../../../shared/domain/ingest/pipeline';
import type { IngestError } from '../../../../shared/domain/ingest/raw-table';
import type { IngestOptions } from '../../../../shared/domain/ingest/options';
import type { IngestProgress, IngestSource } from '../../../../shared/domain/ingest/source';
import { openTestEngine } from '../../../helpers/engine';
import { buildPointShapefile, buildXlsx, memorySource, sampleIncidents } from './fixtures';

let engine: SqlEngine;
const { csv } = sampleIncidents(300);

async function tables(): Promise<string[]> {
  const r = await engine.query(`SELECT table_name FROM information_schema.tables ORDER BY 1`);
  if (!r.ok) throw new Error('cannot list tables');
  return r.value.toArray().map((x) => String(x.toJSON().table_name));
}

async function checksum(): Promise<unknown> {
  const r = await engine.query(`SELECT count(*)::INT AS n, sum(hash(case_id, x, y))::VARCHAR AS h FROM incidents`);
  if (!r.ok) throw new Error('cannot read the loaded dataset');
  return r.value.toArray()[0]?.toJSON();
}

/** Runs a failing import and returns its one-line message; asserts nothing already loaded changed. */
async function failing(source: IngestSource, options: IngestOptions = {}): Promise<{ error: IngestError; message: string }> {
  const before = await tables();
  const sum = await checksum();
  const r = await ingestSource(engine, source, { table: 'incidents', ...options });
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('import succeeded');
  expect(await tables()).toEqual(before);
  expect(await checksum()).toEqual(sum);
  const message = r.error.kind === 'crs-required' ? formatCrsRequired(r.error) : formatAppError(r.error);
  return { error: r.error, message };
}

beforeAll(async () => {
  engine = await openTestEngine();
  const loaded = await ingestSource(engine, memorySource('incidents.csv', csv));
  if (!loaded.ok) throw new Error('could not load the dataset that must survive');
});
afterAll(async () => {
  await engine.close();
});

describe('bad input: a clear message naming the file (row, column), nothing loaded lost', () => {
  it('an empty file', async () => {
    const { message } = await failing(memorySource('empty.csv', ''));
    expect(message).toBe('empty.csv: the file is empty');
  });

  it('a header without rows', async () => {
    const { message } = await failing(memorySource('header.csv', 'Case Number,Offense Code,Latitude,Longitude\r\n'));
    expect(message).toMatch(/^header\.csv \(row 1\): the file has a header but no data rows/);
  });

  it('the wrong delimiter: one column, or rows that never match the header', async () => {
    const semi = 'Case;Offense;Lat;Lon\n1;120;35.1;-90.0\n';
    const { message } = await failing(memorySource('semi.csv', semi), { delimiter: ',' });
    expect(message).toMatch(/^semi\.csv \(row 1\): only one column \("Case;Offense;Lat;Lon"\).*not separated by commas/);
    const odd = 'a,b,c\n1;2;3\n4;5;6\n';
    const second = await failing(memorySource('odd.csv', odd));
    expect(second.message).toMatch(/^odd\.csv \(row 2\): no record has the header's 3 columns \(first problem: missing columns\); check the delimiter/);
  });

  it('a binary file renamed .csv', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const { message } = await failing(memorySource('photo.csv', png));
    expect(message).toMatch(/^photo\.csv: this is not a text table, spreadsheet, GeoJSON, shapefile or Parquet file \(byte 8 is a NUL/);
  });

  it('an Excel sheet with merged header cells', async () => {
    const bytes = buildXlsx(
      [
        ['Case Number', 'Location', null, 'Occurred'],
        ['1', '32.95', '-97.5', '2024-01-01 10:00'],
      ],
      { merges: ['B1:C1'], sheetName: 'Export' },
    );
    const { message } = await failing(memorySource('merged.xlsx', bytes));
    expect(message).toBe(
      'merged.xlsx (row 1, column "Location"): header cells B1:C1 of sheet "Export" are merged, so the columns under them have no names of their own; unmerge them and give every column a one-row header',
    );
  });

  it('a file larger than the memory an import may use (size limit parameter)', async () => {
    const { message } = await failing(memorySource('huge.csv', csv), { maxBytes: 10_000 });
    expect(message).toMatch(/^huge\.csv: the file is \d+\.\d KB, more than the 10\.0 KB an import can hold in memory.*split the export/);
  });

  it('a GeoJSON file that is not GeoJSON, and one of polygons', async () => {
    const { message } = await failing(memorySource('x.geojson', '{"type":"Topology","objects":{}}'));
    expect(message).toBe('x.geojson: not GeoJSON: the top level is of type "Topology" (expected a FeatureCollection)');
    const polys = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] };
    const second = await failing(memorySource('beats.geojson', JSON.stringify(polys)));
    expect(second.message).toMatch(/^beats\.geojson: 1 of 1 features are Polygons, not points: load this file as a reference layer/);
  });

  it('a shapefile without .prj asks for the CRS, with candidates', async () => {
    const zip = buildPointShapefile([[2274315, 7030879], [2290000, 7040000], [2280000, 7035000]], [{ ID: '1' }, { ID: '2' }, { ID: '3' }]);
    const { error, message } = await failing(memorySource('noprj.zip', zip));
    expect(error.kind).toBe('crs-required');
    expect(message).toMatch(/^noprj\.zip: points\.shp has no \.prj file, so its coordinate system is unknown; the X\/Y values are projected coordinates .* with --crs EPSG:NNNN; candidates from the value ranges: EPSG:\d+/);
    const ok = await ingestSource(engine, memorySource('noprj.zip', zip), { table: 'noprj', crs: 'EPSG:2276' });
    expect(ok.ok && ok.value.summary.rows_loaded).toBe(3);
  });

  it('an unknown EPSG code', async () => {
    const { message } = await failing(memorySource('incidents.csv', csv), { crs: 'EPSG:99999' });
    expect(message).toMatch(/^--crs: "EPSG:99999" is not valid \(expected a known EPSG code: "EPSG:99999" is not in the bundled table/);
    const second = await failing(memorySource('incidents.csv', csv), { analysisCrs: 'EPSG:4326' });
    expect(second.message).toMatch(/^--analysis-crs: "EPSG:4326" is not valid \(expected a metric projected CRS \(EPSG:4326 .* is in degrees/);
  });

  it('a mapping that names a column the file does not have', async () => {
    const { message } = await failing(memorySource('incidents.csv', csv), { mapping: { version: 1, kind: 'incidents', roles: { case_id: 'Incident No' }, dateOrder: 'mdy' } });
    expect(message).toMatch(/^incidents\.csv \(column "Incident No"\): the mapping gives role case_id to column "Incident No", which the file does not have/);
  });

  it('cancellation drops the work in progress', async () => {
    const { error } = await failing(memorySource('incidents.csv', csv), { cancel: { aborted: true } });
    expect(error.kind).toBe('cancelled');
  });

  it('cancelling while the engine reads the file stops that statement (progress inside the read step)', async () => {
    // Report from the first poll (the app waits 300 ms, longer than this file takes).
    await engine.query('SET progress_bar_time=0');
    try {
      const token = { aborted: false };
      const reports: IngestProgress[] = [];
      const { error } = await failing(memorySource('incidents.csv', sampleIncidents(50_000).csv), {
        cancel: token,
        onProgress: (p) => {
          reports.push(p);
          if (p.stage === 'read' && p.fraction > 0.05) token.aborted = true;
        },
      });
      expect(error.kind).toBe('cancelled');
      const inside = reports.filter((p) => /^reading and normalizing incidents\.csv: \d+%$/.test(p.message));
      expect(inside.length).toBeGreaterThanOrEqual(1);
      expect(inside[0]?.fraction).toBeGreaterThan(0.05);
      expect(inside[0]?.fraction).toBeLessThanOrEqual(0.55);
      // Stopped inside the read step: no later step began.
      expect(reports.every((p) => p.stage === 'read')).toBe(true);
    } finally {
      await engine.query('SET progress_bar_time=300');
    }
  });
});
