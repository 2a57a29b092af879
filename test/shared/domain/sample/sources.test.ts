import { describe, expect, it } from 'vitest';
import { buildTruthLinks, generateSampleCity, generateSampleSources, toSampleFiles, toSourceFiles } from '../../../../shared/domain/sample/index';
import { FI_ID_TYPO_RATE, FI_ID_VARIANT_RATE, FI_PER_INCIDENT } from '../../../../shared/domain/sample/people-sources';
import { HOSPITAL_BLOCK_RATE } from '../../../../shared/domain/sample/place-sources';
import { hashFiles, parseCsv } from './sample-fixtures';

describe('sample city partner sources', () => {
  const options = { incidents: 6000, years: 2, seed: 5 };
  const city = generateSampleCity(options);
  const sources = generateSampleSources(city);
  const files = toSourceFiles(city, sources);
  const text = (name: string) => [...files.find((f) => f.name === name)!.chunks()].join('');

  it('is deterministic and leaves the RMS export, calls and arrests byte-identical', () => {
    const before = hashFiles(toSampleFiles(generateSampleCity(options)));
    const again = generateSampleCity(options);
    const s2 = generateSampleSources(again);
    expect(hashFiles(toSourceFiles(again, s2))).toBe(hashFiles(files));
    expect(hashFiles(toSampleFiles(again))).toBe(before);
    expect(files.map((f) => f.name)).toEqual(['field_interviews.csv', 'probation_parole.csv', 'hospital_injuries.csv', 'facilities.csv', 'ground_truth_links.csv', 'ground_truth_sources.json']);
  });

  it('writes partner exports with the documented headers and one row per record', () => {
    const fi = parseCsv(text('field_interviews.csv'));
    expect(fi[0]).toEqual(['FI Number', 'Contact Date', 'Person ID', 'Reason', 'Contact Address', 'Latitude', 'Longitude']);
    expect(fi.length - 1).toBe(sources.fieldInterviews.count);
    expect(sources.fieldInterviews.count).toBe(Math.round(FI_PER_INCIDENT * 6000));
    const hosp = parseCsv(text('hospital_injuries.csv'));
    expect(hosp[0]).toContain('Arrival Date');
    expect(hosp[1]![1]).toMatch(/^\d{4}-\d{2}-\d{2}$/); // a date, no time
    expect(hosp.slice(1).every((r) => (r[4] === 'BLOCK' ? /BLOCK OF/.test(r[5]!) : /^BEAT /.test(r[5]!)))).toBe(true);
    const fac = parseCsv(text('facilities.csv'));
    expect(fac.slice(1).filter((r) => /SCHOOL/.test(r[2]!))).toHaveLength(30);
  });

  it('plants repeat people across sources: arrestees recur in field interviews, supervision and hospital', () => {
    const arrested = new Set(Array.from(city.arrests.person));
    const fiKnown = Array.from(sources.fieldInterviews.person).filter((p) => arrested.has(p)).length;
    expect(fiKnown / sources.fieldInterviews.count).toBeGreaterThan(0.5);
    const counts = new Map<number, number>();
    for (const p of sources.fieldInterviews.person) counts.set(p, (counts.get(p) ?? 0) + 1);
    expect([...counts.values()].filter((c) => c >= 3).length).toBeGreaterThan(10);
    expect(Array.from(sources.supervision.person).every((p) => arrested.has(p))).toBe(true);
    expect(Array.from(sources.hospital.person).some((p) => arrested.has(p))).toBe(true);
  });

  it('writes ground truth links whose counts and written id messiness match the summary', () => {
    const truth = buildTruthLinks(city, sources);
    const gt = JSON.parse(text('ground_truth_sources.json'));
    const rows = parseCsv(text('ground_truth_links.csv'));
    expect(rows.length - 1).toBe(truth.kind.length);
    expect(gt.links.counts['call-case']).toBe(Array.from(city.calls.incident).filter((i) => i >= 0).length);
    expect(gt.links.counts['arrest-case']).toBe(city.arrests.count);
    expect(gt.links.counts['hospital-incident']).toBe(gt.counts.hospitalReported);
    const n = sources.fieldInterviews.count;
    expect(gt.counts.fieldInterviewIdTypos).toBeGreaterThan(0);
    expect(gt.counts.fieldInterviewIdTypos / n).toBeLessThan(FI_ID_TYPO_RATE * 3);
    expect(gt.counts.fieldInterviewIdVariants / n).toBeGreaterThan(FI_ID_VARIANT_RATE / 2);
    expect(gt.counts.hospitalBlockLocated / gt.counts.hospitalRecords).toBeCloseTo(HOSPITAL_BLOCK_RATE, 1);
    // A typo'd card names someone else in the file but the truth keeps the real person.
    const fi = parseCsv(text('field_interviews.csv')).slice(1);
    const k = Array.from(sources.fieldInterviews.idStyle).indexOf(2);
    const truthRow = truth.kind.findIndex((x, i) => x === 'fi-person' && truth.from[i] === fi[k]![0]);
    expect(truth.to[truthRow]).not.toBe(fi[k]![2]);
  });
});
