// `node --import tsx bench/stats.ts [--runs 3] [--task gistar|knox|dbscan]`: speed and memory of
// the hot spot statistics on seeded synthetic data (issue 6):
//   - Gi* with a 500 m distance band on ~100,000 grid cells (100 m cells; ~80 neighbours each),
//   - Knox with 999 Monte Carlo simulations on 20,000 events,
//   - DBSCAN on 1,000,000 clustered points.
// Each task runs in its own child process (so its peak RSS is its own), `runs` times; we print
// the median wall time and CPU time (data generation excluded) and the child's peak RSS
// (process.resourceUsage().maxRSS). The last line is JSON for bench/run.ts to pick up.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '../shared/base/random';
import { unwrap } from '../shared/base/result';
import { cellCentres, createGrid } from '../shared/domain/geo/grid';
import { computeDbscan } from '../shared/domain/stats/dbscan';
import { computeGiStar } from '../shared/domain/stats/gi-star';
import { computeKnox } from '../shared/domain/stats/knox';
import { computeDistanceBandWeights } from '../shared/domain/stats/weights';

const TASKS = ['gistar', 'knox', 'dbscan'] as const;
type Task = (typeof TASKS)[number];

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, task: { type: 'string' } } });
const runs = Number(values.runs);

/** Clustered points in a square city: `share` of them in Gaussian blobs, the rest uniform. */
function cityPoints(n: number, seed: number, size: number, blobs: number, share: number, sd: [number, number]) {
  const rng = createRng(seed);
  const cx = Float64Array.from({ length: blobs }, () => rng.uniform(0, size));
  const cy = Float64Array.from({ length: blobs }, () => rng.uniform(0, size));
  const s = Float64Array.from({ length: blobs }, () => rng.uniform(sd[0], sd[1]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rng.next() < share) {
      const b = rng.int(blobs);
      x[i] = rng.normal(cx[b], s[b]);
      y[i] = rng.normal(cy[b], s[b]);
    } else {
      x[i] = rng.uniform(0, size);
      y[i] = rng.uniform(0, size);
    }
  }
  return { x, y, rng };
}

function prepare(task: Task): () => Record<string, unknown> {
  if (task === 'gistar') {
    const grid = unwrap(createGrid('square', 100, { minX: 0, minY: 0, maxX: 31_699, maxY: 31_599 }));
    const { x, y } = cellCentres(grid);
    const pts = cityPoints(300_000, 1, 31_700, 400, 0.5, [80, 300]);
    const counts = new Float64Array(grid.count);
    for (let i = 0; i < pts.x.length; i++) {
      const c = Math.floor(pts.x[i]! / 100);
      const r = Math.floor(pts.y[i]! / 100);
      if (c >= 0 && c < grid.cols && r >= 0 && r < grid.rows) counts[r * grid.cols + c]! += 1;
    }
    return () => {
      const t0 = performance.now();
      const w = unwrap(computeDistanceBandWeights(x, y, 500));
      const t1 = performance.now();
      const gi = unwrap(computeGiStar(counts, w, { fdr: true }));
      const t2 = performance.now();
      return {
        units: grid.count,
        neighbours: w.neighbours.length,
        weightsSeconds: (t1 - t0) / 1000,
        giSeconds: (t2 - t1) / 1000,
        hot99: gi.bin.filter((b) => b === 3).length,
      };
    };
  }
  if (task === 'knox') {
    const { x, y, rng } = cityPoints(20_000, 2, 20_000, 300, 0.6, [100, 400]);
    const t = Float64Array.from({ length: x.length }, () => rng.int(730));
    return () => {
      const r = unwrap(
        computeKnox(x, y, t, { spaceBands: [0, 1, 100, 200, 300, 400, Infinity], timeBands: [0, 7, 14, 21, 28, Infinity], simulations: 999, seed: 1 }),
      );
      // ratio and p of [1, 100) m x [0, 7) days (row 1, column 0 of the 6 x 5 table)
      return { events: x.length, closePairs: r.closePairs, simulations: r.simulations, ratio100m7d: r.ratio[5], p100m7d: r.p[5] };
    };
  }
  const { x, y } = cityPoints(1_000_000, 3, 30_000, 2000, 0.7, [40, 200]);
  return () => {
    const r = unwrap(computeDbscan(x, y, 50, 10));
    return { points: x.length, eps: 50, minPoints: 10, clusters: r.clusterCount, noise: r.noiseCount };
  };
}

function runTask(task: Task): void {
  const work = prepare(task);
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let extra: Record<string, unknown> = {};
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    extra = work();
    const c = process.cpuUsage(c0);
    seconds.push((performance.now() - t0) / 1000);
    cpuSeconds.push((c.user + c.system) / 1e6);
  }
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ task, seconds, cpuSeconds, peakRssMiB, ...extra })}\n`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

if (values.task) {
  if (!TASKS.includes(values.task as Task)) throw new Error(`--task must be one of ${TASKS.join(', ')}`);
  runTask(values.task as Task);
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, unknown>[] = [];
  console.log(`SPI Workbench statistics benchmark: median of ${runs} runs, node ${process.version}`);
  console.log('| task | median wall (cpu) | runs (wall) | peak RSS | details |\n|---|---|---|---|---|');
  for (const task of TASKS) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--task', task, '--runs', String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`task ${task} failed (${r.status}):\n${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number[]; cpuSeconds: number[]; peakRssMiB: number } & Record<string, unknown>;
    const { seconds, cpuSeconds, peakRssMiB, task: _t, ...details } = out;
    results.push({ task, medianSeconds: median(seconds), medianCpuSeconds: median(cpuSeconds), seconds, peakRssMiB, ...details });
    console.log(
      `| ${task} | ${median(seconds).toFixed(2)} s (cpu ${median(cpuSeconds).toFixed(2)} s) | ${seconds.map((s) => s.toFixed(2)).join(', ')} | ${peakRssMiB.toFixed(0)} MiB | ${JSON.stringify(details)} |`,
    );
  }
  console.log(JSON.stringify({ stats: results }));
}
