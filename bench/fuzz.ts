// `node --import tsx bench/fuzz.ts [--project 3000] [--csv 1000] [--xlsx 1000] [--geojson 1000]
//  [--shapefile 1000] [--reference-geojson 500] [--reference-shapefile 500] [--seed 1]
//  [--budget-s 900] [--timeout-ms 30000]`  (npm run fuzz): seeded mutations of valid project files,
// CSV, Excel, GeoJSON and zipped Shapefiles fed to readProject, loadTableFromSource, the table
// readers and the reference-layer reader (the real Node engine for CSV), in a runner
// process that may write only in a temporary folder (test/security/fuzz/harness.ts). Prints the
// outcome counts per target and per mutator, the most common clear errors, every failure (with
// its case index: rerun with the same --seed to reproduce), and as the last line a JSON summary.
// Exit 1 when any case crashed, hung, escaped its folder or loaded wrongly.
import { parseArgs } from 'node:util';
import { runFuzz } from '../test/security/fuzz/harness';
import { FUZZ_TARGETS } from '../test/security/fuzz/targets';

const { values } = parseArgs({
  options: {
    project: { type: 'string', default: '3000' },
    csv: { type: 'string', default: '1000' },
    xlsx: { type: 'string', default: '1000' },
    geojson: { type: 'string', default: '1000' },
    shapefile: { type: 'string', default: '1000' },
    'reference-geojson': { type: 'string', default: '500' },
    'reference-shapefile': { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    'budget-s': { type: 'string', default: '900' },
    'timeout-ms': { type: 'string', default: '30000' },
  },
});
const count = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: "${text}" is not a whole number`);
  return n;
};
const TARGETS = ['project', 'csv', 'xlsx', 'geojson', 'shapefile', 'reference-geojson', 'reference-shapefile'] as const;
const cases: Record<string, number> = Object.fromEntries(TARGETS.map((t) => [t, count(t, values[t] as string)]));
for (const name of Object.keys(cases)) if (!FUZZ_TARGETS[name]) throw new Error(`no fuzz target "${name}"`);
const seed = count('seed', values.seed);

console.log(`fuzz: ${Object.entries(cases).map(([t, n]) => `${n} ${t} cases`).join(', ')}, seed ${seed}, budget ${values['budget-s']} s, per-case timeout ${values['timeout-ms']} ms`);
let done = 0;
const report = await runFuzz({
  cases,
  seed,
  timeoutMs: count('timeout-ms', values['timeout-ms']),
  budgetMs: count('budget-s', values['budget-s']) * 1000,
  onResult: (r) => {
    done += 1;
    if (done % 250 === 0) console.log(`  ${done} cases (${r.target})`);
  },
});
let bad = 0;
for (const [target, t] of Object.entries(report.targets)) {
  console.log(`\n${target}: ${t.cases} cases, slowest ${t.maxMs.toFixed(0)} ms${t.stalls ? `, ${t.stalls} stalled once and answered when rerun` : ""}`);
  console.log(`  outcomes: ${Object.entries(t.outcomes).map(([o, n]) => `${o} ${n}`).join(', ')}`);
  console.log(`  loads: ${Object.entries(t.loads).map(([o, n]) => `${o} ${n}`).join(', ')}`);
  for (const [m, o] of Object.entries(t.byMutator).sort()) console.log(`  ${m.padEnd(16)} ${Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log('  most common clear errors:');
  for (const [message, n] of t.topErrors) console.log(`    ${String(n).padStart(5)}  ${message}`);
  for (const f of t.failures) console.log(`  FAILURE #${f.index} [${f.outcome}] ${f.mutator}: ${f.label} -> ${f.message}`);
  bad += t.failures.length;
}
if (report.budgetExhausted) console.log('\n(the time budget ended the run before every case ran)');
console.log(JSON.stringify({ task: 'fuzz', seed, seconds: report.elapsedMs / 1000, targets: Object.fromEntries(Object.entries(report.targets).map(([k, t]) => [k, { cases: t.cases, ...t.outcomes, loads: t.loads }])) }));
process.exitCode = bad === 0 ? 0 : 1;
