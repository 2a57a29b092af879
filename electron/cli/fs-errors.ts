/**
 * Plain words for a file-system error a verb hit while writing (a read-only, protected, full or
 * missing folder), naming the analyst's file or folder rather than a temporary name.
 */
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode } from '../services/node-errors';

const REASONS: Readonly<Record<string, string>> = {
  EROFS: 'the disk is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
};

/**
 * A temporary name shown as the file it stands for: `.<name>.<pid>.<hex>.tmp` (atomic-write.ts,
 * ingest-outputs.ts) and `<name>.<pid>.tmp` (export-map.ts) become `<name>`; other names stay.
 */
export function withoutTempName(file: string): string {
  return file.replace(/(^|[\\/])\.?([^\\/]+?)\.\d+(?:\.[0-9a-f]+)?\.tmp$/, '$1$2');
}

/**
 * Why writing at `target` failed with `thrown`, in plain words. A recursive mkdir on a read-only
 * disk reports ENOENT for the folder it could not make (Node's mkdir -p), so for ENOENT the
 * nearest folder that exists is probed for writing: its EROFS/EACCES is the real reason.
 * Returns null when `thrown` is not a file-system error this knows.
 */
export async function writeFailureReason(target: string, thrown: unknown): Promise<string | null> {
  const code = errnoCode(thrown);
  if (code === undefined || !(code in REASONS)) return null;
  if (code === 'ENOENT') {
    let dir = path.dirname(path.resolve(target));
    while (!(await stat(dir).then((s) => s.isDirectory(), () => false)) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const probe = await access(dir, constants.W_OK).then(() => null, (e: unknown) => errnoCode(e));
    if (probe && probe in REASONS) return REASONS[probe]!;
  }
  return REASONS[code]!;
}

/**
 * `<file>: <reason>` for a Node file-system error that carries its `path` (what fs calls throw),
 * the file shown without a temporary name; null for anything else.
 */
export async function describeFileSystemError(thrown: unknown): Promise<string | null> {
  const file = thrown instanceof Error ? (thrown as Error & { path?: unknown }).path : undefined;
  if (typeof file !== 'string') return null;
  const reason = await writeFailureReason(file, thrown);
  return reason === null ? null : `${withoutTempName(file)}: ${reason}`;
}

/**
 * Why nothing can be written into folder `dir` (or into the nearest folder above it that exists,
 * where a missing `dir` would be made), or null if it is writable. Checked with access(W_OK),
 * which honours a read-only mount even for root. A verb calls this before long work, so a
 * read-only destination is reported at once rather than after the import.
 */
export async function folderWriteProblem(dir: string): Promise<string | null> {
  let existing = path.resolve(dir);
  while (!(await stat(existing).then((s) => s.isDirectory(), () => false)) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const code = await access(existing, constants.W_OK).then(() => null, (e: unknown) => errnoCode(e) ?? 'EACCES');
  return code === null ? null : (REASONS[code] ?? code);
}
