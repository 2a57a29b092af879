import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { computeDid, type PanelCounts } from '../../../../shared/domain/evaluation/did';

/** A balanced panel from a units x months matrix; units with treated[u] = 1 are targets. */
function panel(counts: number[][], treated: number[], post: number[]): PanelCounts {
  const rows = counts.length * counts[0]!.length;
  const unit = new Int32Array(rows);
  const month = new Int32Array(rows);
  const count = new Float64Array(rows);
  let r = 0;
  counts.forEach((series, u) =>
    series.forEach((y, m) => {
      unit[r] = u;
      month[r] = m;
      count[r++] = y;
    }),
  );
  return { unit, month, count, treated: Uint8Array.from(treated), post: Uint8Array.from(post) };
}

// 6 units (0-2 targets) x 8 months (4-7 after). Reference figures from an independent NumPy
// implementation (Newton on the Poisson likelihood, BFGS on the joint NB2 likelihood, sandwich
// clustered by unit with G/(G-1)).
const Y = [
  [5, 7, 6, 8, 3, 4, 2, 5],
  [10, 12, 9, 11, 8, 6, 7, 5],
  [2, 0, 3, 1, 1, 0, 0, 2],
  [6, 5, 7, 6, 7, 8, 6, 7],
  [9, 11, 10, 12, 10, 13, 9, 12],
  [1, 3, 2, 2, 4, 2, 3, 1],
];
const TREATED = [1, 1, 1, 0, 0, 0];
const POST = [0, 0, 0, 0, 1, 1, 1, 1];

describe('difference-in-differences on monthly counts', () => {
  it('a saturated 2x2 Poisson model gives exactly the ratio of ratios and SE sqrt(sum 1/cell)', () => {
    // One target and one comparison unit, one month before and one after.
    const [c00, c01, c10, c11] = [40, 44, 50, 30];
    const r = unwrap(computeDid(panel([[c10, c11], [c00, c01]], [1, 0], [0, 1]), { robust: false }));
    expect(r.rateRatio).toBeCloseTo(c11 / c10 / (c01 / c00), 12);
    expect(r.percentChange).toBeCloseTo(100 * (c11 / c10 / (c01 / c00) - 1), 10);
    expect(r.modelSe).toBeCloseTo(Math.sqrt(1 / c00 + 1 / c01 + 1 / c10 + 1 / c11), 10);
    expect(r.seType).toBe('model-based');
    expect(r.cellTotals).toEqual({ comparisonPre: 40, comparisonPost: 44, targetPre: 50, targetPost: 30 });
  });

  it('matches the reference Poisson fit with cluster-robust SEs, with and without fixed effects', () => {
    for (const fe of [{}, { unitEffects: true, monthEffects: true }]) {
      const r = unwrap(computeDid(panel(Y, TREATED, POST), fe));
      expect(r.estimate).toBeCloseTo(-0.6455191315706907, 10);
      expect(r.modelSe).toBeCloseTo(0.24995592197772573, 9);
      expect(r.robustSe).toBeCloseTo(0.06584125520517677, 9);
      expect(r.se).toBe(r.robustSe);
      expect(r.converged).toBe(true);
      expect(r.percentChangeLower).toBeLessThan(r.percentChange);
      expect(r.percentChangeUpper).toBeGreaterThan(r.percentChange);
      expect(r.warnings.join(' ')).toMatch(/only 6 units/);
    }
    expect(unwrap(computeDid(panel(Y, TREATED, POST))).logLik).toBeCloseTo(-136.7003087044521, 8);
    expect(unwrap(computeDid(panel(Y, TREATED, POST), { unitEffects: true, monthEffects: true })).logLik).toBeCloseTo(-86.14455083685833, 8);
  });

  it('uses t(G - 1) for the clustered test when asked (few-cluster correction)', () => {
    const z = unwrap(computeDid(panel(Y, TREATED, POST)));
    const t = unwrap(computeDid(panel(Y, TREATED, POST), { reference: 't' }));
    expect(t.reference).toBe('t');
    expect(t.df).toBe(5);
    expect(z.df).toBeNull();
    expect(t.se).toBe(z.se);
    expect(t.ciUpper - t.estimate).toBeCloseTo(2.570581835636314 * t.se, 9); // SciPy t.ppf(0.975, 5)
    expect(t.p).toBeGreaterThan(z.p);
    expect(t.warnings.join(' ')).not.toMatch(/only 6 units/);
    const model = unwrap(computeDid(panel(Y, TREATED, POST), { reference: 't', robust: false }));
    expect(model.reference).toBe('normal');
  });

  it('matches the reference negative binomial fit (alpha by ML)', () => {
    const r = unwrap(computeDid(panel(Y, TREATED, POST), { family: 'negative-binomial' }));
    expect(r.alpha).toBeCloseTo(0.2641051341049556, 7);
    expect(r.estimate).toBeCloseTo(-0.6455191315706907, 8);
    expect(r.modelSe).toBeCloseTo(0.38796005932748656, 6);
    expect(r.robustSe).toBeCloseTo(0.06584125520517405, 7);
    expect(r.logLik).toBeCloseTo(-126.48683063602117, 6);
  });

  it('matches the reference NB fit with unit fixed effects, where NB and Poisson differ', () => {
    const y2 = Y.map((s) => [...s]);
    y2[1] = [10, 25, 3, 11, 18, 2, 7, 15];
    y2[4] = [2, 11, 30, 12, 1, 13, 25, 4];
    const pois = unwrap(computeDid(panel(y2, TREATED, POST), { unitEffects: true }));
    expect(pois.estimate).toBeCloseTo(-0.2454527467845746, 9);
    expect(pois.modelSe).toBeCloseTo(0.2305097903357414, 9);
    expect(pois.robustSe).toBeCloseTo(0.205263139961984, 9);
    expect(pois.warnings.join(' ')).toMatch(/overdispersed/);
    const nb = unwrap(computeDid(panel(y2, TREATED, POST), { unitEffects: true, family: 'negative-binomial' }));
    expect(nb.alpha).toBeCloseTo(0.23053387511986226, 5);
    expect(nb.estimate).toBeCloseTo(-0.3869779076322466, 5);
    expect(nb.modelSe).toBeCloseTo(0.3854702605036404, 5);
    expect(nb.robustSe).toBeCloseTo(0.21603136088883187, 5);
    expect(nb.logLik).toBeCloseTo(-118.07975033731617, 6);
    const mom = unwrap(computeDid(panel(y2, TREATED, POST), { unitEffects: true, family: 'negative-binomial', alphaMethod: 'moments' }));
    expect(mom.alpha).toBeGreaterThan(0);
    expect(mom.alpha).not.toBeCloseTo(nb.alpha, 3);
  });

  it('reduces NB to Poisson at the boundary (no overdispersion left after fixed effects)', () => {
    const r = unwrap(computeDid(panel(Y, TREATED, POST), { family: 'negative-binomial', unitEffects: true, monthEffects: true }));
    expect(r.alpha).toBe(0);
    expect(r.estimate).toBeCloseTo(-0.6455191315706907, 9);
    expect(r.warnings.join(' ')).toMatch(/alpha = 0/);
  });

  it('converges with many zero months (finite, warned) and drops all-zero units under unit effects', () => {
    const sparse = [
      [0, 1, 0, 0, 0, 0, 1, 0],
      [0, 0, 2, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 0, 0, 1, 0, 1, 0, 0],
      [0, 0, 1, 0, 1, 0, 0, 2],
      [0, 1, 0, 0, 0, 0, 0, 0],
    ];
    for (const family of ['poisson', 'negative-binomial'] as const) {
      const r = unwrap(computeDid(panel(sparse, TREATED, POST), { family, unitEffects: true, monthEffects: true }));
      expect(Number.isFinite(r.estimate)).toBe(true);
      expect(Number.isFinite(r.se)).toBe(true);
      expect(Number.isFinite(r.percentChangeUpper)).toBe(true);
      expect(r.warnings.join(' ')).toMatch(/1 unit\(s\) with no crimes/);
      expect(r.warnings.join(' ')).toMatch(/% of the monthly counts are 0/);
      expect(r.nUnits).toBe(5);
    }
  });

  it('says a zero cell makes the estimate undefined instead of returning NaN or Infinity', () => {
    const zeroAfter = Y.map((s, u) => s.map((y, m) => (TREATED[u] && POST[m] ? 0 : y)));
    const r = computeDid(panel(zeroAfter, TREATED, POST));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind === 'undefined-statistic' && r.error.message).toMatch(/target units after is 0/);
  });

  it('refuses malformed panels by name', () => {
    const p = panel(Y, TREATED, POST);
    const bad = computeDid({ ...p, count: Float64Array.from(p.count, (y, i) => (i === 5 ? -1 : y)) });
    expect(!bad.ok && bad.error.kind === 'invalid-argument' && bad.error.name).toBe('count (row 6)');
    const noControls = computeDid({ ...p, treated: new Uint8Array(6).fill(1) });
    expect(!noControls.ok && noControls.error.kind === 'invalid-argument' && noControls.error.name).toBe('treated');
  });

  it('recovers a planted 30% reduction within its interval on simulated data (seeded)', () => {
    const rng = createRng(42);
    const units = 40;
    const months = 24;
    const counts: number[][] = [];
    const treated: number[] = [];
    for (let u = 0; u < units; u++) {
      const base = 3 + 6 * rng.next();
      treated.push(u < units / 2 ? 1 : 0);
      counts.push(Array.from({ length: months }, (_, m) => rng.poisson(base * (1 + 0.01 * m) * (u < units / 2 && m >= 12 ? 0.7 : 1))));
    }
    const post = Array.from({ length: months }, (_, m) => (m >= 12 ? 1 : 0));
    const r = unwrap(computeDid(panel(counts, treated, post), { unitEffects: true, monthEffects: true }));
    expect(r.percentChangeLower).toBeLessThan(-30);
    expect(r.percentChangeUpper).toBeGreaterThan(-30);
    expect(r.percentChange).toBeGreaterThan(-40);
    expect(r.percentChange).toBeLessThan(-20);
  });
});
