import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import type { PointClusters } from '../../shared/domain/explore/point-clusters';
import type { PointBuffers } from '../../shared/domain/explore/point-buffers';
import { fitMapBounds } from './MapView';

/** "1,234" below 10,000, then "12k". */
export function formatClusterCount(n: number): string {
  return n < 10_000 ? n.toLocaleString('en-US') : `${Math.round(n / 1000)}k`;
}

/** Circle radius in pixels for a cluster of `n` points: grows with the square root (area ~ count), 12-40 px. */
export function clusterRadius(n: number): number {
  return Math.min(40, 10 + 3 * Math.sqrt(n));
}

/**
 * The single points of a clustering, as point buffers of their own: colours from the full
 * buffers, and `sourceRows` pointing at the same source rows so identify-on-click works on them
 * exactly as on the points layer.
 */
export function singlesOf(clusters: PointClusters, points: PointBuffers): PointBuffers {
  let n = 0;
  for (let c = 0; c < clusters.length; c++) if (clusters.counts[c] === 1) n++;
  const positions = new Float64Array(2 * n);
  const colors = new Uint8Array(4 * n);
  const sourceRows = new Uint32Array(n);
  let k = 0;
  for (let c = 0; c < clusters.length; c++) {
    if (clusters.counts[c] !== 1) continue;
    const i = clusters.seeds[c] as number;
    positions[2 * k] = points.positions[2 * i] as number;
    positions[2 * k + 1] = points.positions[2 * i + 1] as number;
    colors.set(points.colors.subarray(4 * i, 4 * i + 4), 4 * k);
    sourceRows[k] = points.sourceRows[i] as number;
    k++;
  }
  return { length: n, positions, colors, sourceRows };
}

/**
 * Clustered points: circles (blue-grey, area by count) with their count, and the single points
 * in their group colours (layer id `incidents`, so clicking one identifies the record). Clicking
 * a cluster zooms to its members.
 */
export function buildClusterLayers(clusters: PointClusters, singles: PointBuffers, pointRadius: number) {
  const idx: number[] = [];
  for (let c = 0; c < clusters.length; c++) if ((clusters.counts[c] as number) > 1) idx.push(c);
  const positions = new Float64Array(2 * idx.length);
  const radii = new Float32Array(idx.length);
  idx.forEach((c, k) => {
    positions[2 * k] = clusters.positions[2 * c] as number;
    positions[2 * k + 1] = clusters.positions[2 * c + 1] as number;
    radii[k] = clusterRadius(clusters.counts[c] as number);
  });
  const trigger = `${clusters.zoom}:${clusters.radius}:${clusters.length}`;
  const onClick = (info: PickingInfo) => {
    const c = idx[info.index];
    if (c === undefined) return false;
    const b = clusters.bounds;
    fitMapBounds([b[4 * c] as number, b[4 * c + 1] as number, b[4 * c + 2] as number, b[4 * c + 3] as number], Math.max(clusters.zoom + 2, 17));
    return true;
  };
  return [
    new ScatterplotLayer({
      id: 'explore-clusters',
      data: { length: idx.length, attributes: { getPosition: { value: positions, size: 2 }, getRadius: { value: radii, size: 1 } } },
      radiusUnits: 'pixels',
      getFillColor: [49, 104, 142, 255],
      getLineColor: [255, 255, 255, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
      pickable: true,
      onClick,
      updateTriggers: { getPosition: trigger, getRadius: trigger },
    }),
    new TextLayer<number>({
      id: 'explore-cluster-counts',
      data: idx,
      getText: (c) => formatClusterCount(clusters.counts[c] as number),
      getPosition: (c) => [clusters.positions[2 * c] as number, clusters.positions[2 * c + 1] as number],
      getSize: 13,
      getColor: [255, 255, 255, 255],
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      fontWeight: 700,
      characterSet: '0123456789,k',
      updateTriggers: { getText: trigger, getPosition: trigger },
    }),
    new ScatterplotLayer({
      id: 'incidents',
      data: { length: singles.length, attributes: { getPosition: { value: singles.positions, size: 2 }, getFillColor: { value: singles.colors, size: 4, normalized: true } } },
      radiusUnits: 'pixels',
      getRadius: pointRadius,
      radiusMinPixels: 1,
      stroked: false,
      pickable: true,
      updateTriggers: { getPosition: trigger, getFillColor: trigger },
    }),
  ];
}
