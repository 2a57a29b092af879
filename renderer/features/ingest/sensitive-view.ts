/**
 * The renderer's view of sensitive fields: which columns of the shown dataset are masked, and
 * the task that reveals one value (logged in the project log, never the value itself).
 */
import { detectSensitiveColumns } from '../../../shared/domain/privacy/sensitive';
import { toRevealLogEntry } from '../../../shared/domain/privacy/export-log';
import type { DatasetView } from '../../state/app-state';
import type { Store } from '../../state/store';

/**
 * The sensitive columns of a dataset: as marked at import, else as recorded in the project
 * (`DatasetMeta.sensitive`), else (a project saved before the field existed, or the built-in
 * sample) detected from the names of `columns`, so nothing identifying is shown unmasked by default.
 */
export function sensitiveColumnsOf(dataset: Pick<DatasetView, 'sensitive' | 'stored'> | null, columns: readonly string[]): readonly string[] {
  if (!dataset) return [];
  const recorded = dataset.sensitive ?? dataset.stored?.meta.sensitive;
  if (recorded) return recorded;
  return detectSensitiveColumns(columns, []).map((c) => c.column);
}

/** Reveals one masked value: appends `privacy.reveal` (dataset, column, row) to the project log. */
export function logReveal(store: Store, dataset: string, column: string, rowId: number): void {
  store.dispatch({ type: 'append-log', entry: toRevealLogEntry(dataset, column, rowId, 'analyst') });
}
