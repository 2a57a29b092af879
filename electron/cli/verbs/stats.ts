import { parseArgs } from 'node:util';
import type { Result } from '../../../shared/base/result';
import { computeGroupMoments, computeSmd } from '../../../shared/domain/design/balance';
import { computePlacesNeeded, computePower } from '../../../shared/domain/design/power';
import { computeRes } from '../../../shared/domain/evaluation/res';
import { formatStatsError, type StatsError } from '../../../shared/domain/evaluation/stats-error';
import { computeWdd, type PrePost } from '../../../shared/domain/evaluation/wdd';
import { computeWdq } from '../../../shared/domain/evaluation/wdq';
import { CliInputError, EXIT_OK, type CliIo, type Verb } from '../io';

const HELP = `spi stats wdd|wdq|res|smd|power [options] [--json]

Quick checks of the evaluation statistics on counts typed on the command line. Counts are
given as PRE,POST (before,after). Every result names its formula and source; --json prints all
figures.

  spi stats wdd --t 207,110 --c 308,318 [--d 178,157 --dc 150,140]
                [--time-weights PRE,POST] [--area-weights T,C[,D,DC]]
                [--weights T0,T1,C0,C1[,D0,D1,DC0,DC1]] [--confidence 0.95]
      Weighted displacement difference (Wheeler & Ratcliffe 2018). Weights divide each count
      (and its variance term by the weight squared); the three kinds multiply.
  spi stats wdq --tb 100 --ta 60 --db 80 --da 70 --cb 200 --ca 190
      Weighted displacement quotient and total net effect (Bowers & Johnson 2003).
  spi stats res --a 100 --b 60 --c 200 --d 190 [--overdispersion 1.5] [--haldane]
      Relative effect size (Farrington et al. 2007): a, b target before/after, c, d control.
      --haldane adds 0.5 to every cell when one is 0.
  spi stats smd --treated 10,12,14 --control 8,9,10,11
      Standardized mean difference (pooled and treated-SD denominators) and variance ratio.
  spi stats power --baseline 20 --reduction 0.2 --targets 20 --controls 20
                  [--dispersion 0.5] [--alpha 0.05] [--power 0.8]
      Power of the Wald test on the log rate ratio (Poisson, or NB2 with --dispersion), and
      the places needed for --power. --baseline may be a list of per-place counts.

Exit 2 with one line naming the option and value on bad input, or when a statistic is
undefined for the counts given (e.g. a zero cell in RES).
`;

const OPTIONS = {
  json: { type: 'boolean' },
  t: { type: 'string' },
  c: { type: 'string' },
  d: { type: 'string' },
  dc: { type: 'string' },
  weights: { type: 'string' },
  'time-weights': { type: 'string' },
  'area-weights': { type: 'string' },
  confidence: { type: 'string' },
  tb: { type: 'string' },
  ta: { type: 'string' },
  db: { type: 'string' },
  da: { type: 'string' },
  cb: { type: 'string' },
  ca: { type: 'string' },
  a: { type: 'string' },
  b: { type: 'string' },
  overdispersion: { type: 'string' },
  haldane: { type: 'boolean' },
  treated: { type: 'string' },
  control: { type: 'string' },
  baseline: { type: 'string' },
  reduction: { type: 'string' },
  targets: { type: 'string' },
  controls: { type: 'string' },
  dispersion: { type: 'string' },
  alpha: { type: 'string' },
  power: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

export const statsVerb: Verb = {
  name: 'stats',
  summary: 'WDD, WDQ, RES, SMD and power from counts typed on the command line',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const [sub, ...extra] = positionals;
    if (sub === undefined) throw new CliInputError('name a statistic: wdd, wdq, res, smd or power (see spi stats --help)');
    if (extra.length > 0) throw new CliInputError(`unexpected argument "${extra[0]}"`);
    const print = (lines: string[], json: unknown) => io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${lines.join('\n')}\n`);
    switch (sub) {
      case 'wdd':
        return runWdd(values, print);
      case 'wdq':
        return runWdq(values, print);
      case 'res':
        return runRes(values, print);
      case 'smd':
        return runSmd(values, print);
      case 'power':
        return runPower(values, print);
      default:
        throw new CliInputError(`unknown statistic "${sub}" (known: wdd, wdq, res, smd, power)`);
    }
  },
};

type Print = (lines: string[], json: unknown) => void;

function unwrapStats<T>(r: Result<T, StatsError>): T {
  if (!r.ok) throw new CliInputError(formatStatsError(r.error));
  return r.value;
}

function parseNumbers(option: string, value: string | undefined, expected: string, min = 0): number[] {
  if (value === undefined) throw new CliInputError(`--${option} is required (${expected})`);
  const parts = value.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n) || n < min)) {
    throw new CliInputError(`--${option}: "${value}" is not valid (expected ${expected})`);
  }
  return nums;
}

function parseOne(option: string, value: string | undefined, expected: string, min = 0): number {
  const nums = parseNumbers(option, value, expected, min);
  if (nums.length !== 1) throw new CliInputError(`--${option}: "${value}" is not valid (expected ${expected})`);
  return nums[0]!;
}

function parsePair(option: string, value: string | undefined): PrePost {
  const nums = parseNumbers(option, value, 'two counts >= 0 as PRE,POST');
  if (nums.length !== 2) throw new CliInputError(`--${option}: "${value}" is not valid (expected two counts >= 0 as PRE,POST)`);
  return { pre: nums[0]!, post: nums[1]! };
}

function optionalOne(option: string, value: string | undefined, expected: string, min = 0): number | undefined {
  return value === undefined ? undefined : parseOne(option, value, expected, min);
}

/** Up to 4 decimals, trailing zeros dropped; p-values by significant digits. */
function fmt(x: number | null, digits = 4): string {
  if (x === null) return 'undefined';
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(digits).replace(/\.?0+$/, '');
}

function fmtP(p: number): string {
  return p < 0.0001 ? p.toExponential(2) : p.toFixed(4);
}

function runWdd(v: Values, print: Print): number {
  const hasBuffers = v.d !== undefined || v.dc !== undefined;
  const target = parsePair('t', v.t);
  const control = parsePair('c', v.c);
  const targetBuffer = hasBuffers ? parsePair('d', v.d) : undefined;
  const controlBuffer = hasBuffers ? parsePair('dc', v.dc) : undefined;
  const nCounts = hasBuffers ? 8 : 4;
  let weights;
  if (v.weights !== undefined) {
    const w = parseNumbers('weights', v.weights, `${nCounts} weights > 0 in the order T0,T1,C0,C1${hasBuffers ? ',D0,D1,DC0,DC1' : ''}`, Number.MIN_VALUE);
    if (w.length !== nCounts) throw new CliInputError(`--weights: "${v.weights}" is not valid (expected ${nCounts} weights, one per count)`);
    const pp = (k: number): PrePost => ({ pre: w[k]!, post: w[k + 1]! });
    weights = { target: pp(0), control: pp(2), ...(hasBuffers ? { targetBuffer: pp(4), controlBuffer: pp(6) } : {}) };
  }
  const timeWeights = v['time-weights'] === undefined ? undefined : parsePairPositive('time-weights', v['time-weights']);
  let areaWeights;
  if (v['area-weights'] !== undefined) {
    const a = parseNumbers('area-weights', v['area-weights'], 'areas > 0 as T,C or T,C,D,DC', Number.MIN_VALUE);
    if (a.length !== (hasBuffers ? 4 : 2)) throw new CliInputError(`--area-weights: "${v['area-weights']}" is not valid (expected ${hasBuffers ? 'T,C,D,DC' : 'T,C'})`);
    areaWeights = { target: a[0]!, control: a[1]!, ...(hasBuffers ? { targetBuffer: a[2]!, controlBuffer: a[3]! } : {}) };
  }
  const confidence = optionalOne('confidence', v.confidence, 'a level between 0 and 1, e.g. 0.95');
  const r = unwrapStats(computeWdd({
    target,
    control,
    ...(targetBuffer && controlBuffer ? { targetBuffer, controlBuffer } : {}),
    ...(weights ? { weights } : {}),
    ...(timeWeights ? { timeWeights } : {}),
    ...(areaWeights ? { areaWeights } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
  }));
  const pct = Math.round(r.confidence * 100);
  print(
    [
      r.convention,
      `  WDD       ${fmt(r.wdd)}${r.weighted ? ' (weighted)' : ''}`,
      `  changes   target ${fmt(r.targetChange)}, control ${fmt(r.controlChange)}${r.includesBuffers ? `, target buffer ${fmt(r.targetBufferChange)}, control buffer ${fmt(r.controlBufferChange)}` : ''}`,
      `  variance  ${fmt(r.variance)}   SE ${fmt(r.se, 3)}`,
      `  z         ${fmt(r.z, 2)}   p ${fmtP(r.p)} (two-sided)`,
      `  ${pct}% CI    ${fmt(r.ciLower, 2)} to ${fmt(r.ciUpper, 2)}`,
      ...r.warnings.map((w) => `  note: ${w}`),
    ],
    r,
  );
  return EXIT_OK;
}

function parsePairPositive(option: string, value: string): PrePost {
  const nums = parseNumbers(option, value, 'two numbers > 0 as PRE,POST', Number.MIN_VALUE);
  if (nums.length !== 2) throw new CliInputError(`--${option}: "${value}" is not valid (expected two numbers > 0 as PRE,POST)`);
  return { pre: nums[0]!, post: nums[1]! };
}

function runWdq(v: Values, print: Print): number {
  const n = (k: 'tb' | 'ta' | 'db' | 'da' | 'cb' | 'ca') => parseOne(k, v[k], 'a count >= 0');
  const r = unwrapStats(computeWdq({ tb: n('tb'), ta: n('ta'), db: n('db'), da: n('da'), cb: n('cb'), ca: n('ca') }));
  print(
    [
      r.convention,
      `  Success measure  ${fmt(r.success)}`,
      `  Buffer measure   ${fmt(r.buffer)}`,
      `  WDQ              ${fmt(r.wdq)}`,
      `  TNE              ${fmt(r.tne, 1)} (target ${fmt(r.tneTarget, 1)}, buffer ${fmt(r.tneBuffer, 1)}; positive = crimes prevented)`,
      `  reading: ${r.message}`,
    ],
    r,
  );
  return EXIT_OK;
}

function runRes(v: Values, print: Print): number {
  const n = (k: 'a' | 'b' | 'c' | 'd') => parseOne(k, v[k], 'a count >= 0');
  const overdispersion = optionalOne('overdispersion', v.overdispersion, 'a factor > 0 (1 = Poisson)', Number.MIN_VALUE);
  const confidence = optionalOne('confidence', v.confidence, 'a level between 0 and 1, e.g. 0.95');
  const r = unwrapStats(computeRes({
    a: n('a'),
    b: n('b'),
    c: n('c'),
    d: n('d'),
    ...(overdispersion !== undefined ? { overdispersion } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(v.haldane ? { zeroCellCorrection: 'haldane' as const } : {}),
  }));
  const pct = Math.round(r.confidence * 100);
  print(
    [
      r.convention,
      `  RES             ${fmt(r.res)}   ${pct}% CI ${fmt(r.ciLower, 3)} to ${fmt(r.ciUpper, 3)}${r.overdispersion !== 1 ? ` (variance x ${fmt(r.overdispersion)})` : ''}`,
      `  RIRR            ${fmt(r.rirr)}   ${pct}% CI ${fmt(r.rirrLower, 3)} to ${fmt(r.rirrUpper, 3)}`,
      `  percent change  ${fmt(r.percentChange, 1)}% (target relative to control)   ${pct}% CI ${fmt(r.percentChangeLower, 1)}% to ${fmt(r.percentChangeUpper, 1)}%`,
      `  z               ${fmt(r.z, 2)}   p ${fmtP(r.p)} (two-sided)`,
      ...r.warnings.map((w) => `  note: ${w}`),
    ],
    r,
  );
  return EXIT_OK;
}

function runSmd(v: Values, print: Print): number {
  const t = parseNumbers('treated', v.treated, 'two or more numbers, comma-separated', Number.NEGATIVE_INFINITY);
  const c = parseNumbers('control', v.control, 'two or more numbers, comma-separated', Number.NEGATIVE_INFINITY);
  if (t.length < 2) throw new CliInputError(`--treated: "${v.treated}" is not valid (expected two or more numbers, comma-separated)`);
  if (c.length < 2) throw new CliInputError(`--control: "${v.control}" is not valid (expected two or more numbers, comma-separated)`);
  const mt = computeGroupMoments(t, () => true);
  const mc = computeGroupMoments(c, () => true);
  const pooled = computeSmd(t, c, 'pooled');
  const att = computeSmd(t, c, 'treated');
  const vr = mt.variance !== null && mc.variance ? mt.variance / mc.variance : null;
  const result = { meanTreated: mt.mean, meanControl: mc.mean, sdTreated: Math.sqrt(mt.variance ?? Number.NaN), sdControl: Math.sqrt(mc.variance ?? Number.NaN), smdPooled: pooled, smdTreatedSd: att, varianceRatio: vr, smdFlagged: pooled === null || Math.abs(pooled) >= 0.1, varianceRatioFlagged: vr !== null && (vr < 0.5 || vr > 2) };
  print(
    [
      'SMD = (mean_t - mean_c)/s*, s* = sqrt((s_t² + s_c²)/2) pooled or s_t (ATT), sample SDs (n-1); flags |SMD| >= 0.1, variance ratio outside 0.5-2 (Austin 2009)',
      `  means            treated ${fmt(mt.mean)}, control ${fmt(mc.mean)}`,
      `  SDs              treated ${fmt(result.sdTreated)}, control ${fmt(result.sdControl)}`,
      `  SMD (pooled)     ${fmt(pooled)}${result.smdFlagged ? '   imbalanced (|SMD| >= 0.1)' : ''}`,
      `  SMD (treated SD) ${fmt(att)}`,
      `  variance ratio   ${fmt(vr)}${result.varianceRatioFlagged ? '   outside 0.5-2' : ''}`,
    ],
    result,
  );
  return EXIT_OK;
}

function runPower(v: Values, print: Print): number {
  const baselineList = parseNumbers('baseline', v.baseline, 'an expected count per place > 0, or per-place counts');
  const baseline = baselineList.length === 1 ? baselineList[0]! : baselineList;
  const reduction = parseOne('reduction', v.reduction, 'a fraction below 1, e.g. 0.2 for 20% fewer crimes', Number.NEGATIVE_INFINITY);
  const dispersion = optionalOne('dispersion', v.dispersion, 'an NB2 dispersion >= 0 (0 = Poisson)');
  const alpha = optionalOne('alpha', v.alpha, 'a level between 0 and 1, e.g. 0.05');
  const power = optionalOne('power', v.power, 'a target power between 0 and 1, e.g. 0.8');
  const common = { baseline, reduction, ...(dispersion !== undefined ? { dispersion } : {}), ...(alpha !== undefined ? { alpha } : {}) };
  const targets = parseOne('targets', v.targets, 'a whole number of target places');
  const controls = parseOne('controls', v.controls, 'a whole number of control places');
  for (const [name, value] of [['targets', targets], ['controls', controls]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new CliInputError(`--${name}: "${value}" is not valid (expected a whole number of places >= 1)`);
  }
  const r = unwrapStats(computePower({ ...common, targets, controls }));
  const need = computePlacesNeeded({ ...common, ...(power !== undefined ? { power } : {}) });
  const goal = power ?? 0.8;
  print(
    [
      r.convention,
      `  per place  ${fmt(r.lambda)} expected crimes, ${fmt(reduction * 100, 1)}% reduction, ${r.dispersion > 0 ? `NB2 dispersion ${fmt(r.dispersion)}${r.dispersionEstimated ? ' (estimated from the baseline counts)' : ''}` : 'Poisson'}`,
      `  power      ${fmt(r.power, 3)} with ${targets} targets and ${controls} controls (alpha ${fmt(r.alpha)}, two-sided)`,
      need.ok ? `  needed     ${need.value.targets} targets and ${need.value.controls} controls for power ${fmt(goal)} (achieves ${fmt(need.value.achievedPower, 3)})` : `  needed     ${formatStatsError(need.error)}`,
    ],
    { ...r, targets, controls, placesNeeded: need.ok ? { power: goal, targets: need.value.targets, controls: need.value.controls, achievedPower: need.value.achievedPower } : null },
  );
  return EXIT_OK;
}
