import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/engine';
import { readGeoKeys, readGeoReference } from '../../../shared/domain/geo/geotiff-read';
import { readTiffImage } from '../../../shared/domain/geo/tiff-read';
import { parseCsv, spiOk } from './analysis-helpers';
import { writeSampleDataset } from './analysis-helpers';

const tmp = tempDir('spi-kde-tif-');
afterAll(() => tmp.cleanup());
const file = (name: string) => path.join(tmp.dir, name);

beforeAll(() => {
  writeSampleDataset(file('ingested'), 800);
});

describe('spi kde --out .tif', () => {
  it('writes a Float32 GeoTIFF in the analysis CRS whose grid and values match the CSV cell for cell', async () => {
    await spiOk(['kde', 'ingested/incidents.parquet', '--radius', '400', '--cell', '100', '--out', 'kde.csv'], tmp.dir);
    const text = await spiOk(['kde', 'ingested/incidents.parquet', '--radius', '400', '--cell', '100', '--out', 'kde.tif'], tmp.dir);
    expect(text).toMatch(/Wrote kde\.tif \([\d,]+ x [\d,]+ Float32 GeoTIFF, EPSG:32138\)/);
    const img = readTiffImage(new Uint8Array(readFileSync(file('kde.tif'))), 'kde.tif');
    if (!img.ok) throw new Error(JSON.stringify(img.error));
    const csv = parseCsv(readFileSync(file('kde.csv'), 'utf8'));
    const rows = Math.max(...csv.rows.map((r) => Number(r[2]))) + 1;
    const cols = Math.max(...csv.rows.map((r) => Number(r[3]))) + 1;
    expect([img.value.width, img.value.height]).toEqual([cols, rows]);
    expect(readGeoKeys(img.value.tags).get(3072)).toBe(32138);
    const g = readGeoReference(img.value.tags, 'kde.tif');
    if (!g.ok) throw new Error('no georeference');
    expect(g.value.cellX).toBe(100);
    // the CSV's first cell centre is half a cell inside the tie point (north-west corner)
    expect(Number(csv.rows[0]![0])).toBeCloseTo(g.value.west + 50, 6);
    expect(Number(csv.rows[0]![1])).toBeCloseTo(g.value.north - 50, 6);
    let maxRel = 0;
    let sum = 0;
    csv.rows.forEach((r, i) => {
      const v = Number(r[4]);
      const t = img.value.data[Number(r[2]) * cols + Number(r[3])] as number;
      sum += t;
      if (v > 1e-6) maxRel = Math.max(maxRel, Math.abs(t - v) / v);
      expect(i).toBeGreaterThanOrEqual(0);
    });
    expect(maxRel).toBeLessThan(1e-6); // Float32 rounding only
    expect((sum * 100 * 100) / 1e6).toBeCloseTo(800, 0); // integrates to the incident count
    const meta = JSON.parse(readFileSync(file('kde.meta.json'), 'utf8'));
    expect(meta).toMatchObject({ data: 'kde.tif', crs: 'EPSG:32138', parameters: { radius: 400, cell: 100 } });
  });
});
