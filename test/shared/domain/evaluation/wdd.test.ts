import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeCumulativeWdd, computeWdd, type WddInput } from '../../../../shared/domain/evaluation/wdd';

const CHECK: WddInput = {
  target: { pre: 207, post: 110 },
  control: { pre: 308, post: 318 },
  targetBuffer: { pre: 178, post: 157 },
  controlBuffer: { pre: 150, post: 140 },
};

describe('weighted displacement difference (Wheeler & Ratcliffe 2018)', () => {
  it('reproduces the DOMAIN.md check', () => {
    const r = unwrap(computeWdd(CHECK));
    expect(r.wdd).toBe(-118);
    expect(r.variance).toBe(1568);
    expect(r.se).toBeCloseTo(39.598, 3);
    expect(r.z).toBeCloseTo(-2.98, 2);
    expect(r.p).toBeCloseTo(0.00289, 4);
    expect(r.ciLower).toBeCloseTo(-118 - 1.959964 * Math.sqrt(1568), 4);
    expect(r.ciUpper).toBeCloseTo(-118 + 1.959964 * Math.sqrt(1568), 4);
    expect([r.targetChange, r.controlChange, r.targetBufferChange, r.controlBufferChange]).toEqual([-97, 10, -21, -10]);
    expect(r.includesBuffers).toBe(true);
    expect(r.convention).toMatch(/Wheeler & Ratcliffe 2018/);
  });

  it('without buffers is the plain difference in differences of counts', () => {
    const r = unwrap(computeWdd({ target: CHECK.target, control: CHECK.control }));
    expect(r.wdd).toBe(-107);
    expect(r.variance).toBe(207 + 110 + 308 + 318);
    expect(r.targetBufferChange).toBeNull();
  });

  it('divides counts by their weights and variance terms by the weights squared', () => {
    // Pre period 12 months, post 6: rates per month.
    const r = unwrap(computeWdd({ target: { pre: 120, post: 30 }, control: { pre: 240, post: 126 }, timeWeights: { pre: 12, post: 6 } }));
    expect(r.wdd).toBeCloseTo(30 / 6 - 120 / 12 - (126 / 6 - 240 / 12), 12);
    expect(r.variance).toBeCloseTo(120 / 144 + 30 / 36 + 240 / 144 + 126 / 36, 12);
    expect(r.weighted).toBe(true);
    // Per-count weights, time weights and area weights multiply.
    const a = unwrap(computeWdd({ ...CHECK, areaWeights: { target: 2, control: 4, targetBuffer: 3, controlBuffer: 5 }, timeWeights: { pre: 1, post: 2 } }));
    const b = unwrap(computeWdd({
      ...CHECK,
      weights: { target: { pre: 2, post: 4 }, control: { pre: 4, post: 8 }, targetBuffer: { pre: 3, post: 6 }, controlBuffer: { pre: 5, post: 10 } },
    }));
    expect(a.wdd).toBeCloseTo(b.wdd, 12);
    expect(a.variance).toBeCloseTo(b.variance, 12);
  });

  it('is antisymmetric in target and control and invariant to a common scale of weights on z', () => {
    const r = unwrap(computeWdd(CHECK));
    const swapped = unwrap(computeWdd({ target: CHECK.control, control: CHECK.target, targetBuffer: CHECK.controlBuffer, controlBuffer: CHECK.targetBuffer }));
    expect(swapped.wdd).toBe(-r.wdd);
    expect(swapped.variance).toBe(r.variance);
    const scaled = unwrap(computeWdd({ ...CHECK, timeWeights: { pre: 7, post: 7 } }));
    expect(scaled.z).toBeCloseTo(r.z, 12);
    expect(scaled.p).toBeCloseTo(r.p, 12);
  });

  it('refuses bad input with a message naming it', () => {
    const neg = computeWdd({ ...CHECK, control: { pre: -3, post: 4 } });
    expect(neg).toEqual({ ok: false, error: { kind: 'invalid-argument', name: 'control.pre', value: '-3', expected: 'a finite count >= 0' } });
    const w = computeWdd({ ...CHECK, timeWeights: { pre: 0, post: 1 } });
    expect(!w.ok && w.error.kind === 'invalid-argument' && w.error.name).toBe('weight of target.pre');
    const oneBuffer = computeWdd({ target: CHECK.target, control: CHECK.control, targetBuffer: CHECK.targetBuffer });
    expect(!oneBuffer.ok && oneBuffer.error.kind === 'invalid-argument' && oneBuffer.error.name).toBe('controlBuffer');
    const zeros = computeWdd({ target: { pre: 0, post: 0 }, control: { pre: 0, post: 0 } });
    expect(!zeros.ok && zeros.error.kind).toBe('undefined-statistic');
  });

  it('warns about small counts', () => {
    const r = unwrap(computeWdd({ target: { pre: 3, post: 1 }, control: { pre: 10, post: 12 } }));
    expect(r.warnings.join(' ')).toMatch(/below 5/);
    expect(Number.isFinite(r.z)).toBe(true);
  });
});

describe('cumulative WDD over the post period', () => {
  it('ends at the time-weighted WDD of the whole period and starts from month 1', () => {
    const post = { target: [8, 9, 7, 10, 6, 8], control: [20, 22, 19, 21, 23, 20], targetBuffer: [5, 6, 4, 5, 5, 6], controlBuffer: [9, 8, 10, 9, 11, 10] };
    const pre = { target: 132, control: 240, targetBuffer: 66, controlBuffer: 114 };
    const s = unwrap(computeCumulativeWdd({ pre, preMonths: 12, postMonthly: post }));
    expect(Array.from(s.months)).toEqual([1, 2, 3, 4, 5, 6]);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const whole = unwrap(computeWdd({
      target: { pre: pre.target, post: sum(post.target) },
      control: { pre: pre.control, post: sum(post.control) },
      targetBuffer: { pre: pre.targetBuffer, post: sum(post.targetBuffer) },
      controlBuffer: { pre: pre.controlBuffer, post: sum(post.controlBuffer) },
      timeWeights: { pre: 2, post: 1 },
    }));
    expect(s.wdd[5]).toBeCloseTo(whole.wdd, 12);
    expect(s.se[5]).toBeCloseTo(whole.se, 12);
    // Month 1: target 8 vs 132/12 = 11 expected; control 20 vs 20; buffers 5 vs 5.5, 9 vs 9.5.
    expect(s.wdd[0]).toBeCloseTo(8 - 11 - (20 - 20) + (5 - 5.5) - (9 - 9.5), 12);
    expect(s.ciLower[0]).toBeLessThan(s.wdd[0]!);
  });

  it('refuses series of different lengths', () => {
    const r = computeCumulativeWdd({ pre: { target: 10, control: 10 }, preMonths: 6, postMonthly: { target: [1, 2], control: [1] } });
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('postMonthly.control');
  });
});
