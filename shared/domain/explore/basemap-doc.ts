/**
 * The project's offline basemap choice (document `basemap` below docs/): which local file
 * (PMTiles archive or GeoTIFF image) by reference — name, size and path where the host knows
 * one, never its bytes — and the style it is drawn in. Parsed defensively: a missing or odd
 * document means "no basemap file".
 */

/** Where the map document keeps the choice. */
export const BASEMAP_DOC = 'basemap';

export type BasemapFileKind = 'pmtiles' | 'geotiff';
export type BasemapStyleName = 'light' | 'dark' | 'none';

/** The saved choice. */
export interface BasemapDoc {
  readonly kind: BasemapFileKind;
  readonly file: string;
  readonly size: number;
  readonly path: string | null;
  /** light or dark palette; none hides the file (the neutral background and reference layers stay). */
  readonly style: BasemapStyleName;
}

/** Which reader a file name asks for; MBTiles is recognised so it can be refused with a reason. */
export function basemapKindOf(name: string): BasemapFileKind | 'mbtiles' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.pmtiles')) return 'pmtiles';
  if (n.endsWith('.tif') || n.endsWith('.tiff')) return 'geotiff';
  if (n.endsWith('.mbtiles')) return 'mbtiles';
  return null;
}

/** Reads a saved document; anything that is not a well-formed choice gives null. */
export function parseBasemapDoc(value: unknown): BasemapDoc | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (v.kind !== 'pmtiles' && v.kind !== 'geotiff') return null;
  if (typeof v.file !== 'string' || v.file.length === 0 || v.file.length > 500) return null;
  if (typeof v.size !== 'number' || !(v.size >= 0)) return null;
  const style = v.style === 'dark' || v.style === 'none' ? v.style : 'light';
  return { kind: v.kind, file: v.file, size: v.size, path: typeof v.path === 'string' ? v.path : null, style };
}
