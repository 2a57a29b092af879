import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { computePlacesNeeded, computePower, computePowerCurve, sampleNegativeBinomial, simulatePower } from '../../../../shared/domain/design/power';
import { normalCdf } from '../../../../shared/domain/evaluation/distributions';

describe('power for count outcomes', () => {
  it('computes the Wald power from the documented variance', () => {
    const r = unwrap(computePower({ baseline: 20, reduction: 0.2, targets: 20, controls: 20 }));
    const se = Math.sqrt(1 / (20 * 20 * 0.8) + 1 / (20 * 20));
    const ratio = Math.abs(Math.log(0.8)) / se;
    expect(r.se).toBeCloseTo(se, 14);
    expect(r.power).toBeCloseTo(normalCdf(ratio - 1.959963984540054) + normalCdf(-ratio - 1.959963984540054), 12);
    const nb = unwrap(computePower({ baseline: 20, reduction: 0.2, targets: 20, controls: 20, dispersion: 0.5 }));
    expect(nb.se).toBeCloseTo(Math.sqrt(se * se + 0.5 / 20 + 0.5 / 20), 14);
    expect(nb.power).toBeLessThan(r.power);
  });

  it('has power alpha without an effect and grows with places, effect and baseline', () => {
    expect(unwrap(computePower({ baseline: 10, reduction: 0, targets: 10, controls: 10 })).power).toBeCloseTo(0.05, 12);
    const curve = unwrap(computePowerCurve({ baseline: 5, reduction: 0.25, dispersion: 0.3 }, [2, 5, 10, 20, 40, 80]));
    for (let i = 1; i < curve.power.length; i++) expect(curve.power[i]).toBeGreaterThan(curve.power[i - 1]!);
    const small = unwrap(computePower({ baseline: 5, reduction: 0.1, targets: 10, controls: 10 })).power;
    expect(unwrap(computePower({ baseline: 5, reduction: 0.3, targets: 10, controls: 10 })).power).toBeGreaterThan(small);
    expect(unwrap(computePower({ baseline: 50, reduction: 0.1, targets: 10, controls: 10 })).power).toBeGreaterThan(small);
  });

  it('finds the fewest places for 80% power', () => {
    for (const dispersion of [0, 0.5]) {
      const need = unwrap(computePlacesNeeded({ baseline: 10, reduction: 0.2, dispersion }));
      expect(need.achievedPower).toBeGreaterThanOrEqual(0.8);
      const fewer = unwrap(computePower({ baseline: 10, reduction: 0.2, dispersion, targets: need.targets - 1, controls: need.targets - 1 }));
      expect(fewer.power).toBeLessThan(0.8);
    }
    // Poisson, lambda 10, 20% reduction: n = (1.96 + 0.8416)^2 (1/8 + 1/10) / log(0.8)^2 = 35.3 -> 36
    expect(unwrap(computePlacesNeeded({ baseline: 10, reduction: 0.2 })).targets).toBe(36);
    const twoToOne = unwrap(computePlacesNeeded({ baseline: 10, reduction: 0.2, controlRatio: 2 }));
    expect(twoToOne.controls).toBe(Math.ceil(2 * twoToOne.targets));
  });

  it('estimates the NB dispersion from per-place baseline counts', () => {
    const r = unwrap(computePower({ baseline: [2, 10, 4, 20, 6, 8], reduction: 0.2, targets: 10, controls: 10 }));
    // mean 25/3, sample variance 203.33/5 = 122/3 -> k = (122/3 - 25/3) / (25/3)^2
    expect(r.lambda).toBeCloseTo(25 / 3, 12);
    expect(r.dispersion).toBeCloseTo((122 / 3 - 25 / 3) / (25 / 3) ** 2, 10);
    expect(r.dispersionEstimated).toBe(true);
  });

  it('agrees with a seeded simulation of the design (Poisson and NB)', () => {
    for (const [dispersion, targets] of [[0, 15], [0.4, 30], [1, 40]] as const) {
      const input = { baseline: 8, reduction: 0.25, targets, controls: targets, dispersion };
      const formula = unwrap(computePower(input)).power;
      const sim = unwrap(simulatePower(input, 4000, 99));
      expect(Math.abs(sim.power - formula)).toBeLessThan(0.035);
    }
  });

  it('samples NB2 counts with the intended mean and variance', () => {
    const rng = createRng(5);
    const n = 40000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const y = sampleNegativeBinomial(rng, 6, 0.5);
      s += y;
      ss += y * y;
    }
    const mean = s / n;
    expect(mean).toBeCloseTo(6, 1);
    expect(ss / n - mean * mean).toBeGreaterThan(0.9 * (6 + 0.5 * 36));
    expect(ss / n - mean * mean).toBeLessThan(1.1 * (6 + 0.5 * 36));
  });

  it('refuses bad input by name', () => {
    const r = computePower({ baseline: 10, reduction: 1.2, targets: 10, controls: 10 });
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('reduction');
    const t = computePower({ baseline: 10, reduction: 0.2, targets: 2.5, controls: 10 });
    expect(!t.ok && t.error.kind === 'invalid-argument' && t.error.name).toBe('targets');
    const n = computePlacesNeeded({ baseline: 10, reduction: 0 });
    expect(!n.ok && n.error.kind === 'invalid-argument' && n.error.name).toBe('reduction');
  });
});
