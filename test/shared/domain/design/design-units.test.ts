import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { areaDistance, prepareArea, squareRings } from '../../../../shared/domain/design/areas';
import { buildCovariateColumns, parseCovariateSpec } from '../../../../shared/domain/design/covariate-spec';
import { assignCategories, buildDesignUnits } from '../../../../shared/domain/design/design-units';
import { computeMatchReport } from '../../../../shared/domain/design/match-report';
import { parsePeriod } from '../../../../shared/domain/design/period';

const PRE = unwrap(parsePeriod('--pre', '2023-01-01..2023-12-31'));

/** Points over a 5 km square with a few hot spots; days in 2023; two groups. */
function points(seed: number, n: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const days = new Float64Array(n);
  const group = new Int32Array(n);
  const hot = [[1000, 1000], [4000, 1200], [2500, 4000], [1200, 3500], [3800, 3800], [2500, 2500]];
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.5) {
      const h = hot[rng.int(hot.length)]!;
      x[i] = rng.normal(h[0], 120);
      y[i] = rng.normal(h[1], 120);
    } else {
      x[i] = rng.uniform(0, 5000);
      y[i] = rng.uniform(0, 5000);
    }
    days[i] = PRE.startDay + rng.int(365);
    group[i] = rng.int(2);
  }
  return { x, y, days, group, groupNames: ['property', 'violent'] };
}

const targets = [
  { id: 'T1', name: 'one', rings: squareRings(1000, 1000, 300) },
  { id: 'T2', name: 'two', rings: squareRings(4000, 1200, 300) },
];

describe('design units: targets, grid cells, the pool rule, covariates', () => {
  const built = unwrap(buildDesignUnits({ points: points(4, 20_000), targets, bufferM: 200, cellSizeM: 250, pre: PRE, minDistanceM: 800 }));
  const u = built.units;

  it('never puts a cell within max(2 x buffer, min distance) of a target in the pool (property)', () => {
    const prepared = targets.map((t) => prepareArea(t.rings, 0));
    let excluded = 0;
    for (let i = u.nTargets; i < u.nUnits; i++) {
      const cell = prepareArea(squareRings(u.x[i]!, u.y[i]!, 250), 0);
      const d = Math.min(...prepared.map((p) => areaDistance(cell, p)));
      expect(u.eligible[i] === 1).toBe(d >= 800);
      if (!u.eligible[i]) excluded++;
      if (u.exclusion[i] === 1) expect(d).toBe(0);
    }
    expect(excluded).toBeGreaterThan(20);
  });

  it('counts each pre-period incident once, in its target or its cell, by month and by group', () => {
    const nm = u.months.length;
    expect(nm).toBe(12);
    let total = 0;
    for (let i = 0; i < u.history.length; i++) total += u.history[i]!;
    expect(total).toBe(u.incidents);
    let groups = 0;
    for (let i = 0; i < u.groupCounts.length; i++) groups += u.groupCounts[i]!;
    expect(groups).toBe(total);
  });

  it('builds the covariate terms and refuses unknown ones', () => {
    const terms = unwrap(parseCovariateSpec('counts:violent,total,history:quarter,trend'));
    const cov = unwrap(buildCovariateColumns(u, terms));
    expect(cov.names).toEqual(['pre count: violent', 'pre count: total', 'quarter 2023-Q1', 'quarter 2023-Q2', 'quarter 2023-Q3', 'quarter 2023-Q4', 'trend (per month)']);
    for (let i = 0; i < u.nUnits; i += 97) expect(cov.columns[2]![i]! + cov.columns[3]![i]! + cov.columns[4]![i]! + cov.columns[5]![i]!).toBe(cov.columns[1]![i]);
    const bad = parseCovariateSpec('counts,calls');
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.value).toBe('calls');
    const group = buildCovariateColumns(u, unwrap(parseCovariateSpec('counts:arson')));
    expect(!group.ok && group.error.kind === 'invalid-argument' && group.error.expected).toContain('property, violent');
  });

  it('matching on the units uses only eligible cells, within the exact category', () => {
    const cov = unwrap(buildCovariateColumns(u, unwrap(parseCovariateSpec('total'))));
    // Two "districts": west and east halves.
    const codes = assignCategories([[[[0, 0], [2500, 0], [2500, 5000], [0, 5000], [0, 0]]], [[[2500, 0], [5000, 0], [5000, 5000], [2500, 5000], [2500, 0]]]], u.x, u.y);
    const r = unwrap(computeMatchReport({ ids: u.ids, names: cov.names, columns: cov.columns, treated: u.treated, eligible: u.eligible, exact: { name: 'district', codes, labels: ['west', 'east'] } }, { method: 'mahalanobis', pairing: 'optimal', ratio: 2 }));
    const index = new Map(u.ids.map((id, i) => [id, i]));
    expect(r.pairs).toHaveLength(4);
    for (const p of r.pairs) {
      const c = index.get(p.comparison)!;
      expect(u.eligible[c]).toBe(1);
      expect(codes[c]).toBe(codes[index.get(p.target)!]);
    }
    // The balance table's pool is the eligible cells only.
    let eligible = 0;
    for (const e of u.eligible) eligible += e;
    expect(r.balance!.nControl).toBe(eligible);
    expect(r.nPool).toBe(eligible);
  });
});
