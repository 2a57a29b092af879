import { formatAppError } from '../../../shared/base/errors';
import { countByGroup } from '../../../shared/domain/explore/point-buffers';
import { queryIncidentPoints } from '../../../shared/domain/explore/query-incident-points';
import { OFFENSE_GROUPS } from '../../../shared/domain/ingest/nibrs';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';

/** Reads the map points of an engine table into a dataset view. Throws a plain-words Error. */
export async function datasetViewOf(engine: SqlEngine, name: string, table: string): Promise<DatasetView> {
  const points = await queryIncidentPoints(engine, table);
  if (!points.ok) throw new Error(formatAppError(points.error));
  return { name, table, rows: points.value.rows, points: points.value, countsByGroup: countByGroup(points.value.group, OFFENSE_GROUPS.length + 1) };
}
