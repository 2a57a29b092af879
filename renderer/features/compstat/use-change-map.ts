import { useEffect, useMemo, useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import { chooseExploreCrs, projectLonLat } from '../../../shared/domain/explore/analysis-crs';
import { buildPeriodRowsSql, computeChangeMap, type ChangeMapData } from '../../../shared/domain/explore/compstat-change-map';
import type { Period } from '../../../shared/domain/explore/compstat';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';

/** What the change map needs: null turns it off. */
export interface ChangeMapRequest {
  readonly table: string;
  readonly occurred: string;
  /** Predicate of the other filters (no dates). */
  readonly where: string;
  readonly current: Period;
  readonly previous: Period;
  readonly cell: number;
}

/**
 * Runs the period-rows query and bins the dataset's mapped points (projected once per dataset
 * into the same analysis CRS as the explore layers) into the change map's cells.
 */
export function useChangeMap(enginePromise: Promise<SqlEngine>, dataset: DatasetView | null, req: ChangeMapRequest | null): { data: ChangeMapData | null; error: string | null } {
  const projected = useMemo(() => {
    if (!dataset || !req) return null;
    const { lon, lat, rowId } = dataset.points;
    const crs = chooseExploreCrs(lon, lat);
    return { crs, rowId, ...projectLonLat(lon, lat, crs) };
    // The projection depends on the dataset only; `req` just says whether it is needed yet.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset, req !== null]);
  const [out, setOut] = useState<{ data: ChangeMapData | null; error: string | null }>({ data: null, error: null });
  const key = req ? JSON.stringify(req) : null;
  useEffect(() => {
    if (!req || !projected) {
      setOut({ data: null, error: null });
      return;
    }
    let live = true;
    void (async () => {
      const engine = await enginePromise;
      const r = await engine.query(buildPeriodRowsSql(req.table, req.occurred, req.where, req.current, req.previous));
      if (!live) return;
      if (!r.ok) {
        setOut({ data: null, error: formatAppError(r.error) });
        return;
      }
      const ids = (r.value.getChild('row_id')?.toArray() as Uint32Array | undefined) ?? new Uint32Array(0);
      const bits = (r.value.getChild('period')?.toArray() as Uint8Array | undefined) ?? new Uint8Array(0);
      const m = computeChangeMap(projected, ids, bits, projected.crs, req, req.cell);
      setOut(m.ok ? { data: m.value, error: null } : { data: null, error: formatAppError(m.error) });
    })();
    return () => {
      live = false;
    };
    // `key` stands for `req`'s content (a new object each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enginePromise, projected, key]);
  return out;
}
