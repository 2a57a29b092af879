/**
 * Linking on real generated data: the sample city's exports go through the ingest pipeline and
 * are linked with the rules an analyst would use; counts, precision and recall are checked
 * against the generator's ground truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleLinkRecords, runSampleLinkChecks, type SampleLinkResult } from '../../../../shared/domain/link/sample-check';
import { buildTruthLinks, generateSampleCity, generateSampleSources } from '../../../../shared/domain/sample/index';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

describe('links on the sample city', () => {
  const city = generateSampleCity({ incidents: 5000, years: 2, seed: 11 });
  const sources = generateSampleSources(city);
  let engine: SqlEngine;
  let results: SampleLinkResult[];
  const byName = (n: string) => results.find((r) => r.name.startsWith(n)) as SampleLinkResult;

  beforeAll(async () => {
    engine = await openTestEngine();
    const loaded = await loadSampleLinkRecords(engine, city, sources);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    results = runSampleLinkChecks(city, sources, loaded.value);
  }, 180_000);
  afterAll(async () => engine.close());

  it('links every call and arrest to its case by case number, exactly as the ground truth says', () => {
    const truth = buildTruthLinks(city, sources);
    const calls = byName('calls -> incidents by case');
    // Every true call-case link whose incident survived ingest is found, and nothing else.
    expect(calls.score.precision).toBe(1);
    expect(calls.score.recall).toBe(1);
    expect(calls.score.truth + calls.score.truthMissing).toBe(truth.kind.filter((k) => k === 'call-case').length);
    expect(calls.counts.links).toBe(calls.score.truth);
    // Calls that never became a case are not linked.
    expect(calls.counts.aLinked).toBeLessThan(calls.counts.aRecords / 2);
    const arrests = byName('arrests -> incidents by case');
    expect(arrests.score).toMatchObject({ precision: 1, recall: 1 });
    expect(arrests.counts.review).toBe(0);
  });

  it('recovers most call-case links by place and time alone, with the doubtful ones in review', () => {
    const r = byName('calls -> incidents by place');
    expect(r.score.precision).toBeGreaterThan(0.95);
    expect(r.score.recall).toBeGreaterThan(0.9);
    expect(r.counts.review).toBeGreaterThan(0);
    // The review list holds a higher share of wrong links than the certain ones.
    const wrongInReview = (r.score.review - r.score.reviewCorrect) / r.score.review;
    const wrongCertain = (r.score.found - r.score.correct - (r.score.review - r.score.reviewCorrect)) / (r.score.found - r.score.review);
    expect(wrongInReview).toBeGreaterThan(wrongCertain);
  });

  it('matches hospital records to violent incidents by block and date; beat-only records stay unmatched', () => {
    const r = byName('hospital');
    expect(r.score.precision).toBeGreaterThan(0.95);
    let block = 0;
    let reported = 0;
    for (let k = 0; k < sources.hospital.count; k++) {
      if ((sources.hospital.incident[k] as number) < 0) continue;
      reported++;
      if (sources.hospital.precision[k] === 0) block++;
    }
    // Recall is bounded by the share located by block (the rest has only a beat centre).
    expect(r.score.recall).toBeLessThanOrEqual(block / reported + 0.05);
    expect(r.score.recall).toBeGreaterThan(block / reported - 0.1);
    // Unreported injuries (no incident) rarely link: links are about the reported ones.
    expect(r.counts.aLinked).toBeLessThan(reported);
  });

  it('links field interviews to arrests by person despite written variants; typos cost a little', () => {
    const r = byName('field interviews -> arrests by person');
    // A typo'd id often names another arrested person (ids are dense in a small city).
    expect(r.score.precision).toBeGreaterThan(0.93);
    expect(r.score.precision).toBeLessThan(1);
    // A typo'd card of a prolific person misses all of their arrests: pairs weigh by arrests.
    expect(r.score.recall).toBeGreaterThan(0.93);
    expect(r.score.recall).toBeLessThan(1);
    expect(r.counts.review).toBeGreaterThan(0);
  });
});
