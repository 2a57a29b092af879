/**
 * The workbench window's options, as a pure function so a test can assert the hardening
 * (type-only import of 'electron': nothing of Electron is loaded at run time).
 */
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

/**
 * Options for the one BrowserWindow. The renderer is untrusted web content as far as Node is
 * concerned: it is isolated from the preload's world (`contextIsolation`), runs in the OS sandbox
 * (`sandbox`), has no Node (`nodeIntegration*: false`), keeps the same-origin policy
 * (`webSecurity`), may not run insecure content or <webview>, and has no spellchecker (whose
 * dictionaries Chromium would try to download). `show: false` until the first paint, to avoid a
 * white flash. `preloadPath` must be absolute (dist/electron/preload.cjs). `devTools` is off by
 * default (main.ts turns it on for unpackaged runs).
 */
export function buildWindowOptions(
  preloadPath: string,
  { title = 'SPI Workbench', devTools = false }: { title?: string; devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#1e1e1e',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools,
    },
  };
}

/**
 * Finds a file path among the process arguments (`electron . city.spiw` or `SPI Workbench.exe
 * city.spiw`), for opening it once the renderer asks (a later issue). `argv` is
 * `process.argv`; `isDefaultApp` is `process.defaultApp` (true under `electron .`, where the app
 * folder is argv[1]). Flags (`--x`, `-x`) are skipped; returns the first remaining argument or
 * null.
 */
export function findLaunchFilePath(argv: readonly string[], isDefaultApp: boolean): string | null {
  const rest = argv.slice(isDefaultApp ? 2 : 1);
  return rest.find((a) => a !== '' && !a.startsWith('-')) ?? null;
}

/**
 * The application menu, from roles only. Electron's default menu has Help entries that open
 * electronjs.org in a browser; this one has no link anywhere. `devTools` adds the toggle.
 */
export function buildMenuTemplate(platform: NodeJS.Platform, devTools: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
    ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
  ];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
