import { useEffect, useRef } from 'react';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { StyleSpecification } from 'maplibre-gl';
import type { MapViewState } from '../../shared/domain/session/view-sync';
import { stopHoverPicking } from './hover-picking';

maplibregl.setWorkerUrl(maplibreWorkerUrl);

export interface MapViewProps {
  style: StyleSpecification;
  /** Fit to these bounds when the style changes: [minLon, minLat, maxLon, maxLat]. */
  bounds: [number, number, number, number] | null;
  layers: Layer[];
  onPick?: (info: PickingInfo) => void;
  /** Called after each frame where deck.gl drew layers (tests and exports wait on it). */
  onRendered?: () => void;
  /** Start here instead of fitting `bounds`; later changes (by identity) move the map there. */
  view?: MapViewState | null;
  /** Navigation and scale controls (default true; the presenter window has none). */
  chrome?: boolean;
  /**
   * Drawing tools (Design panel): while `drawing`, clicks go to `onMapClick` (lon/lat and the
   * metres per pixel at that spot) instead of `onPick`, double-click zoom is off and the cursor
   * is a crosshair. `onMapMove` gets the pointer's lon/lat, `onMapDoubleClick` a double click.
   */
  drawing?: boolean;
  onMapClick?: (lngLat: [number, number], metresPerPixel: number) => void;
  onMapMove?: (lngLat: [number, number]) => void;
  onMapDoubleClick?: (lngLat: [number, number]) => void;
}

// The controlled-view API: the most recently mounted map in this window (the workbench has one).
let activeMap: maplibregl.Map | null = null;
let pendingView: MapViewState | null = null;
const viewListeners = new Set<(view: MapViewState) => void>();

function viewOf(map: maplibregl.Map): MapViewState {
  const c = map.getCenter();
  return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

/** The current map view (centre lon/lat degrees, zoom, bearing, pitch), or null before a map exists. */
export function readMapView(): MapViewState | null {
  return activeMap ? viewOf(activeMap) : null;
}

/**
 * Moves the map to `view` (a jump, or a 0.6 s ease with `animate`). Before the map exists the
 * view is kept and applied when it is created.
 */
export function showMapView(view: MapViewState, animate = false): void {
  if (!activeMap) {
    pendingView = view;
    return;
  }
  const to = { center: view.center, zoom: view.zoom, bearing: view.bearing, pitch: view.pitch };
  if (animate) activeMap.easeTo({ ...to, duration: 600 });
  else activeMap.jumpTo(to);
}

/** Fits the map to [minLon, minLat, maxLon, maxLat] with 60 px padding, zooming in no further than `maxZoom`. */
export function fitMapBounds(bounds: [number, number, number, number], maxZoom = 16): void {
  activeMap?.fitBounds(bounds as maplibregl.LngLatBoundsLike, { padding: 60, maxZoom, duration: 600 });
}

const clickListeners = new Set<(lngLat: [number, number]) => void>();

/** Calls `listener` with the lon/lat of every click on the map (annotation tools); returns the unsubscribe function. */
export function onMapClickAt(listener: (lngLat: [number, number]) => void): () => void {
  clickListeners.add(listener);
  return () => clickListeners.delete(listener);
}

/** Calls `listener` with the view on every frame the map moves; returns the unsubscribe function. */
export function onMapViewChange(listener: (view: MapViewState) => void): () => void {
  viewListeners.add(listener);
  return () => viewListeners.delete(listener);
}

/**
 * The map: maplibre draws the offline base map, deck.gl draws analysis layers interleaved in the
 * same WebGL context (so a map image export holds both). The drawing buffer is preserved so
 * `canvas.toDataURL()` works for exports and pixel tests.
 */
export function MapView({ style, bounds, layers, onPick, onRendered, view = null, chrome = true, drawing = false, onMapClick, onMapMove, onMapDoubleClick }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const callbacks = useRef({ onPick, onRendered, drawing, onMapClick, onMapMove, onMapDoubleClick });
  callbacks.current = { onPick, onRendered, drawing, onMapClick, onMapMove, onMapDoubleClick };

  // The view when the map was last rebuilt, and for which data bounds: a new style over the same
  // data (a basemap loaded or restyled) keeps the analyst's view instead of fitting again.
  const kept = useRef<{ view: MapViewState; bounds: string } | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const boundsKey = JSON.stringify(bounds);
    const start = kept.current?.bounds === boundsKey ? kept.current.view : view;
    const map = new maplibregl.Map({
      container: container.current,
      style,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      ...(start ? { center: start.center, zoom: start.zoom, bearing: start.bearing, pitch: start.pitch } : bounds ? { bounds: bounds as maplibregl.LngLatBoundsLike, fitBoundsOptions: { padding: 24 } } : { center: [0, 0], zoom: 1 }),
    });
    if (chrome) {
      map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'top-right');
      map.addControl(new maplibregl.ScaleControl({ unit: 'imperial', maxWidth: 120 }), 'bottom-left');
    }
    let hoverChecked = false;
    const overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      // Points are a few pixels wide: a forgiving pick radius makes clicking them practical.
      pickingRadius: 5,
      onClick: (info) => !callbacks.current.drawing && callbacks.current.onPick?.(info),
      onAfterRender: () => {
        // Hover picking goes off once deck.gl has drawn (it is initialized then). Not in an onLoad
        // prop: the overlay hands its props to deck.gl again on every layer change, and an onLoad
        // among them replaced the one through which the overlay starts following the map's moves
        // (clicks then picked against the first view).
        if (!hoverChecked) map.getContainer().setAttribute('data-hover-picking', stopHoverPicking(overlay) ? 'off' : 'on');
        hoverChecked = true;
        callbacks.current.onRendered?.();
      },
      // No hover picking (hover-picking.ts), so the cursor cannot tell points apart: grab, or a
      // crosshair while drawing.
      getCursor: () => (callbacks.current.drawing ? 'crosshair' : 'grab'),
    });
    const lngLat = (e: maplibregl.MapMouseEvent): [number, number] => [e.lngLat.lng, e.lngLat.lat];
    map.on('click', (e) => {
      if (!callbacks.current.drawing) return;
      // Ground resolution of Web Mercator at this latitude and zoom (512 px tiles).
      const mpp = (40075016.686 * Math.cos((e.lngLat.lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
      callbacks.current.onMapClick?.(lngLat(e), mpp);
    });
    map.on('mousemove', (e) => callbacks.current.drawing && callbacks.current.onMapMove?.(lngLat(e)));
    map.on('dblclick', (e) => callbacks.current.drawing && callbacks.current.onMapDoubleClick?.(lngLat(e)));
    map.addControl(overlay);
    mapRef.current = map;
    overlayRef.current = overlay;
    (window as unknown as { __spiMap?: maplibregl.Map }).__spiMap = map;
    activeMap = map;
    if (pendingView) showMapView(pendingView);
    pendingView = null;
    map.on('click', (e) => {
      if (activeMap !== map) return;
      for (const l of clickListeners) l([e.lngLat.lng, e.lngLat.lat]);
    });
    map.on('move', () => {
      if (activeMap !== map) return;
      const v = viewOf(map);
      for (const l of viewListeners) l(v);
    });
    return () => {
      kept.current = { view: viewOf(map), bounds: boundsKey };
      if (activeMap === map) activeMap = null;
      overlayRef.current = null;
      mapRef.current = null;
      map.remove();
    };
    // The map is rebuilt only when the base map changes; bounds follow the style.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [style]);

  useEffect(() => {
    if (view) mapRef.current?.jumpTo({ center: view.center, zoom: view.zoom, bearing: view.bearing, pitch: view.pitch });
  }, [view]);

  const fedOverlay = useRef<MapLibreOverlay | null>(null);
  useEffect(() => {
    const overlay = overlayRef.current;
    if (!overlay) return;
    // A new overlay (the base map style changed) cannot adopt layer instances that the previous
    // deck initialized (deck.gl asserts): hand it clones, which it initializes afresh.
    overlay.setProps({ layers: fedOverlay.current === overlay ? layers : layers.map((l) => l.clone({})) });
    fedOverlay.current = overlay;
  }, [layers, style]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  }, [drawing, style]);

  return <div ref={container} className="map" data-testid="map" />;
}
