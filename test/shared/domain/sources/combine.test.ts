import { describe, expect, it } from 'vitest';
import type { AnalysisPoints } from '../../../../shared/domain/analysis/points';
import { combineSourcePoints, parseSourceSpec } from '../../../../shared/domain/sources/combine';

const pts = (n: number, weights: number[] | null = null, days = true): AnalysisPoints => ({
  columns: { x: 'x', y: 'y', date: days ? { name: 'occurred_from', type: 'TIMESTAMP' } : null, weight: weights ? 'w' : null, id: null, caseRow: null },
  x: Float64Array.from({ length: n }, (_, i) => i),
  y: Float64Array.from({ length: n }, (_, i) => -i),
  days: days ? Float64Array.from({ length: n }, (_, i) => 100 + i) : null,
  weights: weights ? Float64Array.from(weights) : null,
  ids: null,
  totalRows: n + 1,
  matchedRows: n,
  skipped: { noCoordinates: 1, noDate: 0, badWeight: 0, extraCaseRows: 0 },
});

describe('--source and --source-weights', () => {
  it('parses names with inline weights, and overrides from --source-weights', () => {
    expect(parseSourceSpec('incidents')).toEqual({ ok: true, value: [{ name: 'incidents', weight: 1 }] });
    expect(parseSourceSpec('incidents=1,calls=0.25')).toEqual({ ok: true, value: [{ name: 'incidents', weight: 1 }, { name: 'calls', weight: 0.25 }] });
    expect(parseSourceSpec('incidents,calls', 'calls=0.5')).toEqual({ ok: true, value: [{ name: 'incidents', weight: 1 }, { name: 'calls', weight: 0.5 }] });
  });

  it('refuses bad names and weights, naming the option and the item', () => {
    for (const [s, w, option] of [['a=-1', undefined, '--source'], ['a=x', undefined, '--source'], ['a,a', undefined, '--source'], ['a b', undefined, '--source'], ['a', 'b=2', '--source-weights'], ['a', 'a=', '--source-weights'], ['a=0', undefined, '--source-weights']] as const) {
      const r = parseSourceSpec(s, w);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid-argument', name: option });
    }
  });

  it('concatenates points and multiplies each by its source weight (a harm index)', () => {
    const c = combineSourcePoints([{ points: pts(2), weight: 1 }, { points: pts(3, [2, 0, 4]), weight: 0.25 }]);
    expect(Array.from(c.x)).toEqual([0, 1, 0, 1, 2]);
    expect(Array.from(c.weights!)).toEqual([1, 1, 0.5, 0, 1]);
    expect(c.weights!.reduce((s, v) => s + v, 0)).toBe(2 + 0.25 * 6);
    expect(Array.from(c.days!)).toEqual([100, 101, 100, 101, 102]);
    expect(c.totalRows).toBe(3 + 4);
    expect(c.skipped.noCoordinates).toBe(2);
  });

  it('keeps one source of weight 1 unweighted, and drops dates unless every source has them', () => {
    expect(combineSourcePoints([{ points: pts(2), weight: 1 }]).weights).toBeNull();
    expect(combineSourcePoints([{ points: pts(2), weight: 1 }, { points: pts(1, null, false), weight: 1 }]).days).toBeNull();
  });
});
