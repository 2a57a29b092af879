import { describe, expect, it } from 'vitest';
import {
  applyPrivacyToLonLat,
  applyPrivacyToPoints,
  BUILTIN_PROFILES,
  describeProfile,
  formatProfileJson,
  hundredBlock,
  isNoOpProfile,
  listProfileNames,
  NO_PRIVACY,
  parseProfile,
  readProfileDocument,
  snapToGrid,
  suppressCount,
  type PrivacyProfile,
} from '../../../../shared/domain/privacy';
import { createTransform } from '../../../../shared/domain/geo/crs';

const profile = (over: Partial<PrivacyProfile>): PrivacyProfile => ({ ...NO_PRIVACY, name: 'test', ...over });

describe('hundredBlock', () => {
  it.each([
    ['1234 MAIN ST', '1200 BLOCK MAIN ST'],
    ['45 MAIN ST', '0 BLOCK MAIN ST'],
    ['  1299   N  Oak  Ave ', '1200 BLOCK N Oak Ave'],
    ['1234B MAIN ST', '1200 BLOCK MAIN ST'],
    ['1234-1240 MAIN ST', '1200 BLOCK MAIN ST'],
    ['1234 MAIN ST APT 5', '1200 BLOCK MAIN ST'],
    ['1234 MAIN ST #12', '1200 BLOCK MAIN ST'],
    ['1234 MAIN ST SUITE 300B', '1200 BLOCK MAIN ST'],
    ['100 1/2 ELM ST', '100 BLOCK ELM ST'],
    ['2200 BLOCK OF E GONZALES AVE', '2200 BLOCK OF E GONZALES AVE'],
    ['MAIN ST / 1ST AVE', 'MAIN ST / 1ST AVE'],
    ['CITY PARK', 'CITY PARK'],
    ['1234', '1234'],
  ])('%s -> %s', (input, expected) => {
    expect(hundredBlock(input)).toBe(expected);
  });

  it('keeps null and is idempotent (property)', () => {
    expect(hundredBlock(null)).toBeNull();
    for (let n = 0; n < 5000; n += 37) {
      const once = hundredBlock(`${n} ELM ST`)!;
      expect(hundredBlock(once)).toBe(once);
      expect(once).toBe(`${Math.floor(n / 100) * 100} BLOCK ELM ST`);
    }
  });
});

describe('snapToGrid and suppressCount', () => {
  it('snaps to cell centres anchored at the origin, negatives included', () => {
    expect(snapToGrid(1234, 100)).toBe(1250);
    expect(snapToGrid(1200, 100)).toBe(1250);
    expect(snapToGrid(-1, 100)).toBe(-50);
    expect(snapToGrid(Number.NaN, 100)).toBeNaN();
    for (let v = -1000; v < 1000; v += 13.7) {
      const s = snapToGrid(v, 250);
      expect(Math.abs(s - v)).toBeLessThanOrEqual(125);
      expect(snapToGrid(s, 250)).toBe(s);
    }
  });

  it('shows 1..k-1 as "<k", keeps 0 and k, and is off at k <= 1', () => {
    expect(suppressCount(0, 5)).toBe(0);
    expect(suppressCount(1, 5)).toBe('<5');
    expect(suppressCount(4.5, 5)).toBe('<5');
    expect(suppressCount(5, 5)).toBe(5);
    expect(suppressCount(1, 1)).toBe(1);
    expect(suppressCount(1, 0)).toBe(1);
    expect(suppressCount(Number.NaN, 5)).toBe('');
  });
});

describe('applyPrivacyToPoints', () => {
  const pts = {
    x: Float64Array.of(1234, 5678, 10),
    y: Float64Array.of(99, 301, 10),
    group: ['violent', 'Property', null],
    code: ['11A', '220', '13A'],
    address: ['1234 MAIN ST', null, '77 OAK AVE'],
  };

  it('changes nothing under the internal profile', () => {
    const r = applyPrivacyToPoints(NO_PRIVACY, pts);
    expect(Array.from(r.keep)).toEqual([1, 1, 1]);
    expect(Array.from(r.x)).toEqual([1234, 5678, 10]);
    expect(r.address).toEqual(pts.address);
    expect(r.x).not.toBe(pts.x);
  });

  it('withholds groups and codes case-insensitively, snaps and generalizes every row', () => {
    const r = applyPrivacyToPoints(profile({ dropGroups: ['property'], dropCodes: ['11a'], gridM: 100, addresses: 'hundred-block' }), pts);
    expect(Array.from(r.keep)).toEqual([0, 0, 1]);
    expect(r.kept).toBe(1);
    expect(Array.from(r.x)).toEqual([1250, 5650, 50]);
    expect(Array.from(r.y)).toEqual([50, 350, 50]);
    expect(r.address).toEqual(['1200 BLOCK MAIN ST', null, '0 BLOCK OAK AVE']);
  });

  it('snaps lon/lat points on a metric grid and brings them back', () => {
    const t = createTransform('EPSG:32138', 'EPSG:4326');
    const [lon, lat] = t(700_010, 2_140_020);
    const r = applyPrivacyToLonLat(profile({ gridM: 100 }), { lon: Float64Array.of(lon), lat: Float64Array.of(lat) }, 'EPSG:32138');
    const back = createTransform('EPSG:4326', 'EPSG:32138')(r.lon[0]!, r.lat[0]!);
    expect(back[0]).toBeCloseTo(700_050, 4);
    expect(back[1]).toBeCloseTo(2_140_050, 4);
  });
});

describe('profiles as documents and files', () => {
  it('describes what a profile does in one line', () => {
    const p = profile({ name: 'public', addresses: 'hundred-block', gridM: 100, dropGroups: ['sex offenses'], dropCodes: ['11A'], suppressBelow: 3 });
    expect(describeProfile(p)).toBe(
      'Privacy profile "public": addresses generalized to the hundred block; points snapped to a 100 m grid; offense groups withheld: sex offenses; offense codes withheld: 11A; counts below 3 shown as "<3".',
    );
    expect(describeProfile(NO_PRIVACY)).toContain('no generalization');
    expect(isNoOpProfile(NO_PRIVACY)).toBe(true);
    expect(isNoOpProfile(p)).toBe(false);
  });

  it('round-trips through JSON and fills defaults', () => {
    const p = BUILTIN_PROFILES[1]!;
    const back = parseProfile(JSON.parse(formatProfileJson(p)), 'x.json');
    expect(back).toEqual({ ok: true, value: p });
    const minimal = parseProfile({ kind: 'privacy-profile', formatVersion: 1, name: 'm' }, 'm.json');
    expect(minimal.ok && minimal.value.suppressBelow).toBe(0);
  });

  it('refuses a bad profile naming the field', () => {
    const r = parseProfile({ kind: 'privacy-profile', formatVersion: 1, name: 'p', gridM: -5 }, 'p.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-argument', name: 'p.json at gridM' });
    const bad = parseProfile({ kind: 'privacy-profile', formatVersion: 1, name: 'has space' }, 'q.json');
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.name).toBe('q.json at name');
  });

  it('finds project profiles first, then built-ins, and lists them in errors', () => {
    const own = profile({ name: 'partner', suppressBelow: 5 });
    const docs = { 'privacy/partner': own, 'privacy/public': { ...BUILTIN_PROFILES[1]!, suppressBelow: 10 } };
    expect(readProfileDocument(docs, 'partner')).toEqual({ ok: true, value: own });
    const pub = readProfileDocument(docs, 'public');
    expect(pub.ok && pub.value.suppressBelow).toBe(10);
    expect(readProfileDocument({}, 'public')).toEqual({ ok: true, value: BUILTIN_PROFILES[1] });
    expect(listProfileNames(docs)).toEqual(['partner', 'public', 'internal']);
    const missing = readProfileDocument(docs, 'nope');
    expect(!missing.ok && missing.error.kind === 'invalid-argument' && missing.error.expected).toContain('partner, public, internal');
  });
});
