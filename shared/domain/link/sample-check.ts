/**
 * Link checks on the sample city: its exports go through the standard ingest pipeline (as an
 * analyst would load them), are linked with the rules an analyst would use, and the links are
 * scored against the generator's ground truth (sources.ts buildTruthLinks). Used by the tests
 * and by bench/link.ts, so both measure the same thing.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { ingestSource } from '../ingest/pipeline';
import { sourceFromBytes } from '../ingest/source';
import type { DatasetKind } from '../ingest/mapping';
import { arrestNumbers, buildTruthLinks, personId, toSampleFiles, toSourceFiles, type SampleCity, type SampleSources } from '../sample/index';
import { computeLinks, type LinkCounts } from './compute';
import { scoreLinks, type LinkScore } from './evaluate';
import { queryLinkRecords, type LinkRecords } from './records';
import { parseLinkRule } from './rule';

/** The checks: which files, which rule, which truth. */
export const SAMPLE_LINK_CHECKS = [
  { name: 'calls -> incidents by case', a: 'calls', b: 'incidents', by: 'case', truth: 'call-case' },
  { name: 'arrests -> incidents by case', a: 'arrests', b: 'incidents', by: 'case', truth: 'arrest-case' },
  { name: 'calls -> incidents by place', a: 'calls', b: 'incidents', by: 'place:30m,2d', truth: 'call-case' },
  { name: 'hospital -> violent incidents by place', a: 'hospital', b: 'violent', by: 'place:150m,1d', truth: 'hospital-incident' },
  { name: 'field interviews -> arrests by person', a: 'field-interviews', b: 'arrests', by: 'person', truth: 'fi-arrest-person' },
] as const;

/** One check's outcome. */
export interface SampleLinkResult {
  readonly name: string;
  readonly rule: string;
  readonly counts: LinkCounts;
  readonly score: LinkScore;
  /** Seconds to compute the links (loading excluded). */
  readonly seconds: number;
}

const FILES: Record<string, [string, DatasetKind, string | undefined]> = {
  incidents: ['incidents.csv', 'incidents', undefined],
  calls: ['calls_for_service.csv', 'calls', 'EPSG:2276'],
  arrests: ['arrests.csv', 'arrests', undefined],
  'field-interviews': ['field_interviews.csv', 'field-interviews', undefined],
  hospital: ['hospital_injuries.csv', 'hospital', undefined],
};

/** Ingests the sample files a check needs and reads their link records. */
export async function loadSampleLinkRecords(engine: SqlEngine, city: SampleCity, sources: SampleSources): Promise<Result<Record<string, LinkRecords>, AppError>> {
  const files = new Map([...toSampleFiles(city), ...toSourceFiles(city, sources)].map((f) => [f.name, f]));
  const out: Record<string, LinkRecords> = {};
  let analysisCrs: string | undefined;
  for (const [id, [name, kind, crs]] of Object.entries(FILES)) {
    const file = files.get(name);
    if (!file) return err({ kind: 'internal', message: `sample file ${name} missing` });
    const bytes = new TextEncoder().encode([...file.chunks()].join(''));
    const table = `sample_link_${id.replace(/-/g, '_')}`;
    const ingested = await ingestSource(engine, sourceFromBytes(name, bytes), { kind, table, ...(crs ? { crs } : {}), ...(analysisCrs ? { analysisCrs } : {}) });
    if (!ingested.ok) return err({ kind: 'internal', message: `ingest of ${name}: ${JSON.stringify(ingested.error)}` });
    analysisCrs ??= ingested.value.summary.analysis_crs?.code ?? undefined;
    const r = await queryLinkRecords(engine, table, id);
    if (!r.ok) return r;
    out[id] = r.value;
    if (id === 'incidents') {
      const v = await queryLinkRecords(engine, table, 'violent incidents', "offense_code IN ('09A', '13A', '120')");
      if (!v.ok) return v;
      out.violent = v.value;
    }
    await engine.query(`DROP TABLE IF EXISTS "${table}"; DROP TABLE IF EXISTS "${table}_quarantine"`);
  }
  return ok(out);
}

/** True pairs of a check: from the ground truth, or (field interview, arrest) pairs of one true person. */
export function truthPairs(city: SampleCity, sources: SampleSources, kind: string): { from: string[]; to: string[] } {
  const t = buildTruthLinks(city, sources);
  if (kind !== 'fi-arrest-person') {
    const from: string[] = [];
    const to: string[] = [];
    t.kind.forEach((k, i) => {
      if (k === kind) {
        from.push(t.from[i] as string);
        to.push(t.to[i] as string);
      }
    });
    return { from, to };
  }
  const arrestsOf = new Map<string, string[]>();
  const numbers = arrestNumbers(city);
  for (let k = 0; k < city.arrests.count; k++) {
    const p = personId(city.arrests.person[k] as number);
    arrestsOf.set(p, [...(arrestsOf.get(p) ?? []), numbers[k] as string]);
  }
  const from: string[] = [];
  const to: string[] = [];
  t.kind.forEach((k, i) => {
    if (k !== 'fi-person') return;
    for (const a of arrestsOf.get(t.to[i] as string) ?? []) {
      from.push(t.from[i] as string);
      to.push(a);
    }
  });
  return { from, to };
}

/** Runs every SAMPLE_LINK_CHECKS entry on loaded records. */
export function runSampleLinkChecks(city: SampleCity, sources: SampleSources, records: Record<string, LinkRecords>): SampleLinkResult[] {
  return SAMPLE_LINK_CHECKS.map((c) => {
    const rule = parseLinkRule(c.by);
    if (!rule.ok) throw new Error(`bad built-in rule ${c.by}`);
    const A = records[c.a] as LinkRecords;
    const B = records[c.b] as LinkRecords;
    const started = performance.now();
    const links = computeLinks(A, B, rule.value);
    const seconds = (performance.now() - started) / 1000;
    const truth = truthPairs(city, sources, c.truth);
    return { name: c.name, rule: c.by, counts: links.counts, score: scoreLinks(A, B, links, truth.from, truth.to), seconds };
  });
}
