import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runMoran } from '../../../shared/domain/analysis/run-moran';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis } from './analysis-output';
import { loadAnalysisUnits } from './analysis-units';
import {
  SOURCE_HELP,
  SOURCE_OPTIONS,
  checkOutExtension,
  fail,
  parseNumberOption,
  parseWeightsOption,
} from './analysis-source';

const HELP = `spi moran SRC --unit grid:250|hex:250 --weights queen|rook|band:M|knn:K [--local] [options]
spi moran --cells cells.csv --weights ... [--local] [options]

Global Moran's I (Moran 1950; moments of Cliff & Ord 1981; as PySAL/esda Moran) of the counts
per unit, zero-crime units included, with weights WITHOUT self, row-standardized:
  I = (n / S0) (z' W z) / (z' z),  E[I] = -1/(n-1); z and p under normality and randomization.
--local adds Local Moran's I (Anselin 1995; esda Moran_Local): I_i = (n-1) z_i lag_i / sum z^2
with conditional permutation pseudo p and HH/LH/LL/HL classes where p_sim < --alpha.

Options:
  --unit grid:M|hex:M   cells of M metres (as spi hotspots)
  --weights SPEC        queen, rook, hex, band:M or knn:K
  --local               local Moran's I per unit (LISA)
  --permutations N      random permutations (default 999 with --local, else 0)
  --seed S              seed of the permutations (default 1)
  --alpha A             significance of the LISA classes (default 0.05, strict p_sim < A)
  --cells FILE          given units: id,x,y,count or id,row,col,count
Output: every unit with id, x, y, row, col, count, z (standardized count) and lag (its spatial
lag), plus local_i, quadrant, p_sim, z_sim, cluster and cluster_label with --local.

${SOURCE_HELP}
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  unit: { type: 'string' },
  weights: { type: 'string' },
  local: { type: 'boolean' },
  permutations: { type: 'string' },
  seed: { type: 'string' },
  alpha: { type: 'string' },
  cells: { type: 'string' },
} as const;

export const moranVerb: Verb = {
  name: 'moran',
  summary: "global and local Moran's I (LISA) on grid or hexagon cells",
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const local = values.local ?? false;
    const weights = parseWeightsOption(values.weights);
    const permutations =
      values.permutations === undefined ? (local ? 999 : 0) : parseNumberOption('--permutations', values.permutations, { min: 0, integer: true, what: 'a whole number >= 0' });
    const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
    const alpha = values.alpha === undefined ? 0.05 : parseNumberOption('--alpha', values.alpha, { min: 0, exclusive: true, what: 'a level between 0 and 1' });
    if (alpha >= 1) throw new CliInputError(`--alpha: "${values.alpha}" is not valid (expected a level between 0 and 1)`);
    checkOutExtension(values.out, ['.csv'], 'moran');

    const { source, units, unitText } = await loadAnalysisUnits(positionals, values, io.cwd);
    const run = runMoran(units, { unit: unitText, weights, local, permutations, seed, alpha, cellsFile: values.cells });
    if (!run.ok) fail(run.error);
    const table = run.value.table;
    const key = (table.columns.find((c) => c.name === (local ? 'local_i' : 'z'))?.values ?? new Float64Array(0)) as Float64Array;
    const cluster = table.columns.find((c) => c.name === 'cluster')?.values as Int8Array | undefined;
    return emitAnalysis(run.value, {
      io,
      values,
      source,
      outputs: values.out ? [csvOutput(values.out, table)] : [],
      textRows: local
        ? { caption: 'Significant local clusters, largest I_i first (--out or --json for all units)', indices: topIndices(key, 15, (i) => (cluster?.[i] ?? 0) !== 0) }
        : null,
    });
  },
};
