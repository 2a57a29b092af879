import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security-policy';
// @ts-expect-error: plain ESM tool without types.
import { CSP, startStaticServer } from '../../../electron/tools/static-server.mjs';
import { tempDir } from '../../helpers/engine';

const tmp = tempDir('spi-serve-');
let server: { url: string; close(): Promise<void> };

/** Raw GET (fetch would normalize `..` away before sending). */
function get(rawPath: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(path.join(tmp.dir, 'www/assets'), { recursive: true });
  writeFileSync(path.join(tmp.dir, 'www/index.html'), '<html>app</html>');
  writeFileSync(path.join(tmp.dir, 'www/assets/a.wasm'), 'wasm');
  writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
  server = await startStaticServer(path.join(tmp.dir, 'www'), 0);
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

describe('the browser build server', () => {
  it('listens on 127.0.0.1 only and sends the app CSP on every response', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(CSP).toBe(CONTENT_SECURITY_POLICY);
    const wasm = await get('/assets/a.wasm');
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves files outside its folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const r = await get(p);
      expect(r.body).not.toContain('secret');
    }
  });

  it('falls back to index.html for unknown paths (single-page app)', async () => {
    const r = await get('/some/route');
    expect(r.status).toBe(200);
    expect(r.body).toBe('<html>app</html>');
  });
});
