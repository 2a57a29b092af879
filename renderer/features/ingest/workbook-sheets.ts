import { strFromU8 } from 'fflate';
import type { Result } from '../../../shared/base/result';
import { unzipImport } from '../../../shared/domain/ingest/safe-unzip';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';

/**
 * The sheet names of an .xlsx workbook in workbook order (what `spi ingest --sheet` and
 * parseXlsxTable take). Only `xl/workbook.xml` is inflated (through the import's zip checks), so
 * listing a large workbook's sheets costs milliseconds. Not a workbook: an empty list.
 */
export function listWorkbookSheets(bytes: Uint8Array, file: string): Result<string[], IngestError> {
  const unzipped = unzipImport(bytes, file, (name) => name === 'xl/workbook.xml');
  if (!unzipped.ok) return unzipped;
  const wb = unzipped.value['xl/workbook.xml'];
  if (!wb) return { ok: true, value: [] };
  const names = [...strFromU8(wb).matchAll(/<sheet\b[^>]*>/g)].map((m) => decodeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? ''));
  return { ok: true, value: names };
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
