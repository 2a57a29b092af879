/**
 * `spi design match --units` on the Lalonde data against R's MatchIt (the domain-level comparison
 * and the sources are in test/shared/domain/design/matchit-reference.test.ts): with its defaults
 * (--method ps: greedy 1:1 without replacement, largest score first) and --smd treated, the CLI
 * gives MatchIt's matched sample. Reference: kosukeimai/MatchIt articles/MatchIt.md, "Summary
 * of Balance for Matched Data"; glm coefficients from cnyahia/CausalImpact psm-example.md.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capture, spi } from './analysis-helpers';

const FILE = fileURLToPath(new URL('../../fixtures/reference/lalonde.csv', import.meta.url));

/** name -> [mean treated, mean control, SMD, variance ratio] as MatchIt prints them (4 decimals). */
const MATCHED: Record<string, [number, number, number, number | null]> = {
  age: [25.8162, 25.3027, 0.0718, 0.4568],
  educ: [10.3459, 10.6054, -0.129, 0.5721],
  black: [0.8432, 0.4703, 1.0259, null],
  hispan: [0.0595, 0.2162, -0.6629, null],
  white: [0.0973, 0.3135, -0.7296, null],
  married: [0.1892, 0.2108, -0.0552, null],
  nodegree: [0.7081, 0.6378, 0.1546, null],
  re74: [2095.5737, 2342.1076, -0.0505, 1.3289],
  re75: [1532.0553, 1614.7451, -0.0257, 1.4956],
};
const BINARY = new Set(['black', 'hispan', 'white', 'married', 'nodegree']);
const close = (a: number, b: number, what: string) => expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(5e-5 + 1e-9);

describe('spi design match --units on the Lalonde data', () => {
  it('reproduces MatchIt\'s nearest-neighbour propensity matching', async () => {
    const c = capture(process.cwd());
    const names = Object.keys(MATCHED);
    const code = await spi(['design', 'match', '--units', FILE, '--treat-column', 'treat', '--id-column', 'id', '--covariates', names.join(','), '--method', 'ps', '--smd', 'treated', '--json'], c.io);
    expect(code, c.err()).toBe(0);
    const j = JSON.parse(c.out());
    // With MatchIt's own conventions (--binary-variance proportion, --ps-scale probability) the
    // 0/1 SMDs are MatchIt's to its printed decimals too, and the matched sample is the same.
    const c2 = capture(process.cwd());
    const code2 = await spi(['design', 'match', '--units', FILE, '--treat-column', 'treat', '--id-column', 'id', '--covariates', names.join(','), '--method', 'ps', '--ps-scale', 'probability', '--smd', 'treated', '--binary-variance', 'proportion', '--json'], c2.io);
    expect(code2, c2.err()).toBe(0);
    const exact = JSON.parse(c2.out());
    expect(exact.pairs).toHaveLength(185);
    for (const row of exact.balance.rows) close(row.after.smd, MATCHED[row.name]![2], `${row.name} SMD (MatchIt conventions)`);
    // black + hispan + white = 1: one level leaves the distance (white, the base level of the glm
    // we compare with) and stays in the balance table.
    expect(j.droppedCovariates).toEqual(['white']);
    const coef = [-4.729, 1.578e-2, 1.613e-1, 3.065, 9.836e-1, -8.321e-1, 7.073e-1, -7.178e-5, 5.345e-5];
    expect(j.propensity.names).toEqual(['(intercept)', 'age', 'educ', 'black', 'hispan', 'married', 'nodegree', 're74', 're75']);
    coef.forEach((v, k) => expect(Number(j.propensity.coefficients[k].toPrecision(4))).toBe(v));
    expect(j.pairs).toHaveLength(185);
    expect(new Set(j.pairs.map((p: { comparison: string }) => p.comparison)).size).toBe(185);
    expect(j.balance.nControlMatched).toBe(185);
    for (const row of j.balance.rows) {
      const [mt, mc, smd, vr] = MATCHED[row.name]!;
      close(row.after.meanTreated, mt, `${row.name} mean treated`);
      close(row.after.meanControl, mc, `${row.name} mean control`);
      // 0/1 covariates: MatchIt's s_t^2 is p(1 - p), ours the n - 1 sample variance, so our
      // SMD is MatchIt's x sqrt((n_t - 1)/n_t) = sqrt(184/185).
      close(row.after.smd, BINARY.has(row.name) ? smd * Math.sqrt(184 / 185) : smd, `${row.name} SMD`);
      if (vr !== null) close(row.after.varianceRatio, vr, `${row.name} variance ratio`);
    }
  }, 60_000);
});
