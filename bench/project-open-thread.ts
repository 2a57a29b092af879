// `node --import tsx bench/project-open-thread.ts [--incidents 1000000] [--runs 3]`: how long
// reopening a project blocks the UI thread (issue 4), before and after moving the read into a
// worker. A synthetic incidents table (12 columns, seeded, generated in DuckDB) is saved the way
// the app saves (engine -> SNAPPY Parquet -> .spiproj); then, alternating in one process:
//   - before: readProject on the main thread (what project-tasks.ts did);
//   - after: the main thread copies the bytes and posts them to a worker_threads worker that runs
//     readProject + packOpenedProject (renderer/workers/project-read.worker.ts's steps), the
//     tables come back as transferred IPC buffers and the main thread runs unpackOpenedProject.
// Main-thread busy time is the event loop's active time (performance.eventLoopUtilization), the
// longest block is the longest synchronous step on the main thread. Medians of `runs`.
// `engineInsertEncode` is the next UI-thread cost of a reopen, outside the read: the browser
// engine re-encodes the table as IPC to insert it.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { tableToIPC } from 'apache-arrow';
import { readProject } from '../shared/domain/project/read-project';
import { packOpenedProject, unpackOpenedProject, type PackedProject } from '../renderer/features/project/project-transfer';

if (!isMainThread) {
  parentPort!.on('message', async (bytes: Uint8Array) => {
    const r = await readProject(bytes, 'bench.spiproj');
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { message, transfer } = packOpenedProject(r.value);
    parentPort!.postMessage(message, transfer);
  });
} else {
  const { values } = parseArgs({ options: { incidents: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
  const n = Number(values.incidents);
  const runs = Number(values.runs);
  const { openNodeEngine } = await import('../electron/services/duckdb-node');
  const { writeTableAsParquet } = await import('../shared/domain/ingest/parquet-write');
  const { memorySink } = await import('../shared/domain/ingest/source');
  const { createProject } = await import('../shared/domain/project/project');
  const { writeProject } = await import('../shared/domain/project/write-project');
  const engine = await openNodeEngine();
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  must(await engine.query('SELECT setseed(0.42)'));
  must(
    await engine.query(`CREATE TABLE incidents AS SELECT
      'C-' || i AS case_number, TIMESTAMP '2023-01-01' + to_seconds((random() * 730 * 86400)::BIGINT) AS occurred_from,
      TIMESTAMP '2023-01-01' + to_seconds((random() * 730 * 86400)::BIGINT) AS occurred_to,
      (['13A','13B','120','220','23F','23H','240','290','35A','520'])[1 + (random() * 9)::INTEGER] AS offense_code,
      'B' || (1 + (random() * 39)::INTEGER) AS beat, -90.05 + random() * 0.2 AS lon, 35.12 + random() * 0.2 AS lat,
      (random() * 9999)::INTEGER || ' MAIN ST' AS address, (['RESIDENCE','STREET','PARKING LOT','STORE'])[1 + (random() * 3)::INTEGER] AS premise,
      (random() * 3)::INTEGER AS victims, random() < 0.3 AS cleared, 'REPORT ' || (random() * 100000)::INTEGER AS narrative
    FROM range(${n}) t(i)`),
  );
  const sink = memorySink();
  must(await writeTableAsParquet(engine, 'incidents', sink, { codec: 'SNAPPY' }));
  const project = createProject({ title: 'bench' });
  project.datasets = [
    {
      meta: {
        id: 'incidents', name: 'incidents.csv', kind: 'incidents', rows: n,
        source: { fileName: 'incidents.csv', sha256: null, bytes: null, storage: 'embedded', path: null },
        crs: { source: null, analysis: null }, mapping: null, hasQuarantine: false, hasQuality: false,
      },
      table: null, parquet: sink.bytes(), quarantine: null, quality: null,
    },
  ];
  const file = await writeProject(project, { appVersion: 'bench' });
  await engine.close();

  // A worker running this file through tsx (workers do not inherit the --import loader).
  const worker = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`, { eval: true });
  const fig: Record<string, number[]> = { beforeBusy: [], beforeWall: [], afterBusy: [], afterCopyPost: [], afterUnpack: [], afterLongest: [], afterWall: [], engineInsertEncode: [] };
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    // before: everything on the main thread
    let elu = performance.eventLoopUtilization();
    let t0 = performance.now();
    const direct = must(await readProject(file, 'bench.spiproj'));
    fig.beforeWall!.push(performance.now() - t0);
    fig.beforeBusy!.push(performance.eventLoopUtilization(elu).active);
    // after: copy + post, the worker reads, the main thread unpacks
    elu = performance.eventLoopUtilization();
    t0 = performance.now();
    let s0 = performance.now();
    const copy = file.slice();
    const reply = new Promise<PackedProject>((resolve) => worker.once('message', resolve));
    worker.postMessage(copy, [copy.buffer]);
    const copyPost = performance.now() - s0;
    const packed = await reply;
    s0 = performance.now();
    const opened = unpackOpenedProject(packed);
    const unpack = performance.now() - s0;
    fig.afterCopyPost!.push(copyPost);
    fig.afterUnpack!.push(unpack);
    const longest = Math.max(copyPost, unpack);
    fig.afterWall!.push(performance.now() - t0);
    fig.afterBusy!.push(performance.eventLoopUtilization(elu).active);
    fig.afterLongest!.push(longest);
    rows = opened.project.datasets[0]!.table!.numRows;
    // Not part of the read: the browser engine's insertArrowTable re-encodes the table as IPC on
    // the UI thread (renderer/db/duckdb-browser.ts), the next cost of a reopen on that thread.
    s0 = performance.now();
    tableToIPC(opened.project.datasets[0]!.table!, 'stream');
    fig.engineInsertEncode!.push(performance.now() - s0);
    if (rows !== direct.project.datasets[0]!.table!.numRows) throw new Error('row counts differ');
  }
  await worker.terminate();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = Object.fromEntries(Object.entries(fig).map(([k, v]) => [k, median(v)]));
  console.log(`SPI Workbench project reopen, UI-thread time: ${rows.toLocaleString('en-US')} rows x 12 columns, file ${(file.length / 2 ** 20).toFixed(1)} MiB, median of ${runs}, node ${process.version}`);
  console.log('| step | median | runs |\n|---|---|---|');
  for (const [k, v] of Object.entries(fig)) console.log(`| ${k} | ${m[k]!.toFixed(0)} ms | ${v.map((x) => x.toFixed(0)).join(', ')} |`);
  console.log(`main thread busy: ${m.beforeBusy!.toFixed(0)} ms before, ${m.afterBusy!.toFixed(0)} ms after (${(m.beforeBusy! / m.afterBusy!).toFixed(1)}x less; longest block ${m.afterLongest!.toFixed(0)} ms)`);
  console.log(JSON.stringify({ projectOpenThread: { rows, runs, fileMiB: file.length / 2 ** 20, medianMs: m } }));
  process.exit(0);
}
