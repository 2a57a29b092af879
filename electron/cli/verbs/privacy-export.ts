/**
 * Sensitive columns in `spi project export`: the dataset and quarantine Parquet parts rewritten
 * without them (and without the quarantine's raw source lines, which hold them too).
 */
import { exportColumns, sensitiveByName } from '../../../shared/domain/privacy/sensitive';
import { toParquetBytes } from '../../../shared/domain/project/arrow-parquet';
import type { Project } from '../../../shared/domain/project/project';

/**
 * The replacement bytes by part path (`datasets/<id>/data.parquet`, `.../quarantine.parquet`)
 * for every dataset with sensitive columns: its recorded `DatasetMeta.sensitive`, else (a project
 * saved before the field existed) the columns whose names identify people. Empty when
 * `includeSensitive`. `omitted` lists `<id>.<column>` left out; `rows` counts dataset rows.
 */
export function maskedDatasetParts(project: Project, includeSensitive: boolean): { parts: Map<string, Uint8Array>; omitted: string[]; rows: number } {
  const parts = new Map<string, Uint8Array>();
  const omitted: string[] = [];
  let rows = 0;
  for (const d of project.datasets) {
    rows += d.table?.numRows ?? d.meta.rows;
    if (includeSensitive || !d.table) continue;
    const names = d.table.schema.fields.map((f) => f.name);
    const sensitive = d.meta.sensitive ?? names.filter((c) => sensitiveByName(c) !== null);
    const data = exportColumns(names, sensitive, false, []);
    if (data.omitted.length > 0) {
      parts.set(`datasets/${d.meta.id}/data.parquet`, toParquetBytes(d.table.select(data.columns)));
      omitted.push(...data.omitted.map((c) => `${d.meta.id}.${c}`));
    }
    if (d.quarantine && sensitive.length > 0) {
      const q = exportColumns(d.quarantine.schema.fields.map((f) => f.name), sensitive, false);
      if (q.omitted.length > 0) {
        parts.set(`datasets/${d.meta.id}/quarantine.parquet`, toParquetBytes(d.quarantine.select(q.columns)));
        omitted.push(...q.omitted.filter((c) => !data.omitted.includes(c)).map((c) => `${d.meta.id}.quarantine.${c}`));
      }
    }
  }
  return { parts, omitted, rows };
}
