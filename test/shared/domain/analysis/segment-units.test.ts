import { describe, expect, it } from 'vitest';
import { runHotSpots } from '../../../../shared/domain/analysis/run-hotspots';
import { restateForLayerUnits } from '../../../../shared/domain/analysis/layer-units';
import { buildSegmentUnits } from '../../../../shared/domain/analysis/segment-units';

const planar = (x: number, y: number): [number, number] => [x, y];
const line = (id: string, coords: number[][]) => ({ id, properties: {}, geometry: { type: 'LineString', coordinates: coords } });

// A: (0,0)-(100,0); B: (100,0)-(100,100), meeting A at (100,0); C: (300,0)-(400,0), alone.
const LAYOUT = [line('A', [[0, 0], [100, 0]]), line('B', [[100, 0], [100, 50], [100, 100]]), line('C', [[300, 0], [400, 0]])];
// (50,5) A at 5 m; (50,-10) A at 10 m; (100,-3) A and B both 3 m away -> A (first in layer order);
// (95,50) B at 5 m; (102,2) B at 2 m (A's end is 2.83 m); (350,40) 40 m from C; (200,0) 100 m from all.
const PX = [50, 50, 100, 95, 102, 350, 200];
const PY = [5, -10, -3, 50, 2, 40, 0];

describe('buildSegmentUnits', () => {
  it('snaps every incident to the nearest segment within the tolerance and reports the rest', () => {
    const r = buildSegmentUnits(LAYOUT, planar, PX, PY, { toleranceM: 30, layerName: 'streets' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const u = r.value;
    expect(u.id).toEqual(['A', 'B', 'C']);
    expect(Array.from(u.counts)).toEqual([3, 2, 0]);
    expect(Array.from(u.cellOfPoint)).toEqual([0, 0, 0, 1, 1, -1, -1]);
    expect(u.unsnapped).toBe(2);
    expect(u.snapDistance[4]).toBeCloseTo(2, 12);
    expect(u.snapDistance[2]).toBeCloseTo(3, 12);
    expect(Number.isNaN(u.snapDistance[5])).toBe(true);
    // Midpoints along the lines (B's middle vertex does not move its midpoint).
    expect(Array.from(u.x!)).toEqual([50, 100, 350]);
    expect(Array.from(u.y!)).toEqual([0, 50, 0]);
    expect(Array.from(u.measure!.values)).toEqual([100, 100, 100]);
    // Contiguity: A and B share the node (100,0); C is an island.
    expect(Array.from(u.contiguity!.queen.offsets)).toEqual([0, 1, 2, 2]);
    expect(Array.from(u.contiguity!.queen.indices)).toEqual([1, 0]);
    expect(u.description).toMatch(/3 street segments of layer "streets".*within 30 m.*2 incident\(s\) farther than 30 m/);
  });

  it('counts the 40 m incident once the tolerance reaches it (inclusive)', () => {
    const r = buildSegmentUnits(LAYOUT, planar, PX, PY, { toleranceM: 40, layerName: 's' });
    expect(r.ok && Array.from(r.value.counts)).toEqual([3, 2, 1]);
    expect(r.ok && r.value.unsnapped).toBe(1);
  });

  it('gives the worked Gi* with a distance band between midpoints', () => {
    // x = (3, 2, 0); band 100 m joins A and B (70.7 m apart), C only itself.
    // Xbar = 5/3, S = sqrt(13/3 - 25/9) = 1.247219; A: (5 - 2 Xbar) / (S sqrt((3*2 - 4)/2)) = 1.336306, B the same,
    // C: (0 - Xbar) / (S sqrt((3 - 1)/2)) = -1.336306.
    const u = buildSegmentUnits(LAYOUT, planar, PX, PY, { toleranceM: 30, layerName: 'streets' });
    if (!u.ok) throw new Error('units');
    const gi = runHotSpots(u.value, { unit: 'segments:streets', weights: { kind: 'band', distance: 100 }, fdr: false, permutations: 0, seed: 1 });
    if (!gi.ok) throw new Error(JSON.stringify(gi.error));
    const z = gi.value.table.columns.find((c) => c.name === 'z')!.values as Float64Array;
    expect(z[0]).toBeCloseTo(1.336306, 6);
    expect(z[1]).toBeCloseTo(1.336306, 6);
    expect(z[2]).toBeCloseTo(-1.336306, 6);
    // Queen on segments = shared end node: the same neighbours here, so the same z.
    const q = runHotSpots(u.value, { unit: 'segments:streets', weights: { kind: 'queen' }, fdr: false, permutations: 0, seed: 1 });
    expect(q.ok && Array.from(q.value.table.columns.find((c) => c.name === 'z')!.values as Float64Array).map((v) => Number(v.toFixed(6)))).toEqual([1.336306, 1.336306, -1.336306]);
    const stated = restateForLayerUnits(gi.value, u.value, { kind: 'band', distance: 100 });
    expect(stated.convention[0]).toBe(u.value.description);
    expect(stated.convention[1]).toMatch(/distance between segment midpoints d_ij <= 100 m/);
    expect(stated.summary.unsnapped).toBe(2);
    expect(stated.warnings.join(' ')).toMatch(/2 incident\(s\) were farther than the snapping tolerance/);
  });

  it('is invariant to translating layout and incidents together', () => {
    const shift = (x: number, y: number): [number, number] => [x + 512345.5, y + 2100000.25];
    const a = buildSegmentUnits(LAYOUT, planar, PX, PY, { toleranceM: 30, layerName: 's' });
    const b = buildSegmentUnits(LAYOUT, shift, PX.map((v) => v + 512345.5), PY.map((v) => v + 2100000.25), { toleranceM: 30, layerName: 's' });
    expect(a.ok && b.ok && Array.from(b.value.counts)).toEqual(a.ok && Array.from(a.value.counts));
  });

  it('refuses a bad tolerance and a layer without lines, naming them', () => {
    const bad = buildSegmentUnits(LAYOUT, planar, PX, PY, { toleranceM: 0, layerName: 's' });
    expect(!bad.ok && bad.error).toMatchObject({ name: '--snap', value: '0' });
    const none = buildSegmentUnits([{ properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }], planar, PX, PY, { toleranceM: 10, layerName: 'beats' });
    expect(!none.ok && none.error).toMatchObject({ name: 'layer beats' });
  });
});
