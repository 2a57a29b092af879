import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runEmerging } from '../../../shared/domain/analysis/run-emerging';
import { buildGridUnits } from '../../../shared/domain/analysis/units';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis } from './analysis-output';
import {
  SOURCE_HELP,
  SOURCE_OPTIONS,
  checkOutExtension,
  checkSourceArgs,
  fail,
  loadAnalysisSource,
  parseNumberOption,
  parseUnitOption,
  parseWeightsOption,
} from './analysis-source';

const HELP = `spi emerging SRC --unit grid:250|hex:250 --step week|month [--weights queen] [options]

Emerging hot spots (after Esri's Emerging Hot Spot Analysis): the incidents are counted per unit
and calendar step, Gi* is computed for every step (binary weights with self, as spi hotspots), a
Mann-Kendall trend test runs on each unit's Gi* z series, and every unit is classed: new,
consecutive, intensifying, persistent, diminishing, sporadic, oscillating or historical hot (or
cold) spot, or no pattern. The decision list is printed with the result.

The classes depend on the time step. --compare-steps runs both weekly and monthly steps and
cross-tabulates the classes so the effect of the step is visible.

Options:
  --unit grid:M|hex:M   cells of M metres (as spi hotspots)
  --step week|month     calendar weeks (Monday-Sunday) or calendar months of the dates
  --weights SPEC        queen (default), rook, hex, band:M or knn:K
  --confidence 90|95|99 a step is hot/cold when its Gi* p is below .10/.05/.01 (default 95)
  --trend-alpha A       Mann-Kendall significance (default 0.05)
  --compare-steps       also run the other step; adds class_week/class_month columns and a
                        cross-tabulation
Output: every unit with id, x, y, row, col, count, class, class_name, trend_z, trend_p,
hot_steps, cold_steps.

${SOURCE_HELP}
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  unit: { type: 'string' },
  weights: { type: 'string' },
  step: { type: 'string' },
  confidence: { type: 'string' },
  'trend-alpha': { type: 'string' },
  'compare-steps': { type: 'boolean' },
} as const;

const MIN_BIN: Record<string, 1 | 2 | 3> = { '90': 1, '95': 2, '99': 3 };

export const emergingVerb: Verb = {
  name: 'emerging',
  summary: 'emerging hot spots: Gi* per week or month and a Mann-Kendall trend per cell',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (values['weight-column'] !== undefined) throw new CliInputError('--weight-column does not apply to spi emerging (every incident counts once)');
    const unit = parseUnitOption(values.unit);
    if (values.step === undefined) throw new CliInputError('--step is required: week or month (the classes depend on it; see --compare-steps)');
    const step = values.step.toLowerCase();
    if (step !== 'week' && step !== 'month') throw new CliInputError(`--step: "${values.step}" is not valid (expected week or month)`);
    const weights = parseWeightsOption(values.weights, { kind: 'queen' });
    const minBin = MIN_BIN[values.confidence ?? '95'];
    if (!minBin) throw new CliInputError(`--confidence: "${values.confidence}" is not valid (expected 90, 95 or 99)`);
    const trendAlpha = values['trend-alpha'] === undefined ? 0.05 : parseNumberOption('--trend-alpha', values['trend-alpha'], { min: 0, exclusive: true, what: 'a level between 0 and 1' });
    if (trendAlpha >= 1) throw new CliInputError(`--trend-alpha: "${values['trend-alpha']}" is not valid (expected a level between 0 and 1)`);
    checkOutExtension(values.out, ['.csv'], 'emerging');

    const loaded = await loadAnalysisSource(src, values, { dates: 'required' }, io.cwd);
    const built = buildGridUnits(loaded.points.x, loaded.points.y, unit);
    if (!built.ok) fail(built.error);
    const run = runEmerging(built.value, loaded.points.days ?? new Float64Array(0), {
      unit: `${unit.kind}:${unit.size}`,
      weights,
      step,
      compareSteps: values['compare-steps'] ?? false,
      minBin,
      trendAlpha,
    });
    if (!run.ok) fail(run.error);
    const table = run.value.table;
    const cls = table.columns.find((c) => c.name === 'class')?.values as Int8Array;
    return emitAnalysis(run.value, {
      io,
      values,
      source: loaded,
      outputs: values.out ? [csvOutput(values.out, table)] : [],
      textRows: { caption: 'Units with a pattern, most incidents first (--out or --json for all units)', indices: topIndices(built.value.counts, 20, (i) => cls[i] !== 0) },
    });
  },
};
