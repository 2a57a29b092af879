/**
 * The Analysis panel's jobs: what to run on the map's current points, and the one function the
 * analysis worker calls to run it. Every job goes through the same shared runners as the CLI
 * (shared/domain/analysis/run-*.ts), so the app, `spi <verb>` and a saved document agree, and
 * the result comes back as the JSON document a project keeps (analyses/<id>), so a live result
 * and a re-opened one are drawn by the same code.
 */
import { formatAppError } from '../../../shared/base/errors';
import { toAnalysisDocument, type AnalysisProvenance } from '../../../shared/domain/analysis/document';
import type { AnalysisRun, JsonValue } from '../../../shared/domain/analysis/result';
import { runClusters, toHullFeatureCollection } from '../../../shared/domain/analysis/run-clusters';
import { runConcentration } from '../../../shared/domain/analysis/run-concentration';
import { runEmerging } from '../../../shared/domain/analysis/run-emerging';
import { runKnox } from '../../../shared/domain/analysis/run-knox';
import { runMoran } from '../../../shared/domain/analysis/run-moran';
import { runRepeats, type RepeatPrecision } from '../../../shared/domain/analysis/run-repeats';
import { buildGridUnits } from '../../../shared/domain/analysis/units';
import { createTransform } from '../../../shared/domain/geo/crs';
import { runLayerConcentration } from './analysis-layer-units';
import type { Metric } from '../../../shared/domain/geo/spatial-index';
import type { WeightsSpec } from '../../../shared/domain/stats/hotspots';

/** Cells the map-based methods count in (the same units as `--unit grid:M|hex:M`). */
export interface CellUnit {
  readonly kind: 'grid' | 'hex';
  /** Square side or hexagon width across flats, metres. */
  readonly size: number;
}

/**
 * Street segments or polygons of a project reference layer (the same units as
 * `--unit segments:LAYER --snap M` / `--unit polygons:LAYER`); offered for concentration only,
 * as the CLI's moran/emerging refuse them.
 */
export interface LayerUnit {
  readonly kind: 'segments' | 'polygons';
  /** The layer's id in the project. */
  readonly layer: string;
  /** Snapping tolerance for segments, metres (> 0); unused for polygons. */
  readonly snap: number;
}

/** One method and its parameters. */
export type AnalysisMethod =
  | { readonly kind: 'moran'; readonly unit: CellUnit; readonly weights: WeightsSpec; readonly permutations: number; readonly seed: number; readonly alpha: number }
  | { readonly kind: 'emerging'; readonly unit: CellUnit; readonly weights: WeightsSpec; readonly step: 'week' | 'month'; readonly compareSteps: boolean }
  | { readonly kind: 'concentration'; readonly unit: CellUnit | LayerUnit; readonly top: number | null }
  | {
      readonly kind: 'knox';
      readonly spaceBands: readonly number[];
      readonly timeBands: readonly number[];
      readonly metric: Metric;
      readonly simulations: number;
      readonly seed: number;
      readonly nrcCompatible: boolean;
    }
  | { readonly kind: 'clusters'; readonly eps: number; readonly minPoints: number }
  | { readonly kind: 'repeats'; readonly precision: RepeatPrecision; readonly minCount: number; readonly period: { readonly fromDay: number; readonly toDay: number } | null };

/** What the worker receives: the method, the points (metres in `crs`) and where they came from. */
export interface AnalysisJob {
  readonly method: AnalysisMethod;
  readonly crs: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Days since the epoch (naive local), one per point; needed by emerging, knox (and repeats' period). */
  readonly days: Float64Array | null;
  readonly addresses: readonly (string | null)[] | null;
  /**
   * Source weight per point on a weighted combination (null/absent: each point counts 1): the
   * grid/hex/layer unit counts of Concentration, Moran's I and Emerging become weighted sums, as
   * `spi <verb> --source A=w,B=v`; Knox, Clusters and Repeats count each point once.
   */
  readonly weights?: Float64Array | null;
  readonly provenance: Omit<AnalysisProvenance, 'outputs'>;
  /** One sentence on which points were used, kept in the document. */
  readonly pointsNote: string;
  /** The reference layer (GeoJSON lon/lat features) a {@link LayerUnit} names; null for cells. */
  readonly unitLayer?: { readonly id: string; readonly features: readonly unknown[] } | null;
}

/** A saved or live analysis: the project document (JSON) of `analyses/<id>`. */
export type AnalysisDoc = Record<string, JsonValue>;

function hexOrSquare(unit: { kind: 'grid' | 'hex'; size: number }) {
  return { kind: unit.kind, size: unit.size } as const;
}

function document(run: AnalysisRun, job: AnalysisJob, extra: Record<string, JsonValue> = {}): AnalysisDoc {
  return toAnalysisDocument(run, { ...job.provenance, outputs: [] }, { extra: { crs: job.crs, points: job.pointsNote, ...extra } });
}

function needDays(job: AnalysisJob): Float64Array | string {
  if (!job.days) return 'This method needs incident dates: the dataset has no date column the app can read.';
  for (let i = 0; i < job.days.length; i++) if (!Number.isFinite(job.days[i] as number)) return `Point ${i + 1} has no date (internal: undated points must be left out before the job).`;
  return job.days;
}

/**
 * Runs one job (pure; the worker calls it). `onProgress` gets (done, total) of long loops (the
 * Knox simulations). Returns the document, or a plain-words error.
 */
export function runAnalysisJob(job: AnalysisJob, onProgress?: (done: number, total: number) => void): { ok: true; doc: AnalysisDoc } | { ok: false; error: string } {
  const m = job.method;
  const fail = (e: Parameters<typeof formatAppError>[0]) => ({ ok: false as const, error: formatAppError(e) });
  if (m.kind === 'concentration' && (m.unit.kind === 'segments' || m.unit.kind === 'polygons')) {
    const r = runLayerConcentration(job, m.unit, m.top);
    return r.ok ? { ok: true, doc: document(r.run, job, { unitFeatures: r.unitFeatures }) } : { ok: false, error: r.error };
  }
  if (m.kind === 'moran' || m.kind === 'emerging' || m.kind === 'concentration') {
    if (m.unit.kind !== 'grid' && m.unit.kind !== 'hex') return { ok: false, error: `Units: "${m.unit.kind}" is offered for Concentration only (Moran's I and Emerging run on grid or hex cells)` };
    const units = buildGridUnits(job.x, job.y, hexOrSquare(m.unit), job.weights ?? undefined);
    if (!units.ok) return fail(units.error);
    const unitText = `${m.unit.kind}:${m.unit.size}`;
    if (m.kind === 'moran') {
      const r = runMoran(units.value, { unit: unitText, weights: m.weights, local: true, permutations: m.permutations, seed: m.seed, alpha: m.alpha });
      return r.ok ? { ok: true, doc: document(r.value, job) } : fail(r.error);
    }
    if (m.kind === 'emerging') {
      const days = needDays(job);
      if (typeof days === 'string') return { ok: false, error: days };
      const r = runEmerging(units.value, days, { unit: unitText, weights: m.weights, step: m.step, compareSteps: m.compareSteps });
      return r.ok ? { ok: true, doc: document(r.value, job) } : fail(r.error);
    }
    const r = runConcentration(units.value, { unit: unitText, top: m.top });
    return r.ok ? { ok: true, doc: document(r.value, job) } : fail(r.error);
  }
  if (m.kind === 'knox') {
    const days = needDays(job);
    if (typeof days === 'string') return { ok: false, error: days };
    const r = runKnox(job.x, job.y, days, { ...m, onProgress });
    return r.ok ? { ok: true, doc: document(r.value, job) } : fail(r.error);
  }
  if (m.kind === 'clusters') {
    const r = runClusters(job.x, job.y, { eps: m.eps, minPoints: m.minPoints });
    if (!r.ok) return fail(r.error);
    const toLonLat = createTransform(job.crs, 'EPSG:4326');
    const hulls = toHullFeatureCollection(r.value, null, (x, y) => toLonLat(x, y) as [number, number]) as unknown as JsonValue;
    return { ok: true, doc: document(r.value, job, { hulls }) };
  }
  const r = runRepeats({ x: job.x, y: job.y, days: job.days, addresses: job.addresses }, m);
  return r.ok ? { ok: true, doc: document(r.value, job) } : fail(r.error);
}
