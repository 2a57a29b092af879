import { describe, expect, it } from 'vitest';
import { guessWorldFileCrs, isRotated, isWorldFileName, parseWorldFile, worldFileCorners, worldFileLonLatCorners, type WorldFile } from '../../../../shared/domain/geo/world-file';

const wf = (text: string): WorldFile => {
  const r = parseWorldFile(text, 'x.pgw');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('world files', () => {
  it('reads the six terms in the file order A, D, B, E, C, F (spaces, CRLF and blank lines allowed)', () => {
    expect(wf('2.0\r\n0\r\n0\r\n-2.0\r\n1001\r\n2999\r\n')).toEqual({ a: 2, d: 0, b: 0, e: -2, c: 1001, f: 2999 });
    expect(wf('  0.5 \n\n 0.1\n0.2\n-0.5\n 3.0e5\n4.1E6\n')).toEqual({ a: 0.5, d: 0.1, b: 0.2, e: -0.5, c: 300000, f: 4100000 });
  });

  it('refuses a wrong line count, a non-number and a zero pixel size, naming the line', () => {
    const short = parseWorldFile('1\n0\n0\n-1\n5', 'a.jgw');
    expect(!short.ok && short.error).toMatchObject({ kind: 'file-format', path: 'a.jgw', reason: 'a world file has 6 numbers, one a line; this one has 5 lines' });
    const comma = parseWorldFile('1\n0\n0\n-1\n5,5\n6', 'b.wld');
    expect(!comma.ok && comma.error).toMatchObject({ row: 5, reason: 'line 5: "5,5" is not a number' });
    const flat = parseWorldFile('1\n1\n1\n1\n0\n0', 'c.pgw');
    expect(!flat.ok && flat.error).toMatchObject({ reason: 'the pixel size is zero (A·E − B·D = 0)' });
  });

  it('places the outer corners half a pixel outside the pixel centres (worked values)', () => {
    // 10 x 5 image, 2-unit pixels, upper-left pixel centre at (1001, 2999): the image spans
    // x 1000..1020 and y 2990..3000
    expect(worldFileCorners(wf('2\n0\n0\n-2\n1001\n2999'), 10, 5)).toEqual([[1000, 3000], [1020, 3000], [1020, 2990], [1000, 2990]]);
    // rotation terms: x = col + row + 1, y = col − row: a 2 x 2 image becomes a diamond
    const rot = wf('1\n1\n1\n-1\n1\n0');
    expect(isRotated(rot)).toBe(true);
    expect(worldFileCorners(rot, 2, 2)).toEqual([[0, 0], [2, 2], [4, 0], [2, -2]]);
    expect(isRotated(wf('2\n0\n0\n-2\n1001\n2999'))).toBe(false);
  });

  it('reprojects the corners to lon/lat: on the UTM 16N central meridian, 1 km north of the equator (worked values)', () => {
    // 100 x 100 px, 10 m pixels, image west edge on easting 500000 (central meridian −87°)
    const w = wf('10\n0\n0\n-10\n500005\n999995');
    const r = worldFileLonLatCorners(w, 100, 100, 'EPSG:32616', 'u.pgw');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [tl, , br, bl] = r.value;
    expect(tl[0]).toBeCloseTo(-87, 9);
    expect(bl[0]).toBeCloseTo(-87, 9);
    // northing 1,000,000 m on the central meridian = meridian arc M(φ) × k0 (0.9996), with
    // M(φ) ≈ 6,367,449.1 φ − 16,038.5 sin 2φ metres on WGS84 (Snyder 1987, eq. 3-21):
    // M = 1,000,400 m at φ ≈ 9.0466°
    expect(tl[1]).toBeCloseTo(9.0466, 3);
    // 1 km east of the central meridian near 9°N: Δlon ≈ 1000 m / (k0 N cos φ) = 1000 / (0.9996 × 6,378,665 × 0.98756) rad ≈ 0.00910°
    expect(br[0] + 87).toBeCloseTo(0.0091, 4);
    expect(br[1]).toBeLessThan(tl[1]);
    // lon/lat images pass through unchanged
    const deg = worldFileLonLatCorners(wf('0.001\n0\n0\n-0.001\n-90.0005\n35.0005'), 10, 10, 'EPSG:4326', 'd.pgw');
    expect(deg.ok && deg.value[0][0]).toBeCloseTo(-90.001, 12);
    expect(deg.ok && deg.value[2]).toEqual([expect.closeTo(-89.991, 12), expect.closeTo(34.991, 12)]);
  });

  it('guesses lon/lat only for degree-like numbers, and says when the CRS must be wrong', () => {
    expect(guessWorldFileCrs(wf('0.0001\n0\n0\n-0.0001\n-87.6\n41.8'))).toBe('EPSG:4326');
    expect(guessWorldFileCrs(wf('0.5\n0\n0\n-0.5\n2500000\n7000000'))).toBeNull();
    const wrong = worldFileLonLatCorners(wf('0.5\n0\n0\n-0.5\n2500000\n7000000'), 10, 10, 'EPSG:4326', 'sp.pgw');
    expect(!wrong.ok && wrong.error).toMatchObject({ kind: 'file-format', path: 'sp.pgw', reason: expect.stringMatching(/outside the web map's range: is the CRS \(EPSG:4326\) right\?/) });
    const unknown = worldFileLonLatCorners(wf('1\n0\n0\n-1\n0\n0'), 1, 1, 'EPSG:99999', 'z.pgw');
    expect(!unknown.ok && unknown.error).toMatchObject({ kind: 'invalid-argument', value: 'EPSG:99999' });
    expect(['a.PGW', 'b.pngw', 'c.jgw', 'd.wld', 'e.jpgw'].every(isWorldFileName)).toBe(true);
    expect(isWorldFileName('a.png')).toBe(false);
  });
});
