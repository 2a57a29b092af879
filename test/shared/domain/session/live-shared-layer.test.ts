import { describe, expect, it } from 'vitest';
import type { GridLayerData } from '../../../../shared/domain/explore/grid-layer';
import { MIN_SHARED_CELL_METRES, parseSharedLayer, SUPPRESSED_COLOR, toSharedGridLayer } from '../../../../shared/domain/session/live-shared-layer';

/** A 4-cell grid of unit squares with counts 0, 2, 5, 9 and a distinct colour per cell. */
function grid(cell = 250, counts = [0, 2, 5, 9]): GridLayerData {
  const positions: number[] = [];
  const startIndices = [0];
  const vertexColors: number[] = [];
  counts.forEach((_, i) => {
    const x = -90 + i * 0.01;
    const ring = [[x, 38], [x + 0.01, 38], [x + 0.01, 38.01], [x, 38.01], [x, 38]];
    for (const [lon, lat] of ring) {
      positions.push(lon!, lat!);
      vertexColors.push(10 * i, 20 * i, 30 * i, 255);
    }
    startIndices.push(positions.length / 2);
  });
  return {
    cells: counts.length,
    positions: Float64Array.from(positions),
    startIndices: Int32Array.from(startIndices),
    vertexColors: Uint8Array.from(vertexColors),
    counts: Float64Array.from(counts),
    breaks: [2, 9],
    colors: [[1, 2, 3], [4, 5, 6]],
    shape: 'square',
    cell,
    cellArea: cell * cell,
    nonEmpty: 3,
    points: 16,
    crs: 'EPSG:26915',
  } as GridLayerData;
}

describe('privacy-profiled grid layer', () => {
  it('keeps counts of at least k, withholds 1..k-1, drops empty cells', () => {
    const r = toSharedGridLayer(grid(), 'Incidents', 5);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.values).toEqual([null, 5, 9]);
    expect(r.value.colors).toEqual([...SUPPRESSED_COLOR, 20, 40, 60, 235, 30, 60, 90, 235]);
    expect(r.value.starts).toEqual([0, 5, 10, 15]);
    expect(r.value.positions).toHaveLength(30);
    expect(r.value.legend.map((l) => l.label)).toEqual(['5 or more incidents: class colours as on the host', '1–4 incidents (count withheld)']);
    expect(parseSharedLayer(JSON.parse(JSON.stringify(r.value))).ok).toBe(true);
  });
  it('property: no shared value is ever below k, whatever the counts and k', () => {
    for (let k = 2; k <= 12; k++) {
      const counts = Array.from({ length: 30 }, (_, i) => (i * 7) % 15);
      const r = toSharedGridLayer(grid(300, counts), 't', k);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.values.every((v) => v === null || v >= k)).toBe(true);
      expect(r.value.values.length).toBe(counts.filter((c) => c > 0).length);
      expect(r.value.values.filter((v) => v === null).length).toBe(counts.filter((c) => c > 0 && c < k).length);
    }
  });
  it('refuses cells finer than the minimum and a threshold under 2', () => {
    const fine = toSharedGridLayer(grid(MIN_SHARED_CELL_METRES - 1), 't');
    expect(!fine.ok && fine.error.reason).toMatch(/too small to share/);
    expect(toSharedGridLayer(grid(), 't', 1).ok).toBe(false);
  });
  it('a received layer that smuggles a small count or broken arrays is refused', () => {
    const r = toSharedGridLayer(grid(), 't', 5);
    if (!r.ok) throw new Error('setup');
    expect(parseSharedLayer({ ...r.value, values: [1, 5, 9] }).ok).toBe(false);
    expect(parseSharedLayer({ ...r.value, starts: [0, 5, 10] }).ok).toBe(false);
    expect(parseSharedLayer({ ...r.value, kind: 'points' }).ok).toBe(false);
  });
});
