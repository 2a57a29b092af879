/**
 * The explore layer settings saved in a project's map document: which layer shows the
 * incidents (points, clustered points, screen heat map, kernel density, grid counts or counts by
 * polygon), each layer's style, its opacity, and the histogram's time bucket. Pure data;
 * {@link parseLayerSettings} reads saved JSON defensively (documents saved before a layer kind
 * existed get that kind's defaults).
 */
import type { GridShape } from '../geo/grid';
import type { ClassingMethod } from './classing';
import type { KdeLayerSettings } from './density-layer';
import type { GridLayerSettings } from './grid-layer';
import type { TimeBucket } from './chart-queries';
import type { ChoroplethLayerSettings } from './choropleth-layer';
import { parseChoroplethRate } from './choropleth';
import type { ScreenHeatSettings } from './screen-heat';

export type LayerKind = 'points' | 'clusters' | 'heat' | 'kde' | 'grid' | 'choropleth';

/** Clustered points: screen distance (pixels) within which points join a cluster. */
export interface ClusterLayerSettings {
  readonly radius: number;
}

export interface LayerSettings {
  readonly kind: LayerKind;
  readonly kde: KdeLayerSettings;
  readonly grid: GridLayerSettings;
  readonly clusters: ClusterLayerSettings;
  readonly heat: ScreenHeatSettings;
  readonly choropleth: ChoroplethLayerSettings;
  /** 0.1..1, for every layer but points and clusters. */
  readonly opacity: number;
  readonly timeBucket: TimeBucket;
}

/** Points; quartic KDE with the ArcGIS default radius and cell, 5 quantile classes; 250 m squares. */
export const DEFAULT_LAYER_SETTINGS: LayerSettings = {
  kind: 'points',
  kde: { kernel: 'quartic', radius: null, cell: null, classing: 'quantile', classes: 5 },
  grid: { shape: 'square', cell: 250, classing: 'quantile', classes: 5, statistic: 'count', band: 500, fdr: false },
  clusters: { radius: 60 },
  heat: { radius: 30, intensity: 1 },
  choropleth: { layer: null, rate: 'km2', classing: 'quantile', classes: 5 },
  opacity: 0.85,
  timeBucket: 'week',
};

const KINDS: readonly LayerKind[] = ['points', 'clusters', 'heat', 'kde', 'grid', 'choropleth'];
const CLASSINGS: readonly ClassingMethod[] = ['quantile', 'jenks', 'stddev'];
const SHAPES: readonly GridShape[] = ['square', 'hex-pointy', 'hex-flat'];

/** Pixel radius of the cluster and heat layers, and the heat intensity, accepted ranges. */
export const PIXEL_RADIUS_RANGE = { min: 5, max: 200 } as const;
export const INTENSITY_RANGE = { min: 0.1, max: 10 } as const;

function inRange(value: unknown, range: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' && value >= range.min && value <= range.max ? value : fallback;
}

/** Smallest and largest cell/radius accepted, metres. */
export const METRES_RANGE = { min: 1, max: 100_000 } as const;

function pick<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function metres(value: unknown, fallback: number | null): number | null {
  if (value === null) return null;
  return typeof value === 'number' && value >= METRES_RANGE.min && value <= METRES_RANGE.max ? value : fallback;
}

function classes(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= 9 ? value : fallback;
}

/** Reads saved settings: every field checked, anything missing or odd replaced by its default. */
export function parseLayerSettings(value: unknown): LayerSettings {
  const d = DEFAULT_LAYER_SETTINGS;
  if (!value || typeof value !== 'object') return d;
  const v = value as Record<string, unknown>;
  const k = (v.kde ?? {}) as Record<string, unknown>;
  const g = (v.grid ?? {}) as Record<string, unknown>;
  const c = (v.clusters ?? {}) as Record<string, unknown>;
  const h = (v.heat ?? {}) as Record<string, unknown>;
  const p = (v.choropleth ?? {}) as Record<string, unknown>;
  return {
    kind: pick(v.kind, KINDS, d.kind),
    kde: {
      kernel: pick(k.kernel, ['quartic', 'gaussian'] as const, d.kde.kernel),
      radius: metres(k.radius, d.kde.radius),
      cell: metres(k.cell, d.kde.cell),
      classing: pick(k.classing, CLASSINGS, d.kde.classing),
      classes: classes(k.classes, d.kde.classes),
    },
    grid: {
      shape: pick(g.shape, SHAPES, d.grid.shape),
      cell: metres(g.cell, d.grid.cell) ?? d.grid.cell,
      classing: pick(g.classing, CLASSINGS, d.grid.classing),
      classes: classes(g.classes, d.grid.classes),
      statistic: pick(g.statistic, ['count', 'gistar'] as const, 'count'),
      band: metres(g.band, null) ?? 2 * (metres(g.cell, d.grid.cell) ?? d.grid.cell),
      fdr: g.fdr === true,
    },
    clusters: { radius: inRange(c.radius, PIXEL_RADIUS_RANGE, d.clusters.radius) },
    heat: { radius: inRange(h.radius, PIXEL_RADIUS_RANGE, d.heat.radius), intensity: inRange(h.intensity, INTENSITY_RANGE, d.heat.intensity) },
    choropleth: {
      layer: typeof p.layer === 'string' && p.layer.length > 0 && p.layer.length <= 64 ? p.layer : null,
      rate: typeof p.rate === 'string' && parseChoroplethRate(p.rate).ok ? p.rate : d.choropleth.rate,
      classing: pick(p.classing, [...CLASSINGS, 'equal'] as const, d.choropleth.classing),
      classes: classes(p.classes, d.choropleth.classes),
    },
    opacity: typeof v.opacity === 'number' && v.opacity >= 0.1 && v.opacity <= 1 ? v.opacity : d.opacity,
    timeBucket: pick(v.timeBucket, ['week', 'month'] as const, d.timeBucket),
  };
}
