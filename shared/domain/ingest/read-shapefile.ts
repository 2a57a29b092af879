/**
 * A zipped ESRI shapefile (.shp + .dbf, with .prj and .cpg when present) of points as a raw text
 * table: the .dbf attributes as columns, plus geometry_x, geometry_y and geometry_error as for
 * GeoJSON (read-geojson.ts). The coordinates stay in the file's CRS; the .prj names it
 * (crs-prj.ts). Without a .prj the CRS is asked for unless the values are plainly degrees.
 */
import { strFromU8, unzipSync } from 'fflate';
import { unzipImport } from './safe-unzip';
import { parseDbf, parseShp } from 'shpjs';
import { messageOf } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { matchPrj } from '../geo/crs-prj';
import { uniqueColumnNames } from './csv-text';
import type { IngestError } from './raw-table';
import type { TabularData } from './read-raw';
import { pointOf } from './read-geojson';

/** Names of the entries of a zip archive (without decompressing them). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return [];
  }
  return names;
}

const base = (name: string) => name.replace(/^.*\//, '');

/**
 * Why a dBASE (.dbf) table's header cannot be right, or null. The header's record count,
 * header length and record length must fit the file: a damaged count would otherwise make the
 * reader loop over billions of phantom records (found by fuzzing).
 */
export function dbfHeaderProblem(dbf: Uint8Array): string | null {
  if (dbf.length < 33) return `the .dbf file is ${dbf.length} bytes, too short for a dBASE header`;
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length) return `the .dbf header is damaged: it declares a ${headerLength}-byte header in a ${dbf.length}-byte file`;
  if (recordLength < 1) return 'the .dbf header is damaged: it declares records of 0 bytes';
  if (records * recordLength > dbf.length - headerLength + 1) {
    return `the .dbf header is damaged: it declares ${records} records of ${recordLength} bytes, but the file holds ${dbf.length - headerLength} bytes of records`;
  }
  return null;
}

/** Parses the zipped shapefile `bytes`. */
export async function parseShapefileTable(bytes: Uint8Array, path: string): Promise<Result<TabularData, IngestError>> {
  const unzipped = unzipImport(bytes, path, (name) => !name.startsWith('__MACOSX/') && /\.(shp|dbf|prj|cpg)$/i.test(name));
  if (!unzipped.ok) return unzipped;
  const files = unzipped.value;
  const shps = Object.keys(files).filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0) return err({ kind: 'file-format', path, reason: 'the zip archive holds no .shp file (a shapefile needs .shp, .dbf and .prj)' });
  if (shps.length > 1) return err({ kind: 'file-format', path, reason: `the zip archive holds ${shps.length} shapefiles (${shps.map(base).join(', ')}); zip one layer at a time` });
  const stem = (shps[0] as string).replace(/\.shp$/i, '');
  const part = (ext: string) => Object.entries(files).find(([n]) => n.toLowerCase() === `${stem}.${ext}`.toLowerCase())?.[1];
  const shp = part('shp') as Uint8Array;
  const dbf = part('dbf');
  const prj = part('prj');
  const cpg = part('cpg');
  let geometries: ({ type: string; coordinates: unknown } | null)[];
  let records: Record<string, unknown>[];
  const dbfProblem = dbf ? dbfHeaderProblem(dbf) : null;
  if (dbfProblem) return err({ kind: 'file-format', path, reason: `${base(stem)}.dbf: ${dbfProblem}` });
  try {
    geometries = parseShp(shp, false);
    records = dbf ? parseDbf(dbf, cpg ? strFromU8(cpg) : undefined) : [];
  } catch (e) {
    return err({ kind: 'file-format', path, reason: `cannot read ${base(stem)}.shp/.dbf (${messageOf(e)})` });
  }
  const points = geometries.map(pointOf);
  const nonPoint = points.filter((p) => 'error' in p && /is not a point/.test(p.error)).length;
  if (geometries.length > 0 && nonPoint > geometries.length / 2) {
    return err({ kind: 'file-format', path, reason: `${nonPoint} of ${geometries.length} shapes are not points: load this file as a reference layer (beats, districts, streets), not as a point dataset` });
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const columns = uniqueColumnNames([...keys, 'geometry_x', 'geometry_y', 'geometry_error']);
  const n = geometries.length;
  const values: (string | null)[][] = columns.map(() => new Array<string | null>(n).fill(null));
  for (let i = 0; i < n; i++) {
    const r = records[i] ?? {};
    keys.forEach((k, j) => {
      const v = r[k];
      (values[j] as (string | null)[])[i] = v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    });
    const p = points[i] as { x: number; y: number } | { error: string };
    (values[keys.length] as (string | null)[])[i] = 'x' in p ? String(p.x) : null;
    (values[keys.length + 1] as (string | null)[])[i] = 'x' in p ? String(p.y) : null;
    (values[keys.length + 2] as (string | null)[])[i] = 'error' in p ? `shape ${i + 1}: ${p.error}` : null;
  }
  let crs: Pick<TabularData, 'declaredCrs' | 'crsProblem'>;
  if (!prj) crs = { crsProblem: `${base(stem)}.shp has no .prj file, so its coordinate system is unknown` };
  else {
    const m = matchPrj(strFromU8(prj));
    crs = m.kind === 'matched' ? { declaredCrs: { code: m.code, how: `.prj (${m.how})` } } : { crsProblem: `the .prj describes "${m.name}", which matches no bundled system (${m.reason})` };
  }
  return ok({ columns, values, sourceRows: Int32Array.from({ length: n }, (_v, i) => i + 1), rowNumbering: 'feature number', ...crs });
}
