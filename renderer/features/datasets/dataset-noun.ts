import { recordNoun } from '../../../shared/domain/sources/nouns';
import type { DatasetView } from '../../state/app-state';
import { isCombinationTable } from './combine-sources';

/**
 * The noun of the shown dataset's counts: its kind's ("calls"); "records" for a combination of
 * sources, followed by the weighted total of the filtered points on the map when it is known
 * (`weightedTotal`: the sum of their `source_weight`), as "records, weighted total 987.5".
 */
export function datasetNoun(dataset: DatasetView, weightedTotal: number | null = null): string {
  if (isCombinationTable(dataset.table)) {
    return weightedTotal === null ? 'records' : `records, weighted total ${weightedTotal.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  }
  return recordNoun(dataset.stored?.meta.kind ?? dataset.imported?.kind ?? 'incidents');
}
