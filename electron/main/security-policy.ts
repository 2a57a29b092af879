/**
 * Every security decision of the Electron main process, as pure functions (no 'electron' import)
 * so vitest can prove them. `main.ts` only wires them to Electron's hooks.
 *
 * The rule they enforce (ARCHITECTURE.md, rule 10): nothing ever leaves the machine. The only
 * origin that exists for the app is `app://workbench`, served from the bundled renderer folder.
 */
import nodePath from 'node:path';

/** The privileged custom scheme that serves `dist/renderer`. */
export const APP_SCHEME = 'app';
/** The one host of that scheme; a standard scheme needs a host for a proper origin. */
export const APP_HOST = 'workbench';
/** The app's origin, as the renderer sees it in `location.origin`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the window loads first. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses a URL, or returns null when it is not one (never throws). */
function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` belongs to the app origin `app://workbench/...` (any path: path confinement is
 * `resolveAppFile`'s job). Scheme and host compare case-insensitively, as URL parsing lowercases
 * them; ports, user names and passwords are refused because the app origin never has them.
 */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/**
 * The network filter: true only for requests that cannot leave the machine.
 * - `app://workbench/...`: our bundled files;
 * - `data:` and `blob:`: in-memory content (maplibre images, duckdb buffers, exports);
 * - `devtools:`: the built-in developer tools' own pages (never remote: their remote front-end
 *   fetches use https and are refused).
 * Everything else is refused, including http(s) to 127.0.0.1/localhost, ws(s), ftp and file:
 * a local web server or a file URL would be a way around the confinement of `app://`.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const u = parseUrl(url);
  if (u === null) return false;
  return u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:';
}

/**
 * Top-level navigation filter: the window may only move within the app origin. A link to
 * anything else (http, file, another custom scheme, a data: or blob: document) is refused.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Content-Security-Policy directives for every `app://` response. Each relaxation beyond 'self'
 * names the library that needs it; no directive names a remote source, `*`, or `'unsafe-eval'`.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // duckdb-wasm and any other WebAssembly compile their modules: that needs 'wasm-unsafe-eval'
  // (which allows WebAssembly.compile/instantiate only; JavaScript eval stays forbidden).
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // maplibre may start its worker from a blob: URL, and the usual duckdb-wasm recipe wraps its
  // worker script in a blob: URL (`importScripts` of a same-origin file); both only run our code.
  'worker-src': ["'self'", 'blob:'],
  // React `style={...}` is CSSOM (not covered by CSP) but maplibre/deck set `style` attributes on
  // their DOM elements (controls, popups, canvas) and Vite may inject <style>: needs 'unsafe-inline'.
  // Styles cannot run code or reach the network here (default-src/img-src/font-src stay local).
  'style-src': ["'self'", "'unsafe-inline'"],
  // maplibre decodes sprites/icons via blob: URLs; canvas snapshots and icons arrive as data: URLs.
  'img-src': ["'self'", 'data:', 'blob:'],
  // CSS from libraries may inline small fonts as data: URLs.
  'font-src': ["'self'", 'data:'],
  // fetch()/XHR of our own assets (duckdb's .wasm, map style, sample data), of data: URLs
  // (inline GeoJSON/images in a style) and of blob: URLs (files the analyst opened, exports).
  'connect-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Joins directives into a header value: `name source source; name source`. */
export function buildContentSecurityPolicy(
  directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES,
): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The CSP header value sent with every `app://workbench` response. */
export const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy();

/** What `main.ts` knows about the sender of an IPC message, reduced to plain values. */
export interface SenderInfo {
  /** URL of the frame that sent the message; null when that frame is gone or navigated away. */
  frameUrl: string | null;
  /** True when the sending frame is the top-level frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** True when the sending page is the workbench window's own webContents. */
  isOurWindow: boolean;
}

/**
 * True only for messages from the main frame of our window while it shows the app origin.
 * Anything else (an iframe, another window, a frame that navigated away, an unknown sender) is
 * refused: the bridge reads and writes the analyst's files.
 */
export function isTrustedSender(sender: SenderInfo): boolean {
  return sender.isOurWindow && sender.isMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}

/** The subset of `node:path` that `resolveAppFile` uses (lets tests run Windows rules on Linux). */
export type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'join' | 'sep'>;

/** Windows device names that open a device instead of a file, whatever extension follows. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * Maps an `app://workbench/<path>` request to a file inside `root`, or returns null when the URL
 * is not ours or the path could escape `root`.
 *
 * Chromium already normalises `/../` and `%2e%2e` in a standard scheme's path, but this function
 * does not rely on it: it decodes the path once and refuses any segment that is `.` or `..`, any
 * backslash or NUL (which `%5c`/`%00` could smuggle in), any `:` (Windows drive letters and
 * alternate data streams), Windows device names, and finally any result outside `root`.
 * A path ending in `/` maps to its `index.html` (so `app://workbench/` serves the app).
 * Query and fragment are ignored. `root` should be absolute; it is resolved anyway.
 */
export function resolveAppFile(root: string, requestUrl: string, path: PathApi = nodePath): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = parseUrl(requestUrl);
  if (u === null) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (/[\\\0:]/.test(decoded)) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.length === 0) return null;
  if (segments.some((s) => s === '.' || s === '..' || WINDOWS_DEVICE_NAME.test(s) || /[. ]$/.test(s))) return null;
  const absRoot = path.resolve(root);
  const file = path.resolve(absRoot, ...segments);
  const rel = path.relative(absRoot, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return file;
}
