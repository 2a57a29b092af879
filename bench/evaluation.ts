// `node --import tsx bench/evaluation.ts [--seeds 200] [--places 10] [--part all|counts|harm|speed] [--json]`:
// false-positive rates of the evaluation tests on null designs (no intervention effect), against
// the nominal 5%, for plain counts (`counts`) and harm-weighted outcomes (`harm`,
// bench/evaluation-harm.ts), then speed figures (`speed`). --part runs one of them.
//
// Each seed simulates a place-based design: 10 target places, 10 comparison places, and a
// displacement buffer place beside each (10 + 10; --places changes the 10), 12 months before and 12 after. Place rates
// vary (gamma, mean 4 crimes/month, CV 0.7); a city-wide seasonal wave and a 1%/month trend hit
// every place alike, so the true effect is zero. Scenarios:
//   poisson   monthly counts are Poisson around each place's rate (the WDD/RES assumption holds);
//   overdispersed  monthly counts are NB2 with dispersion 0.5 around the rate (month-to-month
//             extra variation, as real crime counts show).
// Tests (two-sided, 5%): WDD z-test (with buffers); RES 95% CI excludes 1 (Poisson variance,
// and inflated by D estimated from the monthly group totals); DiD Poisson and NB2 with unit and
// month fixed effects, SEs clustered by place (target and comparison places only), against the
// normal and against t(G - 1).
// Then speed figures for the design/evaluation sizes of issues 7 and 8 (median of 3 runs).
import { parseArgs } from 'node:util';
import { createRng, deriveSeed, type Rng } from '../shared/base/random';
import { sampleGamma, sampleNegativeBinomial } from '../shared/domain/design/power';
import { matchUnits } from '../shared/domain/design/matching';
import { computeDid } from '../shared/domain/evaluation/did';
import { twoSidedStudentP } from '../shared/domain/evaluation/distributions';
import { computeSyntheticControl } from '../shared/domain/evaluation/synthetic';
import { computeRes, estimateOverdispersion } from '../shared/domain/evaluation/res';
import { computeWdd } from '../shared/domain/evaluation/wdd';
import { HARM_TESTS, runHarmFalsePositives } from './evaluation-harm';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '200' }, places: { type: 'string', default: '10' }, part: { type: 'string', default: 'all' }, json: { type: 'boolean' } } });
const part = values.part!;
if (!['all', 'counts', 'harm', 'speed'].includes(part)) throw new Error(`--part: "${part}" is not valid (expected all, counts, harm or speed)`);
const runs = (p: string) => part === 'all' || part === p;
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds: "${values.seeds}" is not a whole number >= 1`);

const PLACES = Number(values.places);
if (!Number.isInteger(PLACES) || PLACES < 2) throw new Error(`--places: "${values.places}" is not a whole number >= 2`);
const PRE = 12;
const POST = 12;
const MONTHS = PRE + POST;
const MEAN_RATE = 4;
const RATE_CV = 0.7;

type Scenario = 'poisson' | 'overdispersed';
const TESTS = ['WDD z-test', 'RES CI (Poisson)', 'RES CI (D from monthly counts)', 'DiD Poisson, clustered SE', 'DiD Poisson, clustered SE, t(G-1)', 'DiD NB2, clustered SE', 'DiD NB2, clustered SE, t(G-1)'] as const;
type TestName = (typeof TESTS)[number];

/** units x months counts for one zone of PLACES places. */
function simulateZone(rng: Rng, scenario: Scenario): Float64Array {
  const counts = new Float64Array(PLACES * MONTHS);
  const shape = 1 / (RATE_CV * RATE_CV);
  for (let u = 0; u < PLACES; u++) {
    const rate = (MEAN_RATE / shape) * sampleGamma(rng, shape);
    for (let m = 0; m < MONTHS; m++) {
      const mean = rate * (1 + 0.2 * Math.sin((2 * Math.PI * m) / 12)) * (1 + 0.01 * m);
      counts[u * MONTHS + m] = scenario === 'poisson' ? rng.poisson(mean) : sampleNegativeBinomial(rng, mean, 0.5);
    }
  }
  return counts;
}

function periodTotal(zone: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let u = 0; u < PLACES; u++) for (let m = from; m < to; m++) s += zone[u * MONTHS + m]!;
  return s;
}

function monthlyTotals(zone: Float64Array, from: number, to: number): Float64Array {
  const out = new Float64Array(to - from);
  for (let u = 0; u < PLACES; u++) for (let m = from; m < to; m++) out[m - from] = out[m - from]! + zone[u * MONTHS + m]!;
  return out;
}

/** The same Wald statistic against t(df) (what computeDid's reference 't' does), without refitting. */
function tTestRejects(z: number, df: number): boolean {
  return twoSidedStudentP(z, df) < 0.05;
}

function runSeed(seed: number, scenario: Scenario): Record<TestName, boolean | null> {
  const rng = createRng(deriveSeed(seed, `evaluation-null:${scenario}`));
  const t = simulateZone(rng, scenario);
  const c = simulateZone(rng, scenario);
  const d = simulateZone(rng, scenario);
  const dc = simulateZone(rng, scenario);
  const pp = (z: Float64Array) => ({ pre: periodTotal(z, 0, PRE), post: periodTotal(z, PRE, MONTHS) });
  const out = {} as Record<TestName, boolean | null>;
  const wdd = computeWdd({ target: pp(t), control: pp(c), targetBuffer: pp(d), controlBuffer: pp(dc) });
  out['WDD z-test'] = wdd.ok ? wdd.value.p < 0.05 : null;
  const cells = { a: pp(t).pre, b: pp(t).post, c: pp(c).pre, d: pp(c).post };
  const res = computeRes(cells);
  out['RES CI (Poisson)'] = res.ok ? res.value.ciLower > 1 || res.value.ciUpper < 1 : null;
  const od = estimateOverdispersion([monthlyTotals(t, 0, PRE), monthlyTotals(t, PRE, MONTHS), monthlyTotals(c, 0, PRE), monthlyTotals(c, PRE, MONTHS)]);
  const resOd = od.ok ? computeRes({ ...cells, overdispersion: od.value.factor }) : null;
  out['RES CI (D from monthly counts)'] = resOd?.ok ? resOd.value.ciLower > 1 || resOd.value.ciUpper < 1 : null;

  const rows = 2 * PLACES * MONTHS;
  const unit = new Int32Array(rows);
  const month = new Int32Array(rows);
  const count = new Float64Array(rows);
  for (let g = 0; g < 2; g++) {
    const zone = g === 0 ? t : c;
    for (let u = 0; u < PLACES; u++) {
      for (let m = 0; m < MONTHS; m++) {
        const r = (g * PLACES + u) * MONTHS + m;
        unit[r] = g * PLACES + u;
        month[r] = m;
        count[r] = zone[u * MONTHS + m]!;
      }
    }
  }
  const treated = Uint8Array.from({ length: 2 * PLACES }, (_, u) => (u < PLACES ? 1 : 0));
  const post = Uint8Array.from({ length: MONTHS }, (_, m) => (m >= PRE ? 1 : 0));
  const panel = { unit, month, count, treated, post };
  const didP = computeDid(panel, { unitEffects: true, monthEffects: true });
  out['DiD Poisson, clustered SE'] = didP.ok ? didP.value.p < 0.05 : null;
  out['DiD Poisson, clustered SE, t(G-1)'] = didP.ok ? tTestRejects(didP.value.z, didP.value.nUnits - 1) : null;
  const didNb = computeDid(panel, { unitEffects: true, monthEffects: true, family: 'negative-binomial' });
  out['DiD NB2, clustered SE'] = didNb.ok ? didNb.value.p < 0.05 : null;
  out['DiD NB2, clustered SE, t(G-1)'] = didNb.ok ? tTestRejects(didNb.value.z, didNb.value.nUnits - 1) : null;
  return out;
}

const started = performance.now();
const results: Record<string, Record<string, { rate: number; mcse: number; rejected: number; valid: number }>> = {};
for (const scenario of runs('counts') ? (['poisson', 'overdispersed'] as const) : []) {
  const rejected = Object.fromEntries(TESTS.map((k) => [k, 0])) as Record<TestName, number>;
  const valid = Object.fromEntries(TESTS.map((k) => [k, 0])) as Record<TestName, number>;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runSeed(seed, scenario);
    for (const k of TESTS) {
      if (r[k] === null) continue;
      valid[k]++;
      if (r[k]) rejected[k]++;
    }
  }
  results[scenario] = Object.fromEntries(
    TESTS.map((k) => {
      const rate = rejected[k] / Math.max(1, valid[k]);
      return [k, { rate, mcse: Math.sqrt((rate * (1 - rate)) / Math.max(1, valid[k])), rejected: rejected[k], valid: valid[k] }];
    }),
  );
}
const seconds = (performance.now() - started) / 1000;

const cell = (x: { rate: number; mcse: number; valid: number }) => `${(100 * x.rate).toFixed(1)}% ± ${(100 * x.mcse).toFixed(1)}${x.valid < seeds ? ` (${seeds - x.valid} undefined)` : ''}`;
if (runs('counts')) {
  console.log(`False-positive rate on null designs (no effect), ${seeds} seeds per scenario, nominal 5% (two-sided).`);
  console.log(`${PLACES} target + ${PLACES} comparison places (+ buffers), ${PRE} months before and ${POST} after; ${seconds.toFixed(1)} s.\n`);
  console.log('| test | Poisson counts | overdispersed counts (NB2, k = 0.5) |');
  console.log('|---|---|---|');
  for (const k of TESTS) console.log(`| ${k} | ${cell(results.poisson![k]!)} | ${cell(results.overdispersed![k]!)} |`);
  console.log('\n(± is the Monte Carlo standard error; a rate within about 2 of them of 5% is consistent with nominal.)');
}
let harmResults: ReturnType<typeof runHarmFalsePositives> | null = null;
if (runs('harm')) {
  const t0 = performance.now();
  harmResults = runHarmFalsePositives(seeds, PLACES);
  console.log(`\nHarm-weighted outcomes (weights 10 / 2 / 1 on 15% / 50% / 35% of incidents; X = Σ w·n, Var = Σ w²·n), same null designs, ${seeds} seeds per scenario; ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);
  console.log('| test (harm-weighted) | Poisson counts | overdispersed counts (NB2, k = 0.5) |');
  console.log('|---|---|---|');
  for (const k of HARM_TESTS) console.log(`| ${k} | ${cell(harmResults.poisson[k])} | ${cell(harmResults.overdispersed[k])} |`);
}
if (!runs('speed')) {
  if (values.json) console.log(JSON.stringify({ task: 'evaluation-false-positives', seeds, nominal: 0.05, seconds, results, harm: harmResults }));
  process.exit(0);
}

/** Median wall time of `runs` calls, in seconds. */
function timeIt(f: () => void, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push((performance.now() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const rng = createRng(2024);
const nUnits = 100_050;
const covariates = Array.from({ length: 15 }, () => new Float64Array(nUnits));
const isTarget = new Uint8Array(nUnits);
for (let i = 0; i < nUnits; i++) {
  const level = rng.exponential(3);
  for (let k = 0; k < 15; k++) covariates[k]![i] = rng.poisson(level * (1 + k / 10)) + rng.next();
}
for (let i = 0; i < 50; i++) isTarget[i * 2001] = 1;
const covNames = covariates.map((_, k) => `covariate ${k + 1}`);
const J = 10_000;
const T = 36;
const donors = new Float64Array(J * T);
for (let j = 0; j < J; j++) {
  const level = rng.exponential(5);
  for (let m = 0; m < T; m++) donors[j * T + m] = rng.poisson(level * (1 + 0.2 * Math.sin(m / 2)));
}
const synthTarget = Array.from({ length: T }, (_, m) => 0.4 * donors[3 * T + m]! + 0.6 * donors[77 * T + m]! + rng.normal(0, 0.5));
const U = 200;
const M = 36;
const bigPanel = {
  unit: Int32Array.from({ length: U * M }, (_, r) => Math.floor(r / M)),
  month: Int32Array.from({ length: U * M }, (_, r) => r % M),
  count: Float64Array.from({ length: U * M }, () => rng.poisson(4)),
  treated: Uint8Array.from({ length: U }, (_, u) => (u < 50 ? 1 : 0)),
  post: Uint8Array.from({ length: M }, (_, m) => (m >= 24 ? 1 : 0)),
};
const speed = {
  matchMahalanobis50x100kx15: timeIt(() => matchUnits({ names: covNames, columns: covariates, treated: isTarget }, { method: 'mahalanobis' })),
  matchPropensity50x100kx15: timeIt(() => matchUnits({ names: covNames, columns: covariates, treated: isTarget }, { method: 'propensity', caliper: 0.2 })),
  synthetic10kDonors24PreMonths: timeIt(() => computeSyntheticControl({ treated: synthTarget, donors, nDonors: J, preMonths: 24 })),
  didNb200Units36MonthsFe: timeIt(() => computeDid(bigPanel, { unitEffects: true, monthEffects: true, family: 'negative-binomial' })),
};
console.log(`
| speed (median of 3) | seconds |
|---|---|
| match 50 targets to 100,000 units, 15 covariates, Mahalanobis 1:1 | ${speed.matchMahalanobis50x100kx15.toFixed(2)} |
| same, propensity score (logistic fit included), caliper 0.2 SD | ${speed.matchPropensity50x100kx15.toFixed(2)} |
| synthetic control weights, 10,000 donors, 24 pre months | ${speed.synthetic10kDonors24PreMonths.toFixed(3)} |
| DiD NB2, 200 places x 36 months, unit + month fixed effects (235 parameters) | ${speed.didNb200Units36MonthsFe.toFixed(2)} |`);
if (values.json) console.log(JSON.stringify({ task: 'evaluation-false-positives', seeds, nominal: 0.05, seconds, results, harm: harmResults, speed }));
