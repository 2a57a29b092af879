import { parseArgs } from 'node:util';
import { runConcentration } from '../../../shared/domain/analysis/run-concentration';
import { restateForLayerUnits } from '../../../shared/domain/analysis/layer-units';
import type { CliIo, Verb } from '../io';
import { csvOutput, emitAnalysis } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, fail, parseNumberOption } from './analysis-source';
import { LAYER_UNIT_HELP, LAYER_UNIT_OPTIONS, loadPointUnits } from './analysis-units';

const HELP = `spi concentration SRC --unit grid:150|hex:150|segments|polygons:beats [--top N] [options]

The law of crime concentration (Weisburd 2015) on every unit of analysis, zero-crime units
included (leaving them out inflates concentration):
  P(M) = 100 k*/N, k* the fewest units holding M% of the crimes, for M = 25, 50, 75%
  Gini G = sum_i (2i - N - 1) c_(i) / (N C) on ascending counts
  generalized Gini (Bernasco & Steenbeek 2017) G' = max(1, N/C) (G - 1) + 1, for sparse data
  crimes per unit, share of units with any crime
  PAI (Chainey et al. 2008) = (n/N) / (a/A) of the top N units with --top
Output: every unit ranked by count (rank, id, x, y, row, col, count, cumulative count,
cumulative % of crime, cumulative % of units): an 80-20 table that can become target areas.

Options:
  --unit grid:M|hex:M   cells of M metres (as spi hotspots)
${LAYER_UNIT_HELP}
                        (PAI then uses each polygon's area or each segment's length)
  --top N               PAI and shares of the N highest-count units

${SOURCE_HELP}
`;

const OPTIONS = { ...SOURCE_OPTIONS, unit: { type: 'string' }, top: { type: 'string' }, ...LAYER_UNIT_OPTIONS } as const;

export const concentrationVerb: Verb = {
  name: 'concentration',
  summary: 'crime concentration: P% of places holding M% of crime, Gini, generalized Gini, PAI',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const top = values.top === undefined ? null : parseNumberOption('--top', values.top, { min: 1, integer: true, what: 'a whole number of units >= 1' });
    checkOutExtension(values.out, ['.csv'], 'concentration');
    const { source: loaded, units, unitText } = await loadPointUnits(positionals, values, io.cwd);
    const conc = runConcentration(units, { unit: unitText, top });
    if (!conc.ok) fail(conc.error);
    const run = { ok: true as const, value: restateForLayerUnits(conc.value, units) };
    const shown = Math.min(run.value.table.rows, 20);
    return emitAnalysis(run.value, {
      io,
      values,
      source: loaded,
      outputs: values.out ? [csvOutput(values.out, run.value.table)] : [],
      textRows: { caption: `Highest-count units (--out or --json for all ${run.value.table.rows.toLocaleString('en-US')})`, indices: Int32Array.from({ length: shown }, (_, i) => i) },
    });
  },
};
