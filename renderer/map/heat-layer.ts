import { BitmapLayer } from '@deck.gl/layers';
import type { ScreenHeat } from '../../shared/domain/explore/screen-heat';

/**
 * The screen-space heat map image (screen-heat.ts), placed over the area it was computed for.
 * Linear sampling: the image is a smooth quick look, not cells of an estimate. Not pickable.
 */
export function buildHeatLayer(heat: ScreenHeat, opacity: number) {
  return new BitmapLayer({
    id: 'explore-heat',
    image: new ImageData(heat.rgba as Uint8ClampedArray<ArrayBuffer>, heat.width, heat.height),
    bounds: heat.bounds,
    opacity,
    textureParameters: { minFilter: 'linear', magFilter: 'linear' },
    pickable: false,
  });
}
