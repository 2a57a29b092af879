import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { squareRings } from '../../../../shared/domain/design/areas';
import type { GridMatchInput } from '../../../../shared/domain/design/grid-match';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { DesignWorkerClient } from '../../../../renderer/features/design/design-worker-client';

const PRE = unwrap(parsePeriod('pre', '2023-01-01..2023-06-30'));

function input(): GridMatchInput {
  const n = 4000;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const days = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = (i * 7919) % 3000;
    y[i] = (i * 104729) % 3000;
    days[i] = PRE.startDay + (i % 180);
  }
  return {
    name: 'w', created: 't', crs: null, points: { x, y, days, group: null, groupNames: [] },
    targets: [{ id: 'T1', name: 'a', rings: squareRings(500, 500, 250) }, { id: 'T2', name: 'b', rings: squareRings(2500, 2500, 250) }],
    bufferM: 50, cellSizeM: 250, pre: PRE, minDistanceM: 0, covariateSpec: 'total,trend', method: 'mahalanobis', pairing: 'greedy',
    ratio: 1, replace: false, caliper: null, seed: 1, exact: null, source: { dataset: 'd', dataHash: 'h' },
  };
}

describe('the design worker client (no Worker here: the same matching on this thread)', () => {
  it('returns the design with the progress sentences, and leaves the caller’s point columns intact', async () => {
    const c = new DesignWorkerClient();
    const progress: string[] = [];
    const inp = input();
    const r = await c.run(inp, (t) => progress.push(t));
    expect(r?.ok).toBe(true);
    if (r?.ok) expect(r.doc.comparisons).toHaveLength(2);
    expect(progress[0]).toMatch(/Building the grid of 250 m cells/);
    expect(inp.points.x.length).toBe(4000);
  });

  it('a new run or cancel() supersedes the running one: its promise resolves to null', async () => {
    const c = new DesignWorkerClient();
    const first = c.run(input(), () => {});
    const second = c.run({ ...input(), covariateSpec: 'calls' }, () => {});
    expect(await first).toBeNull();
    const r = await second;
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.error).toMatch(/covariates: "calls"/);
    const third = c.run(input(), () => {});
    c.cancel();
    expect(await third).toBeNull();
  });
});
