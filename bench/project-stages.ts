// `node --import tsx bench/project-stages.ts CSV [--runs R]`: where the time of saving and
// reopening a project goes, stage by stage, in one process (the machine is shared, so stages are
// compared within a run). Each run: engine table -> Parquet -> project zip -> verify (as the
// desktop save does), then reopen: zip + hashes + Parquet decode -> engine table -> map points.
// Prints medians of R runs (default 3) per stage, and each stage as a ratio of a fixed reference
// workload (SHA-256 of 64 MiB) timed in the same process.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openNodeEngine } from '../electron/services/duckdb-node';
import { verifyProjectFile } from '../electron/services/project-file';
import { sha256Hex } from '../shared/base/hash';
import { queryIncidentPoints } from '../shared/domain/explore/query-incident-points';
import { writeTableAsParquet } from '../shared/domain/ingest/parquet-write';
import { memorySink } from '../shared/domain/ingest/source';
import { createProject } from '../shared/domain/project/project';
import { readProject } from '../shared/domain/project/read-project';
import { writeProject } from '../shared/domain/project/write-project';
import { buildLoadCsvSql } from '../shared/engine/sql';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const csv = path.resolve(positionals[0]!);
const runs = Number(values.runs);
const engine = await openNodeEngine();
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
must(await engine.query(buildLoadCsvSql('incidents', csv)));
const rows = Number(must(await engine.query('SELECT count(*)::DOUBLE AS n FROM incidents')).getChild('n')?.get(0));
const out = path.join(path.dirname(csv), 'stages.spiproj');
const refBytes = new Uint8Array(64 << 20).map((_, i) => i * 31);

const times: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
/** Wall seconds and process CPU seconds (less sensitive to other processes on a busy machine). */
const time = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await f();
  const c = process.cpuUsage(c0);
  (times[name] ??= []).push((performance.now() - t0) / 1000);
  (cpu[name] ??= []).push((c.user + c.system) / 1e6);
  return r;
};
for (let run = 0; run < runs; run++) {
  await time('reference sha256 64MiB', () => sha256Hex(refBytes));
  const sink = memorySink();
  await time('save: engine -> parquet', async () => must(await writeTableAsParquet(engine, 'incidents', sink, { codec: 'SNAPPY' })));
  const project = createProject({ title: 'bench' });
  project.datasets = [
    {
      meta: {
        id: 'incidents', name: 'incidents.csv', kind: 'incidents', rows,
        source: { fileName: 'incidents.csv', sha256: null, bytes: null, storage: 'embedded', path: null },
        crs: { source: null, analysis: null }, mapping: null, hasQuarantine: false, hasQuality: false,
      },
      table: null, parquet: sink.bytes(), quarantine: null, quality: null,
    },
  ];
  const bytes = await time('save: project zip', () => writeProject(project, { appVersion: 'bench' }));
  writeFileSync(out, bytes);
  await time('save: verify (read back)', async () => must(await verifyProjectFile(out)));
  const file = new Uint8Array(readFileSync(out));
  const opened = await time('reopen: readProject', async () => must(await readProject(file, out)));
  if (opened.problems.length) throw new Error(JSON.stringify(opened.problems));
  const ds = opened.project.datasets[0]!;
  await time('reopen: insert into engine', async () => must(await engine.insertArrowTable('reopened', ds.table!)));
  const pts = await time('reopen: map points', async () => must(await queryIncidentPoints(engine, 'reopened')));
  if (pts.lon.length === 0) throw new Error('no points');
  console.error(`run ${run + 1} done`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ref = median(times['reference sha256 64MiB']!);
const sum = (prefix: string) => Object.entries(times).filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + median(v), 0);
console.log(`${rows} rows, ${runs} runs, file ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB, CSV ${(statSync(csv).size / 2 ** 20).toFixed(1)} MiB`);
const cpuSum = (prefix: string) => Object.entries(cpu).filter(([k]) => k.startsWith(prefix)).reduce((s, [, v]) => s + median(v), 0);
for (const [k, v] of Object.entries(times)) {
  console.log(`${k.padEnd(30)} wall ${median(v).toFixed(3)} s (${(median(v) / ref).toFixed(2)} x ref) [${v.map((x) => x.toFixed(2)).join(' ')}]  cpu ${median(cpu[k]!).toFixed(3)} s`);
}
console.log(`save total: wall ${sum('save').toFixed(2)} s (${(sum('save') / ref).toFixed(1)} x ref), cpu ${cpuSum('save').toFixed(2)} s`);
console.log(`reopen total: wall ${sum('reopen').toFixed(2)} s (${(sum('reopen') / ref).toFixed(1)} x ref), cpu ${cpuSum('reopen').toFixed(2)} s`);
