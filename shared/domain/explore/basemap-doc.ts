/**
 * The project's offline basemap choice (document `basemap` below docs/): which local file
 * (PMTiles or MBTiles tile set, GeoTIFF, or PNG/JPEG image with a world file) by reference —
 * name, size, path where the host knows one and an image's CRS, never its bytes — and the style
 * it is drawn in. Parsed defensively: a missing or odd document means "no basemap file".
 */

/** Where the map document keeps the choice. */
export const BASEMAP_DOC = 'basemap';

/** pmtiles/mbtiles: tile sets; geotiff: a georeferenced TIFF; image: PNG/JPEG placed by a world file. */
export type BasemapFileKind = 'pmtiles' | 'mbtiles' | 'geotiff' | 'image';
export type BasemapStyleName = 'light' | 'dark' | 'none';

/** The saved choice. */
export interface BasemapDoc {
  readonly kind: BasemapFileKind;
  readonly file: string;
  readonly size: number;
  readonly path: string | null;
  /** light or dark palette; none hides the file (the neutral background and reference layers stay). */
  readonly style: BasemapStyleName;
  /** image only: the CRS of its world file ("EPSG:n", from the .prj or chosen by the analyst). */
  readonly crs?: string;
}

/** Which reader a file name asks for (by extension, any case); null for anything else (world files and .prj included). */
export function basemapKindOf(name: string): BasemapFileKind | null {
  const n = name.toLowerCase();
  if (n.endsWith('.pmtiles')) return 'pmtiles';
  if (n.endsWith('.mbtiles')) return 'mbtiles';
  if (n.endsWith('.tif') || n.endsWith('.tiff')) return 'geotiff';
  if (/\.(png|jpe?g)$/.test(n)) return 'image';
  return null;
}

/** Reads a saved document; anything that is not a well-formed choice gives null. */
export function parseBasemapDoc(value: unknown): BasemapDoc | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (v.kind !== 'pmtiles' && v.kind !== 'mbtiles' && v.kind !== 'geotiff' && v.kind !== 'image') return null;
  if (typeof v.file !== 'string' || v.file.length === 0 || v.file.length > 500) return null;
  if (typeof v.size !== 'number' || !(v.size >= 0)) return null;
  const style = v.style === 'dark' || v.style === 'none' ? v.style : 'light';
  const crs = v.kind === 'image' && typeof v.crs === 'string' && /^EPSG:\d{4,6}$/.test(v.crs) ? { crs: v.crs } : {};
  return { kind: v.kind, file: v.file, size: v.size, path: typeof v.path === 'string' ? v.path : null, style, ...crs };
}
