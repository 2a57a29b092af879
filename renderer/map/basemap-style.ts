import type { StyleSpecification } from 'maplibre-gl';

/**
 * The `glyphs` URL of styles with maplibre symbol layers: served in the page by
 * renderer/map/glyph-protocol.ts (DejaVu Sans drawn on demand), never fetched.
 */
export const GLYPHS_URL = 'spi-glyphs://{fontstack}/{range}.pbf';

/** The font stack the app's symbol layers name (every stack is drawn with the bundled DejaVu Sans). */
export const LABEL_FONT = ['DejaVu Sans'];

/** The vector layers an offline base map is drawn from: GeoJSON, lon/lat (RFC 7946). */
export interface BasemapSources {
  streets?: GeoJSON.FeatureCollection | null;
  beats?: GeoJSON.FeatureCollection | null;
  districts?: GeoJSON.FeatureCollection | null;
}

/**
 * A maplibre style built entirely from local GeoJSON: a paper background, beats as light
 * polygons, district outlines, and streets by road class. No tiles, glyphs or sprites are named,
 * so maplibre never makes a request (labels are drawn by deck.gl's TextLayer, which builds its
 * font atlas locally).
 */
export function buildBasemapStyle(sources: BasemapSources): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    name: 'SPI Workbench offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f3ef' } }],
  };
  if (sources.beats) {
    style.sources.beats = { type: 'geojson', data: sources.beats };
    style.layers.push(
      { id: 'beats-fill', type: 'fill', source: 'beats', paint: { 'fill-color': '#f7f6f2', 'fill-opacity': 1 } },
      { id: 'beats-line', type: 'line', source: 'beats', paint: { 'line-color': '#b9b4a6', 'line-width': 0.8, 'line-dasharray': [3, 2] } },
    );
  }
  if (sources.streets) {
    style.sources.streets = { type: 'geojson', data: sources.streets };
    style.layers.push(
      {
        id: 'streets-local',
        type: 'line',
        source: 'streets',
        filter: ['!', ['in', ['get', 'road_class'], ['literal', ['arterial', 'highway', 'collector']]]],
        paint: { 'line-color': '#d5d1c6', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 16, 4] },
      },
      {
        id: 'streets-major',
        type: 'line',
        source: 'streets',
        filter: ['in', ['get', 'road_class'], ['literal', ['arterial', 'highway', 'collector']]],
        paint: { 'line-color': '#e0b872', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.6, 16, 8] },
      },
    );
  }
  if (sources.districts) {
    style.sources.districts = { type: 'geojson', data: sources.districts };
    style.layers.push({
      id: 'districts-line',
      type: 'line',
      source: 'districts',
      paint: { 'line-color': '#6b6357', 'line-width': 2 },
    });
  }
  return style;
}
