// `node --import tsx bench/kill.ts [--iterations 200] [--seed 20240502] [--rows 5000]
// [--target project|ingest|targets|cli-ingest|cli-export|all] [--aim run|writes]`: the kill
// tests of issues 4 and 10 at length. `project` (default): a child process saves a project over
// and over with saveProjectFile and is SIGKILLed during a seeded-random save at a random moment;
// the file, its .bak and the temporary files left are checked after every kill
// (test/electron/services/fixtures/kill-loop.ts). `ingest` / `targets`: a child writing
// `spi ingest`'s outputs / a `spi export targets` file is killed (every output must stay version
// A or B byte for byte; fixtures/output-kill-loop.ts). `cli-ingest` / `cli-export`: the whole
// `spi ingest` / `spi export targets` command is killed at a random moment of its run, or with
// `--aim writes` (cli-ingest, cli-export) of its writing phase (fixtures/cli-kill-loop.ts). `all`: project,
// cli-ingest (both aims) and cli-export one after the other. Prints a line per 20 kills, the
// outcome counts, and as the last line a JSON summary. Exit 1 when any kill broke a promise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runKillLoop, summarizeKills } from '../test/electron/services/fixtures/kill-loop';
import { writeIngestKillInputs, writeTargetsKillInputs } from '../test/electron/services/fixtures/kill-inputs';
import { runOutputKillLoop, summarizeOutputKills } from '../test/electron/services/fixtures/output-kill-loop';
import { runCliKillLoop, summarizeCliKills, type CliKillOutcome, type CliKillTarget } from '../test/electron/services/fixtures/cli-kill-loop';

async function runCliKills(target: CliKillTarget, iterations: number, seed: number, aim: 'run' | 'writes'): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), `spi-kill-${target}-`));
  try {
    console.log(`kill test: ${iterations} SIGKILLs of a whole ${target === 'cli-ingest' ? 'spi ingest' : 'spi export targets'} run at random moments ${aim === 'writes' ? 'of its writing phase' : 'of the run'} (seed ${seed}, node ${process.version})`);
    const seen: CliKillOutcome[] = [];
    // Every 20 kills: the counts so far (a run stopped early still reports what it saw).
    const onIteration = (o: CliKillOutcome) => {
      seen.push(o);
      if (o.iteration % 20 === 0) console.log(`  ${o.iteration} kills done, ${o.violationsSoFar} violations: ${JSON.stringify(summarizeCliKills(seen))}`);
    };
    const report = await runCliKillLoop({ target, dir, iterations, seed, aim, onIteration });
    const summary = summarizeCliKills(report.outcomes);
    console.log(`outcomes: ${JSON.stringify(summary)}; mean run ${report.meanRunMs.toFixed(0)} ms; ${(report.elapsedMs / 1000).toFixed(1)} s`);
    console.log(report.violations.length === 0 ? 'violations: none' : `violations (${report.violations.length}):\n  ${report.violations.join('\n  ')}`);
    console.log(JSON.stringify({ task: `kill-${target}${aim === 'writes' ? '-writes' : ''}`, ...summary, violations: report.violations.length, tempsAtEnd: report.tempsAtEnd, meanRunMs: report.meanRunMs, seconds: report.elapsedMs / 1000 }));
    process.exitCode = report.violations.length === 0 ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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
  options: { iterations: { type: 'string', default: '200' }, seed: { type: 'string', default: '20240502' }, rows: { type: 'string', default: '5000' }, target: { type: 'string', default: 'project' }, aim: { type: 'string', default: 'run' } },
});
if (values.target === 'all') {
  // `--target all`: every suite one after the other (each in its own process, so one's children
  // and memory never overlap another's), with the seeds docs/security.md reports; exit 1 if any
  // broke a promise.
  const { spawnSync } = await import('node:child_process');
  const suites: string[][] = [
    ['--target', 'project', '--seed', '20240502'],
    ['--target', 'cli-ingest', '--seed', '20241001'],
    ['--target', 'cli-ingest', '--aim', 'writes', '--seed', '20241003'],
    ['--target', 'cli-export', '--seed', '20241002'],
  ];
  const failed = suites.filter((args) => spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--iterations', values.iterations], { stdio: 'inherit' }).status !== 0);
  console.log(failed.length === 0 ? `all ${suites.length} kill suites: no violation` : `kill suites with violations: ${failed.map((a) => a.join(' ')).join('; ')}`);
  process.exit(failed.length === 0 ? 0 : 1);
}
if (values.target === 'cli-ingest' || values.target === 'cli-export') {
  if (values.aim !== 'run' && values.aim !== 'writes') throw new Error(`--aim: "${values.aim}" is not valid (expected run or writes)`);
  await runCliKills(values.target, Number(values.iterations), Number(values.seed), values.aim);
  process.exit(process.exitCode ?? 0);
} else if (values.target === 'ingest' || values.target === 'targets') {
  // `--target ingest|targets`: kills while `spi ingest` writes its outputs, or while `spi export
  // targets` writes its file (test/electron/services/fixtures/output-kill-loop.ts).
  await runOutputKills(values.target, Number(values.iterations), Number(values.seed));
  process.exit(process.exitCode ?? 0);
} else if (values.target !== 'project') {
  throw new Error(`--target: "${values.target}" is not valid (expected project, ingest, targets, cli-ingest, cli-export or all)`);
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
