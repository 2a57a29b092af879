import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliKillLoop, summarizeCliKills, type CliKillReport } from './fixtures/cli-kill-loop';

/**
 * Issue 10 "Nothing lost", import and export on the command line: the real `spi ingest` and
 * `spi export targets` processes, SIGKILLed at seeded-random moments of their writing phase
 * (0-125% of it, timed from the "writing outputs" line each prints with --progress: there a kill
 * can do harm), always leave each output absent or whole (version A or B byte for byte, both
 * parsed whole: Parquet and CSV through DuckDB, JSON, GeoJSON), their sources untouched, and
 * nothing the next run trips over. 12 and 4 kills here;
 * `node --import tsx bench/kill.ts --target cli-ingest|cli-export [--aim writes]` runs 200.
 * Export's kills were once timed over its whole run (engine start-up to just after the write):
 * under CI load a killed run ran longer than the reference runs it was timed by, all 4 kills
 * landed before the write and the last check below failed. Timed from its write, 20 kills
 * landed 5 before, 3 while and 9 after writing, and 3 after the run ended. The kill delays
 * follow a mean phase length measured as the loop goes, so ingest keeps its 12 kills: with 6, a
 * machine that got faster after the reference runs let most runs complete before their kill.
 */
describe('spi ingest and spi export survive being killed at any moment', () => {
  let dir: string;
  let ingest: CliKillReport;
  let exported: CliKillReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spi-cli-kill-'));
    ingest = await runCliKillLoop({ target: 'cli-ingest', dir: path.join(dir, 'ingest'), iterations: 12, seed: 20241001, aim: 'writes' });
    exported = await runCliKillLoop({ target: 'cli-export', dir: path.join(dir, 'export'), iterations: 4, seed: 20241321, aim: 'writes' });
    console.info(`cli kill test: ingest (writing phase) ${JSON.stringify(summarizeCliKills(ingest.outcomes))}; export (writing phase) ${JSON.stringify(summarizeCliKills(exported.outcomes))}`);
  }, 1_200_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spi ingest: every output absent or whole after each of 12 kills while writing; the next run cleans up', () => {
    expect(ingest.violations).toEqual([]);
    expect(ingest.outcomes).toHaveLength(12);
    expect(ingest.tempsAtEnd).toBe(0);
    // The delays are drawn over the measured writing phase: kills really landed inside it
    // (a temporary file of the killed run left, or some outputs replaced and others not).
    const phases = summarizeCliKills(ingest.outcomes);
    expect((phases.killedWhileWriting ?? 0) + (phases.killedAfterWriting ?? 0)).toBeGreaterThan(0);
  });

  it('spi export targets: the GeoJSON absent or whole after each of 4 kills while writing', () => {
    expect(exported.violations).toEqual([]);
    expect(exported.outcomes).toHaveLength(4);
    expect(exported.tempsAtEnd).toBe(0);
    // Some kill landed at or after the rename: the file a kill may not tear was really there.
    expect(exported.outcomes.some((o) => o.files['targets.geojson'] !== 'absent')).toBe(true);
  });
});
