/**
 * What `spi ingest` writes and how: every output through a temporary file renamed into place
 * (a kill or a full disk never leaves a half-written file), and the sensitive columns of the
 * imported table (sensitive.json).
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatAppError, messageOf, type AppError } from '../../../shared/base/errors';
import { NORMALIZED_COLUMNS } from '../../../shared/domain/ingest/assemble-sql';
import { writeTableAsCsv } from '../../../shared/domain/ingest/csv-write';
import { writeTableAsParquet } from '../../../shared/domain/ingest/parquet-write';
import type { ByteSink } from '../../../shared/domain/ingest/source';
import type { IngestSummary } from '../../../shared/domain/ingest/summary';
import { sensitiveTableColumns, type SensitiveColumn } from '../../../shared/domain/privacy/sensitive';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { findStaleTempFiles } from '../../services/atomic-write';
import { errnoCode, toWriteError } from '../../services/node-errors';
import { applySensitiveOverrides, detectTableSensitive } from './sensitive-cli';

/** Opens a file for writing; injectable so tests can make writes fail (a full disk). */
export type OpenForWrite = (file: string) => Promise<{ write(bytes: Uint8Array): Promise<unknown>; sync(): Promise<void>; close(): Promise<void> }>;

/** A write of an output that failed: the file named, the previous version left in place. */
export class OutputWriteError extends Error {
  constructor(readonly error: AppError) {
    super(formatAppError(error));
  }
}

/**
 * Writes through a temporary file in the target's folder, fsynced, then renamed into place: a
 * kill or a full disk at any moment leaves the previous file (or none) and never a half-written
 * one. A failure removes the temporary file and throws {@link OutputWriteError} naming `target`.
 */
export async function writeAtomically(target: string, write: (sink: ByteSink) => Promise<void>, openFile: OpenForWrite = (f) => open(f, 'wx')): Promise<void> {
  // The pattern atomic-write.ts uses, so a later write can tell a killed writer's leftovers apart.
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<OpenForWrite>> | null = null;
  try {
    handle = await openFile(temp);
    const h = handle;
    await write({ write: async (bytes) => void (await h.write(bytes)) });
    await h.sync();
    await h.close();
    handle = null;
    await rename(temp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    if (e instanceof OutputWriteError) throw e;
    throw new OutputWriteError(errnoCode(e) ? toWriteError(target, e) : { kind: 'io', path: target, message: `cannot save: ${messageOf(e)}` });
  }
  await removeStaleTemps(target);
}

/** Removes temporary files of `target` that killed writers left (best effort; see findStaleTempFiles). */
async function removeStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.tmp'));
  const mtimes = new Map<string, number>();
  for (const n of names) {
    const info = await stat(path.join(dir, n)).catch(() => null);
    if (info) mtimes.set(n, info.mtimeMs);
  }
  for (const n of findStaleTempFiles(target, names, (x) => mtimes.get(x) ?? null)) await rm(path.join(dir, n), { force: true }).catch(() => undefined);
}

/** Where `spi ingest` writes, by output. */
export interface IngestOutputs {
  parquet: string;
  quality: string;
  quarantine: string;
  mapping: string;
  sensitive: string;
}

/**
 * Writes the outputs of an import to `outDir` (each atomically, see {@link writeAtomically}):
 * `<name>.parquet`, quarantine.csv, quality.json (with the CRS pair), mapping.json and
 * sensitive.json ({columns, detected}). `name` defaults to the table's name.
 */
export async function writeIngestOutputs(
  engine: SqlEngine,
  result: { table: string; quarantineTable: string; summary: IngestSummary },
  sensitive: { columns: readonly string[]; detected: readonly SensitiveColumn[] },
  outDir: string,
  name: string = result.table,
  openFile?: OpenForWrite,
  onRows?: (rows: number) => void,
): Promise<IngestOutputs> {
  const { table, quarantineTable, summary } = result;
  const outputs: IngestOutputs = {
    parquet: path.join(outDir, `${name}.parquet`),
    quality: path.join(outDir, 'quality.json'),
    quarantine: path.join(outDir, 'quarantine.csv'),
    mapping: path.join(outDir, 'mapping.json'),
    sensitive: path.join(outDir, 'sensitive.json'),
  };
  await writeAtomically(outputs.parquet, async (sink) => {
    const w = await writeTableAsParquet(engine, table, sink, onRows ? { onRows } : {});
    if (!w.ok) throw new Error(formatAppError(w.error));
  }, openFile);
  await writeAtomically(outputs.quarantine, async (sink) => {
    const w = await writeTableAsCsv(engine, quarantineTable, sink, { orderBy: 'source_row' });
    if (!w.ok) throw new Error(formatAppError(w.error));
  }, openFile);
  const encoder = new TextEncoder();
  const json = (value: unknown) => async (sink: ByteSink) => sink.write(encoder.encode(`${JSON.stringify(value, null, 2)}\n`));
  // quality.json also records the CRS pair, so `spi project create --from` and the analysis
  // verbs know the analysis CRS of the Parquet's x/y columns.
  await writeAtomically(outputs.quality, json({ ...summary.quality, crs: { source: summary.source_crs?.code ?? null, analysis: summary.analysis_crs?.code ?? null } }), openFile);
  await writeAtomically(outputs.mapping, json(summary.mapping), openFile);
  await writeAtomically(outputs.sensitive, json({ columns: sensitive.columns, detected: sensitive.detected }), openFile);
  return outputs;
}

/**
 * The sensitive columns of an imported table: detected (names; values of the first rows for
 * columns without an analysis role), carried to the normalized columns their roles fill, then
 * the analyst's `--sensitive` / `--not-sensitive`.
 */
export async function sensitiveOfImport(engine: SqlEngine, table: string, roles: Readonly<Partial<Record<string, string>>>, add: readonly string[] = [], remove: readonly string[] = []): Promise<{ columns: string[]; detected: SensitiveColumn[] }> {
  const mapped = Object.values(roles).filter((c): c is string => typeof c === 'string');
  const exclude = new Set([...NORMALIZED_COLUMNS, ...mapped, ...mapped.map((c) => `${c}_original`)]);
  const detected = await detectTableSensitive(engine, table, exclude);
  const r = await engine.query(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`);
  const columns = r.ok ? r.value.schema.fields.map((f) => f.name) : [];
  const marked = sensitiveTableColumns(columns, detected.map((d) => d.column), roles);
  return { columns: applySensitiveOverrides(marked, columns, add, remove), detected };
}
