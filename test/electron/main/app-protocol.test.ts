import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeTypeFor, serveAppRequest } from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security-policy';

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app-1a2b.js', 'text/javascript; charset=utf-8'],
    ['assets/worker.MJS', 'text/javascript; charset=utf-8'],
    ['assets/style.css', 'text/css; charset=utf-8'],
    ['assets/duckdb-eh.wasm', 'application/wasm'],
    ['style.json', 'application/json; charset=utf-8'],
    ['fonts/0-255.pbf', 'application/x-protobuf'],
    ['icon.svg', 'image/svg+xml'],
    ['unknown.xyz', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s -> %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('serveAppRequest', () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'spi-proto-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>SPI</title>');
    await writeFile(path.join(root, 'assets', 'duckdb-eh.wasm'), new Uint8Array([0, 97, 115, 109]));
    await writeFile(path.join(base, 'secret.txt'), 'do not serve');
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves index.html for the origin root, with the CSP and nosniff', async () => {
    const r = await serveAppRequest(root, 'GET', 'app://workbench/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(new TextDecoder().decode(r.body!)).toContain('<title>SPI</title>');
  });

  it('serves wasm as application/wasm', async () => {
    const r = await serveAppRequest(root, 'GET', 'app://workbench/assets/duckdb-eh.wasm');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/wasm');
    expect([...r.body!]).toEqual([0, 97, 115, 109]);
  });

  it('answers HEAD without a body', async () => {
    const r = await serveAppRequest(root, 'HEAD', 'app://workbench/index.html');
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();
  });

  it('refuses escapes with 403 and still sends the CSP', async () => {
    const r = await serveAppRequest(root, 'GET', 'app://workbench/..%2fsecret.txt');
    expect(r.status).toBe(403);
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(new TextDecoder().decode(r.body!)).not.toContain('do not serve');
  });

  it('returns 404 for a missing file instead of falling back to index.html', async () => {
    const r = await serveAppRequest(root, 'GET', 'app://workbench/assets/missing.wasm');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('redirects a folder to its trailing-slash URL', async () => {
    const r = await serveAppRequest(root, 'GET', 'app://workbench/assets');
    expect(r.status).toBe(308);
    expect(r.headers.location).toBe('app://workbench/assets/');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const r = await serveAppRequest(root, 'POST', 'app://workbench/index.html');
    expect(r.status).toBe(405);
  });

  it('turns an unexpected read error into a 500, not a throw', async () => {
    const failing = {
      stat: async () => ({ isFile: () => true, isDirectory: () => false }),
      readFile: async () => {
        throw new Error('EIO: disk on fire');
      },
    };
    const r = await serveAppRequest(root, 'GET', 'app://workbench/index.html', failing);
    expect(r.status).toBe(500);
    expect(new TextDecoder().decode(r.body!)).toContain('EIO');
  });
});
