// Finds the Electron executable the `electron` npm package installed, if any.
// Kept apart from start.mjs so a test can feed it fake `require` and `exists` functions.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Path of the Electron binary, or null when it is not installed. `require('electron')` from Node
 * returns the binary's path as a string, and throws when the download was skipped
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or failed (no network); the path must also exist on disk.
 * @param {(id: string) => unknown} [requireFn] defaults to a require() rooted at this file
 * @param {(p: string) => boolean} [exists] defaults to fs.existsSync
 * @returns {string | null}
 */
export function findElectronBinary(requireFn = createRequire(import.meta.url), exists = existsSync) {
  try {
    const binary = requireFn('electron');
    return typeof binary === 'string' && binary !== '' && exists(binary) ? binary : null;
  } catch {
    return null;
  }
}
