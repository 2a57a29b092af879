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
 * earlier or newer version, byte for byte, never a partial one. 6 and 4 kills here;
 * `node --import tsx bench/kill.ts --target ingest|targets` runs 200+.
 */
describe('outputs survive being killed while they are written', () => {
  let dir: string;
  let ingest: OutputKillReport;
  let targets: OutputKillReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-output-kill-'));
    const ingestInputs = await writeIngestKillInputs(dir);
    const targetInputs = await writeTargetsKillInputs(path.join(dir));
    ingest = await runOutputKillLoop({ mode: 'ingest', dir: path.join(dir, 'ingest'), inputs: ingestInputs, iterations: 6, seed: 20240601 });
    targets = await runOutputKillLoop({ mode: 'targets', dir: path.join(dir, 'targets'), inputs: targetInputs, iterations: 4, seed: 20240602 });
  }, 900_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spi ingest: every output is version A or B whole after each of 6 kills, and the next write cleans up', () => {
    expect(ingest.violations).toEqual([]);
    expect(ingest.outcomes).toHaveLength(6);
    expect(ingest.tempsAtEnd).toBe(0);
    const s = summarizeOutputKills(ingest.outcomes);
    // Seed 20240601 lands kills inside writes (temporary files left) and after completed ones.
    expect(s.killsLeavingTemps).toBeGreaterThan(0);
    expect(ingest.outcomes.some((o) => o.writes > 0)).toBe(true);
  });

  it('spi export targets: the CSV is version A or B whole after each of 4 kills', () => {
    expect(targets.violations).toEqual([]);
    expect(targets.outcomes).toHaveLength(4);
    expect(targets.outcomes.some((o) => o.files['targets.csv'] !== 'absent')).toBe(true);
    expect(targets.tempsAtEnd).toBe(0);
  });
});
