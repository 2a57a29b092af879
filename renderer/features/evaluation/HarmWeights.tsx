import { useState } from 'react';
import { formatAppError } from '../../../shared/base/errors';
import type { HostApi } from '../../../shared/contract/host-api';
import { parseHarmWeights } from '../../../shared/domain/evaluation/harm';
import { defaultHarmRows, harmRowsOf, harmRowsToCsv, parseHarmRows, type HarmTableRow } from '../../../shared/domain/evaluation/harm-table';
import { OUTCOME_GROUPS } from '../../../shared/domain/evaluation/outcome';

const CSV_FILTER = [{ name: 'Harm weights (CSV)', extensions: ['csv', 'txt'] }];

/**
 * The harm-weighted outcome: a tick box and, when ticked, the editable weights table (offense
 * group, offense code or the default `*`, and a weight >= 0). The workbench ships no harm index,
 * so the table starts at weight 1 everywhere (= plain counts); the analyst edits it or loads a
 * CSV in the format of `spi evaluate --harm` (the same reader). `rows` null = not harm-weighted.
 */
export function HarmWeights({ rows, onChange, host }: { rows: readonly HarmTableRow[] | null; onChange: (rows: readonly HarmTableRow[] | null) => void; host: HostApi }) {
  const [message, setMessage] = useState<string | null>(null);
  const on = rows !== null;
  const set = (i: number, p: Partial<HarmTableRow>) => rows && onChange(rows.map((r, k) => (k === i ? { ...r, ...p } : r)));
  const check = rows ? parseHarmRows(rows) : null;
  const load = async () => {
    const picked = await host.openFiles({ title: 'Load harm weights (CSV: offense_code and/or offense_group, weight)', filters: CSV_FILTER });
    if (!picked.ok) return setMessage(formatAppError(picked.error));
    const file = picked.value[0];
    if (!file) return;
    const parsed = parseHarmWeights(new TextDecoder().decode(file.bytes), file.name);
    if (!parsed.ok) return setMessage(`Not loaded: ${formatAppError(parsed.error)}`);
    onChange(harmRowsOf(parsed.value));
    setMessage(`Loaded ${parsed.value.rows} weight row(s) from ${file.name}.`);
  };
  const download = () => {
    if (!rows) return;
    void host.saveFile({ suggestedName: 'harm-weights.csv', bytes: new TextEncoder().encode(harmRowsToCsv(rows)), filters: CSV_FILTER }).then((r) => setMessage(r.ok ? (r.value.saved ? 'Weights saved as CSV (spi evaluate --harm reads it).' : null) : formatAppError(r.error)));
  };
  return (
    <fieldset className="harm-weights" data-testid="harm-weights">
      <legend>
        <label><input type="checkbox" data-testid="eval-harm" checked={on} onChange={(e) => { onChange(e.target.checked ? defaultHarmRows() : null); setMessage(null); }} /> Harm-weighted outcome</label>
      </legend>
      {!on && <p className="note">Each incident counts 1. Tick to weight each offense (e.g. by a crime harm index); statistics then use Var = Σ w²·n.</p>}
      {rows && (
        <>
          <p className="note">No harm index ships with the workbench: every weight starts at 1 (plain counts). Edit the weights, add offense codes (a code’s own row wins over its group’s; * is the default), or load a CSV as read by <code>spi evaluate --harm</code>.</p>
          <table className="design-table harm-table">
            <thead><tr><th>#</th><th>Applies to</th><th>Group / code</th><th>Weight</th><th /></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-testid={`harm-row-${i + 1}`}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <select aria-label={`row ${i + 1} applies to`} value={r.key} onChange={(e) => { const key = e.target.value as HarmTableRow['key']; set(i, { key, value: key === 'default' ? '*' : key === 'group' ? OUTCOME_GROUPS[0] : '' }); }}>
                      <option value="group">offense group</option>
                      <option value="code">offense code</option>
                      <option value="default">default (*)</option>
                    </select>
                  </td>
                  <td>
                    {r.key === 'group' && (
                      <select aria-label={`row ${i + 1} group`} value={r.value} onChange={(e) => set(i, { value: e.target.value })}>
                        {OUTCOME_GROUPS.map((g) => <option key={g} value={g}>{g}</option>)}
                      </select>
                    )}
                    {r.key === 'code' && <input aria-label={`row ${i + 1} code`} size={6} placeholder="13A" value={r.value} onChange={(e) => set(i, { value: e.target.value })} />}
                    {r.key === 'default' && <span>* (everything else)</span>}
                  </td>
                  <td><input aria-label={`row ${i + 1} weight`} data-testid={`harm-weight-${i + 1}`} size={7} inputMode="decimal" value={r.weight} onChange={(e) => set(i, { weight: e.target.value })} /></td>
                  <td><button type="button" aria-label={`remove row ${i + 1}`} onClick={() => onChange(rows.filter((_, k) => k !== i))}>✕</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="button-row">
            <button type="button" onClick={() => onChange([...rows, { key: 'code', value: '', weight: '1' }])}>Add a code row</button>
            <button type="button" data-testid="harm-load" onClick={() => void load()}>Load weights CSV…</button>
            <button type="button" onClick={download}>Save weights as CSV</button>
            <button type="button" onClick={() => onChange(defaultHarmRows())}>Reset to 1</button>
          </p>
          {check && !check.ok && <p className="error" role="alert" data-testid="harm-error">{formatAppError(check.error)}</p>}
        </>
      )}
      {message && <p className="notice" role="status" data-testid="harm-message">{message}</p>}
    </fieldset>
  );
}
