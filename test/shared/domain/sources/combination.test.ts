import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import {
  buildWeightedUnionSql,
  combinationKey,
  formatCombinationLabel,
  formatSourceOption,
  listCombinations,
  parseCombinationDocument,
  toCombinationDocument,
  toCombinationLogEntry,
} from '../../../../shared/domain/sources/combination';
import { parseSourceSpec } from '../../../../shared/domain/sources/combine';
import { createRng } from '../../../../shared/base/random';
import type { SqlEngine } from '../../../../shared/engine/sql-engine';
import { openTestEngine } from '../../../helpers/engine';

const AT = '2026-01-02T03:04:05.000Z';
const HARM = [
  { dataset: 'incidents', kind: 'incidents', weight: 1 },
  { dataset: 'src-calls', kind: 'calls', weight: 0.25 },
];

describe('a saved weighted combination (sources/<name>)', () => {
  it('round-trips through the document, labels itself as weighted with every weight, and gives the CLI --source text', () => {
    const doc = toCombinationDocument(' harm ', HARM, AT);
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    expect(doc.value.name).toBe('harm');
    expect(combinationKey('harm')).toBe('sources/harm');
    expect(formatCombinationLabel(doc.value)).toBe('Weighted combination "harm": incidents × 1 + src-calls × 0.25');
    expect(formatSourceOption(doc.value.sources)).toBe('incidents=1,src-calls=0.25');
    // The CLI parses the same text to the same weights.
    expect(parseSourceSpec(formatSourceOption(doc.value.sources))).toEqual({ ok: true, value: [{ name: 'incidents', weight: 1 }, { name: 'src-calls', weight: 0.25 }] });
    const back = parseCombinationDocument(JSON.parse(JSON.stringify(doc.value)), 'sources/harm');
    expect(back).toEqual(doc);
    const log = toCombinationLogEntry(doc.value, 'analyst');
    expect(log).toMatchObject({ action: 'sources.combine', at: AT, parameters: { name: 'harm', source: 'incidents=1,src-calls=0.25' } });
    expect(log.note).toContain('× 0.25');
  });

  it('refuses what the CLI refuses, naming the field and the value', () => {
    const cases: [string, { dataset: string; kind: string; weight: number }[], string][] = [
      ['bad name!', HARM, 'Name'],
      ['x', [], '--source'],
      ['x', [{ dataset: 'a', kind: 'calls', weight: -1 }], '--source'],
      ['x', [{ dataset: 'a', kind: 'calls', weight: Number.NaN }], '--source'],
      ['x', [{ dataset: 'a', kind: 'calls', weight: 1 }, { dataset: 'a', kind: 'calls', weight: 2 }], '--source'],
      ['x', [{ dataset: 'a', kind: 'calls', weight: 0 }], '--source-weights'],
    ];
    for (const [name, sources, field] of cases) {
      const r = toCombinationDocument(name, sources, AT);
      expect(r.ok, `${name} ${JSON.stringify(sources)}`).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-argument', name: field });
    }
  });

  it('lists only valid combination documents stored under their own name', () => {
    const good = toCombinationDocument('harm', HARM, AT);
    if (!good.ok) throw new Error('fixture');
    const docs = { 'sources/harm': good.value, 'sources/other': good.value, 'sources/junk': { kind: 'x' }, 'designs/a': {} };
    expect(listCombinations(docs).map((d) => d.name)).toEqual(['harm']);
    expect(parseCombinationDocument({ kind: 'x' }, 'sources/junk')).toMatchObject({ ok: false, error: { kind: 'file-format', path: 'sources/junk' } });
  });
});

describe('the weighted union SQL', () => {
  let engine: SqlEngine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('keeps every row of each table, matches columns by name and sums to the weighted count', async () => {
    const a = tableFromArrays({ x: Float64Array.from([0, 10, 20]), y: Float64Array.from([0, 0, 0]), offense_code: ['13A', '120', '13A'] });
    const b = tableFromArrays({ x: Float64Array.from([5, 15]), y: Float64Array.from([1, 1]), call_type: ['SHOTS', 'DISTURB'] });
    expect((await engine.insertArrowTable('ua', a)).ok).toBe(true);
    expect((await engine.insertArrowTable('ub', b)).ok).toBe(true);
    const sql = buildWeightedUnionSql([
      { table: 'ua', dataset: 'incidents', weight: 1 },
      { table: 'ub', dataset: 'calls', weight: 0.25 },
    ]);
    const r = await engine.query(`SELECT count(*)::INT AS n, sum(source_weight) AS w, count(call_type)::INT AS calls, count(offense_code)::INT AS inc, string_agg(DISTINCT source_dataset, ',' ORDER BY source_dataset) AS s FROM (${sql})`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toArray()[0]?.toJSON()).toEqual({ n: 5, w: 3.5, calls: 2, inc: 3, s: 'calls,incidents' });
  });

  it('property: for random tables and weights, SUM(source_weight) = Σ rows × weight', async () => {
    const rng = createRng(12);
    const rnd = () => rng.next();
    for (let trial = 0; trial < 5; trial++) {
      const parts = [];
      let expected = 0;
      for (let k = 0; k < 3; k++) {
        const n = Math.floor(rnd() * 20);
        const w = Math.round(rnd() * 400) / 100;
        const name = `p${trial}_${k}`;
        expect((await engine.insertArrowTable(name, tableFromArrays({ x: Float64Array.from({ length: n }, () => rnd()) }))).ok).toBe(true);
        parts.push({ table: name, dataset: name, weight: w });
        expected += n * w;
      }
      const r = await engine.query(`SELECT coalesce(sum(source_weight), 0) AS w FROM (${buildWeightedUnionSql(parts)})`);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Number(r.value.toArray()[0]?.w)).toBeCloseTo(expected, 9);
    }
  });
});
