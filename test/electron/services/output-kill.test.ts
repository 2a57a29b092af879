import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIngestKillInputs, writeTargetsKillInputs } from './fixtures/kill-inputs';
import { runOutputKillLoop, summarizeOutputKills, type OutputKillReport } from './fixtures/output-kill-loop';

/**
 * Issue 10 "Nothing lost", import and export: a process writing `spi ingest`'s outputs (the
 * normalized Parquet, quarantine.csv, quality.json, mapping.json, sensitive.json) or a
 * `spi export targets` file, SIGKILLed at random moments, always leaves each file as a whole
 * earlier or newer version, byte for byte, never a partial one. 5 and 3 kills here;
 * `node --import tsx bench/kill.ts --target ingest|targets` runs 200+.
 * The seeded kills cover each place a kill can land (write number @ fraction of a write):
 * ingest 1@0.72 (the first write, nothing whole yet), 2@0.74, 3@0.56, 3@0.88 (mid-write after
 * whole versions) and 3@0.05 (as a write starts); targets 3@0.36, 1@1.19 (just after a whole
 * write), 1@0.84. The next kills of these seeds (ingest 2@0.08, targets 3@0.62) repeat a phase.
 */
describe('outputs survive being killed while they are written', () => {
  let dir: string;
  let ingest: OutputKillReport;
  let targets: OutputKillReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-output-kill-'));
    const ingestInputs = await writeIngestKillInputs(dir);
    const targetInputs = await writeTargetsKillInputs(path.join(dir));
    ingest = await runOutputKillLoop({ mode: 'ingest', dir: path.join(dir, 'ingest'), inputs: ingestInputs, iterations: 5, seed: 20240601 });
    targets = await runOutputKillLoop({ mode: 'targets', dir: path.join(dir, 'targets'), inputs: targetInputs, iterations: 3, seed: 20240602 });
  }, 900_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spi ingest: every output is version A or B whole after each of 5 kills, and the next write cleans up', () => {
    expect(ingest.violations).toEqual([]);
    expect(ingest.outcomes).toHaveLength(5);
    expect(ingest.tempsAtEnd).toBe(0);
    const s = summarizeOutputKills(ingest.outcomes);
    // Seed 20240601 lands kills inside writes (temporary files left) and after completed ones.
    expect(s.killsLeavingTemps).toBeGreaterThan(0);
    expect(ingest.outcomes.some((o) => o.writes > 0)).toBe(true);
  });

  it('spi export targets: the CSV is version A or B whole after each of 3 kills', () => {
    expect(targets.violations).toEqual([]);
    expect(targets.outcomes).toHaveLength(3);
    expect(targets.outcomes.some((o) => o.files['targets.csv'] !== 'absent')).toBe(true);
    expect(targets.tempsAtEnd).toBe(0);
  });
});
