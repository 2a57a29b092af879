/**
 * The Node side of `HostApi`. Dialogs are injected (main.ts passes Electron's `dialog`; tests pass
 * fakes), so everything here runs and is tested in plain Node.
 */
import { readFile, stat } from 'node:fs/promises';
import nodePath from 'node:path';
import type { AppError } from '../../shared/base/errors';
import { err, ok, type Result } from '../../shared/base/result';
import type { HostApi, HostFile, OpenFilesRequest, SaveFileRequest } from '../../shared/contract/host-api';
import { verifyProjectFile } from './project-file';
import { writeFileAtomic } from './atomic-write';
import type { AutosaveStore } from './autosave-store';
import { toReadError } from './node-errors';
import type { SettingsStore } from './settings-store';

/**
 * Largest file `openFiles` reads: 2 GiB - 1 byte, Node's limit for reading a file into one buffer.
 * Bigger inputs need streaming from disk (the CLI/duckdb path), not the renderer's memory.
 */
export const MAX_OPEN_FILE_BYTES = 2 ** 31 - 1;

/** A file-type filter as the OS dialogs take it: extensions without dots, `*` for all. */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** The two native dialogs, as `electron.dialog` provides them (bound to the window). */
export interface HostDialogs {
  showOpenDialog(options: {
    title?: string;
    filters: DialogFilter[];
    multiple: boolean;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title?: string;
    defaultPath: string;
    filters: DialogFilter[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

/** What `createNodeHost` needs. */
export interface NodeHostDeps {
  dialogs: HostDialogs;
  settings: SettingsStore;
  autosave: AutosaveStore;
  /** Application identity for `getAppInfo` (from `app.getName()`, `app.getVersion()`). */
  app: { name: string; version: string; platform: string };
  /** Folder the save dialog starts in (e.g. the user's Documents); default: the OS's choice. */
  defaultSaveDirectory?: string;
  /** Override of `MAX_OPEN_FILE_BYTES` (tests). */
  maxOpenFileBytes?: number;
}

/** Bytes as "1.5 GiB" / "12.0 MiB" / "900 bytes", for messages. */
export function formatByteSize(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = 'bytes';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${unit}`;
}

/** Filters cleaned for the OS dialog: leading dots dropped from extensions, empty ones removed. */
export function toDialogFilters(filters: readonly DialogFilter[] | undefined): DialogFilter[] {
  return (filters ?? [])
    .map((f) => ({ name: f.name, extensions: f.extensions.map((e) => e.replace(/^\.+/, '')).filter((e) => e !== '') }))
    .filter((f) => f.extensions.length > 0);
}

/**
 * A file name safe to propose in a save dialog on every OS: only the last path component of
 * `suggested`, with control characters and `<>:"/\|?*` replaced by `_`; never empty.
 */
export function safeFileName(suggested: string): string {
  const last = suggested.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'untitled' : cleaned;
}

/** A Uint8Array that owns exactly its bytes (a pooled or offset Buffer would ship extra bytes over IPC). */
function ownBytes(buf: Uint8Array): Uint8Array {
  return buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength
    ? new Uint8Array(buf.buffer, 0, buf.byteLength)
    : buf.slice();
}

/**
 * Reads one chosen file. Refuses folders and files over `maxBytes` with an error naming the file
 * and its size, before reading anything.
 */
export async function readChosenFile(path: string, maxBytes: number = MAX_OPEN_FILE_BYTES): Promise<Result<HostFile, AppError>> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return err({ kind: 'file-unreadable', path, reason: 'it is not a regular file' });
    if (info.size > maxBytes) {
      return err({
        kind: 'file-unreadable',
        path,
        reason: `${nodePath.basename(path)} is ${formatByteSize(info.size)}; files of ${formatByteSize(maxBytes + 1)} or more cannot be opened`,
      });
    }
    const bytes = ownBytes(await readFile(path));
    return ok({ name: nodePath.basename(path), path, size: bytes.byteLength, bytes });
  } catch (e) {
    return err(toReadError(path, e));
  }
}

/**
 * The Node implementation of `HostApi`:
 * - `openFiles`: open dialog, then every chosen file's bytes (first failure wins, naming the
 *   file); cancel resolves to `[]`; with `multiple: false` only the first path is read;
 * - `saveFile`: save dialog proposing `safeFileName(suggestedName)`, then an atomic write that
 *   keeps `<name>.bak`; cancel resolves to `{saved:false, path:null}`;
 * - recent projects and autosave delegate to the stores.
 * Methods never throw for expected failures; the IPC envelope catches the unexpected.
 */
export function createNodeHost(deps: NodeHostDeps): HostApi {
  const maxBytes = deps.maxOpenFileBytes ?? MAX_OPEN_FILE_BYTES;
  return {
    async getAppInfo() {
      return ok({ name: deps.app.name, version: deps.app.version, host: 'electron', platform: deps.app.platform, network: 'none' });
    },

    async openFiles(request: OpenFilesRequest) {
      const multiple = request.multiple ?? false;
      const choice = await deps.dialogs.showOpenDialog({
        ...(request.title !== undefined ? { title: request.title } : {}),
        filters: toDialogFilters(request.filters),
        multiple,
      });
      if (choice.canceled) return ok([]);
      const paths = multiple ? choice.filePaths : choice.filePaths.slice(0, 1);
      const files: HostFile[] = [];
      for (const path of paths) {
        const file = await readChosenFile(path, maxBytes);
        if (!file.ok) return file;
        files.push(file.value);
      }
      return ok(files);
    },

    async saveFile(request: SaveFileRequest) {
      const name = safeFileName(request.suggestedName);
      const choice = await deps.dialogs.showSaveDialog({
        defaultPath: deps.defaultSaveDirectory !== undefined ? nodePath.join(deps.defaultSaveDirectory, name) : name,
        filters: toDialogFilters(request.filters),
      });
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return ok({ saved: false, path: null });
      // Project files are read back and checked (manifest and every part's hash) before they
      // replace the previous version.
      const verify = choice.filePath.toLowerCase().endsWith('.spiproj') ? verifyProjectFile : undefined;
      const written = await writeFileAtomic(choice.filePath, request.bytes, verify ? { verify } : {});
      return written.ok ? ok({ saved: true, path: choice.filePath }) : written;
    },

    listRecentProjects: () => deps.settings.listRecentProjects(),
    addRecentProject: (project) => deps.settings.addRecentProject(project),
    async openRecentProject(project) {
      const recent = await deps.settings.listRecentProjects();
      if (!recent.ok) return recent;
      const known = project.path !== null && recent.value.some((p) => p.path === project.path);
      if (!known) return err({ kind: 'denied', what: project.name, reason: 'not on the recent projects list' });
      return readChosenFile(project.path!, maxBytes);
    },
    putAutosave: (entry) => deps.autosave.put(entry),
    getAutosave: (key) => deps.autosave.get(key),
  };
}
