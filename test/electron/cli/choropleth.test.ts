import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/engine';
import { createTransform } from '../../../shared/domain/geo/crs';
import { capture, parseCsv, spi, spiOk, writeSampleDataset } from './analysis-helpers';

const tmp = tempDir('spi-choropleth-');
afterAll(() => tmp.cleanup());
const file = (name: string) => path.join(tmp.dir, name);
let pts: { x: Float64Array; y: Float64Array };

/** Two halves of the incidents' extent (west, east) as lon/lat polygons with a population. */
function halves(x: Float64Array, y: Float64Array) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < x.length; i++) {
    x0 = Math.min(x0, x[i]!); x1 = Math.max(x1, x[i]!); y0 = Math.min(y0, y[i]!); y1 = Math.max(y1, y[i]!);
  }
  const mid = (x0 + x1) / 2;
  const ll = createTransform('EPSG:32138', 'EPSG:4326');
  const rect = (a: number, b: number) => [[a, y0 - 1], [b, y0 - 1], [b, y1 + 1], [a, y1 + 1], [a, y0 - 1]].map(([p, q]) => ll(p!, q!));
  return { mid, fc: { type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { name: 'West', population: 10_000 }, geometry: { type: 'Polygon', coordinates: [rect(x0 - 1, mid)] } },
    { type: 'Feature', properties: { name: 'East', population: 0 }, geometry: { type: 'Polygon', coordinates: [rect(mid, x1 + 1)] } },
  ] } };
}

beforeAll(async () => {
  pts = writeSampleDataset(file('ingested'), 600);
  writeFileSync(file('halves.geojson'), JSON.stringify(halves(pts.x, pts.y).fc));
  await spiOk(['project', 'create', 'city.spiproj', '--from', 'ingested'], tmp.dir);
});

describe('spi choropleth', () => {
  it('counts every incident in its polygon and writes rates per 1,000 residents, with no rate where the population is 0', async () => {
    await spiOk(['choropleth', 'ingested/incidents.parquet', '--layer', 'halves.geojson', '--rate', 'per:population:1000', '--out', 'halves.csv'], tmp.dir);
    const csv = parseCsv(readFileSync(file('halves.csv'), 'utf8'));
    expect(csv.header).toEqual(['unit', 'name', 'count', 'area_km2', 'denominator', 'value', 'class']);
    const mid = halves(pts.x, pts.y).mid;
    const west = Array.from(pts.x).filter((v) => v < mid).length;
    expect(csv.rows.map((r) => [r[1], Number(r[2])])).toEqual([['West', west], ['East', 600 - west]]);
    expect(Number(csv.rows[0]![5])).toBeCloseTo((west / 10_000) * 1000, 6);
    expect(csv.rows[1]![5]).toBe('');
    const meta = JSON.parse(readFileSync(file('halves.meta.json'), 'utf8'));
    expect(meta.convention.join(' ')).toMatch(/FIRST polygon.*count \/ population \* 1000/);
  });

  it('writes the polygons as GeoJSON with counts and rates per km² as properties', async () => {
    const json = JSON.parse(await spiOk(['choropleth', 'ingested/incidents.parquet', '--layer', 'halves.geojson', '--classes', 'equal:2', '--out', 'halves.geojson.out.geojson', '--json'], tmp.dir));
    expect(json.summary).toMatchObject({ polygons: 2, incidents: 600, outside: 0, valueLabel: 'incidents per km²' });
    const fc = JSON.parse(readFileSync(file('halves.geojson.out.geojson'), 'utf8'));
    expect(fc.features).toHaveLength(2);
    const p = fc.features[0].properties;
    expect(p).toMatchObject({ name: 'West', population: 10_000, spi_name: 'West' });
    expect(p.spi_value).toBeCloseTo(p.spi_count / p.spi_area_km2, 9);
    expect(fc.features[0].geometry.type).toBe('Polygon');
  });

  it('refuses bad input with one line naming the value', async () => {
    const cases: [string[], RegExp][] = [
      [['choropleth', 'ingested/incidents.parquet', '--rate', 'km2'], /--layer is required/],
      [['choropleth', 'ingested/incidents.parquet', '--layer', 'halves.geojson', '--rate', 'acres'], /--rate: "acres" is not valid/],
      [['choropleth', 'ingested/incidents.parquet', '--layer', 'halves.geojson', '--rate', 'per:households'], /column "households" is missing/],
      [['choropleth', 'ingested/incidents.parquet', '--layer', 'beats'], /"beats" names a project layer, but SRC is not a project/],
      [['choropleth', 'city.spiproj', '--layer', 'beats'], /"beats" is not a layer of city\.spiproj/],
      [['choropleth', 'ingested/incidents.parquet', '--layer', 'nope.geojson'], /nope\.geojson: file not found/],
      [['choropleth', 'ingested/incidents.parquet', '--layer', 'halves.geojson', '--classes', 'magic'], /--classes: "magic" is not valid/],
      [['choropleth', 'ingested/incidents.parquet', '--layer', 'halves.geojson', '--out', 'x.xlsx'], /--out: "x\.xlsx" is not a supported output/],
    ];
    for (const [argv, re] of cases) {
      const c = capture(tmp.dir);
      expect(await spi(argv, c.io)).toBe(2);
      expect(c.err()).toMatch(re);
      expect(c.err().trim().split('\n')).toHaveLength(1);
    }
  });
});
