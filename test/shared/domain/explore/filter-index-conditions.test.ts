import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { buildPolygonFilterSql, type FilterPolygon } from '../../../../shared/domain/explore/area-field-filters';
import { buildFilterIndex, type FilterIndex } from '../../../../shared/domain/explore/filter-index';
import { filterConditionMask } from '../../../../shared/domain/explore/filter-index-conditions';
import { EMPTY_FILTER, detectExploreColumns, type ExploreColumns, type ExploreFilter } from '../../../../shared/domain/explore/filters';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

// Houston-like coordinates (|lon| > 90, so a latitude-first pair is detectable and swapped back).
const LON0 = -95.4;
const LAT0 = 29.7;
const STEP = 0.001; // grid step shared by vertices and many points: lots of points exactly on edges and corners
const q = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

/** PNPOLY in JS (the reference of area-field-filters.test.ts), for points off the grid. */
function inside(ring: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** A random ring: star-shaped, on the grid, or fully random (self-intersecting, repeated corners). */
function randomRing(rng: Rng, corners: number): [number, number][] {
  const kind = rng.int(3);
  return Array.from({ length: corners }, (_, k) => {
    if (kind === 2) return [LON0 + STEP * rng.int(30), LAT0 + STEP * rng.int(30)];
    const a = (2 * Math.PI * k) / corners;
    const r = STEP * (4 + 11 * rng.next());
    const p: [number, number] = [LON0 + 0.015 + r * Math.cos(a), LAT0 + 0.015 + r * Math.sin(a)];
    return kind === 1 ? [LON0 + STEP * Math.round((p[0] - LON0) / STEP), LAT0 + STEP * Math.round((p[1] - LAT0) / STEP)] : p;
  });
}

const kept = (mask: Uint8Array | null) => (mask ? Array.from(mask.keys()).filter((r) => mask[r] === 1) : null);

describe('filter index: drawn area and field conditions in memory (real DuckDB)', () => {
  let engine: SqlEngine;
  let rawIndex: FilterIndex;
  let rawCols: ExploreColumns;
  let gridXY: [number, number][];

  async function sqlRows(table: string, where: string): Promise<number[]> {
    const t = unwrap(await engine.query(`SELECT rowid::INTEGER AS r FROM ${table} WHERE ${where} ORDER BY 1`));
    return Array.from(t.getChild('r')!.toArray() as Int32Array);
  }
  async function maskOf(table: string, cols: ExploreColumns, index: FilterIndex, filter: Partial<ExploreFilter>) {
    return unwrap(await filterConditionMask(engine, table, cols, index, { ...EMPTY_FILTER, ...filter }));
  }

  beforeAll(async () => {
    engine = await openTestEngine();
    const rng = createRng(77);
    // Raw export: text coordinates, some latitude-first, on the grid, off it, NULL, unreadable, NaN, infinite.
    gridXY = [];
    const rows: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const onGrid = rng.chance(0.5);
      const x = onGrid ? LON0 + STEP * rng.int(31) : LON0 - 0.002 + 0.034 * rng.next();
      const y = onGrid ? LAT0 + STEP * rng.int(31) : LAT0 - 0.002 + 0.034 * rng.next();
      gridXY.push([x, y]);
      const odd = rng.int(40);
      const [lonText, latText] = odd === 0 ? [null, null] : odd === 1 ? ['x', String(y)] : odd === 2 ? ['NaN', String(y)] : odd === 3 ? [String(x), 'inf'] : [String(x), String(y)];
      const swap = rng.chance(0.1);
      const code = rng.pick(['13A', '220', '290', '35A']);
      rows.push(`('2024-0${1 + rng.int(9)}-1${rng.int(10)} ${10 + rng.int(14)}:00', ${q(code)}, ${q(swap ? latText : lonText)}, ${q(swap ? lonText : latText)})`);
    }
    unwrap(await engine.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${rows.join(', ')}) v("Occurred From", "Offense Code", "Longitude", "Latitude")`));
    rawCols = detectExploreColumns(['Occurred From', 'Offense Code', 'Longitude', 'Latitude'])!;
    expect(rawCols.lon).toBeTruthy();
    rawIndex = unwrap(await buildFilterIndex(engine, 'raw', rawCols))!;
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('keeps exactly the rows the SQL predicate keeps, for random areas x random points (edges, corners, swapped, NULL, NaN)', async () => {
    const rng = createRng(3);
    let onBoundaryChecks = 0;
    for (let trial = 0; trial < 40; trial++) {
      const ring = randomRing(rng, 3 + rng.int(trial < 30 ? 12 : 120));
      const got = await maskOf('raw', rawCols, rawIndex, { polygon: ring });
      expect(got.paths).toEqual(['memory']);
      const want = await sqlRows('raw', buildPolygonFilterSql(ring, rawCols.lon!, rawCols.lat!));
      expect(kept(got.mask), JSON.stringify(ring)).toEqual(want);
      // Points exactly on a corner or an edge of this ring (where only the SQL rule decides).
      for (const [x, y] of gridXY) if (ring.some(([vx, vy]) => vx === x || vy === y)) onBoundaryChecks++;
    }
    expect(onBoundaryChecks).toBeGreaterThan(0);
  });

  it('agrees with PNPOLY on the plain rows off the grid (a sanity check of the reference itself)', async () => {
    const ring = randomRing(createRng(9), 9);
    const got = kept((await maskOf('raw', rawCols, rawIndex, { polygon: ring })).mask)!;
    const plain = unwrap(await engine.query(`SELECT rowid::INTEGER AS r, TRY_CAST("Longitude" AS DOUBLE) AS x, TRY_CAST("Latitude" AS DOUBLE) AS y FROM raw`));
    const r = plain.getChild('r')!.toArray() as Int32Array;
    const xs = plain.getChild('x')!;
    const ys = plain.getChild('y')!;
    let checked = 0;
    for (let i = 0; i < r.length; i++) {
      const x = xs.get(i) as number | null;
      const y = ys.get(i) as number | null;
      if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) < 90) continue; // swapped or odd rows
      expect(got.includes(r[i]!)).toBe(inside(ring, x, y));
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('handles the largest area (500 corners), refused rings, flat rings, tables without coordinates and near-vertical slopes', async () => {
    const big = Array.from({ length: 500 }, (_, k) => {
      const a = (2 * Math.PI * k) / 500;
      const r = k % 2 ? 0.006 : 0.014;
      return [LON0 + 0.015 + r * Math.cos(a), LAT0 + 0.015 + r * Math.sin(a)] as [number, number];
    });
    const got = await maskOf('raw', rawCols, rawIndex, { polygon: big });
    expect(kept(got.mask)).toEqual(await sqlRows('raw', buildPolygonFilterSql(big, rawCols.lon!, rawCols.lat!)));
    expect(kept(got.mask)!.length).toBeGreaterThan(100);
    // Refused (2 corners) and flat (one latitude) rings: the SQL is FALSE, nothing is kept.
    for (const ring of [[[LON0, LAT0], [LON0 + 0.01, LAT0 + 0.01]], [[LON0, LAT0], [LON0 + 0.01, LAT0], [LON0 + 0.02, LAT0]]] as FilterPolygon[]) {
      expect(buildPolygonFilterSql(ring, 'x', 'y')).toBe('FALSE');
      expect(kept((await maskOf('raw', rawCols, rawIndex, { polygon: ring })).mask)).toEqual([]);
    }
    const noXY = { ...rawCols, lon: null, lat: null };
    expect(kept((await maskOf('raw', noXY, rawIndex, { polygon: big.slice(0, 10) })).mask)).toEqual([]);
    // An edge 1e-305 degrees tall has a slope beyond exact in-memory arithmetic: the area is one SQL scan instead.
    // (Near latitude 0, where such a step is representable; a table with points there.)
    unwrap(await engine.query(`CREATE TABLE equator AS SELECT '2024-01-01 10:00' AS "Occurred From", '13A' AS "Offense Code", (i % 40) * 0.0005 AS "Longitude", (i // 40) * 0.0005 AS "Latitude" FROM range(1600) t(i)`));
    const eqIndex = unwrap(await buildFilterIndex(engine, 'equator', rawCols))!;
    const steep: FilterPolygon = [[0, 0], [0.02, 1e-305], [0.01, 0.02]];
    const viaSql = await maskOf('equator', rawCols, eqIndex, { polygon: steep });
    expect(viaSql.paths).toEqual(['sql']);
    expect(kept(viaSql.mask)).toEqual(await sqlRows('equator', buildPolygonFilterSql(steep, rawCols.lon!, rawCols.lat!)));
    expect(kept(viaSql.mask)!.length).toBeGreaterThan(50);
    // The same area again comes from the kept masks.
    expect((await maskOf('raw', rawCols, rawIndex, { polygon: big })).paths).toEqual(['cached']);
  });
});
