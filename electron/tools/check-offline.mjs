#!/usr/bin/env node
// Static offline check (issue 10, "No egress, proven"; docs/security.md "Network: none").
//
//   node electron/tools/check-offline.mjs [--root DIR] [--no-dist] [--dist-only] [--json] [--allowed]
//
// Scans every source file of the repository (git ls-files, tracked and new-but-not-ignored:
// .ts .tsx .mts .cts .js .mjs .cjs .css .html .json, except package-lock.json) and, when present,
// the built bundle (every file under dist/renderer and dist/electron; binary files such as the
// DuckDB .wasm through their printable strings) for references to remote places:
//   - every http, https, ws, wss or ftp URL (full URLs, and bare scheme literals that code
//     concatenates a host onto at run time), in code, strings, styles and comments alike;
//   - protocol-relative references to a host in HTML attributes and CSS url() / @import;
// Local addresses (localhost, 127.0.0.1, [::1]) are fine. Everything else must match an entry of
// ALLOW_LIST below: an exact URL (or an anchored pattern for a namespace family), where it may
// appear (source, bundle, or named files), optionally text that must surround it (e.g. a comment
// marker), and the reason it is never requested. Offending hits print as file:line:col and the
// exit code is 1; with --json the full report (counts per allow-list entry) goes to stdout.
// Plain Node ESM, no dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.css', '.html', '.json']);
const TEXT_EXTENSIONS = new Set([...SOURCE_EXTENSIONS, '.map', '.svg', '.txt', '.geojson', '.xml', '.webmanifest']);
const BUNDLE_DIRS = ['dist/renderer', 'dist/electron'];
const SELF = 'electron/tools/check-offline.mjs';

/**
 * Every URL that may appear, and why it is harmless. `match`: exact strings, or one RegExp
 * anchored on both ends. `scope`: 'source' | 'bundle' | 'any'. `files`: RegExp on the
 * repo-relative path (bundle file names carry content hashes, hence patterns). `context`: RegExp
 * the text around the hit (120 characters either side) must match.
 */
export const ALLOW_LIST = [
  {
    id: 'xml-namespaces',
    scope: 'any',
    match: ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/Math/MathML', 'http://www.w3.org/XML/1998/namespace', 'http://www.w3.org/2000/xmlns/'],
    reason: 'XML namespace names (React DOM, inline SVG icons in CSS data: URIs): identifiers compared as strings, never fetched',
  },
  {
    id: 'ooxml-namespaces',
    scope: 'any',
    match: /^http:\/\/schemas\.openxmlformats\.org(\/[A-Za-z0-9/._-]*)?$/,
    reason: 'Office Open XML namespace names used by the XLSX reader/writer: identifiers, never fetched',
  },
  {
    id: 'ooxml-strict-namespaces',
    scope: 'any',
    match: /^http:\/\/purl\.oclc\.org\/ooxml(\/[A-Za-z0-9/._-]*)?$/,
    reason: 'Strict Office Open XML namespace names (ISO 29500) compared by the XLSX reader: identifiers, never fetched',
  },
  {
    id: 'kml-gpx-namespaces',
    scope: 'any',
    match: ['http://www.opengis.net/kml/2.2', 'http://www.topografix.com/GPX/1/1'],
    reason: 'KML 2.2 and GPX 1.1 namespace names written into exported target lists: identifiers, never fetched',
  },
  {
    id: 'sqljs-messages',
    scope: 'bundle',
    match: ['https://github.com/sql-js/sql.js/pull/647'],
    reason: 'sql.js (the MBTiles reader): a URL inside a deprecation warning string, never fetched',
  },
  {
    id: 'dejavu-font-names',
    scope: 'bundle',
    match: ['http://dejavu.sourceforge.net', 'http://dejavu.sourceforge.net/wiki/index.php/License'],
    files: /^dist\/renderer\/assets\/DejaVuSans[^/]*\.ttf$/,
    reason: "the bundled DejaVu Sans fonts' name table (vendor and licence URLs, embedded in PDFs as font metadata): text inside a font file, never fetched",
  },
  {
    id: 'office-namespaces',
    scope: 'any',
    match: /^http:\/\/schemas\.microsoft\.com\/office(\/[A-Za-z0-9/._-]*)?$/,
    reason: 'Microsoft Office XML namespace names written by write-excel-file into XLSX target lists: identifiers, never fetched',
  },
  {
    id: 'pdf-lib-producer',
    scope: 'bundle',
    match: ['https://github.com/Hopding/pdf-lib'],
    reason: 'pdf-lib: the default Producer/Creator text it writes into a PDF\'s metadata: a string in the file, never fetched',
  },
  {
    id: 'iconv-lite-messages',
    scope: 'bundle',
    match: ['https://github.com/ashtuchkin/iconv-lite/wiki/Node-v4-compatibility', 'https://github.com/ashtuchkin/iconv-lite/wiki/Use-Buffers-when-decoding'],
    reason: 'iconv-lite (pulled in by the PDF font code): URLs inside its warning message strings, never fetched',
  },
  {
    id: 'test-hostile-values',
    scope: 'source',
    match: ['https://example.org/?presenter=ab12', 'https://example.org', 'http://x', 'http://evil'],
    files: /^test\//,
    reason: 'tests only: a foreign origin the presenter window must refuse, and formula/link text the exports must neutralize; never requested',
  },
  {
    id: 'parquet-library-comments',
    scope: 'bundle',
    match: [
      'https://github.com/apache/parquet-format/blob/master/AlpEncoding.md',
      'https://github.com/zhipeng-jia/snappyjs',
      'https://github.com/apache/arrow/blob/apache-arrow-16.1.0/cpp/src/arrow/util/compression_lz4.cc#L475',
      'https://github.com/numpy/numpy/blob/5a5987291dc95376bb098be8d8e5391e89e77a2c/numpy/core/src/npymath/halffloat.c#L29',
      'https://github.com/numpy/numpy/blob/5a5987291dc95376bb098be8d8e5391e89e77a2c/numpy/core/src/npymath/halffloat.c#L43',
    ],
    context: /(^|\n|\s)\*|\/\*|\/\//,
    reason: 'hyparquet / hyparquet-compressors source comments (format spec, snappy and lz4 origins, float16 conversion) kept in the unminified main-process bundle: comments, never run',
  },
  {
    id: 'json-schema-ids',
    scope: 'bundle',
    match: ['https://json-schema.org/draft/2020-12/schema', 'http://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft-04/schema#'],
    reason: 'zod: `$schema` identifiers written into JSON Schema output (toJSONSchema); the app never calls it and ids are never fetched',
  },
  {
    id: 'zod-ipv6-parse',
    scope: 'bundle',
    match: ['http://[${e}]', 'http://[${value}]', 'http://[...]'],
    context: /canParseURL|\$ZodIPv6|new URL\(|function d7|IPv6/,
    reason: 'zod: validates an IPv6 literal by parsing it as the bracketed host of an http URL with the URL parser: parsing only, no request',
  },
  {
    id: 'zod-comments',
    scope: 'bundle',
    match: ['https://github.com/paralleldrive/cuid', 'https://exa'],
    context: /(^|\n)\s*(\*|\/\/|\/\*)|See https:\/\/github\.com\/paralleldrive\/cuid|The URL parser deletes/,
    reason: 'zod source comments kept in the unminified main-process bundle (cuid reference, a URL-parser note): comments, never run',
  },
  {
    id: 'react-error-decoder',
    scope: 'bundle',
    match: ['https://react.dev/errors/'],
    context: /https:\/\/react\.dev\/errors\/`\+|https:\/\/react\.dev\/errors\/"\s*\+/,
    reason: 'React production builds put this link into the text of a thrown Error ("Minified React error #N; visit ..."): text only',
  },
  {
    id: 'maplibre-attribution-and-messages',
    scope: 'bundle',
    match: ['https://maplibre.org/', 'https://wiki.openstreetmap.org/wiki/This_map_requires_WebGL', 'https://github.com/mapbox/mapbox-gl-js/issues/2907'],
    reason: 'maplibre-gl: the attribution/logo link (attributionControl is off in renderer/map/MapView.tsx; a click on such a link is a navigation, refused by main.ts) and two texts of warnings/errors',
  },
  {
    id: 'maplibre-url-base',
    scope: 'bundle',
    match: ['https://maplibre.invalid/'],
    reason: 'maplibre-gl: base URL for parsing attribute values in its HTML sanitizer; `.invalid` is reserved (RFC 2606) and never resolves',
  },
  {
    id: 'maplibre-license',
    scope: 'bundle',
    match: ['https://github.com/maplibre/maplibre-gl-js/blob/v6.17.0/LICENSE.txt'],
    reason: 'maplibre-gl worker: the license banner comment',
  },
  {
    id: 'maplibre-url-check',
    scope: 'bundle',
    match: ['http://', 'https://'],
    context: /startsWith\(`http:\/\/`\)&&!e\.startsWith\(`https:\/\/`\)|startsWith\("http:\/\/"\)/,
    reason: 'loaders.gl path resolver: tests whether a path is already absolute (`startsWith("http://")`); builds no URL',
  },
  {
    id: 'loaders-gl-cdn',
    scope: 'bundle',
    match: ['https://unpkg.com/@loaders.gl/${e.module}${n}/dist/${r}', 'https://unpkg.com/@loaders.gl'],
    reason: 'loaders.gl (under deck.gl): default CDN for worker scripts of loaders given a URL. The app hands deck.gl in-memory data only, so no loader runs; were one to try, CSP script-src/worker-src/connect-src (self, blob:) and the Electron request filter refuse it',
  },
  {
    id: 'duckdb-package-metadata',
    scope: 'bundle',
    match: ['https://github.com/duckdb/duckdb-wasm.git'],
    reason: 'duckdb-wasm embeds its package.json (repository field) for its version string: text only',
  },
  {
    id: 'duckdb-worker-js-sha256-banner',
    scope: 'bundle',
    match: ['https://github.com/emn178/js-sha256'],
    context: /@link https:\/\/github\.com\/emn178\/js-sha256/,
    reason: 'duckdb-wasm worker: license banner comment of the bundled js-sha256',
  },
  {
    id: 'duckdb-worker-emscripten-sockets',
    scope: 'bundle',
    match: ['ws://', 'wss://'],
    context: /SOCKFS\.websocketArgs/,
    reason: 'duckdb-wasm worker: Emscripten socket emulation over WebSocket, used only by networking extensions that are never loaded (autoinstall/autoload off, shared/engine/sql-engine.ts); CSP connect-src has no ws:',
  },
  {
    id: 'duckdb-worker-s3-urls',
    scope: 'bundle',
    match: ['https://'],
    context: /t\.bucket\)\+t\.path|\.bucket\)\s*\+\s*\w+\.path/,
    reason: 'duckdb-wasm worker: builds https URLs for s3:// paths in SQL; the app never names a remote path and CSP connect-src/the request filter refuse one',
  },
  {
    id: 'duckdb-wasm-strings',
    scope: 'bundle',
    files: /^dist\/renderer\/assets\/duckdb-[^/]*\.wasm$/,
    match: /^https:\/\/((nightly-|community-)?extensions\.duckdb\.org|duckdb\.org(\/[A-Za-z0-9/._#-]*)?|unpkg\.com\/treeflex\/dist\/css\/treeflex\.css)$/,
    reason: 'DuckDB engine strings: extension repositories (autoinstall_known_extensions=false and autoload off in shared/engine/sql-engine.ts; CSP connect-src and the request filter refuse them), documentation links in error messages, and a stylesheet link inside HTML that EXPLAIN can print (never rendered by the app)',
  },
  {
    id: 'duckdb-wasm-scheme-prefixes',
    scope: 'bundle',
    files: /^dist\/renderer\/assets\/duckdb-[^/]*\.wasm$/,
    match: ['http://', 'https://'],
    reason: 'DuckDB engine: scheme prefixes it compares file paths with, to hand such paths to its HTTP file system (httpfs), an extension that is not built in and never loaded',
  },
  {
    id: 'luma-comments',
    scope: 'bundle',
    match: ['https://en.wikipedia.org/wiki/Find_first_set#CLZ', 'https://en.wikipedia.org/wiki/Single-precision_floating-point_format', 'https://en.wikipedia.org/wiki/Double-precision_floating-point_format'],
    context: /(^|\n)\s*(\*|\/\/)\s*https:\/\/en\.wikipedia/,
    reason: 'luma.gl (under deck.gl): source comments kept in the webgl chunk',
  },
  {
    id: 'security-test-data',
    scope: 'source',
    files: /^test\/electron\/main\/(security-policy|main-wiring)\.test\.ts$/,
    match: ['https://unpkg.com/x.js', 'https://example.org/', 'https://example.org', 'https://unpkg.com/@loaders.gl/worker.js', 'https://tiles.example.org/1/2/3.pbf', 'wss://example.org/socket', 'ftp://example.org/file'],
    reason: 'test data: remote URLs the request filter and navigation policy must refuse (the tests assert they are refused)',
  },
  {
    id: 'formula-injection-test-data',
    scope: 'source',
    files: /^test\//,
    match: ['http://x'],
    context: /=HYPERLINK\("http:\/\/x"\)/,
    reason: 'test data: a =HYPERLINK() formula that exports must neutralize (CSV/XLSX formula injection); tests only',
  },
  {
    id: 'offline-check-test-plants',
    scope: 'source',
    files: /^test\/security\/offline-check\.test\.ts$/,
    match: ['https://cdn.example.com/lib.js', 'https://fonts.example.com/css?family=Roboto', 'http://telemetry.example.com/collect', 'wss://socket.example.com/live', 'https://tiles.example.com/{z}/{x}/{y}.pbf', 'https://update.example.com/latest.yml', 'https://example.com/', 'https://react.dev/errors/', 'https://registry.npmjs.org/x/-/x-1.0.0.tgz', 'https://registry.npmjs.org/x'],
    reason: 'test data: URLs the offline-check test plants in a temporary folder to prove the check fails on them',
  },
];

// This file holds the allow-list: its own URLs are exactly the entries' strings.
ALLOW_LIST.push({
  id: 'allow-list-itself',
  scope: 'source',
  files: new RegExp(`^${SELF.replace(/[.]/g, '\\.')}$`),
  match: ALLOW_LIST.flatMap((e) => (Array.isArray(e.match) ? e.match : [])),
  reason: 'the allow-list above names the URLs it allows',
});

const SCHEME = /\b(https?|wss?|ftp):\/\/([^\s"'`<>()\\|^]*)/gi;
const PROTOCOL_RELATIVE = /(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"')]*)/gi;
const LOCAL_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** The kind of reference, for the message: what the surrounding code does with the URL. */
function kindOf(before) {
  if (/@import\s+(url\()?\s*["']?$/i.test(before)) return 'remote @import';
  if (/\burl\(\s*["']?$/i.test(before)) return 'remote url()';
  if (/\bfetch\(\s*["'`]?$/.test(before)) return 'fetch of a remote URL';
  if (/\bnew\s+(WebSocket|EventSource)\(\s*["'`]?$/.test(before)) return 'remote socket';
  if (/\b(src|href)\s*=\s*["']?$/i.test(before)) return 'remote resource';
  return 'remote URL';
}

/** Strips sentence punctuation after a URL in prose, and a closing brace it does not open (`{@link url}`). */
function trimUrl(url) {
  let out = url.replace(/[.,;:!?]+$/, '');
  while (out.endsWith('}') && (out.match(/}/g) ?? []).length > (out.match(/{/g) ?? []).length) out = out.slice(0, -1);
  return out;
}

function isAllowed(hit) {
  return ALLOW_LIST.find((entry) => {
    if (entry.scope !== 'any' && entry.scope !== hit.scope) return false;
    if (entry.files && !entry.files.test(hit.file)) return false;
    const matches = Array.isArray(entry.match) ? entry.match.includes(hit.url) : entry.match.test(hit.url);
    if (!matches) return false;
    return !entry.context || entry.context.test(hit.context);
  });
}

/** Finds the hits of one text (a file, or one printable string of a binary file). */
function scanText(text, file, scope, lineOf) {
  const hits = [];
  const ext = path.extname(file).toLowerCase();
  const patterns = [SCHEME, ...(ext === '.html' || ext === '.css' ? [PROTOCOL_RELATIVE] : [])];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m; (m = pattern.exec(text)); ) {
      const isScheme = pattern === SCHEME;
      const url = trimUrl(isScheme ? m[0] : m[1]);
      const at = isScheme ? m.index : m.index + m[0].length - m[1].length;
      if (isScheme) {
        const authority = m[2].split(/[/?#]/)[0];
        const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0];
        if (LOCAL_HOST.test(host)) continue;
      }
      const context = text.slice(Math.max(0, at - 120), at + url.length + 120);
      hits.push({ file, scope, ...lineOf(at), url, kind: isScheme ? kindOf(text.slice(Math.max(0, at - 40), at)) : 'protocol-relative reference', context });
    }
  }
  return hits;
}

/** Line and column (1-based) of an offset in a text. */
function lineIndex(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** Printable ASCII runs (>= 6 characters) of a binary file, scanned like text; position = byte offset. */
function scanBinary(bytes, file, scope) {
  const hits = [];
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? bytes[i] : 0;
    const printable = b >= 0x20 && b < 0x7f;
    if (printable && start < 0) start = i;
    if (!printable && start >= 0) {
      if (i - start >= 6) {
        const text = Buffer.from(bytes.subarray(start, i)).toString('latin1');
        const base = start;
        hits.push(...scanText(text, file, scope, (at) => ({ line: 0, column: base + at })));
      }
      start = -1;
    }
  }
  return hits;
}

function scanFile(root, file, scope) {
  const abs = path.join(root, file);
  const ext = path.extname(file).toLowerCase();
  const bytes = readFileSync(abs);
  if (TEXT_EXTENSIONS.has(ext)) {
    const text = bytes.toString('utf8');
    return scanText(text, file, scope, lineIndex(text));
  }
  return scanBinary(bytes, file, scope);
}

/** Source files: git's list (tracked + untracked, not ignored), or a walk when `root` is no repo. */
function listSourceFiles(root) {
  let names;
  try {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
    const top = execFileSync('git', ['-C', root, 'rev-parse', '--show-prefix'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (top !== '') throw new Error('root is inside a repository, not its top: walk it instead');
    names = out.split('\0').filter(Boolean);
  } catch {
    names = walk(root, '', new Set(['node_modules', '.git', 'dist', 'release']));
  }
  return [...new Set(names)]
    .filter((f) => SOURCE_EXTENSIONS.has(path.extname(f).toLowerCase()) && path.basename(f) !== 'package-lock.json')
    .filter((f) => existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile())
    .sort();
}

function walk(root, rel, skip) {
  const out = [];
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) out.push(...walk(root, child, skip));
    } else if (entry.isFile()) out.push(child);
  }
  return out;
}

/**
 * Runs the check. Returns the report: files scanned, every offending hit, and the allowed hits
 * counted per allow-list entry and scope.
 */
export function checkOffline({ root, source = true, dist = true }) {
  const sourceFiles = source ? listSourceFiles(root) : [];
  const bundleFiles = dist ? BUNDLE_DIRS.filter((d) => existsSync(path.join(root, d))).flatMap((d) => walk(root, d, new Set())).sort() : [];
  const hits = [...sourceFiles.flatMap((f) => scanFile(root, f, 'source')), ...bundleFiles.flatMap((f) => scanFile(root, f, 'bundle'))];
  const offending = [];
  const allowed = {};
  for (const hit of hits) {
    const entry = isAllowed(hit);
    if (!entry) {
      offending.push(hit);
      continue;
    }
    const a = (allowed[entry.id] ??= { source: 0, bundle: 0, urls: {} });
    a[hit.scope] += 1;
    a.urls[hit.url] = (a.urls[hit.url] ?? 0) + 1;
  }
  return { root, sourceFiles: sourceFiles.length, bundleFiles: bundleFiles.length, hits: hits.length, offending, allowed };
}

/** `file:line:col: kind url` (binary files: `file@offset`), with a short context. */
export function formatHit(hit) {
  const where = hit.line === 0 ? `${hit.file}@${hit.column}` : `${hit.file}:${hit.line}:${hit.column}`;
  const snippet = hit.context.replace(/\s+/g, ' ').slice(0, 160);
  return `${where}: ${hit.kind} ${hit.url}\n    ${snippet}`;
}

function main(argv) {
  const args = new Set(argv.filter((a) => a.startsWith('--')));
  const rootIndex = argv.indexOf('--root');
  const root = path.resolve(rootIndex >= 0 && argv[rootIndex + 1] ? argv[rootIndex + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..'));
  const unknown = [...args].filter((a) => !['--root', '--no-dist', '--dist-only', '--json', '--allowed'].includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`check-offline: unknown option ${unknown[0]}\n`);
    return 2;
  }
  const report = checkOffline({ root, source: !args.has('--dist-only'), dist: !args.has('--no-dist') });
  if (args.has('--json')) {
    process.stdout.write(`${JSON.stringify({ ...report, offending: report.offending.map(({ context, ...h }) => h) }, null, 2)}\n`);
  } else {
    for (const hit of report.offending) process.stdout.write(`${formatHit(hit)}\n`);
    const allowedCount = (scope) => Object.values(report.allowed).reduce((n, a) => n + a[scope], 0);
    process.stdout.write(
      `check-offline: ${report.sourceFiles} source files, ${report.bundleFiles} bundle files; ${report.hits} URL references: ` +
        `${allowedCount('source')} allowed in source, ${allowedCount('bundle')} allowed in the bundle, ${report.offending.length} offending\n`,
    );
    if (args.has('--allowed')) {
      for (const [id, a] of Object.entries(report.allowed)) process.stdout.write(`  ${id}: source ${a.source}, bundle ${a.bundle}: ${Object.keys(a.urls).join(' ')}\n`);
    }
  }
  return report.offending.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
