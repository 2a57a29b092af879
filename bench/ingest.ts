// `node --import tsx bench/ingest.ts [--incidents N] [--runs R]`: how long `spi ingest` takes on
// the sample city's RMS export (default 1,000,000 incidents, ~200 MB) against native DuckDB
// (@duckdb/node-api) reading the same file. Every measurement runs in a fresh child process (peak
// RSS is that run's alone, from process.resourceUsage().maxRSS); runs are interleaved ingest,
// native, native-full-sniff, duckdb-wasm read only (the app engine's floor); medians of R
// (default 3). Results: stdout and
// .bench-out/ingest-results.json. Target (issue #3): ingest within 2x of native.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { incidents: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' }, child: { type: 'string' } },
});

interface Run {
  task: string;
  seconds: number;
  peakRssMiB: number;
  rows?: number;
  stages?: { at: number; message: string }[];
}

const report = (r: Run) => process.stdout.write(`${JSON.stringify(r)}\n`);

if (values.child === 'ingest') {
  // One `spi ingest` run, in process: engine start, import, outputs written (Parquet, quality, quarantine, mapping).
  const [csv, out] = positionals as [string, string];
  const { runCli, VERBS } = await import('../electron/cli/main');
  const { ingestVerb } = await import('../electron/cli/verbs/ingest');
  const started = performance.now();
  const stages: { at: number; message: string }[] = [];
  let json = '';
  const io = { out: (t: string) => void (json += t), err: (t: string) => void stages.push({ at: (performance.now() - started) / 1000, message: t.trim() }), cwd: root, debug: false };
  const argv = [csv, '--out', out, '--json', '--progress'];
  // Through the CLI once `ingest` is registered in electron/cli/main.ts; the verb itself until then.
  const code = VERBS.some((v) => v.name === 'ingest') ? await runCli(['ingest', ...argv], io) : await ingestVerb.run(argv, io);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`spi ingest failed: ${stages.map((s) => s.message).join(' | ')}`);
  const summary = JSON.parse(json) as { rows_read: number };
  report({ task: 'spi ingest', seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, rows: summary.rows_read, stages });
} else if (values.child === 'wasm-read') {
  // The floor of any pipeline on the app's engine: duckdb-wasm (Node build, one thread) reading
  // the file into a table as text, nothing else (engine start included, as native's is).
  const [csv] = positionals as [string];
  const { openNodeEngine } = await import('../electron/services/duckdb-node');
  const started = performance.now();
  const engine = await openNodeEngine();
  const opened = performance.now();
  const made = await engine.query(`CREATE TABLE incidents AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', all_varchar=true)`);
  if (!made.ok) throw new Error(made.error.kind === 'sql' ? made.error.message : made.error.kind);
  const counted = await engine.query('SELECT count(*)::DOUBLE AS n FROM incidents');
  const rows = counted.ok ? Number(counted.value.getChild('n')?.get(0)) : 0;
  report({ task: 'duckdb-wasm read_csv (all_varchar)', seconds: (performance.now() - started) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024, rows, stages: [{ at: (opened - started) / 1000, message: 'engine open' }] });
} else if (values.child === 'native' || values.child === 'native-full') {
  // Native DuckDB reading the file into a table (all cores), as an analyst would: read_csv with
  // its defaults, and the project's own load SQL (sample_size=-1: types from the whole file).
  const [csv] = positionals as [string];
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { buildLoadCsvSql } = await import('../shared/engine/sql');
  const started = performance.now();
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(values.child === 'native' ? `CREATE TABLE incidents AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')` : buildLoadCsvSql('incidents', csv));
  const rows = Number((await connection.runAndReadAll('SELECT count(*)::DOUBLE FROM incidents')).getRows()[0]?.[0]);
  report({ task: values.child === 'native' ? 'native read_csv (defaults)' : 'native read_csv (sample_size=-1)', seconds: (performance.now() - started) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024, rows });
} else {
  const incidents = Number(values.incidents);
  const runs = Number(values.runs);
  if (!Number.isInteger(incidents) || incidents < 100) throw new Error(`--incidents: "${values.incidents}" is not a whole number >= 100`);
  const outDir = path.join(root, '.bench-out');
  const sampleDir = path.join(outDir, `ingest-sample-${incidents}`);
  const csv = path.join(sampleDir, 'incidents.csv');
  mkdirSync(outDir, { recursive: true });
  const truthFile = path.join(sampleDir, 'ground_truth.json');
  const cached = existsSync(truthFile) && (JSON.parse(readFileSync(truthFile, 'utf8')) as { options?: { incidents?: number } }).options?.incidents === incidents;
  if (!cached) {
    console.log(`generating the sample city (${incidents.toLocaleString('en-US')} incidents) with spi sample…`);
    const g = spawnSync(process.execPath, [path.join(root, 'electron/cli/spi.mjs'), 'sample', '--out', sampleDir, '--incidents', String(incidents), '--force'], { cwd: root, encoding: 'utf8' });
    if (g.status !== 0) throw new Error(`spi sample failed:\n${g.stderr}`);
  }
  const child = (kind: string, ...args: string[]): Run => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${kind} failed (${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Run;
  };
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const size = statSync(csv).size;
  console.log(`spi ingest vs native DuckDB: ${csv} (${(size / 1e6).toFixed(0)} MB), ${runs} runs each, node ${process.version}`);
  const ingest: Run[] = [];
  const native: Run[] = [];
  const full: Run[] = [];
  const wasm: Run[] = [];
  const ingestOut = path.join(outDir, 'ingest-out');
  for (let i = 0; i < runs; i++) {
    rmSync(ingestOut, { recursive: true, force: true });
    ingest.push(child('ingest', csv, ingestOut));
    native.push(child('native', csv));
    full.push(child('native-full', csv));
    wasm.push(child('wasm-read', csv));
    console.log(`  run ${i + 1}: ingest ${ingest[i]?.seconds.toFixed(2)} s, native ${native[i]?.seconds.toFixed(2)} s, native sample_size=-1 ${full[i]?.seconds.toFixed(2)} s, duckdb-wasm read only ${wasm[i]?.seconds.toFixed(2)} s`);
  }
  const summary = (rs: Run[]) => ({ medianSeconds: median(rs.map((r) => r.seconds)), minSeconds: Math.min(...rs.map((r) => r.seconds)), maxSeconds: Math.max(...rs.map((r) => r.seconds)), medianPeakRssMiB: median(rs.map((r) => r.peakRssMiB)) });
  const result = {
    date: new Date().toISOString(),
    incidents,
    csvBytes: size,
    rows: ingest[0]?.rows,
    runs,
    ingest: summary(ingest),
    nativeDefault: summary(native),
    nativeFullSniff: summary(full),
    wasmReadOnly: summary(wasm),
    /** What the app's engine needs just to read the file, against native: the floor of the ingest ratio. */
    ratioWasmReadVsNativeDefault: median(wasm.map((r) => r.seconds)) / median(native.map((r) => r.seconds)),
    ratioVsNativeDefault: median(ingest.map((r) => r.seconds)) / median(native.map((r) => r.seconds)),
    ratioVsNativeFullSniff: median(ingest.map((r) => r.seconds)) / median(full.map((r) => r.seconds)),
    ingestStages: ingest[Math.floor(runs / 2)]?.stages,
  };
  writeFileSync(path.join(outDir, 'ingest-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  const f = (s: ReturnType<typeof summary>) => `${s.medianSeconds.toFixed(2)} s (min ${s.minSeconds.toFixed(2)}, max ${s.maxSeconds.toFixed(2)}), peak RSS ${s.medianPeakRssMiB.toFixed(0)} MiB`;
  console.log(`\n${(result.rows ?? 0).toLocaleString('en-US')} rows`);
  console.log(`spi ingest (duckdb-wasm, normalize + quality + Parquet/CSV/JSON out): ${f(result.ingest)}`);
  console.log(`native DuckDB read_csv, defaults:                                  ${f(result.nativeDefault)}`);
  console.log(`native DuckDB read_csv, sample_size=-1:                            ${f(result.nativeFullSniff)}`);
  console.log(`duckdb-wasm read_csv only (the app's engine, no normalization):   ${f(result.wasmReadOnly)}`);
  console.log(`ratio: ${result.ratioVsNativeDefault.toFixed(2)}x native defaults, ${result.ratioVsNativeFullSniff.toFixed(2)}x native full sniff (target 2x); duckdb-wasm's plain read alone is ${result.ratioWasmReadVsNativeDefault.toFixed(2)}x native`);
  console.log(`stages of the median ingest run: ${(result.ingestStages ?? []).map((s) => `${s.at.toFixed(1)}s ${s.message}`).join(' | ')}`);
}
