import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../../shared/domain/design/period';
import { createTransform } from '../../../../../shared/domain/geo/crs';
import { buildTargetList, ringCentroid } from '../../../../../shared/domain/outputs/targets/build';
import { buildStreetIndex, findNearestStreet, formatStreet } from '../../../../../shared/domain/outputs/targets/streets';
import { areasFromGeoJson, areasFromHotSpots, cellRings } from '../../../../../shared/domain/outputs/targets/areas';
import { planDosage, parseVisitLength } from '../../../../../shared/domain/outputs/targets/dosage';
import { NO_PRIVACY, type PrivacyProfile } from '../../../../../shared/domain/privacy';
import { CRS, makeIncidents, squareArea, streetLayer, X0, Y0, type Inc } from './fixtures';

const period = (() => {
  const p = parsePeriod('--period', '2024-03-01..2024-03-31');
  if (!p.ok) throw new Error('period');
  return p.value;
})();

const INCIDENTS: Inc[] = [
  // Area A around (X0, Y0): 5 in March, 1 in April (outside), 1 of a withheld group.
  { x: X0 + 10, y: Y0 + 10, from: '2024-03-08T22:10', to: '2024-03-08T23:50', group: 'property', code: '220', address: '1234 MAIN ST' },
  { x: X0 - 20, y: Y0 + 30, from: '2024-03-08T22:30', group: 'property', code: '23F', address: '1234 MAIN ST' },
  { x: X0 + 50, y: Y0 - 60, from: '2024-03-15T23:05', group: 'violent', code: '13A', address: '1250 MAIN ST' },
  { x: X0 + 90, y: Y0 + 90, from: '2024-03-16T01:15', group: 'property', code: '220', address: '1301 MAIN ST' },
  { x: X0 - 90, y: Y0 - 90, from: null, group: null, code: null, address: null },
  { x: X0, y: Y0, from: '2024-04-02T10:00', group: 'property', code: '220', address: '1234 MAIN ST' },
  { x: X0 + 1, y: Y0 + 1, from: '2024-03-09T12:00', group: 'sex offenses', code: '11A', address: '1234 MAIN ST' },
  // Area B around (X0 + 1000, Y0): 3.
  { x: X0 + 1000, y: Y0, from: '2024-03-04T09:00', group: 'drugs', code: '35A', address: '88 OAK ST' },
  { x: X0 + 1010, y: Y0 + 5, from: '2024-03-04T09:30', group: 'drugs', code: '35A', address: '88 OAK ST' },
  { x: X0 + 990, y: Y0 - 5, from: '2024-03-05T14:00', group: 'violent', code: '13B', address: '90 OAK ST' },
  // Outside every area.
  { x: X0 + 5000, y: Y0, from: '2024-03-05T14:00', group: 'violent', code: '13B', address: '1 FAR RD' },
];
const AREAS = [squareArea('C', 'Empty corner', -1000, 0), squareArea('B', 'Oak St', 1000, 0), squareArea('A', 'Main St', 0, 0)];
const streets = buildStreetIndex(streetLayer(), CRS);
const profileP = (over: Partial<PrivacyProfile>): PrivacyProfile => ({ ...NO_PRIVACY, name: 'p', ...over });

describe('buildTargetList', () => {
  const list = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 'test areas', period, profile: NO_PRIVACY, streets, generatedAt: '2024-04-01T00:00:00Z' });

  it('ranks areas by incidents in the period, zero areas last, and describes each', () => {
    expect(list.rows.map((r) => [r.rank, r.id, r.total])).toEqual([
      [1, 'A', 5],
      [2, 'B', 3],
      [3, 'C', 0],
    ]);
    const a = list.rows[0]!;
    expect(a.x).toBeCloseTo(X0, 6);
    expect(a.y).toBeCloseTo(Y0, 6);
    const [lon, lat] = createTransform(CRS, 'EPSG:4326')(X0, Y0);
    expect(a.lon).toBeCloseTo(lon, 9);
    expect(a.lat).toBeCloseTo(lat, 9);
    expect(a.areaM2).toBeCloseTo(40_000, 6);
    expect(list.groups).toEqual(['drugs', 'property', 'sex offenses', 'violent']);
    expect(a.byGroup).toEqual([0, 3, 1, 1]);
    expect(a.topAddresses).toEqual([
      { address: '1234 MAIN ST', count: 3 },
      { address: '1250 MAIN ST', count: 1 },
      { address: '1301 MAIN ST', count: 1 },
    ]);
    expect(a.peakDays[0]).toBe('Fri');
    expect(formatStreet(a.street)).toBe('MAIN ST between 1ST AVE and 2ND AVE');
    expect(list.conventions[0]).toContain('2024-03-01..2024-03-31');
    expect(list.conventions[0]).toContain('2 outside the period or undated');
  });

  it('without a period counts undated incidents (not in the peak times) under "(none)" when ungrouped', () => {
    const all = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 's', period: null, profile: NO_PRIVACY });
    const a = all.rows[0]!;
    expect(a.total).toBe(7);
    expect(all.groups.at(-1)).toBe('(none)');
    expect(a.byGroup.at(-1)).toBe(1);
    expect(a.grid.undated).toBe(1);
    expect(a.grid.total).toBe(6);
    expect(all.warnings.some((w) => w.includes('no occurred_from'))).toBe(true);
  });

  it('keeps only the top N', () => {
    const top = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 's', period: null, top: 1, profile: NO_PRIVACY });
    expect(top.rows.map((r) => [r.id, r.total])).toEqual([['A', 7]]);
    expect(top.candidates).toBe(3);
  });

  it('applies the privacy profile: withheld offenses vanish, addresses and points are generalized', () => {
    const p = profileP({ dropGroups: ['sex offenses'], dropCodes: ['13B'], addresses: 'hundred-block', gridM: 100 });
    const l = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 's', period, profile: p, streets });
    expect(l.groups).not.toContain('sex offenses');
    expect(l.withheld).toBe(3);
    const a = l.rows[0]!;
    expect(a.total).toBe(4);
    expect(a.topAddresses[0]).toEqual({ address: '1200 BLOCK MAIN ST', count: 3 });
    expect(a.topAddresses[1]).toEqual({ address: '1300 BLOCK MAIN ST', count: 1 });
    for (const v of [...a.pointsX, ...a.pointsY]) expect(Math.abs((v % 100) - 50)).toBeLessThan(1e-6);
    expect(a.x % 100).toBeCloseTo(50, 6);
    expect(l.rows.find((r) => r.id === 'B')!.total).toBe(2);
    expect(l.privacy).toContain('offense codes withheld: 13B');
  });

  it('plans seeded dosage visits inside the windows, never overlapping', () => {
    const dosage = { minutes: 15, visitsPerShift: 3, seed: 42 };
    const one = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 's', period, profile: NO_PRIVACY, dosage });
    const two = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 's', period, profile: NO_PRIVACY, dosage });
    const a = one.rows[0]!;
    expect(a.dosage).toEqual(two.rows[0]!.dosage);
    expect(a.dosage!.length).toBeGreaterThan(0);
    for (const v of a.dosage!) {
      const inside = a.windows.some((w) => {
        if (w.shift !== v.shift) return false;
        const start = (w.day * 1440 + w.startHour * 60) % 10080;
        const rel = (((v.day * 1440 + v.startMinute - start) % 10080) + 10080) % 10080;
        return rel + v.minutes <= w.hours * 60;
      });
      expect(inside).toBe(true);
    }
    const abs = a.dosage!.map((v) => v.day * 1440 + v.startMinute).sort((p, q) => p - q);
    for (let i = 1; i < abs.length; i++) expect(abs[i]! - abs[i - 1]!).toBeGreaterThanOrEqual(15);
    const other = buildTargetList({ areas: AREAS, incidents: makeIncidents(INCIDENTS), source: 's', period, profile: NO_PRIVACY, dosage: { ...dosage, seed: 43 } });
    expect(other.rows[0]!.dosage).not.toEqual(a.dosage);
    expect(one.rows[2]!.dosage).toEqual([]);
  });
});

describe('sources and helpers', () => {
  it('takes significant hot-spot cells strongest first, never cold spots', () => {
    const r = areasFromHotSpots({ unit: 'grid:100', id: [0, 1, 2, 3], x: [50, 150, 250, 350], y: [50, 50, 50, 50], z: [2.1, 3.5, -3, 1.7], bin: [2, 3, -3, 1] });
    expect(r.ok && r.value.map((a) => a.id)).toEqual(['cell-1', 'cell-0']);
    const loose = areasFromHotSpots({ unit: 'hex:100', id: [0, 3], x: [0, 1], y: [0, 1], z: [2, 1.7], bin: [2, 1] }, 1);
    expect(loose.ok && loose.value.length).toBe(2);
    expect(areasFromHotSpots({ unit: 'cells', id: [], x: [], y: [], z: [], bin: [] }).ok).toBe(false);
  });

  it('reads GeoJSON polygons in lon/lat, MultiPolygons as several areas, and refuses points', () => {
    const t = createTransform(CRS, 'EPSG:4326');
    const ring = cellRings('grid', X0, Y0, 200)[0]!.map(([x, y]) => t(x, y));
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'Z', name: 'Zed' }, geometry: { type: 'MultiPolygon', coordinates: [[ring], [ring]] } }] };
    const r = areasFromGeoJson(fc, CRS, 'a.geojson');
    expect(r.ok && r.value.map((a) => a.id)).toEqual(['Z', 'Z-2']);
    if (r.ok) expect(ringCentroid(r.value[0]!.rings)[0]).toBeCloseTo(X0, 2);
    const bad = areasFromGeoJson({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }, CRS, 'p.geojson');
    expect(!bad.ok && bad.error.kind === 'file-format' && bad.error.reason).toContain('feature 1 is not a Polygon');
  });

  it('finds the nearest street and its cross streets', () => {
    const s = findNearestStreet(streets, X0 + 500, Y0 + 20)!;
    expect(s.name).toBe('OAK ST');
    expect(s.distanceM).toBeCloseTo(20, 3);
    expect(s.crossStreets).toEqual(['2ND AVE']);
    expect(formatStreet(s)).toBe('OAK ST at 2ND AVE');
    expect(findNearestStreet(buildStreetIndex({ features: [] }, CRS), 0, 0)).toBeNull();
  });

  it('parses visit lengths and plans nothing without windows', () => {
    expect(parseVisitLength('15m')).toBe(15);
    expect(parseVisitLength('0.25h')).toBe(15);
    expect(parseVisitLength('10')).toBe(10);
    expect(parseVisitLength('0m')).toBeNull();
    expect(parseVisitLength('fifteen')).toBeNull();
    expect(planDosage([], { minutes: 15, visitsPerShift: 2, seed: 1 }, 'x')).toEqual([]);
  });
});
