import { useState } from 'react';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { projectDatasets } from './project-datasets';
import { switchDataset } from './switch-dataset';
import './datasets.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * "Dataset ▾": lists the open project's datasets (name, kind, rows) when it holds more than one,
 * and shows the one chosen on the map and in every view that follows the shown dataset.
 * Renders nothing for a project with one dataset (or none).
 */
export function DatasetPicker(props: { state: AppState; store: Store; engine: Promise<SqlEngine> }) {
  const { state, store, engine } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const datasets = projectDatasets(state.project.createdAt);
  if (datasets.length < 2) return null;
  const shownId = state.dataset?.stored?.meta.id ?? null;
  const shown = datasets.find((d) => d.meta.id === shownId);
  const choose = async (id: string) => {
    setOpen(false);
    if (id === shownId) return;
    setBusy(true);
    await switchDataset(store, engine, id);
    setBusy(false);
  };
  return (
    <section className="panel dataset-picker" data-testid="dataset-picker">
      <button type="button" className="dataset-picker-button" aria-haspopup="listbox" aria-expanded={open} disabled={busy} onClick={() => setOpen(!open)}>
        Dataset ▾ <span className="dataset-picker-current">{shown ? `${shown.meta.name} (${shown.meta.kind})` : state.dataset ? `${state.dataset.name} (imported)` : 'none'}</span>
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
        </ul>
      )}
    </section>
  );
}
