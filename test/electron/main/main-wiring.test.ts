import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_METHODS, hostChannel, LIVE_METHODS, liveChannel } from '../../../shared/contract/channels';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security-policy';
import { defaultSession, fakeApp, FakeWebContents, recorded } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

// main.ts wires the tested policy modules to Electron; this checks the wiring against a fake.
describe('main.ts wiring (fake electron)', () => {
  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await import('../../../electron/main/main');
    await new Promise((r) => setTimeout(r, 0)); // let whenReady().then(...) run
  });

  it('registers app:// as a privileged standard, secure, fetch- and CORS-enabled scheme', () => {
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(recorded.sandboxEnabled).toBe(true);
  });

  it('opens one hardened window on app://workbench/index.html', () => {
    expect(recorded.windows).toHaveLength(1);
    const prefs = recorded.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(recorded.loadedUrls).toEqual(['app://workbench/index.html']);
  });

  it('cancels every request that would leave the machine', () => {
    const decide = (url: string): unknown => {
      let answer: unknown;
      defaultSession.beforeRequest!({ url }, (r: unknown) => (answer = r));
      return answer;
    };
    expect(decide('app://workbench/index.html')).toEqual({ cancel: false });
    expect(decide('blob:app://workbench/abc')).toEqual({ cancel: false });
    expect(decide('http://127.0.0.1:5173/')).toEqual({ cancel: true });
    expect(decide('https://unpkg.com/x.js')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
  });

  it('denies every permission and turns the spellchecker off', () => {
    let granted: unknown = 'unset';
    defaultSession.permissionRequest!(null, 'geolocation', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(defaultSession.permissionCheck!(null, 'media')).toBe(false);
    expect(defaultSession.devicePermission!({})).toBe(false);
    expect(defaultSession.spellChecker).toBe(false);
  });

  it('hardens every webContents: navigation, pop-ups, <webview>', () => {
    const contents = new FakeWebContents();
    fakeApp.emit('web-contents-created', {}, contents);
    const navigate = (url: string): boolean => {
      let prevented = false;
      contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('https://example.org/')).toBe(true);
    expect(navigate('file:///tmp/x.html')).toBe(true);
    expect(navigate('app://workbench/index.html')).toBe(false);
    expect(contents.windowOpenHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });

  it('serves app:// through the protocol handler with the CSP on every response', async () => {
    const handler = recorded.protocolHandlers.get('app')!;
    const response = await handler(new Request('app://workbench/definitely-missing.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('registers one IPC handler per contract method, trusting only our main frame', async () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...HOST_METHODS.map(hostChannel), ...LIVE_METHODS.map(liveChannel)].sort());
    const handler = recorded.ipcHandlers.get('spi-host:getAppInfo')!;
    const win = recorded.windows[0]!;
    const ours = { sender: win.webContents, senderFrame: { url: 'app://workbench/index.html', parent: null } };
    await expect(handler(ours)).resolves.toMatchObject({ ok: true, value: { host: 'electron', network: 'none' } });
    const iframe = { ...ours, senderFrame: { url: 'app://workbench/x.html', parent: {} } };
    await expect(handler(iframe)).resolves.toMatchObject({ ok: false, error: { kind: 'denied' } });
    const otherWindow = { ...ours, sender: new FakeWebContents() };
    await expect(handler(otherWindow)).resolves.toMatchObject({ ok: false, error: { kind: 'denied' } });
    const goneFrame = { ...ours, senderFrame: null };
    await expect(handler(goneFrame)).resolves.toMatchObject({ ok: false, error: { kind: 'denied' } });
  });

  it('sets a menu without links to the web', () => {
    expect(JSON.stringify(recorded.menuTemplate)).not.toMatch(/https?:|openExternal|help/i);
  });
});
