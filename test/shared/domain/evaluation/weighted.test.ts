/**
 * Harm-weighted counts through the statistics: the WDD and RES variances of a weighted sum of
 * Poisson counts (sum w^2 n), the overdispersion scale, and the harm-weight table (parsing, bad
 * rows named, code over group over default, missing weights listed).
 */
import { describe, expect, it } from 'vitest';
import { formatAppError } from '../../../../shared/base/errors';
import { unwrap } from '../../../../shared/base/result';
import { harmWeightsFor, parseHarmWeights } from '../../../../shared/domain/evaluation/harm';
import { parseOutcome, outcomePredicateSql } from '../../../../shared/domain/evaluation/outcome';
import { computeRes, estimateOverdispersion } from '../../../../shared/domain/evaluation/res';
import { computeWdd } from '../../../../shared/domain/evaluation/wdd';
import { DEFAULT_OFFENSE_DICTIONARY } from '../../../../shared/domain/ingest/offense-dictionary';

describe('WDD and RES with harm-weighted counts', () => {
  it('WDD: variances given replace the counts in Var (weighted sum of Poissons)', () => {
    // Target pre: 10 burglaries (w 2) + 5 robberies (w 10) = 70, V = 10*4 + 5*100 = 540.
    // Target post: 8 burglaries + 2 robberies = 36, V = 32 + 200 = 232.
    // Control pre: 20 burglaries + 4 robberies = 80, V = 80 + 400 = 480; post: 22 + 4 = 84, V = 88 + 400 = 488.
    const r = unwrap(computeWdd({ target: { pre: 70, post: 36 }, control: { pre: 80, post: 84 }, variances: { target: { pre: 540, post: 232 }, control: { pre: 480, post: 488 } } }));
    expect(r.wdd).toBe(36 - 70 - (84 - 80));
    expect(r.variance).toBe(540 + 232 + 480 + 488);
    expect(r.z).toBeCloseTo(-38 / Math.sqrt(1740), 12);
  });

  it('WDD: the DOMAIN.md check is unchanged when the variances equal the counts (weights all 1)', () => {
    const c = { target: { pre: 207, post: 110 }, control: { pre: 308, post: 318 }, targetBuffer: { pre: 178, post: 157 }, controlBuffer: { pre: 150, post: 140 } };
    const r = unwrap(computeWdd({ ...c, variances: c }));
    expect(r.wdd).toBe(-118);
    expect(r.se).toBeCloseTo(39.598, 3);
    expect(r.z).toBeCloseTo(-2.98, 2);
  });

  it('WDD: time/area weights divide a given variance by the weight squared; a negative variance is refused', () => {
    const r = unwrap(computeWdd({ target: { pre: 120, post: 30 }, control: { pre: 240, post: 126 }, variances: { target: { pre: 360, post: 90 } }, timeWeights: { pre: 12, post: 6 } }));
    expect(r.variance).toBeCloseTo(360 / 144 + 90 / 36 + 240 / 144 + 126 / 36, 12);
    const bad = computeWdd({ target: { pre: 1, post: 1 }, control: { pre: 1, post: 1 }, variances: { control: { pre: -1, post: 1 } } });
    expect(bad.ok).toBe(false);
  });

  it('RES: Var(ln RES) = sum V/X^2, equal to 1/a+1/b+1/c+1/d when V = X (DOMAIN.md check)', () => {
    const plain = unwrap(computeRes({ a: 100, b: 60, c: 200, d: 190, variances: { a: 100, b: 60, c: 200, d: 190 } }));
    expect(plain.res).toBeCloseTo(1.5833, 4);
    expect(plain.ciLower).toBeCloseTo(1.086, 3);
    expect(plain.ciUpper).toBeCloseTo(2.308, 3);
    const w = unwrap(computeRes({ a: 70, b: 36, c: 80, d: 84, variances: { a: 540, b: 232, c: 480, d: 488 } }));
    expect(w.res).toBeCloseTo((70 * 84) / (36 * 80), 12);
    expect(w.varLogRes).toBeCloseTo(540 / 70 ** 2 + 232 / 36 ** 2 + 480 / 80 ** 2 + 488 / 84 ** 2, 12);
    // Weights inflate the spread relative to treating 70 harm units as 70 Poisson counts.
    expect(w.varLogRes).toBeGreaterThan(1 / 70 + 1 / 36 + 1 / 80 + 1 / 84);
  });

  it('overdispersion: series scaled by their variance-to-mean ratio', () => {
    // Each month: n Poisson-like, counts weighted 3 -> values x 3, variance-to-mean 3.
    const y = [30, 36, 24, 33, 27];
    const raw = unwrap(estimateOverdispersion([y], false));
    const scaled = unwrap(estimateOverdispersion([y], false, [3]));
    expect(scaled.raw).toBeCloseTo(raw.raw / 3, 12);
    expect(estimateOverdispersion([y], false, [0]).ok).toBe(false);
  });
});

describe('harm weights table', () => {
  const CSV = 'offense_code,offense_group,weight\n13A,,50\n,violent,10\n,property,2\n*,,1\n';

  it('gives a code its own weight, else its group\'s, else the default', () => {
    const w = unwrap(parseHarmWeights(CSV, 'chi.csv'));
    const r = unwrap(harmWeightsFor(['13A', '120', '220', '35A', null, '13a'], w, DEFAULT_OFFENSE_DICTIONARY));
    expect(Array.from(r)).toEqual([50, 10, 2, 1, 1, 50]);
  });

  it('names the file, row and value of a bad weight', () => {
    const bad = parseHarmWeights('offense_code,weight\n220,2\n120,abc\n', 'chi.csv');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(formatAppError(bad.error)).toBe('chi.csv (row 3, column "weight"): weight "abc" is not a number >= 0');
    const neg = parseHarmWeights('offense_group,weight\nviolent,-1\n', 'w.csv');
    expect(!neg.ok && formatAppError(neg.error)).toContain('row 2');
    const dup = parseHarmWeights('offense_code,weight\n220,2\n220,3\n', 'w.csv');
    expect(!dup.ok && formatAppError(dup.error)).toContain('220 is given twice');
    const group = parseHarmWeights('offense_group,weight\nviolence,3\n', 'w.csv');
    expect(!group.ok && formatAppError(group.error)).toContain('"violence" is not an offense group');
    const header = parseHarmWeights('code,w\n220,2\n', 'w.csv');
    expect(!header.ok && formatAppError(header.error)).toContain('needs a weight column');
  });

  it('lists the codes that have no weight', () => {
    const w = unwrap(parseHarmWeights('offense_code,weight\n220,2\n', 'w.csv'));
    const r = harmWeightsFor(['220', '120', '120', null], w, DEFAULT_OFFENSE_DICTIONARY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatAppError(r.error)).toContain('120 (2), (no code) (1)');
  });
});

describe('outcome', () => {
  it('parses groups and code lists, and refuses a bad code by name', () => {
    expect(outcomePredicateSql(unwrap(parseOutcome('violent')))).toBe("offense_group = 'violent'");
    expect(outcomePredicateSql(unwrap(parseOutcome('codes:13a,120')))).toBe("offense_code IN ('13A', '120')");
    expect(outcomePredicateSql(unwrap(parseOutcome('all')))).toBeNull();
    const bad = parseOutcome('codes:13A,1;0');
    expect(!bad.ok && formatAppError(bad.error)).toContain('"1;0"');
    expect(parseOutcome('violence').ok).toBe(false);
  });
});
