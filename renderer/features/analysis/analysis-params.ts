/**
 * The Analysis panel's form values (text as typed) and their translation into a checked
 * method, with the same rules and the same words as the CLI's options, so a value the CLI
 * refuses is refused here too, naming the field and the value.
 */
import { parseWeightsSpec } from '../../../shared/domain/stats/hotspots';
import { checkBandEdges } from '../../../shared/domain/stats/knox-bands';
import { nrcSettingsFromEdges } from '../../../shared/domain/analysis/run-knox';
import { parseRepeatPrecision } from '../../../shared/domain/analysis/run-repeats';
import { DEFAULT_SNAP_M } from '../../../shared/domain/analysis/layer-units';
import type { AnalysisMethod, LayerUnit } from './analysis-jobs';

/** The methods of the panel, in tab order. */
export const METHODS = [
  { kind: 'moran', label: "Moran's I" },
  { kind: 'emerging', label: 'Emerging' },
  { kind: 'concentration', label: 'Concentration' },
  { kind: 'knox', label: 'Knox' },
  { kind: 'clusters', label: 'Clusters' },
  { kind: 'repeats', label: 'Repeats' },
] as const;

export type MethodKind = (typeof METHODS)[number]['kind'];

/** Form values, as typed. */
export interface PanelParams {
  readonly unitKind: 'grid' | 'hex';
  readonly unitSize: string;
  /** Concentration's units: '' for the cells above, else "segments:<layer id>" or "polygons:<layer id>". */
  readonly layerUnit: string;
  /** Snapping tolerance for street segments, metres. */
  readonly snap: string;
  readonly weights: string;
  readonly permutations: string;
  readonly seed: string;
  readonly alpha: string;
  readonly step: 'week' | 'month';
  readonly compareSteps: boolean;
  readonly top: string;
  readonly spaceBands: string;
  readonly timeBands: string;
  readonly metric: 'euclidean' | 'manhattan';
  readonly simulations: string;
  readonly knoxSeed: string;
  readonly nrcCompatible: boolean;
  readonly eps: string;
  readonly minPoints: string;
  readonly precision: string;
  readonly minCount: string;
  readonly periodFrom: string;
  readonly periodTo: string;
}

/** Defaults: 250 m squares with queen contiguity, 999 permutations, Knox bands of 100 m and 7 days. */
export const DEFAULT_PARAMS: PanelParams = {
  unitKind: 'grid',
  unitSize: '250',
  layerUnit: '',
  snap: String(DEFAULT_SNAP_M),
  weights: 'queen',
  permutations: '999',
  seed: '1',
  alpha: '0.05',
  step: 'month',
  compareSteps: true,
  top: '',
  spaceBands: '0,100,200,300,400',
  timeBands: '0,7,14,21,28',
  metric: 'euclidean',
  simulations: '99',
  knoxSeed: '1',
  nrcCompatible: false,
  eps: '100',
  minPoints: '10',
  precision: '10m',
  minCount: '2',
  periodFrom: '',
  periodTo: '',
};

type Checked = { ok: true; method: AnalysisMethod } | { ok: false; error: string };

function num(field: string, text: string, rule: { min: number; integer?: boolean; exclusive?: boolean; what: string }): number | string {
  const v = Number(text.trim());
  const bad = text.trim() === '' || !Number.isFinite(v) || (rule.integer && !Number.isInteger(v)) || (rule.exclusive ? v <= rule.min : v < rule.min);
  return bad ? `${field}: "${text}" is not valid (expected ${rule.what})` : v;
}

function edges(field: string, text: string): number[] | string {
  const out: number[] = [];
  for (const t of text.split(',')) {
    const s = t.trim().toLowerCase();
    const v = s === 'inf' || s === 'infinity' ? Number.POSITIVE_INFINITY : Number(s);
    if (s === '' || Number.isNaN(v)) return `${field}: "${text}" is not valid (expected comma-separated numbers, e.g. 0,100,200,inf)`;
    out.push(v);
  }
  const bad = checkBandEdges(field, out);
  return bad ? `${field}: "${text}" is not valid (${bad.expected})` : out;
}

/** The layer unit chosen for concentration (null: cells), or the bad field in words. */
function layerUnitFromParams(p: PanelParams): LayerUnit | null | string {
  const choice = p.layerUnit.trim();
  if (choice === '') return null;
  const at = choice.indexOf(':');
  const kind = choice.slice(0, at);
  const layer = choice.slice(at + 1);
  if (at < 0 || (kind !== 'segments' && kind !== 'polygons') || layer === '') return `Units: "${choice}" is not valid (expected cells, segments:<layer> or polygons:<layer>)`;
  if (kind === 'polygons') return { kind, layer, snap: DEFAULT_SNAP_M };
  const snap = num('Snap (m)', p.snap, { min: 0, exclusive: true, what: 'a snapping tolerance in metres > 0' });
  return typeof snap === 'string' ? snap : { kind, layer, snap };
}

/** A reference layer as the panel sees it (state.project.layers). */
export interface UnitLayerLike {
  readonly meta: { readonly id: string; readonly name: string; readonly role: string };
  readonly geojson: { readonly features: readonly unknown[] };
}

/** One choice of the concentration "Units" list. */
export interface UnitChoice {
  /** '' (cells), "segments:<id>" or "polygons:<id>": the value of {@link PanelParams.layerUnit}. */
  readonly value: string;
  readonly label: string;
}

function geometryKinds(layer: UnitLayerLike): { lines: boolean; polygons: boolean } {
  let lines = false;
  let polygons = false;
  for (const f of layer.geojson.features) {
    const t = (f as { geometry?: { type?: string } | null }).geometry?.type;
    if (t === 'LineString' || t === 'MultiLineString') lines = true;
    else if (t === 'Polygon' || t === 'MultiPolygon') polygons = true;
  }
  return { lines, polygons };
}

/**
 * The units concentration can count in for these project layers: the cells of the form, then
 * "Street segments (snap M m)" for each streets layer (role streets, or a layer of lines; the
 * layer name is added when there are several) and "Polygons: <name>" for each layer holding
 * polygons. `snap` is the text of the Snap field, shown as typed.
 */
export function unitChoices(layers: readonly UnitLayerLike[], snap: string): UnitChoice[] {
  const out: UnitChoice[] = [{ value: '', label: 'Cells (squares or hexagons)' }];
  const streets = layers.filter((l) => geometryKinds(l).lines && (l.meta.role === 'streets' || !geometryKinds(l).polygons));
  for (const l of streets) out.push({ value: `segments:${l.meta.id}`, label: `Street segments (snap ${snap.trim() || '?'} m)${streets.length > 1 ? `: ${l.meta.name}` : ''}` });
  for (const l of layers) if (geometryKinds(l).polygons) out.push({ value: `polygons:${l.meta.id}`, label: `Polygons: ${l.meta.name}` });
  return out;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks the values the method `kind` needs and builds its method, or names the bad field. */
export function methodFromParams(kind: MethodKind, p: PanelParams): Checked {
  const fail = (error: string): Checked => ({ ok: false, error });
  const size = num('Cell size', p.unitSize, { min: 0, exclusive: true, what: 'metres > 0' });
  const unit = typeof size === 'number' ? { kind: p.unitKind, size } : null;
  if (kind === 'moran' || kind === 'emerging') {
    if (!unit) return fail(size as string);
    const w = parseWeightsSpec(p.weights);
    if (!w.ok) return fail(`Neighbours: "${p.weights}" is not valid (expected ${w.error.expected})`);
    if (kind === 'emerging') return { ok: true, method: { kind, unit, weights: w.value, step: p.step, compareSteps: p.compareSteps } };
    const permutations = num('Permutations', p.permutations, { min: 1, integer: true, what: 'a whole number >= 1 (local Moran needs them for its classes)' });
    const seed = num('Seed', p.seed, { min: 0, integer: true, what: 'a whole number >= 0' });
    const alpha = num('Significance', p.alpha, { min: 0, exclusive: true, what: 'a level such as 0.05' });
    for (const v of [permutations, seed, alpha]) if (typeof v === 'string') return fail(v);
    if ((alpha as number) >= 1) return fail(`Significance: "${p.alpha}" is not valid (expected a level below 1, such as 0.05)`);
    return { ok: true, method: { kind, unit, weights: w.value, permutations: permutations as number, seed: seed as number, alpha: alpha as number } };
  }
  if (kind === 'concentration') {
    const layer = layerUnitFromParams(p);
    if (typeof layer === 'string') return fail(layer);
    const u = layer ?? unit;
    if (!u) return fail(size as string);
    if (p.top.trim() === '') return { ok: true, method: { kind, unit: u, top: null } };
    const top = num('Top units', p.top, { min: 1, integer: true, what: 'a whole number of units >= 1, or empty' });
    return typeof top === 'string' ? fail(top) : { ok: true, method: { kind, unit: u, top } };
  }
  if (kind === 'knox') {
    const s = edges('Space bands', p.spaceBands);
    if (typeof s === 'string') return fail(s);
    const t = edges('Time bands', p.timeBands);
    if (typeof t === 'string') return fail(t);
    const sims = num('Simulations', p.simulations, { min: 1, integer: true, what: 'a whole number >= 1' });
    const seed = num('Seed', p.knoxSeed, { min: 0, integer: true, what: 'a whole number >= 0' });
    for (const v of [sims, seed]) if (typeof v === 'string') return fail(v);
    if (p.nrcCompatible) {
      const nrc = nrcSettingsFromEdges(s, t);
      if (!nrc.ok) return fail(`NRC-compatible: ${nrc.error.name} "${String(nrc.error.value)}" (expected ${nrc.error.expected})`);
    }
    return { ok: true, method: { kind, spaceBands: s, timeBands: t, metric: p.metric, simulations: sims as number, seed: seed as number, nrcCompatible: p.nrcCompatible } };
  }
  if (kind === 'clusters') {
    const eps = num('Eps', p.eps, { min: 0, exclusive: true, what: 'metres > 0' });
    const minPoints = num('Min points', p.minPoints, { min: 1, integer: true, what: 'a whole number >= 1' });
    for (const v of [eps, minPoints]) if (typeof v === 'string') return fail(v);
    return { ok: true, method: { kind, eps: eps as number, minPoints: minPoints as number } };
  }
  const precision = parseRepeatPrecision(p.precision);
  if (!precision.ok) return fail(`Same place: "${p.precision}" is not valid (${precision.error.expected})`);
  const minCount = num('Min incidents', p.minCount, { min: 1, integer: true, what: 'a whole number >= 1' });
  if (typeof minCount === 'string') return fail(minCount);
  const from = p.periodFrom.trim();
  const to = p.periodTo.trim();
  if ((from === '') !== (to === '')) return fail('Period: give both the first and the last day, or neither');
  let period: { fromDay: number; toDay: number } | null = null;
  if (from !== '') {
    if (!DAY.test(from) || !DAY.test(to) || Date.parse(`${to}T00:00:00Z`) < Date.parse(`${from}T00:00:00Z`)) return fail(`Period: "${from}..${to}" is not valid (expected YYYY-MM-DD, the end not before the start)`);
    period = { fromDay: Date.parse(`${from}T00:00:00Z`) / 86_400_000, toDay: Date.parse(`${to}T00:00:00Z`) / 86_400_000 };
  }
  return { ok: true, method: { kind, precision: precision.value, minCount, period } };
}

/** Whether a method needs every point dated (the undated ones are then left out). */
export function needsDates(kind: MethodKind): boolean {
  return kind === 'emerging' || kind === 'knox';
}

/** The equivalent command line, so a result made in the app can be re-run with `spi`. */
export function toCliCommand(m: AnalysisMethod, filter: string | null): string {
  const f = filter ? ` --filter "${filter.replaceAll('"', '\\"')}"` : '';
  const u = !('unit' in m) ? '' : 'size' in m.unit ? ` --unit ${m.unit.kind}:${m.unit.size}` : ` --unit ${m.unit.kind}:${m.unit.layer}${m.unit.kind === 'segments' ? ` --snap ${m.unit.snap}` : ''}`;
  const w = (spec: { kind: string; distance?: number; k?: number }) => (spec.kind === 'band' ? `band:${spec.distance}` : spec.kind === 'knn' ? `knn:${spec.k}` : spec.kind === 'hex-pointy' ? 'hex' : spec.kind);
  switch (m.kind) {
    case 'moran':
      return `spi moran P.spiproj${u} --weights ${w(m.weights)} --local --permutations ${m.permutations} --seed ${m.seed}${f}`;
    case 'emerging':
      return `spi emerging P.spiproj${u} --weights ${w(m.weights)} --step ${m.step}${m.compareSteps ? ' --compare-steps' : ''}${f}`;
    case 'concentration':
      return `spi concentration P.spiproj${u}${m.top !== null ? ` --top ${m.top}` : ''}${f}`;
    case 'knox': {
      const e = (a: readonly number[]) => a.map((v) => (Number.isFinite(v) ? String(v) : 'inf')).join(',');
      return `spi knox P.spiproj --space-bands ${e(m.spaceBands)} --time-bands ${e(m.timeBands)} --metric ${m.metric} --sims ${m.simulations} --seed ${m.seed}${m.nrcCompatible ? ' --nrc-compatible' : ''}${f}`;
    }
    case 'clusters':
      return `spi clusters P.spiproj --eps ${m.eps} --min-points ${m.minPoints}${f}`;
    default: {
      const day = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
      const prec = m.precision.kind === 'address' ? 'address' : `${m.precision.metres}m`;
      return `spi repeats P.spiproj --precision ${prec} --min ${m.minCount}${m.period ? ` --period ${day(m.period.fromDay)}..${day(m.period.toDay)}` : ''}${f}`;
    }
  }
}
