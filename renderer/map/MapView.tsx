import { useEffect, useRef } from 'react';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { StyleSpecification } from 'maplibre-gl';

maplibregl.setWorkerUrl(maplibreWorkerUrl);

export interface MapViewProps {
  style: StyleSpecification;
  /** Fit to these bounds when the style changes: [minLon, minLat, maxLon, maxLat]. */
  bounds: [number, number, number, number] | null;
  layers: Layer[];
  onPick?: (info: PickingInfo) => void;
  /** Called after each frame where deck.gl drew layers (tests and exports wait on it). */
  onRendered?: () => void;
}

/**
 * The map: maplibre draws the offline base map, deck.gl draws analysis layers interleaved in the
 * same WebGL context (so a map image export holds both). The drawing buffer is preserved so
 * `canvas.toDataURL()` works for exports and pixel tests.
 */
export function MapView({ style, bounds, layers, onPick, onRendered }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const callbacks = useRef({ onPick, onRendered });
  callbacks.current = { onPick, onRendered };

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      ...(bounds ? { bounds: bounds as maplibregl.LngLatBoundsLike, fitBoundsOptions: { padding: 24 } } : { center: [0, 0], zoom: 1 }),
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'imperial', maxWidth: 120 }), 'bottom-left');
    const overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      // Points are a few pixels wide: a forgiving pick radius makes clicking them practical.
      pickingRadius: 5,
      onClick: (info) => callbacks.current.onPick?.(info),
      onAfterRender: () => callbacks.current.onRendered?.(),
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
    map.addControl(overlay);
    mapRef.current = map;
    overlayRef.current = overlay;
    (window as unknown as { __spiMap?: maplibregl.Map }).__spiMap = map;
    return () => {
      overlayRef.current = null;
      mapRef.current = null;
      map.remove();
    };
    // The map is rebuilt only when the base map changes; bounds follow the style.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [style]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers });
  }, [layers, style]);

  return <div ref={container} className="map" data-testid="map" />;
}
