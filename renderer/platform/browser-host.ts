import { messageOf } from '../../shared/base/errors';
import { err, ok } from '../../shared/base/result';
import type { AutosaveEntry, HostApi, HostFile, RecentProject } from '../../shared/contract/host-api';
import { openKeyValueStore } from './idb';

const MAX_RECENT = 10;

/**
 * The host for the plain-browser build: files come from the File API (a file picker), saves are
 * downloads, and the recent list and autosaves live in this browser profile's IndexedDB. Nothing
 * leaves the machine.
 */
export function createBrowserHost(): HostApi {
  const store = openKeyValueStore('spi-workbench');
  return {
    async getAppInfo() {
      return ok({
        name: 'SPI Workbench',
        version: __APP_VERSION__,
        host: 'browser' as const,
        platform: navigator.userAgent,
        network: 'none' as const,
      });
    },
    async openFiles(request) {
      try {
        const files = await pickFiles(
          (request.filters ?? []).flatMap((f) => f.extensions.map((e) => `.${e}`)),
          request.multiple ?? false,
        );
        const out: HostFile[] = [];
        for (const f of files) out.push({ name: f.name, path: null, size: f.size, bytes: new Uint8Array(await f.arrayBuffer()) });
        return ok(out);
      } catch (e) {
        return err({ kind: 'file-unreadable', path: '(picked file)', reason: messageOf(e) });
      }
    },
    async saveFile(request) {
      const blob = new Blob([request.bytes as Uint8Array<ArrayBuffer>]);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = request.suggestedName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return ok({ saved: true, path: null });
    },
    async listRecentProjects() {
      try {
        return ok((await store.get<RecentProject[]>('recent')) ?? []);
      } catch (e) {
        return err({ kind: 'io', path: 'IndexedDB', message: messageOf(e) });
      }
    },
    async addRecentProject(project) {
      try {
        const list = ((await store.get<RecentProject[]>('recent')) ?? []).filter(
          (p) => !(p.name === project.name && p.path === project.path),
        );
        const next = [project, ...list].slice(0, MAX_RECENT);
        await store.put('recent', next);
        return ok(next);
      } catch (e) {
        return err({ kind: 'io', path: 'IndexedDB', message: messageOf(e) });
      }
    },
    async openRecentProject(project) {
      return err({ kind: 'denied', what: project.name, reason: 'the browser build cannot reopen a file by path: use Open project… and pick it again' });
    },
    async putAutosave(entry) {
      try {
        await store.put(`autosave:${entry.key}`, entry);
        return ok(undefined);
      } catch (e) {
        return err({ kind: 'io', path: 'IndexedDB', message: messageOf(e) });
      }
    },
    async getAutosave(key) {
      try {
        return ok((await store.get<AutosaveEntry>(`autosave:${key}`)) ?? null);
      } catch (e) {
        return err({ kind: 'io', path: 'IndexedDB', message: messageOf(e) });
      }
    },
  };
}

/** Opens the browser's file picker; resolves to [] when the user cancels. */
function pickFiles(accept: string[], multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    if (accept.length > 0) input.accept = accept.join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(Array.from(input.files ?? []));
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}
