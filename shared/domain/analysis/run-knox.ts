/**
 * Runner for the Knox near-repeat test (stats/knox.ts): one row per (space band, time band)
 * with observed, expected, Knox ratio and p, and the band edges stated half-open. With
 * `nrcCompatible` the bands are the Near Repeat Calculator's, derived from equally spaced edges
 * (0, B, 2B, ..., kB and 0, T, ..., mT give bandwidth B with k bands and T with m bands).
 */
import { ok, type Result } from '../../base/result';
import type { Metric } from '../geo/spatial-index';
import { invalidArgument, type StatsError } from '../stats/errors';
import { computeKnox } from '../stats/knox';
import type { NrcBandSettings } from '../stats/knox-bands';
import { knoxConvention } from './conventions';
import { makeTable, type AnalysisRun, type JsonValue, type ResultColumn } from './result';

/** Parameters of {@link runKnox}. */
export interface KnoxParams {
  /** Space band edges in metres (the last may be Infinity). */
  readonly spaceBands: readonly number[];
  /** Time band edges in days (the last may be Infinity). */
  readonly timeBands: readonly number[];
  /** Default: euclidean, or manhattan in NRC-compatible mode. */
  readonly metric?: Metric;
  readonly simulations: number;
  readonly seed: number;
  readonly nrcCompatible: boolean;
  /** Progress of the Monte Carlo loop (simulations done, total), for the app's worker. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Bandwidth and band count of equally spaced edges 0, w, 2w, ..., kw (whole numbers). */
function equalBands(name: string, edges: readonly number[], minWidth: number): Result<{ width: number; bands: number }, StatsError> {
  const w = edges[1];
  const ok0 = edges.length >= 2 && edges[0] === 0 && w !== undefined && Number.isInteger(w) && w >= minWidth;
  const even = ok0 && edges.every((e, i) => e === i * (w as number));
  if (!even) return invalidArgument(name, edges.join(','), `equally spaced whole-number edges 0,B,2B,... (B >= ${minWidth}) for --nrc-compatible`);
  return ok({ width: w as number, bands: edges.length - 1 });
}

/** Derives the NRC's settings from the CLI's band edges. */
export function nrcSettingsFromEdges(spaceBands: readonly number[], timeBands: readonly number[]): Result<NrcBandSettings, StatsError> {
  const s = equalBands('--space-bands', spaceBands, 2);
  if (!s.ok) return s;
  const t = equalBands('--time-bands', timeBands, 1);
  if (!t.ok) return t;
  return ok({ spatialBandwidth: s.value.width, spatialBands: s.value.bands, temporalBandwidth: t.value.width, temporalBands: t.value.bands });
}

/**
 * The Knox table. x, y in metres, days since any origin (fractions allowed; whole days in NRC
 * mode). Errors: bad bands, fewer than 2 events, too many close pairs (knox.ts).
 */
export function runKnox(x: ArrayLike<number>, y: ArrayLike<number>, days: ArrayLike<number>, params: KnoxParams): Result<AnalysisRun, StatsError> {
  let nrc: NrcBandSettings | undefined;
  if (params.nrcCompatible) {
    const s = nrcSettingsFromEdges(params.spaceBands, params.timeBands);
    if (!s.ok) return s;
    nrc = s.value;
  }
  const r = computeKnox(x, y, days, {
    spaceBands: params.spaceBands,
    timeBands: params.timeBands,
    metric: params.metric,
    simulations: params.simulations,
    seed: params.seed,
    nrcCompatible: nrc,
    onProgress: params.onProgress,
  });
  if (!r.ok) return r;
  const k = r.value;
  const S = k.spaceLabels.length;
  const T = k.timeLabels.length;
  const spaceBand: string[] = [];
  const timeBand: string[] = [];
  const nrcSpace: string[] = [];
  const nrcTime: string[] = [];
  const spaceFrom = new Float64Array(S * T);
  const spaceTo = new Float64Array(S * T);
  const timeFrom = new Float64Array(S * T);
  const timeTo = new Float64Array(S * T);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) {
      const c = s * T + t;
      spaceBand.push(k.spaceLabels[s] ?? '');
      timeBand.push(k.timeLabels[t] ?? '');
      nrcSpace.push(k.nrcSpaceLabels?.[s] ?? '');
      nrcTime.push(k.nrcTimeLabels?.[t] ?? '');
      spaceFrom[c] = k.spaceBands[s] as number;
      spaceTo[c] = k.spaceBands[s + 1] as number;
      timeFrom[c] = k.timeBands[t] as number;
      timeTo[c] = k.timeBands[t + 1] as number;
    }
  }
  const columns: ResultColumn[] = [
    { name: 'space_band', values: spaceBand },
    { name: 'time_band', values: timeBand },
    { name: 'space_from_m', values: spaceFrom },
    { name: 'space_to_m', values: spaceTo },
    { name: 'time_from_days', values: timeFrom },
    { name: 'time_to_days', values: timeTo },
    { name: 'observed', values: k.observed },
    { name: 'expected', values: k.expected },
    { name: 'expected_independence', values: k.expectedIndependence },
    { name: 'ratio', values: k.ratio },
    { name: 'p', values: k.p },
  ];
  if (k.nrcSpaceLabels) columns.push({ name: 'nrc_space_label', values: nrcSpace }, { name: 'nrc_time_label', values: nrcTime });
  const edges = (e: readonly number[]): JsonValue => e.map((v) => (Number.isFinite(v) ? v : 'inf'));
  const warnings: string[] = [];
  if (k.simulations < 99) warnings.push(`Only ${k.simulations} simulations: the smallest possible p is ${(1 / (k.simulations + 1)).toFixed(3)}.`);
  return ok({
    verb: 'knox',
    method: 'Knox test (near repeat)',
    parameters: {
      spaceBands: edges(params.spaceBands),
      timeBands: edges(params.timeBands),
      metric: k.metric,
      simulations: k.simulations,
      seed: k.seed,
      nrcCompatible: params.nrcCompatible,
    },
    convention: knoxConvention({ metric: k.metric, simulations: k.simulations, seed: k.seed, nrc: params.nrcCompatible }),
    summary: {
      events: k.events,
      pairs: k.pairs,
      closePairs: k.closePairs,
      spaceBandsUsed: edges(k.spaceBands),
      timeBandsUsed: edges(k.timeBands),
      spaceTotals: Array.from(k.spaceTotals),
      timeTotals: Array.from(k.timeTotals),
    },
    table: makeTable('band-pairs', columns),
    tables: [],
    warnings,
  });
}
