import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatchedDesign } from '../../../../shared/domain/design/build-design';
import { designDocumentKey, DesignDocSchema, readDesignDocument, type DesignDoc } from '../../../../shared/domain/design/design-doc';
import { classifyPoint, areaDistance, polygonArea, prepareArea, squareRings } from '../../../../shared/domain/design/areas';
import { monthIndexOf, parsePeriod, periodMonths } from '../../../../shared/domain/design/period';
import { createRng } from '../../../../shared/base/random';
import { createProject } from '../../../../shared/domain/project/project';
import { openProjectFile, saveProjectFile } from '../../../../electron/services/project-file';
import { tempDir } from '../../../helpers/engine';

const PRE = (() => {
  const p = parsePeriod('--pre', '2022-01-01..2022-12-31');
  if (!p.ok) throw new Error('period');
  return p.value;
})();

/** Incidents on a 2 km square: background everywhere plus two hot squares (the targets) and look-alikes. */
function makeDesign(overrides: Partial<Parameters<typeof buildMatchedDesign>[0]> = {}): ReturnType<typeof buildMatchedDesign> {
  const rnd = createRng(11);
  const xs: number[] = [];
  const ys: number[] = [];
  const ds: number[] = [];
  const gs: number[] = [];
  const add = (x0: number, y0: number, size: number, n: number) => {
    for (let i = 0; i < n; i++) {
      xs.push(x0 + rnd.next() * size);
      ys.push(y0 + rnd.next() * size);
      ds.push(PRE.startDay + rnd.next() * 365);
      gs.push(rnd.next() < 0.3 ? 0 : 1);
    }
  };
  add(0, 0, 2000, 4000);
  add(200, 200, 100, 60); // target T1 [200,300]^2
  add(1400, 1400, 100, 55); // target T2 [1400,1500]^2
  add(1700, 300, 100, 58); // a look-alike hot cell far from both targets
  add(300, 1700, 100, 62);
  const built = buildMatchedDesign({
    name: 'pilot',
    created: '2025-02-01T00:00:00.000Z',
    crs: 'EPSG:32138',
    points: { x: Float64Array.from(xs), y: Float64Array.from(ys), days: Float64Array.from(ds), group: Int32Array.from(gs), groupNames: ['property', 'violent'] },
    targets: [
      { id: 'T1', name: 'first', rings: squareRings(250, 250, 100) },
      { id: 'T2', name: 'second', rings: squareRings(1450, 1450, 100) },
    ],
    bufferM: 100,
    cellSizeM: 100,
    pre: PRE,
    covariates: ['counts-by-group', 'trend'],
    algorithm: 'mahalanobis',
    ratio: 1,
    caliper: null,
    minDistanceM: 0,
    seed: 3,
    source: { dataset: 'incidents', dataHash: 'a'.repeat(64) },
    ...overrides,
  });
  return built;
}

function design(): DesignDoc {
  const built = makeDesign();
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return built.value;
}

describe('design document', () => {
  it('builds a matched design whose comparisons are clear of every target and its buffer, and matches the look-alikes', () => {
    const d = design();
    expect(DesignDocSchema.safeParse(d).success).toBe(true);
    expect(d.comparisons).toHaveLength(2);
    const targets = d.targets.map((t) => prepareArea(t.polygon, t.bufferM));
    for (const c of d.comparisons) {
      const cell = prepareArea(c.polygon, 0);
      for (const t of targets) expect(areaDistance(cell, t)).toBeGreaterThanOrEqual(200);
    }
    // The two look-alike hot cells are the nearest in covariates.
    const centres = d.comparisons.map((c) => [c.polygon[0]![0]![0] + 50, c.polygon[0]![0]![1] + 50].join(',')).sort();
    expect(centres).toEqual(['1750,350', '350,1750']);
    expect(d.balance.rows.map((r) => r.name)).toEqual(['pre count: property', 'pre count: violent', 'trend (per month)']);
    expect(d.balance.rows[0]!.after).not.toBeNull();
    expect(Math.abs(d.balance.rows[0]!.after!.smd!)).toBeLessThan(Math.abs(d.balance.rows[0]!.before.smd!));
  });

  it('round-trips through a saved project and is refused when damaged', async () => {
    const d = design();
    const dir = tempDir();
    const file = path.join(dir.dir, 'p.spiproj');
    const project = { ...createProject({ title: 't', analysisCrs: 'EPSG:32138' }), documents: { [designDocumentKey('pilot')]: d } };
    const saved = await saveProjectFile(project, file, '0.1.0');
    expect(saved.ok).toBe(true);
    const opened = await openProjectFile(file);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const back = readDesignDocument(opened.value.project.documents, 'pilot');
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value).toEqual(d);
    const missing = readDesignDocument(opened.value.project.documents, 'other');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(JSON.stringify(missing.error)).toContain('pilot');
    const damaged = readDesignDocument({ 'designs/pilot': { ...d, targets: [{ ...d.targets[0], bufferM: -1 }] } }, 'pilot');
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) expect(JSON.stringify(damaged.error)).toContain('targets.0.bufferM');
  });

  it('keeps documents saved before synthetic designs valid, and checks the synthetic fields', () => {
    const d = design();
    // A document as saved before `weight`, `fit` and 'synthetic' existed: no such keys at all.
    expect(JSON.stringify(d)).not.toMatch(/"weight"|"fit"/);
    expect(DesignDocSchema.safeParse(JSON.parse(JSON.stringify(d))).success).toBe(true);
    if (d.method.kind !== 'matched') throw new Error('kind');
    const fit = { labels: ['2022-01'], target: [3], synthetic: [2.5], rmse: 0.5, donors: 40, perTarget: [{ targetId: 'T1', rmse: 0.7 }], convention: 'c' };
    const synthetic = { ...d, method: { ...d.method, algorithm: 'synthetic', fit }, comparisons: d.comparisons.map((c, i) => ({ ...c, weight: i === 0 ? 1 : 0 })) };
    expect(DesignDocSchema.safeParse(synthetic).success).toBe(true);
    const negative = readDesignDocument({ 'designs/pilot': { ...synthetic, comparisons: synthetic.comparisons.map((c) => ({ ...c, weight: -0.5 })) } }, 'pilot');
    expect(!negative.ok && JSON.stringify(negative.error)).toContain('comparisons.0.weight');
    expect(DesignDocSchema.safeParse({ ...synthetic, method: { ...synthetic.method, algorithm: 'lasso' } }).success).toBe(false);
  });

  it('refuses a design where no target matches, and monthly-history mixed with other covariates', () => {
    const none = makeDesign({ caliper: 1e-9 });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(JSON.stringify(none.error)).toContain('no target matched (none-within-caliper)');
    const mixed = makeDesign({ covariates: ['monthly-history', 'trend'] });
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(JSON.stringify(mixed.error)).toContain('monthly-history alone');
    const history = makeDesign({ covariates: ['monthly-history'] });
    if (!history.ok) throw new Error(JSON.stringify(history.error));
    expect(history.value.balance.rows).toHaveLength(12);
  });

  it('refuses overlapping targets and names them', () => {
    const r = buildMatchedDesign({
      name: 'x', created: 'now', crs: null,
      points: { x: Float64Array.of(0), y: Float64Array.of(0), days: Float64Array.of(PRE.startDay), group: null, groupNames: [] },
      targets: [{ id: 'A', name: 'A', rings: squareRings(0, 0, 100) }, { id: 'B', name: 'B', rings: squareRings(50, 0, 100) }],
      bufferM: 0, cellSizeM: 100, pre: PRE, covariates: ['trend'], algorithm: 'mahalanobis', ratio: 1, caliper: null, minDistanceM: 0, seed: 1,
      source: { dataset: 'd', dataHash: 'h' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.error)).toContain('targets A and B');
  });
});

describe('areas and periods', () => {
  it('classifies points inside, in the ring and outside; measures areas and distances', () => {
    const a = prepareArea(squareRings(0, 0, 100), 20);
    expect(classifyPoint(a, 0, 0)).toBe(0);
    expect(classifyPoint(a, 69, 0)).toBe(1);
    expect(classifyPoint(a, 71, 0)).toBe(-1);
    expect(classifyPoint(a, 64, 64)).toBe(1); // corner: distance sqrt(2) x 14 = 19.8
    expect(classifyPoint(a, 66, 66)).toBe(-1); // 22.6 from the corner
    expect(polygonArea(squareRings(0, 0, 100))).toBe(10_000);
    expect(areaDistance(a, prepareArea(squareRings(300, 0, 100), 0))).toBe(200);
    expect(areaDistance(a, prepareArea(squareRings(80, 0, 100), 0))).toBe(0);
  });

  it('splits periods into clipped calendar months and rejects bad periods', () => {
    const p = parsePeriod('--post', '2023-07-15..2023-09-10');
    if (!p.ok) throw new Error('period');
    expect(periodMonths(p.value).map((m) => [m.label, m.days])).toEqual([['2023-07', 17], ['2023-08', 31], ['2023-09', 10]]);
    const months = periodMonths(p.value);
    expect(monthIndexOf(months, p.value.startDay - 0.5)).toBe(-1);
    expect(monthIndexOf(months, p.value.endDay - 0.01)).toBe(2);
    expect(parsePeriod('--pre', '2023-02-30..2023-03-01').ok).toBe(false);
    expect(parsePeriod('--pre', '2023-03-01..2023-02-01').ok).toBe(false);
  });
});
