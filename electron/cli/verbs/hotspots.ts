import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runHotSpots } from '../../../shared/domain/analysis/run-hotspots';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis } from './analysis-output';
import { LAYER_UNIT_HELP, LAYER_UNIT_OPTIONS, loadAnalysisUnits } from './analysis-units';
import { restateForLayerUnits } from '../../../shared/domain/analysis/layer-units';
import {
  SOURCE_HELP,
  SOURCE_OPTIONS,
  checkOutExtension,
  fail,
  parseNumberOption,
  parseWeightsOption,
} from './analysis-source';

const HELP = `spi hotspots SRC --unit grid:250|hex:250|segments|polygons:beats --weights band:500|knn:8|queen|rook [options]
spi hotspots --cells cells.csv --weights ... [options]

Getis-Ord Gi* hot spots (Getis & Ord 1992; Ord & Getis 1995; as ArcGIS Hot Spot Analysis) on
every unit of analysis, zero-crime units included:
  Gi* = (sum_j w_ij x_j - Xbar sum_j w_ij) / (S sqrt((n sum_j w_ij^2 - (sum_j w_ij)^2)/(n-1)))
with binary weights, the unit itself included (w_ii = 1), not row-standardized; Xbar the mean
count, S the population SD. Gi* is a z-score; p is two-sided normal. Bins +-3/2/1 for
p < .01/.05/.10 (the 99/95/90% legend).

Options:
  --unit grid:M|hex:M   square cells of side M metres, or pointy-top hexagons M metres across
                        flats; cells anchored at the CRS origin over the incidents' bounding box
${LAYER_UNIT_HELP}
                        (on segments use band:M between segment midpoints; on polygons queen,
                        rook or band:M between centroids)
  --weights SPEC        band:M (centres within M metres, inclusive), knn:K, queen, rook, or hex
                        (on hexagons queen/rook/hex all mean the 6 edge neighbours)
  --method gistar       the statistic (Gi* is the one offered)
  --fdr                 Benjamini-Hochberg false discovery rate: bins use adjusted p
  --permutations N      conditional permutations for a pseudo p (default 0 = normal theory)
  --seed S              seed of the permutations (default 1)
  --cells FILE          run on given units instead of SRC: a CSV with id,x,y,count or
                        id,row,col,count (row/col integer lattice positions), so results can be
                        compared with other tools; every row is a unit
Output: every unit with id, centre x, y (analysis CRS, metres), row, col, count, z, p, [p_sim],
[p_fdr], bin.

${SOURCE_HELP}
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  unit: { type: 'string' },
  weights: { type: 'string' },
  method: { type: 'string' },
  fdr: { type: 'boolean' },
  permutations: { type: 'string' },
  seed: { type: 'string' },
  cells: { type: 'string' },
  ...LAYER_UNIT_OPTIONS,
} as const;

export const hotspotsVerb: Verb = {
  name: 'hotspots',
  summary: 'Getis-Ord Gi* hot spots on grid or hexagon cells, street segments, polygons (or given cells)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    if ((values.method ?? 'gistar').toLowerCase() !== 'gistar') throw new CliInputError(`--method: "${values.method}" is not offered (gistar)`);
    const weights = parseWeightsOption(values.weights);
    const permutations = values.permutations === undefined ? 0 : parseNumberOption('--permutations', values.permutations, { min: 0, integer: true, what: 'a whole number >= 0' });
    const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
    checkOutExtension(values.out, ['.csv'], 'hotspots');

    const { source, units, unitText } = await loadAnalysisUnits(positionals, values, io.cwd, { layerUnits: true });
    const gi = runHotSpots(units, { unit: unitText, weights, fdr: values.fdr ?? false, permutations, seed, cellsFile: values.cells });
    if (!gi.ok) fail(gi.error);
    const run = { ok: true as const, value: restateForLayerUnits(gi.value, units, weights) };
    const z = run.value.table.columns.find((c) => c.name === 'z')?.values as Float64Array;
    return emitAnalysis(run.value, {
      io,
      values,
      source,
      outputs: values.out ? [csvOutput(values.out, run.value.table)] : [],
      textRows: { caption: `Top units by z (of ${units.n.toLocaleString('en-US')}; --out or --json for all)`, indices: topIndices(z, 15) },
    });
  },
};
