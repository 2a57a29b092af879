import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { computePower } from '../../../../shared/domain/design/power';
import { designPowerAt, resolveDesignPower, simulateDesignPower, solveDesignPlaces } from '../../../../shared/domain/design/power-designs';

describe('power of place-based designs', () => {
  it('paired, Poisson: the worked value', () => {
    // m = 10, n = 20 pairs, r = 0.2: Var = (1/8 + 1/10)/20, power = Phi(0.2231/0.1061 - 1.96) + ... = 0.5572
    const m = unwrap(resolveDesignPower({ design: 'paired', counts: [10, 10], reduction: 0.2 }));
    expect(m.h).toBe(1);
    expect(designPowerAt(m, 20)).toBeCloseTo(0.557216101066009, 10);
  });

  it('pre-post with a shorter post period and period-to-period dispersion: the worked value', () => {
    // counts 6, 14 over 12 months -> m_pre 10, m = 5 over 6 months; h = ((36 + 196)/2 - 10)/100 = 1.06
    const m = unwrap(resolveDesignPower({ design: 'pre-post', counts: [6, 14], monthsPre: 12, monthsPost: 6, reduction: 0.3, dispersion: 0.1 }));
    expect(m.lambda).toBe(5);
    expect(m.h).toBeCloseTo(1.06, 12);
    expect(designPowerAt(m, 30)).toBeCloseTo(0.7146215369978535, 10);
  });

  it('randomized agrees with the two-group formula of power.ts', () => {
    const counts = [3, 9, 14, 2, 25, 8, 11, 6];
    const m = unwrap(resolveDesignPower({ design: 'randomized', counts, reduction: 0.25 }));
    expect(m.dispersionEstimated).toBe(true);
    const ref = unwrap(computePower({ baseline: counts, reduction: 0.25, targets: 15, controls: 15 }));
    expect(designPowerAt(m, 15)).toBeCloseTo(ref.power, 12);
    expect(m.dispersion).toBeCloseTo(ref.dispersion, 12);
  });

  it('the closed forms agree with the seeded simulations (within 4 Monte Carlo SEs)', () => {
    const rng = createRng(2);
    const counts = Float64Array.from({ length: 60 }, () => rng.poisson(rng.uniform(4, 30)));
    for (const design of ['paired', 'pre-post', 'randomized'] as const) {
      const m = unwrap(resolveDesignPower({ design, counts, reduction: 0.2, dispersion: design === 'randomized' ? undefined : 0.05 }));
      const n = unwrap(solveDesignPlaces(m, 0.7)).places;
      const sim = unwrap(simulateDesignPower(m, counts, n, 3000, 11));
      expect(Math.abs(sim.power - designPowerAt(m, n))).toBeLessThan(4 * sim.mcse + 0.01);
      // Same seed, same answer.
      expect(unwrap(simulateDesignPower(m, counts, n, 200, 5))).toEqual(unwrap(simulateDesignPower(m, counts, n, 200, 5)));
    }
  });

  it('solves the fewest places and the power curve rises with places and with the effect', () => {
    const m = unwrap(resolveDesignPower({ design: 'paired', counts: [4, 8, 12, 20], reduction: 0.15 }));
    const s = unwrap(solveDesignPlaces(m, 0.8));
    expect(designPowerAt(m, s.places)).toBeGreaterThanOrEqual(0.8);
    expect(designPowerAt(m, s.places - 1)).toBeLessThan(0.8);
    for (let n = 2; n < 40; n++) expect(designPowerAt(m, n)).toBeGreaterThan(designPowerAt(m, n - 1));
    expect(designPowerAt(m, 10, 0.3)).toBeGreaterThan(designPowerAt(m, 10, 0.2));
  });

  it('names bad input', () => {
    const bad = (r: { ok: boolean; error?: { kind: string; name?: string } }) => (r.ok ? 'ok' : r.error!.name);
    expect(bad(resolveDesignPower({ design: 'paired', counts: [1], reduction: 0.2 }))).toBe('counts');
    expect(bad(resolveDesignPower({ design: 'paired', counts: [1, -2], reduction: 0.2 }))).toBe('counts (place 2)');
    expect(bad(resolveDesignPower({ design: 'paired', counts: [1, 2], reduction: 1 }))).toBe('reduction');
    expect(bad(resolveDesignPower({ design: 'paired', counts: [1, 2], reduction: 0.2, alpha: 2 }))).toBe('alpha');
  });
});
