/**
 * Electron main process: lifecycle, one hardened window, the app:// protocol, network/permission
 * denial and the IPC handlers. Deliberately thin: every decision lives in a plain Node module
 * (security-policy, app-protocol, ipc-envelope, window-options, services/*) that vitest tests;
 * this file only connects them to Electron. No auto-update, no crash reporter, no shell.openExternal.
 */
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';
import { createAutosaveStore } from '../services/autosave-store';
import { createNodeHost, type HostDialogs } from '../services/host-node';
import { createSettingsStore } from '../services/settings-store';
import { createLiveSessionHost } from '../services/live-session/live-host';
import { serveAppRequest } from './app-protocol';
import { createHostHandlers } from './ipc-envelope';
import { createLiveHandlers } from './live-ipc';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  isAllowedNavigation,
  isAllowedRequestUrl,
  isTrustedSender,
} from './security-policy';
import { buildMenuTemplate, buildWindowOptions, findLaunchFilePath } from './window-options';
import { presenterWindowOpen } from './presenter-window';

/** dist/electron (this file is bundled to dist/electron/main.cjs). */
const HERE = __dirname;
const RENDERER_ROOT = path.join(HERE, '..', 'renderer');
const PRELOAD_PATH = path.join(HERE, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
/** A file named on the command line; handed to the renderer in a later issue (not wired yet). */
const pendingLaunchFile = findLaunchFilePath(process.argv, process.defaultApp === true);

// Must run before 'ready': app:// becomes a secure, standard origin with fetch and CORS, so module
// scripts, workers and duckdb's wasm fetch behave as on https (file:// breaks all three).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);
app.enableSandbox();

/** Refuses every request that could leave the machine and every permission, for one session. */
function hardenSession(ses: Session): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) console.warn(`[security] blocked request: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Chromium's spellchecker downloads dictionaries from a Google server.
  ses.setSpellCheckerEnabled(false);
}

/** Navigation, pop-up and <webview> denial for every webContents ever created. */
function hardenContents(contents: WebContents): void {
  const denyForeign = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url)) {
      console.warn(`[security] blocked navigation: ${event.url.slice(0, 200)}`);
      event.preventDefault();
    }
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-frame-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  // Only the presenter window (docs/sessions.md) may open; every other pop-up is denied.
  contents.setWindowOpenHandler(({ url }) => presenterWindowOpen(url, buildWindowOptions(PRELOAD_PATH)));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Trust check for IPC: only the main frame of our window, on app://workbench. */
function isFromWorkbench(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender({
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
    isOurWindow: mainWindow !== null && !mainWindow.isDestroyed() && event.sender === mainWindow.webContents,
  });
}

/** Electron's native dialogs, attached to the workbench window when there is one. */
const electronDialogs: HostDialogs = {
  async showOpenDialog({ title, filters, multiple }) {
    const options: Electron.OpenDialogOptions = {
      filters,
      properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      ...(title !== undefined ? { title } : {}),
    };
    return mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options);
  },
  async showSaveDialog({ title, defaultPath, filters }) {
    const options: Electron.SaveDialogOptions = {
      defaultPath,
      filters,
      properties: ['showOverwriteConfirmation', 'createDirectory'],
      ...(title !== undefined ? { title } : {}),
    };
    return mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options);
  },
};

/** Registers one `ipcMain.handle` per contract method, each wrapped by the IPC envelope. */
function registerHostIpc(): void {
  const userData = app.getPath('userData');
  const host = createNodeHost({
    dialogs: electronDialogs,
    settings: createSettingsStore(userData, {
      onCorrupt: (copy, reason) => console.warn(`[settings] corrupt settings (${reason}) moved to ${copy}`),
    }),
    autosave: createAutosaveStore(userData),
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    defaultSaveDirectory: app.getPath('documents'),
  });
  for (const [channel, handler] of createHostHandlers(host, isFromWorkbench)) ipcMain.handle(channel, handler);
  // Live sessions (docs/sessions.md, "Across the LAN"): off until the analyst starts one; the
  // session server serves the same renderer folder to guests and ends when the app quits.
  const live = createLiveSessionHost({ rendererRoot: RENDERER_ROOT });
  for (const [channel, handler] of createLiveHandlers(live, isFromWorkbench)) ipcMain.handle(channel, handler);
  app.on('will-quit', () => void live.close());
}

/** Creates the workbench window and loads the app origin. */
function createWindow(): void {
  const win = new BrowserWindow(buildWindowOptions(PRELOAD_PATH, { devTools: !app.isPackaged }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[renderer] process gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  void win.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  // Another workbench is running: it gets focus (see 'second-instance'), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('session-created', hardenSession);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, async (request) => {
      const r = await serveAppRequest(RENDERER_ROOT, request.method, request.url);
      return new Response(r.body as BodyInit | null, { status: r.status, headers: r.headers });
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, !app.isPackaged)));
    registerHostIpc();
    if (pendingLaunchFile !== null) console.info(`[launch] file argument noted (not opened yet): ${pendingLaunchFile}`);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
}
