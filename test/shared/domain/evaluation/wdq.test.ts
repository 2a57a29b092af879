import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { computeWdq } from '../../../../shared/domain/evaluation/wdq';

describe('weighted displacement quotient (Bowers & Johnson 2003)', () => {
  it('reproduces the DOMAIN.md check and reads it as diffusion of benefits', () => {
    const r = unwrap(computeWdq({ tb: 100, ta: 60, db: 80, da: 70, cb: 200, ca: 190 }));
    expect(r.success).toBeCloseTo(-0.1842, 4);
    expect(r.buffer).toBeCloseTo(-0.0316, 4);
    expect(r.wdq).toBeCloseTo(0.1714, 4);
    expect(r.tne).toBeCloseTo(41.0, 10);
    expect(r.tneTarget).toBeCloseTo(35, 10);
    expect(r.tneBuffer).toBeCloseTo(6, 10);
    expect(r.reading).toBe('diffusion');
    expect(r.message).toMatch(/diffusion of benefits/);
  });

  it('is undefined, with a plain message, when the target moved exactly as the control', () => {
    const r = unwrap(computeWdq({ tb: 100, ta: 95, db: 80, da: 70, cb: 200, ca: 190 }));
    expect(r.wdq).toBeNull();
    expect(r.success).toBe(0);
    expect(r.reading).toBe('undefined');
    expect(r.message).toMatch(/undefined.*Success measure = 0/);
    expect(Number.isFinite(r.tne)).toBe(true);
    // Rounding in the quotients (1/3 - 2/6 style) does not produce a huge WDQ.
    const third = unwrap(computeWdq({ tb: 2, ta: 1, db: 3, da: 4, cb: 6, ca: 3 }));
    expect(third.wdq).toBeNull();
  });

  it.each([
    [{ tb: 100, ta: 60, db: 80, da: 30, cb: 200, ca: 200 }, 'diffusion-greater-than-direct-effect'],
    [{ tb: 100, ta: 60, db: 80, da: 80, cb: 200, ca: 200 }, 'no-displacement-or-diffusion'],
    [{ tb: 100, ta: 60, db: 80, da: 100, cb: 200, ca: 200 }, 'displacement-smaller-than-direct-effect'],
    [{ tb: 100, ta: 60, db: 80, da: 150, cb: 200, ca: 200 }, 'displacement-greater-than-direct-effect'],
    [{ tb: 100, ta: 120, db: 80, da: 70, cb: 200, ca: 200 }, 'no-success'],
    [{ tb: 100, ta: 60, db: 80, da: 40, cb: 200, ca: 200 }, 'diffusion'],
  ] as const)('reads the signs as Bowers & Johnson do: %j -> %s', (input, reading) => {
    const r = unwrap(computeWdq(input));
    expect(r.reading).toBe(reading);
  });

  it('has TNE = 0 when target and buffer follow the control, and is scale-free in the control', () => {
    const r = unwrap(computeWdq({ tb: 50, ta: 45, db: 30, da: 27, cb: 100, ca: 90 }));
    expect(r.tne).toBeCloseTo(0, 12);
    const a = unwrap(computeWdq({ tb: 100, ta: 60, db: 80, da: 70, cb: 200, ca: 190 }));
    const b = unwrap(computeWdq({ tb: 100, ta: 60, db: 80, da: 70, cb: 2000, ca: 1900 }));
    expect(b.tne).toBeCloseTo(a.tne, 10);
    expect(b.wdq).toBeCloseTo(a.wdq!, 10);
  });

  it('refuses a zero control count and negative counts', () => {
    const r = computeWdq({ tb: 100, ta: 60, db: 80, da: 70, cb: 0, ca: 190 });
    expect(!r.ok && r.error.kind === 'invalid-argument' && r.error.name).toBe('cb');
    const n = computeWdq({ tb: 100, ta: -1, db: 80, da: 70, cb: 10, ca: 190 });
    expect(!n.ok && n.error.kind === 'invalid-argument' && n.error.name).toBe('ta');
  });
});
