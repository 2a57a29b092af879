import { parseArgs } from 'node:util';
import { nrcSettingsFromEdges, runKnox } from '../../../shared/domain/analysis/run-knox';
import { checkBandEdges } from '../../../shared/domain/stats/knox-bands';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseEdgesOption, parseNumberOption } from './analysis-source';

const HELP = `spi knox SRC --space-bands 0,100,200,300 --time-bands 0,7,14,21 [options]

Knox test for near repeats (Knox 1964; Townsley et al. 2003; Johnson et al. 2007). Every pair of
incidents i < j is counted in the space band of its distance and the time band of the days
between its dates. Bands are HALF-OPEN [a, b): with edges 0,100,200 a pair exactly 100 m apart
is in [100, 200), not [0, 100); end the list with "inf" for an open-ended band.
The dates are permuted over the fixed locations R times (seeded): expected = mean simulated
count, Knox ratio = observed / expected, p = (1 + #{simulated >= observed}) / (R + 1).

Options:
  --space-bands E,E,... distance edges in metres (e.g. 0,100,200,300 or 0,100,200,inf)
  --time-bands E,E,...  edges in days between dates (e.g. 0,7,14,21)
  --metric M            euclidean (default) or manhattan
  --sims R              Monte Carlo simulations (default 999)
  --seed S              seed (default 1)
  --nrc-compatible      reproduce the Near Repeat Calculator's observed tables: its bands are
                        derived from equally spaced edges (0,B,...,kB and 0,T,...,mT give
                        bandwidth B with k bands, T with m bands): [0,1) "same location",
                        [1,B), [B,2B), ..., then open bands; whole days; Manhattan unless
                        --metric is given. The NRC's own labels are printed beside ours: they
                        are off by one ("B+1 to 2B" holds pairs B <= d < 2B).
Dates: occurred_from, date or day (--date-column); day numbers are used as days.
Output: one row per (space band, time band): observed, expected, expected_independence
(space total x time total / pairs), ratio, p.

${SOURCE_HELP}
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  'space-bands': { type: 'string' },
  'time-bands': { type: 'string' },
  metric: { type: 'string' },
  sims: { type: 'string' },
  seed: { type: 'string' },
  'nrc-compatible': { type: 'boolean' },
} as const;

export const knoxVerb: Verb = {
  name: 'knox',
  summary: 'Knox near-repeat test: observed/expected pairs per space and time band, Monte Carlo p',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (values['weight-column'] !== undefined) throw new CliInputError('--weight-column does not apply to spi knox (every incident counts once)');
    if (values['space-bands'] === undefined) throw new CliInputError('--space-bands is required, e.g. 0,100,200,300 (metres, half-open bands)');
    if (values['time-bands'] === undefined) throw new CliInputError('--time-bands is required, e.g. 0,7,14,21 (days, half-open bands)');
    const spaceBands = parseEdgesOption('--space-bands', values['space-bands']);
    const timeBands = parseEdgesOption('--time-bands', values['time-bands']);
    const metric = values.metric?.toLowerCase();
    if (metric !== undefined && metric !== 'euclidean' && metric !== 'manhattan') throw new CliInputError(`--metric: "${values.metric}" is not valid (expected euclidean or manhattan)`);
    const simulations = values.sims === undefined ? 999 : parseNumberOption('--sims', values.sims, { min: 1, integer: true, what: 'a whole number >= 1' });
    const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
    checkOutExtension(values.out, ['.csv'], 'knox');
    // Band edges are checked before any data is read: a typo fails at once.
    const badBands = checkBandEdges('--space-bands', spaceBands) ?? checkBandEdges('--time-bands', timeBands);
    if (badBands) fail(badBands);
    if (values['nrc-compatible']) {
      const nrc = nrcSettingsFromEdges(spaceBands, timeBands);
      if (!nrc.ok) fail(nrc.error);
    }
    const loaded = await loadAnalysisSource(src, values, { dates: 'required' }, io.cwd);
    const p = loaded.points;
    const run = runKnox(p.x, p.y, p.days ?? new Float64Array(0), {
      spaceBands,
      timeBands,
      metric,
      simulations,
      seed,
      nrcCompatible: values['nrc-compatible'] ?? false,
    });
    if (!run.ok) fail(run.error);
    const t = run.value.table;
    const nrc = values['nrc-compatible'] ?? false;
    return emitAnalysis(run.value, {
      io,
      values,
      source: loaded,
      outputs: values.out ? [csvOutput(values.out, t)] : [],
      textRows: {
        caption: 'Observed and expected pairs per band (half-open [a, b))',
        indices: Int32Array.from({ length: t.rows }, (_, i) => i),
        columns: ['space_band', 'time_band', 'observed', 'expected', 'expected_independence', 'ratio', 'p', ...(nrc ? ['nrc_space_label', 'nrc_time_label'] : [])],
      },
    });
  },
};
