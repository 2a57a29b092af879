// Types for the parts of shpjs (no bundled declarations) the shapefile reader uses.
declare module 'shpjs' {
  /** Geometries of a .shp, GeoJSON-shaped; `prj` false keeps the file's own coordinates. */
  export function parseShp(shp: ArrayBuffer | Uint8Array | DataView, prj?: string | false): ({ type: string; coordinates: unknown } | null)[];
  /** Attribute records of a .dbf, decoded with the .cpg code page when given. */
  export function parseDbf(dbf: ArrayBuffer | Uint8Array | DataView, cpg?: string | Uint8Array): Record<string, unknown>[];
}
