import { ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import type { SharedLayer } from '../../../shared/domain/session/live-shared-layer';

/**
 * A shared (privacy-profiled) grid layer as deck.gl polygons from binary attributes: the cell
 * colour is repeated per vertex, as deck.gl's binary polygon layout wants.
 */
export function buildSharedGridLayer(layer: SharedLayer) {
  const vertices = layer.positions.length / 2;
  const positions = Float64Array.from(layer.positions);
  const startIndices = Int32Array.from(layer.starts);
  const colors = new Uint8Array(vertices * 4);
  for (let c = 0; c < layer.values.length; c++) {
    for (let v = layer.starts[c]!; v < layer.starts[c + 1]!; v++) colors.set(layer.colors.slice(4 * c, 4 * c + 4), 4 * v);
  }
  return new SolidPolygonLayer({
    id: `shared-${layer.id}`,
    data: { length: layer.values.length, startIndices, attributes: { getPolygon: { value: positions, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } } },
    _normalize: false,
    opacity: 0.8,
    pickable: false,
  });
}

/** Another participant's pointer on the map. */
export interface PointerMark {
  id: string;
  name: string;
  at: [number, number];
}

/** Pointers of the other guests: a blue dot and the name beside it. */
export function buildPointerLayers(pointers: readonly PointerMark[]) {
  return [
    new ScatterplotLayer<PointerMark>({
      id: 'live-pointers',
      data: pointers,
      getPosition: (p) => p.at,
      getRadius: 7,
      radiusUnits: 'pixels',
      getFillColor: [29, 95, 209, 230],
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new TextLayer<PointerMark>({
      id: 'live-pointer-names',
      data: pointers,
      getPosition: (p) => p.at,
      getText: (p) => p.name,
      getSize: 13,
      getColor: [29, 95, 209, 255],
      getPixelOffset: [10, -10],
      getTextAnchor: 'start',
      fontFamily: 'system-ui, "DejaVu Sans", Arial, sans-serif',
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
      characterSet: 'auto',
    }),
  ];
}
