import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseGeoJsonTable } from '../../../../shared/domain/ingest/read-geojson';
import { parseShapefileTable } from '../../../../shared/domain/ingest/read-shapefile';
import { parseXlsxTable } from '../../../../shared/domain/ingest/read-xlsx';
import { readReferenceLayer } from '../../../../shared/domain/ingest/reference-layer';
import { buildPointShapefile, buildXlsx, PRJ_2276 } from './fixtures';

// Findings of the fuzz harness's xlsx/shapefile/GeoJSON targets (test/security/fuzz), kept as
// regression tests: each once crashed, hung or loaded a wrong value.

const bomb = (zip: Uint8Array, member: string, mib: number): Uint8Array => {
  const files = unzipSync(zip);
  files[member] = new Uint8Array(mib * 1024 * 1024).fill(0x20);
  return zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { level: 9 }]])));
};

const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;

describe('hostile archives and JSON are refused by name, quickly, without throwing', () => {
  it('refuses a zip bomb inside a workbook before inflating it (it once ran out of time)', async () => {
    const xlsx = bomb(buildXlsx([['Case'], ['1']]), 'xl/worksheets/sheet1.xml', 64);
    const r = await parseXlsxTable(xlsx, 'rms.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'file-format') expect(r.error.reason).toMatch(/refused: member "xl\/worksheets\/sheet1.xml" compression ratio \d+:1 looks like a zip bomb/);
  });

  it('refuses a zip bomb in a shapefile member, for point data and reference layers alike', async () => {
    const zip = bomb(buildPointShapefile([[2_400_000, 6_950_000]], [{ CASE_NO: '1' }], PRJ_2276), 'points.prj', 64);
    const table = await parseShapefileTable(zip, 'points.zip');
    const layer = readReferenceLayer(zip, 'points.zip');
    for (const r of [table, layer]) {
      expect(r.ok).toBe(false);
      if (!r.ok && r.error.kind === 'file-format') expect(r.error.reason).toMatch(/member "points.prj" compression ratio/);
    }
  });

  it('refuses a member whose name climbs out of the archive', async () => {
    const files = unzipSync(buildXlsx([['Case'], ['1']]));
    files['../../escape.txt'] = strToU8('x');
    const r = await parseXlsxTable(zipSync(files), 'rms.xlsx');
    expect(!r.ok && r.error.kind === 'file-format' && r.error.reason).toMatch(/refused: member "..\/..\/escape.txt" "." or ".." in the path/);
  });

  it('reads properties and coordinates nested 100,000 deep as text or an invalid feature (they once overflowed the stack)', () => {
    const props = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":${deep(100_000)}},"geometry":{"type":"Point","coordinates":[-97,32]}}]}`;
    const table = parseGeoJsonTable(strToU8(props), 'x.geojson');
    expect(table.ok && table.value.values[0]![0]).toBe('[a value nested too deeply to show]');
    const geom = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":${deep(100_000)}}}]}`;
    const layer = readReferenceLayer(strToU8(geom), 'x.geojson');
    expect(layer.ok && layer.value.invalid).toEqual([{ feature: 1, reason: 'a position [a value nested too deeply to show] is not two finite numbers' }]);
  });

  it('leaves out reference-layer features whose positions are not on the globe (they were once kept)', () => {
    const fc = { type: 'FeatureCollection', features: [[-999, 32], [1e308, 32], [-97.3, 32.7]].map((c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } })) };
    const layer = readReferenceLayer(strToU8(JSON.stringify(fc)), 'x.geojson');
    expect(layer.ok && layer.value.features.length).toBe(1);
    expect(layer.ok && layer.value.invalid).toEqual([
      { feature: 1, reason: 'position [-999,32] is not on the globe in EPSG:4326' },
      { feature: 2, reason: 'position [1e+308,32] is not on the globe in EPSG:4326' },
    ]);
  });
});
