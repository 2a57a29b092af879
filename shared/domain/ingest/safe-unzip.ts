import { err, ok, type Result } from '../../base/result';
import { DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, type ZipLimits } from '../project/zip-reader';
import type { IngestError } from './raw-table';

/**
 * Unzips the members of an imported archive (an .xlsx workbook, a zipped shapefile) that
 * `want(name)` selects, with the project reader's defences (shared/domain/project/zip-reader):
 * the central directory is checked BEFORE anything is inflated, so a zip bomb (an entry over
 * 1 MiB with a compression ratio above 200:1, or an archive expanding past the limits), an
 * unsafe member name (`..`, absolute, control characters), a link or an encrypted entry is
 * refused with a message naming the file and the member, instead of filling memory or
 * taking minutes. Errors are `file-format` errors for `path`.
 */
export function unzipImport(bytes: Uint8Array, path: string, want: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<Record<string, Uint8Array>, IngestError> {
  const listed = listZipEntries(bytes, limits);
  if (!listed.ok) {
    const e = listed.error;
    return err({ kind: 'file-format', path, reason: e.kind === 'zip-refused' ? `refused: member ${JSON.stringify(e.entry)} ${e.reason}` : `not a readable zip archive (${e.reason})` });
  }
  const files: Record<string, Uint8Array> = {};
  for (const entry of listed.value) {
    if (!want(entry.name)) continue;
    const read = readZipEntry(bytes, entry);
    if (!read.ok) return err({ kind: 'file-format', path, reason: `not a readable zip archive (${read.error.reason})` });
    files[entry.name] = read.value;
  }
  return ok(files);
}
