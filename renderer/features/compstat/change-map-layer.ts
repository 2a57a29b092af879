import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { ChangeMapData } from '../../../shared/domain/explore/compstat-change-map';

/**
 * The CompStat change map as two deck.gl layers from binary attributes: the cells filled with
 * their change class colour (significant ones opaque), and a dark outline round the cells whose
 * change the exact test calls significant.
 */
export function buildChangeMapLayers(data: ChangeMapData): Layer[] {
  const fill = new SolidPolygonLayer({
    id: 'compstat-change',
    data: { length: data.cells, startIndices: data.startIndices, attributes: { getPolygon: { value: data.positions, size: 2 }, getFillColor: { value: data.vertexColors, size: 4, normalized: true } } },
    _normalize: false,
    pickable: false,
  });
  const s = data.significant;
  const outline = new PathLayer({
    id: 'compstat-change-significant',
    data: { length: s.cells, startIndices: s.startIndices, attributes: { getPath: { value: s.positions, size: 2 } } },
    _pathType: 'loop',
    getColor: [20, 20, 20, 255],
    getWidth: 2,
    widthUnits: 'pixels',
    pickable: false,
  });
  return [fill as unknown as Layer, outline as unknown as Layer];
}
