/**
 * The words an evaluation prints must match what was computed: harm-weighted results speak of
 * weighted harm and Var = Σ w²·n (never "crimes" nor "Var = sum of the counts"), and the
 * synthetic-control placebo text states the rule the code follows (N eligible pool cells, at most
 * 200 nearest the target in pre-period RMSE, each refitted from the N - 1 others), not "each pool
 * unit in turn". Checked in the figure notes, the conventions, the panel rows, the CLI text and the
 * report's methods text.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { placeboRule } from '../../../../shared/domain/evaluation/figure-notes';
import { isAvailable, runEvaluation, type EvaluationResult } from '../../../../shared/domain/evaluation/run-evaluation';
import { cumulativeWddScene } from '../../../../shared/domain/report/charts';
import { buildMethodsText } from '../../../../shared/domain/report/methods';
import { describeEvaluation } from '../../../../electron/cli/verbs/evaluate';
import { toResultRows } from '../../../../renderer/features/evaluation/results-view';

const sq = (x0: number, y0: number, s: number): [number, number][][] => [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]];
const PRE = unwrap(parsePeriod('pre', '2022-01-01..2022-12-31'));
const POST = unwrap(parsePeriod('post', '2023-01-01..2023-12-31'));

function design(method: DesignDoc['method'] = { kind: 'randomized', algorithm: 'simple', seed: 1, convention: '' }, ncomp = 1, weights?: number[]): DesignDoc {
  return {
    kind: 'design', formatVersion: 1, name: 'hand', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 100 },
    pre: { from: '2022-01-01', to: '2022-12-31' },
    targets: [{ id: 'T1', name: 'T1', polygon: sq(0, 0, 100), bufferM: 50, areaM2: 1e4 }],
    comparisons: Array.from({ length: ncomp }, (_, j) => ({ id: `C${j + 1}`, name: 'cell', targetId: 'T1', cellId: j, matchDistance: 0, polygon: sq(1000 * (j + 1), 0, 100), bufferM: 50, areaM2: 1e4, ...(weights ? { weight: weights[j] } : {}) })),
    method,
    balance: { denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: ncomp, nTreatedMatched: null, nControlMatched: null, convention: '', rows: [] },
    unmatched: [], source: { dataset: 'x', dataHash: 'h', incidents: 0 }, warnings: [],
  } as DesignDoc;
}

/** `n[zone]` incidents per month in each zone (T, D, then each comparison and its ring), 24 months. */
function points(nComp: number, perMonth: (zone: number, month: number) => number) {
  const xs: number[] = [];
  const ys: number[] = [];
  const ds: number[] = [];
  const centres: [number, number][] = [[50, 50], [125, 50]];
  for (let j = 0; j < nComp; j++) centres.push([1000 * (j + 1) + 50, 50], [1000 * (j + 1) + 125, 50]);
  centres.forEach(([x, y], z) => {
    for (let m = 0; m < 24; m++) {
      const n = perMonth(z, m);
      for (let k = 0; k < n; k++) {
        xs.push(x + ((k * 7) % 30) - 15);
        ys.push(y + ((k * 13) % 60) - 30);
        ds.push(Date.UTC(2022, m, 1 + (k % 27)) / 86_400_000);
      }
    }
  });
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), d: Float64Array.from(ds) };
}

function harmRun(): EvaluationResult {
  const p = points(1, (z, m) => (z === 0 ? (m < 12 ? 20 : 12) : 15));
  const weights = Float64Array.from({ length: p.x.length }, (_, i) => (i % 3 === 0 ? 10 : 1));
  return unwrap(runEvaluation(design(), p.x, p.y, p.d, PRE, POST, { weights, harmLabel: 'weights table, 3 rows' }));
}

/** Every text an analyst reads about the WDD and WDQ of `r`. */
function wddWdqTexts(r: EvaluationResult): string[] {
  if (!isAvailable(r.wdd) || !isAvailable(r.wdq)) throw new Error('figures missing');
  const rows = toResultRows(r).filter((row) => row.id === 'wdd' || row.id === 'wdq');
  const cli = describeEvaluation(r, 'all').split('\n').filter((l) => /^(WDD|WDQ)/.test(l));
  const notes = [r.notes.wdd, r.notes.wdq, r.notes.cumulativeWdd].map((n) => [n.formula, ...n.assumptions].join(' '));
  return [r.wdd.convention, r.wdq.convention, r.wddUnit, ...rows.flatMap((row) => [row.detail, row.reading, row.source]), ...cli, ...notes];
}

describe('harm-weighted evaluation text', () => {
  it('never says "crimes" nor "Var = sum of the counts" for the WDD and WDQ, and states Var = Σ w²·n', () => {
    const r = harmRun();
    const texts = wddWdqTexts(r);
    for (const t of texts) {
      expect(t).not.toMatch(/\bcrimes\b/i);
      expect(t).not.toMatch(/sum of the (eight )?counts/i);
    }
    expect(r.notes.wdd.formula).toContain('Σ w²·n');
    expect(r.notes.wdd.assumptions.join(' ')).toContain('Var = Σ w²·n');
    expect(isAvailable(r.wdd) && r.wdd.convention).toContain('Var = Σ w²·n');
    expect(texts.join(' ')).toMatch(/weighted harm/);
    expect(buildMethodsText(r, design()).join(' ')).toContain('Σ w²·n');
    expect(JSON.stringify(cumulativeWddScene(r))).not.toMatch(/\bcrimes\b/i);
  });

  it('keeps the plain-count wording when there are no harm weights', () => {
    const p = points(1, (z, m) => (z === 0 ? (m < 12 ? 20 : 12) : 15));
    const r = unwrap(runEvaluation(design(), p.x, p.y, p.d, PRE, POST));
    expect(isAvailable(r.wdd) && r.wdd.convention).toContain('Var = sum of the counts (Poisson)');
    expect(r.wddUnit).toBe('crimes');
    expect(toResultRows(r).find((row) => row.id === 'wdd')!.reading).toMatch(/fewer crimes/);
  });
});

describe('synthetic-control placebo text', () => {
  it('states the rule with its numbers: every cell of a small pool, refitted from the N - 1 others', () => {
    expect(placeboRule({ pool: 'eligible', poolSize: 30, placebos: 30, maxPlacebos: 200 })).toBe('placebos: 30 of the N = 30 eligible pool cells the design recorded (every cell, as N <= 200), each refitted from all N - 1 other pool cells');
    expect(placeboRule({ pool: 'eligible', poolSize: 900, placebos: 200, maxPlacebos: 200 })).toMatch(/^placebos: 200 of the N = 900 eligible pool cells .*the 200 nearest the average target in pre-period RMSE.*seed 1.*each refitted from all N - 1 other pool cells$/);
    expect(placeboRule({ pool: 'weighted', poolSize: 4, placebos: 4, maxPlacebos: 200 })).toMatch(/records no eligible pool.*4 weighted comparison cells/);
    expect(placeboRule()).toMatch(/at most 200/);
  });

  it('the note and the report methods of a synthetic evaluation say what was run, not "each pool unit in turn"', () => {
    const comps = 4;
    const p = points(comps, (z, m) => (z === 0 ? (m < 12 ? 25 : 15) : z % 2 === 1 ? 3 : 10 + 5 * Math.floor(z / 2)));
    const d = design({ kind: 'synthetic', weights: [0.5, 0.5, 0, 0] } as unknown as DesignDoc['method'], comps);
    const r = unwrap(runEvaluation(d, p.x, p.y, p.d, PRE, POST));
    if (!r.synthetic || !isAvailable(r.synthetic) || !isAvailable(r.synthetic.placebo)) throw new Error('placebo missing');
    const all = [...r.notes.synthetic.assumptions, ...buildMethodsText(r, d)].join(' ');
    expect(all).not.toMatch(/in turn/);
    expect(r.notes.synthetic.assumptions.join(' ')).toContain(`the ${r.synthetic.placebo.poolSize} weighted comparison cells are the pool`);
    expect(buildMethodsText(r, d).join(' ')).toContain('records no eligible pool');
  });
});
