import { ScatterplotLayer } from '@deck.gl/layers';
import type { PointBuffers } from '../../shared/domain/explore/point-buffers';

/**
 * Incidents as points coloured by offense group, from binary attributes (no row objects). The id
 * is stable so deck.gl diffs instead of rebuilding; `version` changes whenever buffers change.
 */
export function buildIncidentLayer(points: PointBuffers, version: number, radiusPixels: number) {
  return new ScatterplotLayer({
    id: 'incidents',
    data: {
      length: points.length,
      attributes: {
        getPosition: { value: points.positions, size: 2 },
        getFillColor: { value: points.colors, size: 4, normalized: true },
      },
    },
    radiusUnits: 'pixels',
    getRadius: radiusPixels,
    radiusMinPixels: 1,
    stroked: false,
    pickable: true,
    updateTriggers: { getPosition: version, getFillColor: version },
  });
}
