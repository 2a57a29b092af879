import { describe, expect, it } from 'vitest';
import { NEAR_REPEAT_DAYS, NEAR_REPEAT_DISTANCE_FT, SAMPLE_OFFENSES } from '../../../../shared/domain/sample/index';
import { createRng } from '../../../../shared/base/random';
import { sampleFixture } from './sample-fixtures';

describe('near-repeat burglary chains', () => {
  const { city } = sampleFixture();
  const inc = city.incidents;
  const burglary = SAMPLE_OFFENSES.findIndex((p) => p.code === '220');
  const day = 86_400_000;

  it('follows every chain start with burglaries within 400 ft and 14 days', () => {
    const starts: number[] = [];
    const follows: number[] = [];
    for (let i = 0; i < inc.count; i++) {
      if (inc.nearRepeat[i] === 1) starts.push(i);
      if (inc.nearRepeat[i] === 2) follows.push(i);
      if (inc.nearRepeat[i]) expect(inc.offense[i]).toBe(burglary);
    }
    expect(starts.length).toBe(city.groundTruth.nearRepeat.chains);
    expect(follows.length).toBe(city.groundTruth.nearRepeat.followOns);
    expect(follows.length).toBeGreaterThan(starts.length);
    for (const f of follows) {
      const origin = starts.find((s) => {
        const dt = inc.occurredFrom[f]! - inc.occurredFrom[s]!;
        return Math.hypot(inc.x[f]! - inc.x[s]!, inc.y[f]! - inc.y[s]!) <= NEAR_REPEAT_DISTANCE_FT && dt > 0 && dt < NEAR_REPEAT_DAYS * day;
      });
      expect(origin, `follow-on ${f}`).toBeDefined();
    }
  });

  it('makes close-in-space-and-time burglary pairs far more common than chance (Knox-style)', () => {
    const b: number[] = [];
    for (let i = 0; i < inc.count; i++) if (inc.offense[i] === burglary) b.push(i);
    const days = b.map((i) => Math.floor(inc.occurredFrom[i]! / day));
    const close = (order: number[]): number => {
      let n = 0;
      for (let p = 0; p < b.length; p++) {
        for (let q = p + 1; q < b.length; q++) {
          const i = b[p]!;
          const j = b[q]!;
          if (Math.abs(days[order[p]!]! - days[order[q]!]!) <= NEAR_REPEAT_DAYS && Math.hypot(inc.x[i]! - inc.x[j]!, inc.y[i]! - inc.y[j]!) <= NEAR_REPEAT_DISTANCE_FT) n++;
        }
      }
      return n;
    };
    const observed = close(b.map((_, k) => k));
    const permuted = close(createRng(1).shuffle(b.map((_, k) => k))); // dates detached from places
    expect(observed).toBeGreaterThan(2 * permuted);
  });
});
