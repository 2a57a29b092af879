import { formatAppError } from '../../../shared/base/errors';
import { buildWeightedUnionSql, combinationKey, formatCombinationLabel, toCombinationLogEntry, type CombinationDocument, type UnionPart } from '../../../shared/domain/sources/combination';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { Store } from '../../state/store';
import { basemapFor, logEntry } from '../project/project-tasks';
import { datasetViewOf } from '../workbench/dataset-view';
import { projectDatasets } from './project-datasets';
import { ensureDatasetLoaded } from './source-tables';
import { SHOWN_DOCUMENT } from './shown-dataset';

/** Engine tables of combinations start with this prefix (how the picker knows one is shown). */
export const COMBINATION_TABLE_PREFIX = 'combo_';

/** The engine table of combination `name`. */
export function combinationTableName(name: string): string {
  return `${COMBINATION_TABLE_PREFIX}${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/** True when the shown dataset is a weighted combination. */
export function isCombinationTable(table: string | undefined | null): boolean {
  return !!table && table.startsWith(COMBINATION_TABLE_PREFIX);
}

/**
 * Loads every source of `doc` and the parts of its weighted union, in the document's order.
 * Throws a plain-words Error naming a missing or damaged dataset.
 */
export async function combinationParts(engine: SqlEngine, createdAt: string, doc: CombinationDocument): Promise<UnionPart[]> {
  const parts: UnionPart[] = [];
  for (const s of doc.sources) {
    const { table } = await ensureDatasetLoaded(engine, createdAt, s.dataset);
    parts.push({ table, dataset: s.dataset, weight: s.weight });
  }
  return parts;
}

/**
 * Shows combination `doc`: builds its weighted union table (every record of each source with
 * `source_dataset` and `source_weight`) and makes it the shown dataset, labelled as a weighted
 * combination with its weights. With `save`, the document is kept as `sources/<name>` and the
 * log gets `sources.combine`; otherwise (re-showing a saved one) the switch is logged as
 * `dataset.show`. The project's datasets are saved unchanged: the union table is never
 * written, the stored bytes of a source stand for the shown dataset.
 */
export async function showCombination(store: Store, enginePromise: Promise<SqlEngine>, doc: CombinationDocument, opts: { save: boolean; restore?: boolean }): Promise<boolean> {
  const { project } = store.getState();
  const label = formatCombinationLabel(doc);
  try {
    store.dispatch({ type: 'progress', message: `Combining ${doc.sources.map((s) => s.dataset).join(', ')}…` });
    const engine = await enginePromise;
    const parts = await combinationParts(engine, project.createdAt, doc);
    const table = combinationTableName(doc.name);
    const created = await engine.query(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS ${buildWeightedUnionSql(parts)}`);
    if (!created.ok) throw new Error(formatAppError(created.error));
    // What a save writes for the shown dataset: the first source with stored bytes, unchanged.
    const all = projectDatasets(project.createdAt);
    const stand = [...doc.sources.map((s) => all.find((d) => d.meta.id === s.dataset)), ...all].find((d) => d?.parquet !== undefined);
    if (!stand) throw new Error('none of the project datasets has stored bytes to save back (save the project once first)');
    const dataset = { ...(await datasetViewOf(engine, label, table)), stored: { meta: stand.meta, parquet: stand.parquet } };
    if (opts.save) store.dispatch({ type: 'set-document', path: combinationKey(doc.name), value: doc, log: toCombinationLogEntry(doc, 'analyst') });
    store.dispatch({
      type: 'dataset-loaded',
      dataset,
      basemap: store.getState().basemap ?? basemapFor(project.layers, dataset, project.title),
      ...(opts.save || opts.restore ? {} : { log: logEntry('dataset.show', { combination: doc.name, sources: doc.sources.map((s) => ({ dataset: s.dataset, weight: s.weight })) }, label) }),
    });
    if (!opts.restore) store.dispatch({ type: 'set-document', path: SHOWN_DOCUMENT, value: { combination: doc.name } });
    return true;
  } catch (e) {
    store.dispatch({ type: 'failed', message: `Could not combine the sources (${label}): ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
}
