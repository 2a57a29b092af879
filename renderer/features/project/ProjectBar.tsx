import { useEffect, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi, RecentProject } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { isDirty, type AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { openProjectBytes, openProjectFile, saveProject } from './project-tasks';

/** Project actions in the header: open, recent, save, undo, redo. */
export function ProjectBar({ state, store, host, engine }: { state: AppState; store: Store; host: HostApi; engine: Promise<SqlEngine> }) {
  const [recent, setRecent] = useState<RecentProject[] | null>(null);
  const dirty = isDirty(state);
  useEffect(() => {
    if (recent === null) return;
    const close = () => setRecent(null);
    window.addEventListener('click', close);
    return () => window.removeEventListener('click', close);
  }, [recent]);

  const showRecent = async (e: React.MouseEvent) => {
    e.stopPropagation();
    const list = await host.listRecentProjects();
    setRecent(list.ok ? list.value : []);
  };
  const openRecent = async (p: RecentProject) => {
    setRecent(null);
    const file = await host.openRecentProject(p);
    if (!file.ok) return store.dispatch({ type: 'failed', message: formatAppError(file.error) });
    if (await openProjectBytes(store, engine, file.value.bytes, file.value.name, file.value.path)) {
      await host.addRecentProject({ ...p, openedAt: new Date().toISOString() });
    }
  };

  return (
    <div className="project-bar">
      <button type="button" onClick={() => void openProjectFile(store, host, engine)} title="Open a .spiproj project (Ctrl+O)">
        Open project…
      </button>
      <span className="menu-anchor">
        <button type="button" onClick={(e) => void showRecent(e)} aria-haspopup="menu">
          Recent ▾
        </button>
        {recent && (
          <ul className="menu" role="menu" aria-label="Recent projects">
            {recent.length === 0 && <li className="menu-empty">No recent projects</li>}
            {recent.map((p) => (
              <li key={`${p.path ?? ''}|${p.name}`} role="menuitem" tabIndex={0} onClick={() => void openRecent(p)} title={p.path ?? 'opened in this browser'}>
                {p.name}
                <span className="menu-note">{p.openedAt.slice(0, 16).replace('T', ' ')}</span>
              </li>
            ))}
          </ul>
        )}
      </span>
      <button type="button" onClick={() => void saveProject(store, host, engine)} title="Save the project (Ctrl+S)" disabled={state.phase !== 'ready'}>
        {state.project.readOnly ? 'Save a copy…' : 'Save project'}
        {dirty ? ' •' : ''}
      </button>
      <button type="button" onClick={() => store.dispatch({ type: 'undo' })} disabled={state.history.past.length === 0} title="Undo (Ctrl+Z)" aria-label="Undo">
        ↶
      </button>
      <button type="button" onClick={() => store.dispatch({ type: 'redo' })} disabled={state.history.future.length === 0} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
        ↷
      </button>
    </div>
  );
}

/** Keyboard shortcuts: Ctrl/Cmd+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, Ctrl+S save, Ctrl+O open. */
export function useProjectShortcuts(store: Store, host: HostApi, engine: Promise<SqlEngine>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') && (target as HTMLInputElement).type !== 'checkbox' && (target as HTMLInputElement).type !== 'range') return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.dispatch({ type: 'undo' });
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.dispatch({ type: 'redo' });
      else if (key === 's') void saveProject(store, host, engine);
      else if (key === 'o') void openProjectFile(store, host, engine);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, host, engine]);
}
