import type { HostApi } from '../../../shared/contract/host-api';
import { writeProject } from '../../../shared/domain/project/write-project';
import { listZipEntries, readZipEntry } from '../../../shared/domain/project/zip-reader';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { isDirty } from '../../state/app-state';
import type { Store } from '../../state/store';
import { AUTOSAVE_KEY, openProjectBytes, snapshotProject } from './project-tasks';

/**
 * Autosave: every `intervalMs` (default one minute), and when the window is hidden or closed,
 * unsaved work is written to the host's own data area (desktop: the app's data folder, atomic;
 * browser: IndexedDB). Returns a function that stops it.
 */
export function startAutosave(store: Store, host: HostApi, enginePromise: Promise<SqlEngine>, intervalMs = 60_000): () => void {
  let busy = false;
  const run = async () => {
    const state = store.getState();
    if (busy || state.phase !== 'ready' || !isDirty(state)) return;
    busy = true;
    try {
      const bytes = await writeProject(await snapshotProject(state, await enginePromise), { appVersion: __APP_VERSION__ });
      await host.putAutosave({ key: AUTOSAVE_KEY, savedAt: new Date().toISOString(), bytes });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  const onHide = () => {
    if (document.visibilityState === 'hidden') void run();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onHide);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onHide);
  };
}

/** At start-up: if unsaved work was autosaved (after a crash or a close without saving), offer it. */
export async function checkForRecovery(store: Store, host: HostApi): Promise<void> {
  const found = await host.getAutosave(AUTOSAVE_KEY);
  if (!found.ok || !found.value || found.value.bytes.length === 0) return;
  store.dispatch({ type: 'recovery', offer: { savedAt: found.value.savedAt, title: titleOf(found.value.bytes) } });
}

/** Opens the autosaved project as unsaved work. */
export async function recoverAutosave(store: Store, host: HostApi, enginePromise: Promise<SqlEngine>): Promise<void> {
  const found = await host.getAutosave(AUTOSAVE_KEY);
  if (!found.ok || !found.value) return store.dispatch({ type: 'recovery', offer: null });
  await openProjectBytes(store, enginePromise, found.value.bytes, 'recovered work', null, { recovered: true });
}

/** Drops the autosave (the analyst chose not to recover it). */
export async function discardAutosave(store: Store, host: HostApi): Promise<void> {
  await host.putAutosave({ key: AUTOSAVE_KEY, savedAt: new Date().toISOString(), bytes: new Uint8Array() });
  store.dispatch({ type: 'recovery', offer: null });
}

function titleOf(bytes: Uint8Array): string {
  const entries = listZipEntries(bytes);
  const manifest = entries.ok ? entries.value.find((e) => e.name === 'manifest.json') : undefined;
  const data = manifest ? readZipEntry(bytes, manifest) : null;
  try {
    return data?.ok ? String(JSON.parse(new TextDecoder().decode(data.value)).title ?? 'Untitled project') : 'Untitled project';
  } catch {
    return 'Untitled project';
  }
}
