import { z } from '../base/schema';
import type { AppError } from '../base/errors';
import type { Result } from '../base/result';
import type { HOST_METHODS } from './channels';

/**
 * THE interface between the app (renderer) and its host. Two real hosts implement it:
 * - Electron (`electron/main` registers one IPC handler per method; `electron/preload` exposes
 *   them; `renderer/platform/electron-host.ts` calls them), and
 * - the plain browser (`renderer/platform/browser-host.ts`: File API, downloads, IndexedDB).
 * Every method resolves to a Result: nothing but plain JSON-like values crosses IPC.
 */
export interface HostApi {
  /** Identity and guarantees of the host (the network statement is shown in the About box). */
  getAppInfo(): Promise<Result<AppInfo, AppError>>;
  /** Asks the user for files; resolves to an empty list when the dialog is cancelled. */
  openFiles(request: OpenFilesRequest): Promise<Result<HostFile[], AppError>>;
  /**
   * Saves bytes where the user chooses (Electron: save dialog then atomic write via a temporary
   * file and rename; browser: a download). Resolves to `{saved:false}` when cancelled.
   */
  saveFile(request: SaveFileRequest): Promise<Result<SaveFileResponse, AppError>>;
  /** Most recent first, at most 10. */
  listRecentProjects(): Promise<Result<RecentProject[], AppError>>;
  /** Adds or moves a project to the top of the recent list. */
  addRecentProject(project: RecentProject): Promise<Result<RecentProject[], AppError>>;
  /**
   * Reads a project from the recent list again. Only paths on the recent list are read (the
   * renderer cannot ask for arbitrary files); the browser build has no paths and says so.
   */
  openRecentProject(project: RecentProject): Promise<Result<HostFile, AppError>>;
  /** Stores unsaved work under a key in the app's own data area (autosave, crash recovery). */
  putAutosave(request: AutosaveEntry): Promise<Result<void, AppError>>;
  /** Reads an autosave back; `null` when there is none. */
  getAutosave(key: string): Promise<Result<AutosaveEntry | null, AppError>>;
}

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  /** Always 'none': the app never opens a network connection. */
  network: z.literal('none'),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const FileFilterSchema = z.object({ name: z.string().max(200), extensions: z.array(z.string().max(20)).max(50) });
export const OpenFilesRequestSchema = z.object({
  title: z.string().max(200).optional(),
  filters: z.array(FileFilterSchema).max(20).default([]),
  multiple: z.boolean().default(false),
});
export type OpenFilesRequest = z.input<typeof OpenFilesRequestSchema>;

/** A file the user picked: its name, the path where the host knows one, and its bytes. */
export interface HostFile {
  name: string;
  path: string | null;
  size: number;
  bytes: Uint8Array;
}

export const SaveFileRequestSchema = z.object({
  suggestedName: z.string().min(1).max(255),
  bytes: z.instanceof(Uint8Array),
  filters: z.array(FileFilterSchema).max(20).default([]),
});
export type SaveFileRequest = z.input<typeof SaveFileRequestSchema>;
export interface SaveFileResponse {
  saved: boolean;
  path: string | null;
}

export const RecentProjectSchema = z.object({
  name: z.string().min(1).max(255),
  path: z.string().max(4096).nullable(),
  openedAt: z.string().max(40),
});
export type RecentProject = z.infer<typeof RecentProjectSchema>;

export const AutosaveEntrySchema = z.object({
  key: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
  savedAt: z.string().max(40),
  bytes: z.instanceof(Uint8Array),
});
export type AutosaveEntry = z.infer<typeof AutosaveEntrySchema>;

/**
 * One schema per method for the single argument it takes (or `z.tuple([])` for none). The
 * Electron main process validates every IPC call's arguments against these before acting.
 */
export const HOST_ARG_SCHEMAS = {
  getAppInfo: z.tuple([]),
  openFiles: z.tuple([OpenFilesRequestSchema]),
  saveFile: z.tuple([SaveFileRequestSchema]),
  listRecentProjects: z.tuple([]),
  addRecentProject: z.tuple([RecentProjectSchema]),
  openRecentProject: z.tuple([RecentProjectSchema]),
  putAutosave: z.tuple([AutosaveEntrySchema]),
  getAutosave: z.tuple([z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/)]),
} as const satisfies { [K in keyof HostApi]: z.ZodType<Parameters<HostApi[K]>> | z.ZodTypeAny };

export { HOST_BRIDGE_GLOBAL, HOST_METHODS, hostChannel, type HostMethod } from './channels';

/** Compile-time proof that the zod-free method list in ./channels names exactly HostApi's keys. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodsMatch: Same<(typeof HOST_METHODS)[number], keyof HostApi> = true;
void methodsMatch;
