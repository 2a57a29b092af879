/**
 * `spi design power --counts counts.csv --reduction 0.2 --design paired|randomized|pre-post`:
 * power of a place-based design from the candidate places' baseline counts (closed form of
 * shared/domain/design/power-designs.ts, with a seeded simulation beside it on request), the
 * places needed for a target power, and a power curve (reduction vs power and places vs power)
 * as text, JSON or CSV.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { designPowerAt, resolveDesignPower, simulateDesignPower, solveDesignPlaces, type PowerDesign } from '../../../shared/domain/design/power-designs';
import { parseUnitsCsv, readNumericColumn } from '../../../shared/domain/design/units-table';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import { formatTextTable } from '../format';
import { CliInputError, type CliIo } from '../io';
import { fail, parseNumberOption } from './analysis-source';
import { writeCsv } from './design-output';

const DESIGNS: readonly PowerDesign[] = ['paired', 'randomized', 'pre-post'];
const REDUCTIONS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

/** Runs `spi design power`. */
export async function runDesignPower(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      counts: { type: 'string' },
      column: { type: 'string' },
      reduction: { type: 'string' },
      alpha: { type: 'string' },
      design: { type: 'string' },
      'months-pre': { type: 'string' },
      'months-post': { type: 'string' },
      dispersion: { type: 'string' },
      sims: { type: 'string' },
      seed: { type: 'string' },
      'target-power': { type: 'string' },
      places: { type: 'string' },
      'control-ratio': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new CliInputError(`unexpected argument "${positionals[0]}"`);
  if (!values.counts) throw new CliInputError('--counts is required: a CSV with one baseline (pre-period) count per candidate place');
  const design = (values.design ?? 'paired') as PowerDesign;
  if (!DESIGNS.includes(design)) throw new CliInputError(`--design: "${values.design}" is not valid (expected ${DESIGNS.join(', ')})`);
  if (values.reduction === undefined) throw new CliInputError('--reduction is required: the expected fall, e.g. 0.2 for 20% fewer crimes');
  const reduction = parseNumberOption('--reduction', values.reduction, { min: -10, exclusive: true, what: 'a fraction below 1, e.g. 0.2' });
  if (!(reduction < 1) || reduction === 0) throw new CliInputError(`--reduction: "${values.reduction}" is not valid (expected a non-zero fraction below 1, e.g. 0.2)`);
  const alpha = values.alpha === undefined ? 0.05 : parseNumberOption('--alpha', values.alpha, { min: 0, exclusive: true, what: 'a level between 0 and 1, e.g. 0.05' });
  const num = (name: string, text: string | undefined, what: string, integer = false) => (text === undefined ? undefined : parseNumberOption(name, text, { min: 0, exclusive: !name.includes('dispersion'), integer, what }));
  const monthsPre = num('--months-pre', values['months-pre'], 'months > 0');
  const monthsPost = num('--months-post', values['months-post'], 'months > 0');
  const dispersion = num('--dispersion', values.dispersion, 'an NB2 dispersion >= 0 (0 = Poisson)');
  const sims = num('--sims', values.sims, 'a whole number of simulations > 0', true);
  const seed = values.seed === undefined ? 1 : parseNumberOption('--seed', values.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
  const targetPower = values['target-power'] === undefined ? 0.8 : parseNumberOption('--target-power', values['target-power'], { min: 0, exclusive: true, what: 'a power between 0 and 1, e.g. 0.8' });
  if (!(targetPower < 1)) throw new CliInputError(`--target-power: "${values['target-power']}" is not valid (expected a power between 0 and 1, e.g. 0.8)`);
  const places = num('--places', values.places, 'a whole number of target places >= 1', true);
  const controlRatio = num('--control-ratio', values['control-ratio'], 'controls per target > 0');
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, values.counts), 'utf8');
  } catch {
    throw new CliInputError(`--counts: ${values.counts}: file not found or unreadable`);
  }
  const table = parseUnitsCsv(text, values.counts);
  if (!table.ok) fail(table.error);
  const column = values.column ?? table.value.header.find((h) => /^(pre_?count|count|counts|n)$/i.test(h)) ?? (table.value.header.length === 1 ? table.value.header[0] : undefined);
  if (!column) throw new CliInputError(`--column is required: which column of ${values.counts} holds the counts (${table.value.header.join(', ')})`);
  const counts = readNumericColumn(table.value, column, '--column');
  if (!counts.ok) fail(counts.error);
  const model = resolveDesignPower({ design, counts: counts.value, monthsPre, monthsPost, reduction, alpha, dispersion, controlRatio });
  if (!model.ok) throw new CliInputError(formatStatsError(model.error));
  const m = model.value;
  const needed = solveDesignPlaces(m, targetPower);
  if (!needed.ok) throw new CliInputError(formatStatsError(needed.error));
  const n = places ?? (needed.value.places);
  const simulated = sims ? simulateDesignPower(m, counts.value, n, sims, seed) : null;
  if (simulated && !simulated.ok) throw new CliInputError(formatStatsError(simulated.error));
  const byReduction = REDUCTIONS.map((r) => ({ curve: 'reduction', reduction: r, places: n, power: designPowerAt(m, n, r) }));
  const maxN = Math.max(4, 2 * needed.value.places);
  const steps = [...new Set(Array.from({ length: 12 }, (_, i) => Math.max(1, Math.round(((i + 1) * maxN) / 12))))];
  const byPlaces = steps.map((k) => ({ curve: 'places', reduction, places: k, power: designPowerAt(m, k, reduction) }));
  const curve = [...byReduction, ...byPlaces];
  if (values.out) await writeCsv(values.out, io.cwd, `curve,reduction,places,power\n${curve.map((c) => `${c.curve},${c.reduction},${c.places},${c.power.toFixed(6)}`).join('\n')}\n`);
  const result = {
    design,
    counts: { file: values.counts, column, places: counts.value.length, mean: m.lambdaPre },
    monthsPre: monthsPre ?? 12,
    monthsPost: monthsPost ?? monthsPre ?? 12,
    reduction,
    alpha,
    model: { lambda: m.lambda, h: m.h, dispersion: m.dispersion, dispersionEstimated: m.dispersionEstimated, formula: m.formula },
    places: n,
    power: designPowerAt(m, n),
    simulated: simulated?.ok ? { ...simulated.value, sims, seed } : null,
    needed: { targetPower, ...needed.value },
    curve,
  };
  if (values.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const out = [
    `Power, ${design} design: ${counts.value.length} candidate places in ${values.counts} (column ${column}), mean baseline count ${m.lambdaPre.toFixed(2)} over ${result.monthsPre} months -> ${m.lambda.toFixed(2)} expected over ${result.monthsPost} months`,
    `Model: ${m.formula}; dispersion ${m.dispersion.toFixed(4)}${m.dispersionEstimated ? ' (estimated from the counts: (s^2 - mean)/mean^2)' : dispersion === undefined ? ' (Poisson)' : ''}, h = ${m.h.toFixed(3)}, alpha ${alpha} two-sided`,
    `With ${n} target places${design === 'randomized' ? ` and ${Math.ceil(m.controlRatio * n)} controls` : design === 'paired' ? ` and ${n} matched controls` : ''}, a ${pct(reduction)} reduction: power ${pct(result.power)} (closed form)${simulated?.ok ? `; simulated ${pct(simulated.value.power)} +- ${pct(simulated.value.mcse)} (${sims} runs, seed ${seed})` : ''}`,
  ];
  out.push(`Places needed for ${pct(targetPower)} power: ${needed.value.places} targets${needed.value.controls ? ` + ${needed.value.controls} controls` : ''} (power ${pct(needed.value.power)})`);
  out.push('', 'Power curve:', formatTextTable(['curve', 'reduction', 'places', 'power'], curve.map((c) => ({ ...c, power: Number(c.power.toFixed(4)) })), curve.length).trimEnd());
  io.out(`${out.join('\n')}\n`);
  return 0;
}
