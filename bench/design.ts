// `node --import tsx bench/design.ts [--runs 3]`: speed of the design computations (issue 7) on
// seeded synthetic data, median of `runs` (data generation excluded):
//   - Mahalanobis matching of 50 targets against 100,000 units x 15 covariates, greedy and optimal
//     (Hungarian on the 50 x (50 nearest per target) candidates), 1:1 without replacement;
//   - synthetic-control weights for 50 targets over a pool of 10,000 units x 12 months;
//   - the reference: the 50 x 100,000 Mahalanobis distance matrix alone (whitening + distances),
//     the least any exact nearest-neighbour matcher must do; ratios are task / reference.
// Target: interactive, under 1 s each. The last line is JSON for bench/run.ts.
import { parseArgs } from 'node:util';
import { createRng } from '../shared/base/random';
import { unwrap } from '../shared/base/result';
import { rowSquaredDistance, whitenCovariates } from '../shared/domain/design/distance';
import { matchUnits } from '../shared/domain/design/matching';
import { computeSyntheticWeights } from '../shared/domain/design/synthetic-weights';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: "${values.runs}" is not a whole number >= 1`);

/** Units with correlated Poisson covariates (a rate per unit drives every covariate); targets are hot units. */
function units(seed: number, n: number, p: number, targets: number) {
  const rng = createRng(seed);
  const rate = Float64Array.from({ length: n }, () => Math.exp(rng.normal(0.5, 0.8)));
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  for (let u = 0; u < n; u++) for (let k = 0; k < p; k++) columns[k]![u] = rng.poisson(rate[u]! * (1 + 0.1 * k)) + rng.uniform(0, 0.01);
  const treated = new Uint8Array(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rate[b]! - rate[a]!);
  for (let k = 0; k < targets; k++) treated[order[k * 20]!] = 1;
  return { names: columns.map((_, k) => `c${k + 1}`), columns, treated };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const cpu: Map<number[], number[]> = new Map();
/** Wall seconds per run; CPU seconds (user + system) kept beside them: on a shared machine wall time includes waiting. */
function time(work: () => unknown): number[] {
  const out: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    work();
    const dc = process.cpuUsage(c0);
    out.push((performance.now() - t0) / 1000);
    c.push((dc.user + dc.system) / 1e6);
  }
  cpu.set(out, c);
  return out;
}

const big = units(1, 100_000, 15, 50);
const small = units(2, 10_000, 12, 50);
let sink = 0;
const reference = time(() => {
  const z = unwrap(whitenCovariates(big.names, big.columns, big.treated));
  const targets: number[] = [];
  for (let i = 0; i < big.treated.length; i++) if (big.treated[i]) targets.push(i);
  for (const t of targets) for (let j = 0; j < big.treated.length; j++) if (!big.treated[j]) sink += rowSquaredDistance(z, 15, t, j);
});
let greedyTotal = 0;
let optimalTotal = 0;
const greedy = time(() => (greedyTotal = unwrap(matchUnits(big, { method: 'mahalanobis' })).totalDistance));
const optimal = time(() => (optimalTotal = unwrap(matchUnits(big, { method: 'mahalanobis', pairing: 'optimal' })).totalDistance));
let rmse = 0;
const synthetic = time(() => (rmse = unwrap(computeSyntheticWeights(small)).pooled.rmse));
if (!(optimalTotal <= greedyTotal + 1e-9) || !Number.isFinite(sink)) throw new Error(`optimal total ${optimalTotal} > greedy ${greedyTotal}`);

const ref = median(reference);
const rows = [
  ['Mahalanobis distance matrix alone, 50 x 100,000, 15 covariates (reference)', reference],
  ['match 50 targets to 100,000 units x 15 covariates, greedy 1:1', greedy],
  ['same, optimal 1:1 (Hungarian, 50 nearest per target)', optimal],
  ['synthetic weights, 50 targets + pooled, pool of 10,000 x 12 months', synthetic],
] as const;
console.log(`SPI Workbench design benchmark: median of ${runs} runs, node ${process.version}`);
console.log('| task | median wall (cpu) | runs (wall) | / reference |\n|---|---|---|---|');
for (const [label, xs] of rows) console.log(`| ${label} | ${median(xs).toFixed(3)} s (cpu ${median(cpu.get(xs as number[])!).toFixed(3)} s) | ${xs.map((x) => x.toFixed(3)).join(', ')} | ${(median(xs) / ref).toFixed(2)}x |`);
console.log(`Total distance: greedy ${greedyTotal.toFixed(2)}, optimal ${optimalTotal.toFixed(2)}; pooled synthetic fit RMSE ${rmse.toFixed(3)}.`);
console.log(JSON.stringify({ design: { runs, referenceSeconds: ref, referenceCpuSeconds: median(cpu.get(reference)!), greedyCpuSeconds: median(cpu.get(greedy)!), optimalCpuSeconds: median(cpu.get(optimal)!), syntheticCpuSeconds: median(cpu.get(synthetic)!), greedySeconds: median(greedy), optimalSeconds: median(optimal), syntheticSeconds: median(synthetic), greedyTotal, optimalTotal, syntheticRmse: rmse } }));
