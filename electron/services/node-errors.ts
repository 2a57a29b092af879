/**
 * Node's file-system errors turned into the app's `AppError` values, naming the file.
 */
import type { AppError } from '../../shared/base/errors';

/** The `code` of a Node system error (`ENOENT`, `EACCES`, ...), or undefined. */
export function errnoCode(thrown: unknown): string | undefined {
  if (thrown !== null && typeof thrown === 'object' && 'code' in thrown) {
    const code = (thrown as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The message of anything thrown. */
export function thrownMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Plain words for the common error codes; falls back to Node's message. */
function reasonFor(thrown: unknown): string {
  switch (errnoCode(thrown)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EBUSY':
      return 'the file is in use by another program';
    default:
      return thrownMessage(thrown);
  }
}

/** A failed read of `path`: `file-not-found` for ENOENT/ENOTDIR, else `file-unreadable`. */
export function toReadError(path: string, thrown: unknown): AppError {
  const code = errnoCode(thrown);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'file-not-found', path };
  return { kind: 'file-unreadable', path, reason: reasonFor(thrown) };
}

/** A failed write of `path`, as an `io` error whose message says what went wrong. */
export function toWriteError(path: string, thrown: unknown): AppError {
  return { kind: 'io', path, message: `cannot save: ${reasonFor(thrown)}` };
}
