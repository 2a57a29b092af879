// `npm start` (after `npm run build`): runs the desktop app when Electron's binary is installed,
// otherwise serves the browser build of the same renderer on 127.0.0.1 (see serve.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = findElectronBinary();

if (binary !== null) {
  // `electron <repo>` loads package.json "main" (dist/electron/main.cjs). Extra arguments (a file
  // to open) are passed on. ELECTRON_RUN_AS_NODE would make the binary a plain Node: drop it.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (e) => {
    console.error(`Could not start Electron (${binary}): ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal !== null ? 1 : 0)));
} else {
  console.log(
    "Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 or no network); " +
      'serving the browser build instead',
  );
  await import('./serve.mjs');
}
