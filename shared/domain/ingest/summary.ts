/**
 * The import summary: what `spi ingest --json` prints and the import dialog shows. Plain JSON
 * with snake_case keys (a stable, documented output format).
 */
import { z } from '../../base/schema';
import { ColumnMappingSchema } from './mapping';
import { QualityReportSchema } from './quality';
import { QUARANTINE_REASONS } from './reasons';

export const IngestSummarySchema = z.object({
  file: z.string(),
  format: z.enum(['csv', 'xlsx', 'geojson', 'shapefile', 'parquet']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  kind: z.string(),
  table: z.string(),
  quarantine_table: z.string(),
  rows_read: z.number().int().nonnegative(),
  rows_loaded: z.number().int().nonnegative(),
  rows_quarantined: z.number().int().nonnegative(),
  quarantined_by_reason: z.partialRecord(z.enum(QUARANTINE_REASONS), z.number().int().nonnegative()),
  accepted_reasons: z.array(z.enum(QUARANTINE_REASONS)),
  /** Loaded rows that have a problem the analyst accepted, by reason. */
  accepted_rows_by_reason: z.partialRecord(z.enum(QUARANTINE_REASONS), z.number().int().nonnegative()),
  mapping: ColumnMappingSchema,
  mapping_source: z.enum(['given', 'detected']),
  source_crs: z.object({ code: z.string(), name: z.string(), how: z.string() }).nullable(),
  analysis_crs: z.object({ code: z.string(), name: z.string(), reason: z.string() }).nullable(),
  row_numbering: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string(), original: z.string().nullable() })),
  quality: QualityReportSchema,
});
export type IngestSummary = z.infer<typeof IngestSummarySchema>;

/** One paragraph of plain text for the CLI and the dialog's header line. */
export function formatSummaryText(s: IngestSummary): string {
  const pct = (n: number | null) => (n === null ? 'n/a' : `${(n * 100).toFixed(1)}%`);
  const reasons = Object.entries(s.quarantined_by_reason)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([r, n]) => `  ${String(n).padStart(9)}  ${r}`)
    .join('\n');
  const q = s.quality;
  const lines = [
    `${s.file}: ${s.rows_read.toLocaleString('en-US')} rows read = ${s.rows_loaded.toLocaleString('en-US')} loaded + ${s.rows_quarantined.toLocaleString('en-US')} quarantined`,
    reasons ? `Quarantined by reason:\n${reasons}` : 'Nothing quarantined.',
    `Table ${s.table} (${s.columns.length} columns; originals kept under their own names), quarantine in ${s.quarantine_table}.`,
    `Source CRS: ${s.source_crs ? `${s.source_crs.code} ${s.source_crs.name} (${s.source_crs.how})` : 'none (no coordinates)'}; analysis CRS: ${s.analysis_crs ? `${s.analysis_crs.code} ${s.analysis_crs.name} (${s.analysis_crs.reason})` : 'none'}.`,
    `Geocoding hit rate ${pct(q.geocoding.hit_rate)}${q.geocoding.below_85 ? ' — BELOW the 85% minimum (Ratcliffe 2004)' : ' (85% minimum met)'}.`,
    `Dates ${q.dates.occurred_min ?? '?'} to ${q.dates.occurred_max ?? '?'}; ${q.duplicates.case_numbers_with_several_rows.toLocaleString('en-US')} case numbers on several rows; ${q.offenses.rows_unmapped.toLocaleString('en-US')} rows with unmapped offense codes.`,
    ...q.warnings.map((w) => `Warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
