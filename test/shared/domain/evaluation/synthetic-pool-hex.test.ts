/**
 * The placebo pool of a synthetic-control design on hexagons (`--unit hex:M`): the design stores
 * its eligible pool hexes, and countSyntheticPool redraws each as the hexagon of the design's
 * size (not a square), so a pool hex counts exactly the incidents inside that hexagon.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { squareRings } from '../../../../shared/domain/design/areas';
import { computeGridMatchDesign } from '../../../../shared/domain/design/grid-match';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { hexRings } from '../../../../shared/domain/design/unit-shapes';
import { countSyntheticPool } from '../../../../shared/domain/evaluation/synthetic-pool';
import { isPointInPolygon, toFlatPolygon } from '../../../../shared/domain/geo/point-in-polygon';

const PRE = unwrap(parsePeriod('pre', '2023-01-01..2023-06-30'));
const POST = unwrap(parsePeriod('post', '2023-07-01..2023-12-31'));

describe('synthetic placebo pool on hexagons', () => {
  it('stores the eligible pool hexes and counts each in its hexagon', () => {
    const rng = createRng(8);
    const n = 6000;
    const x = Float64Array.from({ length: n }, () => rng.uniform(0, 2000));
    const y = Float64Array.from({ length: n }, () => rng.uniform(0, 2000));
    const days = Float64Array.from({ length: n }, () => PRE.startDay + rng.int(365));
    const { doc } = unwrap(
      computeGridMatchDesign({
        name: 'hs', created: '2025-01-01T00:00:00Z', crs: null,
        points: { x, y, days, group: null, groupNames: [] },
        targets: [{ id: 'T1', name: '', rings: squareRings(500, 500, 200) }, { id: 'T2', name: '', rings: squareRings(1500, 1500, 200) }],
        bufferM: 50, cellSizeM: 1, pre: PRE, minDistanceM: 0, covariateSpec: 'history:month', method: 'synthetic', pairing: 'greedy', ratio: 1, replace: false, caliper: null, seed: 1, exact: null,
        source: { dataset: 'd', dataHash: 'h' }, unit: { kind: 'hex', sizeM: 250 },
      }),
    );
    expect(doc.unit.kind).toBe('hex');
    const pool = doc.method.kind === 'matched' ? doc.method.fit?.pool : undefined;
    expect(pool && pool.cellIds.length).toBeGreaterThan(20);
    const counted = unwrap(countSyntheticPool(doc, x, y, days, PRE, POST));
    expect(counted).not.toBeNull();
    const nb = counted!.counts.length / counted!.cellIds.length;
    for (let k = 0; k < pool!.cellIds.length; k++) {
      const hex = toFlatPolygon(hexRings(pool!.x[k]!, pool!.y[k]!, 250));
      let inside = 0;
      for (let i = 0; i < n; i++) if (days[i]! >= PRE.startDay && days[i]! < POST.endDay && isPointInPolygon(hex, x[i]!, y[i]!)) inside++;
      const got = counted!.counts.subarray(k * nb, (k + 1) * nb).reduce((s, v) => s + v, 0);
      expect(got, `pool hex ${pool!.cellIds[k]}`).toBe(inside);
    }
  });
});
