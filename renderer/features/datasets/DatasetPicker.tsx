import { useEffect, useRef, useState } from 'react';
import { combinationKey, formatCombinationLabel, listCombinations, parseCombinationDocument, type CombinationDocument } from '../../../shared/domain/sources/combination';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { CombineDialog } from './CombineDialog';
import { isCombinationTable, showCombination } from './combine-sources';
import { projectDatasets } from './project-datasets';
import { readShownChoice } from './shown-dataset';
import { switchDataset } from './switch-dataset';
import { WeightedAnalysis } from './WeightedAnalysis';
import './datasets.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * "Dataset ▾": lists the open project's datasets (name, kind, rows) and its saved weighted
 * combinations when it holds more than one dataset, and shows the one chosen on the map and in
 * every view that follows the shown dataset. "Combine sources…" makes a new combination. When
 * the project was saved showing another dataset (document `sources/shown`), reopening shows it
 * again. Renders nothing for a project with one dataset (or none).
 */
export function DatasetPicker(props: { state: AppState; store: Store; engine: Promise<SqlEngine> }) {
  const { state, store, engine } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [combining, setCombining] = useState(false);
  const restored = useRef<readonly unknown[] | null>(null);
  const { createdAt } = state.project;
  const datasets = projectDatasets(createdAt);
  const documents = state.doc.documents;
  const combinations = listCombinations(documents);
  const shownTable = state.dataset?.table ?? null;
  const shownCombination = isCombinationTable(shownTable) ? (combinations.find((c) => formatCombinationLabel(c) === state.dataset?.name) ?? null) : null;
  const shownId = shownCombination ? null : (state.dataset?.stored?.meta.id ?? null);
  const shown = datasets.find((d) => d.meta.id === shownId);

  // Reopening a project shows what it showed when saved (once per opened project).
  useEffect(() => {
    // Keyed by the opened datasets (a new list on every open, even of a copy with the same createdAt).
    if (datasets.length < 2 || restored.current === datasets || !state.dataset || state.progress !== '') return;
    restored.current = datasets;
    const choice = readShownChoice(documents);
    if (!choice) return;
    if ('dataset' in choice && choice.dataset !== state.dataset.stored?.meta.id && datasets.some((d) => d.meta.id === choice.dataset)) {
      setBusy(true);
      void switchDataset(store, engine, choice.dataset, { restore: true }).finally(() => setBusy(false));
    } else if ('combination' in choice) {
      const doc = parseCombinationDocument(documents[combinationKey(choice.combination)], combinationKey(choice.combination));
      if (doc.ok) {
        setBusy(true);
        void showCombination(store, engine, doc.value, { save: false, restore: true }).finally(() => setBusy(false));
      }
    }
  }, [createdAt, datasets, documents, state.dataset, state.progress, store, engine]);

  if (datasets.length < 2) return null;
  const choose = async (id: string) => {
    setOpen(false);
    if (id === shownId) return;
    setBusy(true);
    await switchDataset(store, engine, id);
    setBusy(false);
  };
  const chooseCombination = async (doc: CombinationDocument, save: boolean) => {
    setOpen(false);
    setCombining(false);
    setBusy(true);
    await showCombination(store, engine, doc, { save });
    setBusy(false);
  };
  const current = shownCombination ? formatCombinationLabel(shownCombination) : shown ? `${shown.meta.name} (${shown.meta.kind})` : state.dataset ? `${state.dataset.name} (imported)` : 'none';
  return (
    <section className="panel dataset-picker" data-testid="dataset-picker">
      <button type="button" className="dataset-picker-button" aria-haspopup="listbox" aria-expanded={open} disabled={busy} onClick={() => setOpen(!open)}>
        Dataset ▾ <span className="dataset-picker-current">{current}</span>
      </button>
      {open && (
        <ul className="dataset-picker-list" role="listbox" aria-label="Datasets of the project">
          {datasets.map((d) => (
            <li key={d.meta.id} role="option" aria-selected={d.meta.id === shownId}>
              <button type="button" data-testid={`dataset-option-${d.meta.id}`} disabled={!d.table} title={d.table ? `Show ${d.meta.name}` : 'Damaged: cannot be shown'} onClick={() => void choose(d.meta.id)}>
                <span className="dataset-picker-name">{d.meta.name}</span>
                <span className="dataset-picker-kind">{d.meta.kind}</span>
                <span className="dataset-picker-rows">{fmt(d.meta.rows)} rows</span>
              </button>
            </li>
          ))}
          {combinations.map((c) => (
            <li key={`combination-${c.name}`} role="option" aria-selected={c === shownCombination}>
              <button type="button" data-testid={`combination-option-${c.name}`} title={`Show ${formatCombinationLabel(c)}`} onClick={() => void chooseCombination(c, false)}>
                <span className="dataset-picker-name">{formatCombinationLabel(c)}</span>
                <span className="dataset-picker-kind">weighted combination</span>
                <span className="dataset-picker-rows">{c.sources.length} sources</span>
              </button>
            </li>
          ))}
          <li className="dataset-picker-combine">
            <button type="button" onClick={() => { setOpen(false); setCombining(true); }}>
              Combine sources…
            </button>
          </li>
        </ul>
      )}
      {shownCombination && (
        <p className="dataset-combination-note" data-testid="combination-label">
          <strong>{formatCombinationLabel(shownCombination)}.</strong> The map draws every record once; the filter count, map layers and the Analysis panel count each record once too. Weighted counts: below.
        </p>
      )}
      {shownCombination && <WeightedAnalysis doc={shownCombination} createdAt={createdAt} engine={engine} />}
      {combining && <CombineDialog datasets={datasets} onApply={(doc) => void chooseCombination(doc, true)} onClose={() => setCombining(false)} />}
    </section>
  );
}
