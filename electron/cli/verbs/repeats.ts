import { parseArgs } from 'node:util';
import { parseRepeatPrecision, runRepeats } from '../../../shared/domain/analysis/run-repeats';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';
import { parsePeriodOption } from './people';

const HELP = `spi repeats SRC [--precision address|10m] [--period A..B] [--min 2] [options]

Repeat and near-repeat locations (Farrell & Pease 1993; Eck, Clarke & Guerette 2007): places
ranked by how many incidents they had in the period, and the share of all incidents that
happen at places hit more than once (a "repeat place" has 2 or more).

Options:
  --precision P      what makes two incidents the same place:
                       address  the address text (exact, trimmed; --address-column names it)
                       1m       the same geocoded point (x/y rounded to a 1 m lattice)
                       10m      x/y within the same 10 m lattice square: near-repeat locations
                     (default 1m)
  --address-column C the address column (default: address)
  --period A..B      only incidents dated A to B (YYYY-MM-DD, both days included)
  --min N            list places with at least N incidents (default 2)
Output: rank, place (address, or the lattice cell's centre "x y" in metres), count, mean x, y,
first_day, last_day, shortest_gap_days (the least days between two of its incidents).

${SOURCE_HELP}
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  precision: { type: 'string' },
  'address-column': { type: 'string' },
  period: { type: 'string' },
  min: { type: 'string' },
} as const;

export const repeatsVerb: Verb = {
  name: 'repeats',
  summary: 'repeat and near-repeat locations: places ranked by incidents, share at repeat places',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    const precision = parseRepeatPrecision(values.precision ?? '1m');
    if (!precision.ok) fail(precision.error);
    if (values['address-column'] !== undefined && precision.value.kind !== 'address') throw new CliInputError('--address-column applies with --precision address');
    const period = values.period === undefined ? null : parsePeriodOption(values.period);
    const minCount = values.min === undefined ? 2 : parseNumberOption('--min', values.min, { min: 1, integer: true, what: 'a whole number of incidents >= 1' });
    checkOutExtension(values.out, ['.csv'], 'repeats');
    const addressColumn = values['address-column'] ?? 'address';
    const loaded = await loadAnalysisSource(
      src,
      values,
      { dates: period ? 'required' : 'optional', ...(precision.value.kind === 'address' ? { idColumn: addressColumn } : {}) },
      io.cwd,
    );
    const p = loaded.points;
    if (precision.value.kind === 'address' && !p.columns.id) {
      throw new CliInputError(`--precision address: ${src} has no column "${addressColumn}" (name one with --address-column, or use --precision 10m)`);
    }
    const run = runRepeats(
      { x: p.x, y: p.y, days: p.days, addresses: precision.value.kind === 'address' ? p.ids : null },
      { precision: precision.value, minCount, period },
    );
    if (!run.ok) fail(run.error);
    const t = run.value.table;
    const shown = Math.min(t.rows, 20);
    return emitAnalysis(run.value, {
      io,
      values,
      source: loaded,
      outputs: values.out ? [csvOutput(values.out, t)] : [],
      textRows: { caption: `Places with the most incidents (--out or --json for all ${t.rows.toLocaleString('en-US')} listed)`, indices: Int32Array.from({ length: shown }, (_, i) => i) },
    });
  },
};
