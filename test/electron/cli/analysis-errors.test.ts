import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { tempDir } from '../../helpers/engine';
import { capture, spi, spiOk, writeSampleDataset } from './analysis-helpers';

const tmp = tempDir('spi-analysis-errors-');
afterAll(() => tmp.cleanup());

beforeAll(async () => {
  writeSampleDataset(path.join(tmp.dir, 'ingested'), 300);
  await spiOk(['project', 'create', 'city.spiproj', '--from', 'ingested'], tmp.dir);
  tmp.write('points.csv', 'x,y\n0,0\n100,0\n0,100\n');
  tmp.write('dup.csv', 'id,row,col,count\na,0,0,1\nb,0,1,2\nc,0,1,3\n');
  tmp.write('text.csv', 'id,row,col,count\na,0,0,1\nb,0,1,two\nc,0,2,3\n');
});

const P = 'city.spiproj';

describe('bad input: exit 2 with one line naming the value', () => {
  it.each([
    // Checked before the engine starts.
    [['hotspots', P, '--unit', 'grid', '--weights', 'queen'], /--unit: "grid" is not valid \(expected grid:<metres> or hex:<metres>\)/],
    [['hotspots', P, '--unit', 'square:250', '--weights', 'queen'], /--unit: "square:250" is not valid/],
    [['hotspots', P, '--unit', 'grid:250', '--weights', 'bishop'], /--weights: "bishop" is not valid/],
    [['hotspots', P, '--unit', 'grid:250'], /--weights is required/],
    [['hotspots', P, '--unit', 'grid:250', '--weights', 'queen', '--method', 'lisa'], /--method: "lisa" is not offered/],
    [['kde', P, '--radius=-5'], /--radius: "-5" is not valid \(expected a radius in metres > 0\)/],
    [['kde', P, '--radius', '0'], /--radius: "0" is not valid/],
    [['kde', P, '--cell', 'big'], /--cell: "big" is not valid/],
    [['kde', P, '--out', 'kde.png'], /--out: "kde\.png" is not a supported output \(spi kde writes \.csv or \.tif or \.tiff; --json prints to stdout\)/],
    [['grid', P, '--cell', '100', '--filter', "1=1; DROP TABLE t"], /--filter: "1=1; DROP TABLE t" is not valid \(expected one SQL predicate without ";"/],
    [['grid', P, '--cell', '100', '--shape', 'triangle'], /--shape: "triangle" is not valid/],
    [['grid', 'ingested/incidents.parquet', '--cell', '100', '--save'], /--save: "ingested\/incidents\.parquet" is not a project/],
    [['knox', P, '--space-bands', '0,abc', '--time-bands', '0,7'], /--space-bands: "0,abc" is not valid/],
    [['knox', P, '--time-bands', '0,7'], /--space-bands is required/],
    [['knox', P, '--space-bands', '100,0', '--time-bands', '0,7'], /--space-bands: "100,0" is not valid \(expected strictly increasing edges\)/],
    [['knox', P, '--space-bands', '0,100,250', '--time-bands', '0,7', '--nrc-compatible'], /--space-bands: "0,100,250" is not valid \(expected equally spaced whole-number edges/],
    [['knox', P, '--space-bands', '0,100', '--time-bands', '0,7', '--weight-column', 'w'], /--weight-column does not apply to spi knox/],
    [['emerging', P, '--unit', 'grid:500', '--step', 'day'], /--step: "day" is not valid \(expected week or month\)/],
    [['clusters', P, '--eps', '0', '--min-points', '5'], /--eps: "0" is not valid/],
    [['clusters', P, '--eps', '100', '--min-points', '2.5'], /--min-points: "2\.5" is not valid/],
    [['moran', P, '--unit', 'grid:250', '--weights', 'queen', '--alpha', '2'], /--alpha: "2" is not valid/],
    [['hotspots', '--cells', 'dup.csv', '--weights', 'rook', '--unit', 'grid:100'], /--unit does not apply with --cells/],
    [['concentration', P], /--unit is required/],
    // Checked after the data is read.
    [['kde', 'missing.parquet', '--radius', '100'], /^spi kde: missing\.parquet: file not found\n$/],
    [['hotspots', '--cells', 'missing.csv', '--weights', 'rook'], /missing\.csv: file not found/],
    [['grid', P, '--cell', '100', '--filter', 'no_such_column = 1'], /--filter: "no_such_column = 1" is not valid \(expected a predicate the engine accepts \(.*no_such_column/],
    [['grid', P, '--cell', '100', '--dataset', 'calls'], /--dataset: "calls" is not in city\.spiproj \(datasets: incidents\)/],
    [['hotspots', '--cells', 'dup.csv', '--weights', 'rook'], /dup\.csv: row 3, row\/col: "0,1" is not valid \(expected one unit per \(row, col\)\)/],
    [['hotspots', '--cells', 'text.csv', '--weights', 'rook'], /text\.csv \(row 2, column "count"\): "two" is not a number/],
    [['hotspots', P, '--unit', 'grid:250', '--weights', 'band:-1'], /--weights: "band:-1" is not valid/],
    [['knox', 'points.csv', '--space-bands', '0,100', '--time-bands', '0,7'], /points\.csv: column "a date column \(looked for occurred_from, date, day; name one with --date-column\)" is missing/],
    [['grid', 'ingested/incidents.parquet', '--cell', '100', '--dataset', 'calls'], /--dataset: "calls" applies to a \.spiproj SRC only/],
    [['hotspots', P, '--unit', 'grid:0.001', '--weights', 'queen'], /--unit: "grid:0\.001" is not valid \(expected a size giving at most/],
    [['hotspots', P, '--unit', 'grid:500', '--weights', 'hex'], /--weights: "hex" is not valid \(expected queen or rook on square cells\)/],
  ])('%j', async (argv, message) => {
    const c = capture(tmp.dir);
    expect(await spi(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(new RegExp(`^spi ${argv[0]}: `));
    expect(c.err()).toMatch(message);
    expect(c.err().trim().split('\n')).toHaveLength(1);
    expect(c.out()).toBe('');
  });
});

it('every analysis verb explains itself with --help, conventions included', async () => {
  const expectations: Record<string, RegExp> = {
    hotspots: /w_ii = 1/,
    moran: /row-standardized/,
    emerging: /Mann-Kendall/,
    concentration: /generalized Gini/,
    knox: /HALF-OPEN \[a, b\)/,
    clusters: /DBSCAN/,
    kde: /incidents per square kilometre.*\n.*[\s\S]*row 0 is the northernmost row/,
    grid: /EMPTY CELLS INCLUDED/,
  };
  for (const [verb, re] of Object.entries(expectations)) {
    const c = capture(tmp.dir);
    expect(await spi([verb, '--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(re);
    expect(c.out()).toMatch(/--filter "SQL"/);
  }
});
