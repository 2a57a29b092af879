import { describe, expect, it } from 'vitest';
import { polygonArea } from '../../../../shared/domain/design/areas';
import { circleRings, polygonRings, rectangleRings, ringsFromLonLat, ringsToLonLat } from '../../../../renderer/features/design/geometry';
import { applyClick, applyDoubleClick, previewOutline, type DrawState } from '../../../../renderer/features/design/drawing';

describe('drawn shapes', () => {
  it('makes a closed rectangle from two opposite corners in any order', () => {
    const r = rectangleRings([300, 50], [100, 250])!;
    expect(r[0]).toEqual([[100, 50], [300, 50], [300, 250], [100, 250], [100, 50]]);
    expect(polygonArea(r)).toBe(200 * 200);
    expect(rectangleRings([0, 0], [0, 10])).toBeNull();
  });

  it('makes a circle whose vertices lie on the circle and whose area is (n/2) r² sin(2π/n)', () => {
    const c = circleRings([1000, 2000], 150, 64)!;
    expect(c[0]).toHaveLength(65);
    expect(c[0]![0]).toEqual(c[0]![64]);
    for (const [x, y] of c[0]!) expect(Math.hypot(x - 1000, y - 2000)).toBeCloseTo(150, 9);
    expect(polygonArea(c)).toBeCloseTo(32 * 150 * 150 * Math.sin((2 * Math.PI) / 64), 6);
    expect(polygonArea(c) / (Math.PI * 150 * 150)).toBeGreaterThan(0.998);
    expect(circleRings([0, 0], 0)).toBeNull();
  });

  it('closes a clicked polygon and drops the repeated vertex of a double click', () => {
    const p = polygonRings([[0, 0], [10, 0], [10, 10], [10, 10], [0, 10]])!;
    expect(p[0]).toEqual([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]);
    expect(polygonRings([[0, 0], [1, 1], [1, 1]])).toBeNull();
    expect(polygonRings([[0, 0], [1, 1], [2, 2]])).toBeNull(); // collinear: no area
  });

  it('round-trips rings through lon/lat to the centimetre', () => {
    const r = rectangleRings([700000, 2100000], [700250, 2100250])!;
    const back = ringsFromLonLat(ringsToLonLat(r, 'EPSG:32138'), 'EPSG:32138');
    back[0]!.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(r[0]![i]![0], 2);
      expect(y).toBeCloseTo(r[0]![i]![1], 2);
    });
  });
});

describe('drawing tools', () => {
  it('rectangle: two clicks make the shape, the tool stays armed', () => {
    let s: DrawState = { tool: 'rectangle', vertices: [] };
    const a = applyClick(s, [0, 0]);
    expect(a.shape).toBeNull();
    s = a.state;
    expect(previewOutline(s, [50, 20])).toHaveLength(5);
    const b = applyClick(s, [100, 40]);
    expect(polygonArea(b.shape!)).toBe(4000);
    expect(b.state.vertices).toEqual([]);
  });

  it('circle: centre then rim', () => {
    const a = applyClick({ tool: 'circle', vertices: [] }, [0, 0]);
    const b = applyClick(a.state, [30, 40]);
    expect(Math.hypot(...(b.shape![0]![0] as [number, number]))).toBeCloseTo(50, 9);
  });

  it('polygon: double click finishes, a click on the first vertex closes it', () => {
    let s: DrawState = { tool: 'polygon', vertices: [] };
    for (const p of [[0, 0], [100, 0], [100, 100], [100, 100]] as const) s = applyClick(s, p).state;
    expect(applyDoubleClick(s).shape![0]).toHaveLength(4);
    let t: DrawState = { tool: 'polygon', vertices: [] };
    for (const p of [[0, 0], [100, 0], [100, 100]] as const) t = applyClick(t, p).state;
    const closed = applyClick(t, [0.5, 0.5], 2);
    expect(closed.shape![0]).toEqual([[0, 0], [100, 0], [100, 100], [0, 0]]);
    expect(applyDoubleClick({ tool: 'polygon', vertices: [[0, 0], [1, 0]] }).shape).toBeNull();
  });
});
