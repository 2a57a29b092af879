import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { basemapKindOf, parseBasemapDoc } from '../../../../shared/domain/explore/basemap-doc';
import { vectorLayerIds, withOfflineBasemap } from '../../../../renderer/features/basemap/offline-style';
import type { LoadedBasemap } from '../../../../renderer/features/basemap/basemap-files';
import type { PmtilesArchive } from '../../../../shared/domain/geo/pmtiles';

const STYLE: StyleSpecification = {
  version: 8,
  sources: { beats: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#f4f3ef' } },
    { id: 'beats-fill', type: 'fill', source: 'beats', paint: { 'fill-color': '#f7f6f2', 'fill-opacity': 1 } },
    { id: 'beats-line', type: 'line', source: 'beats' },
  ],
};

const archive = (tileType: 'mvt' | 'png'): LoadedBasemap => ({
  kind: 'pmtiles',
  key: 'city.pmtiles-100',
  archive: { header: { tileType, minZoom: 0, maxZoom: 14, bounds: [-90, 35, -89, 36] }, metadata: { vector_layers: [{ id: 'roads' }, { id: 'water' }] } } as unknown as PmtilesArchive,
});

describe('offline basemap style', () => {
  it('puts a vector PMTiles source under the reference layers, served by the local protocol, with labels on top from local glyphs', () => {
    const s = withOfflineBasemap(STYLE, archive('mvt'), 'dark');
    expect(s.sources['spi-basemap']).toMatchObject({ type: 'vector', tiles: ['spi-pmtiles://city.pmtiles-100/{z}/{x}/{y}'], maxzoom: 14 });
    const ids = s.layers.map((l) => l.id);
    expect(ids[0]).toBe('background');
    expect(ids.indexOf('basemap-roads-line')).toBeLessThan(ids.indexOf('beats-fill'));
    expect(ids).toContain('basemap-water-fill');
    // labels: symbol layers above the reference layers, DejaVu Sans from the in-page glyph protocol
    expect(s.glyphs).toBe('spi-glyphs://{fontstack}/{range}.pbf');
    const label = s.layers.find((l) => l.id === 'basemap-roads-line-label') as unknown as { type: string; layout: Record<string, unknown> };
    expect(label.type).toBe('symbol');
    expect(label.layout['text-font']).toEqual(['DejaVu Sans']);
    expect(label.layout['symbol-placement']).toBe('line');
    expect(ids.indexOf('basemap-water-label')).toBeGreaterThan(ids.indexOf('beats-line'));
    expect((s.layers[0] as unknown as { paint: Record<string, string> }).paint['background-color']).toBe('#1f2226');
    expect((s.layers.find((l) => l.id === 'beats-fill') as unknown as { paint: Record<string, number> }).paint['fill-opacity']).toBe(0);
    // no URL in the style leaves the machine
    expect(JSON.stringify(s)).not.toMatch(/https?:/);
  });

  it('draws raster tiles, MBTiles, GeoTIFF and world-file images as raster layers with no glyphs; "none" and no file leave the style as it was', () => {
    const raster = withOfflineBasemap(STYLE, archive('png'), 'light');
    expect(raster.sources['spi-basemap']).toMatchObject({ type: 'raster', tileSize: 256 });
    expect(raster.glyphs).toBeUndefined();
    const mb: LoadedBasemap = { ...(archive('mvt') as Extract<LoadedBasemap, { archive: unknown }>), kind: 'mbtiles' };
    expect(withOfflineBasemap(STYLE, mb, 'light').sources['spi-basemap']).toMatchObject({ type: 'vector', tiles: ['spi-mbtiles://city.pmtiles-100/{z}/{x}/{y}'] });
    const img: LoadedBasemap = { kind: 'image', key: 'a.png-1', url: 'blob:y', image: { width: 2, height: 2, crs: 'EPSG:4326', crsFrom: 'guessed', rotated: false, corners: [[0, 1], [1, 1], [1, 0], [0, 0]] } };
    expect(withOfflineBasemap(STYLE, img, 'dark').sources['spi-basemap']).toEqual({ type: 'image', url: 'blob:y', coordinates: [[0, 1], [1, 1], [1, 0], [0, 0]] });
    const tif: LoadedBasemap = { kind: 'geotiff', key: 'o.tif-1', url: 'blob:x', image: { width: 2, height: 2, rgba: new Uint8ClampedArray(16), georef: { crs: 'EPSG:4326', west: 0, north: 1, cellX: 1, cellY: 1 }, corners: [[0, 1], [1, 1], [1, 0], [0, 0]] } };
    const s = withOfflineBasemap(STYLE, tif, 'light');
    expect(s.sources['spi-basemap']).toEqual({ type: 'image', url: 'blob:x', coordinates: [[0, 1], [1, 1], [1, 0], [0, 0]] });
    expect(s.layers[1]!.id).toBe('basemap-image');
    expect(withOfflineBasemap(STYLE, tif, 'none')).toBe(STYLE);
    expect(withOfflineBasemap(STYLE, null, 'light')).toBe(STYLE);
    expect(vectorLayerIds({ vector_layers: [{ id: 'a' }, { nope: 1 }] })).toEqual(['a']);
  });

  it('keeps the choice by reference, parsed defensively', () => {
    expect(parseBasemapDoc({ kind: 'geotiff', file: 'ortho.tif', size: 12, path: '/data/ortho.tif', style: 'dark' })).toEqual({ kind: 'geotiff', file: 'ortho.tif', size: 12, path: '/data/ortho.tif', style: 'dark' });
    expect(parseBasemapDoc({ kind: 'pmtiles', file: 'a.pmtiles', size: 1, style: 'neon' })?.style).toBe('light');
    expect(parseBasemapDoc({ kind: 'mbtiles', file: 'a.mbtiles', size: 1 })?.kind).toBe('mbtiles');
    expect(parseBasemapDoc({ kind: 'image', file: 'o.png', size: 1, crs: 'EPSG:2276' })).toEqual({ kind: 'image', file: 'o.png', size: 1, path: null, style: 'light', crs: 'EPSG:2276' });
    expect(parseBasemapDoc({ kind: 'image', file: 'o.png', size: 1, crs: 'rm -rf' })?.crs).toBeUndefined();
    expect(parseBasemapDoc({ kind: 'sqlite', file: 'a', size: 1 })).toBeNull();
    expect(parseBasemapDoc(undefined)).toBeNull();
    expect(basemapKindOf('City.MBTiles')).toBe('mbtiles');
    expect(basemapKindOf('x.TIFF')).toBe('geotiff');
    expect(basemapKindOf('x.png')).toBe('image');
    expect(basemapKindOf('x.JPG')).toBe('image');
    expect(basemapKindOf('x.pgw')).toBeNull();
    expect(basemapKindOf('x.prj')).toBeNull();
  });
});
