/**
 * The built renderer under the app's real Content-Security-Policy, in Chromium (issue 10: "no
 * eval / new Function in the renderer"). The static server of the browser build sends no CSP
 * header (index.html's <meta> CSP covers the page but not its workers), so this spec serves
 * dist/renderer through the Electron protocol handler's own code (serveAppRequest: every response,
 * workers included, carries CONTENT_SECURITY_POLICY) on 127.0.0.1, with a `report-uri` added so
 * Chromium reports every violation, from the page or from a worker, to the server. It then starts
 * the workbench (DuckDB in its worker, the sample city, the map) and fails on any CSP violation,
 * any request that is not to 127.0.0.1, or any page error.
 *
 * Run: npm run build:renderer && npx vitest run --config test/e2e/vitest.config.ts
 * (its include must list test/security/**\/*.e2e.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppRequest } from '../../electron/main/app-protocol';
import { APP_ORIGIN } from '../../electron/main/security-policy';
import { CHROMIUM_ARGS, RENDERER_DIR, waitForMapPoints } from '../e2e/browser';

const REPORT_PATH = '/__csp-report';

interface Probe {
  server: Server;
  base: string;
  reports: unknown[];
}

/** 127.0.0.1 server answering like `protocol.handle('app', ...)` in main.ts, plus a report sink. */
async function startAppServer(): Promise<Probe> {
  const reports: unknown[] = [];
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === REPORT_PATH) {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        reports.push(JSON.parse(body || 'null'));
        res.writeHead(204).end();
      });
      return;
    }
    void serveAppRequest(RENDERER_DIR, req.method ?? 'GET', `${APP_ORIGIN}${req.url ?? '/'}`).then((r) => {
      const headers = { ...r.headers };
      if (headers['content-security-policy']) headers['content-security-policy'] += `; report-uri ${REPORT_PATH}`;
      res.writeHead(r.status, headers).end(r.body === null ? undefined : Buffer.from(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, reports };
}

describe('the built renderer under the app CSP (no eval, nothing remote)', () => {
  let probe: Probe;
  let browser: Browser;
  const requests: string[] = [];
  const errors: string[] = [];
  let violations: unknown[] = [];

  beforeAll(async () => {
    probe = await startAppServer();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith(probe.base) || url.startsWith('data:') || url.startsWith('blob:') ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await page.goto(`${probe.base}index.html?incidents=4000`);
    await waitForMapPoints(page, 1000);
    await page.getByRole('button', { name: 'About' }).click();
    await page.waitForTimeout(1500);
    violations = [...((await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)) as string[]), ...probe.reports];
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => probe?.server.close(r));
  });

  it('served every response with the CSP (no unsafe-eval, only wasm-unsafe-eval)', async () => {
    const r = await fetch(`${probe.base}index.html`);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).not.toMatch(/'unsafe-eval'/);
  });

  it('ran DuckDB, the sample city and the map with no CSP violation (no eval, no new Function)', () => {
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('requested nothing outside 127.0.0.1', () => {
    const outside = requests.filter((u) => !(u.startsWith(probe.base) || u.startsWith('data:') || u.startsWith('blob:')));
    expect(outside).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    console.info(`[csp-runtime] ${requests.length} requests, ${outside.length} outside 127.0.0.1, ${violations.length} CSP violations`);
  });
});
