import { useEffect, useMemo, useRef, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import { chooseExploreCrs, projectLonLat } from '../../../shared/domain/explore/analysis-crs';
import { buildBeatsSql, type TimeHistogram } from '../../../shared/domain/explore/chart-queries';
import type { KdeLayerData } from '../../../shared/domain/explore/density-layer';
import { queryExploreFilter } from '../../../shared/domain/explore/filter-index-query';
import { detectExploreColumns, type ExploreColumns, type ExploreFilter } from '../../../shared/domain/explore/filters';
import type { PointColumnsView } from '../../../shared/domain/explore/filtered-points';
import type { GridLayerData } from '../../../shared/domain/explore/grid-layer';
import type { LayerSettings } from '../../../shared/domain/explore/layer-settings';
import { pointWeights, querySourceWeights, weightedTotal, type SourceWeights } from '../../../shared/domain/explore/point-weights';
import { detectAddressColumn } from '../../../shared/domain/explore/ranked-charts';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import { ExploreWorkerClient } from './explore-worker-client';
import { useFilterIndex } from './use-filter-index';

/** The dataset as explore sees it: column map, analysis CRS, projected points, beats. */
export interface ExploreBase {
  columns: ExploreColumns | null;
  crs: string;
  points: PointColumnsView;
  beats: string[];
  /** Every column of the table (original export columns included) with its DuckDB type, for the any-field filter. */
  fields: { name: string; type: string }[];
  /** The address column (for the top addresses chart), null when none. */
  address: string | null;
  /** A weighted combination's weights and sources by rowid (its `source_weight`); null for a plain dataset. */
  sources: SourceWeights | null;
  /** Why the view is less than asked for (e.g. a combination's weights could not be read), or null. */
  warning: string | null;
}

/** What the filter query and the layer worker produced for the current map document. */
export interface ExploreView {
  base: ExploreBase | null;
  /** Points that pass the filter (all points when there is no date/code column to filter on). */
  points: PointColumnsView | null;
  /** Rows (not only mapped points) that pass the filter; null while counting. */
  count: number | null;
  /** On a weighted combination: the sum of `source_weight` over the filtered points on the map; else null. */
  weightedTotal: number | null;
  histogram: TimeHistogram | null;
  hourDow: Int32Array | null;
  layer: { kind: 'kde'; data: KdeLayerData; ms: number } | { kind: 'grid'; data: GridLayerData; ms: number } | null;
  busy: string | null;
  /** Why the layer could not be computed. */
  error: string | null;
  /** Why the filter query failed (the counts and charts then stay as they were). */
  queryError: string | null;
}

const NO_QUERY: Pick<ExploreView, 'points' | 'count' | 'histogram' | 'hourDow' | 'queryError'> = {
  points: null,
  count: null,
  histogram: null,
  hourDow: null,
  queryError: null,
};

/** The filter the SQL runs: the saved filter plus the legend's offense-group toggles. */
export function effectiveFilter(filter: ExploreFilter, visibleGroups: readonly boolean[]): ExploreFilter {
  const all = visibleGroups.every(Boolean);
  return { ...filter, groups: all ? null : visibleGroups.flatMap((v, i) => (v ? [i] : [])) };
}

async function loadBase(engine: SqlEngine, dataset: DatasetView): Promise<ExploreBase> {
  const described = await engine.query(`SELECT column_name::VARCHAR AS name, column_type::VARCHAR AS type FROM (DESCRIBE ${quoteIdent(dataset.table)})`);
  const fields = described.ok ? described.value.toArray().map((r) => ({ name: String(r.name), type: String(r.type) })) : [];
  const header = fields.map((f) => f.name);
  const columns = detectExploreColumns(header);
  const { lon, lat, group, rowId } = dataset.points;
  const crs = chooseExploreCrs(lon, lat);
  const { x, y } = projectLonLat(lon, lat, crs);
  let beats: string[] = [];
  const beatsSql = columns ? buildBeatsSql(dataset.table, columns) : null;
  if (beatsSql) {
    const r = await engine.query(beatsSql);
    if (r.ok) beats = r.value.toArray().map((row) => String(row.beat));
  }
  const weights = await querySourceWeights(engine, dataset.table);
  return { columns, crs, points: { lon, lat, x, y, group, rowId }, beats, fields, address: detectAddressColumn(header), sources: weights.ok ? weights.value : null, warning: weights.ok ? null : `The source weights of ${dataset.table} could not be read (${formatAppError(weights.error)}): every record counts 1.` };
}

/**
 * Explore's data flow: when the dataset changes, read its columns and project its points (and
 * build the in-memory filter index in the background); when the filter changes, run it
 * (queryExploreFilter: through the index when built, else in DuckDB: map points, the count, the
 * histogram without the date range, the hour x day grid without hours and days); when the points or the layer
 * settings change, compute the density or grid layer in the worker (on a weighted combination,
 * each point weighted by its `source_weight`). Stale answers are dropped.
 */
export function useExplore(enginePromise: Promise<SqlEngine>, dataset: DatasetView | null, filter: ExploreFilter, layer: LayerSettings): ExploreView {
  const [base, setBase] = useState<ExploreBase | null>(null);
  const [query, setQuery] = useState<Pick<ExploreView, 'points' | 'count' | 'histogram' | 'hourDow' | 'queryError'>>(NO_QUERY);
  const [layerOut, setLayerOut] = useState<Pick<ExploreView, 'layer' | 'busy' | 'error'>>({ layer: null, busy: null, error: null });
  const client = useRef<ExploreWorkerClient | null>(null);

  useEffect(() => {
    const c = new ExploreWorkerClient();
    client.current = c;
    return () => c.dispose();
  }, []);

  useEffect(() => {
    let live = true;
    setBase(null);
    // Points of the previous dataset must not stay on the map (their rowids mean nothing now).
    setQuery(NO_QUERY);
    if (dataset) void enginePromise.then((engine) => loadBase(engine, dataset)).then((b) => live && setBase(b));
    return () => {
      live = false;
    };
  }, [enginePromise, dataset]);

  useEffect(() => {
    if (!base || !dataset) return;
    let live = true;
    const table = dataset.table;
    const cols = base.columns;
    void (async () => {
      const engine = await enginePromise;
      if (!cols) {
        if (live) setQuery({ points: base.points, count: dataset.rows, histogram: null, hourDow: null, queryError: null });
        return;
      }
      // The in-memory index when it is built and covers the filter (same answer), else SQL.
      const index = filterIndex.current?.base === base ? filterIndex.current.index : null;
      const started = performance.now();
      const r = await queryExploreFilter(engine, table, cols, base.points, filter, layer.timeBucket, index);
      if (!live) return;
      if (!r.ok) {
        setQuery((q) => ({ ...q, queryError: `The filter could not run: ${formatAppError(r.error)}` }));
        return;
      }
      const { points, count, histogram, hourDow, path } = r.value;
      // Which path answered and how long it took (e2e and profiles read these).
      document.body.dataset.filterPath = path;
      performance.clearMeasures(`spi:explore-filter:${path}`); // keep the latest only
      performance.measure(`spi:explore-filter:${path}`, { start: started, end: performance.now() });
      setQuery({ points, count, histogram, hourDow, queryError: null });
    })();
    return () => {
      live = false;
    };
  }, [enginePromise, dataset, base, filter, layer.timeBucket]);
  // After the filter effect: the first filter's queries reach the engine before the index build.
  const filterIndex = useFilterIndex(enginePromise, dataset?.table ?? null, base);

  const points = query.points;
  const kind = layer.kind;
  const settings = kind === 'kde' ? layer.kde : kind === 'grid' ? layer.grid : null;
  useEffect(() => {
    if (!base || !points || kind === 'points' || !settings || !client.current) {
      setLayerOut({ layer: null, busy: null, error: null });
      return;
    }
    let live = true;
    setLayerOut((o) => ({ ...o, busy: kind === 'kde' ? 'Computing the kernel density…' : 'Counting incidents per cell…', error: null }));
    // A weighted combination: each point counts its source's weight (null: each counts 1).
    const weights = pointWeights(points.rowId, base.sources?.byRow ?? null);
    const job =
      kind === 'kde'
        ? ({ kind: 'kde', x: points.x, y: points.y, weights, crs: base.crs, settings: layer.kde } as const)
        : ({ kind: 'grid', x: points.x, y: points.y, weights, crs: base.crs, settings: layer.grid } as const);
    void client.current.run(job).then((reply) => {
      if (!live || !reply) return;
      if (!reply.ok) setLayerOut({ layer: null, busy: null, error: reply.error });
      else if (reply.kind === 'kde') setLayerOut({ layer: { kind: 'kde', data: reply.data, ms: reply.ms }, busy: null, error: null });
      else setLayerOut({ layer: { kind: 'grid', data: reply.data, ms: reply.ms }, busy: null, error: null });
    });
    return () => {
      live = false;
    };
    // `settings` is the identity of the active layer's settings: other layers' edits do not rerun.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, points, kind, settings]);

  const total = useMemo(() => (base?.sources && points ? weightedTotal(pointWeights(points.rowId, base.sources.byRow), points.rowId.length) : null), [base, points]);
  return useMemo(() => ({ base, ...query, weightedTotal: total, ...layerOut }), [base, query, total, layerOut]);
}
