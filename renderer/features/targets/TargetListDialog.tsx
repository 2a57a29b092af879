import { useMemo, useState } from 'react';
import type { HostApi } from '../../../shared/contract/host-api';
import { formatWindow } from '../../../shared/domain/outputs/targets/aoristic';
import { TARGET_FORMAT_INFO, TARGET_FORMATS } from '../../../shared/domain/outputs/targets/export';
import { DEFAULT_HANDLING } from '../../../shared/domain/outputs/targets/export-pdf';
import { streetLine } from '../../../shared/domain/outputs/targets/rows';
import { listProfileNames } from '../../../shared/domain/privacy/profile';
import { suppressCount } from '../../../shared/domain/privacy/apply';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { AppState } from '../../state/app-state';
import type { Store } from '../../state/store';
import { buildTargets, designNames, exportTargets, type BuiltTargets } from './target-tasks';
import './targets.css';

export interface TargetListDialogProps {
  state: AppState;
  store: Store;
  host: HostApi;
  engine: Promise<SqlEngine>;
  onClose: () => void;
}

/** "Target list…": a ranked patrol list from a design or the grid layer's hot spots, with exports. */
export function TargetListDialog({ state, store, host, engine, onClose }: TargetListDialogProps) {
  const designs = useMemo(() => designNames(state.doc.documents), [state.doc.documents]);
  const profiles = useMemo(() => listProfileNames(state.doc.documents), [state.doc.documents]);
  const [source, setSource] = useState(designs[0] ?? 'hotspots');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [top, setTop] = useState(10);
  const [privacy, setPrivacy] = useState('internal');
  const [dosage, setDosage] = useState(false);
  const [handling, setHandling] = useState(DEFAULT_HANDLING);
  const [built, setBuilt] = useState<BuiltTargets | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const build = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await buildTargets(state, await engine, { source, from, to, top, privacy, dosage });
      if (r.ok) setBuilt(r.value);
      else {
        setBuilt(null);
        setMessage(r.message);
      }
    } finally {
      setBusy(false);
    }
  };
  const doExport = async (format: (typeof TARGET_FORMATS)[number]) => {
    if (!built) return;
    setBusy(true);
    try {
      setMessage(await exportTargets(store, host, built, format, handling));
    } catch (e) {
      setMessage(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const k = built?.list.profile.suppressBelow ?? 0;

  return (
    <div className="modal-backdrop targets-backdrop" onClick={onClose}>
      <div className="modal targets-dialog" role="dialog" aria-label="Target list" onClick={(e) => e.stopPropagation()}>
        <h2>Target list for patrol</h2>
        <div className="targets-form">
          <label>
            Areas
            <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="targets-source">
              {designs.map((d) => (
                <option key={d} value={d}>
                  Design {d}
                </option>
              ))}
              <option value="hotspots">Hot spots of the grid layer (Gi*, 95%+)</option>
            </select>
          </label>
          <label>
            From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            Top <input type="number" min={1} max={200} value={top} onChange={(e) => setTop(Math.max(1, Number(e.target.value) || 1))} />
          </label>
          <label>
            Privacy
            <select value={privacy} onChange={(e) => setPrivacy(e.target.value)} data-testid="targets-privacy">
              {profiles.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className="targets-check">
            <input type="checkbox" checked={dosage} onChange={(e) => setDosage(e.target.checked)} /> Dosage plan (15-min visits)
          </label>
          <label className="targets-wide">
            Handling caveat <input value={handling} onChange={(e) => setHandling(e.target.value)} />
          </label>
          <button type="button" onClick={() => void build()} disabled={busy || !state.dataset} data-testid="targets-build">
            {busy ? 'Working…' : 'Build list'}
          </button>
        </div>
        {message && <p className="targets-message" role="status">{message}</p>}
        {built && (
          <>
            <p className="targets-note">
              {built.list.source} · {built.list.rows.length} of {built.list.candidates} areas · {built.list.privacy}
            </p>
            <div className="targets-table-wrap">
              <table className="targets-table" data-testid="targets-table">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Area</th>
                    <th>Incidents</th>
                    <th>Nearest street</th>
                    <th>Top address</th>
                    <th>Peak</th>
                    <th>Best windows</th>
                  </tr>
                </thead>
                <tbody>
                  {built.list.rows.map((r) => (
                    <tr key={r.id}>
                      <td>{r.rank}</td>
                      <td>{r.name}</td>
                      <td className="num">{suppressCount(r.total, k)}</td>
                      <td>{streetLine(r)}</td>
                      <td>{r.topAddresses[0] ? `${r.topAddresses[0].address} (${suppressCount(r.topAddresses[0].count, k)})` : ''}</td>
                      <td>
                        {r.peakDays.join(', ')} {r.peakHours[0] ?? ''}
                      </td>
                      <td>{r.windows.slice(0, 2).map(formatWindow).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="targets-exports">
              Export:
              {TARGET_FORMATS.map((f) => (
                <button type="button" key={f} disabled={busy} onClick={() => void doExport(f)} data-testid={`targets-export-${f}`}>
                  {TARGET_FORMAT_INFO[f].label}
                </button>
              ))}
            </div>
          </>
        )}
        <div className="targets-footer">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
