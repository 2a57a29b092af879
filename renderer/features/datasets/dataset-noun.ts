import { recordNoun } from '../../../shared/domain/sources/nouns';
import type { DatasetView } from '../../state/app-state';
import { isCombinationTable } from './combine-sources';

/** The noun of the shown dataset's counts: its kind's ("calls"), "records" for a combination of sources. */
export function datasetNoun(dataset: DatasetView): string {
  if (isCombinationTable(dataset.table)) return 'records (unweighted)';
  return recordNoun(dataset.stored?.meta.kind ?? dataset.imported?.kind ?? 'incidents');
}
