import { useEffect, useState } from 'react';
import { detectExtraColumns, type ExtraColumns } from '../../../shared/domain/explore/extra-columns';
import { detectExploreColumns, type ExploreColumns } from '../../../shared/domain/explore/filters';
import { tableColumnsOf } from '../../../shared/domain/explore/table-query';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';

/** What the table, CompStat and playback know about the dataset's columns and dates. */
export interface TableInfo {
  readonly table: string;
  readonly header: readonly string[];
  readonly columns: ExploreColumns | null;
  readonly extra: ExtraColumns;
  /** Columns the incident table shows. */
  readonly shown: readonly string[];
  /** First and last occurred day (ISO), null without dates. */
  readonly minDay: string | null;
  readonly maxDay: string | null;
}

/** Reads the dataset's header and date extent once per dataset (null while reading or without a dataset). */
export function useTableInfo(enginePromise: Promise<SqlEngine>, dataset: DatasetView | null): TableInfo | null {
  const [info, setInfo] = useState<TableInfo | null>(null);
  useEffect(() => {
    let live = true;
    setInfo(null);
    if (!dataset) return;
    void (async () => {
      const engine = await enginePromise;
      const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(dataset.table)})`);
      const header = described.ok ? described.value.toArray().map((r) => String(r.name)) : [];
      const columns = detectExploreColumns(header);
      let minDay: string | null = null;
      let maxDay: string | null = null;
      if (columns) {
        const r = await engine.query(`SELECT strftime(min(o), '%Y-%m-%d') AS lo, strftime(max(o), '%Y-%m-%d') AS hi FROM (SELECT ${columns.occurred} AS o FROM ${quoteIdent(dataset.table)})`);
        if (r.ok) {
          const lo = r.value.getChild('lo')?.get(0);
          const hi = r.value.getChild('hi')?.get(0);
          minDay = typeof lo === 'string' ? lo : null;
          maxDay = typeof hi === 'string' ? hi : null;
        }
      }
      if (live) setInfo({ table: dataset.table, header, columns, extra: detectExtraColumns(header), shown: tableColumnsOf(header), minDay, maxDay });
    })();
    return () => {
      live = false;
    };
  }, [enginePromise, dataset]);
  return info;
}
