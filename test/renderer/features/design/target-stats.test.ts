import { describe, expect, it } from 'vitest';
import type { DesignPoints } from '../../../../shared/domain/design/build-design';
import { circleRings, rectangleRings } from '../../../../renderer/features/design/geometry';
import { checkTargets, computeTargetStats, describeProblem, isBlocking, pointsExtent } from '../../../../renderer/features/design/target-stats';

function points(): DesignPoints {
  // 4 points inside the 100 m square at the origin (days 10..13), one outside, one inside but after the period.
  return {
    x: Float64Array.from([10, 20, 30, 40, 500, 50]),
    y: Float64Array.from([10, 20, 30, 40, 500, 50]),
    days: Float64Array.from([10, 11, 12, 13, 10, 400]),
    group: Int32Array.from([0, 0, 1, -1, 0, 0]),
    groupNames: ['property', 'violent'],
  };
}

describe('live target figures', () => {
  it('counts pre-period incidents inside, the area in km² and the top offense groups', () => {
    const s = computeTargetStats(rectangleRings([0, 0], [100, 100])!, points(), { startDay: 0, endDay: 100 });
    expect(s.count).toBe(4);
    expect(s.areaKm2).toBeCloseTo(0.01, 12);
    expect(s.top).toEqual([{ group: 'property', n: 2 }, { group: 'violent', n: 1 }]);
  });
});

describe('target constraints', () => {
  const a = { id: 'T1', rings: rectangleRings([0, 0], [100, 100])! };
  it('flags overlapping targets as blocking', () => {
    const p = checkTargets([a, { id: 'T2', rings: rectangleRings([50, 50], [150, 150])! }], 100, 0, null);
    expect(p.map((x) => x.kind)).toEqual(['overlap']);
    expect(isBlocking(p[0]!)).toBe(true);
    expect(describeProblem(p[0]!)).toMatch(/T1 and T2 overlap/);
  });
  it('tells a target inside another one\'s buffer from buffer rings that merely overlap', () => {
    const near = checkTargets([a, { id: 'T2', rings: rectangleRings([150, 0], [250, 100])! }], 100, 0, null);
    expect(near[0]).toMatchObject({ kind: 'in-buffer', distanceM: 50 });
    const mid = checkTargets([a, { id: 'T2', rings: rectangleRings([250, 0], [350, 100])! }], 100, 0, null);
    expect(mid[0]).toMatchObject({ kind: 'rings-overlap', distanceM: 150 });
    expect(checkTargets([a, { id: 'T2', rings: rectangleRings([301, 0], [400, 100])! }], 100, 0, null)).toEqual([]);
  });
  it('flags small targets and targets outside the data', () => {
    const ext = pointsExtent(Float64Array.from([-10, 90]), Float64Array.from([-10, 200]))!;
    const p = checkTargets([{ id: 'T1', rings: circleRings([0, 0], 20)! }, { id: 'T2', rings: rectangleRings([50, 50], [130, 130])! }], 0, 5000, ext);
    expect(p.map((x) => `${x.kind}:${x.a}`)).toEqual(['too-small:T1', 'outside-data:T1', 'outside-data:T2']);
    expect(pointsExtent(new Float64Array(0), new Float64Array(0))).toBeNull();
  });
});
