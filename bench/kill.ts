// `node --import tsx bench/kill.ts [--iterations 200] [--seed 20240502] [--rows 5000]
// [--target project|ingest|targets]`: the kill test of issue 4/10 at length. `--target ingest`
// and `--target targets` kill `spi ingest` writing its outputs and `spi export targets` writing
// its file instead (every output must stay whole: version A or B byte for byte). A child process saves a project over and over with
// saveProjectFile; it is SIGKILLed during a seeded-random save at a random moment, and the file,
// its .bak and the temporary files left are checked after every kill (see
// test/electron/services/fixtures/kill-loop.ts). Prints one line per 20 kills, the outcome counts,
// and as the last line a JSON summary. Exit 1 when any kill broke a promise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runKillLoop, summarizeKills } from '../test/electron/services/fixtures/kill-loop';
import { writeIngestKillInputs, writeTargetsKillInputs } from '../test/electron/services/fixtures/kill-inputs';
import { runOutputKillLoop, summarizeOutputKills } from '../test/electron/services/fixtures/output-kill-loop';

async function runOutputKills(target: 'ingest' | 'targets', iterations: number, seed: number): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), `spi-kill-${target}-`));
  try {
    const t0 = performance.now();
    const inputs = target === 'ingest' ? await writeIngestKillInputs(dir) : await writeTargetsKillInputs(dir);
    console.log(`kill test: ${iterations} SIGKILLs of a process writing ${target === 'ingest' ? "spi ingest's outputs" : 'a spi export targets CSV'} (seed ${seed}, node ${process.version}); inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const report = await runOutputKillLoop({ mode: target, dir: path.join(dir, 'loop'), inputs, iterations, seed, onIteration: (o) => o.iteration % 20 === 0 && console.log(`  ${o.iteration} kills done`) });
    const summary = summarizeOutputKills(report.outcomes);
    console.log(`outcomes: ${JSON.stringify(summary)}; mean write ${report.meanWriteMs.toFixed(0)} ms; ${(report.elapsedMs / 1000).toFixed(1)} s`);
    console.log(report.violations.length === 0 ? 'violations: none' : `violations (${report.violations.length}):\n  ${report.violations.join('\n  ')}`);
    console.log(JSON.stringify({ task: `kill-${target}`, ...summary, violations: report.violations.length, tempsAtEnd: report.tempsAtEnd, meanWriteMs: report.meanWriteMs, seconds: report.elapsedMs / 1000 }));
    process.exitCode = report.violations.length === 0 ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: { iterations: { type: 'string', default: '200' }, seed: { type: 'string', default: '20240502' }, rows: { type: 'string', default: '5000' }, target: { type: 'string', default: 'project' } },
});
if (values.target === 'ingest' || values.target === 'targets') {
  // `--target ingest|targets`: kills while `spi ingest` writes its outputs, or while `spi export
  // targets` writes its file (test/electron/services/fixtures/output-kill-loop.ts).
  await runOutputKills(values.target, Number(values.iterations), Number(values.seed));
  process.exit(process.exitCode ?? 0);
} else if (values.target !== 'project') {
  throw new Error(`--target: "${values.target}" is not valid (expected project, ingest or targets)`);
}
const iterations = Number(values.iterations);
const seed = Number(values.seed);
const rows = Number(values.rows);
if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`--iterations: "${values.iterations}" is not a positive integer`);

const dir = await mkdtemp(path.join(tmpdir(), 'spi-kill-bench-'));
console.log(`kill test: ${iterations} SIGKILLs of a process saving a ${rows.toLocaleString('en-US')}-row project (seed ${seed}, node ${process.version})`);
try {
  const report = await runKillLoop({
    dir,
    iterations,
    seed,
    rows,
    onIteration: (o) => {
      if (o.iteration % 20 === 0) console.log(`  ${o.iteration} kills done`);
    },
  });
  const summary = summarizeKills(report.outcomes);
  console.log(`outcomes: ${JSON.stringify(summary)}`);
  console.log(`saves completed: ${report.totalSaves}; mean save ${report.meanSaveMs.later.toFixed(0)} ms (first in a process ${report.meanSaveMs.first.toFixed(0)} ms); ${(report.elapsedMs / 1000).toFixed(1)} s`);
  console.log(report.violations.length === 0 ? 'violations: none' : `violations (${report.violations.length}):\n  ${report.violations.join('\n  ')}`);
  console.log(JSON.stringify({ task: 'kill', ...summary, violations: report.violations.length, totalSaves: report.totalSaves, tempsAtEnd: report.tempsAtEnd, seconds: report.elapsedMs / 1000 }));
  process.exitCode = report.violations.length === 0 ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
