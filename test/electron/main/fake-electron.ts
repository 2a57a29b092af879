/**
 * A recording stand-in for the parts of the 'electron' module that main.ts and preload.ts use.
 * The real binary cannot run here (TOOLCHAIN.md), so the wiring is checked against this fake.
 */
import { tmpdir } from 'node:os';

type Listener = (...args: unknown[]) => unknown;

/** A minimal event emitter that remembers listeners by event name. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}

/** A fake webContents: events, the window-open handler, and a main frame. */
export class FakeWebContents extends Emitter {
  windowOpenHandler: Listener | null = null;
  readonly mainFrame = { url: 'app://workbench/index.html', parent: null };
  setWindowOpenHandler(fn: Listener): void {
    this.windowOpenHandler = fn;
  }
}

/** A fake session recording its hardening. */
export class FakeSession {
  beforeRequest: Listener | null = null;
  permissionRequest: Listener | null = null;
  permissionCheck: Listener | null = null;
  devicePermission: Listener | null = null;
  spellChecker = true;
  readonly webRequest = {
    onBeforeRequest: (fn: Listener): void => {
      this.beforeRequest = fn;
    },
  };
  setPermissionRequestHandler(fn: Listener): void {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: Listener): void {
    this.permissionCheck = fn;
  }
  setDevicePermissionHandler(fn: Listener): void {
    this.devicePermission = fn;
  }
  setSpellCheckerEnabled(on: boolean): void {
    this.spellChecker = on;
  }
}

/** Everything the fake recorded. */
export const recorded = {
  privilegedSchemes: [] as unknown[],
  sandboxEnabled: false,
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Listener>(),
  windows: [] as FakeBrowserWindow[],
  loadedUrls: [] as string[],
  menuTemplate: null as unknown,
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
};

/** A fake BrowserWindow keeping its constructor options. */
export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return recorded.windows;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
  async loadURL(url: string): Promise<void> {
    recorded.loadedUrls.push(url);
  }
}

export const fakeApp = Object.assign(new Emitter(), {
  isPackaged: false,
  enableSandbox: () => {
    recorded.sandboxEnabled = true;
  },
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getPath: () => tmpdir(),
  getName: () => 'SPI Workbench',
  getVersion: () => '0.1.0',
  quit: () => {},
});

export const defaultSession = new FakeSession();

/** The module object handed to `vi.mock('electron', ...)`. */
export const fakeElectron = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  ipcMain: {
    handle: (channel: string, fn: Listener) => recorded.ipcHandlers.set(channel, fn),
  },
  Menu: {
    buildFromTemplate: (t: unknown) => t,
    setApplicationMenu: (m: unknown) => {
      recorded.menuTemplate = m;
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, fn),
  },
  session: { defaultSession },
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => recorded.exposed.set(name, api),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      recorded.invoked.push(args);
      return { ok: true, value: null };
    },
  },
};
