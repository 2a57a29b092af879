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
 *
 * The case counts are seeded prefixes (case i is drawn from the seed and i alone, so a shorter run
 * is a prefix of a longer one) long enough to draw EVERY mutator of every target at least once,
 * which the last test checks: the project mutators are all drawn by case 34, CSV by 38, Excel by
 * 41, Shapefile by 33, reference GeoJSON by 27 and reference Shapefile by 36. GeoJSON keeps 60:
 * its `invalid-utf8` is first drawn at case 80 and `many-rows` never applies to one-line JSON.
 */
/** Cases per target (see above for why these counts). */
const CASES = { project: 60, csv: 50, xlsx: 50, geojson: 60, shapefile: 40, 'reference-geojson': 32, 'reference-shapefile': 40 };

describe('hostile input: fuzzing the project reader and the CSV, Excel, GeoJSON and Shapefile readers', () => {
  let report: FuzzReport;

  it('runs 60 mutated project files, 50 CSV files and 32-60 of each other import format to a clear end', async () => {
    report = await runFuzz({
      cases: CASES,
      seed: 20240502,
      timeoutMs: 30_000,
    });
    for (const [name, t] of Object.entries(report.targets)) {
      expect({ target: name, failures: t.failures.map((f) => `#${f.index} [${f.outcome}] ${f.mutator}: ${f.label} -> ${f.message}`) }).toEqual({ target: name, failures: [] });
      expect(t.outcomes.violation + t.outcomes.crash + t.outcomes.hang + t.outcomes.escape).toBe(0);
    }
    for (const [name, n] of Object.entries(CASES)) expect(report.targets[name]!.cases, name).toBe(n);
  }, 900_000);

  it('runs readers in a sandbox: a write outside the case folder is refused and reported as an escape', async () => {
    const probe = await runFuzz({ cases: { 'escape-probe': 2 }, seed: 1, timeoutMs: 30_000 });
    expect(probe.targets['escape-probe']!.outcomes).toMatchObject({ escape: 2, loaded: 0 });
    expect(probe.targets['escape-probe']!.failures[0]!.message).toMatch(/ERR_ACCESS_DENIED|restricted/);
    expect(existsSync(path.join(tmpdir(), ESCAPE_PROBE_FILE))).toBe(false);
  });

  it('exercised both outcomes and every mutator, so a reader that broke would be noticed', () => {
    for (const name of ['project', 'csv', 'xlsx', 'shapefile', 'reference-geojson', 'reference-shapefile']) {
      const t = report.targets[name]!;
      expect(t.outcomes.loaded, name).toBeGreaterThan(0);
      expect(t.outcomes.error, name).toBeGreaterThan(0);
      const mutators = FUZZ_TARGETS[name]!.mutators.flat().map((m) => m.name);
      expect(Object.keys(t.byMutator).sort(), name).toEqual([...new Set(mutators)].sort());
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
