import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { evaluateDesign, evaluationKey, harmWeightsOfChoice, saveEvaluation, selectOutcome, washoutBetween, type EvaluationChoices } from '../../../../renderer/features/evaluation/evaluation-task';
import type { DesignData } from '../../../../renderer/features/design/design-points';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { harmWeightsFor, parseHarmWeights } from '../../../../shared/domain/evaluation/harm';
import { isAvailable, runEvaluation } from '../../../../shared/domain/evaluation/run-evaluation';
import { DEFAULT_OFFENSE_DICTIONARY } from '../../../../shared/domain/ingest/offense-dictionary';
import { unwrap } from '../../../../shared/base/result';
import { createStore } from '../../../../renderer/state/store';

const period = (t: string) => {
  const p = parsePeriod('p', t);
  if (!p.ok) throw new Error(t);
  return p.value;
};

describe('evaluation choices', () => {
  it('the washout is the gap between the periods, none when post starts the next day', () => {
    expect(washoutBetween(period('2022-01-01..2023-06-30'), period('2023-07-01..2024-12-31'))).toBeNull();
    const w = washoutBetween(period('2022-01-01..2023-06-30'), period('2023-08-01..2024-12-31'))!;
    expect([w.from, w.to, w.endDay - w.startDay]).toEqual(['2023-07-01', '2023-07-31', 31]);
  });

  it('keeps the points of the chosen offense groups only', () => {
    const data = { points: { x: Float64Array.from([1, 2, 3]), y: Float64Array.from([4, 5, 6]), days: Float64Array.from([7, 8, 9]), group: Int32Array.from([0, 1, -1]), groupNames: ['property', 'violent'] } } as unknown as DesignData;
    expect(Array.from(selectOutcome(data, ['violent']).x)).toEqual([2]);
    expect(selectOutcome(data, []).x.length).toBe(3);
  });

  it('names saved evaluations after the design and the time, as the CLI does', () => {
    expect(evaluationKey('gt', new Date('2026-11-29T21:05:07.123Z'))).toBe('evaluations/gt-20261129T210507');
  });
});

const sq = (x0: number, s: number): [number, number][][] => [[[x0, 0], [x0 + s, 0], [x0 + s, s], [x0, s], [x0, 0]]];
const DESIGN = {
  kind: 'design', formatVersion: 1, name: 'hand', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
  pre: { from: '2022-01-01', to: '2022-12-31' },
  targets: [{ id: 'T1', name: 'T1', polygon: sq(0, 100), bufferM: 50, areaM2: 1e4 }],
  comparisons: [{ id: 'C1', name: 'cell', targetId: 'T1', cellId: 0, matchDistance: 0, polygon: sq(1000, 100), bufferM: 50, areaM2: 1e4 }],
  method: { kind: 'randomized', algorithm: 'simple', seed: 1, convention: '' },
  balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: 1, nTreatedMatched: null, nControlMatched: null, convention: '', rows: [] },
  unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
} as unknown as DesignDoc;

/** 30 incidents a month in T, its ring, C and its ring over 2022-2023; every third is violent (code 13A), the rest burglary (220). */
function designData(): { data: DesignData; codes: string[] } {
  const xs: number[] = [], ys: number[] = [], ds: number[] = [], gs: number[] = [], codes: string[] = [];
  for (const [x, drop] of [[50, true], [125, false], [1050, false], [1125, false]] as const) {
    for (let m = 0; m < 24; m++) for (let k = 0; k < (drop && m >= 12 ? 18 : 30); k++) {
      xs.push(x + (k % 20) - 10); ys.push(20 + (k % 50)); ds.push(Date.UTC(2022, m, 1 + (k % 27)) / 86_400_000);
      gs.push(k % 3 === 0 ? 1 : 0); codes.push(k % 3 === 0 ? '13A' : '220');
    }
  }
  const data = { crs: 'EPSG:32138', points: { x: Float64Array.from(xs), y: Float64Array.from(ys), days: Float64Array.from(ds), group: Int32Array.from(gs), groupNames: ['property', 'violent'] }, dataset: 'incidents', dataHash: 'abc', firstDay: '2022-01-01', lastDay: '2023-12-31' } as unknown as DesignData;
  return { data, codes };
}

const CHOICES: EvaluationChoices = { preFrom: '2022-01-01', preTo: '2022-12-31', postFrom: '2023-01-01', postTo: '2023-12-31', groups: [], family: 'poisson' };
const ROWS = [{ key: 'group', value: 'violent', weight: '10' }, { key: 'group', value: 'property', weight: '2' }, { key: 'code', value: '13A', weight: '50' }, { key: 'default', value: '*', weight: '1' }] as const;

describe('harm-weighted evaluation in the app', () => {
  it('gives the same figures as the CLI path (harmWeightsFor on the codes + runEvaluation)', () => {
    const { data, codes } = designData();
    const app = unwrap(evaluateDesign(DESIGN, data, { ...CHOICES, harm: [...ROWS] }, codes));
    const w = unwrap(harmWeightsFor(codes, unwrap(parseHarmWeights('offense_code,offense_group,weight\n13A,,50\n,violent,10\n,property,2\n*,,1\n', 'chi.csv')), DEFAULT_OFFENSE_DICTIONARY));
    const cli = unwrap(runEvaluation(DESIGN, data.points.x, data.points.y, data.points.days, period('2022-01-01..2022-12-31'), period('2023-01-01..2023-12-31'), { weights: w, harmLabel: 'x' }));
    expect(app.counts).toEqual(cli.counts);
    expect(app.countVariances).toEqual(cli.countVariances);
    expect(isAvailable(app.wdd) && isAvailable(cli.wdd) && [app.wdd.wdd, app.wdd.se]).toEqual(isAvailable(cli.wdd) ? [cli.wdd.wdd, cli.wdd.se] : null);
    // T pre: 12 months x (10 x 50 + 20 x 2) = 6480; Var = 12 x (10 x 2500 + 20 x 4) = 300960.
    expect(app.counts.T.pre).toBe(6480);
    expect(app.countVariances.T.pre).toBe(300960);
    expect(app.harm).toMatch(/weights table, 4 rows/);
    expect(app.wddUnit).toBe('harm units');
  });

  it('on a weighted combination of sources each record counts its source weight (times its harm weight)', () => {
    const { data, codes } = designData();
    const sourceWeights = Float64Array.from(data.points.x, (_, i) => (i % 2 === 0 ? 1 : 0.25));
    const plain = unwrap(evaluateDesign(DESIGN, data, CHOICES));
    const weighted = unwrap(evaluateDesign(DESIGN, { ...data, sourceWeights }, CHOICES));
    // T pre: 12 months x 30 records, half at 1 and half at 0.25 = 12 x (15 + 3.75) = 225; Var = 12 x (15 + 15/16).
    expect(plain.counts.T.pre).toBe(360);
    expect(weighted.counts.T.pre).toBe(225);
    expect(weighted.countVariances.T.pre).toBeCloseTo(12 * (15 + 15 / 16), 9);
    expect(weighted.harm).toContain('source weights of incidents');
    const both = unwrap(evaluateDesign(DESIGN, { ...data, sourceWeights }, { ...CHOICES, harm: [...ROWS] }, codes));
    const harmOnly = unwrap(evaluateDesign(DESIGN, data, { ...CHOICES, harm: [...ROWS] }, codes));
    expect(both.counts.T.pre).toBeLessThan(harmOnly.counts.T.pre);
    expect(both.harm).toMatch(/weights table, 4 rows; source weights of incidents/);
  });

  it('without codes weights by group (and says the code rows were not used); a bad row is refused by number', () => {
    const { data } = designData();
    const r = unwrap(evaluateDesign(DESIGN, data, { ...CHOICES, harm: [...ROWS] }, null));
    expect(r.counts.T.pre).toBe(12 * (10 * 10 + 20 * 2));
    expect(r.warnings.join(' ')).toContain('no offense codes, so the 1 code row(s) were not used');
    const bad = evaluateDesign(DESIGN, data, { ...CHOICES, harm: [{ key: 'group', value: 'violent', weight: '-3' }] }, null);
    expect(!bad.ok && bad.error).toBe('Harm weights: weights table (row 1, column "weight"): weight "-3" is not a number >= 0');
    // Groups picked as the outcome keep their own weights (indexes follow the selection).
    const violent = unwrap(harmWeightsOfChoice(data, [...ROWS], designData().codes, selectOutcome(data, ['violent']).keep));
    expect(new Set(violent.weights)).toEqual(new Set([50]));
  });

  it('saves the weights with the evaluation document and the log entry', () => {
    const { data, codes } = designData();
    const store = createStore();
    const choices = { ...CHOICES, harm: [...ROWS] };
    const r = unwrap(evaluateDesign(DESIGN, data, choices, codes));
    const key = saveEvaluation(store, r, choices, data);
    const doc = store.getState().doc.documents[key] as { harmWeights: unknown; harm: string };
    expect(doc.harmWeights).toEqual({ byCode: { '13A': 50 }, byGroup: { violent: 10, property: 2 }, default: 1 });
    expect(doc.harm).toMatch(/weights table/);
    expect(store.getState().project.log.at(-1)!.parameters).toMatchObject({ harmWeights: { byCode: { '13A': 50 } } });
  });
});
