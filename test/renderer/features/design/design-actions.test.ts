import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { squareRings } from '../../../../shared/domain/design/areas';
import { computeGridMatchDesign } from '../../../../shared/domain/design/grid-match';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { createTransform } from '../../../../shared/domain/geo/crs';
import type { ProjectLayer } from '../../../../shared/domain/project/project';
import { buildMatchInput, covariateSpecOf, datasetsOfSettings, settingsOfDesign, unitText } from '../../../../renderer/features/design/design-actions';
import type { DesignData } from '../../../../renderer/features/design/design-points';
import type { DesignSettings, DraftTarget } from '../../../../renderer/features/design/use-design-workbench';

const PRE = unwrap(parsePeriod('pre', '2023-01-01..2023-12-31'));

const SETTINGS: DesignSettings = {
  name: 'd1', preFrom: '2023-01-01', preTo: '2023-12-31', bufferM: 100, minAreaM2: 0, cellSizeM: 250,
  counts: true, total: false, history: false, quarterly: false, trend: true,
  method: 'mahalanobis', pairing: 'greedy', replace: false, exact: 'none', ratio: 1, caliper: null, minDistanceM: 0, seed: 3,
  unitKind: 'grid', unitLayer: '', snapM: 30, circleRadiusM: 150, otherDatasets: [], otherGroups: [], otherHistory: [], fields: [], dropMissing: false,
};

/** Points on a 3 km square grid every 50 m, one per point per month; more around the targets. */
function data(): DesignData {
  const x: number[] = [];
  const y: number[] = [];
  const days: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) {
    const reps = (i * 7 + j * 13) % 5;
    for (let r = 0; r < reps; r++) {
      x.push(i * 50 + 10 + r);
      y.push(j * 50 + 10);
      days.push(PRE.startDay + ((i + j + r * 31) % 365));
      group.push((i + r) % 2);
    }
  }
  return {
    crs: 'EPSG:32615',
    points: { x: Float64Array.from(x), y: Float64Array.from(y), days: Float64Array.from(days), group: Int32Array.from(group), groupNames: ['property', 'violent'] },
    extent: { minX: 0, minY: 0, maxX: 3000, maxY: 3000 },
    dataset: 'ds', dataHash: 'hash', firstDay: '2023-01-01', lastDay: '2023-12-31', address: null, table: 't', note: '',
  };
}

const targets: DraftTarget[] = [
  { id: 'T1', name: 'one', rings: squareRings(600, 600, 250), source: 'test' },
  { id: 'T2', name: 'two', rings: squareRings(2300, 2300, 250), source: 'test' },
];

describe('the match request from the panel settings', () => {
  it('turns the ticked covariates into covariate-spec terms', () => {
    expect(covariateSpecOf(SETTINGS)).toBe('counts,trend');
    expect(covariateSpecOf({ ...SETTINGS, counts: false, total: true, history: true, quarterly: true, trend: false })).toBe('total,history:month,history:quarter');
  });

  it('passes the options to the matching; synthetic drops the pair-matching ones; optimal is without replacement', () => {
    const d = data();
    const r = unwrap(buildMatchInput(d, targets, { ...SETTINGS, pairing: 'optimal', replace: true, ratio: 2, caliper: 0.5 }, PRE, []));
    expect([r.pairing, r.replace, r.ratio, r.caliper, r.covariateSpec, r.seed]).toEqual(['optimal', false, 2, 0.5, 'counts,trend', 3]);
    const s = unwrap(buildMatchInput(d, targets, { ...SETTINGS, method: 'synthetic', pairing: 'optimal', ratio: 3, caliper: 0.2, exact: 'beat' }, PRE, []));
    expect([s.pairing, s.ratio, s.caliper, s.replace, s.exact]).toEqual(['greedy', 1, null, false, null]);
    expect(computeGridMatchDesign(s).ok).toBe(true);
  });

  it('reads exact categories from the project layer of beats, and says when there is none', () => {
    const layer: ProjectLayer = {
      meta: { id: 'beats', name: 'Beats', role: 'beats', features: 1 },
      geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'B1' }, geometry: { type: 'Polygon', coordinates: [[[-93, 44], [-92, 44], [-92, 45], [-93, 45], [-93, 44]]] } }] },
    };
    const r = unwrap(buildMatchInput(data(), targets, { ...SETTINGS, exact: 'beat' }, PRE, [layer]));
    expect(r.exact?.name).toBe('beat');
    expect(r.exact?.labels).toEqual(['B1']);
    const none = buildMatchInput(data(), targets, { ...SETTINGS, exact: 'district' }, PRE, [layer]);
    expect(!none.ok && none.error).toMatch(/no reference layer of districts/);
  });

  it('names what is missing in plain words', () => {
    const d = data();
    expect(buildMatchInput(d, targets, { ...SETTINGS, name: 'a b' }, PRE, []).ok).toBe(false);
    expect(buildMatchInput(d, [], SETTINGS, PRE, [])).toEqual({ ok: false, error: 'Add at least one target area first (Targets step).' });
    expect(buildMatchInput(d, targets, { ...SETTINGS, counts: false, trend: false }, PRE, [])).toEqual({ ok: false, error: 'Tick at least one covariate.' });
    expect(buildMatchInput(d, targets, SETTINGS, null, []).ok).toBe(false);
  });

  it('an opened design restores the settings it was made with', () => {
    const input = unwrap(buildMatchInput(data(), targets, { ...SETTINGS, pairing: 'optimal', total: true, counts: false, history: true, trend: false }, PRE, []));
    const doc = unwrap(computeGridMatchDesign(input)).doc;
    const back = settingsOfDesign(doc);
    expect(back).toMatchObject({ name: 'd1', method: 'mahalanobis', pairing: 'optimal', replace: false, exact: 'none', total: true, counts: false, history: true, trend: false, quarterly: false, seed: 3 });
    const syn = unwrap(computeGridMatchDesign(unwrap(buildMatchInput(data(), targets, { ...SETTINGS, method: 'synthetic' }, PRE, [])))).doc;
    expect(settingsOfDesign(syn).method).toBe('synthetic');
  });

  it('matches on the polygons of a layer with another dataset and a layer field, and restores those settings', () => {
    // 500 m squares over the 3 km test area (EPSG:32615 metres), kept in lon/lat as a project layer.
    const toLonLat = createTransform('EPSG:32615', 'EPSG:4326');
    const features = [];
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
      const ring = [[0, 0], [500, 0], [500, 500], [0, 500], [0, 0]].map(([dx, dy]) => toLonLat(i * 500 + dx!, j * 500 + dy!));
      features.push({ type: 'Feature', properties: { name: `B${i}${j}`, population: 1000 + ((i * 37 + j * 101) % 400) }, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
    const beats: ProjectLayer = { meta: { id: 'beats', name: 'Beats', role: 'beats', features: 36 }, geojson: { type: 'FeatureCollection', features } };
    const d = data();
    const settings: DesignSettings = { ...SETTINGS, unitKind: 'polygons', unitLayer: 'beats', otherDatasets: ['calls'], fields: ['beats.population'] };
    expect(covariateSpecOf(settings)).toBe('counts,trend,total@calls,field:beats.population');
    const input = unwrap(buildMatchInput(d, targets, settings, PRE, [beats], { datasets: [{ name: 'calls', points: d.points }], available: ['ds', 'calls'] }));
    expect(input.unit).toEqual({ kind: 'polygons', layer: 'beats' });
    const r = computeGridMatchDesign(input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { doc, summary } = r.value;
    expect(summary.unit).toBe('polygons:beats');
    expect(doc.unit.kind).toBe('polygons');
    // The targets sit inside the beats B11 and B44 (their vertex means).
    expect(doc.targets.map((t) => t.id)).toEqual(['polygon B11', 'polygon B44']);
    expect(doc.balance.rows.map((row) => row.name)).toEqual(['pre count: property', 'pre count: violent', 'trend (per month)', 'calls: pre count: total', 'beats.population']);
    expect(settingsOfDesign(doc)).toMatchObject({ unitKind: 'polygons', unitLayer: 'beats', otherDatasets: ['calls'], fields: ['beats.population'] });
  });

  it('matches on hexagons with group counts and monthly history of another dataset, and restores those settings', () => {
    const d = data();
    const settings: DesignSettings = { ...SETTINGS, unitKind: 'hex', cellSizeM: 300, counts: false, total: true, trend: false, otherGroups: ['violent@calls'], otherHistory: ['calls'] };
    expect(covariateSpecOf(settings)).toBe('total,counts:violent@calls,history:month@calls');
    expect(datasetsOfSettings({ ...settings, otherDatasets: ['calls', 'arrests'] })).toEqual(['calls', 'arrests']);
    const input = unwrap(buildMatchInput(d, targets, settings, PRE, [], { datasets: [{ name: 'calls', points: d.points }], available: ['ds', 'calls'] }));
    expect(input.unit).toEqual({ kind: 'hex', sizeM: 300 });
    const r = computeGridMatchDesign(input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { doc, summary } = r.value;
    expect(summary.unit).toBe('hex:300');
    expect(doc.unit).toMatchObject({ kind: 'hex', sizeM: 300 });
    expect(unitText(doc.unit)).toBe('hex:300');
    // Each target polygon is one unit (as on grid cells); comparisons are hexagons (7-point rings).
    expect(doc.targets.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(doc.comparisons.every((c) => c.name.startsWith('hex ') && c.polygon[0]!.length === 7)).toBe(true);
    expect(doc.comparisons[0]!.areaM2).toBeCloseTo((Math.sqrt(3) / 2) * 300 * 300, 6);
    const rows = doc.balance.rows.map((row) => row.name);
    expect(rows.slice(0, 2)).toEqual(['pre count: total', 'calls: pre count: violent']);
    expect(rows.filter((n) => n.startsWith('calls: ') && n.includes('2023-')).length).toBe(12);
    expect(settingsOfDesign(doc)).toMatchObject({ unitKind: 'hex', cellSizeM: 300, total: true, counts: false, history: false, otherGroups: ['violent@calls'], otherHistory: ['calls'], otherDatasets: [] });
  });

  it('names the datasets there are when a term names a missing one', () => {
    const d = data();
    const input = unwrap(buildMatchInput(d, targets, { ...SETTINGS, otherDatasets: ['calls'] }, PRE, [], { datasets: [], available: ['ds', 'calls'] }));
    // Without the other dataset's points, the message names the datasets there are.
    const missing = computeGridMatchDesign({ ...input, datasets: [] });
    expect(!missing.ok && missing.error.kind === 'invalid-argument' && missing.error.expected).toMatch(/datasets: ds, calls/);
  });
});
