import { describe, expect, it } from 'vitest';
import { runKnox } from '../../../../shared/domain/analysis/run-knox';
import { DEFAULT_PARAMS, methodFromParams, toCliCommand } from '../../../../renderer/features/analysis/analysis-params';
import { runAnalysisJob, type AnalysisJob } from '../../../../renderer/features/analysis/analysis-jobs';
import { cellClasses, cellRings, docColumn, knoxCellClass, topUnits } from '../../../../renderer/features/analysis/analysis-view';
import { createRng } from '../../../../shared/base/random';

// Two dense clumps and a sparse background in UTM 14N metres, with dates.
function points(n = 600) {
  const rng = createRng(3);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const days = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const clump = i % 3;
    const cx = clump === 0 ? 600_500 : clump === 1 ? 603_000 : 600_000 + 4000 * rng.next();
    const cy = clump === 0 ? 3_600_500 : clump === 1 ? 3_603_000 : 3_600_000 + 4000 * rng.next();
    x[i] = cx + (clump < 2 ? 120 * (rng.next() - 0.5) : 0);
    y[i] = cy + (clump < 2 ? 120 * (rng.next() - 0.5) : 0);
    days[i] = 19_000 + Math.floor(400 * rng.next());
  }
  return { x, y, days };
}

function job(method: AnalysisJob['method']): AnalysisJob {
  const p = points();
  return {
    method,
    crs: 'EPSG:32614',
    ...p,
    addresses: null,
    pointsNote: 'test points',
    provenance: { id: 'unsaved', createdAt: '2025-01-01T00:00:00.000Z', dataHash: 'h', dataset: { id: 'd', rows: 600, matched: 600, used: 600, filter: null } },
  };
}

describe('runAnalysisJob', () => {
  it("gives a Moran document whose LISA classes colour the map, HH in the clumps", () => {
    const m = methodFromParams('moran', { ...DEFAULT_PARAMS, permutations: '99' });
    if (!m.ok) throw new Error(m.error);
    const r = runAnalysisJob(job(m.method));
    if (!r.ok) throw new Error(r.error);
    expect(r.doc).toMatchObject({ format: 'spi-analysis', verb: 'moran', crs: 'EPSG:32614', points: 'test points' });
    const classes = cellClasses(r.doc)!;
    const hh = classes.legend.find((e) => e.label === 'HH (high-high)');
    expect(hh?.count).toBeGreaterThan(0);
    expect(classes.legend.reduce((a, e) => a + e.count, 0)).toBe(docColumn(r.doc, 'x')!.length);
  });

  it('runs Knox in the job exactly as the runner does, reporting progress along the way', () => {
    const m = methodFromParams('knox', { ...DEFAULT_PARAMS, simulations: '199' });
    if (!m.ok || m.method.kind !== 'knox') throw new Error('method');
    const seen: number[] = [];
    const r = runAnalysisJob(job(m.method), (done, total) => {
      expect(total).toBe(199);
      seen.push(done);
    });
    if (!r.ok) throw new Error(r.error);
    expect(seen.length).toBeGreaterThan(50);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const p = points();
    const direct = runKnox(p.x, p.y, p.days, { ...m.method });
    if (!direct.ok) throw new Error('direct');
    const observed = direct.value.table.columns.find((c) => c.name === 'observed')!.values;
    const pcol = direct.value.table.columns.find((c) => c.name === 'p')!.values;
    expect(docColumn(r.doc, 'observed')).toEqual(Array.from(observed as Float64Array));
    expect(docColumn(r.doc, 'p')).toEqual(Array.from(pcol as Float64Array));
  });

  it('stores cluster hulls as lon/lat GeoJSON in the document', () => {
    const r = runAnalysisJob(job({ kind: 'clusters', eps: 50, minPoints: 10 }));
    if (!r.ok) throw new Error(r.error);
    const hulls = r.doc.hulls as { features: { geometry: { type: string; coordinates: number[][][] } }[] };
    expect(hulls.features.length).toBe(2);
    const [lon, lat] = hulls.features[0]!.geometry.coordinates[0]![0]!;
    expect(lon).toBeGreaterThan(-100);
    expect(lon).toBeLessThan(-96);
    expect(lat).toBeGreaterThan(32);
    expect(lat).toBeLessThan(33);
  });

  it('names a missing date column instead of failing', () => {
    const j = { ...job({ kind: 'knox', spaceBands: [0, 100], timeBands: [0, 7], metric: 'euclidean', simulations: 9, seed: 1, nrcCompatible: false }), days: null };
    expect(runAnalysisJob(j)).toEqual({ ok: false, error: expect.stringMatching(/needs incident dates/) });
  });
});

describe('analysis-params', () => {
  it('refuses bad values naming the field, as the CLI does', () => {
    expect(methodFromParams('moran', { ...DEFAULT_PARAMS, unitSize: '-5' })).toEqual({ ok: false, error: expect.stringMatching(/^Cell size: "-5"/) });
    expect(methodFromParams('moran', { ...DEFAULT_PARAMS, weights: 'band:' })).toEqual({ ok: false, error: expect.stringMatching(/^Neighbours: "band:"/) });
    expect(methodFromParams('knox', { ...DEFAULT_PARAMS, spaceBands: '0,100,50' })).toEqual({ ok: false, error: expect.stringMatching(/^Space bands: "0,100,50"/) });
    expect(methodFromParams('knox', { ...DEFAULT_PARAMS, spaceBands: '0,100,250', nrcCompatible: true })).toEqual({ ok: false, error: expect.stringMatching(/^NRC-compatible/) });
    expect(methodFromParams('repeats', { ...DEFAULT_PARAMS, periodFrom: '2024-01-01' })).toEqual({ ok: false, error: expect.stringMatching(/both the first and the last day/) });
  });

  it('gives the equivalent command line', () => {
    const m = methodFromParams('knox', { ...DEFAULT_PARAMS, spaceBands: '0,100,inf' });
    if (!m.ok) throw new Error(m.error);
    expect(toCliCommand(m.method, "offense_group = 'burglary'")).toBe(
      "spi knox P.spiproj --space-bands 0,100,inf --time-bands 0,7,14,21,28 --metric euclidean --sims 99 --seed 1 --filter \"offense_group = 'burglary'\"",
    );
    const c = methodFromParams('concentration', { ...DEFAULT_PARAMS, unitKind: 'hex', unitSize: '150', top: '20' });
    expect(c.ok && toCliCommand(c.method, null)).toBe('spi concentration P.spiproj --unit hex:150 --top 20');
  });
});

describe('analysis-view', () => {
  it('rebuilds square and hexagon outlines from centres (closed rings, the cell size apart)', () => {
    const sq = cellRings(Float64Array.of(600_125), Float64Array.of(3_600_125), 'square', 250, 'EPSG:32614');
    expect(Array.from(sq.startIndices)).toEqual([0, 5]);
    expect(sq.positions[0]).toBeCloseTo(sq.positions[8]!, 12);
    const hex = cellRings(Float64Array.of(600_000, 600_250), Float64Array.of(3_600_000, 3_600_000), 'hex-pointy', 250, 'EPSG:32614');
    expect(Array.from(hex.startIndices)).toEqual([0, 7, 14]);
  });

  it('colours Knox cells by p only where the ratio is above 1', () => {
    expect(knoxCellClass(2.1, 0.001)).toBe('p01');
    expect(knoxCellClass(1.3, 0.03)).toBe('p05');
    expect(knoxCellClass(0.6, 0.001)).toBe('ns');
    expect(knoxCellClass(1.3, 0.2)).toBe('ns');
  });

  it('marks the units holding half the crime when no top N is given', () => {
    const doc = { verb: 'concentration', parameters: { top: null }, result: { tables: [{ name: 'p-of-m', columns: { crime_percent: [25, 50, 75], units: [3, 9, 30] } }] } };
    expect(topUnits(doc)).toBe(9);
  });
});
