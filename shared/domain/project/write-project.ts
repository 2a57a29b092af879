import { zipSync, strToU8, type Zippable } from 'fflate';
import { parquetMetadata } from 'hyparquet';
import { sha256Hex } from '../../base/hash';
import { toParquetBytes } from './arrow-parquet';
import { encryptProjectBytes } from './encryption';
import { PROJECT_FORMAT, PROJECT_FORMAT_VERSION, type ProjectManifest, type ProjectPart } from './manifest';
import type { Project } from './project';

const JSON_TYPE = 'application/json';

/**
 * Serializes a project to the bytes of a `.spiproj` file (a zip, docs/project-format.md):
 * datasets as Parquet (+ quarantine Parquet, quality JSON), reference layers as GeoJSON, JSON
 * documents, the append-only `log.jsonl`, and `manifest.json` listing every part with its SHA-256
 * and size. Parquet parts with compressed pages are stored, other Parquet parts deflated fast
 * (level 1), text parts at level 6.
 * `modifiedAt` is set to `now`. Datasets stored by reference carry no table.
 * With `passphrase` (non-empty) the whole zip is encrypted into the `SPIENC1` envelope
 * (encryption.ts: AES-256-GCM, PBKDF2-SHA256 600,000 iterations); without it the file is plain.
 */
export async function writeProject(
  project: Project,
  options: { appVersion: string; now?: string; passphrase?: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const files: { path: string; mediaType: string; bytes: Uint8Array }[] = [];
  const json = (path: string, value: unknown) =>
    files.push({ path, mediaType: JSON_TYPE, bytes: strToU8(`${JSON.stringify(value, null, 2)}\n`) });

  for (const d of project.datasets) {
    const base = `datasets/${d.meta.id}`;
    const embedded = d.meta.source.storage === 'embedded' && (d.table !== null || d.parquet !== undefined);
    json(`${base}/dataset.json`, {
      ...d.meta,
      rows: d.table?.numRows ?? d.meta.rows,
      hasQuarantine: d.quarantine !== null,
      hasQuality: d.quality !== null && d.quality !== undefined,
    });
    if (embedded) files.push({ path: `${base}/data.parquet`, mediaType: 'application/vnd.apache.parquet', bytes: d.parquet ?? toParquetBytes(d.table!) });
    if (d.quarantine) files.push({ path: `${base}/quarantine.parquet`, mediaType: 'application/vnd.apache.parquet', bytes: toParquetBytes(d.quarantine) });
    if (d.quality !== null && d.quality !== undefined) json(`${base}/quality.json`, d.quality);
  }
  for (const l of project.layers) {
    json(`layers/${l.meta.id}.json`, { ...l.meta, features: l.geojson.features.length });
    files.push({ path: `layers/${l.meta.id}.geojson`, mediaType: 'application/geo+json', bytes: strToU8(JSON.stringify(l.geojson)) });
  }
  for (const [name, value] of Object.entries(project.documents).sort(([a], [b]) => a.localeCompare(b))) {
    json(`docs/${name}.json`, value);
  }
  files.push({
    path: 'log.jsonl',
    mediaType: 'application/x-ndjson',
    bytes: strToU8(project.log.map((e) => JSON.stringify(e)).join('\n') + (project.log.length ? '\n' : '')),
  });

  const parts: ProjectPart[] = [];
  for (const f of files) parts.push({ path: f.path, mediaType: f.mediaType, sha256: await sha256Hex(f.bytes), bytes: f.bytes.length });
  const manifest: ProjectManifest = {
    format: PROJECT_FORMAT,
    formatVersion: PROJECT_FORMAT_VERSION,
    appVersion: options.appVersion,
    title: project.info.title,
    author: project.info.author,
    agency: project.info.agency,
    analysisCrs: project.info.analysisCrs,
    createdAt: project.info.createdAt,
    modifiedAt: options.now ?? new Date().toISOString(),
    parts,
  };
  const zippable: Zippable = { 'manifest.json': [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6 }] };
  // Parquet whose pages are all compressed (the app's saves: SNAPPY) is stored as it is: deflate
  // would gain little and costs seconds per million rows on save and again on open. Other Parquet
  // (the ingest writer's uncompressed pages) gets fast deflate (level 1), which shrinks it well
  // below the source CSV.
  for (const f of files) zippable[f.path] = [f.bytes, { level: f.path.endsWith('.parquet') ? (pagesCompressed(f.bytes) ? 0 : 1) : 6 }];
  const zip = zipSync(zippable, { mtime: new Date('2000-01-01T00:00:00Z') });
  return options.passphrase === undefined ? zip : encryptProjectBytes(zip, options.passphrase);
}

/** True when every column chunk of a Parquet file uses a compression codec (reads only the footer). */
export function pagesCompressed(parquet: Uint8Array): boolean {
  try {
    const groups = parquetMetadata(parquet).row_groups;
    return groups.length > 0 && groups.every((g) => g.columns.every((c) => c.meta_data !== undefined && c.meta_data.codec !== 'UNCOMPRESSED'));
  } catch {
    return false;
  }
}
