// `npm run bench [-- --incidents N --runs R]`: the project's performance figures.
// Each measurement runs in a fresh child process (so peak memory is that task's alone); pairs are
// interleaved A B A B so machine drift hits both sides; we report medians and the median of the
// per-pair ratios. Results go to stdout and to .bench-out/results.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
// The other suites are separate scripts (each also runnable alone: node --import tsx bench/<suite>.ts);
// `--only foundation` skips them.
const SUITES = ['ingest', 'stats', 'evaluation', 'link', 'design', 'explore'] as const;
const only = values.only;
const incidents = Number(values.incidents);
const runs = Number(values.runs);
const outDir = path.join(root, '.bench-out');
const sampleDir = path.join(outDir, `sample-${incidents}`);
mkdirSync(outDir, { recursive: true });

interface Figure {
  task: string;
  seconds: number;
  peakRssMiB: number;
  [k: string]: unknown;
}

function task(name: string, ...args: string[]): Figure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/tasks', `${name}.ts`), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`bench task ${name} failed (${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Figure;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const summary = (xs: Figure[]) => ({
  medianSeconds: median(xs.map((x) => x.seconds)),
  minSeconds: Math.min(...xs.map((x) => x.seconds)),
  maxSeconds: Math.max(...xs.map((x) => x.seconds)),
  medianPeakRssMiB: median(xs.map((x) => x.peakRssMiB)),
});

console.log(`SPI Workbench benchmark: ${incidents.toLocaleString('en-US')} sample incidents, ${runs} runs each (node ${process.version})`);

const generate: Figure[] = [];
for (let i = 0; i < runs; i++) generate.push(task('generate', sampleDir, String(incidents)));
const csv = path.join(sampleDir, 'incidents.csv');

const wasm: Figure[] = [];
const native: Figure[] = [];
const ratios: number[] = [];
for (let i = 0; i < runs; i++) {
  const a = task('load-wasm', csv);
  const b = task('load-native', csv);
  if (a.rows !== b.rows) throw new Error(`row counts differ: wasm ${a.rows}, native ${b.rows}`);
  wasm.push(a);
  native.push(b);
  ratios.push(a.seconds / b.seconds);
}

const projectRuns: Figure[] = [];
for (let i = 0; i < runs; i++) projectRuns.push(task('project', csv));
const projectSummary = {
  medianSaveSeconds: median(projectRuns.map((x) => Number(x.saveSeconds))),
  medianReopenSeconds: median(projectRuns.map((x) => Number(x.reopenSeconds))),
  projectMiB: Number(projectRuns[0]?.projectMiB),
  medianPeakRssMiB: median(projectRuns.map((x) => x.peakRssMiB)),
};

const results = {
  date: new Date().toISOString(),
  incidents,
  runs,
  csvRows: wasm[0]?.rows,
  csvMiB: statSync(csv).size / 1024 ** 2,
  generate: summary(generate),
  loadWasm: summary(wasm),
  loadNative: summary(native),
  loadRatioWasmOverNative: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
  project: projectSummary,
};
writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const f = (s: number) => `${s.toFixed(2)} s`;
const row = (label: string, s: ReturnType<typeof summary>) =>
  `| ${label} | ${f(s.medianSeconds)} | ${f(s.minSeconds)}–${f(s.maxSeconds)} | ${s.medianPeakRssMiB.toFixed(0)} MiB |`;
console.log(`
| task | median | min–max | peak RSS (median) |
|---|---|---|---|
${row(`generate + write sample city (${incidents.toLocaleString('en-US')} incidents)`, results.generate)}
${row(`load incidents.csv (${results.csvMiB.toFixed(0)} MiB) into duckdb-wasm (app engine, Node)`, results.loadWasm)}
${row(`load incidents.csv into native DuckDB (reference)`, results.loadNative)}

Load ratio duckdb-wasm / native DuckDB: median ${results.loadRatioWasmOverNative.median.toFixed(2)}x (per pair, min ${results.loadRatioWasmOverNative.min.toFixed(2)}x, max ${results.loadRatioWasmOverNative.max.toFixed(2)}x); ${Number(results.csvRows).toLocaleString('en-US')} CSV rows loaded by both.
Project with these incidents (app engine): save ${f(projectSummary.medianSaveSeconds)}, reopen to map points ${f(projectSummary.medianReopenSeconds)} (medians), file ${projectSummary.projectMiB.toFixed(0)} MiB vs CSV ${results.csvMiB.toFixed(0)} MiB, peak RSS ${projectSummary.medianPeakRssMiB.toFixed(0)} MiB.
Written to .bench-out/results.json`);

if (only !== 'foundation') {
  for (const suite of SUITES) {
    console.log(`\n== bench/${suite}.ts ==`);
    const args = suite === 'ingest' || suite === 'explore' ? ['--incidents', String(incidents), '--runs', String(runs)] : suite === 'stats' || suite === 'design' ? ['--runs', String(runs)] : [];
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', `${suite}.ts`), ...args], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`bench/${suite}.ts failed (${r.status})`);
  }
}
