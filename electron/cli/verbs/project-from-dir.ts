import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import { err, ok, type Result } from '../../../shared/base/result';
import { parseParquet } from '../../../shared/domain/ingest/parquet';
import type { DatasetKind, LayerMeta } from '../../../shared/domain/project/manifest';
import { toPartId, type ProjectDataset, type ProjectLayer } from '../../../shared/domain/project/project';
import { quoteLiteral } from '../../../shared/engine/sql';
import { openNodeEngine } from '../../services/duckdb-node';

const LAYER_ROLES: Record<string, LayerMeta['role']> = { beats: 'beats', districts: 'districts', streets: 'streets', jurisdiction: 'jurisdiction' };

/**
 * Reads a folder written by `spi ingest` into project parts: every `<name>.parquet` becomes a
 * dataset (with `quality.json`, `quarantine.csv` and `mapping.json` from the same folder, which
 * `spi ingest` writes once per folder), every `.geojson` a reference layer whose role follows its
 * name (beats, districts, streets, jurisdiction; else "other").
 */
export async function loadDatasetDir(
  dir: string,
  label: string,
  kind: DatasetKind,
  takenIds: string[],
): Promise<Result<{ datasets: ProjectDataset[]; layers: ProjectLayer[] }, AppError>> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) return err({ kind: 'file-not-found', path: label });
  const names = (await readdir(dir)).sort();
  const readJson = async (name: string): Promise<unknown> => {
    if (!names.includes(name)) return null;
    try {
      return JSON.parse(await readFile(path.join(dir, name), 'utf8'));
    } catch (e) {
      throw Object.assign(new Error(`${path.join(label, name)}: invalid JSON (${e instanceof Error ? e.message : e})`), { fileFormat: true });
    }
  };
  let quality: unknown;
  let mapping: unknown;
  let sensitive: string[] | undefined;
  try {
    quality = await readJson('quality.json');
    mapping = await readJson('mapping.json');
    // sensitive.json ("spi ingest"): the columns that identify people, kept as DatasetMeta.sensitive.
    const marked = (await readJson('sensitive.json')) as { columns?: unknown } | null;
    if (marked && Array.isArray(marked.columns)) sensitive = marked.columns.filter((c): c is string => typeof c === 'string');
  } catch (e) {
    return err({ kind: 'file-format', path: label, reason: e instanceof Error ? e.message : String(e) });
  }
  const taken = [...takenIds];
  const datasets: ProjectDataset[] = [];
  for (const name of names.filter((n) => n.endsWith('.parquet'))) {
    const bytes = new Uint8Array(await readFile(path.join(dir, name)));
    const table = await parseParquet(bytes, path.join(label, name));
    if (!table.ok) return table;
    const id = toPartId(name, taken);
    taken.push(id);
    const crs = (quality as { crs?: { source?: string; analysis?: string } } | null)?.crs;
    datasets.push({
      meta: {
        id,
        name,
        kind,
        rows: table.value.numRows,
        source: { fileName: name, sha256: await sha256Hex(bytes), bytes: bytes.length, storage: 'embedded', path: null },
        crs: { source: crs?.source ?? null, analysis: crs?.analysis ?? null },
        mapping: mapping ?? null,
        hasQuarantine: false,
        hasQuality: quality !== null,
        ...(sensitive ? { sensitive } : {}),
      },
      table: table.value,
      quarantine: null,
      quality,
    });
  }
  if (names.includes('quarantine.csv') && datasets.length > 0) {
    const engine = await openNodeEngine();
    try {
      const q = await engine.query(`SELECT * FROM read_csv(${quoteLiteral(path.join(dir, 'quarantine.csv'))}, all_varchar=true, header=true)`);
      if (!q.ok) return err({ kind: 'file-format', path: path.join(label, 'quarantine.csv'), reason: q.error.kind === 'sql' ? q.error.message : 'unreadable' });
      datasets[0] = { ...datasets[0]!, quarantine: q.value };
    } finally {
      await engine.close();
    }
  }
  const layers: ProjectLayer[] = [];
  for (const name of names.filter((n) => n.endsWith('.geojson'))) {
    let fc: ProjectLayer['geojson'];
    try {
      fc = JSON.parse(await readFile(path.join(dir, name), 'utf8'));
    } catch (e) {
      return err({ kind: 'file-format', path: path.join(label, name), reason: `invalid JSON (${e instanceof Error ? e.message : e})` });
    }
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return err({ kind: 'file-format', path: path.join(label, name), reason: 'not a GeoJSON FeatureCollection' });
    const stem = name.replace(/\.geojson$/, '');
    const id = toPartId(stem, taken);
    taken.push(id);
    layers.push({ meta: { id, name: stem, role: LAYER_ROLES[stem] ?? 'other', features: fc.features.length }, geojson: fc });
  }
  return ok({ datasets, layers });
}
