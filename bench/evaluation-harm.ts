// False-positive rates of the evaluation tests on HARM-WEIGHTED outcomes, null designs (no
// effect), same method as bench/evaluation.ts: PLACES target + PLACES comparison places with a
// buffer place beside each, 12 months before and 12 after, gamma place rates (mean 4/month,
// CV 0.7), a city-wide seasonal wave and a 1%/month trend. Each incident is then given an
// offense type: violent (weight 10) with probability 0.15, property (weight 2) 0.50, other
// (weight 1) 0.35 - a crime-harm-index-like spread (the docs' chi.csv). Each zone's total is
// X = Σ w·n with Var = Σ w²·n (a weighted sum of independent Poisson counts, harm.ts), exactly as
// runEvaluation passes them: WDD z-test with the variances given, RES with Var(ln RES) = Σ V/X²
// (Poisson) and inflated by D estimated with the variance-to-mean scale of the weighted counts,
// DiD Poisson (quasi-likelihood) / NB2 on the weighted monthly counts, SEs clustered by place.
import { createRng, deriveSeed, type Rng } from '../shared/base/random';
import { sampleGamma, sampleNegativeBinomial } from '../shared/domain/design/power';
import { computeDid } from '../shared/domain/evaluation/did';
import { twoSidedStudentP } from '../shared/domain/evaluation/distributions';
import { computeRes, estimateOverdispersion } from '../shared/domain/evaluation/res';
import { computeWdd } from '../shared/domain/evaluation/wdd';

export const HARM_TESTS = ['WDD z-test, Var = Σ w²·n', 'RES CI, Var = Σ w²·n (Poisson)', 'RES CI, D from monthly harm totals', 'DiD Poisson (quasi), clustered SE', 'DiD Poisson (quasi), clustered SE, t(G-1)', 'DiD NB2, clustered SE', 'DiD NB2, clustered SE, t(G-1)'] as const;
type HarmTest = (typeof HARM_TESTS)[number];
type Scenario = 'poisson' | 'overdispersed';

const PRE = 12;
const POST = 12;
const MONTHS = PRE + POST;
const TYPES = [
  { p: 0.15, w: 10 },
  { p: 0.5, w: 2 },
  { p: 0.35, w: 1 },
];

/** Weighted totals X and variances V = Σ w²·n, places x months, for one zone. */
function simulateZone(rng: Rng, scenario: Scenario, places: number): { x: Float64Array; v: Float64Array } {
  const x = new Float64Array(places * MONTHS);
  const v = new Float64Array(places * MONTHS);
  const shape = 1 / (0.7 * 0.7);
  for (let u = 0; u < places; u++) {
    const rate = (4 / shape) * sampleGamma(rng, shape);
    for (let m = 0; m < MONTHS; m++) {
      const mean = rate * (1 + 0.2 * Math.sin((2 * Math.PI * m) / 12)) * (1 + 0.01 * m);
      const n = scenario === 'poisson' ? rng.poisson(mean) : sampleNegativeBinomial(rng, mean, 0.5);
      for (let i = 0; i < n; i++) {
        const r = rng.next();
        const t = r < TYPES[0]!.p ? TYPES[0]! : r < TYPES[0]!.p + TYPES[1]!.p ? TYPES[1]! : TYPES[2]!;
        x[u * MONTHS + m] = x[u * MONTHS + m]! + t.w;
        v[u * MONTHS + m] = v[u * MONTHS + m]! + t.w * t.w;
      }
    }
  }
  return { x, v };
}

function total(z: Float64Array, places: number, from: number, to: number): number {
  let s = 0;
  for (let u = 0; u < places; u++) for (let m = from; m < to; m++) s += z[u * MONTHS + m]!;
  return s;
}

function monthly(z: Float64Array, places: number, from: number, to: number): Float64Array {
  const out = new Float64Array(to - from);
  for (let u = 0; u < places; u++) for (let m = from; m < to; m++) out[m - from] = out[m - from]! + z[u * MONTHS + m]!;
  return out;
}

function runSeed(seed: number, scenario: Scenario, places: number): Record<HarmTest, boolean | null> {
  const rng = createRng(deriveSeed(seed, `evaluation-null-harm:${scenario}`));
  const [t, c, d, dc] = [0, 1, 2, 3].map(() => simulateZone(rng, scenario, places)) as [ReturnType<typeof simulateZone>, ReturnType<typeof simulateZone>, ReturnType<typeof simulateZone>, ReturnType<typeof simulateZone>];
  const pp = (z: Float64Array) => ({ pre: total(z, places, 0, PRE), post: total(z, places, PRE, MONTHS) });
  const out = {} as Record<HarmTest, boolean | null>;
  const wdd = computeWdd({ target: pp(t.x), control: pp(c.x), targetBuffer: pp(d.x), controlBuffer: pp(dc.x), variances: { target: pp(t.v), control: pp(c.v), targetBuffer: pp(d.v), controlBuffer: pp(dc.v) } });
  out['WDD z-test, Var = Σ w²·n'] = wdd.ok ? wdd.value.p < 0.05 : null;
  const cells = { a: pp(t.x).pre, b: pp(t.x).post, c: pp(c.x).pre, d: pp(c.x).post };
  const variances = { a: pp(t.v).pre, b: pp(t.v).post, c: pp(c.v).pre, d: pp(c.v).post };
  const excludes1 = (r: ReturnType<typeof computeRes>) => (r.ok ? r.value.ciLower > 1 || r.value.ciUpper < 1 : null);
  out['RES CI, Var = Σ w²·n (Poisson)'] = excludes1(computeRes({ ...cells, variances }));
  // As runEvaluation: each series scaled by its variance-to-mean ratio k = ΣV/ΣX.
  const series = [monthly(t.x, places, 0, PRE), monthly(t.x, places, PRE, MONTHS), monthly(c.x, places, 0, PRE), monthly(c.x, places, PRE, MONTHS)];
  const scale = [variances.a / cells.a, variances.b / cells.b, variances.c / cells.c, variances.d / cells.d].map((k) => (k > 0 && Number.isFinite(k) ? k : 1));
  const od = estimateOverdispersion(series, true, scale);
  out['RES CI, D from monthly harm totals'] = od.ok ? excludes1(computeRes({ ...cells, variances, overdispersion: od.value.factor })) : null;
  const rows = 2 * places * MONTHS;
  const unit = new Int32Array(rows);
  const month = new Int32Array(rows);
  const count = new Float64Array(rows);
  for (let g = 0; g < 2; g++) {
    const zone = g === 0 ? t.x : c.x;
    for (let u = 0; u < places; u++) for (let m = 0; m < MONTHS; m++) {
      const r = (g * places + u) * MONTHS + m;
      unit[r] = g * places + u;
      month[r] = m;
      count[r] = zone[u * MONTHS + m]!;
    }
  }
  const panel = { unit, month, count, treated: Uint8Array.from({ length: 2 * places }, (_, u) => (u < places ? 1 : 0)), post: Uint8Array.from({ length: MONTHS }, (_, m) => (m >= PRE ? 1 : 0)) };
  const p = computeDid(panel, { unitEffects: true, monthEffects: true });
  out['DiD Poisson (quasi), clustered SE'] = p.ok ? p.value.p < 0.05 : null;
  out['DiD Poisson (quasi), clustered SE, t(G-1)'] = p.ok ? twoSidedStudentP(p.value.z, p.value.nUnits - 1) < 0.05 : null;
  const nb = computeDid(panel, { unitEffects: true, monthEffects: true, family: 'negative-binomial' });
  out['DiD NB2, clustered SE'] = nb.ok ? nb.value.p < 0.05 : null;
  out['DiD NB2, clustered SE, t(G-1)'] = nb.ok ? twoSidedStudentP(nb.value.z, nb.value.nUnits - 1) < 0.05 : null;
  return out;
}

export interface RateCell {
  readonly rate: number;
  readonly mcse: number;
  readonly rejected: number;
  readonly valid: number;
}

/**
 * Rejection rates at the nominal 5% over `seeds` null designs per scenario (Poisson and NB2
 * k = 0.5 monthly counts), with Monte Carlo standard errors sqrt(rate (1 - rate) / valid).
 */
export function runHarmFalsePositives(seeds: number, places: number): Record<Scenario, Record<HarmTest, RateCell>> {
  const out = {} as Record<Scenario, Record<HarmTest, RateCell>>;
  for (const scenario of ['poisson', 'overdispersed'] as const) {
    const rejected = Object.fromEntries(HARM_TESTS.map((k) => [k, 0])) as Record<HarmTest, number>;
    const valid = Object.fromEntries(HARM_TESTS.map((k) => [k, 0])) as Record<HarmTest, number>;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = runSeed(seed, scenario, places);
      for (const k of HARM_TESTS) {
        if (r[k] === null) continue;
        valid[k]++;
        if (r[k]) rejected[k]++;
      }
    }
    out[scenario] = Object.fromEntries(HARM_TESTS.map((k) => {
      const rate = rejected[k] / Math.max(1, valid[k]);
      return [k, { rate, mcse: Math.sqrt((rate * (1 - rate)) / Math.max(1, valid[k])), rejected: rejected[k], valid: valid[k] }];
    })) as Record<HarmTest, RateCell>;
  }
  return out;
}
