import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openBrowserEngine } from './db/duckdb-browser';
import { App } from './features/workbench/App';
import { openBundledSampleProject, openSampleCity } from './features/workbench/load-tasks';
import { checkForRecovery, startAutosave } from './features/project/autosave';
import { detectHost } from './platform/host';
import { createStore } from './state/store';
import { presenterIdFrom, startPresenterWindow } from './features/presenter/start-presenter';
import { isLiveGuestPage, startLiveGuest } from './features/live-session/start-guest';
import './styles.css';

// `?presenter=<id>`: the projector window of a workbench window (no engine, no data, no autosave).
const presenterId = presenterIdFrom(location.search);
if (presenterId) startPresenterWindow(presenterId);
// `/guest` on a live-session server: a partner's browser joining the analyst's session.
else if (isLiveGuestPage(location.pathname)) startLiveGuest();
else startWorkbench();

function startWorkbench(): void {
  // Start-up: DuckDB and the sample city start at once, each in its own worker.
  const store = createStore();
  const host = detectHost();
  const engine = openBrowserEngine();
  engine.catch((e: unknown) =>
    store.dispatch({ type: 'failed', message: `The database engine did not start: ${e instanceof Error ? e.message : String(e)}` }),
  );

  // `?incidents=N&seed=S` opens a smaller or different sample city (handy for quick looks and tests).
  const params = new URLSearchParams(location.search);
  const positive = (name: string) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const incidents = positive('incidents');
  const seed = positive('seed');
  // With no parameters the app opens the bundled sample-city.spiproj (made by `spi sample` at build
  // time: the export loaded through the ingest pipeline); parameters generate a fresh city here.
  const start = incidents || seed ? openSampleCity(store, engine, { ...(incidents ? { incidents } : {}), ...(seed ? { seed } : {}) }) : openBundledSampleProject(store, engine);
  void start.then(() => checkForRecovery(store, host));
  startAutosave(store, host, engine);

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App store={store} host={host} engine={engine} />
    </StrictMode>,
  );
}
