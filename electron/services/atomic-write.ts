/**
 * Crash-safe file replacement: the target is either its old bytes or its new bytes, never a
 * half-written mix, even if the app or the machine dies mid-save.
 */
import * as fsp from 'node:fs/promises';
import nodePath from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppError } from '../../shared/base/errors';
import { err, ok, type Result } from '../../shared/base/result';
import { errnoCode, toWriteError } from './node-errors';

/** The parts of an open file handle the writer uses. */
export interface AtomicFileHandle {
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls the writer uses; injectable so tests can make any step fail. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; mtimeMs: number; isFile(): boolean }>;
  /** Names in a folder; used only to clean up temporary files that a killed save left behind. */
  readdir?(path: string): Promise<string[]>;
}

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Keep the replaced version as `<name>.bak` beside the target. Default true. */
  keepBackup?: boolean;
  /** File system to use; default node:fs/promises. */
  fs?: AtomicFs;
  /** Platform rules (rename retries, directory fsync); default `process.platform`. */
  platform?: NodeJS.Platform;
  /**
   * Checks the written temporary file (read back from disk) before it replaces the target; a
   * failure aborts the save and leaves the target untouched. Project saves verify the manifest
   * and every part's hash here.
   */
  verify?: (tempPath: string) => Promise<Result<void, AppError>>;
  /**
   * After a successful save, remove temporary files of the same target (and of its `.bak`) that
   * a killed save left behind (see {@link findStaleTempFiles}). Default true; best effort.
   */
  cleanStaleTemps?: boolean;
}

const nodeFs: AtomicFs = fsp as unknown as AtomicFs;

/** Path of the backup kept for `target`. */
export function backupPathFor(target: string): string {
  return `${target}.bak`;
}

/**
 * A temporary name in the target's own folder (same file system, so rename is atomic):
 * `.<name>.<pid>.<12 hex>.tmp`. The pid lets a later save tell a dead writer's leftovers apart.
 */
function tempPathFor(target: string): string {
  const dir = nodePath.dirname(target);
  return nodePath.join(dir, `.${nodePath.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Escapes a file name for use inside a RegExp. */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when a process with this id exists on this machine (EPERM: it exists, owned by another user). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

/** When this process started, in epoch milliseconds. */
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

/**
 * Temporary files of `target` (and of its `.bak`) that a save killed mid-way left behind, from
 * the folder listing `names`: a name is stale when it has the exact temp pattern for this target
 * (`.<name>.<pid>.<12 hex>.tmp` or `.<name>.bak.<pid>.<12 hex>.tmp`), its writer `pid` is not this
 * process and no longer runs (`isAlive(pid)` false), and the file is older than this process
 * (`mtimeMs < startedMs`). A live writer (another app window or the CLI saving the same file) is
 * never touched; a dead writer's pid reused by an unrelated process only delays the clean-up.
 */
export function findStaleTempFiles(
  target: string,
  names: readonly string[],
  mtimeOf: (name: string) => number | null,
  { pid = process.pid, startedMs = PROCESS_STARTED_MS, isAlive = processExists }: { pid?: number; startedMs?: number; isAlive?: (pid: number) => boolean } = {},
): string[] {
  const base = escapeRegExp(nodePath.basename(target));
  const pattern = new RegExp(`^\\.${base}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]{12}\\.tmp$`);
  return names.filter((name) => {
    const m = pattern.exec(name);
    if (!m) return false;
    const writer = Number(m[1]);
    if (writer === pid || isAlive(writer)) return false;
    const mtime = mtimeOf(name);
    return mtime !== null && mtime < startedMs;
  });
}

/** Removes stale temporary files beside `target` (best effort: a failure changes nothing). */
async function removeStaleTemps(fs: AtomicFs, target: string): Promise<void> {
  if (!fs.readdir) return;
  const dir = nodePath.dirname(target);
  try {
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'));
    const mtimes = new Map<string, number>();
    for (const name of names) {
      const info = await fs.stat(nodePath.join(dir, name)).catch(() => null);
      if (info?.isFile()) mtimes.set(name, info.mtimeMs);
    }
    for (const name of findStaleTempFiles(target, names, (n) => mtimes.get(n) ?? null)) {
      await fs.rm(nodePath.join(dir, name), { force: true }).catch(() => undefined);
    }
  } catch {
    // best effort: leftovers are harmless and the next save tries again
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * rename(), retried briefly on Windows where a virus scanner or indexer may hold the target open
 * for a moment (EPERM/EACCES/EBUSY); elsewhere a single attempt.
 */
async function renameWithRetry(fs: AtomicFs, from: string, to: string, platform: NodeJS.Platform): Promise<void> {
  const attempts = platform === 'win32' ? 8 : 1;
  for (let i = 1; ; i++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const transient = ['EPERM', 'EACCES', 'EBUSY'].includes(errnoCode(e) ?? '');
      if (!transient || i >= attempts) throw e;
      await sleep(25 * 2 ** i);
    }
  }
}

/**
 * Makes `<target>.bak` hold the current target: a hard link (instant), else a copy, made under a
 * temporary name and renamed over the old `.bak`. So a kill at any moment leaves the `.bak`
 * either the previous backup or a whole copy of the current file, never a partial copy.
 */
async function makeBackup(fs: AtomicFs, target: string, platform: NodeJS.Platform): Promise<void> {
  const bak = backupPathFor(target);
  const temp = tempPathFor(bak);
  try {
    try {
      await fs.link(target, temp);
    } catch {
      // FAT, some network shares and some sandboxes have no hard links.
      await fs.copyFile(target, temp);
    }
    await renameWithRetry(fs, temp, bak, platform);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * Flushes the folder entry so the rename itself survives a power cut (POSIX). Best effort:
 * Windows cannot open a folder this way and some file systems refuse fsync on one.
 */
async function syncDirectory(fs: AtomicFs, dir: string, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'win32') return;
  let handle: AtomicFileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort (see above)
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Writes `bytes` to `target` atomically:
 * 1. write a temporary file in the same folder and fsync it (new file, never an existing one);
 *    then, with `verify`, check it as read back from disk;
 * 2. if the target exists and `keepBackup`, make `<target>.bak` a copy of it (old `.bak` replaced);
 * 3. rename the temporary file over the target (atomic on one file system), then fsync the folder.
 * The new file keeps the permission bits of the file it replaces (new files: 0o666 & ~umask).
 * After success, temporary files that earlier killed saves of this target left are removed
 * (`cleanStaleTemps`). On any failure the temporary file is removed, the target is left exactly
 * as it was, and the result is `{kind:'io', path: target}` saying why. Never throws.
 */
export async function writeFileAtomic(
  target: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<Result<void, AppError>> {
  const fs = options.fs ?? nodeFs;
  const platform = options.platform ?? process.platform;
  const keepBackup = options.keepBackup ?? true;
  const temp = tempPathFor(target);
  let tempCreated = false;
  try {
    const existing = await fs.stat(target).catch((e: unknown) => {
      if (errnoCode(e) === 'ENOENT') return null;
      throw e;
    });
    if (existing !== null && !existing.isFile()) {
      return err({ kind: 'io', path: target, message: 'cannot save: it is a folder or device, not a file' });
    }
    const mode = existing !== null ? existing.mode & 0o777 : 0o666;
    const handle = await fs.open(temp, 'wx', mode);
    tempCreated = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.verify) {
      const verified = await options.verify(temp);
      if (!verified.ok) {
        await fs.rm(temp, { force: true }).catch(() => undefined);
        tempCreated = false;
        return verified;
      }
    }
    if (existing !== null && keepBackup) await makeBackup(fs, target, platform);
    await renameWithRetry(fs, temp, target, platform);
    tempCreated = false;
    await syncDirectory(fs, nodePath.dirname(target), platform);
    if (options.cleanStaleTemps ?? true) await removeStaleTemps(fs, target);
    return ok(undefined);
  } catch (e) {
    if (tempCreated) await fs.rm(temp, { force: true }).catch(() => undefined);
    return err(toWriteError(target, e));
  }
}
