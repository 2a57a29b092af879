import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'node:http';
import { startBrowserBuildServer, type BrowserBuildServer } from '../../../../electron/services/live-session/browser-build-server';
import { tempDir } from '../../../helpers/engine';

const tmp = tempDir('spi-live-control-');
let server: BrowserBuildServer;
let origin: URL;

function post(p: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: origin.port, path: p, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const root = path.join(tmp.dir, 'www');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<html>app</html>');
  server = await startBrowserBuildServer(root, 0, { interfaces: () => ({ lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }] }) });
  origin = new URL(server.url);
});
afterAll(async () => {
  await server.close();
});

describe("the browser build's live-session control endpoint", () => {
  const json = () => ({ 'content-type': 'application/json', origin: origin.origin, host: origin.host });

  it('answers its own page with Results', async () => {
    const r = await post('/__live/listLiveInterfaces', '[]', json());
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: [{ name: 'lo', address: '127.0.0.1', scope: 'loopback' }] });
    const bad = await post('/__live/startLiveSession', JSON.stringify([{ address: '0.0.0.0' }]), json());
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { kind: 'invalid-argument', value: '0.0.0.0' } });
  });
  it('refuses other origins, other Host headers, non-JSON bodies, GET and unknown methods', async () => {
    expect((await post('/__live/listLiveInterfaces', '[]', { ...json(), origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post('/__live/listLiveInterfaces', '[]', { ...json(), host: `rebound.invalid:${origin.port}` })).status).toBe(403);
    const noOrigin: Record<string, string> = json();
    delete noOrigin.origin;
    expect((await post('/__live/listLiveInterfaces', '[]', noOrigin)).status).toBe(403);
    expect((await post('/__live/listLiveInterfaces', '[]', { ...json(), 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/__live/nope', '[]', json())).status).toBe(404);
  });
  it('still serves the static files', async () => {
    const body = await new Promise<string>((resolve) => request(server.url, (res) => { let t = ''; res.on('data', (c) => (t += c)); res.on('end', () => resolve(t)); }).end());
    expect(body).toBe('<html>app</html>');
  });
});
