import { BitmapLayer } from '@deck.gl/layers';
import type { KdeLayerData } from '../../shared/domain/explore/density-layer';

/**
 * The kernel density surface as one image placed by its four lon/lat corners (the raster is
 * square in the UTM analysis CRS, so on the web map it is a slightly rotated quad). Nearest
 * sampling keeps the cells honest: no smoothing that the estimate did not do. Not pickable.
 */
export function buildDensityLayer(data: KdeLayerData, opacity: number) {
  return new BitmapLayer({
    id: 'explore-kde',
    image: new ImageData(data.rgba as Uint8ClampedArray<ArrayBuffer>, data.width, data.height),
    bounds: data.corners,
    opacity,
    textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
    pickable: false,
  });
}
