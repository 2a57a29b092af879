import { describe, expect, it } from 'vitest';
import { VIRIDIS } from '../../../../shared/domain/explore/classing';
import { prepareGridLayer, ZERO_CELL_ALPHA, type GridLayerSettings } from '../../../../shared/domain/explore/grid-layer';
import { createTransform } from '../../../../shared/domain/geo/crs';

const CRS = 'EPSG:32614';
const X0 = 650_000;
const Y0 = 3_625_000;
const base: GridLayerSettings = { shape: 'square', cell: 100, classing: 'quantile', classes: 3 };

/** RGBA of a cell (its first vertex). */
const cellColor = (v: Uint8Array, start: Int32Array, id: number) => Array.from(v.subarray(4 * start[id]!, 4 * start[id]! + 4));

describe('grid count layer data', () => {
  it('counts every cell, zeros included, and colours zero cells faint grey', () => {
    // Cells are aligned on the CRS origin: 650000..650100 and so on.
    const x = Float64Array.from([X0 + 10, X0 + 20, X0 + 30, X0 + 250, X0 + 250, X0 + 450]);
    const y = Float64Array.from([Y0 + 10, Y0 + 10, Y0 + 10, Y0 + 10, Y0 + 10, Y0 + 10]);
    const r = prepareGridLayer(x, y, CRS, base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    expect(d.cells).toBe(5); // 650000..650500 in one row
    expect(Array.from(d.counts)).toEqual([3, 0, 2, 0, 1]);
    expect(d.nonEmpty).toBe(3);
    expect(d.cellArea).toBe(10_000);
    expect(cellColor(d.vertexColors, d.startIndices, 1)).toEqual([128, 128, 128, ZERO_CELL_ALPHA]);
    const top = VIRIDIS[VIRIDIS.length - 1]!;
    expect(cellColor(d.vertexColors, d.startIndices, 0)).toEqual([top[0], top[1], top[2], 255]);
    const bottom = VIRIDIS[0]!;
    expect(cellColor(d.vertexColors, d.startIndices, 4)).toEqual([bottom[0], bottom[1], bottom[2], 255]);
    // Every vertex of a cell carries the cell's colour.
    for (let id = 0; id < d.cells; id++) {
      const c = cellColor(d.vertexColors, d.startIndices, id).join();
      for (let v = d.startIndices[id]!; v < d.startIndices[id + 1]!; v++) expect(Array.from(d.vertexColors.subarray(4 * v, 4 * v + 4)).join()).toBe(c);
    }
    // Quantile breaks (type 7) over the cells WITH incidents (1, 2, 3): 5/3, 7/3, 3.
    expect(d.breaks.length).toBe(3);
    expect(d.breaks[0]).toBeCloseTo(5 / 3, 12);
    expect(d.breaks[1]).toBeCloseTo(7 / 3, 12);
    expect(d.breaks[2]).toBe(3);
  });

  it('returns outlines in lon/lat: the first cell starts at its south-west corner', () => {
    const r = prepareGridLayer(Float64Array.from([X0 + 10, X0 + 90]), Float64Array.from([Y0 + 10, Y0 + 90]), CRS, base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [lon, lat] = createTransform(CRS, 'EPSG:4326')(X0, Y0);
    expect(r.value.positions[0]).toBeCloseTo(lon, 9);
    expect(r.value.positions[1]).toBeCloseTo(lat, 9);
    expect(r.value.startIndices[1]).toBe(5); // closed square ring
  });

  it('counts the same incidents in hexagons, losing none (property)', () => {
    const n = 500;
    const x = Float64Array.from({ length: n }, (_, i) => X0 + ((i * 37) % 1000));
    const y = Float64Array.from({ length: n }, (_, i) => Y0 + ((i * 91) % 800));
    for (const shape of ['hex-pointy', 'hex-flat', 'square'] as const) {
      const r = prepareGridLayer(x, y, CRS, { ...base, shape, cell: 120, classing: 'jenks', classes: 5 });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(r.value.startIndices[1]).toBe(shape === 'square' ? 5 : 7);
    }
  });

  it('reports no points and too many cells as errors', () => {
    expect(prepareGridLayer(new Float64Array(0), new Float64Array(0), CRS, base).ok).toBe(false);
    const huge = prepareGridLayer(Float64Array.from([X0, X0 + 100_000]), Float64Array.from([Y0, Y0 + 100_000]), CRS, { ...base, cell: 10 });
    expect(!huge.ok && JSON.stringify(huge.error)).toMatch(/cell/);
  });
});

describe('grid layer as Gi* hot spots', () => {
  it('marks the cells around a planted cluster hot (99%) and keeps every cell in a bin', () => {
    // A dense cluster near (1000, 1000) over a sparse uniform background, in metres.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      xs.push(1000 + ((i * 37) % 80) - 40);
      ys.push(1000 + ((i * 53) % 80) - 40);
    }
    for (let i = 0; i < 200; i++) {
      xs.push(((i * 7919) % 4000) + 0.5);
      ys.push(((i * 104729) % 4000) + 0.5);
    }
    const r = prepareGridLayer(Float64Array.from(xs), Float64Array.from(ys), 'EPSG:32614', {
      shape: 'square', cell: 200, classing: 'quantile', classes: 5, statistic: 'gistar', band: 400,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const hs = r.value.hotSpots!;
    expect(hs.band).toBe(400);
    expect(Object.values(hs.binCounts).reduce((a, b) => a + b, 0)).toBe(r.value.cells);
    // The cell holding the cluster centre is a 99% hot spot.
    let hottest = 0;
    for (let i = 0; i < r.value.counts.length; i++) if ((r.value.counts[i] as number) > (r.value.counts[hottest] as number)) hottest = i;
    expect(hs.bins[hottest]).toBe(3);
    expect(hs.binCounts['3']).toBeGreaterThan(0);
  });
});
