/**
 * The panel's one-call matching (grid-match.ts) and the synthetic-control document
 * (synthetic-doc.ts): the same design as the CLI's steps, every option reaching the matching,
 * exact categories from polygons, and a synthetic design whose weights, fit and balance are
 * consistent with the fit and valid against the design schema.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import { squareRings } from '../../../../shared/domain/design/areas';
import { DesignDocSchema } from '../../../../shared/domain/design/design-doc';
import { categoriesFromPolygons, polygonsFromFeatures } from '../../../../shared/domain/design/exact-categories';
import { computeGridMatchDesign, type GridMatchInput } from '../../../../shared/domain/design/grid-match';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { SYNTHETIC_TARGET_ID } from '../../../../shared/domain/design/synthetic-doc';
import { formatStatsError } from '../../../../shared/domain/evaluation/stats-error';

const PRE = unwrap(parsePeriod('--pre', '2023-01-01..2023-12-31'));

/** Points over a 5 km square with hot spots (two of them the targets), days in 2023, two groups. */
function points(seed: number, n: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const days = new Float64Array(n);
  const group = new Int32Array(n);
  const hot = [[1000, 1000], [4000, 1200], [2500, 4000], [1200, 3500], [3800, 3800], [2500, 2500]];
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.5) {
      const h = hot[rng.int(hot.length)]!;
      x[i] = rng.normal(h[0], 150);
      y[i] = rng.normal(h[1], 150);
    } else {
      x[i] = rng.uniform(0, 5000);
      y[i] = rng.uniform(0, 5000);
    }
    days[i] = PRE.startDay + rng.int(365);
    group[i] = rng.int(2);
  }
  return { x, y, days, group, groupNames: ['property', 'violent'] };
}

const base: GridMatchInput = {
  name: 'g',
  created: '2024-01-01T00:00:00Z',
  crs: 'EPSG:32615',
  points: points(3, 20_000),
  targets: [
    { id: 'T1', name: 'one', rings: squareRings(1000, 1000, 300) },
    { id: 'T2', name: 'two', rings: squareRings(4000, 1200, 300) },
    { id: 'T3', name: 'three', rings: squareRings(2500, 4000, 300) },
  ],
  bufferM: 100,
  cellSizeM: 250,
  pre: PRE,
  minDistanceM: 0,
  covariateSpec: 'counts,trend',
  method: 'mahalanobis',
  pairing: 'greedy',
  ratio: 1,
  replace: false,
  caliper: null,
  seed: 1,
  exact: null,
  source: { dataset: 'd', dataHash: 'h' },
};

describe('computeGridMatchDesign', () => {
  it('pairs every target without replacement, reports progress, and makes a schema-valid document', () => {
    const progress: string[] = [];
    const r = unwrap(computeGridMatchDesign({ ...base, ratio: 2 }, (t) => progress.push(t)));
    expect(progress.length).toBe(3);
    expect(progress[1]).toMatch(/Matching 3 targets against [\d,]+ pool cells \(greedy\)/);
    expect(DesignDocSchema.safeParse(JSON.parse(JSON.stringify(r.doc))).success).toBe(true);
    expect(r.doc.comparisons).toHaveLength(6);
    expect(new Set(r.doc.comparisons.map((c) => c.cellId)).size).toBe(6);
    expect(r.doc.method.kind === 'matched' && r.doc.method.covariateSpec).toBe('counts,trend');
    expect(r.summary.nPool + r.summary.excluded + 3).toBe(r.summary.nUnits);
  });

  it('optimal pairing never has a larger total distance than greedy; propensity reports convergence', () => {
    const g = unwrap(computeGridMatchDesign({ ...base, covariateSpec: 'total,trend' }));
    const o = unwrap(computeGridMatchDesign({ ...base, covariateSpec: 'total,trend', pairing: 'optimal' }));
    expect(o.summary.pairing).toBe('optimal');
    expect(o.summary.totalDistance!).toBeLessThanOrEqual(g.summary.totalDistance! + 1e-9);
    // Three hot targets among thousands of cells separate perfectly: the model says it did not converge.
    const p = unwrap(computeGridMatchDesign({ ...base, method: 'propensity', covariateSpec: 'total' }));
    expect(p.summary.propensity?.iterations).toBeGreaterThan(0);
    expect(typeof p.summary.propensity?.converged).toBe('boolean');
    expect(p.doc.method.kind === 'matched' && p.doc.method.algorithm).toBe('propensity');
  });

  it('exact matching keeps every pair in one category; a caliper no pair meets is refused (no design to save)', () => {
    // Two halves of the square as "districts": west (x < 2500) and east.
    const half = (x0: number) => [[[x0, 0], [x0 + 2500, 0], [x0 + 2500, 5000], [x0, 5000], [x0, 0]]] as [number, number][][];
    const layer = { polygons: [half(0), half(2500)], labels: ['West', 'East'] };
    const r = unwrap(computeGridMatchDesign({ ...base, exact: { name: 'district', ...layer } }));
    for (const c of r.doc.comparisons) {
      const t = base.targets.find((x) => x.id === c.targetId)!;
      const tx = t.rings[0]![0]![0] + 150;
      const cx = c.polygon[0]![0]![0] + 125;
      expect(cx < 2500).toBe(tx < 2500);
    }
    const cal = computeGridMatchDesign({ ...base, caliper: 1e-6, replace: true });
    expect(cal.ok).toBe(false);
  });

  it('refuses pair-matching options with the synthetic method, naming them', () => {
    const r = computeGridMatchDesign({ ...base, method: 'synthetic', ratio: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatStatsError(r.error)).toMatch(/apply to pair matching only/);
  });

  it('saves synthetic weights: the weighted cells sum to 1 and reproduce the stored fit of the mean target', () => {
    const r = unwrap(computeGridMatchDesign({ ...base, method: 'synthetic', covariateSpec: 'total,trend' }));
    const d = r.doc;
    expect(DesignDocSchema.safeParse(JSON.parse(JSON.stringify(d))).success).toBe(true);
    const m = d.method;
    if (m.kind !== 'matched' || !m.fit) throw new Error('no fit');
    expect(m.algorithm).toBe('synthetic');
    let sum = 0;
    for (const c of d.comparisons) {
      expect(c.weight!).toBeGreaterThan(0);
      expect(c.targetId).toBe(SYNTHETIC_TARGET_ID);
      sum += c.weight!;
    }
    expect(sum).toBeCloseTo(1, 9);
    expect(m.fit.labels).toHaveLength(12);
    // The stored synthetic series is sum_j w_j x_jm over the weighted cells' monthly counts.
    const months = m.fit.labels.length;
    const synth = new Float64Array(months);
    const { x, y, days } = base.points;
    d.comparisons.forEach((c) => {
      const ring = c.polygon[0]!;
      const [x0, y0] = ring[0]!;
      const [x1, y1] = ring[2]!;
      for (let i = 0; i < x.length; i++) {
        if (x[i]! >= Math.min(x0, x1) && x[i]! < Math.max(x0, x1) && y[i]! >= Math.min(y0, y1) && y[i]! < Math.max(y0, y1)) {
          const month = new Date(days[i]! * 86_400_000).getUTCMonth();
          synth[month] = synth[month]! + c.weight!;
        }
      }
    });
    for (let k = 0; k < months; k++) expect(m.fit.synthetic[k]).toBeCloseTo(synth[k]!, 6);
    let ss = 0;
    for (let k = 0; k < months; k++) ss += (m.fit.target[k]! - m.fit.synthetic[k]!) ** 2;
    expect(m.fit.rmse).toBeCloseTo(Math.sqrt(ss / months), 9);
    expect(m.fit.perTarget.map((t) => t.targetId)).toEqual(['T1', 'T2', 'T3']);
    // Balance after is against the synthetic comparison: the total pre count is closer than the pool's.
    const total = d.balance.rows.find((row) => row.name === 'pre count: total')!;
    expect(Math.abs(total.after!.smd!)).toBeLessThan(Math.abs(total.before.smd!));
  });

  it('a one-target synthetic design keeps means and leaves SMDs empty', () => {
    const r = unwrap(computeGridMatchDesign({ ...base, targets: base.targets.slice(0, 1), method: 'synthetic', covariateSpec: 'total' }));
    const row = r.doc.balance.rows[0]!;
    expect(row.sStar).toBeNull();
    expect(row.after!.smd).toBeNull();
    expect(row.after!.meanControl).toBeGreaterThan(0);
    expect(r.doc.balance.convention).toMatch(/one target/);
  });
});

describe('exact categories from a layer', () => {
  it('labels points by the polygon holding them; multipolygon parts and repeated labels are one category', () => {
    const features = [
      { type: 'Feature', properties: { name: 'A' }, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]]] } },
      { type: 'Feature', properties: { beat: 'B7' }, geometry: { type: 'Polygon', coordinates: [[[0, 2], [3, 2], [3, 3], [0, 3], [0, 2]]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [5, 5] } },
    ];
    const layer = polygonsFromFeatures(features, 'beat', (lon, lat) => [lon * 100, lat * 100]);
    expect(layer.labels).toEqual(['A', 'A', 'B7']);
    const c = categoriesFromPolygons('beat', layer, Float64Array.from([50, 250, 150, 150]), Float64Array.from([50, 50, 250, 150]));
    expect(c.labels).toEqual(['A', 'B7']);
    expect(Array.from(c.codes)).toEqual([0, 0, 1, -1]);
  });
});
