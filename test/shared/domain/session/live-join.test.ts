import { describe, expect, it } from 'vitest';
import { constantTimeEqual, describeJoinRefusal, generateJoinCode, JoinGate } from '../../../../shared/domain/session/live-join';
import { createRng } from '../../../../shared/base/random';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const byteSource = (bytes: number[]) => () => {
  const b = bytes.shift();
  if (b === undefined) throw new Error('out of bytes');
  return b;
};

describe('generateJoinCode', () => {
  it('makes six digits, skipping bytes >= 250 so every digit is uniform', () => {
    expect(generateJoinCode(byteSource([0, 255, 9, 250, 19, 249, 100, 123]))).toBe('099903');
  });
  it('spreads digits evenly (chi-square over 60 000 digits, 9 dof, p > 0.001)', () => {
    const rng = createRng(7);
    const next = () => Math.floor(rng.next() * 256);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) for (const d of generateJoinCode(next)) counts[Number(d)]++;
    const expected = 6000;
    const chi = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(27.88);
  });
  it('refuses a source that does not give bytes (a bug)', () => {
    expect(() => generateJoinCode(() => 256)).toThrow(/not a byte/);
  });
});

describe('constantTimeEqual', () => {
  it('is plain equality', () => {
    expect(constantTimeEqual('123456', '123456')).toBe(true);
    expect(constantTimeEqual('123457', '123456')).toBe(false);
    expect(constantTimeEqual('12345', '123456')).toBe(false);
    expect(constantTimeEqual('1234567', '123456')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
  it('looks at every character of the expected code whatever the attempt (no early exit)', () => {
    // Count the characters read from the attempt with a proxy string object.
    const reads = (attempt: string) => {
      let n = 0;
      const probe = { length: attempt.length, charCodeAt: (i: number) => (n++, attempt.charCodeAt(i)) } as unknown as string;
      constantTimeEqual(probe, '123456');
      return n;
    };
    expect(reads('923456')).toBe(reads('123459'));
    expect(reads('9')).toBe(1);
    expect(reads('000000')).toBe(6);
  });
});

describe('JoinGate', () => {
  it('admits the right code once; then it is used', () => {
    const g = new JoinGate();
    g.renew('123456', T0, 10);
    expect(g.attempt('10.0.0.2', '123456', T0 + 1000)).toBeNull();
    expect(g.attempt('10.0.0.3', '123456', T0 + 2000)).toBe('used');
    expect(g.info().used).toBe(true);
  });
  it('refuses a wrong code and an expired one (even when right)', () => {
    const g = new JoinGate();
    g.renew('123456', T0, 10);
    expect(g.attempt('10.0.0.2', '654321', T0)).toBe('wrong-code');
    expect(g.attempt('10.0.0.2', '123456', T0 + 10 * 60_000)).toBe('expired');
    expect(g.attempt('10.0.0.2', '123456', T0 + 10 * 60_000 - 1)).toBeNull();
  });
  it('rate-limits an address after 5 wrong codes in 10 minutes, then forgets them', () => {
    const g = new JoinGate();
    g.renew('123456', T0, 60);
    for (let i = 0; i < 5; i++) expect(g.attempt('10.0.0.9', `00000${i}`, T0 + i)).toBe('wrong-code');
    expect(g.attempt('10.0.0.9', '123456', T0 + 10)).toBe('rate-limited');
    expect(g.attempt('10.0.0.8', '123456', T0 + 10)).toBeNull();
    g.renew('222222', T0 + 20, 60);
    expect(g.attempt('10.0.0.9', '222222', T0 + 10 * 60_000)).toBeNull();
  });
  it('burns a code after 20 wrong attempts in total, from any addresses', () => {
    const g = new JoinGate();
    g.renew('123456', T0, 60);
    for (let i = 0; i < 19; i++) expect(g.attempt(`10.0.${i}.1`, '000000', T0)).toBe('wrong-code');
    expect(g.attempt('10.0.99.1', '000000', T0)).toBe('burnt');
    expect(g.attempt('10.0.98.1', '123456', T0)).toBe('burnt');
    expect(g.info().burnt).toBe(true);
    g.renew('777777', T0, 60);
    expect(g.attempt('10.0.98.1', '777777', T0)).toBeNull();
  });
  it('refuses everything before a code exists and explains every refusal in words', () => {
    expect(new JoinGate().attempt('10.0.0.1', '123456', T0)).toBe('burnt');
    for (const r of ['wrong-code', 'expired', 'used', 'rate-limited', 'burnt'] as const) expect(describeJoinRefusal(r)).toMatch(/code|wait/i);
    expect(() => new JoinGate().renew('12ab', T0)).toThrow();
  });
});
