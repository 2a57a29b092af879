/**
 * Autosave / crash recovery: one file per key in `<userData>/autosave/<key>.bin`, each written
 * atomically so a crash during an autosave never destroys the previous autosave.
 *
 * File layout: 8 bytes magic `SPIAUTO1`, a uint32 little-endian header length, a UTF-8 JSON
 * header `{"savedAt": ...}`, then the payload bytes unchanged.
 */
import { mkdir, readFile } from 'node:fs/promises';
import nodePath from 'node:path';
import type { AppError } from '../../shared/base/errors';
import { err, ok, type Result } from '../../shared/base/result';
import type { AutosaveEntry } from '../../shared/contract/host-api';
import { writeFileAtomic } from './atomic-write';
import { errnoCode, toReadError } from './node-errors';

const MAGIC = new TextEncoder().encode('SPIAUTO1');
/** Sub-folder of the user-data folder that holds the autosaves. */
export const AUTOSAVE_DIR_NAME = 'autosave';
/** Header lengths beyond this are treated as corruption, not allocated. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Put/get of autosave entries. */
export interface AutosaveStore {
  /** Stores `entry` under `entry.key`, replacing an earlier one. */
  put(entry: AutosaveEntry): Promise<Result<void, AppError>>;
  /** Reads the entry stored under `key`; `null` when there is none. */
  get(key: string): Promise<Result<AutosaveEntry | null, AppError>>;
}

/** Windows device names (CON, NUL, COM1, ...) that are not usable as file names on Windows. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * Checks that `key` is usable as a file name on every OS: 1-100 of `A-Z a-z 0-9 _ . -`, not
 * starting with a dot (hidden files, `.`/`..`), not ending with a dot, not a Windows device name.
 * The contract's schema already limits the characters; this is defence in depth at the file edge.
 */
export function parseAutosaveKey(key: string): Result<string, AppError> {
  const valid =
    /^[A-Za-z0-9_.-]{1,100}$/.test(key) && !key.startsWith('.') && !key.endsWith('.') && !WINDOWS_DEVICE_NAME.test(key.split('.')[0] ?? '');
  if (valid) return ok(key);
  return err({
    kind: 'invalid-argument',
    name: 'autosave key',
    value: key.slice(0, 100),
    expected: '1-100 letters, digits, "_", "-" or inner "."; not a Windows device name',
  });
}

/** Encodes an entry into the autosave file layout (see the file comment). */
export function encodeAutosave(entry: AutosaveEntry): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ savedAt: entry.savedAt }));
  const out = new Uint8Array(MAGIC.length + 4 + header.length + entry.bytes.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  out.set(entry.bytes, MAGIC.length + 4 + header.length);
  return out;
}

/**
 * Decodes an autosave file for `key`; an error string when the bytes are not in the layout
 * (wrong magic, truncated, bad header). The returned `bytes` is a copy with its own buffer: a view
 * into the file's buffer would send the header across IPC too (structured clone copies whole buffers).
 */
export function decodeAutosave(key: string, data: Uint8Array): Result<AutosaveEntry, string> {
  if (data.length < MAGIC.length + 4 || MAGIC.some((b, i) => data[i] !== b)) return err('not an autosave file');
  const headerLength = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4;
  if (headerLength > MAX_HEADER_BYTES || start + headerLength > data.length) return err('truncated header');
  let savedAt: unknown;
  try {
    savedAt = (JSON.parse(new TextDecoder().decode(data.subarray(start, start + headerLength))) as { savedAt?: unknown }).savedAt;
  } catch {
    return err('unreadable header');
  }
  if (typeof savedAt !== 'string') return err('header without savedAt');
  return ok({ key, savedAt, bytes: data.slice(start + headerLength) });
}

/** Path of the autosave file for an already validated key. */
export function autosavePath(userDataDir: string, key: string): string {
  return nodePath.join(userDataDir, AUTOSAVE_DIR_NAME, `${key}.bin`);
}

/**
 * An autosave store under `<userDataDir>/autosave/` (created on first put). Writes keep no
 * `.bak`: each autosave replaces the last one atomically, which is all crash recovery needs.
 */
export function createAutosaveStore(userDataDir: string): AutosaveStore {
  return {
    async put(entry) {
      const key = parseAutosaveKey(entry.key);
      if (!key.ok) return key;
      const file = autosavePath(userDataDir, key.value);
      try {
        await mkdir(nodePath.dirname(file), { recursive: true });
      } catch (e) {
        return err({ kind: 'io', path: nodePath.dirname(file), message: `cannot create the autosave folder: ${String(e)}` });
      }
      return writeFileAtomic(file, encodeAutosave(entry), { keepBackup: false });
    },
    async get(rawKey) {
      const key = parseAutosaveKey(rawKey);
      if (!key.ok) return key;
      const file = autosavePath(userDataDir, key.value);
      let data: Uint8Array;
      try {
        data = await readFile(file);
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') return ok(null);
        return err(toReadError(file, e));
      }
      const decoded = decodeAutosave(key.value, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (!decoded.ok) return err({ kind: 'file-format', path: file, reason: decoded.error });
      return ok(decoded.value);
    },
  };
}
