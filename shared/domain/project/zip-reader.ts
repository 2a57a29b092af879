import { inflateSync } from 'fflate';
import { err, ok, type Result } from '../../base/result';

/**
 * A defensive reader for zip containers that come from someone else. It reads the central
 * directory itself (so it can refuse before inflating anything) and enforces:
 * - entry names: relative, `/`-separated, no `..`, no absolute or drive paths, no backslashes,
 *   no NUL or control characters;
 * - no symbolic links (Unix mode 0120000 in the external attributes) and no encrypted entries;
 * - limits on entry count, total uncompressed size, and per-entry compression ratio (zip bombs);
 * - only stored (0) and deflate (8) methods; the inflated size must equal the declared size.
 * Nothing is ever written to disk here: entries are returned as bytes.
 */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Largest uncompressed/compressed ratio accepted for an entry larger than 1 MiB. */
  maxRatio: number;
}

/** Defaults sized for projects of several million incidents. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntryBytes: 2 * 1024 ** 3 - 1,
  maxRatio: 200,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export type ZipError =
  | { kind: 'zip-damaged'; reason: string }
  | { kind: 'zip-refused'; entry: string; reason: string };

/** Lists the entries of a zip archive, refusing unsafe or oversized archives as a whole. */
export function listZipEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<ZipEntry[], ZipError> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return err({ kind: 'zip-damaged', reason: 'no end-of-central-directory record (truncated or not a zip file)' });
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) return err({ kind: 'zip-damaged', reason: 'ZIP64 archives are not supported' });
  if (count > limits.maxEntries) return err({ kind: 'zip-refused', entry: '*', reason: `${count} entries (limit ${limits.maxEntries})` });
  if (cdOffset + cdSize > eocd) return err({ kind: 'zip-damaged', reason: 'central directory lies outside the file (truncated?)' });
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      return err({ kind: 'zip-damaged', reason: `central directory entry ${i + 1} is damaged` });
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const externalAttributes = view.getUint32(p + 38, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;

    const unsafe = unsafeNameReason(name);
    if (unsafe) return err({ kind: 'zip-refused', entry: name, reason: unsafe });
    if ((externalAttributes >>> 16 & 0o170000) === 0o120000) return err({ kind: 'zip-refused', entry: name, reason: 'symbolic links are not allowed' });
    if (flags & 1) return err({ kind: 'zip-refused', entry: name, reason: 'encrypted entries are not allowed' });
    if (method !== 0 && method !== 8) return err({ kind: 'zip-refused', entry: name, reason: `compression method ${method} is not supported` });
    if (seen.has(name)) return err({ kind: 'zip-refused', entry: name, reason: 'the name appears twice' });
    seen.add(name);
    if (name.endsWith('/')) continue; // folders carry no data
    if (size > limits.maxEntryBytes) return err({ kind: 'zip-refused', entry: name, reason: `${size} bytes uncompressed (limit ${limits.maxEntryBytes})` });
    if (size > 1024 ** 2 && size / Math.max(1, compressedSize) > limits.maxRatio) {
      return err({ kind: 'zip-refused', entry: name, reason: `compression ratio ${(size / Math.max(1, compressedSize)).toFixed(0)}:1 looks like a zip bomb` });
    }
    total += size;
    if (total > limits.maxTotalBytes) return err({ kind: 'zip-refused', entry: name, reason: `archive expands past ${limits.maxTotalBytes} bytes` });
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
  }
  return ok(entries);
}

/**
 * Inflates one entry listed by {@link listZipEntries}; a size mismatch or bad data is an error.
 * Always a fresh buffer (a stored entry is copied), safe to modify or hand on as `.buffer`.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Result<Uint8Array, ZipError> {
  const raw = entryData(bytes, entry);
  if (!raw.ok) return raw;
  if (entry.method === 0) return ok(raw.value.slice());
  try {
    return checkInflated(entry, inflateSync(raw.value, { out: new Uint8Array(entry.size) }));
  } catch (e) {
    return err({ kind: 'zip-damaged', reason: `${entry.name}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/**
 * A platform's raw-deflate decoder (Node's zlib, the browser's DecompressionStream): native code,
 * 3-5x faster than fflate. It must fail (throw or reject) rather than produce more than `size`
 * bytes, so a zip bomb cannot exhaust memory.
 */
export type InflateRaw = (data: Uint8Array, size: number) => Uint8Array | Promise<Uint8Array>;

/**
 * {@link readZipEntry} with a platform decoder for deflated entries (fflate when none is given).
 * A stored entry comes back as a view into `bytes`, not a copy (a stored Parquet part can be
 * 100+ MB and the project reader only reads it): do not modify it.
 */
export async function readZipEntryWith(bytes: Uint8Array, entry: ZipEntry, inflate?: InflateRaw): Promise<Result<Uint8Array, ZipError>> {
  if (!inflate && entry.method !== 0) return readZipEntry(bytes, entry);
  const raw = entryData(bytes, entry);
  if (!raw.ok || entry.method === 0 || !inflate) return raw;
  try {
    return checkInflated(entry, await inflate(raw.value, entry.size));
  } catch (e) {
    return err({ kind: 'zip-damaged', reason: `${entry.name}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** The entry's stored bytes (compressed or not), after checking its local header and bounds. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Result<Uint8Array, ZipError> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.localHeaderOffset;
  if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50) {
    return err({ kind: 'zip-damaged', reason: `${entry.name}: local header is damaged` });
  }
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return err({ kind: 'zip-damaged', reason: `${entry.name}: data is truncated` });
  const raw = bytes.subarray(start, end);
  if (entry.method === 0 && raw.length !== entry.size) return err({ kind: 'zip-damaged', reason: `${entry.name}: stored size does not match` });
  return ok(raw);
}

function checkInflated(entry: ZipEntry, out: Uint8Array): Result<Uint8Array, ZipError> {
  if (out.length !== entry.size) return err({ kind: 'zip-damaged', reason: `${entry.name}: inflated to ${out.length} bytes, expected ${entry.size}` });
  return ok(out);
}

/** Why a name is unsafe to use as a relative path, or null when it is fine. */
export function unsafeNameReason(name: string): string | null {
  if (name === '') return 'empty name';
  if (/[\u0000-\u001f]/.test(name)) return 'control characters in the name';
  if (name.includes('\\')) return 'backslashes in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split('/').some((seg) => seg === '..' || seg === '.')) return '"." or ".." in the path';
  return null;
}

function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

/**
 * Recovery for a truncated archive (its central directory, at the end, is gone): walks the local
 * file headers from the start and lists every entry whose data is complete. Entries written with
 * a trailing data descriptor (sizes unknown up front) stop the walk. The same name and size rules
 * as {@link listZipEntries} apply.
 */
export function scanLocalEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<{ entries: ZipEntry[]; truncatedAt: string | null }, ZipError> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = 0;
  while (p + 30 <= bytes.length && view.getUint32(p, true) === 0x04034b50) {
    const flags = view.getUint16(p + 6, true);
    const method = view.getUint16(p + 8, true);
    const compressedSize = view.getUint32(p + 18, true);
    const size = view.getUint32(p + 22, true);
    const nameLength = view.getUint16(p + 26, true);
    const extraLength = view.getUint16(p + 28, true);
    const name = decoder.decode(bytes.subarray(p + 30, Math.min(bytes.length, p + 30 + nameLength)));
    const dataStart = p + 30 + nameLength + extraLength;
    if (flags & 8) return ok({ entries, truncatedAt: name });
    const unsafe = unsafeNameReason(name);
    if (unsafe) return err({ kind: 'zip-refused', entry: name, reason: unsafe });
    if (flags & 1) return err({ kind: 'zip-refused', entry: name, reason: 'encrypted entries are not allowed' });
    if (method !== 0 && method !== 8) return err({ kind: 'zip-refused', entry: name, reason: `compression method ${method} is not supported` });
    if (dataStart + compressedSize > bytes.length) return ok({ entries, truncatedAt: name });
    if (entries.length + 1 > limits.maxEntries) return err({ kind: 'zip-refused', entry: '*', reason: `more than ${limits.maxEntries} entries` });
    if (size > limits.maxEntryBytes || (size > 1024 ** 2 && size / Math.max(1, compressedSize) > limits.maxRatio)) {
      return err({ kind: 'zip-refused', entry: name, reason: 'entry too large or too compressed' });
    }
    total += size;
    if (total > limits.maxTotalBytes) return err({ kind: 'zip-refused', entry: name, reason: `archive expands past ${limits.maxTotalBytes} bytes` });
    if (!name.endsWith('/')) entries.push({ name, method, compressedSize, size, localHeaderOffset: p });
    p = dataStart + compressedSize;
  }
  return ok({ entries, truncatedAt: p < bytes.length ? `(bytes after offset ${p})` : null });
}
