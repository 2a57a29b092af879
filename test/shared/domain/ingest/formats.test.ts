import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { ingestSource } from '../../../../shared/domain/ingest/pipeline';
import { writeTableAsParquet } from '../../../../shared/domain/ingest/parquet-write';
import { memorySink } from '../../../../shared/domain/ingest/source';
import { openTestEngine } from '../../../helpers/engine';
import { buildPointShapefile, buildXlsx, memorySource, PRJ_2276 } from './fixtures';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine.close();
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const r = await engine.query(sql);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.toArray().map((x) => x.toJSON() as Record<string, unknown>);
}

const ts = (v: unknown) => new Date(Number(v)).toISOString().slice(0, 16).replace('T', ' ');

describe('text encodings and dialects', () => {
  it('reads Windows-1252 text, keeping accents and typographic quotes', async () => {
    const text = 'Case Number,Offense Description,Occurred,Address,Latitude,Longitude\r\n1,Robbery \x93armed\x94,2024-03-01 14:05,123 CAF\xc9 ST,32.95,-97.50\r\n2,Theft,2024-03-02 10:00,1 MAIN ST,32.96,-97.51\r\n';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const r = await ingestSource(engine, memorySource('w1252.csv', bytes));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary.encoding).toBe('windows-1252');
    const [row] = await rows(`SELECT address, offense_description FROM w1252 ORDER BY source_row LIMIT 1`);
    expect(row).toEqual({ address: '123 CAFÉ ST', offense_description: 'ROBBERY “ARMED”' });
  });

  it('reads UTF-8 with BOM, tabs, pipes and quoted fields with embedded line breaks', async () => {
    const tsv = '\uFEFFcase\toffense\tdate\tlat\tlon\r\nA1\t120\t2024-01-02 03:04\t35.1\t-90.0\r\nA2\t13A\t2024-01-03 05:06\t35.2\t-90.1\r\n';
    const r1 = await ingestSource(engine, memorySource('tabs.tsv', tsv));
    if (!r1.ok) throw new Error(JSON.stringify(r1.error));
    expect(r1.value.summary).toMatchObject({ delimiter: '\t', rows_read: 2, rows_loaded: 2 });
    expect(r1.value.summary.columns.some((c) => c.name === 'case_original' || c.name === 'case')).toBe(true);
    const pipe = 'Case|Description|Occurred|Latitude|Longitude\n7|"Robbery at\nthe ""corner"" store"|3/1/2024 2:05 PM|35.1|-90.0\n8|Burglary|3/2/2024 11:00 AM|35.2|-90.1\n';
    const r2 = await ingestSource(engine, memorySource('pipe.txt', pipe));
    if (!r2.ok) throw new Error(JSON.stringify(r2.error));
    const got = await rows(`SELECT source_row, offense_description, offense_code, occurred_from FROM pipe ORDER BY source_row`);
    expect(got.map((g) => g.offense_description)).toEqual(['ROBBERY AT THE "CORNER" STORE', 'BURGLARY']);
    expect(got.map((g) => g.offense_code)).toEqual(['120', '220']);
    expect(ts(got[0]?.occurred_from)).toBe('2024-03-01 14:05');
    expect(got.map((g) => g.source_row)).toEqual([2, 3]);
  });

  it('repairs mixed line ends (CRLF and LF in one file)', async () => {
    const text = 'Case,Occurred,Latitude,Longitude\r\n1,2024-01-01 10:00,35.1,-90.0\n2,2024-01-01 11:00,35.2,-90.1\r\n3,2024-01-01 12:00,35.3,-90.2\n';
    const r = await ingestSource(engine, memorySource('mixed.csv', text));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary.rows_loaded).toBe(3);
  });

  it('builds timestamps from separate date and time columns, from date parts, and day-first dates', async () => {
    const split = 'Report No,Occ Date,Occ Time,Latitude,Longitude\nR1,03/01/2024,1405,35.1,-90.0\nR2,03/02/2024,2:30 PM,35.2,-90.1\nR3,03/03/2024,,35.3,-90.2\n';
    const r1 = await ingestSource(engine, memorySource('split.csv', split));
    if (!r1.ok) throw new Error(JSON.stringify(r1.error));
    expect(r1.value.summary.mapping.roles).toMatchObject({ occurred_date: 'Occ Date', occurred_time: 'Occ Time' });
    expect((await rows(`SELECT occurred_from FROM split ORDER BY source_row`)).map((x) => ts(x.occurred_from))).toEqual(['2024-03-01 14:05', '2024-03-02 14:30', '2024-03-03 00:00']);
    const parts = 'id,year,month,day,hour,minute,lat,lon\n1,2023,7,4,21,30,35.1,-90.0\n2,2023,Dec,25,6,0,35.2,-90.1\n3,2023,2,30,1,0,35.3,-90.2\n';
    const r2 = await ingestSource(engine, memorySource('parts.csv', parts));
    if (!r2.ok) throw new Error(JSON.stringify(r2.error));
    expect((await rows(`SELECT occurred_from FROM parts ORDER BY source_row`)).map((x) => ts(x.occurred_from))).toEqual(['2023-07-04 21:30', '2023-12-25 06:00']);
    expect(r2.value.summary.quarantined_by_reason['unparseable date']).toBe(1);
    const dmy = 'Case,Date,lat,lon\n1,25/12/2023 08:15,35.1,-90.0\n2,03/01/2024 09:00,35.2,-90.1\n';
    const r3 = await ingestSource(engine, memorySource('dmy.csv', dmy));
    if (!r3.ok) throw new Error(JSON.stringify(r3.error));
    expect(r3.value.summary.mapping.dateOrder).toBe('dmy');
    expect((await rows(`SELECT occurred_from FROM dmy ORDER BY source_row`)).map((x) => ts(x.occurred_from))).toEqual(['2023-12-25 08:15', '2024-01-03 09:00']);
  });
});

describe('Excel, GeoJSON, shapefile and Parquet', () => {
  it('reads the first sheet of an .xlsx, with Excel date cells and sheet row numbers', async () => {
    const bytes = buildXlsx([
      ['Case Number', 'Offense Code', 'Occurred', 'Latitude', 'Longitude'],
      ['2024-1', '120', { date: 45352.75 }, 32.95, -97.5],
      [],
      ['2024-2', '13A', '3/2/2024 1:00 PM', 32.96, -97.51],
    ]);
    const r = await ingestSource(engine, memorySource('book.xlsx', bytes));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary).toMatchObject({ format: 'xlsx', rows_read: 2, rows_loaded: 2, row_numbering: 'sheet row' });
    const got = await rows(`SELECT source_row, occurred_from, lat FROM book ORDER BY source_row`);
    expect(got.map((g) => g.source_row)).toEqual([2, 4]);
    expect(got.map((g) => ts(g.occurred_from))).toEqual(['2024-03-01 18:00', '2024-03-02 13:00']);
  });

  it('reads GeoJSON points and quarantines features with invalid geometry, naming the feature', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Central High', kind: 'school' }, geometry: { type: 'Point', coordinates: [-90.0, 35.1] } },
        { type: 'Feature', properties: { name: 'Bad one', kind: 'school' }, geometry: { type: 'Point', coordinates: ['x', 35.2] } },
        { type: 'Feature', properties: { name: 'No geometry', kind: 'clinic' }, geometry: null },
        { type: 'Feature', properties: { name: 'East Clinic', kind: 'clinic' }, geometry: { type: 'Point', coordinates: [-90.05, 35.12] } },
      ],
    };
    const r = await ingestSource(engine, memorySource('partners.geojson', JSON.stringify(fc)), { kind: 'partner' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary).toMatchObject({ format: 'geojson', rows_read: 4, rows_loaded: 2, rows_quarantined: 2, source_crs: { code: 'EPSG:4326' } });
    expect(r.value.summary.quarantined_by_reason['invalid geometry']).toBe(2);
    const q = await rows(`SELECT source_row, detail FROM partners_quarantine ORDER BY source_row`);
    expect(q.map((x) => x.source_row)).toEqual([2, 3]);
    expect(String(q[0]?.detail)).toMatch(/feature 2: point coordinates \["x", 35.2\]/);
    expect(String(q[1]?.detail)).toMatch(/feature 3: no geometry/);
  });

  it('reads a zipped shapefile in the CRS its .prj names', async () => {
    const zip = buildPointShapefile([[2274315, 7030879], [2290000, 7040000]], [{ CASE_NO: 'S1', OFFENSE: '220' }, { CASE_NO: 'S2', OFFENSE: '23F' }], PRJ_2276);
    const r = await ingestSource(engine, memorySource('points.zip', zip));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary.source_crs).toMatchObject({ code: 'EPSG:2276' });
    expect(r.value.summary.source_crs?.how).toMatch(/\.prj/);
    const got = await rows(`SELECT case_id, offense_group, round(lon, 6) AS lon, round(lat, 6) AS lat FROM points ORDER BY source_row`);
    expect(got[0]).toEqual({ case_id: 'S1', offense_group: 'property', lon: -97.502969, lat: 32.952394 });
  });

  it('reads Parquet (written by the workbench) as text columns', async () => {
    await engine.query(`CREATE OR REPLACE TABLE pq_src AS SELECT 'P' || i AS "Case", TIMESTAMP '2024-05-01 08:00' + INTERVAL (i) HOUR AS "Occurred", 35.1 + i / 1000 AS lat, -90.0 - i / 1000 AS lon FROM range(5) t(i)`);
    const sink = memorySink();
    const w = await writeTableAsParquet(engine, 'pq_src', sink);
    expect(w.ok).toBe(true);
    const r = await ingestSource(engine, memorySource('export.parquet', sink.bytes()));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary).toMatchObject({ format: 'parquet', rows_loaded: 5 });
    const got = await rows(`SELECT case_id, occurred_from FROM export ORDER BY source_row`);
    expect(got.map((g) => g.case_id)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
    expect(ts(got[4]?.occurred_from)).toBe('2024-05-01 12:00');
  });
});

describe('line ends that change after the first 64 KiB', () => {
  it('normalizes the file and reads it again when DuckDB stops at an inconsistency further down', async () => {
    const rowsCrlf = Array.from({ length: 2000 }, (_v, i) => `${i},2024-01-01 10:00,35.1,-90.0`).join('\r\n');
    const rowsLf = Array.from({ length: 50 }, (_v, i) => `${2000 + i},2024-01-01 11:00,35.2,-90.1`).join('\n');
    const text = `Case,Occurred,Latitude,Longitude\r\n${rowsCrlf}\r\n${rowsLf}\n`;
    expect(text.length).toBeGreaterThan(65536);
    const r = await ingestSource(engine, memorySource('late.csv', text));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary.rows_read).toBe(2050);
    expect(r.value.summary.rows_loaded).toBe(2050);
  });
});

describe('UTF-16 text with a byte order mark', () => {
  it('is sniffed as delimited text and transcoded', async () => {
    const text = '\uFEFFCase\tOffense\tLatitude\tLongitude\r\n1\t120\t35.1\t-90.0\r\n2\t220\t35.2\t-90.1\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const r = await ingestSource(engine, memorySource('unicode.txt', bytes), { kind: 'partner' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows_loaded: 2 });
  });
});

describe('a Windows-1252 letter after an all-ASCII start', () => {
  it('reads the file again as Windows-1252 instead of rejecting the row', async () => {
    const rows = Array.from({ length: 3000 }, (_v, i) => `${i},2024-01-01 10:00,35.1,-90.0,MAIN ST`).join('\n');
    const text = `Case,Occurred,Latitude,Longitude,Address\n${rows}\n9999,2024-01-01 10:00,35.1,-90.0,CAF\xc9 ST\n`;
    const r = await ingestSource(engine, memorySource('late1252.csv', Uint8Array.from(text, (c) => c.charCodeAt(0))));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.summary).toMatchObject({ encoding: 'windows-1252', rows_read: 3001, rows_loaded: 3001 });
    const last = await engine.query(`SELECT address FROM late1252 WHERE case_id = '9999'`);
    expect(last.ok && last.value.getChild('address')?.get(0)).toBe('CAFÉ ST');
  });
});
