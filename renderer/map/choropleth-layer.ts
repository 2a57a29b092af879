import { PolygonLayer } from '@deck.gl/layers';
import type { ChoroplethLayerData } from '../../shared/domain/explore/choropleth-layer';
import type { PolygonUnits } from '../../shared/domain/explore/choropleth';

const NO_RATE: [number, number, number, number] = [170, 170, 170, 110];

/**
 * Counts by polygon: each unit filled with its class colour (grey when it has no rate), with a
 * thin dark outline so neighbouring units of one class stay apart. A few hundred polygons at
 * most, so plain objects are fine here. A MultiPolygon unit is one entry per part; rings after the first are holes.
 */
export function buildChoroplethLayer(units: PolygonUnits, data: ChoroplethLayerData, opacity: number) {
  const polygons = units.lonLatParts.flatMap((parts, unit) => parts.map((rings) => ({ unit, rings })));
  const color = (unit: number): [number, number, number, number] => {
    const c = data.classes[unit] as number;
    const rgb = c < 0 ? null : data.colors[c];
    return rgb ? [rgb[0], rgb[1], rgb[2], 255] : NO_RATE;
  };
  return new PolygonLayer<{ unit: number; rings: readonly (readonly [number, number][])[] }>({
    id: 'explore-choropleth',
    data: polygons,
    getPolygon: (d) => d.rings as [number, number][][],
    getFillColor: (d) => color(d.unit),
    getLineColor: [40, 40, 40, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    stroked: true,
    filled: true,
    opacity,
    pickable: false,
    updateTriggers: { getFillColor: data },
  });
}
