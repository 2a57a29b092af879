import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapStyleName } from '../../../shared/domain/explore/basemap-doc';
import { GLYPHS_URL, LABEL_FONT } from '../../map/basemap-style';
import type { LoadedBasemap } from './basemap-files';
import { tileUrlTemplate } from './tile-serve';

/** Colours of a generic vector basemap (any PMTiles vector schema): light or dark. */
const PALETTES = {
  light: { background: '#f4f3ef', fill: '#e6e3dc', line: '#c9c2b5', point: '#9a9387', water: '#c6dbec', green: '#dfe9d3', road: '#ffffff', roadCase: '#d2cabb', text: '#4a4540', halo: '#f4f3ef' },
  dark: { background: '#1f2226', fill: '#2a2e34', line: '#4a4f57', point: '#6b7078', water: '#1c3247', green: '#23312a', road: '#5b6069', roadCase: '#33373d', text: '#d6d3cc', halo: '#1f2226' },
} as const;

const POLYGON = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const LINE = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const POINT = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

// A feature's name: OpenMapTiles/Protomaps `name:en` or `name_en` first, then `name`.
const NAME = ['coalesce', ['get', 'name:en'], ['get', 'name_en'], ['get', 'name']];

/**
 * Labels of a vector layer: names of points (all zooms the layer has), along lines (roads,
 * water, from zoom 12) and inside water/park polygons (from zoom 12), in DejaVu Sans with a halo.
 * The glyphs come from the local `spi-glyphs` protocol (renderer/map/glyph-protocol.ts).
 */
function labelLayers(source: string, id: string, p: (typeof PALETTES)['light' | 'dark']): LayerSpecification[] {
  const base = { source, 'source-layer': id } as const;
  const paint = { 'text-color': p.text, 'text-halo-color': p.halo, 'text-halo-width': 1.5 };
  const named = ['has', 'name'];
  const layout = { 'text-field': NAME, 'text-font': LABEL_FONT, 'text-max-width': 8 };
  const out: LayerSpecification[] = [
    { id: `basemap-${id}-label`, type: 'symbol', ...base, filter: ['all', POINT, named] as never, layout: { ...layout, 'text-size': 12 } as never, paint },
  ];
  if (/road|street|transport|highway|transit|water|river/i.test(id)) {
    out.push({ id: `basemap-${id}-line-label`, type: 'symbol', ...base, minzoom: 12, filter: ['all', LINE, named] as never, layout: { ...layout, 'symbol-placement': 'line', 'text-size': 11 } as never, paint });
  }
  if (/water|ocean|lake|park|green|wood|forest/i.test(id)) {
    out.push({ id: `basemap-${id}-area-label`, type: 'symbol', ...base, minzoom: 12, filter: ['all', POLYGON, named] as never, layout: { ...layout, 'text-size': 11 } as never, paint });
  }
  return out;
}

/**
 * Style layers for every vector layer of the archive's metadata (`vector_layers`): polygons
 * filled, lines stroked (roads wider, water blue, parks green, by the layer's name), points as
 * small dots, and (after all of them, so text is on top) name labels drawn with glyphs made in
 * the page: no glyph server, no network.
 */
export function vectorBasemapLayers(source: string, vectorLayers: readonly string[], style: 'light' | 'dark'): LayerSpecification[] {
  const p = PALETTES[style];
  const out: LayerSpecification[] = [];
  for (const id of vectorLayers) {
    const water = /water|ocean|lake|river|sea/i.test(id);
    const green = /park|green|wood|forest|landcover|landuse|natural/i.test(id);
    const road = /road|street|transport|highway|transit/i.test(id);
    const base = { source, 'source-layer': id } as const;
    out.push(
      { id: `basemap-${id}-fill`, type: 'fill', ...base, filter: POLYGON as never, paint: { 'fill-color': water ? p.water : green ? p.green : p.fill, 'fill-opacity': /building/i.test(id) ? 0.9 : 1 } },
      { id: `basemap-${id}-line`, type: 'line', ...base, filter: LINE as never, paint: { 'line-color': water ? p.water : road ? p.road : p.line, 'line-width': road ? ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 6] : 0.8 } as never },
      { id: `basemap-${id}-point`, type: 'circle', ...base, filter: POINT as never, minzoom: 14, paint: { 'circle-color': p.point, 'circle-radius': 1.5 } },
    );
    if (road) out.splice(out.length - 2, 0, { id: `basemap-${id}-case`, type: 'line', ...base, filter: LINE as never, paint: { 'line-color': p.roadCase, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 8] } as never });
  }
  for (const id of vectorLayers) out.push(...labelLayers(source, id, p));
  return out;
}

/** The vector layer ids an archive's metadata lists (PMTiles `vector_layers`, TileJSON style). */
export function vectorLayerIds(metadata: Record<string, unknown>): string[] {
  const v = metadata.vector_layers;
  return Array.isArray(v) ? v.flatMap((l) => (l && typeof (l as { id?: unknown }).id === 'string' ? [(l as { id: string }).id] : [])) : [];
}

/**
 * The app's offline style with a basemap file drawn under the reference layers: the background
 * recoloured for the palette, the opaque beat fill made clear so the file shows through, and the
 * file's source and layers right after the background (a vector set's labels go above the
 * reference layers, with `glyphs` set to the local glyph protocol). 'none', or no loaded file,
 * returns the style unchanged (same identity, so the map is not rebuilt).
 */
export function withOfflineBasemap(style: StyleSpecification, file: LoadedBasemap | null, name: BasemapStyleName): StyleSpecification {
  if (!file || name === 'none') return style;
  const p = PALETTES[name];
  let source: SourceSpecification;
  let layers: LayerSpecification[];
  const raster = name === 'dark' ? { 'raster-brightness-max': 0.55, 'raster-saturation': -0.4 } : {};
  let labels: LayerSpecification[] = [];
  if (file.kind === 'geotiff' || file.kind === 'image') {
    source = { type: 'image', url: file.url, coordinates: file.image.corners };
    layers = [{ id: 'basemap-image', type: 'raster', source: 'spi-basemap', paint: { 'raster-fade-duration': 0, ...raster } }];
  } else {
    const h = file.archive.header;
    const tiles = [tileUrlTemplate(file.kind, file.key)];
    const common = { tiles, minzoom: h.minZoom, maxzoom: h.maxZoom, bounds: h.bounds };
    if (h.tileType === 'mvt') {
      source = { type: 'vector', ...common };
      const all = vectorBasemapLayers('spi-basemap', vectorLayerIds(file.archive.metadata), name);
      layers = all.filter((l) => l.type !== 'symbol');
      labels = all.filter((l) => l.type === 'symbol');
    } else {
      const size = Number((file.archive.metadata as { tileSize?: unknown }).tileSize);
      source = { type: 'raster', ...common, tileSize: size === 512 ? 512 : 256 };
      layers = [{ id: 'basemap-raster', type: 'raster', source: 'spi-basemap', paint: { 'raster-fade-duration': 0, ...raster } }];
    }
  }
  const rest = style.layers.map((l): LayerSpecification => {
    if (l.id === 'background') return { ...l, paint: { 'background-color': p.background } } as LayerSpecification;
    if (l.id === 'beats-fill') return { ...l, paint: { ...(l.paint ?? {}), 'fill-opacity': 0 } } as LayerSpecification;
    return l;
  });
  const bg = rest.findIndex((l) => l.id === 'background');
  return {
    ...style,
    ...(labels.length > 0 ? { glyphs: GLYPHS_URL } : {}),
    sources: { ...style.sources, 'spi-basemap': source },
    layers: [...rest.slice(0, bg + 1), ...layers, ...rest.slice(bg + 1), ...labels],
  };
}
