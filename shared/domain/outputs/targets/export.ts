/**
 * One entry point for every target-list format (bytes out), and the project log entry that
 * records an export: format, rows, privacy profile and the SHA-256 of the bytes written.
 */
import { sha256Hex } from '../../../base/hash';
import type { LogEntry } from '../../project/manifest';
import type { TargetList } from './build';
import { formatTargetsGeoJson, formatTargetsGpx, formatTargetsKml } from './export-geo';
import { DEFAULT_HANDLING, formatTargetsPdf, type PdfFonts } from './export-pdf';
import { formatTargetsCsv, formatTargetsXlsx } from './export-tabular';
import type { StreetIndex } from './streets';

/** The formats a target list exports to. */
export const TARGET_FORMATS = ['pdf', 'csv', 'xlsx', 'geojson', 'kml', 'gpx'] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];

/** File extension and media type of each format. */
export const TARGET_FORMAT_INFO: Readonly<Record<TargetFormat, { readonly extension: string; readonly mediaType: string; readonly label: string }>> = {
  pdf: { extension: 'pdf', mediaType: 'application/pdf', label: 'PDF patrol sheet' },
  csv: { extension: 'csv', mediaType: 'text/csv', label: 'CSV' },
  xlsx: { extension: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  geojson: { extension: 'geojson', mediaType: 'application/geo+json', label: 'GeoJSON' },
  kml: { extension: 'kml', mediaType: 'application/vnd.google-earth.kml+xml', label: 'KML' },
  gpx: { extension: 'gpx', mediaType: 'application/gpx+xml', label: 'GPX' },
};

/** True for a known format name. */
export function isTargetFormat(s: string): s is TargetFormat {
  return (TARGET_FORMATS as readonly string[]).includes(s);
}

/** Options shared by the formats; `fonts` is needed for PDF only. */
export interface TargetExportOptions {
  readonly handling?: string;
  readonly fonts?: PdfFonts;
  readonly streets?: StreetIndex | null;
  readonly title?: string;
  readonly agency?: string;
}

/**
 * The list in `format` as bytes (UTF-8 for text formats). PDF without fonts is a programming
 * error (the caller loads the shipped DejaVu fonts) and throws.
 */
export async function exportTargetList(list: TargetList, format: TargetFormat, o: TargetExportOptions = {}): Promise<Uint8Array> {
  const handling = o.handling ?? DEFAULT_HANDLING;
  const utf8 = (s: string) => new TextEncoder().encode(s);
  switch (format) {
    case 'csv':
      return utf8(formatTargetsCsv(list));
    case 'xlsx':
      return formatTargetsXlsx(list, handling);
    case 'geojson':
      return utf8(formatTargetsGeoJson(list, handling));
    case 'kml':
      return utf8(formatTargetsKml(list, handling));
    case 'gpx':
      return utf8(formatTargetsGpx(list, handling));
    case 'pdf':
      if (!o.fonts) throw new Error('exportTargetList: PDF needs fonts');
      return formatTargetsPdf(list, { fonts: o.fonts, handling, streets: o.streets ?? null, title: o.title, agency: o.agency });
  }
}

/**
 * The log entry of an export (action `export.targets`): format, file name, rows, source,
 * period, the privacy profile (name and statement) and the SHA-256 of the bytes, so a copy found
 * later can be traced to this export.
 */
export async function toTargetExportLogEntry(
  list: TargetList,
  format: TargetFormat,
  bytes: Uint8Array,
  file: string,
  by: string,
  dataHashes: Record<string, string> = {},
): Promise<LogEntry> {
  return {
    at: new Date().toISOString(),
    by,
    action: 'export.targets',
    parameters: {
      format,
      file,
      count: list.rows.length,
      // The export log's common fields (privacy/export-log.ts): a target list holds areas and
      // aggregated counts, never a person's field, so sensitive fields are never included.
      rows: list.rows.length,
      includeSensitive: false,
      source: list.source,
      period: list.period ? `${list.period.from}..${list.period.to}` : null,
      privacy: list.profile.name,
      privacyStatement: list.privacy,
      fileSha256: await sha256Hex(bytes),
      bytes: bytes.length,
    },
    dataHashes,
  };
}
