// `npm run serve`: the browser build of the workbench on http://127.0.0.1:PORT (default 5173).
// Everything it needs is in dist/renderer: no request ever leaves this machine. The same server
// is the browser build's host adapter for live sessions (docs/sessions.md, "Across the LAN"): a
// loopback-only control endpoint (/__live/*) lets the page start a session server on an address
// the analyst picks. It runs the TypeScript sources under tsx, like the `spi` CLI.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { startBrowserBuildServer } = await import('../services/live-session/browser-build-server.ts');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../dist/renderer');
if (!existsSync(path.join(root, 'index.html'))) {
  console.error(`${root}/index.html: not built yet. Run "npm run build:renderer" first.`);
  process.exit(2);
}
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 5173);
const server = await startBrowserBuildServer(root, port);
console.log(`SPI Workbench (browser build) at ${server.url}  (Ctrl+C to stop)`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
