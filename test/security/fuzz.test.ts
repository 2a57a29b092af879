import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzz, type FuzzReport } from './fuzz/harness';
import { ESCAPE_PROBE_FILE, FUZZ_TARGETS } from './fuzz/targets';

/**
 * The CI budget of the fuzz harness (issue 10, "Hostile and broken input"); `npm run fuzz`
 * (bench/fuzz.ts) runs the long one. Seeded: the same cases every run. Each case must end in a
 * correct load or a clear Result error: never a throw, a dead runner, a hang (30 s per case), a
 * wrong load, or a write outside the runner's temporary folder (Node's permission model refuses
 * it and the case counts as an escape).
 */
describe('hostile input: fuzzing the project reader and the CSV, Excel, GeoJSON and Shapefile readers', () => {
  let report: FuzzReport;

  it('runs 300 mutated project files, 100 CSV files and 40-60 of each other import format to a clear end', async () => {
    report = await runFuzz({
      cases: { project: 300, csv: 100, xlsx: 60, geojson: 60, shapefile: 60, 'reference-geojson': 40, 'reference-shapefile': 40 },
      seed: 20240502,
      timeoutMs: 30_000,
    });
    for (const [name, t] of Object.entries(report.targets)) {
      expect({ target: name, failures: t.failures.map((f) => `#${f.index} [${f.outcome}] ${f.mutator}: ${f.label} -> ${f.message}`) }).toEqual({ target: name, failures: [] });
      expect(t.outcomes.violation + t.outcomes.crash + t.outcomes.hang + t.outcomes.escape).toBe(0);
    }
    expect(report.targets.project!.cases).toBe(300);
    expect(report.targets.csv!.cases).toBe(100);
    expect(report.targets.xlsx!.cases).toBe(60);
  }, 900_000);

  it('runs readers in a sandbox: a write outside the case folder is refused and reported as an escape', async () => {
    const probe = await runFuzz({ cases: { 'escape-probe': 2 }, seed: 1, timeoutMs: 30_000 });
    expect(probe.targets['escape-probe']!.outcomes).toMatchObject({ escape: 2, loaded: 0 });
    expect(probe.targets['escape-probe']!.failures[0]!.message).toMatch(/ERR_ACCESS_DENIED|restricted/);
    expect(existsSync(path.join(tmpdir(), ESCAPE_PROBE_FILE))).toBe(false);
  });

  it('exercised both outcomes and every mutator, so a reader that broke would be noticed', () => {
    for (const name of ['project', 'csv']) {
      const t = report.targets[name]!;
      expect(t.outcomes.loaded).toBeGreaterThan(0);
      expect(t.outcomes.error).toBeGreaterThan(0);
      const mutators = FUZZ_TARGETS[name]!.mutators.flat().map((m) => m.name);
      expect(Object.keys(t.byMutator).sort()).toEqual([...new Set(mutators)].sort());
    }
    for (const name of ['xlsx', 'geojson', 'shapefile', 'reference-geojson', 'reference-shapefile']) {
      expect(report.targets[name]!.outcomes.loaded, name).toBeGreaterThan(0);
      expect(report.targets[name]!.outcomes.error, name).toBeGreaterThan(0);
    }
    // The zip-layer attacks were refused by name, not by luck.
    const refusals = report.targets.project!.topErrors.map(([message]) => message).join('\n');
    expect(refusals).toMatch(/project-refused/);
  });
});
