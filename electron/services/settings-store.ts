/**
 * The app's own settings (today: the recent-projects list) as one JSON file in the user-data
 * folder. Tolerant by design: a corrupt file is set aside, never a reason not to start.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import nodePath from 'node:path';
import type { AppError } from '../../shared/base/errors';
import { err, ok, type Result } from '../../shared/base/result';
import { RecentProjectSchema, type RecentProject } from '../../shared/contract/host-api';
import { writeFileAtomic } from './atomic-write';
import { errnoCode, toReadError } from './node-errors';

/** At most this many recent projects are kept. */
export const MAX_RECENT_PROJECTS = 10;
/** File name of the settings inside the user-data folder. */
export const SETTINGS_FILE_NAME = 'settings.json';
/** Version of the settings layout written by this code. */
const SETTINGS_VERSION = 1;

/** Everything the settings file holds. */
export interface Settings {
  recentProjects: RecentProject[];
}

/** Options of `createSettingsStore`. */
export interface SettingsStoreOptions {
  /** Clock for the `settings.json.corrupt-<time>` name; default `new Date()`. */
  now?: () => Date;
  /** Platform rules for comparing paths (case-insensitive on win32/darwin); default process.platform. */
  platform?: NodeJS.Platform;
  /** Called when a corrupt file was set aside (main.ts logs it). */
  onCorrupt?: (corruptCopy: string, reason: string) => void;
}

/** The settings store: reads once, then serves from memory; writes go through atomic writes. */
export interface SettingsStore {
  /** Current settings (loads the file on first use). */
  read(): Promise<Result<Settings, AppError>>;
  /** Recent projects, most recent first. */
  listRecentProjects(): Promise<Result<RecentProject[], AppError>>;
  /** Puts `project` on top of the list (moving it if already there) and saves; returns the list. */
  addRecentProject(project: RecentProject): Promise<Result<RecentProject[], AppError>>;
}

/** A timestamp usable in a file name on every OS (`2024-05-01T12-30-00-000Z`: no colons). */
export function fileSafeTimestamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/** True when two recent entries denote the same project: same path, or same name if unsaved. */
export function isSameProject(a: RecentProject, b: RecentProject, platform: NodeJS.Platform): boolean {
  if (a.path === null || b.path === null) return a.path === b.path && a.name === b.name;
  const norm = (p: string): string => {
    const n = nodePath.normalize(p);
    return platform === 'win32' || platform === 'darwin' ? n.toLowerCase() : n;
  };
  return norm(a.path) === norm(b.path);
}

/**
 * Returns a new list with `project` first, every other entry for the same project removed, and
 * at most `MAX_RECENT_PROJECTS` entries. Pure: the input list is not changed.
 */
export function withRecentProject(
  list: readonly RecentProject[],
  project: RecentProject,
  platform: NodeJS.Platform = process.platform,
): RecentProject[] {
  return [project, ...list.filter((p) => !isSameProject(p, project, platform))].slice(0, MAX_RECENT_PROJECTS);
}

/**
 * Parses the text of a settings file. Unparseable JSON or a non-object is an error (the caller
 * sets the file aside); inside a valid object, invalid recent entries are dropped one by one and
 * the list is cut to `MAX_RECENT_PROJECTS`, so one bad entry never costs the others.
 */
export function parseSettings(text: string): Result<Settings, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return err('not a JSON object');
  const list = (raw as { recentProjects?: unknown }).recentProjects;
  const recentProjects: RecentProject[] = [];
  if (Array.isArray(list)) {
    for (const item of list) {
      const parsed = RecentProjectSchema.safeParse(item);
      if (parsed.success) recentProjects.push(parsed.data);
    }
  }
  return ok({ recentProjects: recentProjects.slice(0, MAX_RECENT_PROJECTS) });
}

/** The JSON text written for `settings` (versioned, pretty for a human looking at it). */
export function serializeSettings(settings: Settings): string {
  return `${JSON.stringify({ version: SETTINGS_VERSION, ...settings }, null, 2)}\n`;
}

/**
 * A settings store over `<dir>/settings.json`. A missing file means defaults. A corrupt one is
 * renamed to `settings.json.corrupt-<time>` (kept for a support look) and the store starts fresh.
 * Writes are serialised in call order, so two quick `addRecentProject` calls never lose one.
 */
export function createSettingsStore(dir: string, options: SettingsStoreOptions = {}): SettingsStore {
  const file = nodePath.join(dir, SETTINGS_FILE_NAME);
  const now = options.now ?? (() => new Date());
  const platform = options.platform ?? process.platform;
  let cache: Settings | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Result<Settings, AppError>> {
    if (cache !== null) return ok(cache);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') return err(toReadError(file, e));
      cache = { recentProjects: [] };
      return ok(cache);
    }
    const parsed = parseSettings(text);
    if (parsed.ok) {
      cache = parsed.value;
      return ok(cache);
    }
    const corruptCopy = `${file}.corrupt-${fileSafeTimestamp(now())}`;
    try {
      await rename(file, corruptCopy);
    } catch (e) {
      return err({ kind: 'io', path: file, message: `corrupt settings could not be set aside: ${String(e)}` });
    }
    options.onCorrupt?.(corruptCopy, parsed.error);
    cache = { recentProjects: [] };
    return ok(cache);
  }

  /** Runs `task` after every earlier task has finished (success or failure). */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    read: () => serial(load),
    async listRecentProjects() {
      const s = await serial(load);
      return s.ok ? ok([...s.value.recentProjects]) : s;
    },
    addRecentProject(project) {
      return serial(async () => {
        const s = await load();
        if (!s.ok) return s;
        const next: Settings = { ...s.value, recentProjects: withRecentProject(s.value.recentProjects, project, platform) };
        try {
          await mkdir(dir, { recursive: true });
        } catch (e) {
          return err({ kind: 'io', path: dir, message: `cannot create the settings folder: ${String(e)}` });
        }
        const written = await writeFileAtomic(file, new TextEncoder().encode(serializeSettings(next)));
        if (!written.ok) return written;
        cache = next;
        return ok([...next.recentProjects]);
      });
    },
  };
}
