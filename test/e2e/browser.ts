import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
// @ts-expect-error: plain ESM helper without types, shared with `npm run serve`.
import { startStaticServer } from '../../electron/tools/static-server.mjs';
import { readProject } from '../../shared/domain/project/read-project';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RENDERER_DIR = path.resolve(here, '../../dist/renderer');

/** Flags verified on our build machines (../shared/TOOLCHAIN.md): WebGL via SwiftShader, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface E2eSession {
  browser: Browser;
  page: Page;
  baseUrl: string;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Serves dist/renderer on 127.0.0.1, launches Chromium with a fresh profile and a 1280x800 page,
 * and records every request the page makes. Requests that would leave 127.0.0.1 are aborted AND
 * recorded, so a test can fail on them.
 */
export async function openSession(): Promise<E2eSession> {
  const server = await startStaticServer(RENDERER_DIR, 0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return isLocal(url, server.url) ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    browser,
    page,
    baseUrl: server.url,
    requests,
    errors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** True for the app's own origin and for in-memory URLs (data:, blob:). */
export function isLocal(url: string, baseUrl: string): boolean {
  return url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:');
}

/**
 * Moves the map (maplibre `jumpTo`: centre and/or zoom) and waits until it has drawn the new view
 * (maplibre's `idle`: no movement left, tiles and layers drawn; at most 10 s). It returns nothing:
 * returning the call's result would hand back the Map object itself, which Playwright serializes
 * whole (its typed arrays as base64): that took 4-5 s per move, longer than the move.
 */
export async function jumpMap(page: Page, to: { center?: [number, number]; zoom?: number }): Promise<void> {
  await page.evaluate(
    (o) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __spiMap: { jumpTo(o: object): void; once(type: 'idle', f: () => void): void } }).__spiMap;
        const timer = setTimeout(resolve, 10_000);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.jumpTo(o);
      }),
    to,
  );
}

/** Waits until the map reports a rendered frame with at least `minPoints` points. */
export async function waitForMapPoints(page: Page, minPoints = 1, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(
    (min) => {
      const n = Number(document.body.dataset.mapRendered ?? '0');
      return n >= min ? n : false;
    },
    minPoints,
    { timeout, polling: 250 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Opens a project file through the app's "Open project…" button and waits until the title bar
 * names it (`title`, e.g. "sample-city.spiproj"). With `fresh`, first loads a small sample city
 * (`?incidents=300`) and waits for its points, as a user starting the app would.
 */
export async function openProjectFile(page: Page, baseUrl: string, file: string, title: string, options: { fresh?: boolean; timeout?: number } = {}): Promise<void> {
  if (options.fresh) {
    await page.goto(`${baseUrl}?incidents=300`);
    await waitForMapPoints(page, 100);
  }
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open project…' }).click();
  await (await chooser).setFiles(file);
  await page.waitForFunction((t) => document.querySelector('[data-testid="project-title"]')?.textContent === t, title, { timeout: options.timeout ?? 200_000 });
}

/**
 * Counts pixels of a PNG screenshot close to each RGB colour (Chebyshev distance <= tolerance),
 * decoding the PNG with the page's own canvas (no image library needed). Returns counts in order,
 * plus the first matching pixel's position per colour (for clicking on a point).
 */
export async function countColoredPixels(
  page: Page,
  png: Buffer,
  colors: readonly (readonly [number, number, number])[],
  tolerance = 40,
): Promise<{ counts: number[]; first: ({ x: number; y: number } | null)[] }> {
  return page.evaluate(
    async ({ dataUrl, colors, tolerance }) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const counts = colors.map(() => 0);
      const first: ({ x: number; y: number } | null)[] = colors.map(() => null);
      for (let i = 0; i < data.length; i += 4) {
        colors.forEach(([r = 0, g = 0, b = 0], k) => {
          if (Math.abs(data[i]! - r) <= tolerance && Math.abs(data[i + 1]! - g) <= tolerance && Math.abs(data[i + 2]! - b) <= tolerance) {
            counts[k]!++;
            if (!first[k]) first[k] = { x: (i / 4) % img.width, y: Math.floor(i / 4 / img.width) };
          }
        });
      }
      return { counts, first };
    },
    { dataUrl: `data:image/png;base64,${png.toString('base64')}`, colors: colors.map((c) => [...c]), tolerance },
  );
}

/**
 * A screenshot for people to look at (it asserts nothing), saved to `file`; `fullPage` for a page.
 * Skipped when CI is set: the CI clone is thrown away, and in software WebGL each screenshot
 * waits for a fresh frame (0.5-1 s each, 55 of them).
 */
export async function lookShot(target: Page | Locator, file: string, fullPage = false): Promise<void> {
  if (process.env.CI) return;
  if ('goto' in target) await target.screenshot({ path: file, timeout: 120_000, fullPage });
  else await target.screenshot({ path: file, timeout: 120_000 });
}

/**
 * A tall screenshot of the whole page for people to look at (it asserts nothing): the viewport
 * grows to `height`, settles `settleMs`, is saved to `file`, and goes back to 1280 x 800. Skipped
 * in CI, whose clone is thrown away: each one re-renders the map twice in software WebGL.
 */
export async function tallScreenshot(page: Page, file: string, height: number, settleMs = 1200, before?: () => Promise<void>): Promise<void> {
  if (process.env.CI) return;
  await page.setViewportSize({ width: 1280, height });
  await before?.();
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: file, timeout: 120_000 });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * Clicks *Save project* (the browser host downloads the file), stores the download at `file` and
 * reads it back with the app's own project reader.
 */
export async function saveProjectAndRead(page: Page, file: string): Promise<Awaited<ReturnType<typeof readProject>>> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Save project/ }).click();
  await (await download).saveAs(file);
  return readProject(new Uint8Array(readFileSync(file)), path.basename(file));
}
