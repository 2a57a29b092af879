import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapStyleName } from '../../../shared/domain/explore/basemap-doc';
import type { LoadedBasemap } from './basemap-files';

/** Colours of a generic vector basemap (any PMTiles vector schema): light or dark. */
const PALETTES = {
  light: { background: '#f4f3ef', fill: '#e6e3dc', line: '#c9c2b5', point: '#9a9387', water: '#c6dbec', green: '#dfe9d3', road: '#ffffff', roadCase: '#d2cabb' },
  dark: { background: '#1f2226', fill: '#2a2e34', line: '#4a4f57', point: '#6b7078', water: '#1c3247', green: '#23312a', road: '#5b6069', roadCase: '#33373d' },
} as const;

const POLYGON = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const LINE = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const POINT = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

/**
 * Style layers for every vector layer of the archive's metadata (`vector_layers`): polygons
 * filled, lines stroked (roads wider, water blue, parks green, by the layer's name), points as
 * small dots. No symbol layers: no glyphs are bundled, so text would need a network; beat labels
 * stay on (deck.gl draws them).
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
 * file's source and layers right after the background. 'none', or no loaded file, returns the
 * style unchanged (same identity, so the map is not rebuilt).
 */
export function withOfflineBasemap(style: StyleSpecification, file: LoadedBasemap | null, name: BasemapStyleName): StyleSpecification {
  if (!file || name === 'none') return style;
  const p = PALETTES[name];
  let source: SourceSpecification;
  let layers: LayerSpecification[];
  const raster = name === 'dark' ? { 'raster-brightness-max': 0.55, 'raster-saturation': -0.4 } : {};
  if (file.kind === 'geotiff') {
    source = { type: 'image', url: file.url, coordinates: file.image.corners };
    layers = [{ id: 'basemap-image', type: 'raster', source: 'spi-basemap', paint: { 'raster-fade-duration': 0, ...raster } }];
  } else {
    const h = file.archive.header;
    const tiles = [`spi-pmtiles://${file.key}/{z}/{x}/{y}`];
    const common = { tiles, minzoom: h.minZoom, maxzoom: h.maxZoom, bounds: h.bounds };
    if (h.tileType === 'mvt') {
      source = { type: 'vector', ...common };
      layers = vectorBasemapLayers('spi-basemap', vectorLayerIds(file.archive.metadata), name);
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
    sources: { ...style.sources, 'spi-basemap': source },
    layers: [...rest.slice(0, bg + 1), ...layers, ...rest.slice(bg + 1)],
  };
}
