import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, buildWindowOptions, findLaunchFilePath } from '../../../electron/main/window-options';

describe('buildWindowOptions', () => {
  it('isolates, sandboxes and strips Node from the renderer', () => {
    const prefs = buildWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(buildWindowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('main.ts builds its window from these options and never weakens them', async () => {
    const text = await readFile(path.resolve(import.meta.dirname, '../../../electron/main/main.ts'), 'utf8');
    const source = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // code only
    expect(source).toContain('new BrowserWindow(buildWindowOptions(');
    expect(source).not.toMatch(/(contextIsolation|sandbox|webSecurity)\s*:\s*false|nodeIntegration\s*:\s*true/);
    expect(source).not.toMatch(/openExternal|autoUpdater|crashReporter|enableRemoteModule|@electron\/remote/);
  });
});

describe('buildMenuTemplate', () => {
  it('has no help links and offers dev tools only when asked', () => {
    const text = JSON.stringify(buildMenuTemplate('linux', false));
    expect(text).not.toMatch(/help|https?:/i);
    expect(text).not.toContain('toggleDevTools');
    expect(JSON.stringify(buildMenuTemplate('linux', true))).toContain('toggleDevTools');
    expect(buildMenuTemplate('darwin', false)[0]).toEqual({ role: 'appMenu' });
  });
});

describe('findLaunchFilePath', () => {
  it('finds the file after the app folder under `electron .`', () => {
    expect(findLaunchFilePath(['/usr/bin/electron', '.', 'city.spiw'], true)).toBe('city.spiw');
    expect(findLaunchFilePath(['/usr/bin/electron', '.'], true)).toBeNull();
  });
  it('finds the file after the executable when packaged, skipping flags', () => {
    expect(findLaunchFilePath(['SPI Workbench.exe', '--no-sandbox', 'C:\\data\\x.spiw'], false)).toBe('C:\\data\\x.spiw');
    expect(findLaunchFilePath(['/Applications/SPI.app/Contents/MacOS/SPI', '-psn_0_123'], false)).toBeNull();
  });
});
