import { strFromU8 } from 'fflate';
import type { Table } from 'apache-arrow';
import { sha256Hex } from '../../base/hash';
import { err, ok, type Result } from '../../base/result';
import { checkParquetFooter, decodeParquet } from './parquet-part';
import { DatasetMetaSchema, LayerMetaSchema, LogEntrySchema, ManifestSchema, PROJECT_FORMAT, PROJECT_FORMAT_VERSION, type DatasetMeta, type LogEntry } from './manifest';
import { migrateToCurrent } from './migrations';
import { decryptProjectBytes, isEncryptedProject } from './encryption';
import { createProject, type Project, type ProjectDataset, type ProjectLayer } from './project';
import { DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntryWith, scanLocalEntries, type InflateRaw, type ZipLimits } from './zip-reader';

/** A part that could not be used, and why (shown to the analyst, naming the part). */
export interface PartProblem {
  part: string;
  reason: string;
}

/** What opening a project gives: the project, what was wrong, and whether it is read-only. */
export interface OpenedProject {
  project: Project;
  problems: PartProblem[];
  /** True when any part was damaged or the file is from a newer version: never save over it. */
  readOnly: boolean;
  formatVersion: number;
}

/**
 * Why a project did not open. `project-encrypted`: the file is encrypted and no passphrase was
 * given (ask for one); `project-decryption-failed`: the passphrase is wrong or the file damaged.
 */
export type ProjectOpenError = {
  kind: 'project-refused' | 'project-unreadable' | 'project-encrypted' | 'project-decryption-failed';
  path: string;
  reason: string;
};

/** Options of {@link readProject}. */
export interface ReadProjectOptions {
  /** Safety limits of the zip reader; default {@link DEFAULT_ZIP_LIMITS}. */
  limits?: ZipLimits;
  /** Passphrase for an encrypted file (encryption.ts); ignored when the file is not encrypted. */
  passphrase?: string;
  /**
   * Reads the source of a dataset saved by reference (`source.storage: 'reference'`): the bytes of
   * the Parquet file at `meta.source.path`, or null when it is not there. Without a resolver such
   * datasets open without a table and a problem says why.
   */
  resolveReference?: (meta: DatasetMeta) => Promise<Uint8Array | null>;
  /**
   * Decode dataset tables (default true). False checks everything else exactly as usual
   * (hashes, schemas, JSON) and, for each Parquet part, only its footer: it must parse and state
   * the row count its description gives. Tables then stay null without a problem. Used to
   * verify a file just written (the bytes are ours; their hashes prove they reached the disk).
   */
  decodeTables?: boolean;
  /** The platform's native raw-deflate decoder for deflated parts (default: fflate, in JS). */
  inflateRaw?: InflateRaw;
}

/**
 * Opens `.spiproj` bytes from anywhere (untrusted). Refuses unsafe archives outright (zip slip,
 * links, bombs: see zip-reader). Otherwise it opens every intact part and lists the others:
 * a hash mismatch, a truncated entry, invalid JSON, a schema violation, or a part the manifest
 * lists but the archive lacks. Any problem, or a newer format version, makes it read-only.
 * An encrypted file (magic `SPIENC1`) is decrypted first with `options.passphrase`; without one
 * the result is `{kind:'project-encrypted'}`, and a wrong passphrase or any changed byte gives
 * `{kind:'project-decryption-failed', reason:'wrong passphrase or damaged file'}`.
 * @param fileName used in messages.
 */
export async function readProject(bytes: Uint8Array, fileName: string, options: ReadProjectOptions = {}): Promise<Result<OpenedProject, ProjectOpenError>> {
  if (isEncryptedProject(bytes)) {
    if (options.passphrase === undefined) {
      return err({ kind: 'project-encrypted', path: fileName, reason: 'the project is encrypted: a passphrase is needed to open it' });
    }
    const plain = await decryptProjectBytes(bytes, options.passphrase);
    if (!plain.ok) {
      return err(
        plain.error.kind === 'decryption-failed'
          ? { kind: 'project-decryption-failed', path: fileName, reason: plain.error.reason }
          : { kind: 'project-unreadable', path: fileName, reason: `encrypted project: ${plain.error.reason}` },
      );
    }
    bytes = plain.value;
  }
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const problems: PartProblem[] = [];
  let listed = listZipEntries(bytes, limits);
  if (!listed.ok && listed.error.kind === 'zip-damaged') {
    // A truncated file has lost its central directory: recover the complete entries before it.
    const scanned = scanLocalEntries(bytes, limits);
    if (scanned.ok && scanned.value.entries.length > 0) {
      problems.push({ part: scanned.value.truncatedAt ?? '(archive)', reason: `the file is damaged or truncated (${listed.error.reason}); ${scanned.value.entries.length} complete parts recovered` });
      listed = ok(scanned.value.entries);
    } else if (!scanned.ok) {
      listed = scanned;
    }
  }
  if (!listed.ok) {
    const e = listed.error;
    return err(
      e.kind === 'zip-refused'
        ? { kind: 'project-refused', path: fileName, reason: `${e.entry === '*' ? '' : `entry "${e.entry}": `}${e.reason}` }
        : { kind: 'project-unreadable', path: fileName, reason: e.reason },
    );
  }
  const raw = new Map<string, Uint8Array>();
  for (const entry of listed.value) {
    const r = await readZipEntryWith(bytes, entry, options.inflateRaw);
    if (r.ok) raw.set(entry.name, r.value);
    else problems.push({ part: entry.name, reason: r.error.reason });
  }

  const manifestBytes = raw.get('manifest.json');
  if (!manifestBytes) return err({ kind: 'project-unreadable', path: fileName, reason: 'manifest.json is missing: not an SPI Workbench project' });
  const manifestJson = parseJson(manifestBytes);
  if (!manifestJson.ok || typeof manifestJson.value !== 'object' || manifestJson.value === null) {
    return err({ kind: 'project-unreadable', path: fileName, reason: `manifest.json: ${manifestJson.ok ? 'not an object' : manifestJson.error}` });
  }
  const rawManifest = manifestJson.value as Record<string, unknown>;
  if (rawManifest.format !== PROJECT_FORMAT) return err({ kind: 'project-unreadable', path: fileName, reason: 'manifest.json: not an SPI Workbench project' });
  const version = Number(rawManifest.formatVersion);
  let readOnly = false;
  let manifestValue: Record<string, unknown> = rawManifest;
  if (version > PROJECT_FORMAT_VERSION) {
    readOnly = true;
    problems.push({ part: 'manifest.json', reason: `format version ${version} is newer than this app reads (${PROJECT_FORMAT_VERSION}): opened read-only, newer parts may be missing` });
  } else {
    const migrated = migrateToCurrent({ manifest: rawManifest, documents: {} }, version);
    if (!migrated) return err({ kind: 'project-unreadable', path: fileName, reason: `manifest.json: format version ${String(rawManifest.formatVersion)} cannot be read` });
    manifestValue = migrated.manifest;
  }
  const manifest = ManifestSchema.safeParse({ ...manifestValue, formatVersion: Math.min(version, PROJECT_FORMAT_VERSION) });
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    return err({ kind: 'project-unreadable', path: fileName, reason: `manifest.json: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}` });
  }

  // Integrity: every listed part must be present with its hash; unlisted entries are ignored.
  const good = new Map<string, Uint8Array>();
  for (const part of manifest.data.parts) {
    const b = raw.get(part.path);
    if (!b) {
      if (!problems.some((p) => p.part === part.path)) problems.push({ part: part.path, reason: 'listed in the manifest but missing from the file' });
      continue;
    }
    const hash = await sha256Hex(b);
    if (hash !== part.sha256 || b.length !== part.bytes) {
      problems.push({ part: part.path, reason: `content does not match the manifest (SHA-256 ${hash.slice(0, 12)}…, expected ${part.sha256.slice(0, 12)}…)` });
      continue;
    }
    good.set(part.path, b);
  }

  const m = manifest.data;
  const project = createProject({ title: m.title, author: m.author, agency: m.agency, analysisCrs: m.analysisCrs, createdAt: m.createdAt, modifiedAt: m.modifiedAt });
  project.datasets = await readDatasets(good, problems, options.resolveReference, options.decodeTables ?? true);
  project.layers = readLayers(good, problems);
  for (const [path, b] of good) {
    const match = /^docs\/(.+)\.json$/.exec(path);
    if (!match) continue;
    const parsed = parseJson(b);
    if (parsed.ok) project.documents[match[1]!] = parsed.value;
    else problems.push({ part: path, reason: parsed.error });
  }
  project.log = readLog(good.get('log.jsonl'), problems);
  return ok({ project, problems, readOnly: readOnly || problems.length > 0, formatVersion: version });
}

async function readDatasets(
  good: Map<string, Uint8Array>,
  problems: PartProblem[],
  resolveReference: ((meta: DatasetMeta) => Promise<Uint8Array | null>) | undefined,
  decode: boolean,
): Promise<ProjectDataset[]> {
  const out: ProjectDataset[] = [];
  for (const [path, b] of good) {
    const match = /^datasets\/([^/]+)\/dataset\.json$/.exec(path);
    if (!match) continue;
    const parsed = parseJson(b);
    const meta = parsed.ok ? DatasetMetaSchema.safeParse(parsed.value) : null;
    if (!meta?.success) {
      problems.push({ part: path, reason: parsed.ok ? `invalid dataset description (${meta?.error.issues[0]?.path.join('.')}: ${meta?.error.issues[0]?.message})` : parsed.error });
      continue;
    }
    const base = `datasets/${match[1]}`;
    const table =
      meta.data.source.storage === 'embedded'
        ? await readTable(good, `${base}/data.parquet`, problems, decode ? undefined : meta.data.rows)
        : await readReferencedTable(meta.data, problems, resolveReference, decode);
    const quarantine = meta.data.hasQuarantine ? await readTable(good, `${base}/quarantine.parquet`, problems, decode ? undefined : -1) : null;
    let quality: unknown = null;
    if (meta.data.hasQuality) {
      const q = good.get(`${base}/quality.json`);
      const qp = q ? parseJson(q) : null;
      if (qp?.ok) quality = qp.value;
      else if (qp && !qp.ok) problems.push({ part: `${base}/quality.json`, reason: qp.error });
    }
    if (table && table.numRows !== meta.data.rows) {
      // A Parquet part that decodes to a different row count than its description is damaged
      // even when its hash matches (a writer re-sealed it): never treat it as intact.
      problems.push({ part: `${base}/data.parquet`, reason: `holds ${table.numRows} rows, its description says ${meta.data.rows}` });
    }
    const parquet = table ? good.get(`${base}/data.parquet`) : undefined;
    out.push({ meta: meta.data, table, quarantine, quality, ...(parquet ? { parquet } : {}) });
  }
  return out.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

/**
 * A dataset saved by reference: its Parquet is read from `source.path` and must still have the
 * SHA-256 recorded at save time; a missing or changed file is a problem naming path and hashes.
 */
async function readReferencedTable(
  meta: DatasetMeta,
  problems: PartProblem[],
  resolve: ((meta: DatasetMeta) => Promise<Uint8Array | null>) | undefined,
  decode: boolean,
): Promise<Table | null> {
  const part = `datasets/${meta.id} (by reference: ${meta.source.path ?? 'no path'})`;
  if (!resolve) {
    problems.push({ part, reason: 'stored by reference; this reader cannot open files by path' });
    return null;
  }
  const bytes = await resolve(meta);
  if (!bytes) {
    problems.push({ part, reason: 'the referenced file is missing' });
    return null;
  }
  const hash = await sha256Hex(bytes);
  if (meta.source.sha256 && hash !== meta.source.sha256) {
    problems.push({ part, reason: `the referenced file has changed (SHA-256 ${hash.slice(0, 12)}…, recorded ${meta.source.sha256.slice(0, 12)}…)` });
    return null;
  }
  if (!decode) {
    const footer = checkParquetFooter(bytes, meta.rows);
    if (footer) problems.push({ part, reason: footer });
    return null;
  }
  const parsed = await decodeParquet(bytes, meta.source.path ?? meta.id);
  if (parsed.ok) return parsed.value;
  problems.push({ part, reason: parsed.error.kind === 'file-format' ? parsed.error.reason : 'unreadable' });
  return null;
}

/**
 * Decodes a Parquet part; with `checkRows` (not decoding) only its footer is read and checked
 * (`checkRows` >= 0: the row count it must state; -1: any) and the result is null.
 */
async function readTable(good: Map<string, Uint8Array>, path: string, problems: PartProblem[], checkRows?: number): Promise<Table | null> {
  const b = good.get(path);
  if (!b) {
    if (!problems.some((p) => p.part === path)) problems.push({ part: path, reason: 'missing' });
    return null;
  }
  if (checkRows !== undefined) {
    const footer = checkParquetFooter(b, checkRows);
    if (footer) problems.push({ part: path, reason: footer });
    return null;
  }
  const parsed = await decodeParquet(b, path);
  if (parsed.ok) return parsed.value;
  problems.push({ part: path, reason: parsed.error.kind === 'file-format' ? parsed.error.reason : 'unreadable' });
  return null;
}

function readLayers(good: Map<string, Uint8Array>, problems: PartProblem[]): ProjectLayer[] {
  const out: ProjectLayer[] = [];
  for (const [path, b] of good) {
    const match = /^layers\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const parsed = parseJson(b);
    const meta = parsed.ok ? LayerMetaSchema.safeParse(parsed.value) : null;
    const geoPath = `layers/${match[1]}.geojson`;
    const geo = good.get(geoPath);
    const geoParsed = geo ? parseJson(geo) : null;
    if (!meta?.success) {
      problems.push({ part: path, reason: parsed.ok ? 'invalid layer description' : parsed.error });
      continue;
    }
    const fc = geoParsed?.ok ? (geoParsed.value as ProjectLayer['geojson']) : null;
    if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
      if (!problems.some((p) => p.part === geoPath)) problems.push({ part: geoPath, reason: geoParsed && !geoParsed.ok ? geoParsed.error : 'not a GeoJSON FeatureCollection' });
      continue;
    }
    out.push({ meta: meta.data, geojson: fc });
  }
  return out.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

function readLog(b: Uint8Array | undefined, problems: PartProblem[]): LogEntry[] {
  if (!b) return [];
  const out: LogEntry[] = [];
  strFromU8(b)
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseJson(line);
      const entry = parsed.ok ? LogEntrySchema.safeParse(parsed.value) : null;
      if (entry?.success) out.push(entry.data);
      else problems.push({ part: 'log.jsonl', reason: `line ${i + 1}: ${parsed.ok ? 'not a log entry' : parsed.error}` });
    });
  return out;
}

function parseJson(input: Uint8Array | string): Result<unknown, string> {
  try {
    return ok(JSON.parse(typeof input === 'string' ? input : strFromU8(input)));
  } catch (e) {
    return err(`invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}
