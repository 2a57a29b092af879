import { useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { useStore, type Store } from '../../state/store';
import { appendTargetOf, canUndoAppend, confirmAppend, lastAppendFile, previewAppend, undoAppend, type AppendPreview } from './append-task';
import './append.css';

const EXPORT_FILTER = [{ name: 'RMS export (CSV, Excel, Parquet, GeoJSON)', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'parquet', 'geojson', 'json'] }];
const f = (n: number) => n.toLocaleString('en-US');
// The panel remounts when the appended data reloads the workbench: the outcome line outlives it.
let lastDone: string | null = null;

/**
 * "Append newer export…": picks a newer export of the same kind for the shown dataset, shows
 * what the case-number deduplication would do (added / changed / unchanged / kept, quarantined
 * rows) and, on confirm, replaces the dataset in the project (logged with the data hashes).
 * "Undo append" restores the previous data until the project is saved.
 */
export function AppendData({ store, host, engine }: { store: Store; host: HostApi; engine: Promise<SqlEngine> }) {
  const dataset = useStore(store, (s) => s.dataset);
  useStore(store, (s) => s.dataDirty);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<AppendPreview | null>(null);
  const [done, setDoneState] = useState<string | null>(lastDone);
  const setDone = (m: string | null) => {
    lastDone = m;
    setDoneState(m);
  };
  if (!dataset) return null;
  const kind = dataset.stored?.meta.kind ?? dataset.imported?.kind ?? 'incidents';

  const pick = async () => {
    setError(null);
    setDone(null);
    setPreview(null);
    const e = await engine;
    const target = await appendTargetOf(store, e);
    if (!target.ok) return setError(target.error);
    const picked = await host.openFiles({ title: `Append a newer ${kind} export to ${dataset.name}`, filters: EXPORT_FILTER });
    if (!picked.ok) return setError(formatAppError(picked.error));
    const file = picked.value[0];
    if (!file) return;
    setBusy(`Reading ${file.name} with the saved mapping and comparing case numbers…`);
    try {
      const p = await previewAppend(e, target.value, file.name, file.bytes);
      if (p.ok) setPreview(p.value);
      else setError(p.error);
    } catch (x) {
      setError(`${file.name} was not appended, nothing changed: ${x instanceof Error ? x.message : String(x)}`);
    } finally {
      setBusy(null);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy('Replacing the dataset…');
    try {
      await confirmAppend(store, await engine, preview);
      const c = preview.result.counts;
      setDone(`Appended ${preview.fileName}: ${f(c.added)} added, ${f(c.changed)} changed, ${f(c.unchanged)} unchanged; ${f(c.rowsBefore)} → ${f(c.rowsAfter)} rows. Logged with the data hashes; save the project to keep it.`);
      setPreview(null);
    } catch (x) {
      setError(`Nothing changed: ${x instanceof Error ? x.message : String(x)}`);
    } finally {
      setBusy(null);
    }
  };
  const c = preview?.result.counts;
  return (
    <section className="panel append-data" data-testid="append-data">
      <h3>Newer data</h3>
      <p className="note">Add a newer export of the same kind to <b>{dataset.name}</b>: read with its saved column mapping, deduplicated by case number (same code as <code>spi project append</code>).</p>
      <p className="button-row">
        <button type="button" data-testid="append-pick" disabled={busy !== null} onClick={() => void pick()}>Append newer export…</button>
        {canUndoAppend(store) && (
          <button type="button" data-testid="append-undo" onClick={() => { const file = lastAppendFile() ?? 'the append'; if (undoAppend(store)) setDone(`Undone: ${file} removed, the previous data is shown again (logged).`); }}>Undo append</button>
        )}
      </p>
      {busy && <p className="progress" role="status">{busy}</p>}
      {error && <p className="error" role="alert" data-testid="append-error">{error}</p>}
      {preview && c && (
        <div className="append-preview" data-testid="append-preview">
          <table className="design-table">
            <caption>{preview.fileName} against {dataset.name} (cases by case number)</caption>
            <tbody>
              <tr data-testid="append-added"><td>Added (new cases)</td><td className="num">{f(c.added)}</td></tr>
              <tr data-testid="append-changed"><td>Changed (replaced by the export’s rows)</td><td className="num">{f(c.changed)}</td></tr>
              <tr data-testid="append-unchanged"><td>Unchanged</td><td className="num">{f(c.unchanged)}</td></tr>
              <tr><td>Kept (only in the project)</td><td className="num">{f(c.kept)}</td></tr>
              <tr data-testid="append-quarantined"><td>Export rows quarantined (not loaded)</td><td className="num">{f(c.exportRowsQuarantined)}{c.quarantineAdded !== c.exportRowsQuarantined ? ` (${f(c.quarantineAdded)} new to the quarantine)` : ''}</td></tr>
              <tr><td>Rows before → after</td><td className="num">{f(c.rowsBefore)} → {f(c.rowsAfter)}</td></tr>
            </tbody>
          </table>
          {(c.columnsOnlyInExport.length > 0 || c.columnsOnlyInProject.length > 0) && (
            <p className="note">Columns only in the export: {c.columnsOnlyInExport.join(', ') || 'none'}; only in the project: {c.columnsOnlyInProject.join(', ') || 'none'}.</p>
          )}
          <p className="small muted">Data SHA-256 before {preview.result.hashes.before.slice(0, 12)}…, after {preview.result.hashes.after.slice(0, 12)}…, export {preview.result.hashes.export?.slice(0, 12) ?? '—'}… (all three go to the project log).</p>
          <p className="button-row">
            <button type="button" className="primary" data-testid="append-confirm" disabled={busy !== null} onClick={() => void confirm()}>Replace the data ({f(c.rowsAfter)} rows)</button>
            <button type="button" onClick={() => setPreview(null)}>Cancel</button>
          </p>
        </div>
      )}
      {done && <p className="notice" role="status" data-testid="append-done">{done}</p>}
    </section>
  );
}
