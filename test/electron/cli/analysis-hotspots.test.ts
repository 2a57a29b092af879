import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/engine';
import { capture, parseCsv, spi, spiOk, writeSampleDataset } from './analysis-helpers';

const tmp = tempDir('spi-hotspots-');
afterAll(() => tmp.cleanup());

// DOMAIN.md: x = (1,2,3,4,5) on a line, neighbours |i-j| <= 1 (self included for Gi*):
// Gi* = (-1.7321, -1.7321, 0, 1.7321, 1.7321). On a 1x5 grid, rook contiguity gives exactly
// those neighbours. Rows are written out of order to show the output follows the file's order.
const LINE_ROWCOL = 'id,row,col,count\nc3,0,2,3\nc1,0,0,1\nc5,0,4,5\nc2,0,1,2\nc4,0,3,4\n';
const LINE_XY = 'id,x,y,count\nc1,125,125,1\nc2,375,125,2\nc3,625,125,3\nc4,875,125,4\nc5,1125,125,5\n';
const EXPECTED: Record<string, number> = { c1: -1.7320508, c2: -1.7320508, c3: 0, c4: 1.7320508, c5: 1.7320508 };

beforeAll(async () => {
  tmp.write('line.csv', LINE_ROWCOL);
  tmp.write('line-xy.csv', LINE_XY);
  writeSampleDataset(path.join(tmp.dir, 'ingested'));
  await spiOk(['project', 'create', 'city.spiproj', '--from', 'ingested'], tmp.dir);
});

describe('spi hotspots --cells (compare with other tools)', () => {
  it('reproduces the DOMAIN.md Gi* line example with id,row,col,count and rook weights', async () => {
    const json = JSON.parse(await spiOk(['hotspots', '--cells', 'line.csv', '--weights', 'rook', '--json'], tmp.dir));
    expect(json.rows.map((r: { id: string }) => r.id)).toEqual(['c3', 'c1', 'c5', 'c2', 'c4']);
    for (const r of json.rows) expect(r.z).toBeCloseTo(EXPECTED[r.id]!, 6);
    expect(json.columns).toEqual(['id', 'row', 'col', 'count', 'z', 'p', 'bin']);
    expect(json.parameters).toMatchObject({ unit: 'cells', weights: 'rook', fdr: false, permutations: 0, seed: 1 });
    expect(json.convention.join('\n')).toMatch(/rook contiguity.*the unit itself included \(w_ii = 1\), not row-standardized/s);
  });

  it('gives the same z with id,x,y,count and a distance band that reaches only adjacent cells', async () => {
    const json = JSON.parse(await spiOk(['hotspots', '--cells', 'line-xy.csv', '--weights', 'band:250', '--json'], tmp.dir));
    for (const r of json.rows) expect(r.z).toBeCloseTo(EXPECTED[r.id]!, 6);
    expect(json.convention.join('\n')).toMatch(/d_ij <= 250 m \(inclusive/);
  });

  it('states the convention in its text output', async () => {
    const out = await spiOk(['hotspots', '--cells', 'line.csv', '--weights', 'rook', '--permutations', '99', '--seed', '7'], tmp.dir);
    const text = out.replace(/\s+/g, ' ');
    expect(text).toMatch(/Getis-Ord Gi\*/);
    expect(text).toMatch(/Gi\* = \(sum_j w_ij x_j - Xbar sum_j w_ij\)/);
    expect(text).toMatch(/99 conditional permutations per unit .* seed 7/s);
    expect(text).toMatch(/Bins: \+-3\/2\/1 when p < \.01\/\.05\/\.10/);
  });
});

describe('spi hotspots SRC', () => {
  it('writes every unit, zero-crime ones included, to --out CSV with the grid convention', async () => {
    const text = await spiOk(['hotspots', 'city.spiproj', '--unit', 'grid:500', '--weights', 'queen', '--fdr', '--out', 'gi.csv'], tmp.dir);
    expect(text).toMatch(/square cells of 500 m, cell edges at multiples of 500 m from the CRS origin/);
    expect(text).toMatch(/x, y in the analysis CRS EPSG:32138 \(metres\)/);
    const csv = parseCsv(readFileSync(path.join(tmp.dir, 'gi.csv'), 'utf8'));
    expect(csv.header).toEqual(['id', 'x', 'y', 'row', 'col', 'count', 'z', 'p', 'p_fdr', 'bin']);
    const counts = csv.rows.map((r) => Number(r[5]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1500);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(100);
    // Unit centres sit on the 500 m lattice (edges at multiples of 500): centres at 250 + 500k.
    for (const r of csv.rows.slice(0, 50)) {
      expect(Number(r[1]) % 500).toBe(250);
      expect(Number(r[2]) % 500).toBe(250);
    }
    // Negative z-scores stay numbers (a number literal is never a formula).
    expect(csv.rows.some((r) => /^-\d/.test(r[6]!))).toBe(true);
    expect(csv.rows.every((r) => !r[6]!.startsWith("'"))).toBe(true);
  });

  it('applies --filter before counting', async () => {
    const all = JSON.parse(await spiOk(['hotspots', 'city.spiproj', '--unit', 'grid:1000', '--weights', 'knn:8', '--json'], tmp.dir));
    const some = JSON.parse(
      await spiOk(['hotspots', 'city.spiproj', '--unit', 'grid:1000', '--weights', 'knn:8', '--filter', "offense_group = 'property'", '--json'], tmp.dir),
    );
    expect(some.source.filter).toBe("offense_group = 'property'");
    expect(some.source.matched).toBeLessThan(all.source.matched);
    expect(some.summary.incidents).toBe(some.source.used);
  });
});

describe('spi moran', () => {
  it('global and local Moran on given cells, seeded and reproducible', async () => {
    const grid: string[] = ['id,row,col,count'];
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) grid.push(`u${r}-${c},${r},${c},${r < 3 && c < 3 ? 5 + ((r + c) % 2) : (r * c) % 3}`);
    tmp.write('lattice.csv', `${grid.join('\n')}\n`);
    const a = JSON.parse(await spiOk(['moran', '--cells', 'lattice.csv', '--weights', 'queen', '--local', '--permutations', '199', '--seed', '3', '--json'], tmp.dir));
    const b = JSON.parse(await spiOk(['moran', '--cells', 'lattice.csv', '--weights', 'queen', '--local', '--permutations', '199', '--seed', '3', '--json'], tmp.dir));
    expect(a.summary.I).toBeGreaterThan(0.3);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.find((r: { id: string }) => r.id === 'u1-1').cluster_label).toBe('HH (high-high)');
    expect(a.convention.join('\n')).toMatch(/row-standardized so each row sums to 1/);
  });
});

it('refuses a constant field for Moran with one line naming it', async () => {
  tmp.write('flat.csv', 'id,row,col,count\na,0,0,3\nb,0,1,3\nc,0,2,3\nd,0,3,3\n');
  const c = capture(tmp.dir);
  expect(await spi(['moran', '--cells', 'flat.csv', '--weights', 'rook'], c.io)).toBe(2);
  expect(c.err()).toMatch(/^spi moran: values: "all 3" is not valid \(expected values that vary/);
  expect(c.err().trim().split('\n')).toHaveLength(1);
});
