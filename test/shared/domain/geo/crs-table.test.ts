import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { createTransform, getCrsDefinition, listCrsDefinitions, US_SURVEY_FOOT_M } from '../../../../shared/domain/geo/crs';

const STATES = ['Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming'];

describe('the bundled CRS table (resources/crs/crs-table.json)', () => {
  const all = listCrsDefinitions();
  const names = all.map((d) => d.name);

  it('holds State Plane zones of every state, in metres and feet, for NAD83 and NAD83(HARN)', () => {
    // EPSG defines no feet zones for Alabama, Alaska and Missouri, and no HARN zones for Alaska.
    for (const datum of ['NAD83', 'NAD83(HARN)']) {
      for (const state of STATES) {
        const zones = all.filter((d) => d.name.startsWith(`${datum} / ${state} `) || d.name === `${datum} / ${state}`);
        const noHarn = datum === 'NAD83(HARN)' && state === 'Alaska';
        expect(zones.some((z) => z.units === 'metre'), `${datum} ${state} metres`).toBe(!noHarn);
        expect(zones.some((z) => z.units === 'us-ft' || z.units === 'ft'), `${datum} ${state} feet`).toBe(!['Alabama', 'Alaska', 'Missouri'].includes(state));
      }
    }
    expect(names).toContain('NAD83 / Texas North Central (ftUS)');
    expect(names).toContain('NAD83(HARN) / Texas North Central (ftUS)');
    expect(getCrsDefinition('EPSG:2263')?.units).toBe('us-ft');
    expect(getCrsDefinition('EPSG:3435')?.units).toBe('us-ft');
    expect(getCrsDefinition('EPSG:2229')?.units).toBe('us-ft');
  });

  it('holds all 60 UTM zones north and south for WGS 84 and the NAD83 zones, Web Mercator and WGS 84', () => {
    for (let z = 1; z <= 60; z++) {
      expect(getCrsDefinition(`EPSG:${32600 + z}`)?.name).toBe(`WGS 84 / UTM zone ${z}N`);
      expect(getCrsDefinition(`EPSG:${32700 + z}`)?.name).toBe(`WGS 84 / UTM zone ${z}S`);
    }
    for (let z = 1; z <= 23; z++) expect(getCrsDefinition(`EPSG:${26900 + z}`)?.name).toBe(`NAD83 / UTM zone ${z}N`);
    expect(getCrsDefinition('EPSG:3857')?.units).toBe('metre');
    expect(getCrsDefinition('EPSG:4326')?.units).toBe('degree');
  });

  it('gives every feet zone its metre twin, whose coordinates are an exact unit conversion', () => {
    const feet = all.filter((d) => d.units === 'us-ft' || d.units === 'ft');
    expect(feet.length).toBeGreaterThan(300);
    expect(feet.every((d) => d.metricTwin && getCrsDefinition(d.metricTwin)?.units === 'metre')).toBe(true);
    expect(getCrsDefinition('EPSG:2276')?.metricTwin).toBe('EPSG:32138');
    const t = createTransform('EPSG:2276', 'EPSG:32138');
    const xs = Float64Array.from([2274315, 2300728.7]);
    const ys = Float64Array.from([7030879, 7049006.49]);
    t.inPlace(xs, ys);
    expect(xs[0]).toBeCloseTo(2274315 * US_SURVEY_FOOT_M, 9);
    const ref = proj4(getCrsDefinition('EPSG:2276')!.proj4, getCrsDefinition('EPSG:32138')!.proj4).forward([2300728.7, 7049006.49]);
    expect(xs[1]).toBeCloseTo(ref[0]!, 6);
    expect(ys[1]).toBeCloseTo(ref[1]!, 6);
  });

  it('is compact and up to date with its generator', () => {
    const text = readFileSync(new URL('../../../../resources/crs/crs-table.json', import.meta.url), 'utf8');
    expect(text.length).toBeLessThan(250_000);
    const out = execFileSync(process.execPath, ['electron/tools/build-crs-table.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/is up to date \(\d+ systems\)/);
  });

  it('agrees with proj4 on a round trip through every 10th State Plane zone at its area of use', () => {
    const zones = all.filter((d) => d.units !== 'degree' && d.name.includes(' / ') && !d.name.includes('UTM')).filter((_d, i) => i % 10 === 0);
    for (const z of zones) {
      const [w, s, e, n] = z.bbox ?? [0, 0, 0, 0];
      const lon = (w + e) / 2;
      const lat = (s + n) / 2;
      const [x, y] = createTransform('EPSG:4326', z.code)(lon, lat);
      const [lon2, lat2] = createTransform(z.code, 'EPSG:4326')(x, y);
      expect(Math.abs(lon2 - lon), z.code).toBeLessThan(1e-7);
      expect(Math.abs(lat2 - lat), z.code).toBeLessThan(1e-7);
    }
  });
});
