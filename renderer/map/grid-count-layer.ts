import { SolidPolygonLayer } from '@deck.gl/layers';
import type { GridLayerData } from '../../shared/domain/explore/grid-layer';

/**
 * Grid counts as filled cells from binary attributes (closed counter-clockwise rings straight
 * from geo/grid.ts, so no re-normalization): one colour per vertex, the class colour of its cell.
 */
export function buildGridCountLayer(data: GridLayerData, opacity: number) {
  return new SolidPolygonLayer({
    id: 'explore-grid',
    data: {
      length: data.cells,
      startIndices: data.startIndices,
      attributes: {
        getPolygon: { value: data.positions, size: 2 },
        getFillColor: { value: data.vertexColors, size: 4, normalized: true },
      },
    },
    _normalize: false,
    opacity,
    pickable: false,
  });
}
