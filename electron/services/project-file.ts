import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import type { AppError } from '../../shared/base/errors';
import type { DatasetMeta } from '../../shared/domain/project/manifest';
import { err, ok, type Result } from '../../shared/base/result';
import { readProject, type OpenedProject } from '../../shared/domain/project/read-project';
import { isEncryptedProject, parseEncryptionEnvelope } from '../../shared/domain/project/encryption';
import { writeProject } from '../../shared/domain/project/write-project';
import type { Project } from '../../shared/domain/project/project';
import { writeFileAtomic } from './atomic-write';

/**
 * Saves a project safely: serialize, write a temporary file beside the target and fsync it, read
 * it back and verify the manifest and every part's hash, keep the previous file as `.bak`, then
 * rename over the target. A crash at any point leaves the old or the new file whole.
 */
export async function saveProjectFile(project: Project, target: string, appVersion: string): Promise<Result<{ bytes: number }, AppError>> {
  const bytes = await writeProject(project, { appVersion });
  const written = await writeFileAtomic(target, bytes, { verify: verifyProjectFile });
  return written.ok ? ok({ bytes: bytes.length }) : written;
}

/**
 * Reads a just-written project file back and checks its manifest, every part's hash and schema,
 * and each Parquet part's footer and row count (tables are not decoded again).
 */
export async function verifyProjectFile(path: string): Promise<Result<void, AppError>> {
  const bytes = new Uint8Array(await readFile(path));
  if (isEncryptedProject(bytes)) {
    // Without the passphrase only the envelope can be checked; AES-GCM authenticates the rest
    // when the file is opened.
    const envelope = parseEncryptionEnvelope(bytes);
    return envelope.ok ? ok(undefined) : err({ kind: 'io', path, message: `verification failed: ${envelope.error.reason}` });
  }
  // Hashes, schemas and Parquet footers (row counts): the bytes are the ones just written, so
  // decoding every table again (seconds at a million rows) would prove nothing more.
  const opened = await readProject(bytes, path, { resolveReference: readReferencedFile, decodeTables: false, inflateRaw: inflateWithZlib });
  if (!opened.ok) return err({ kind: 'io', path, message: `verification failed: ${opened.error.reason}` });
  const problem = opened.value.problems[0];
  return problem ? err({ kind: 'io', path, message: `verification failed: ${problem.part}: ${problem.reason}` }) : ok(undefined);
}

/** Opens a `.spiproj` from disk; a missing or unreadable file is an AppError naming it. */
export async function openProjectFile(path: string): Promise<Result<OpenedProject, AppError>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as { code?: string }).code;
    return err(code === 'ENOENT' ? { kind: 'file-not-found', path } : { kind: 'file-unreadable', path, reason: code ?? String(e) });
  }
  const opened = await readProject(bytes, path, { resolveReference: readReferencedFile, inflateRaw: inflateWithZlib });
  if (!opened.ok) return err({ kind: 'file-format', path, reason: opened.error.reason });
  return opened;
}

const inflateRawAsync = promisify(inflateRaw);

/**
 * Node's zlib for deflated project parts: native and off the main thread (libuv pool), several
 * times faster than fflate. `maxOutputLength` stops a part that inflates past its declared size.
 */
export async function inflateWithZlib(data: Uint8Array, size: number): Promise<Uint8Array> {
  const out = await inflateRawAsync(data, { maxOutputLength: Math.max(1, size) });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Datasets saved by reference are read from the absolute path recorded at save time. */
async function readReferencedFile(meta: DatasetMeta): Promise<Uint8Array | null> {
  if (!meta.source.path) return null;
  try {
    return new Uint8Array(await readFile(meta.source.path));
  } catch {
    return null;
  }
}

/** One line per problem, for the CLI and logs. */
export function describeOpenProblems(opened: OpenedProject): string[] {
  return opened.problems.map((p) => `${p.part}: ${p.reason}`);
}

