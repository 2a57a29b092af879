import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTransform } from '../../../shared/domain/geo/crs';
import { tempDir } from '../../helpers/engine';
import { capture, parseCsv, spi, spiOk } from './analysis-helpers';

const tmp = tempDir('spi-repeats-');
afterAll(() => tmp.cleanup());

// x/y in EPSG:32138 metres around (600000, 2100000).
const X0 = 600000;
const Y0 = 2100000;
const CSV = [
  'case_id,x,y,occurred_from,address',
  `1,${X0 + 10},${Y0 + 10},2024-01-01 10:00,100 MAIN ST`,
  `2,${X0 + 14},${Y0 + 13},2024-01-04 10:00,100 MAIN ST`,
  `3,${X0 + 11},${Y0 + 10},2024-02-01 10:00,100 MAIN ST`,
  `4,${X0 + 500},${Y0 + 500},2024-01-02 08:00,5 ELM ST`,
  `5,${X0 + 500},${Y0 + 500},2024-01-02 20:00,5 ELM ST`,
  `6,${X0 + 900},${Y0 + 100},2024-01-03 08:00,9 OAK AVE`,
].join('\n');

// Streets in lon/lat (as a project layer holds them): A along y = Y0, B north from A's east end.
const toLonLat = createTransform('EPSG:32138', 'EPSG:4326');
const ll = (x: number, y: number) => toLonLat(X0 + x, Y0 + y);
const STREETS = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'A' }, geometry: { type: 'LineString', coordinates: [ll(0, 0), ll(100, 0)] } },
    { type: 'Feature', properties: { name: 'B' }, geometry: { type: 'LineString', coordinates: [ll(500, 400), ll(500, 600)] } },
    { type: 'Feature', properties: { name: 'C' }, geometry: { type: 'LineString', coordinates: [ll(2000, 0), ll(2100, 0)] } },
  ],
};

beforeAll(() => {
  tmp.write('incidents.csv', CSV);
  tmp.write('streets.geojson', JSON.stringify(STREETS));
});

describe('spi repeats', () => {
  it('ranks addresses with the share at repeat places, and writes CSV', async () => {
    const json = JSON.parse(await spiOk(['repeats', 'incidents.csv', '--crs', 'EPSG:32138', '--precision', 'address', '--json'], tmp.dir));
    expect(json.rows.map((r: { place: string; count: number }) => [r.place, r.count])).toEqual([['100 MAIN ST', 3], ['5 ELM ST', 2]]);
    expect(json.summary).toMatchObject({ incidents: 6, places: 3, repeatPlaces: 2, incidentsAtRepeatPlaces: 5 });
    expect(json.rows[1].shortest_gap_days).toBeCloseTo(0.5, 9);
    await spiOk(['repeats', 'incidents.csv', '--crs', 'EPSG:32138', '--precision', '10m', '--out', 'rep.csv'], tmp.dir);
    const csv = parseCsv(readFileSync(path.join(tmp.dir, 'rep.csv'), 'utf8'));
    expect(csv.header).toEqual(['rank', 'place', 'count', 'x', 'y', 'first_day', 'last_day', 'shortest_gap_days']);
    // 10 m lattice: the three MAIN ST points fall in one cell, ELM in another.
    expect(csv.rows.map((r) => r[2])).toEqual(['3', '2']);
  });

  it('keeps only --period and lists --min', async () => {
    const json = JSON.parse(await spiOk(['repeats', 'incidents.csv', '--crs', 'EPSG:32138', '--precision', 'address', '--period', '2024-01-01..2024-01-31', '--min', '1', '--json'], tmp.dir));
    expect(json.rows.map((r: { place: string; count: number }) => [r.place, r.count])).toEqual([['100 MAIN ST', 2], ['5 ELM ST', 2], ['9 OAK AVE', 1]]);
    expect(json.summary.leftOut).toEqual({ noPlace: 0, outOfPeriod: 1, undated: 0 });
  });

  it('names bad input on one line with exit 2', async () => {
    for (const [args, pattern] of [
      [['--precision', '10ft'], /--precision.*10ft/],
      [['--period', '2024-02-01..2024-01-01'], /--period/],
      [['--min', '0'], /--min: "0"/],
      [['--precision', 'address', '--address-column', 'street'], /no column "street"/],
    ] as const) {
      const c = capture(tmp.dir);
      expect(await spi(['repeats', 'incidents.csv', '--crs', 'EPSG:32138', ...args], c.io)).toBe(2);
      expect(c.err()).toMatch(pattern);
      expect(c.err().trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('spi hotspots / concentration on street segments and polygons', () => {
  it('snaps incidents to segments of a layer file, reports the unsnapped and states the units', async () => {
    const json = JSON.parse(await spiOk(['hotspots', 'incidents.csv', '--crs', 'EPSG:32138', '--unit', 'segments:streets.geojson', '--snap', '30', '--weights', 'band:1000', '--json'], tmp.dir));
    expect(json.rows.map((r: { id: string; count: number }) => [r.id, r.count])).toEqual([['A', 3], ['B', 2], ['C', 0]]);
    expect(json.summary.unsnapped).toBe(1);
    expect(json.convention[0]).toMatch(/3 street segments of layer "streets.geojson".*within 30 m/);
    expect(json.convention[1]).toMatch(/segment midpoints d_ij <= 1,000 m/);
    const conc = JSON.parse(await spiOk(['concentration', 'incidents.csv', '--crs', 'EPSG:32138', '--unit', 'segments:streets.geojson', '--top', '1', '--json'], tmp.dir));
    // Top segment A: 3 of 5 snapped crimes on 100 of 400 m: (3/5) / (100/400) = 2.4.
    expect(conc.summary.top.pai).toBeCloseTo(2.4, 4);
    expect(conc.summary.top.lengthPercent).toBeCloseTo(25, 4);
  });

  it('refuses layer units where they do not apply', async () => {
    const c = capture(tmp.dir);
    expect(await spi(['hotspots', 'incidents.csv', '--crs', 'EPSG:32138', '--unit', 'polygons:beats', '--weights', 'queen'], c.io)).toBe(2);
    expect(c.err()).toMatch(/not a project; name a \.geojson file/);
    const m = capture(tmp.dir);
    expect(await spi(['moran', 'incidents.csv', '--crs', 'EPSG:32138', '--unit', 'segments', '--weights', 'queen'], m.io)).toBe(2);
    expect(m.err()).toMatch(/offered by spi hotspots and spi concentration/);
    const s = capture(tmp.dir);
    expect(await spi(['hotspots', 'incidents.csv', '--unit', 'grid:100', '--snap', '5', '--weights', 'queen'], s.io)).toBe(2);
    expect(s.err()).toMatch(/--snap applies with --unit segments/);
  });
});
