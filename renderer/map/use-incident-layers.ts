import { useEffect, useMemo, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import type { LayerSettings } from '../../shared/domain/explore/layer-settings';
import type { PointBuffers } from '../../shared/domain/explore/point-buffers';
import { computePointClusters } from '../../shared/domain/explore/point-clusters';
import { computeScreenHeat, type HeatViewport } from '../../shared/domain/explore/screen-heat';
import { latToWorldY, lonToWorldX, toWorldColumns, worldPixels } from '../../shared/domain/explore/web-mercator';
import type { ProjectLayer } from '../../shared/domain/project/project';
import type { MapViewState } from '../../shared/domain/session/view-sync';
import type { ExploreView } from '../features/explore/use-explore';
import { buildChoroplethLayer } from './choropleth-layer';
import { useChoroplethView } from './choropleth-view';
import { buildClusterLayers, singlesOf } from './cluster-layer';
import { buildDensityLayer } from './density-layer';
import { buildGridCountLayer } from './grid-count-layer';
import { buildHeatLayer } from './heat-layer';
import { buildIncidentLayer } from './incident-layer';
import { buildLabelLayer, type MapLabel } from './label-layer';
import { onMapViewChange, readMapView } from './MapView';

/** Above this zoom every point is shown on its own (supercluster's default maxZoom is 16). */
export const CLUSTER_MAX_ZOOM = 16;

/** What the map shows for the incidents, and the buffers a click on `incidents` indexes into. */
export interface IncidentLayers {
  layers: Layer[];
  pickBuffers: PointBuffers | null;
}

/** The settled map view (after 150 ms without movement), and the container's size in pixels. */
function useSettledView(active: boolean): { view: MapViewState | null; width: number; height: number } {
  const [state, setState] = useState<{ view: MapViewState | null; width: number; height: number }>({ view: null, width: 0, height: 0 });
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      const el = document.querySelector<HTMLElement>('[data-testid="map"]');
      const view = readMapView();
      // The map may not exist yet (first render): look again shortly.
      if (!view) timer = setTimeout(settle, 200);
      setState({ view, width: el?.clientWidth || window.innerWidth, height: el?.clientHeight || window.innerHeight });
    };
    settle();
    const off = onMapViewChange(() => {
      clearTimeout(timer);
      timer = setTimeout(settle, 150);
    });
    window.addEventListener('resize', settle);
    return () => {
      off();
      clearTimeout(timer);
      window.removeEventListener('resize', settle);
    };
  }, [active]);
  return state;
}

/**
 * The incident layers for the map document's layer kind: points, clusters at the current zoom
 * (recomputed when the integer zoom changes), the screen heat map (recomputed when the view
 * settles; on a weighted combination each point weighs its `source_weight`), the KDE/grid image
 * from the worker, or counts by polygon, plus the beat labels.
 */
export function useIncidentLayers(args: {
  labels: MapLabel[] | null;
  buffers: PointBuffers | null;
  version: unknown;
  pointRadius: number;
  settings: LayerSettings;
  explore: ExploreView;
  projectLayers: readonly ProjectLayer[];
}): IncidentLayers {
  const { labels, buffers, version, pointRadius, settings, explore, projectLayers } = args;
  const kind = settings.kind;
  const analysis = explore.layer && explore.layer.kind === kind ? explore.layer : null;
  const screen = useSettledView(kind === 'clusters' || kind === 'heat');
  const world = useMemo(() => (buffers && (kind === 'clusters' || kind === 'heat') ? toWorldColumns(buffers.positions) : null), [buffers, kind]);
  const zoom = screen.view ? Math.floor(screen.view.zoom) : null;
  const clusters = useMemo(() => {
    if (kind !== 'clusters' || !world || !buffers || zoom === null) return null;
    const c = computePointClusters(world.x, world.y, Math.min(zoom, CLUSTER_MAX_ZOOM + 1), zoom > CLUSTER_MAX_ZOOM ? 0.5 : settings.clusters.radius);
    return { clusters: c, singles: singlesOf(c, buffers) };
  }, [kind, world, buffers, zoom, settings.clusters.radius]);
  // A weighted combination: each drawn point heats by its `source_weight` (null: by 1).
  const sources = explore.base?.sources ?? null;
  const heatWeights = useMemo(() => {
    const rowId = explore.points?.rowId;
    if (kind !== 'heat' || !buffers || !sources || !rowId) return null;
    const w = new Float32Array(buffers.length);
    for (let k = 0; k < buffers.length; k++) w[k] = sources.byRow[rowId[buffers.sourceRows[k] as number] as number] ?? 0;
    return w;
  }, [kind, buffers, sources, explore.points]);
  const heat = useMemo(() => {
    if (kind !== 'heat' || !world || !screen.view) return null;
    const { center, zoom: z } = screen.view;
    const s = worldPixels(z);
    const vp: HeatViewport = { west: lonToWorldX(center[0]) - screen.width / 2 / s, north: latToWorldY(center[1]) - screen.height / 2 / s, zoom: z, width: screen.width, height: screen.height };
    return computeScreenHeat(world.x, world.y, vp, settings.heat, undefined, undefined, heatWeights);
  }, [kind, world, screen, settings.heat, heatWeights]);
  const choropleth = useChoroplethView(explore.points, explore.base?.crs ?? null, projectLayers, kind, settings.choropleth);

  return useMemo(() => {
    const list: Layer[] = [];
    let pickBuffers: PointBuffers | null = null;
    if (kind === 'kde' && analysis?.kind === 'kde') list.push(buildDensityLayer(analysis.data, settings.opacity));
    else if (kind === 'grid' && analysis?.kind === 'grid') list.push(buildGridCountLayer(analysis.data, settings.opacity));
    else if (kind === 'choropleth' && choropleth?.ok) list.push(buildChoroplethLayer(choropleth.units, choropleth.data, settings.opacity));
    else if (kind === 'heat' && heat) list.push(buildHeatLayer(heat, settings.opacity));
    if (labels && labels.length > 0) list.push(buildLabelLayer('beat-labels', labels, 12, [90, 84, 72, 255]));
    if (kind === 'clusters' && clusters) {
      list.push(...(buildClusterLayers(clusters.clusters, clusters.singles, pointRadius) as Layer[]));
      pickBuffers = clusters.singles;
    } else if (kind === 'points' && buffers) {
      list.push(buildIncidentLayer(buffers, version as number, pointRadius));
      pickBuffers = buffers;
    }
    return { layers: list, pickBuffers };
  }, [kind, analysis, choropleth, heat, clusters, labels, buffers, version, pointRadius, settings.opacity]);
}
